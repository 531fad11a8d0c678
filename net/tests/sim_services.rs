//! UDP, ICMP echo, ARP and DHCP between two instances of the stack; B plays the DHCP
//! server with scripted answers.

mod common;

use common::*;
use net::wire::dhcp::{DhcpRepr, MessageType};
use net::{InterfaceConfig, Ipv4Config, NetEvent, PingError, UdpHandle};
use std::net::Ipv4Addr;

#[test]
fn udp_echo_and_arp_queue() {
    let mut sim = Sim::new(Impairment::default(), 1);
    let server = sim.b.udp_bind(7).unwrap();
    let client = sim.a.udp_bind(0).unwrap();
    // Three datagrams before ARP has resolved: all wait in the queue, none is lost.
    for i in 0..3u8 {
        sim.a.udp_send_to(client, B_IP, 7, &[i; 10]).unwrap();
    }
    let mut got = Vec::new();
    sim.run_until(1_000, |s| {
        let mut buf = [0u8; 64];
        while let Ok(Some((n, from, port))) = s.b.udp_recv_from(server, &mut buf) {
            assert_eq!(from, A_IP);
            s.b.udp_send_to(server, from, port, &buf[..n]).unwrap();
        }
        while let Ok(Some((n, _, _))) = s.a.udp_recv_from(client, &mut buf) {
            got.push(buf[..n].to_vec());
        }
        got.len() == 3
    });
    assert_eq!(got, vec![vec![0u8; 10], vec![1u8; 10], vec![2u8; 10]]);
    assert_eq!(
        sim.a.udp_send_to(client, B_IP, 7, &[0; 2000]),
        Err(net::UdpError::TooLarge)
    );
    assert_eq!(sim.b.udp_bind(7), Err(net::UdpError::AddressInUse));
    // Nobody on port 9: dropped and counted.
    sim.a.udp_send_to(client, B_IP, 9, b"x").unwrap();
    sim.run_until(100, |_| false);
    assert_eq!(sim.b.counters().drops.no_socket, 1);
}

#[test]
fn arp_gives_up_on_silent_neighbour() {
    let mut sim = Sim::new(Impairment::default(), 2);
    let client = sim.a.udp_bind(0).unwrap();
    sim.a
        .udp_send_to(client, Ipv4Addr::new(192, 168, 69, 99), 7, b"x")
        .unwrap();
    sim.run_until(5_000, |_| false);
    assert_eq!(sim.a.counters().drops.arp_failed, 1);
    // Off-link without a gateway: no route.
    assert_eq!(
        sim.a
            .udp_send_to(client, Ipv4Addr::new(8, 8, 8, 8), 53, b"x"),
        Err(net::UdpError::NoRoute)
    );
}

#[test]
fn ping_answers_and_timeouts() {
    let mut sim = Sim::new(
        Impairment {
            delay_ms: 3,
            ..Default::default()
        },
        3,
    );
    let p = sim.a.ping(B_IP, 1_000).unwrap();
    let mut rtt = None;
    sim.run_until(2_000, |s| {
        rtt = s.a.ping_result(p).unwrap();
        rtt.is_some()
    });
    // The first ping also waits for ARP: two round trips of 6 ms.
    assert!(matches!(rtt, Some(12..=14)), "{rtt:?}");
    sim.imp.loss = 1.0;
    let p = sim.a.ping(B_IP, 1_000).unwrap();
    sim.run_until(1_500, |_| false);
    assert_eq!(sim.a.ping_result(p), Err(PingError::TimedOut));
    assert_eq!(sim.a.ping_result(p), Err(PingError::InvalidHandle));
}

/// B as a DHCP server handing out 192.168.69.50.
fn dhcp_server(sim: &mut Sim, server: UdpHandle, answered: &mut Vec<MessageType>) {
    let mut buf = [0u8; 1500];
    while let Ok(Some((n, _, _))) = sim.b.udp_recv_from(server, &mut buf) {
        let req = DhcpRepr::parse(&buf[..n]).unwrap();
        let kind = req.message_type.unwrap();
        answered.push(kind);
        let mut reply = DhcpRepr::client(req.xid, req.client_mac, MessageType::Offer);
        reply.op = 2;
        reply.request_params = false;
        reply.your_ip = Ipv4Addr::new(192, 168, 69, 50);
        reply.server_id = Some(B_IP);
        reply.subnet_mask = Some(Ipv4Addr::new(255, 255, 255, 0));
        reply.router = Some(B_IP);
        reply.dns_servers = vec![B_IP];
        reply.lease_secs = Some(20);
        if kind == MessageType::Request {
            reply.message_type = Some(MessageType::Ack);
        }
        sim.b
            .udp_send_to(server, Ipv4Addr::BROADCAST, 68, &reply.to_bytes())
            .unwrap();
    }
}

#[test]
fn dhcp_binds_and_renews() {
    let a = InterfaceConfig::dhcp(A_MAC, 5);
    let b = InterfaceConfig::fixed(B_MAC, config(B_IP), 6);
    let mut sim = Sim::with(
        a,
        b,
        Impairment {
            delay_ms: 1,
            ..Default::default()
        },
        4,
    );
    let server = sim.b.udp_bind(67).unwrap();
    let mut answered = Vec::new();
    let mut events = Vec::new();
    sim.run_until(3_000, |s| {
        dhcp_server(s, server, &mut answered);
        while let Some(e) = s.a.poll_event() {
            events.push(e);
        }
        false
    });
    let expected = Ipv4Config {
        addr: Ipv4Addr::new(192, 168, 69, 50),
        prefix_len: 24,
        gateway: Some(B_IP),
        dns_servers: vec![B_IP],
    };
    assert_eq!(events, vec![NetEvent::DhcpBound(expected.clone())]);
    assert_eq!(answered, vec![MessageType::Discover, MessageType::Request]);
    assert_eq!(sim.a.ipv4_config(), Some(&expected));
    // T1 is at 10 s: a unicast REQUEST renews the lease, and nothing changes.
    sim.run_until(12_000, |s| {
        dhcp_server(s, server, &mut answered);
        false
    });
    assert_eq!(answered.len(), 3);
    assert_eq!(sim.a.poll_event(), None);
    // The address works: B can ping it.
    let p = sim.b.ping(Ipv4Addr::new(192, 168, 69, 50), 1000).unwrap();
    sim.run_until(100, |_| false);
    assert!(matches!(sim.b.ping_result(p), Ok(Some(_))));
}

#[test]
fn dhcp_falls_back_after_timeout() {
    let a = InterfaceConfig::dhcp(A_MAC, 5);
    let b = InterfaceConfig::fixed(B_MAC, config(B_IP), 6);
    let mut sim = Sim::with(a, b, Impairment::default(), 4);
    sim.run_until(9_900, |_| false);
    assert_eq!(sim.a.poll_event(), None);
    sim.run_until(200, |_| false);
    assert_eq!(
        sim.a.poll_event(),
        Some(NetEvent::DhcpFallback(Ipv4Config::qemu_fallback()))
    );
    assert_eq!(
        sim.a.ipv4_config().map(|c| c.addr),
        Some(Ipv4Addr::new(10, 0, 2, 15))
    );
}

#[test]
fn off_link_traffic_goes_via_the_gateway() {
    let a_config = Ipv4Config {
        gateway: Some(B_IP),
        ..config(A_IP)
    };
    let a = InterfaceConfig::fixed(A_MAC, a_config, 1);
    let b = InterfaceConfig::fixed(B_MAC, config(B_IP), 2);
    let mut sim = Sim::with(a, b, Impairment::default(), 13);
    let sock = sim.a.udp_bind(0).unwrap();
    // Simulated only: the frame never leaves the two in-memory stacks.
    sim.a
        .udp_send_to(sock, Ipv4Addr::new(198, 51, 100, 7), 9, b"via gw")
        .unwrap();
    sim.run_until(100, |_| false);
    // B resolved as the next hop (ARP), got the frame at its MAC, and, not being a router,
    // counted it as not for it.
    assert_eq!(sim.b.counters().drops.not_for_us, 1);
    assert_eq!(sim.a.counters().drops.arp_failed, 0);
}
