//! What the resolver does with a reply (RFC 1035 §7.3): check it answers our question from
//! our server with our id, switch to TCP on truncation (§4.2.2), map NXDOMAIN and SERVFAIL
//! to errors, and follow the CNAME chain (RFC 1034 §3.6.2), asking again for the chain's
//! last name when the server stopped short of an address.

use crate::dns::{DnsError, MAX_CNAME_HOPS, TCP_TIMEOUT_MS};
use crate::iface::Interface;
use crate::slab::Handle;
use crate::wire::dns::{DnsMessage, Rcode, RecordData, RecordType};
use alloc::string::ToString;
use alloc::vec::Vec;
use core::net::Ipv4Addr;

impl Interface {
    /// Handles one reply. Returns true if it was accepted as the answer to this query.
    pub(crate) fn dns_answer(&mut self, h: Handle, bytes: &[u8], over_tcp: bool) -> bool {
        let Some(q) = self.dns.queries.get(h) else {
            return false;
        };
        let msg = match DnsMessage::parse(bytes) {
            Ok(m) => m,
            Err(e) => {
                self.counters.drops.count(e);
                // A reply with our id that cannot be read is an answer, and a bad one.
                let ours = bytes.len() >= 2 && q.knows_id(u16::from_be_bytes([bytes[0], bytes[1]]));
                if ours {
                    self.dns_finish(h, Err(DnsError::BadResponse));
                }
                return ours;
            }
        };
        let asked = Some((q.current.clone(), RecordType::A));
        if !msg.is_response || !q.knows_id(msg.id) || msg.question != asked {
            self.counters.drops.not_for_us += 1;
            return false;
        }
        if msg.truncated && !over_tcp {
            let server = q.server;
            let now = self.now;
            match self.tcp_connect(server, 53) {
                Ok(t) => {
                    if let Some(q) = self.dns.queries.get_mut(h) {
                        q.tcp = Some(t);
                        q.tcp_sent = false;
                        q.tcp_buf.clear();
                        q.deadline = now.saturating_add(TCP_TIMEOUT_MS);
                    }
                }
                Err(_) => self.dns_finish(h, Err(DnsError::NoServer)),
            }
            return true;
        }
        match msg.rcode {
            Rcode::NO_ERROR => {}
            Rcode::NAME_ERROR => {
                self.dns_finish(h, Err(DnsError::NoSuchName));
                return true;
            }
            _ => {
                self.dns_finish(h, Err(DnsError::ServerFailure));
                return true;
            }
        }
        // Follow the CNAME chain inside the answer.
        let mut target = q.current.clone();
        let mut hops = q.hops;
        let mut ttl = q.ttl;
        loop {
            let addrs: Vec<Ipv4Addr> = msg
                .answers
                .iter()
                .filter(|r| r.name == target)
                .filter_map(|r| match r.data {
                    RecordData::A(a) => {
                        ttl = ttl.min(r.ttl);
                        Some(a)
                    }
                    _ => None,
                })
                .collect();
            if !addrs.is_empty() {
                if let Some(q) = self.dns.queries.get_mut(h) {
                    q.ttl = ttl;
                }
                self.dns_finish(h, Ok(addrs));
                return true;
            }
            let cname = msg.answers.iter().find_map(|r| match &r.data {
                RecordData::Cname(c) if r.name == target => Some((c.clone(), r.ttl)),
                _ => None,
            });
            match cname {
                Some((next, cname_ttl)) => {
                    hops += 1;
                    ttl = ttl.min(cname_ttl);
                    if hops > MAX_CNAME_HOPS {
                        self.dns_finish(h, Err(DnsError::BadResponse));
                        return true;
                    }
                    target = next;
                }
                None => break,
            }
        }
        if target == q.current {
            self.dns_finish(h, Err(DnsError::NoAddress));
            return true;
        }
        // The chain ends in a name with no address here: ask for that name.
        let now = self.now;
        let old_tcp = if let Some(q) = self.dns.queries.get_mut(h) {
            q.current = target.to_string();
            q.hops = hops;
            q.ttl = ttl;
            q.attempts = 0;
            q.old_ids.clear();
            q.tcp_sent = false;
            q.tcp_buf.clear();
            q.tcp.take()
        } else {
            None
        };
        if let Some(t) = old_tcp {
            let _ = self.tcp_abort(t);
        }
        self.dns_send(h, now);
        true
    }
}
