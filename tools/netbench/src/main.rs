//! netbench: bulk TCP throughput of our `net` stack against smoltcp, in the same harness.
//!
//! Two instances of a stack are joined by an in-memory Ethernet link (two frame queues, no
//! loss, no delay) and one sends `--mb` megabytes to the other over one TCP connection,
//! with 128 KiB buffers on both sides and a 1500-byte MTU. The clock is the real one, so the
//! figure is the CPU cost of the stack: frames parsed and built, checksums, copies, timers.
//! Each stack runs `--runs` times, interleaved; the best and median runs are reported, and
//! the ratio ours / smoltcp (against the faster of smoltcp's two ACK settings). Run with
//! `cargo run --release -p netbench -- --mb 128 --runs 7`.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

const BUFFER: usize = 128 * 1024;

/// Deterministic payload, so both stacks move the same bytes.
fn payload(len: usize) -> Vec<u8> {
    (0..len)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect()
}

mod ours {
    use super::*;
    use net::{Interface, InterfaceConfig, Ipv4Config, MacAddr, TcpConfig, TcpState};
    use std::net::Ipv4Addr;

    /// Feeds every frame waiting on `rx` into `iface`, runs its timers, and moves every
    /// frame it wants to send onto `tx` (the Interface's feed/drain API: no copies).
    fn step(
        iface: &mut Interface,
        rx: &mut VecDeque<Vec<u8>>,
        tx: &mut VecDeque<Vec<u8>>,
        now: u64,
    ) {
        while let Some(frame) = rx.pop_front() {
            iface.receive(&frame, now);
        }
        iface.poll(now);
        while let Some(frame) = iface.transmit() {
            tx.push_back(frame);
        }
    }

    pub fn run(data: &[u8]) -> (Duration, bool) {
        let ip_a = Ipv4Addr::new(10, 0, 0, 1);
        let ip_b = Ipv4Addr::new(10, 0, 0, 2);
        let (mac_a, mac_b) = (MacAddr([2, 0, 0, 0, 0, 1]), MacAddr([2, 0, 0, 0, 0, 2]));
        let tcp = TcpConfig {
            rx_buffer: BUFFER,
            tx_buffer: BUFFER,
            ..TcpConfig::default()
        };
        let cfg = |ip| Ipv4Config {
            addr: ip,
            prefix_len: 24,
            gateway: None,
            dns_servers: vec![],
        };
        let mut a = Interface::new(InterfaceConfig {
            tcp,
            ..InterfaceConfig::fixed(mac_a, cfg(ip_a), 1)
        });
        let mut b = Interface::new(InterfaceConfig {
            tcp,
            ..InterfaceConfig::fixed(mac_b, cfg(ip_b), 2)
        });
        let (mut ab, mut ba) = (VecDeque::new(), VecDeque::new());
        let listener = b.tcp_listen(5000, 1).unwrap();
        let client = a.tcp_connect(ip_b, 5000).unwrap();
        let start = Instant::now();
        let mut server = None;
        let (mut sent, mut got) = (0usize, 0usize);
        let mut same = true;
        let mut buf = vec![0u8; 65536];
        while got < data.len() {
            let now = start.elapsed().as_millis() as u64;
            step(&mut a, &mut ba, &mut ab, now);
            if a.tcp_state(client) == Ok(TcpState::Established) && sent < data.len() {
                sent += a.tcp_send(client, &data[sent..]).unwrap_or(0);
            }
            step(&mut b, &mut ab, &mut ba, now);
            if server.is_none() {
                server = b.tcp_accept(listener).unwrap();
            }
            if let Some(h) = server {
                while let Ok(n) = b.tcp_recv(h, &mut buf) {
                    if n == 0 {
                        break;
                    }
                    same &= data.get(got..got + n) == Some(&buf[..n]);
                    got += n;
                }
            }
        }
        (start.elapsed(), same)
    }
}

mod smol {
    use super::*;
    use smoltcp::iface::{Config, Interface, SocketSet};
    use smoltcp::phy::{Device, DeviceCapabilities, Medium, RxToken, TxToken};
    use smoltcp::socket::tcp;
    use smoltcp::time::Instant as SInstant;
    use smoltcp::wire::{EthernetAddress, HardwareAddress, IpAddress, IpCidr};

    struct Link<'a> {
        rx: &'a mut VecDeque<Vec<u8>>,
        tx: &'a mut VecDeque<Vec<u8>>,
    }
    struct Rx(Vec<u8>);
    struct Tx<'a>(&'a mut VecDeque<Vec<u8>>);

    impl RxToken for Rx {
        fn consume<R, F: FnOnce(&[u8]) -> R>(self, f: F) -> R {
            f(&self.0)
        }
    }
    impl TxToken for Tx<'_> {
        fn consume<R, F: FnOnce(&mut [u8]) -> R>(self, len: usize, f: F) -> R {
            let mut frame = vec![0u8; len];
            let r = f(&mut frame);
            self.0.push_back(frame);
            r
        }
    }
    impl Device for Link<'_> {
        type RxToken<'a>
            = Rx
        where
            Self: 'a;
        type TxToken<'a>
            = Tx<'a>
        where
            Self: 'a;
        fn receive(&mut self, _: SInstant) -> Option<(Rx, Tx<'_>)> {
            let f = self.rx.pop_front()?;
            Some((Rx(f), Tx(self.tx)))
        }
        fn transmit(&mut self, _: SInstant) -> Option<Tx<'_>> {
            Some(Tx(self.tx))
        }
        fn capabilities(&self) -> DeviceCapabilities {
            let mut caps = DeviceCapabilities::default();
            caps.max_transmission_unit = 1514;
            caps.medium = Medium::Ethernet;
            caps
        }
    }

    pub fn run(data: &[u8], ack_delay: bool) -> (Duration, bool) {
        let (mut ab, mut ba) = (VecDeque::new(), VecDeque::new());
        let make = |mac: [u8; 6], ip: [u8; 4], link: &mut Link| {
            let mut config = Config::new(HardwareAddress::Ethernet(EthernetAddress(mac)));
            config.random_seed = u64::from(mac[5]);
            let mut iface = Interface::new(config, link, SInstant::from_millis(0));
            iface.update_ip_addrs(|a| {
                a.push(IpCidr::new(IpAddress::v4(ip[0], ip[1], ip[2], ip[3]), 24))
                    .unwrap();
            });
            iface
        };
        let mut a = make(
            [2, 0, 0, 0, 0, 1],
            [10, 0, 0, 1],
            &mut Link {
                rx: &mut ba,
                tx: &mut ab,
            },
        );
        let mut b = make(
            [2, 0, 0, 0, 0, 2],
            [10, 0, 0, 2],
            &mut Link {
                rx: &mut ab,
                tx: &mut ba,
            },
        );
        let socket = || {
            let mut s = tcp::Socket::new(
                tcp::SocketBuffer::new(vec![0; BUFFER]),
                tcp::SocketBuffer::new(vec![0; BUFFER]),
            );
            if !ack_delay {
                s.set_ack_delay(None);
            }
            s
        };
        let mut sa = SocketSet::new(vec![]);
        let mut sb = SocketSet::new(vec![]);
        let ca = sa.add(socket());
        let cb = sb.add(socket());
        sb.get_mut::<tcp::Socket>(cb).listen(5000).unwrap();
        sa.get_mut::<tcp::Socket>(ca)
            .connect(a.context(), (IpAddress::v4(10, 0, 0, 2), 5000), 49500)
            .unwrap();
        let start = Instant::now();
        let (mut sent, mut got) = (0usize, 0usize);
        let mut same = true;
        let mut buf = vec![0u8; 65536];
        while got < data.len() {
            let now = SInstant::from_millis(start.elapsed().as_millis() as i64);
            a.poll(
                now,
                &mut Link {
                    rx: &mut ba,
                    tx: &mut ab,
                },
                &mut sa,
            );
            let s = sa.get_mut::<tcp::Socket>(ca);
            if s.can_send() && sent < data.len() {
                sent += s.send_slice(&data[sent..]).unwrap_or(0);
            }
            b.poll(
                now,
                &mut Link {
                    rx: &mut ab,
                    tx: &mut ba,
                },
                &mut sb,
            );
            let s = sb.get_mut::<tcp::Socket>(cb);
            while s.can_recv() {
                match s.recv_slice(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        same &= data.get(got..got + n) == Some(&buf[..n]);
                        got += n;
                    }
                }
            }
        }
        (start.elapsed(), same)
    }
}

fn main() {
    let mut mb = 64usize;
    let mut runs = 5usize;
    let mut only = String::from("all");
    let args: Vec<String> = std::env::args().collect();
    for pair in args.windows(2) {
        match pair[0].as_str() {
            "--mb" => mb = pair[1].parse().expect("--mb N"),
            "--runs" => runs = pair[1].parse().expect("--runs N"),
            "--stack" => only = pair[1].clone(),
            _ => {}
        }
    }
    let data = payload(mb * 1024 * 1024);
    type Run<'a> = Box<dyn Fn() -> (Duration, bool) + 'a>;
    let mut stacks: Vec<(&str, Run)> = vec![("net (ours)", Box::new(|| ours::run(&data)))];
    if only != "ours" {
        stacks.push((
            "smoltcp (ack delay 10ms)",
            Box::new(|| smol::run(&data, true)),
        ));
        stacks.push((
            "smoltcp (no ack delay)",
            Box::new(|| smol::run(&data, false)),
        ));
    }
    // Runs are interleaved so that load from other processes hits every stack alike; the
    // best run of each is the least disturbed measurement of its cost.
    let mut times = vec![Vec::new(); stacks.len()];
    for _ in 0..runs {
        for (i, (name, run)) in stacks.iter().enumerate() {
            let (t, same) = run();
            assert!(same, "{name}: received data differs from what was sent");
            times[i].push(t);
        }
    }
    let mbps = |d: Duration| (mb as f64 * 8.0 * 1.048_576) / d.as_secs_f64();
    let mut best = Vec::new();
    for ((name, _), t) in stacks.iter().zip(&mut times) {
        t.sort();
        let (min, median) = (t[0], t[t.len() / 2]);
        println!(
            "{name:<26} {mb} MB: best {:>7.3} s = {:>8.1} Mbit/s, median {:>7.3} s = {:>8.1} Mbit/s",
            min.as_secs_f64(),
            mbps(min),
            median.as_secs_f64(),
            mbps(median)
        );
        best.push((min, median));
    }
    if best.len() == 3 {
        let smol_best = best[1].0.min(best[2].0);
        let smol_median = best[1].1.min(best[2].1);
        println!(
            "ratio ours/smoltcp throughput: {:.2} on best runs, {:.2} on medians (goal >= 1.00)",
            smol_best.as_secs_f64() / best[0].0.as_secs_f64(),
            smol_median.as_secs_f64() / best[0].1.as_secs_f64()
        );
    }
}
