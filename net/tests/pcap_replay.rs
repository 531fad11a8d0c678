//! Real packets: captures made with tcpdump of the Linux stack and dnsmasq (see
//! tests/pcap/make_captures.sh). Each is parsed with our wire views, re-emitted where our
//! emitters can express it (and compared byte for byte), and fed to our stack, whose answers
//! are compared with what Linux answered.

mod common;

use common::pcap::load;
use net::wire::arp::{ArpOperation, ArpRepr};
use net::wire::dhcp::{DhcpRepr, MessageType};
use net::wire::dns::{build_query, DnsMessage, Rcode, RecordData, RecordType};
use net::wire::ethernet::{EtherType, EthernetFrame, EthernetRepr, HEADER_LEN};
use net::wire::icmp::IcmpRepr;
use net::wire::ipv4::{Ipv4Packet, Ipv4Repr, Protocol};
use net::wire::tcp::TcpRepr;
use net::wire::udp::UdpRepr;
use net::{Interface, InterfaceConfig, Ipv4Config, MacAddr};
use std::net::Ipv4Addr;

const HOST_A: Ipv4Addr = Ipv4Addr::new(10, 88, 0, 1);
const HOST_B: Ipv4Addr = Ipv4Addr::new(10, 88, 0, 2);
const MAC_A: MacAddr = MacAddr([2, 0, 0, 0x88, 0, 1]);
const MAC_B: MacAddr = MacAddr([2, 0, 0, 0x88, 0, 2]);

fn ip(frame: &[u8]) -> Ipv4Packet<'_> {
    let eth = EthernetFrame::new_checked(frame).unwrap();
    assert_eq!(eth.ethertype(), EtherType::IPV4);
    Ipv4Packet::new_checked(eth.payload()).unwrap()
}

/// Our stack playing host B of the captures.
fn host_b() -> Interface {
    let config = Ipv4Config {
        addr: HOST_B,
        prefix_len: 24,
        gateway: None,
        dns_servers: vec![],
    };
    Interface::new(InterfaceConfig::fixed(MAC_B, config, 1))
}

#[test]
fn ethernet_and_ipv4_headers_round_trip() {
    for name in ["arp_icmp", "tcp", "udp", "dns", "dhcp"] {
        for frame in load(name) {
            let eth = EthernetFrame::new_checked(&frame).unwrap();
            let mut header = [0u8; HEADER_LEN];
            EthernetRepr::parse(&eth).emit(&mut header).unwrap();
            assert_eq!(&header[..], &frame[..HEADER_LEN]);
            if eth.ethertype() != EtherType::IPV4 {
                continue;
            }
            let packet = Ipv4Packet::new_checked(eth.payload()).unwrap();
            assert!(!packet.is_fragment());
            // Linux sets DF on everything here and sends no options, as we do.
            let mut out = [0u8; 20];
            Ipv4Repr::parse(&packet).emit(&mut out).unwrap();
            if packet.dscp_ecn() == 0 && packet.dont_fragment() {
                assert_eq!(&out[..], &eth.payload()[..20], "{name}");
            }
        }
    }
}

#[test]
fn arp_and_icmp_from_linux() {
    let frames = load("arp_icmp");
    assert_eq!(frames.len(), 6);
    let request =
        ArpRepr::parse(EthernetFrame::new_checked(&frames[0]).unwrap().payload()).unwrap();
    assert_eq!(request.operation, ArpOperation::Request);
    assert_eq!(
        (request.sender_ip, request.sender_mac, request.target_ip),
        (HOST_A, MAC_A, HOST_B)
    );
    let mut out = [0u8; 28];
    request.emit(&mut out).unwrap();
    assert_eq!(&out[..], &frames[0][14..42]);

    // Our stack as B answers the ARP request exactly as Linux did.
    let mut b = host_b();
    b.receive(&frames[0], 0);
    let reply = b.transmit().expect("ARP reply");
    assert_eq!(reply, frames[1]);

    // And the echo request with the same ICMP reply.
    let echo = ip(&frames[2]);
    let IcmpRepr::EchoRequest { ident, seq, data } = IcmpRepr::parse(echo.payload()).unwrap()
    else {
        panic!("not an echo request")
    };
    assert_eq!((seq, data.len()), (1, 56));
    let mut icmp = vec![0u8; 64];
    IcmpRepr::EchoRequest { ident, seq, data }
        .emit(&mut icmp)
        .unwrap();
    assert_eq!(icmp, echo.payload());
    b.receive(&frames[2], 1);
    let ours = b.transmit().expect("echo reply");
    let linux = ip(&frames[3]);
    let our_reply = ip(&ours);
    assert_eq!(our_reply.payload(), linux.payload());
    assert_eq!(
        (our_reply.src(), our_reply.dst()),
        (linux.src(), linux.dst())
    );
    assert_eq!(&ours[..14], &frames[3][..14]);
}

#[test]
fn tcp_segments_from_linux() {
    let frames = load("tcp");
    let segments: Vec<TcpRepr> = frames
        .iter()
        .map(|f| {
            let p = ip(f);
            assert_eq!(p.protocol(), Protocol::TCP);
            TcpRepr::parse(p.payload(), p.src(), p.dst()).expect("checksum and options parse")
        })
        .collect();
    let syn = &segments[0];
    assert!(syn.flags.syn() && !syn.flags.ack());
    assert_eq!(
        (syn.mss, syn.sack_permitted, syn.window_scale),
        (Some(1460), true, Some(10))
    );
    let syn_ack = &segments[1];
    assert!(syn_ack.flags.syn() && syn_ack.flags.ack());
    assert_eq!(syn_ack.ack, syn.seq.wrapping_add(1));
    let sent: usize = segments
        .iter()
        .filter(|s| s.src_port != 7000)
        .map(|s| s.payload.len())
        .sum();
    let back: usize = segments
        .iter()
        .filter(|s| s.src_port == 7000)
        .map(|s| s.payload.len())
        .sum();
    assert_eq!((sent, back), (3072, 400));
    assert!(segments.iter().filter(|s| s.flags.fin()).count() == 2);
    // A flipped payload bit must fail the checksum.
    let mut bad = frames[3].clone();
    let last = bad.len() - 1;
    bad[last] ^= 1;
    let p = ip(&bad);
    assert!(TcpRepr::parse(p.payload(), p.src(), p.dst()).is_err());
}

#[test]
fn our_stack_answers_a_linux_syn() {
    let frames = load("tcp");
    let mut b = host_b();
    let listener = b.tcp_listen(7000, 1).unwrap();
    // Teach B where A is, as the ARP exchange before the capture did.
    b.receive(&load("arp_icmp")[0], 0);
    while b.transmit().is_some() {}
    b.receive(&frames[0], 1);
    let syn_ack = b.transmit().expect("SYN-ACK");
    let p = ip(&syn_ack);
    let seg = TcpRepr::parse(p.payload(), p.src(), p.dst()).unwrap();
    let syn = {
        let p = ip(&frames[0]);
        TcpRepr::parse(p.payload(), p.src(), p.dst()).unwrap()
    };
    assert!(seg.flags.syn() && seg.flags.ack());
    assert_eq!(seg.ack, syn.seq.wrapping_add(1));
    assert_eq!(seg.mss, Some(1460));
    assert!(seg.window_scale.is_some());
    assert_eq!(b.tcp_accept(listener), Ok(None));
}

#[test]
fn udp_from_linux() {
    let frames = load("udp");
    let p = ip(&frames[0]);
    let repr = UdpRepr::parse(p.payload(), p.src(), p.dst()).unwrap();
    assert_eq!((repr.dst_port, repr.payload), (7001, &b"hello udp"[..]));
    let mut out = vec![0u8; repr.buffer_len()];
    repr.emit(&mut out, p.src(), p.dst()).unwrap();
    assert_eq!(out, p.payload());
    let p = ip(&frames[1]);
    assert_eq!(
        UdpRepr::parse(p.payload(), p.src(), p.dst())
            .unwrap()
            .payload,
        b"HELLO UDP"
    );
}

#[test]
fn dns_from_dnsmasq() {
    let frames = load("dns");
    let msgs: Vec<(Vec<u8>, DnsMessage)> = frames
        .iter()
        .map(|f| {
            let p = ip(f);
            let udp = UdpRepr::parse(p.payload(), p.src(), p.dst()).unwrap();
            (
                udp.payload.to_vec(),
                DnsMessage::parse(udp.payload).unwrap(),
            )
        })
        .collect();
    // Our query builder writes the same bytes as the capture's client.
    assert_eq!(
        msgs[0].0,
        build_query(0x1000, "www.example.test", RecordType::A).unwrap()
    );
    let www = Ipv4Addr::new(10, 88, 0, 99);
    assert_eq!(msgs[1].1.answers[0].data, RecordData::A(www));
    assert!(msgs[1].1.is_response);
    // dnsmasq compresses the CNAME target and the A owner name with pointers.
    let alias = &msgs[3].1;
    assert_eq!(alias.answers[0].name, "alias.example.test");
    assert_eq!(
        alias.answers[0].data,
        RecordData::Cname("www.example.test".into())
    );
    assert_eq!(alias.answers[1].name, "www.example.test");
    assert_eq!(alias.answers[1].data, RecordData::A(www));
    assert!(
        msgs[3].0.windows(2).any(|w| w[0] & 0xc0 == 0xc0),
        "expected compression"
    );
    assert_eq!(msgs[5].1.rcode, Rcode::NAME_ERROR);
}

#[test]
fn dhcp_from_dnsmasq() {
    let frames = load("dhcp");
    let parsed: Vec<DhcpRepr> = frames
        .iter()
        .map(|f| {
            let p = ip(f);
            let udp = UdpRepr::parse(p.payload(), p.src(), p.dst()).unwrap();
            DhcpRepr::parse(udp.payload).unwrap()
        })
        .collect();
    let kinds: Vec<_> = parsed.iter().map(|d| d.message_type.unwrap()).collect();
    assert_eq!(
        kinds,
        [
            MessageType::Discover,
            MessageType::Offer,
            MessageType::Request,
            MessageType::Ack
        ]
    );
    let ack = &parsed[3];
    assert_eq!(ack.xid, 0x2a2a_2a2a);
    assert!((50..=60).contains(&ack.your_ip.octets()[3]));
    assert_eq!(ack.server_id, Some(HOST_B));
    assert_eq!(ack.router, Some(HOST_B));
    assert_eq!(ack.dns_servers, vec![HOST_B]);
    assert_eq!(ack.subnet_mask, Some(Ipv4Addr::new(255, 255, 255, 0)));
    assert_eq!(ack.lease_secs, Some(3600));
    // Re-emitting keeps every field we understand.
    assert_eq!(
        DhcpRepr::parse(&ack.to_bytes()).unwrap().your_ip,
        ack.your_ip
    );
}

#[test]
fn every_captured_frame_through_the_stack() {
    let config = Ipv4Config {
        addr: HOST_A,
        prefix_len: 24,
        gateway: None,
        dns_servers: vec![],
    };
    let mut a = Interface::new(InterfaceConfig::fixed(MAC_A, config, 2));
    let mut total = 0;
    for name in ["arp_icmp", "tcp", "udp", "dns", "dhcp"] {
        for (i, frame) in load(name).iter().enumerate() {
            a.receive(frame, i as u64);
            // Every truncation of every frame too: dropped and counted, never a panic.
            for cut in 0..frame.len() {
                a.receive(&frame[..cut], i as u64);
            }
            a.poll(i as u64);
            while a.transmit().is_some() {}
            total += 1;
        }
    }
    let c = a.counters();
    assert_eq!(c.rx_packets as usize, total + load_lengths());
    assert!(c.drops.truncated > 0);
}

fn load_lengths() -> usize {
    ["arp_icmp", "tcp", "udp", "dns", "dhcp"]
        .iter()
        .flat_map(|n| load(n))
        .map(|f| f.len())
        .sum()
}
