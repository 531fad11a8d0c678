//! ICMP echo (RFC 792): we answer echo requests addressed to us, and [`Interface::ping`]
//! sends one request and reports the round-trip time or a timeout.

use crate::iface::Interface;
use crate::slab::Handle;
use crate::wire::icmp::IcmpRepr;
use crate::wire::ipv4::{Ipv4Packet, Protocol};
use core::net::Ipv4Addr;

/// A ping handle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PingHandle(pub Handle);

impl PingHandle {
    /// One integer for the system-call layer.
    pub fn to_raw(self) -> u64 {
        self.0.to_raw()
    }

    /// Back from [`PingHandle::to_raw`]; a made-up value is just an invalid handle.
    pub fn from_raw(raw: u64) -> Self {
        PingHandle(Handle::from_raw(raw))
    }
}

/// Why a ping failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PingError {
    InvalidHandle,
    NoRoute,
    TimedOut,
}

#[derive(Debug)]
pub(crate) struct Ping {
    dst: Ipv4Addr,
    ident: u16,
    seq: u16,
    sent_at: u64,
    deadline: u64,
    result: Option<Result<u64, PingError>>,
}

const PAYLOAD: &[u8] = b"unikernel ping 0123456789abcdef";

impl Interface {
    /// Sends one echo request to `dst`; the answer is awaited for `timeout_ms`.
    pub fn ping(&mut self, dst: Ipv4Addr, timeout_ms: u64) -> Result<PingHandle, PingError> {
        let ident = self.rng.next_u16();
        let seq = self.rng.next_u16();
        let repr = IcmpRepr::EchoRequest {
            ident,
            seq,
            data: PAYLOAD,
        };
        self.send_ipv4(None, dst, Protocol::ICMP, repr.buffer_len(), |buf, _| {
            let _ = repr.emit(buf);
        })
        .map_err(|_| PingError::NoRoute)?;
        let now = self.now;
        Ok(PingHandle(self.pings.insert(Ping {
            dst,
            ident,
            seq,
            sent_at: now,
            deadline: now.saturating_add(timeout_ms),
            result: None,
        })))
    }

    /// `Ok(None)` while waiting, `Ok(Some(rtt_ms))` on a reply. A final result frees the
    /// handle.
    pub fn ping_result(&mut self, h: PingHandle) -> Result<Option<u64>, PingError> {
        let p = self.pings.get(h.0).ok_or(PingError::InvalidHandle)?;
        match p.result {
            None => Ok(None),
            Some(r) => {
                self.pings.remove(h.0);
                r.map(Some)
            }
        }
    }

    pub(crate) fn poll_pings(&mut self, now: u64) {
        for (_, p) in self.pings.iter_mut() {
            if p.result.is_none() && now >= p.deadline {
                p.result = Some(Err(PingError::TimedOut));
            }
        }
    }

    pub(crate) fn receive_icmp(&mut self, packet: &Ipv4Packet) {
        let repr = match IcmpRepr::parse(packet.payload()) {
            Ok(r) => r,
            Err(e) => return self.counters.drops.count(e),
        };
        let src = packet.src();
        match repr {
            IcmpRepr::EchoRequest { ident, seq, data } => {
                // Never answer broadcasts (RFC 1122 §3.2.2.6 allows silence).
                if self.ipv4.as_ref().map(|c| c.addr) != Some(packet.dst()) {
                    self.counters.drops.not_for_us += 1;
                    return;
                }
                let reply = IcmpRepr::EchoReply { ident, seq, data };
                let _ = self.send_ipv4(None, src, Protocol::ICMP, reply.buffer_len(), |buf, _| {
                    let _ = reply.emit(buf);
                });
            }
            IcmpRepr::EchoReply { ident, seq, .. } => {
                let now = self.now;
                let hit = self.pings.iter_mut().find(|(_, p)| {
                    p.result.is_none() && p.ident == ident && p.seq == seq && p.dst == src
                });
                match hit {
                    Some((_, p)) => p.result = Some(Ok(now.saturating_sub(p.sent_at))),
                    None => self.counters.drops.no_socket += 1,
                }
            }
            IcmpRepr::Other { .. } => self.counters.drops.unsupported += 1,
        }
    }
}
