#![no_main]
//! Ethernet header view and emitter: parse, re-emit, compare.
use libfuzzer_sys::fuzz_target;
use net::wire::ethernet::{EthernetFrame, EthernetRepr, HEADER_LEN};

fuzz_target!(|data: &[u8]| {
    if let Ok(frame) = EthernetFrame::new_checked(data) {
        let mut out = [0u8; HEADER_LEN];
        EthernetRepr::parse(&frame).emit(&mut out).unwrap();
        assert_eq!(&out[..], &data[..HEADER_LEN]);
        let _ = frame.payload();
    }
});
