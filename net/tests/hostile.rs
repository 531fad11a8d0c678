//! Bad input: captured frames with random corruption (checksums repaired half the time so
//! the damage reaches the parsers behind them), random garbage, and every truncation, fed
//! to a stack with listening, connected and UDP sockets, a DNS lookup and a DHCP client.
//! Nothing may panic; drops must be counted.

mod common;

use common::pcap::load;
use common::TestRng;
use net::wire::checksum;
use net::{Interface, InterfaceConfig, Ipv4Config, MacAddr};
use std::net::Ipv4Addr;

const HOST_A: Ipv4Addr = Ipv4Addr::new(10, 88, 0, 1);
const MAC_A: MacAddr = MacAddr([2, 0, 0, 0x88, 0, 1]);

/// Recomputes the IPv4 header checksum and the UDP/TCP/ICMP checksum of a frame, where the
/// lengths allow it.
fn repair(frame: &mut [u8]) {
    if frame.len() < 34 || frame[12..14] != [8, 0] {
        return;
    }
    let ihl = usize::from(frame[14] & 0x0f) * 4;
    if ihl < 20 || frame.len() < 14 + ihl {
        return;
    }
    frame[24] = 0;
    frame[25] = 0;
    let sum = checksum::of(&frame[14..14 + ihl]);
    frame[24..26].copy_from_slice(&sum.to_be_bytes());
    let total = usize::from(u16::from_be_bytes([frame[16], frame[17]]));
    if total < ihl || frame.len() < 14 + total {
        return;
    }
    let src = Ipv4Addr::new(frame[26], frame[27], frame[28], frame[29]);
    let dst = Ipv4Addr::new(frame[30], frame[31], frame[32], frame[33]);
    let protocol = frame[23];
    let l4 = &mut frame[14 + ihl..14 + total];
    let at = match protocol {
        1 => 2,
        6 => 16,
        17 => 6,
        _ => return,
    };
    if l4.len() < at + 2 {
        return;
    }
    l4[at] = 0;
    l4[at + 1] = 0;
    let sum = if protocol == 1 {
        checksum::of(l4)
    } else {
        checksum::of_transport(src, dst, protocol, l4)
    };
    l4[at..at + 2].copy_from_slice(&sum.to_be_bytes());
}

fn victim(dhcp: bool) -> Interface {
    let config = Ipv4Config {
        addr: HOST_A,
        prefix_len: 24,
        gateway: Some(Ipv4Addr::new(10, 88, 0, 2)),
        dns_servers: vec![Ipv4Addr::new(10, 88, 0, 2)],
    };
    let mut iface = if dhcp {
        Interface::new(InterfaceConfig::dhcp(MAC_A, 3))
    } else {
        Interface::new(InterfaceConfig::fixed(MAC_A, config, 3))
    };
    if !dhcp {
        iface.tcp_listen(7000, 8).unwrap();
        iface.udp_bind(7001).unwrap();
        iface
            .tcp_connect(Ipv4Addr::new(10, 88, 0, 2), 7000)
            .unwrap();
        iface.dns_resolve("www.example.test").unwrap();
    }
    iface
}

#[test]
fn corrupted_captures_never_panic() {
    let frames: Vec<Vec<u8>> = ["arp_icmp", "tcp", "udp", "dns", "dhcp"]
        .iter()
        .flat_map(|n| load(n))
        .collect();
    let mut rng = TestRng::new(99);
    for dhcp in [false, true] {
        let mut iface = victim(dhcp);
        let mut now = 0;
        for round in 0..20_000u32 {
            let mut f = frames[rng.next() as usize % frames.len()].clone();
            let flips = 1 + rng.next() % 4;
            for _ in 0..flips {
                let i = rng.next() as usize % f.len();
                f[i] ^= 1 << (rng.next() % 8);
            }
            if rng.next().is_multiple_of(4) {
                let cut = rng.next() as usize % f.len();
                f.truncate(cut);
            }
            if round.is_multiple_of(2) {
                repair(&mut f);
            }
            iface.receive(&f, now);
            now += rng.next() % 50;
            iface.poll(now);
            while iface.transmit().is_some() {}
        }
        let c = iface.counters();
        assert_eq!(c.rx_packets, 20_000);
        assert!(c.drops.total() > 1_000, "{c:?}");
        assert!(
            c.drops.bad_checksum > 0 && c.drops.malformed + c.drops.truncated > 0,
            "{c:?}"
        );
    }
}

#[test]
fn random_garbage_never_panics() {
    let mut rng = TestRng::new(7);
    let mut iface = victim(false);
    for i in 0..20_000u64 {
        let len = (rng.next() % 1600) as usize;
        let mut f = rng.bytes(len);
        if i.is_multiple_of(3) && f.len() >= 14 {
            f[..6].copy_from_slice(&MAC_A.0); // addressed to us
            f[12] = 8;
            f[13] = if i.is_multiple_of(2) { 0 } else { 6 };
        }
        iface.receive(&f, i);
        iface.poll(i);
        while iface.transmit().is_some() {}
    }
    assert!(iface.counters().drops.total() >= 19_000);
}

#[test]
fn fragments_are_dropped_and_counted() {
    let mut iface = victim(false);
    let mut frame = load("udp")[0].clone();
    frame[0..6].copy_from_slice(&MAC_A.0);
    frame[30..34].copy_from_slice(&HOST_A.octets());
    frame[20] |= 0x20; // More Fragments
    repair(&mut frame);
    iface.receive(&frame, 0);
    frame[20] = 0;
    frame[21] = 10; // offset 80 bytes
    repair(&mut frame);
    iface.receive(&frame, 0);
    assert_eq!(iface.counters().drops.fragment, 2);
}
