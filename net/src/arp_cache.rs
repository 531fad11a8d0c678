//! The neighbour table (RFC 826 "packet reception" merge rules, timeouts as in RFC 1122
//! §2.3.2.1) and the queue of frames waiting for an address to resolve.
//!
//! Entries live [`ENTRY_TTL_MS`]. A frame for an unknown next hop waits in the queue while a
//! request goes out every [`RETRY_MS`]; after [`GIVE_UP_MS`] the waiting frames are dropped
//! and counted. The queue holds at most [`MAX_WAITING`] frames (RFC 1122 §2.3.2.2 asks for
//! at least one per destination).

use crate::wire::MacAddr;
use alloc::collections::BTreeMap;
use alloc::vec::Vec;
use core::net::Ipv4Addr;

/// How long a learned mapping is trusted.
pub const ENTRY_TTL_MS: u64 = 60_000;
/// Interval between requests for the same address.
pub const RETRY_MS: u64 = 1_000;
/// When frames waiting on resolution are dropped.
pub const GIVE_UP_MS: u64 = 3_000;
/// Most frames waiting, over all destinations.
pub const MAX_WAITING: usize = 128;

#[derive(Debug)]
struct Waiting {
    next_hop: Ipv4Addr,
    /// Complete frame with a placeholder destination MAC.
    frame: Vec<u8>,
}

#[derive(Debug, Clone, Copy)]
struct Pending {
    first_request: u64,
    last_request: u64,
}

/// What happened to a frame handed to [`ArpCache::enqueue`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enqueued {
    /// Queued; this is the first frame for the address, so send a request now.
    SendRequest,
    /// Queued behind a request already sent.
    Waiting,
    /// The queue was full: the frame was dropped.
    QueueFull,
}

/// What the interface should do after [`ArpCache::poll`].
#[derive(Debug, Default)]
pub struct ArpWork {
    /// Addresses to send a request for now.
    pub requests: Vec<Ipv4Addr>,
    /// Frames dropped because resolution failed.
    pub dropped: usize,
}

/// Neighbour mappings with expiry, plus frames waiting for one.
#[derive(Debug, Default)]
pub struct ArpCache {
    entries: BTreeMap<Ipv4Addr, (MacAddr, u64)>,
    pending: BTreeMap<Ipv4Addr, Pending>,
    waiting: Vec<Waiting>,
}

impl ArpCache {
    /// The mapping for `ip`, if known and fresh.
    pub fn lookup(&self, ip: Ipv4Addr, now: u64) -> Option<MacAddr> {
        self.entries
            .get(&ip)
            .filter(|(_, expires)| now < *expires)
            .map(|(mac, _)| *mac)
    }

    /// Number of fresh entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Records `ip` at `mac`. Returns the frames that were waiting for it.
    pub fn insert(&mut self, ip: Ipv4Addr, mac: MacAddr, now: u64) -> Vec<Vec<u8>> {
        if mac.is_multicast() || ip.is_unspecified() || ip.is_broadcast() {
            return Vec::new();
        }
        self.entries
            .insert(ip, (mac, now.saturating_add(ENTRY_TTL_MS)));
        self.pending.remove(&ip);
        let mut ready = Vec::new();
        let mut i = 0;
        while i < self.waiting.len() {
            if self.waiting[i].next_hop == ip {
                let mut w = self.waiting.remove(i);
                if let Some(dst) = w.frame.get_mut(0..6) {
                    dst.copy_from_slice(&mac.0);
                }
                ready.push(w.frame);
            } else {
                i += 1;
            }
        }
        ready
    }

    /// True if we already know `ip` (RFC 826: only update existing entries from requests
    /// not aimed at us).
    pub fn contains(&self, ip: Ipv4Addr) -> bool {
        self.entries.contains_key(&ip)
    }

    /// Queues `frame` until `next_hop` resolves.
    pub fn enqueue(&mut self, next_hop: Ipv4Addr, frame: Vec<u8>, now: u64) -> Enqueued {
        if self.waiting.len() >= MAX_WAITING {
            return Enqueued::QueueFull;
        }
        self.waiting.push(Waiting { next_hop, frame });
        if self.pending.contains_key(&next_hop) {
            return Enqueued::Waiting;
        }
        self.pending.insert(
            next_hop,
            Pending {
                first_request: now,
                last_request: now,
            },
        );
        Enqueued::SendRequest
    }

    /// Expires entries, repeats requests and gives up on silent neighbours.
    pub fn poll(&mut self, now: u64) -> ArpWork {
        self.entries.retain(|_, (_, expires)| now < *expires);
        let mut work = ArpWork::default();
        let mut failed = Vec::new();
        for (ip, p) in self.pending.iter_mut() {
            if now.saturating_sub(p.first_request) >= GIVE_UP_MS {
                failed.push(*ip);
            } else if now.saturating_sub(p.last_request) >= RETRY_MS {
                p.last_request = now;
                work.requests.push(*ip);
            }
        }
        for ip in failed {
            self.pending.remove(&ip);
            let before = self.waiting.len();
            self.waiting.retain(|w| w.next_hop != ip);
            work.dropped += before - self.waiting.len();
        }
        work
    }

    /// Earliest time `poll` has work to do.
    pub fn next_deadline(&self) -> Option<u64> {
        self.pending
            .values()
            .map(|p| p.last_request + RETRY_MS)
            .min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const IP: Ipv4Addr = Ipv4Addr::new(10, 0, 0, 1);
    const MAC: MacAddr = MacAddr([2, 0, 0, 0, 0, 1]);

    #[test]
    fn queue_then_resolve() {
        let mut c = ArpCache::default();
        assert_eq!(c.enqueue(IP, alloc::vec![0; 20], 0), Enqueued::SendRequest);
        assert_eq!(c.enqueue(IP, alloc::vec![1; 20], 10), Enqueued::Waiting);
        assert_eq!(c.poll(1000).requests, alloc::vec![IP]);
        let ready = c.insert(IP, MAC, 1100);
        assert_eq!(ready.len(), 2);
        assert_eq!(&ready[0][0..6], &MAC.0);
        assert_eq!(c.lookup(IP, 1100), Some(MAC));
        assert_eq!(c.lookup(IP, 1100 + ENTRY_TTL_MS), None);
    }

    #[test]
    fn gives_up() {
        let mut c = ArpCache::default();
        c.enqueue(IP, alloc::vec![0; 20], 0);
        assert_eq!(c.poll(GIVE_UP_MS).dropped, 1);
        assert_eq!(
            c.enqueue(IP, alloc::vec![0; 20], GIVE_UP_MS),
            Enqueued::SendRequest
        );
    }
}
