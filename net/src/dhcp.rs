//! DHCP client (RFC 2131 §4.4, client state diagram in Figure 5).
//!
//! INIT sends DISCOVER (broadcast, from 0.0.0.0) and waits in SELECTING; the first OFFER is
//! answered with a REQUEST naming the server (REQUESTING); an ACK binds the address
//! (BOUND). At T1 (default half the lease) the client unicasts a REQUEST to its server
//! (RENEWING); at T2 (default 7/8 of the lease) it broadcasts (REBINDING); when the lease
//! runs out the address is removed and the client starts over. A NAK restarts it too.
//! Requests are retransmitted with doubling intervals (§4.1, here 2 s up to 16 s).
//!
//! If no lease arrives within the configured timeout, the fallback address (QEMU's
//! 10.0.2.15/24) is applied and reported; the client keeps trying in the background and
//! replaces the fallback if a server answers later.

use crate::config::{Ipv4Config, NetEvent};
use crate::iface::Interface;
use crate::wire::dhcp::{DhcpRepr, MessageType, CLIENT_PORT, SERVER_PORT};
use core::net::Ipv4Addr;

const FIRST_RETRY_MS: u64 = 2_000;
const MAX_RETRY_MS: u64 = 16_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Selecting,
    Requesting { server: Ipv4Addr, offered: Ipv4Addr },
    Bound,
    Renewing,
    Rebinding,
}

#[derive(Debug, Clone)]
struct Lease {
    config: Ipv4Config,
    server: Ipv4Addr,
    t1_at: u64,
    t2_at: u64,
    expires_at: u64,
}

/// The client's state; the interface drives it.
#[derive(Debug)]
pub(crate) struct DhcpClient {
    state: State,
    xid: u32,
    started_at: Option<u64>,
    timeout_ms: u64,
    fallback: Ipv4Config,
    fallback_applied: bool,
    next_send: u64,
    retry_ms: u64,
    lease: Option<Lease>,
}

impl DhcpClient {
    pub fn new(xid: u32, timeout_ms: u64, fallback: Ipv4Config) -> Self {
        DhcpClient {
            state: State::Selecting,
            xid,
            started_at: None,
            timeout_ms,
            fallback,
            fallback_applied: false,
            next_send: 0,
            retry_ms: FIRST_RETRY_MS,
            lease: None,
        }
    }

    pub fn next_deadline(&self) -> u64 {
        let mut t = self.next_send;
        if let Some(l) = &self.lease {
            t = t.min(l.t1_at).min(l.t2_at).min(l.expires_at);
        }
        t
    }

    fn restart(&mut self, now: u64, xid: u32) {
        self.state = State::Selecting;
        self.xid = xid;
        self.next_send = now;
        self.retry_ms = FIRST_RETRY_MS;
    }

    fn schedule_retry(&mut self, now: u64) {
        self.next_send = now.saturating_add(self.retry_ms);
        self.retry_ms = (self.retry_ms * 2).min(MAX_RETRY_MS);
    }
}

/// Prefix length of a netmask (counts leading ones; invalid masks count as /24).
fn prefix_of(mask: Ipv4Addr) -> u8 {
    let m = u32::from(mask);
    let ones = m.leading_ones();
    if m.checked_shl(ones).unwrap_or(0) == 0 {
        ones as u8
    } else {
        24
    }
}

impl Interface {
    pub(crate) fn poll_dhcp(&mut self, now: u64) {
        let Some(mut client) = self.dhcp.take() else {
            return;
        };
        let started = *client.started_at.get_or_insert(now);
        if client.lease.is_none()
            && !client.fallback_applied
            && now.saturating_sub(started) >= client.timeout_ms
        {
            client.fallback_applied = true;
            self.set_ipv4_config(Some(client.fallback.clone()));
            self.events
                .push_back(NetEvent::DhcpFallback(client.fallback.clone()));
        }
        if let Some(lease) = client.lease.clone() {
            if now >= lease.expires_at {
                client.lease = None;
                self.set_ipv4_config(None);
                self.events.push_back(NetEvent::DhcpLost);
                let xid = self.rng.next_u32();
                client.restart(now, xid);
            } else if now >= lease.t2_at && client.state == State::Renewing {
                client.state = State::Rebinding;
                client.next_send = now;
            } else if now >= lease.t1_at && client.state == State::Bound {
                client.state = State::Renewing;
                client.next_send = now;
                client.retry_ms = FIRST_RETRY_MS;
            }
        }
        if now >= client.next_send && client.state != State::Bound {
            self.send_dhcp_message(&client);
            client.schedule_retry(now);
        }
        self.dhcp = Some(client);
    }

    fn send_dhcp_message(&mut self, client: &DhcpClient) {
        let mac = self.mac;
        let (kind, dst) = match client.state {
            State::Selecting => (MessageType::Discover, Ipv4Addr::BROADCAST),
            State::Requesting { .. } => (MessageType::Request, Ipv4Addr::BROADCAST),
            State::Renewing => (
                MessageType::Request,
                client
                    .lease
                    .as_ref()
                    .map_or(Ipv4Addr::BROADCAST, |l| l.server),
            ),
            State::Rebinding => (MessageType::Request, Ipv4Addr::BROADCAST),
            State::Bound => return,
        };
        let mut msg = DhcpRepr::client(client.xid, mac, kind);
        let mut src = Some(Ipv4Addr::UNSPECIFIED);
        match client.state {
            State::Requesting { server, offered } => {
                // §4.3.2 SELECTING: 'server identifier' and 'requested IP address' set.
                msg.server_id = Some(server);
                msg.requested_ip = Some(offered);
            }
            State::Renewing | State::Rebinding => {
                // §4.3.2 RENEWING/REBINDING: ciaddr set, no server id or requested address.
                if let Some(l) = &client.lease {
                    msg.client_ip = l.config.addr;
                    msg.broadcast = false;
                    src = Some(l.config.addr);
                }
            }
            _ => {}
        }
        let bytes = msg.to_bytes();
        let _ = self.send_udp(src, CLIENT_PORT, dst, SERVER_PORT, &bytes);
    }

    pub(crate) fn receive_dhcp(&mut self, payload: &[u8]) {
        let Some(mut client) = self.dhcp.take() else {
            self.counters.drops.no_socket += 1;
            return;
        };
        match DhcpRepr::parse(payload) {
            Ok(msg) if msg.op == 2 && msg.xid == client.xid && msg.client_mac == self.mac => {
                self.handle_dhcp(&mut client, &msg);
            }
            Ok(_) => self.counters.drops.not_for_us += 1,
            Err(e) => self.counters.drops.count(e),
        }
        self.dhcp = Some(client);
    }

    fn handle_dhcp(&mut self, client: &mut DhcpClient, msg: &DhcpRepr) {
        let now = self.now;
        match (client.state, msg.message_type) {
            (State::Selecting, Some(MessageType::Offer)) => {
                let Some(server) = msg.server_id else {
                    self.counters.drops.malformed += 1;
                    return;
                };
                client.state = State::Requesting {
                    server,
                    offered: msg.your_ip,
                };
                client.retry_ms = FIRST_RETRY_MS;
                self.send_dhcp_message(client);
                client.schedule_retry(now);
            }
            (
                State::Requesting { .. } | State::Renewing | State::Rebinding,
                Some(MessageType::Ack),
            ) => {
                let lease_ms = u64::from(msg.lease_secs.unwrap_or(3600)) * 1000;
                let t1 = msg.renew_secs.map_or(lease_ms / 2, |s| u64::from(s) * 1000);
                let t2 = msg
                    .rebind_secs
                    .map_or(lease_ms * 7 / 8, |s| u64::from(s) * 1000);
                let config = Ipv4Config {
                    addr: msg.your_ip,
                    prefix_len: msg.subnet_mask.map_or(24, prefix_of),
                    gateway: msg.router,
                    dns_servers: msg.dns_servers.clone(),
                };
                let server = msg.server_id.unwrap_or(Ipv4Addr::BROADCAST);
                let changed = self.ipv4.as_ref() != Some(&config);
                client.lease = Some(Lease {
                    config: config.clone(),
                    server,
                    t1_at: now.saturating_add(t1),
                    t2_at: now.saturating_add(t2.max(t1)),
                    expires_at: now.saturating_add(lease_ms.max(t2)),
                });
                client.state = State::Bound;
                client.next_send = u64::MAX;
                if changed {
                    self.set_ipv4_config(Some(config.clone()));
                    self.events.push_back(NetEvent::DhcpBound(config));
                }
            }
            (
                State::Requesting { .. } | State::Renewing | State::Rebinding,
                Some(MessageType::Nak),
            ) => {
                if client.lease.take().is_some() {
                    self.set_ipv4_config(None);
                    self.events.push_back(NetEvent::DhcpLost);
                }
                let xid = self.rng.next_u32();
                client.restart(now, xid);
            }
            _ => self.counters.drops.not_for_us += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        assert_eq!(prefix_of(Ipv4Addr::new(255, 255, 255, 0)), 24);
        assert_eq!(prefix_of(Ipv4Addr::new(255, 255, 0, 0)), 16);
        assert_eq!(prefix_of(Ipv4Addr::new(255, 255, 255, 255)), 32);
        assert_eq!(prefix_of(Ipv4Addr::new(255, 0, 255, 0)), 24);
        assert_eq!(prefix_of(Ipv4Addr::new(0, 0, 0, 0)), 0);
    }
}
