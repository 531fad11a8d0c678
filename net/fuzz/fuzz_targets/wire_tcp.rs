#![no_main]
//! TCP parser (options included). The checksum is fixed up first so the fuzzer reaches the
//! option walker; accepted segments must round-trip through the emitter.
use libfuzzer_sys::fuzz_target;
use net::wire::checksum;
use net::wire::tcp::TcpRepr;
use std::net::Ipv4Addr;

fuzz_target!(|data: &[u8]| {
    let src = Ipv4Addr::new(10, 0, 0, 1);
    let dst = Ipv4Addr::new(10, 0, 0, 2);
    let mut seg = data.to_vec();
    if seg.len() >= 20 {
        seg[16] = 0;
        seg[17] = 0;
        let sum = checksum::of_transport(src, dst, 6, &seg);
        seg[16..18].copy_from_slice(&sum.to_be_bytes());
    }
    if let Ok(repr) = TcpRepr::parse(&seg, src, dst) {
        let _ = repr.segment_len();
        let mut out = vec![0u8; repr.buffer_len()];
        repr.emit(&mut out, src, dst).unwrap();
        let again = TcpRepr::parse(&out, src, dst).unwrap();
        assert_eq!((again.seq, again.ack, again.flags, again.payload), (repr.seq, repr.ack, repr.flags, repr.payload));
        assert_eq!((again.mss, again.window_scale, again.sack_permitted), (repr.mss, repr.window_scale, repr.sack_permitted));
    }
});
