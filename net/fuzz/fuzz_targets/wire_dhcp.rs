#![no_main]
//! DHCP parser; accepted messages must survive a re-emit.
use libfuzzer_sys::fuzz_target;
use net::wire::dhcp::DhcpRepr;

fuzz_target!(|data: &[u8]| {
    if let Ok(repr) = DhcpRepr::parse(data) {
        let again = DhcpRepr::parse(&repr.to_bytes()).unwrap();
        assert_eq!((again.xid, again.your_ip, again.message_type), (repr.xid, repr.your_ip, repr.message_type));
    }
});
