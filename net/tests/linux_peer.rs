//! Our stack on a TAP device in a network namespace the test creates, talking to the Linux
//! stack: 10 MB each way over TCP (verified by hash), Linux connecting to our listener,
//! ping both ways, DHCP and DNS against dnsmasq. Every address is inside the namespace.
//! Without root the tests print why they skip and pass.

mod linux;

use linux::*;
use net::{DnsError, Interface, InterfaceConfig, Ipv4Config, MacAddr, NetEvent, TcpState};
use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::time::Duration;

const LINUX_IP: Ipv4Addr = Ipv4Addr::new(10, 77, 0, 1);
const OUR_IP: Ipv4Addr = Ipv4Addr::new(10, 77, 0, 2);
const OUR_MAC: MacAddr = MacAddr([0x02, 0x00, 0x00, 0x77, 0x00, 0x02]);
const SIZE: usize = 10 * 1024 * 1024;

fn our_stack() -> Interface {
    let config = Ipv4Config {
        addr: OUR_IP,
        prefix_len: 24,
        gateway: Some(LINUX_IP),
        dns_servers: vec![LINUX_IP],
    };
    Interface::new(InterfaceConfig::fixed(OUR_MAC, config, 0x5eed))
}

/// Sends `out` and receives everything until the peer closes, on one connection.
fn exchange(
    iface: &mut Interface,
    dev: &mut TapDevice,
    h: net::TcpHandle,
    out: &[u8],
    limit: Duration,
) -> Vec<u8> {
    let mut sent = 0;
    let mut got = Vec::with_capacity(SIZE);
    let mut buf = vec![0u8; 65536];
    let mut closed = false;
    let mut peer_done = false;
    let ok = drive(iface, dev, limit, |i| {
        if sent < out.len() {
            sent += i.tcp_send(h, &out[sent..]).unwrap_or(0);
        } else if !closed {
            i.tcp_close(h).unwrap();
            closed = true;
        }
        loop {
            match i.tcp_recv(h, &mut buf) {
                Ok(0) => break,
                Ok(n) => got.extend_from_slice(&buf[..n]),
                Err(_) => {
                    peer_done = true;
                    break;
                }
            }
        }
        peer_done && closed && i.tcp_socket(h).map(|s| s.send_queue()).unwrap_or(0) == 0
    });
    assert!(
        ok,
        "exchange stalled: sent {sent}, got {}, state {:?}",
        got.len(),
        iface.tcp_state(h)
    );
    got
}

#[test]
fn tcp_10mb_each_way_with_linux_server() {
    if skip("tcp_10mb_each_way_with_linux_server") {
        return;
    }
    let Some(ns) = Netns::for_test("tcp_10mb_each_way_with_linux_server", "10.77.0.1/24") else {
        return;
    };
    let mut dev = TapDevice::new(&ns, OUR_MAC);
    if ns.netem(&["delay", "2ms", "loss", "0.5%"]) {
        println!("netem: 2 ms delay, 0.5% loss on the Linux side");
    } else {
        println!(
            "netem not available in this kernel: using 2 ms delay and 0.5% loss in the TAP glue"
        );
        dev.delay_ms = 2;
        dev.loss = 0.005;
    }
    let ours = pattern(1, SIZE);
    let theirs = pattern(2, SIZE);
    let theirs_copy = theirs.clone();
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    let server = ns.thread(move || {
        let l = TcpListener::bind((LINUX_IP, 5001)).unwrap();
        ready_tx.send(()).unwrap();
        let (mut s, _) = l.accept().unwrap();
        let mut reader = s.try_clone().unwrap();
        let recv = std::thread::spawn(move || {
            let mut got = Vec::new();
            reader.read_to_end(&mut got).unwrap();
            got
        });
        s.write_all(&theirs_copy).unwrap();
        s.shutdown(std::net::Shutdown::Write).unwrap();
        recv.join().unwrap()
    });
    ready_rx.recv().unwrap();
    let mut iface = our_stack();
    let h = iface.tcp_connect(LINUX_IP, 5001).unwrap();
    let start = std::time::Instant::now();
    let got = exchange(&mut iface, &mut dev, h, &ours, Duration::from_secs(240));
    let linux_got = server.join().unwrap();
    println!(
        "10 MB each way in {:.1} s, {} frames dropped by the impairment, counters {:?}",
        start.elapsed().as_secs_f64(),
        dev.dropped,
        iface.counters()
    );
    assert_eq!(got.len(), SIZE);
    assert_eq!(fnv1a(&got), fnv1a(&theirs), "Linux -> us differs");
    assert_eq!(linux_got.len(), SIZE);
    assert_eq!(fnv1a(&linux_got), fnv1a(&ours), "us -> Linux differs");
}

#[test]
fn tcp_with_heavy_loss_and_reordering_against_linux() {
    if skip("tcp_with_heavy_loss_and_reordering_against_linux") {
        return;
    }
    let Some(ns) = Netns::for_test(
        "tcp_with_heavy_loss_and_reordering_against_linux",
        "10.77.0.1/24",
    ) else {
        return;
    };
    let mut dev = TapDevice::new(&ns, OUR_MAC);
    dev.delay_ms = 3;
    dev.loss = 0.03;
    dev.reorder = 0.05;
    let size = 2 * 1024 * 1024;
    let ours = pattern(5, size);
    let theirs = pattern(6, size);
    let theirs_copy = theirs.clone();
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    let server = ns.thread(move || {
        let l = TcpListener::bind((LINUX_IP, 5002)).unwrap();
        ready_tx.send(()).unwrap();
        let (mut s, _) = l.accept().unwrap();
        let mut reader = s.try_clone().unwrap();
        let recv = std::thread::spawn(move || {
            let mut got = Vec::new();
            reader.read_to_end(&mut got).unwrap();
            got
        });
        s.write_all(&theirs_copy).unwrap();
        s.shutdown(std::net::Shutdown::Write).unwrap();
        recv.join().unwrap()
    });
    ready_rx.recv().unwrap();
    let mut iface = our_stack();
    let h = iface.tcp_connect(LINUX_IP, 5002).unwrap();
    let start = std::time::Instant::now();
    let got = exchange(&mut iface, &mut dev, h, &ours, Duration::from_secs(240));
    let linux_got = server.join().unwrap();
    println!(
        "2 MB each way with 3% loss and 5% reordering in {:.1} s ({} frames dropped)",
        start.elapsed().as_secs_f64(),
        dev.dropped
    );
    assert_eq!(fnv1a(&got), fnv1a(&theirs));
    assert_eq!(fnv1a(&linux_got), fnv1a(&ours));
}

#[test]
fn linux_connects_to_our_listener() {
    if skip("linux_connects_to_our_listener") {
        return;
    }
    let Some(ns) = Netns::for_test("linux_connects_to_our_listener", "10.77.0.1/24") else {
        return;
    };
    let mut dev = TapDevice::new(&ns, OUR_MAC);
    let mut iface = our_stack();
    let listener = iface.tcp_listen(8080, 4).unwrap();
    let ours = pattern(3, SIZE);
    let theirs = pattern(4, SIZE);
    let theirs_copy = theirs.clone();
    let client = ns.thread(move || {
        let mut s = TcpStream::connect((OUR_IP, 8080)).unwrap();
        let mut reader = s.try_clone().unwrap();
        let recv = std::thread::spawn(move || {
            let mut got = Vec::new();
            reader.read_to_end(&mut got).unwrap();
            got
        });
        s.write_all(&theirs_copy).unwrap();
        s.shutdown(std::net::Shutdown::Write).unwrap();
        recv.join().unwrap()
    });
    let mut conn = None;
    assert!(drive(&mut iface, &mut dev, Duration::from_secs(10), |i| {
        conn = i.tcp_accept(listener).unwrap();
        conn.is_some()
    }));
    let h = conn.unwrap();
    let got = exchange(&mut iface, &mut dev, h, &ours, Duration::from_secs(240));
    let linux_got = client.join().unwrap();
    assert_eq!(fnv1a(&got), fnv1a(&theirs));
    assert_eq!(got.len(), SIZE);
    assert_eq!(fnv1a(&linux_got), fnv1a(&ours));
    // Our side closed after Linux: we pass through LAST-ACK to CLOSED.
    assert!(drive(&mut iface, &mut dev, Duration::from_secs(5), |i| {
        matches!(
            i.tcp_state(h),
            Ok(TcpState::Closed) | Ok(TcpState::TimeWait)
        )
    }));
}

#[test]
fn ping_both_ways() {
    if skip("ping_both_ways") {
        return;
    }
    let Some(ns) = Netns::for_test("ping_both_ways", "10.77.0.1/24") else {
        return;
    };
    let mut dev = TapDevice::new(&ns, OUR_MAC);
    let mut iface = our_stack();
    let p = iface.ping(LINUX_IP, 2000).unwrap();
    let mut rtt = None;
    assert!(drive(&mut iface, &mut dev, Duration::from_secs(3), |i| {
        rtt = i.ping_result(p).unwrap();
        rtt.is_some()
    }));
    // Linux pings us while our loop runs on this thread.
    let pinger = ns.thread(|| {
        std::process::Command::new("ping")
            .args(["-c", "2", "-W", "2", "10.77.0.2"])
            .output()
            .map(|o| o.status.success())
    });
    drive(&mut iface, &mut dev, Duration::from_secs(4), |_| {
        pinger.is_finished()
    });
    match pinger.join().unwrap() {
        Ok(ok) => assert!(ok, "Linux could not ping us"),
        Err(e) => println!("ping tool unavailable ({e}); only our ping was checked"),
    }
}

/// dnsmasq as DHCP and DNS server inside the namespace.
fn start_dnsmasq(ns: &mut Netns) -> bool {
    let mut args = vec![
        "dnsmasq".to_string(),
        "--keep-in-foreground".into(),
        "--conf-file=/dev/null".into(),
        "--no-resolv".into(),
        "--no-hosts".into(),
        "--user=root".into(),
        format!("--interface={}", ns.tap),
        "--bind-interfaces".into(),
        "--local=/test/".into(),
        "--dhcp-range=10.77.0.50,10.77.0.60,255.255.255.0,1h".into(),
        "--dhcp-option=option:router,10.77.0.1".into(),
        "--dhcp-option=option:dns-server,10.77.0.1".into(),
        "--host-record=www.example.test,10.77.0.99".into(),
        "--cname=alias.example.test,www.example.test".into(),
        format!("--pid-file={}", ns.pid_file()),
    ];
    // Enough A records that the UDP answer (512 bytes without EDNS) must be truncated.
    for i in 1..=60 {
        args.push(format!("--host-record=big.example.test,10.77.1.{i}"));
    }
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    ns.spawn(&argv).is_ok()
}

#[test]
fn dhcp_and_dns_against_dnsmasq() {
    if skip("dhcp_and_dns_against_dnsmasq") {
        return;
    }
    if std::process::Command::new("dnsmasq")
        .arg("--version")
        .output()
        .is_err()
    {
        println!("SKIPPED dhcp_and_dns_against_dnsmasq: dnsmasq is not installed (apt-get install dnsmasq-base)");
        return;
    }
    let Some(mut ns) = Netns::for_test("dhcp_and_dns_against_dnsmasq", "10.77.0.1/24") else {
        return;
    };
    assert!(start_dnsmasq(&mut ns));
    let mut dev = TapDevice::new(&ns, OUR_MAC);
    let mut iface = Interface::new(InterfaceConfig::dhcp(OUR_MAC, 0xd4c9));
    let mut event = None;
    assert!(drive(&mut iface, &mut dev, Duration::from_secs(20), |i| {
        event = i.poll_event();
        event.is_some()
    }));
    let Some(NetEvent::DhcpBound(config)) = event else {
        panic!("no lease: {event:?}")
    };
    let line = format!("net: dhcp {config}");
    println!("{line}");
    assert!(line.ends_with("/24 gw 10.77.0.1 dns 10.77.0.1"), "{line}");
    assert!((50..=60).contains(&config.addr.octets()[3]));
    assert_eq!(config.prefix_len, 24);
    assert_eq!(config.gateway, Some(LINUX_IP));
    assert_eq!(config.dns_servers, vec![LINUX_IP]);

    let mut lookup = |name: &str| {
        let h = iface.dns_resolve(name).unwrap();
        let mut result = None;
        drive(&mut iface, &mut dev, Duration::from_secs(10), |i| {
            match i.dns_result(h) {
                Ok(None) => false,
                r => {
                    result = Some(r.map(|o| o.unwrap()));
                    true
                }
            }
        });
        result.expect("no DNS answer")
    };
    let www = Ipv4Addr::new(10, 77, 0, 99);
    assert_eq!(lookup("www.example.test"), Ok(vec![www]));
    assert_eq!(lookup("alias.example.test"), Ok(vec![www]));
    assert_eq!(lookup("nothing.example.test"), Err(DnsError::NoSuchName));
    let big = lookup("big.example.test").expect("big answer over TCP");
    assert_eq!(big.len(), 60);
    assert!(big.contains(&Ipv4Addr::new(10, 77, 1, 60)));
}
