#![no_main]
//! The stack's receive path. The input is a list of frames (two-byte length prefix each).
//! The first byte picks how frames are presented: raw Ethernet frames, or TCP segments /
//! UDP datagrams wrapped in valid Ethernet and IPv4 headers with correct checksums so the
//! fuzzer reaches the TCP state machine, the DHCP client and the DNS resolver. Time moves
//! forward between frames so timers run too.
use libfuzzer_sys::fuzz_target;
use net::wire::checksum;
use net::wire::ethernet::{EtherType, EthernetRepr};
use net::wire::ipv4::{Ipv4Repr, Protocol};
use net::{Interface, InterfaceConfig, Ipv4Config, MacAddr};
use std::net::Ipv4Addr;

const OURS: Ipv4Addr = Ipv4Addr::new(10, 0, 2, 15);
const PEER: Ipv4Addr = Ipv4Addr::new(10, 0, 2, 2);
const OUR_MAC: MacAddr = MacAddr([2, 0, 0, 0, 0, 15]);
const PEER_MAC: MacAddr = MacAddr([2, 0, 0, 0, 0, 2]);

fn wrap(protocol: Protocol, mut l4: Vec<u8>) -> Vec<u8> {
    let (sum_at, min) = if protocol == Protocol::TCP { (16, 20) } else { (6, 8) };
    if l4.len() >= min {
        if protocol == Protocol::UDP {
            let len = l4.len() as u16;
            l4[4..6].copy_from_slice(&len.to_be_bytes());
        }
        l4[sum_at] = 0;
        l4[sum_at + 1] = 0;
        let sum = checksum::of_transport(PEER, OURS, protocol.0, &l4);
        l4[sum_at..sum_at + 2].copy_from_slice(&sum.to_be_bytes());
    }
    let mut frame = vec![0u8; 34 + l4.len()];
    let eth = EthernetRepr { dst: OUR_MAC, src: PEER_MAC, ethertype: EtherType::IPV4 };
    eth.emit(&mut frame).unwrap();
    let ip = Ipv4Repr { src: PEER, dst: OURS, protocol, payload_len: l4.len(), ttl: 64, ident: 1 };
    if ip.emit(&mut frame[14..]).is_err() {
        return Vec::new();
    }
    frame[34..].copy_from_slice(&l4);
    frame
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, mut rest)) = data.split_first() else { return };
    let config = Ipv4Config { addr: OURS, prefix_len: 24, gateway: Some(PEER), dns_servers: vec![PEER] };
    let mut iface = Interface::new(InterfaceConfig::fixed(OUR_MAC, config, 7));
    let listener = iface.tcp_listen(80, 4).unwrap();
    let udp = iface.udp_bind(5353).unwrap();
    let _client = iface.tcp_connect(PEER, 8080).unwrap();
    let _dns = iface.dns_resolve("example.test");
    let mut now = 0;
    let mut buf = [0u8; 2048];
    while rest.len() >= 2 {
        let len = usize::from(u16::from_be_bytes([rest[0], rest[1]])).min(rest.len() - 2);
        let chunk = &rest[2..2 + len];
        rest = &rest[2 + len..];
        let frame = match mode % 3 {
            0 => chunk.to_vec(),
            1 => wrap(Protocol::TCP, chunk.to_vec()),
            _ => wrap(Protocol::UDP, chunk.to_vec()),
        };
        iface.receive(&frame, now);
        now += 37;
        iface.poll(now);
        while iface.transmit().is_some() {}
        if let Ok(Some(h)) = iface.tcp_accept(listener) {
            let _ = iface.tcp_send(h, b"hello");
            let _ = iface.tcp_recv(h, &mut buf);
        }
        let _ = iface.udp_recv_from(udp, &mut buf);
    }
    iface.poll(now + 200_000);
});
