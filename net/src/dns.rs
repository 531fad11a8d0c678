//! DNS stub resolver (RFC 1035 §7, RFC 1123 §6.1.3).
//!
//! [`Interface::dns_resolve`] returns a handle at once; [`Interface::dns_result`] is polled
//! until the addresses or an error arrive. Each query uses its own UDP socket on a random
//! port with a random id (RFC 5452 §9.2: both make spoofed answers hard), and only accepts a
//! reply from the server it asked, with the same id and question. A query is sent up to
//! [`MAX_ATTEMPTS`] times, [`RETRY_MS`] apart, rotating through the configured servers. A
//! reply with the TC bit is asked again over TCP (RFC 1035 §4.2.2, two-byte length prefix).
//!
//! Answers: A records are returned; AAAA records are parsed but not used; CNAME chains
//! inside an answer are followed, and a chain that ends without an address is asked again
//! for its last name, at most [`MAX_CNAME_HOPS`] links in all (a loop becomes an error).
//! NXDOMAIN and SERVFAIL are errors. Results are cached for their smallest TTL.

use crate::iface::Interface;
use crate::slab::{Handle, Slab};
use crate::tcp::{TcpError, TcpState};
use crate::tcp_api::TcpHandle;
use crate::udp::UdpHandle;
use crate::wire::dns::{build_query, RecordType};
use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;
use core::net::Ipv4Addr;

/// Transmissions of one question before giving up.
pub const MAX_ATTEMPTS: u32 = 3;
/// Wait for an answer before asking again.
pub const RETRY_MS: u64 = 2_000;
/// Longest CNAME chain followed.
pub const MAX_CNAME_HOPS: usize = 8;
/// Longest time a TCP query may take.
pub const TCP_TIMEOUT_MS: u64 = 5_000;
/// Most names cached.
pub const MAX_CACHE: usize = 256;

/// A pending or finished lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DnsHandle(pub Handle);

impl DnsHandle {
    /// One integer for the system-call layer.
    pub fn to_raw(self) -> u64 {
        self.0.to_raw()
    }

    /// Back from [`DnsHandle::to_raw`]; a made-up value is just an invalid handle.
    pub fn from_raw(raw: u64) -> Self {
        DnsHandle(Handle::from_raw(raw))
    }
}

/// Why a lookup failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DnsError {
    InvalidHandle,
    /// Not a valid host name.
    InvalidName,
    /// No DNS server configured, or no route to it.
    NoServer,
    /// NXDOMAIN: the name does not exist.
    NoSuchName,
    /// SERVFAIL, REFUSED or another error code from the server.
    ServerFailure,
    /// The name exists but has no IPv4 address.
    NoAddress,
    /// The reply was malformed, lied about lengths, or its CNAMEs looped.
    BadResponse,
    /// No answer after every retry.
    TimedOut,
}

#[derive(Debug)]
pub(crate) struct Query {
    pub name: String,
    /// The name being asked now (differs from `name` after a CNAME).
    pub current: String,
    pub hops: usize,
    /// Smallest TTL seen along the CNAME chain.
    pub ttl: u32,
    pub id: u16,
    /// Ids of earlier attempts for the same name: a slow answer to one still counts.
    pub old_ids: Vec<u16>,
    pub udp: Option<UdpHandle>,
    pub tcp: Option<TcpHandle>,
    pub tcp_sent: bool,
    pub tcp_buf: Vec<u8>,
    pub attempts: u32,
    pub deadline: u64,
    pub server: Ipv4Addr,
    pub result: Option<Result<Vec<Ipv4Addr>, DnsError>>,
}

impl Query {
    /// True for the id of the current attempt or of an earlier one for the same name.
    pub fn knows_id(&self, id: u16) -> bool {
        id == self.id || self.old_ids.contains(&id)
    }
}

/// Servers, queries in flight and the cache.
#[derive(Debug, Default)]
pub(crate) struct Resolver {
    servers: Vec<Ipv4Addr>,
    servers_fixed: bool,
    pub(crate) queries: Slab<Query>,
    cache: BTreeMap<String, (Vec<Ipv4Addr>, u64)>,
    next_server: usize,
}

impl Resolver {
    /// Takes servers from DHCP or static config unless the user fixed them.
    pub fn set_servers_from_config(&mut self, servers: &[Ipv4Addr]) {
        if !self.servers_fixed {
            self.servers = servers.to_vec();
        }
    }
}

fn normalise(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

impl Interface {
    /// Uses these DNS servers from now on, whatever DHCP says.
    pub fn dns_set_servers(&mut self, servers: &[Ipv4Addr]) {
        self.dns.servers = servers.to_vec();
        self.dns.servers_fixed = true;
    }

    /// The DNS servers in use.
    pub fn dns_servers(&self) -> &[Ipv4Addr] {
        &self.dns.servers
    }

    /// Starts resolving `name` to IPv4 addresses.
    pub fn dns_resolve(&mut self, name: &str) -> Result<DnsHandle, DnsError> {
        let name = normalise(name);
        if build_query(0, &name, RecordType::A).is_err() || name.is_empty() {
            return Err(DnsError::InvalidName);
        }
        let now = self.now;
        let mut result = None;
        if let Ok(addr) = name.parse::<Ipv4Addr>() {
            result = Some(Ok(alloc::vec![addr]));
        } else if let Some((addrs, expires)) = self.dns.cache.get(&name) {
            if now < *expires {
                result = Some(Ok(addrs.clone()));
            }
        }
        let query = Query {
            current: name.clone(),
            name,
            hops: 0,
            ttl: u32::MAX,
            id: 0,
            old_ids: Vec::new(),
            udp: None,
            tcp: None,
            tcp_sent: false,
            tcp_buf: Vec::new(),
            attempts: 0,
            deadline: now,
            server: Ipv4Addr::UNSPECIFIED,
            result,
        };
        let h = DnsHandle(self.dns.queries.insert(query));
        if self
            .dns
            .queries
            .get(h.0)
            .is_some_and(|q| q.result.is_none())
        {
            self.dns_send(h.0, now);
        }
        Ok(h)
    }

    /// `Ok(None)` while resolving. A final answer or error frees the handle.
    pub fn dns_result(&mut self, h: DnsHandle) -> Result<Option<Vec<Ipv4Addr>>, DnsError> {
        let q = self.dns.queries.get(h.0).ok_or(DnsError::InvalidHandle)?;
        if q.result.is_none() {
            return Ok(None);
        }
        let q = self
            .dns
            .queries
            .remove(h.0)
            .ok_or(DnsError::InvalidHandle)?;
        self.dns_free_sockets(&q);
        q.result.unwrap_or(Err(DnsError::InvalidHandle)).map(Some)
    }

    /// Abandons a lookup.
    pub fn dns_cancel(&mut self, h: DnsHandle) {
        if let Some(q) = self.dns.queries.remove(h.0) {
            self.dns_free_sockets(&q);
        }
    }

    fn dns_free_sockets(&mut self, q: &Query) {
        if let Some(u) = q.udp {
            let _ = self.udp_close(u);
        }
        if let Some(t) = q.tcp {
            let _ = self.tcp_abort(t);
        }
    }

    pub(crate) fn dns_finish(&mut self, h: Handle, result: Result<Vec<Ipv4Addr>, DnsError>) {
        let now = self.now;
        let Some(q) = self.dns.queries.get_mut(h) else {
            return;
        };
        if let Ok(addrs) = &result {
            let ttl_ms = u64::from(q.ttl.min(86_400)) * 1000;
            if ttl_ms > 0 {
                if self.dns.cache.len() >= MAX_CACHE {
                    self.dns.cache.retain(|_, (_, expires)| now < *expires);
                }
                if self.dns.cache.len() < MAX_CACHE {
                    self.dns
                        .cache
                        .insert(q.name.clone(), (addrs.clone(), now.saturating_add(ttl_ms)));
                }
            }
        }
        q.result = Some(result);
        let (udp, tcp) = (q.udp.take(), q.tcp.take());
        if let Some(u) = udp {
            let _ = self.udp_close(u);
        }
        if let Some(t) = tcp {
            let _ = self.tcp_abort(t);
        }
    }

    /// Sends (or re-sends) the UDP question of query `h`.
    pub(crate) fn dns_send(&mut self, h: Handle, now: u64) {
        if self.dns.servers.is_empty() {
            return self.dns_finish(h, Err(DnsError::NoServer));
        }
        let server = self.dns.servers[self.dns.next_server % self.dns.servers.len()];
        self.dns.next_server = self.dns.next_server.wrapping_add(1);
        let id = self.rng.next_u16();
        let needs_socket = self.dns.queries.get(h).is_some_and(|q| q.udp.is_none());
        let udp = if needs_socket {
            match self.udp_bind(0) {
                Ok(u) => Some(u),
                Err(_) => return self.dns_finish(h, Err(DnsError::NoServer)),
            }
        } else {
            None
        };
        let Some(q) = self.dns.queries.get_mut(h) else {
            return;
        };
        if udp.is_some() {
            q.udp = udp;
        }
        if q.attempts > 0 {
            let old = q.id;
            q.old_ids.push(old);
        }
        q.id = id;
        q.server = server;
        q.attempts += 1;
        q.deadline = now.saturating_add(RETRY_MS);
        let Ok(msg) = build_query(id, &q.current, RecordType::A) else {
            return self.dns_finish(h, Err(DnsError::InvalidName));
        };
        let Some(udp) = q.udp else { return };
        if self.udp_send_to(udp, server, 53, &msg).is_err() {
            self.dns_finish(h, Err(DnsError::NoServer));
        }
    }

    pub(crate) fn poll_dns(&mut self, now: u64) {
        let cache_expired: Vec<String> = self
            .dns
            .cache
            .iter()
            .filter(|(_, (_, e))| now >= *e)
            .map(|(k, _)| k.clone())
            .collect();
        for k in cache_expired {
            self.dns.cache.remove(&k);
        }
        for h in self.dns.queries.handles() {
            self.dns_poll_query(h, now);
        }
    }

    fn dns_poll_query(&mut self, h: Handle, now: u64) {
        let Some(q) = self.dns.queries.get(h) else {
            return;
        };
        if q.result.is_some() {
            return;
        }
        if let Some(udp) = q.udp {
            let mut buf = [0u8; 1500];
            while let Ok(Some((n, from, port))) = self.udp_recv_from(udp, &mut buf) {
                let Some(q) = self.dns.queries.get(h) else {
                    return;
                };
                if from != q.server || port != 53 {
                    self.counters.drops.not_for_us += 1;
                    continue;
                }
                if self.dns_answer(h, &buf[..n], false) {
                    return;
                }
            }
        }
        let Some(q) = self.dns.queries.get(h) else {
            return;
        };
        if let Some(tcp) = q.tcp {
            return self.dns_poll_tcp(h, tcp, now);
        }
        if now >= q.deadline {
            if q.attempts >= MAX_ATTEMPTS {
                self.dns_finish(h, Err(DnsError::TimedOut));
            } else {
                self.dns_send(h, now);
            }
        }
    }

    fn dns_poll_tcp(&mut self, h: Handle, tcp: TcpHandle, now: u64) {
        let Some(q) = self.dns.queries.get(h) else {
            return;
        };
        let (deadline, sent, id, current) = (q.deadline, q.tcp_sent, q.id, q.current.clone());
        match self.tcp_state(tcp) {
            Ok(TcpState::Established) | Ok(TcpState::CloseWait) if !sent => {
                let Ok(msg) = build_query(id, &current, RecordType::A) else {
                    return;
                };
                let mut framed = Vec::with_capacity(msg.len() + 2);
                framed.extend_from_slice(&(msg.len() as u16).to_be_bytes());
                framed.extend_from_slice(&msg);
                if self.tcp_send(tcp, &framed) == Ok(framed.len()) {
                    if let Some(q) = self.dns.queries.get_mut(h) {
                        q.tcp_sent = true;
                    }
                }
            }
            Ok(_) => {}
            Err(_) => return self.dns_finish(h, Err(DnsError::NoServer)),
        }
        let mut buf = [0u8; 2048];
        loop {
            match self.tcp_recv(tcp, &mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    let Some(q) = self.dns.queries.get_mut(h) else {
                        return;
                    };
                    q.tcp_buf.extend_from_slice(&buf[..n]);
                    if q.tcp_buf.len() > 65_537 {
                        return self.dns_finish(h, Err(DnsError::BadResponse));
                    }
                }
                Err(TcpError::Closed) => break,
                Err(_) => return self.dns_finish(h, Err(DnsError::NoServer)),
            }
        }
        let Some(q) = self.dns.queries.get(h) else {
            return;
        };
        if q.tcp_buf.len() >= 2 {
            let len = usize::from(u16::from_be_bytes([q.tcp_buf[0], q.tcp_buf[1]]));
            if q.tcp_buf.len() >= 2 + len {
                let msg = q.tcp_buf[2..2 + len].to_vec();
                if self.dns_answer(h, &msg, true) {
                    return;
                }
            }
        }
        if now >= deadline {
            self.dns_finish(h, Err(DnsError::TimedOut));
        }
    }
}
