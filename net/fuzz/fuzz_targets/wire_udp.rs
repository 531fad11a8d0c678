#![no_main]
//! UDP parser with arbitrary addresses (the first 8 bytes), then a round trip.
use libfuzzer_sys::fuzz_target;
use net::wire::udp::UdpRepr;
use std::net::Ipv4Addr;

fuzz_target!(|data: &[u8]| {
    if data.len() < 8 {
        return;
    }
    let src = Ipv4Addr::new(data[0], data[1], data[2], data[3]);
    let dst = Ipv4Addr::new(data[4], data[5], data[6], data[7]);
    if let Ok(repr) = UdpRepr::parse(&data[8..], src, dst) {
        let mut out = vec![0u8; repr.buffer_len()];
        repr.emit(&mut out, src, dst).unwrap();
        assert_eq!(UdpRepr::parse(&out, src, dst).unwrap(), repr);
    }
});
