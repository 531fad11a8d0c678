#![no_main]
//! ICMP parser and emitter.
use libfuzzer_sys::fuzz_target;
use net::wire::icmp::IcmpRepr;

fuzz_target!(|data: &[u8]| {
    if let Ok(repr) = IcmpRepr::parse(data) {
        let mut out = vec![0u8; repr.buffer_len()];
        repr.emit(&mut out).unwrap();
        if !matches!(repr, IcmpRepr::Other { .. }) {
            assert_eq!(IcmpRepr::parse(&out).unwrap(), repr);
        }
    }
});
