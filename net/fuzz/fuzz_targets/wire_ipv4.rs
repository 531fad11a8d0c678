#![no_main]
//! IPv4 header view: every accessor on an accepted packet, then a re-emit that must parse.
use libfuzzer_sys::fuzz_target;
use net::wire::ipv4::{Ipv4Packet, Ipv4Repr};

fuzz_target!(|data: &[u8]| {
    if let Ok(p) = Ipv4Packet::new_checked(data) {
        let _ = (p.header_len(), p.total_len(), p.is_fragment(), p.ttl(), p.protocol());
        let repr = Ipv4Repr::parse(&p);
        let payload = p.payload();
        let mut out = vec![0u8; 20 + payload.len()];
        repr.emit(&mut out).unwrap();
        out[20..].copy_from_slice(payload);
        let again = Ipv4Packet::new_checked(&out).unwrap();
        assert_eq!(Ipv4Repr::parse(&again), repr);
    }
});
