//! The DNS resolver against a scripted server played by a second instance of the stack:
//! A records, CNAME chains, NXDOMAIN, SERVFAIL, answers without addresses, CNAME loops,
//! replies that lie about lengths or loop their compression pointers, truncation with the
//! retry over TCP, retries and timeouts, the TTL cache, and spoofed replies.

mod common;

use common::*;
use net::wire::dns::{read_name, DnsMessage, RecordType};
use net::{DnsError, UdpHandle};
use std::net::Ipv4Addr;

/// Builds a DNS reply to `query` with raw answer records appended.
fn reply(
    query: &[u8],
    rcode: u8,
    truncated: bool,
    answers: &[(&str, u16, u32, Vec<u8>)],
) -> Vec<u8> {
    let mut out = query.to_vec();
    out[2] = 0x81 | if truncated { 0x02 } else { 0 };
    out[3] = 0x80 | rcode;
    out[6..8].copy_from_slice(&(answers.len() as u16).to_be_bytes());
    for (name, kind, ttl, rdata) in answers {
        net::wire::dns::write_name(&mut out, name).unwrap();
        out.extend_from_slice(&kind.to_be_bytes());
        out.extend_from_slice(&1u16.to_be_bytes());
        out.extend_from_slice(&ttl.to_be_bytes());
        out.extend_from_slice(&(rdata.len() as u16).to_be_bytes());
        out.extend_from_slice(rdata);
    }
    out
}

fn name_bytes(name: &str) -> Vec<u8> {
    let mut v = Vec::new();
    net::wire::dns::write_name(&mut v, name).unwrap();
    v
}

/// The scripted DNS server's zone.
fn answer_for(query: &[u8]) -> Option<Vec<u8>> {
    let msg = DnsMessage::parse(query).ok()?;
    let (name, kind) = msg.question?;
    assert_eq!(kind, RecordType::A);
    Some(match name.as_str() {
        "one.test" => reply(query, 0, false, &[("one.test", 1, 300, vec![10, 1, 1, 1])]),
        "alias.test" => reply(
            query,
            0,
            false,
            &[
                ("alias.test", 5, 300, name_bytes("mid.test")),
                ("mid.test", 5, 100, name_bytes("one.test")),
                ("one.test", 1, 50, vec![10, 1, 1, 1]),
            ],
        ),
        "outside.test" => reply(
            query,
            0,
            false,
            &[("outside.test", 5, 300, name_bytes("one.test"))],
        ),
        "loop.test" => reply(
            query,
            0,
            false,
            &[
                ("loop.test", 5, 300, name_bytes("loop2.test")),
                ("loop2.test", 5, 300, name_bytes("loop.test")),
            ],
        ),
        "v6only.test" => reply(query, 0, false, &[("v6only.test", 28, 300, vec![0x20; 16])]),
        "missing.test" => reply(query, 3, false, &[]),
        "broken.test" => reply(query, 2, false, &[]),
        "big.test" => reply(query, 0, true, &[]),
        "liar.test" => {
            let mut r = reply(query, 0, false, &[("liar.test", 1, 300, vec![1, 2, 3, 4])]);
            let n = r.len();
            r[n - 5] = 200; // rdlength far past the end
            r
        }
        "pointer.test" => {
            let mut r = reply(query, 0, false, &[]);
            r[7] = 1;
            let at = r.len() as u16;
            r.extend_from_slice(&(0xc000 | at).to_be_bytes()); // points at itself
            r.extend_from_slice(&[0, 1, 0, 1, 0, 0, 0, 5, 0, 4, 1, 2, 3, 4]);
            r
        }
        "silent.test" => return None,
        _ => reply(query, 3, false, &[]),
    })
}

/// B answers on UDP 53 (and on TCP 53 for truncated names: the full answer over TCP).
struct DnsServer {
    udp: UdpHandle,
    tcp: net::TcpHandle,
    conns: Vec<(net::TcpHandle, Vec<u8>)>,
    queries: usize,
}

impl DnsServer {
    fn new(sim: &mut Sim) -> Self {
        DnsServer {
            udp: sim.b.udp_bind(53).unwrap(),
            tcp: sim.b.tcp_listen(53, 4).unwrap(),
            conns: Vec::new(),
            queries: 0,
        }
    }

    fn serve(&mut self, sim: &mut Sim) {
        let mut buf = [0u8; 1500];
        while let Ok(Some((n, from, port))) = sim.b.udp_recv_from(self.udp, &mut buf) {
            self.queries += 1;
            if let Some(r) = answer_for(&buf[..n]) {
                sim.b.udp_send_to(self.udp, from, port, &r).unwrap();
            }
        }
        while let Ok(Some(c)) = sim.b.tcp_accept(self.tcp) {
            self.conns.push((c, Vec::new()));
        }
        for (c, acc) in &mut self.conns {
            while let Ok(n) = sim.b.tcp_recv(*c, &mut buf) {
                if n == 0 {
                    break;
                }
                acc.extend_from_slice(&buf[..n]);
            }
            if acc.len() >= 2 && acc.len() >= 2 + usize::from(u16::from_be_bytes([acc[0], acc[1]]))
            {
                let q = acc[2..].to_vec();
                acc.clear();
                let (name, _) = read_name(&q, 12).unwrap();
                assert_eq!(name, "big.test");
                let answers: Vec<(&str, u16, u32, Vec<u8>)> = (0..100u8)
                    .map(|i| ("big.test", 1, 60, vec![10, 9, 0, i]))
                    .collect();
                let r = reply(&q, 0, false, &answers);
                let mut framed = (r.len() as u16).to_be_bytes().to_vec();
                framed.extend_from_slice(&r);
                sim.b.tcp_send(*c, &framed).unwrap();
            }
        }
    }
}

fn resolve(sim: &mut Sim, server: &mut DnsServer, name: &str) -> Result<Vec<Ipv4Addr>, DnsError> {
    let h = sim.a.dns_resolve(name)?;
    let mut result = None;
    sim.run_until(30_000, |s| {
        server.serve(s);
        match s.a.dns_result(h) {
            Ok(None) => false,
            Ok(Some(v)) => {
                result = Some(Ok(v));
                true
            }
            Err(e) => {
                result = Some(Err(e));
                true
            }
        }
    });
    result.expect("resolver never finished")
}

#[test]
fn dns_answers_cnames_errors_and_cache() {
    let mut sim = Sim::new(
        Impairment {
            delay_ms: 2,
            ..Default::default()
        },
        7,
    );
    let mut server = DnsServer::new(&mut sim);
    let one = vec![Ipv4Addr::new(10, 1, 1, 1)];
    assert_eq!(resolve(&mut sim, &mut server, "one.test"), Ok(one.clone()));
    assert_eq!(
        resolve(&mut sim, &mut server, "alias.test"),
        Ok(one.clone())
    );
    assert_eq!(
        resolve(&mut sim, &mut server, "outside.test"),
        Ok(one.clone())
    );
    assert_eq!(
        resolve(&mut sim, &mut server, "missing.test"),
        Err(DnsError::NoSuchName)
    );
    assert_eq!(
        resolve(&mut sim, &mut server, "broken.test"),
        Err(DnsError::ServerFailure)
    );
    assert_eq!(
        resolve(&mut sim, &mut server, "v6only.test"),
        Err(DnsError::NoAddress)
    );
    assert_eq!(
        resolve(&mut sim, &mut server, "loop.test"),
        Err(DnsError::BadResponse)
    );
    assert_eq!(
        resolve(&mut sim, &mut server, "liar.test"),
        Err(DnsError::BadResponse)
    );
    assert_eq!(
        resolve(&mut sim, &mut server, "pointer.test"),
        Err(DnsError::BadResponse)
    );
    assert_eq!(
        resolve(&mut sim, &mut server, "10.0.0.7"),
        Ok(vec![Ipv4Addr::new(10, 0, 0, 7)])
    );
    assert_eq!(sim.a.dns_resolve("bad..name"), Err(DnsError::InvalidName));
    // Cached: no new query until the TTL (50 s for alias.test's chain) runs out.
    let before = server.queries;
    assert_eq!(resolve(&mut sim, &mut server, "ONE.test."), Ok(one.clone()));
    assert_eq!(
        resolve(&mut sim, &mut server, "alias.test"),
        Ok(one.clone())
    );
    assert_eq!(server.queries, before);
    sim.run_until(51_000, |_| false);
    assert_eq!(resolve(&mut sim, &mut server, "alias.test"), Ok(one));
    assert_eq!(server.queries, before + 1);
}

#[test]
fn dns_truncated_answer_retries_over_tcp() {
    let mut sim = Sim::new(
        Impairment {
            delay_ms: 2,
            ..Default::default()
        },
        8,
    );
    let mut server = DnsServer::new(&mut sim);
    let addrs = resolve(&mut sim, &mut server, "big.test").unwrap();
    assert_eq!(addrs.len(), 100);
    assert_eq!(addrs[99], Ipv4Addr::new(10, 9, 0, 99));
}

#[test]
fn dns_retries_then_times_out() {
    let mut sim = Sim::new(
        Impairment {
            delay_ms: 2,
            ..Default::default()
        },
        9,
    );
    let mut server = DnsServer::new(&mut sim);
    let start = sim.now;
    assert_eq!(
        resolve(&mut sim, &mut server, "silent.test"),
        Err(DnsError::TimedOut)
    );
    assert_eq!(server.queries, 3);
    assert!(sim.now - start >= 6_000);
    // Lossy link: retries get the answer through.
    sim.imp.loss = 0.4;
    for _ in 0..5 {
        let r = resolve(&mut sim, &mut server, "one.test");
        assert!(matches!(r, Ok(_) | Err(DnsError::TimedOut)));
    }
}

#[test]
fn dns_ignores_spoofed_answers() {
    let mut sim = Sim::new(
        Impairment {
            delay_ms: 2,
            ..Default::default()
        },
        10,
    );
    let server = DnsServer::new(&mut sim);
    let h = sim.a.dns_resolve("one.test").unwrap();
    // Let the query arrive, then answer from B with a wrong id before the real server does.
    let mut buf = [0u8; 512];
    let mut got = None;
    sim.run_until(1_000, |s| {
        got = s.b.udp_recv_from(server.udp, &mut buf).unwrap();
        got.is_some()
    });
    let (n, from, port) = got.unwrap();
    let mut fake = reply(
        &buf[..n],
        0,
        false,
        &[("one.test", 1, 300, vec![6, 6, 6, 6])],
    );
    fake[0] ^= 0xff;
    sim.b.udp_send_to(server.udp, from, port, &fake).unwrap();
    let real = answer_for(&buf[..n]).unwrap();
    sim.b.udp_send_to(server.udp, from, port, &real).unwrap();
    let mut result = None;
    sim.run_until(5_000, |s| {
        result = s.a.dns_result(h).unwrap();
        result.is_some()
    });
    assert_eq!(result, Some(vec![Ipv4Addr::new(10, 1, 1, 1)]));
}

#[test]
fn dns_accepts_a_late_answer_to_an_earlier_attempt() {
    let mut sim = Sim::new(
        Impairment {
            delay_ms: 2,
            ..Default::default()
        },
        12,
    );
    let server = DnsServer::new(&mut sim);
    let h = sim.a.dns_resolve("one.test").unwrap();
    let mut buf = [0u8; 512];
    let mut first = None;
    sim.run_until(1_000, |s| {
        first = s.b.udp_recv_from(server.udp, &mut buf).unwrap();
        first.is_some()
    });
    let (n, from, port) = first.unwrap();
    let first_query = buf[..n].to_vec();
    // Stay silent until the resolver has asked again, then answer the first question.
    let mut second = None;
    sim.run_until(3_000, |s| {
        second = s.b.udp_recv_from(server.udp, &mut buf).unwrap();
        second.is_some()
    });
    assert!(second.is_some(), "no retry was sent");
    assert_ne!(buf[..2], first_query[..2], "a retry uses a fresh id");
    let late = answer_for(&first_query).unwrap();
    sim.b.udp_send_to(server.udp, from, port, &late).unwrap();
    let mut result = None;
    sim.run_until(1_000, |s| {
        result = s.a.dns_result(h).unwrap();
        result.is_some()
    });
    assert_eq!(result, Some(vec![Ipv4Addr::new(10, 1, 1, 1)]));
}
