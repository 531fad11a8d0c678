//! Shared test harness: two interfaces joined by a simulated Ethernet link that can drop,
//! duplicate, delay and reorder frames, driven by a fake clock.
#![allow(dead_code)]

pub mod pcap;

use net::{Interface, InterfaceConfig, Ipv4Config, MacAddr};
use std::net::Ipv4Addr;

pub const A_IP: Ipv4Addr = Ipv4Addr::new(192, 168, 69, 1);
pub const B_IP: Ipv4Addr = Ipv4Addr::new(192, 168, 69, 2);
pub const A_MAC: MacAddr = MacAddr([2, 0, 0, 0, 0, 1]);
pub const B_MAC: MacAddr = MacAddr([2, 0, 0, 0, 0, 2]);

/// Deterministic generator for the link's decisions and test data.
pub struct TestRng(u64);

impl TestRng {
    pub fn new(seed: u64) -> Self {
        TestRng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() % 1_000_000) as f64 / 1_000_000.0 < p
    }
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

/// Impairments of the link, per frame.
#[derive(Clone, Copy, Default)]
pub struct Impairment {
    pub loss: f64,
    pub duplicate: f64,
    /// Probability that a frame gets extra delay (and so overtakes nothing / is overtaken).
    pub reorder: f64,
    pub delay_ms: u64,
    pub reorder_extra_ms: u64,
}

pub struct Sim {
    pub a: Interface,
    pub b: Interface,
    pub now: u64,
    pub imp: Impairment,
    rng: TestRng,
    /// (deliver at, to_b, frame)
    in_flight: Vec<(u64, bool, Vec<u8>)>,
    pub frames_sent: u64,
}

pub fn config(ip: Ipv4Addr) -> Ipv4Config {
    Ipv4Config {
        addr: ip,
        prefix_len: 24,
        gateway: None,
        dns_servers: vec![B_IP],
    }
}

impl Sim {
    pub fn new(imp: Impairment, seed: u64) -> Sim {
        let a = InterfaceConfig::fixed(A_MAC, config(A_IP), seed);
        let b = InterfaceConfig::fixed(B_MAC, config(B_IP), seed + 1);
        Sim::with(a, b, imp, seed)
    }

    pub fn with(a: InterfaceConfig, b: InterfaceConfig, imp: Impairment, seed: u64) -> Sim {
        let a = Interface::new(a);
        let b = Interface::new(b);
        Sim {
            a,
            b,
            now: 0,
            imp,
            rng: TestRng::new(seed),
            in_flight: Vec::new(),
            frames_sent: 0,
        }
    }

    /// One millisecond of simulated time.
    pub fn step(&mut self) {
        self.now += 1;
        let now = self.now;
        let mut due = Vec::new();
        let mut i = 0;
        while i < self.in_flight.len() {
            if self.in_flight[i].0 <= now {
                due.push(self.in_flight.swap_remove(i));
            } else {
                i += 1;
            }
        }
        due.sort_by_key(|d| d.0);
        for (_, to_b, frame) in due {
            if to_b {
                self.b.receive(&frame, now);
            } else {
                self.a.receive(&frame, now);
            }
        }
        self.a.poll(now);
        self.b.poll(now);
        self.collect();
    }

    fn collect(&mut self) {
        let now = self.now;
        let mut out = Vec::new();
        while let Some(f) = self.a.transmit() {
            out.push((true, f));
        }
        while let Some(f) = self.b.transmit() {
            out.push((false, f));
        }
        for (to_b, f) in out {
            self.frames_sent += 1;
            if self.rng.chance(self.imp.loss) {
                continue;
            }
            let copies = if self.rng.chance(self.imp.duplicate) {
                2
            } else {
                1
            };
            for _ in 0..copies {
                let mut at = now + self.imp.delay_ms;
                if self.rng.chance(self.imp.reorder) {
                    at += 1 + self.rng.next() % self.imp.reorder_extra_ms.max(1);
                }
                self.in_flight.push((at, to_b, f.clone()));
            }
        }
    }

    /// Steps until `done` returns true or `limit_ms` passes; returns whether it finished.
    pub fn run_until(&mut self, limit_ms: u64, mut done: impl FnMut(&mut Sim) -> bool) -> bool {
        let end = self.now + limit_ms;
        while self.now < end {
            if done(self) {
                return true;
            }
            self.step();
        }
        done(self)
    }
}
