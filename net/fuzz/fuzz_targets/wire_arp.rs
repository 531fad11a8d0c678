#![no_main]
//! ARP parser: anything it accepts must re-emit to the same 28 bytes.
use libfuzzer_sys::fuzz_target;
use net::wire::arp::{ArpRepr, PACKET_LEN};

fuzz_target!(|data: &[u8]| {
    if let Ok(repr) = ArpRepr::parse(data) {
        let mut out = [0u8; PACKET_LEN];
        repr.emit(&mut out).unwrap();
        assert_eq!(&out[..], &data[..PACKET_LEN]);
    }
});
