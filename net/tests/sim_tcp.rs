//! Two instances of the stack over a simulated link: connection setup and teardown, exact
//! data under loss, duplication and reordering, flow control, resets and timeouts.

mod common;

use common::*;
use net::{Interface, TcpError, TcpHandle, TcpState};

/// Moves data both ways between `ha` on A and `hb` on B until everything is delivered.
struct Transfer {
    to_b: Vec<u8>,
    to_a: Vec<u8>,
    sent_ab: usize,
    sent_ba: usize,
    got_b: Vec<u8>,
    got_a: Vec<u8>,
    closed: bool,
}

impl Transfer {
    fn new(to_b: Vec<u8>, to_a: Vec<u8>) -> Self {
        Transfer {
            to_b,
            to_a,
            sent_ab: 0,
            sent_ba: 0,
            got_b: Vec::new(),
            got_a: Vec::new(),
            closed: false,
        }
    }

    fn pump(&mut self, a: &mut Interface, ha: TcpHandle, b: &mut Interface, hb: TcpHandle) {
        pump_one(a, ha, &self.to_b, &mut self.sent_ab);
        pump_one(b, hb, &self.to_a, &mut self.sent_ba);
        drain(b, hb, &mut self.got_b);
        drain(a, ha, &mut self.got_a);
        if !self.closed && self.sent_ab == self.to_b.len() && self.sent_ba == self.to_a.len() {
            a.tcp_close(ha).unwrap();
            b.tcp_close(hb).unwrap();
            self.closed = true;
        }
    }

    fn done(&self) -> bool {
        self.got_b.len() == self.to_b.len() && self.got_a.len() == self.to_a.len()
    }
}

fn pump_one(iface: &mut Interface, h: TcpHandle, data: &[u8], sent: &mut usize) {
    if *sent < data.len() {
        if let Ok(n) = iface.tcp_send(h, &data[*sent..]) {
            *sent += n;
        }
    }
}

fn drain(iface: &mut Interface, h: TcpHandle, into: &mut Vec<u8>) {
    let mut buf = [0u8; 8192];
    while let Ok(n) = iface.tcp_recv(h, &mut buf) {
        if n == 0 {
            break;
        }
        into.extend_from_slice(&buf[..n]);
    }
}

/// Connects A to a listener on B and returns both ends, established.
fn connect(sim: &mut Sim) -> (TcpHandle, TcpHandle) {
    let listener = sim.b.tcp_listen(80, 4).unwrap();
    let ha = sim.a.tcp_connect(B_IP, 80).unwrap();
    let mut hb = None;
    let ok = sim.run_until(60_000, |s| {
        if hb.is_none() {
            hb = s.b.tcp_accept(listener).unwrap();
        }
        hb.is_some() && s.a.tcp_state(ha) == Ok(TcpState::Established)
    });
    assert!(ok, "handshake did not complete: {:?}", sim.a.tcp_state(ha));
    (ha, hb.unwrap())
}

fn transfer(imp: Impairment, seed: u64, size: usize, limit_ms: u64) -> Sim {
    let mut sim = Sim::new(imp, seed);
    let (ha, hb) = connect(&mut sim);
    let mut rng = TestRng::new(seed * 7 + 1);
    let mut t = Transfer::new(rng.bytes(size), rng.bytes(size / 2 + 17));
    let ok = sim.run_until(limit_ms, |s| {
        t.pump(&mut s.a, ha, &mut s.b, hb);
        t.done()
    });
    assert!(
        ok,
        "seed {seed}: transfer stalled: a->b {}/{} b->a {}/{} at {} ms ({:?}/{:?})",
        t.got_b.len(),
        t.to_b.len(),
        t.got_a.len(),
        t.to_a.len(),
        sim.now,
        sim.a.tcp_socket(ha).map(|s| (s.state(), s.error())),
        sim.b.tcp_socket(hb).map(|s| (s.state(), s.error()))
    );
    assert!(t.got_b == t.to_b, "data a->b differs");
    assert!(t.got_a == t.to_a, "data b->a differs");
    // Both sides finish: the closer that got the last ACK passes TIME-WAIT.
    let closed = sim.run_until(120_000, |s| {
        let sa = s.a.tcp_state(ha).unwrap();
        let sb = s.b.tcp_state(hb).unwrap();
        matches!(sa, TcpState::Closed | TcpState::TimeWait)
            && matches!(sb, TcpState::Closed | TcpState::TimeWait)
    });
    assert!(
        closed,
        "close did not finish: {:?} {:?}",
        sim.a.tcp_state(ha),
        sim.b.tcp_state(hb)
    );
    let mut buf = [0u8; 16];
    assert_eq!(sim.a.tcp_recv(ha, &mut buf), Err(TcpError::Closed));
    sim
}

#[test]
fn clean_link_bulk_both_ways() {
    let sim = transfer(
        Impairment {
            delay_ms: 1,
            ..Default::default()
        },
        1,
        1 << 20,
        60_000,
    );
    assert_eq!(sim.a.counters().drops.total(), 0, "{:?}", sim.a.counters());
}

#[test]
fn lossy_link_keeps_data_exact() {
    let imp = Impairment {
        loss: 0.05,
        duplicate: 0.0,
        reorder: 0.0,
        delay_ms: 5,
        reorder_extra_ms: 0,
    };
    transfer(imp, 2, 512 * 1024, 600_000);
}

#[test]
fn duplicating_reordering_link_keeps_data_exact() {
    let imp = Impairment {
        loss: 0.0,
        duplicate: 0.05,
        reorder: 0.1,
        delay_ms: 3,
        reorder_extra_ms: 15,
    };
    transfer(imp, 3, 512 * 1024, 600_000);
}

#[test]
fn everything_at_once_several_seeds() {
    for seed in 10..60 {
        let imp = Impairment {
            loss: 0.03,
            duplicate: 0.03,
            reorder: 0.05,
            delay_ms: 4,
            reorder_extra_ms: 20,
        };
        transfer(imp, seed, 100 * 1024, 600_000);
    }
}

#[test]
fn heavy_loss_still_completes() {
    let imp = Impairment {
        loss: 0.2,
        duplicate: 0.02,
        reorder: 0.05,
        delay_ms: 2,
        reorder_extra_ms: 10,
    };
    transfer(imp, 21, 64 * 1024, 1_800_000);
}

#[test]
fn connect_to_closed_port_is_refused() {
    let mut sim = Sim::new(Impairment::default(), 4);
    let h = sim.a.tcp_connect(B_IP, 81).unwrap();
    sim.run_until(5_000, |s| s.a.tcp_state(h) == Ok(TcpState::Closed));
    let mut buf = [0u8; 4];
    assert_eq!(sim.a.tcp_recv(h, &mut buf), Err(TcpError::Refused));
    assert_eq!(sim.a.tcp_send(h, b"x"), Err(TcpError::Refused));
}

#[test]
fn silent_peer_times_out() {
    let mut sim = Sim::new(Impairment::default(), 5);
    let (ha, hb) = connect(&mut sim);
    sim.imp.loss = 1.0; // the cable is cut
    sim.a.tcp_send(ha, b"hello?").unwrap();
    let ok = sim.run_until(600_000, |s| s.a.tcp_state(ha) == Ok(TcpState::Closed));
    assert!(ok);
    assert_eq!(
        sim.a.tcp_socket(ha).unwrap().error(),
        Some(TcpError::TimedOut)
    );
    let _ = hb;
}

#[test]
fn syn_to_nowhere_times_out() {
    let mut sim = Sim::new(
        Impairment {
            loss: 1.0,
            ..Default::default()
        },
        6,
    );
    let h = sim.a.tcp_connect(B_IP, 80).unwrap();
    assert!(sim.run_until(120_000, |s| s.a.tcp_state(h) == Ok(TcpState::Closed)));
    assert_eq!(
        sim.a.tcp_socket(h).unwrap().error(),
        Some(TcpError::TimedOut)
    );
}

#[test]
fn abort_resets_peer() {
    let mut sim = Sim::new(Impairment::default(), 7);
    let (ha, hb) = connect(&mut sim);
    sim.a.tcp_abort(ha).unwrap();
    assert!(sim.run_until(1_000, |s| s.b.tcp_state(hb) == Ok(TcpState::Closed)));
    assert_eq!(sim.b.tcp_socket(hb).unwrap().error(), Some(TcpError::Reset));
    assert_eq!(sim.a.tcp_state(ha), Err(TcpError::InvalidHandle));
}

#[test]
fn zero_window_then_reader_catches_up() {
    let mut sim = Sim::new(
        Impairment {
            delay_ms: 2,
            ..Default::default()
        },
        8,
    );
    let (ha, hb) = connect(&mut sim);
    let data = TestRng::new(8).bytes(600 * 1024);
    let mut sent = 0;
    // Fill B's receive buffer without reading.
    sim.run_until(5_000, |s| {
        pump_one(&mut s.a, ha, &data, &mut sent);
        false
    });
    let rq = sim.b.tcp_socket(hb).unwrap().recv_queue();
    assert_eq!(rq, 128 * 1024, "receiver should be full");
    // Wait long enough for several persist probes, then read everything.
    sim.run_until(20_000, |_| false);
    let mut got = Vec::new();
    let ok = sim.run_until(120_000, |s| {
        pump_one(&mut s.a, ha, &data, &mut sent);
        drain(&mut s.b, hb, &mut got);
        got.len() == data.len()
    });
    assert!(ok, "got {} of {}", got.len(), data.len());
    assert!(got == data);
    assert_eq!(sim.a.tcp_state(ha), Ok(TcpState::Established));
}

#[test]
fn many_connections_at_once() {
    let mut sim = Sim::new(
        Impairment {
            delay_ms: 1,
            loss: 0.01,
            ..Default::default()
        },
        9,
    );
    let listener = sim.b.tcp_listen(7, 64).unwrap();
    let clients: Vec<TcpHandle> = (0..40)
        .map(|_| sim.a.tcp_connect(B_IP, 7).unwrap())
        .collect();
    let mut servers = Vec::new();
    let ok = sim.run_until(60_000, |s| {
        while let Ok(Some(h)) = s.b.tcp_accept(listener) {
            servers.push(h);
        }
        servers.len() == clients.len()
    });
    assert!(ok, "accepted {}", servers.len());
    // Each client sends its index; each server echoes what it gets.
    for (i, &c) in clients.iter().enumerate() {
        sim.a.tcp_send(c, format!("client {i}").as_bytes()).unwrap();
    }
    let mut echoed = vec![Vec::new(); clients.len()];
    let ok = sim.run_until(60_000, |s| {
        let mut buf = [0u8; 64];
        for &h in &servers {
            if let Ok(n) = s.b.tcp_recv(h, &mut buf) {
                if n > 0 {
                    s.b.tcp_send(h, &buf[..n]).unwrap();
                }
            }
        }
        for (i, &c) in clients.iter().enumerate() {
            drain(&mut s.a, c, &mut echoed[i]);
        }
        echoed
            .iter()
            .enumerate()
            .all(|(i, e)| e == format!("client {i}").as_bytes())
    });
    assert!(ok);
    for c in clients {
        sim.a.tcp_release(c).unwrap();
    }
    for h in servers {
        sim.b.tcp_release(h).unwrap();
    }
    sim.b.tcp_release(listener).unwrap();
    sim.run_until(100_000, |s| {
        s.a.tcp_socket_count() == 0 && s.b.tcp_socket_count() == 0
    });
    assert_eq!(sim.a.tcp_socket_count(), 0);
    assert_eq!(sim.b.tcp_socket_count(), 0);
}

#[test]
fn stale_handles_are_errors() {
    let mut sim = Sim::new(Impairment::default(), 11);
    let l = sim.b.tcp_listen(9, 1).unwrap();
    assert_eq!(sim.b.tcp_listen(9, 1), Err(TcpError::AddressInUse));
    sim.b.tcp_abort(l).unwrap();
    assert_eq!(sim.b.tcp_send(l, b"x"), Err(TcpError::InvalidHandle));
    let l2 = sim.b.tcp_listen(9, 1).unwrap();
    assert_ne!(l, l2);
    assert_eq!(sim.b.tcp_accept(l), Err(TcpError::InvalidHandle));
}
