//! The interface: one Ethernet port with one IPv4 address. It owns the neighbour table,
//! every socket, the DHCP client and the DNS resolver, and it is the only place where
//! frames come in and go out.
//!
//! Receive path: [`Interface::receive`] checks the Ethernet header, answers ARP (RFC 826),
//! checks the IPv4 header and destination (RFC 1122 §3.2.1.3), drops fragments, and hands
//! ICMP, UDP and TCP to their handlers. Transmit path: sockets produce transport payloads,
//! [`Interface::send_ipv4`] routes them (on-link when the destination shares our prefix,
//! otherwise via the gateway, RFC 1122 §3.3.1) and resolves the next hop's MAC, queueing the
//! frame while ARP works. Frames to send collect in a queue drained by
//! [`Interface::transmit`]; [`Interface::poll`] runs every timer.

use crate::arp_cache::{ArpCache, Enqueued};
use crate::config::{InterfaceConfig, Ipv4Config, NetEvent};
use crate::counters::Counters;
use crate::device::Device;
use crate::dhcp::DhcpClient;
use crate::dns::Resolver;
use crate::ping::Ping;
use crate::rng::Rng;
use crate::slab::Slab;
use crate::tcp::TcpConfig;
use crate::tcp_api::TcpEntry;
use crate::udp::UdpSocket;
use crate::wire::ethernet::{self, EtherType, EthernetFrame, EthernetRepr};
use crate::wire::ipv4::{self, Ipv4Packet, Ipv4Repr, Protocol};
use crate::wire::MacAddr;
use alloc::collections::VecDeque;
use alloc::vec;
use alloc::vec::Vec;
use core::net::Ipv4Addr;

/// Most frames waiting in the transmit queue before new ones are dropped.
pub const MAX_TX_QUEUE: usize = 4096;

/// The network stack for one Ethernet interface.
#[derive(Debug)]
pub struct Interface {
    pub(crate) mac: MacAddr,
    pub(crate) ipv4: Option<Ipv4Config>,
    pub(crate) arp: ArpCache,
    pub(crate) tx_queue: VecDeque<Vec<u8>>,
    pub(crate) tcp: Slab<TcpEntry>,
    pub(crate) udp: Slab<UdpSocket>,
    pub(crate) pings: Slab<Ping>,
    pub(crate) dhcp: Option<DhcpClient>,
    pub(crate) dns: Resolver,
    pub(crate) rng: Rng,
    pub(crate) counters: Counters,
    pub(crate) tcp_config: TcpConfig,
    pub(crate) events: VecDeque<NetEvent>,
    pub(crate) now: u64,
    ip_ident: u16,
    /// Receive buffer reused by `poll_device`.
    rx_scratch: Vec<u8>,
}

impl Interface {
    pub fn new(config: InterfaceConfig) -> Self {
        let mut rng = Rng::new(config.random_seed);
        let dhcp = match config.ipv4 {
            Some(_) => None,
            None => Some(DhcpClient::new(
                rng.next_u32(),
                config.dhcp_timeout_ms,
                config.dhcp_fallback.clone(),
            )),
        };
        let mut dns = Resolver::default();
        if let Some(c) = &config.ipv4 {
            dns.set_servers_from_config(&c.dns_servers);
        }
        Interface {
            mac: config.mac,
            ipv4: config.ipv4,
            arp: ArpCache::default(),
            tx_queue: VecDeque::new(),
            tcp: Slab::default(),
            udp: Slab::default(),
            pings: Slab::default(),
            dhcp,
            dns,
            ip_ident: rng.next_u16(),
            rng,
            counters: Counters::default(),
            tcp_config: config.tcp,
            events: VecDeque::new(),
            now: 0,
            rx_scratch: vec![0u8; 2048],
        }
    }

    pub fn mac(&self) -> MacAddr {
        self.mac
    }

    /// The address in use, if any.
    pub fn ipv4_config(&self) -> Option<&Ipv4Config> {
        self.ipv4.as_ref()
    }

    /// Replaces the address (sockets keep running; connections on the old address will
    /// time out).
    pub fn set_ipv4_config(&mut self, config: Option<Ipv4Config>) {
        if let Some(c) = &config {
            self.dns.set_servers_from_config(&c.dns_servers);
        }
        self.ipv4 = config;
    }

    pub fn counters(&self) -> Counters {
        self.counters
    }

    /// Mixes caller entropy into the generator (e.g. the TSC each frame).
    pub fn add_entropy(&mut self, entropy: u64) {
        self.rng.mix(entropy);
    }

    /// Next event for the kernel's log, if any.
    pub fn poll_event(&mut self) -> Option<NetEvent> {
        self.events.pop_front()
    }

    /// Next frame to hand to the device.
    pub fn transmit(&mut self) -> Option<Vec<u8>> {
        self.tx_queue.pop_front()
    }

    /// Frames waiting to be transmitted.
    pub fn tx_pending(&self) -> usize {
        self.tx_queue.len()
    }

    /// Receives every waiting frame from `device`, runs the timers, and transmits
    /// everything queued. The one call the kernel's loop needs.
    pub fn poll_device(&mut self, device: &mut impl Device, now: u64) {
        let mut buf = core::mem::take(&mut self.rx_scratch);
        while let Some(len) = device.receive(&mut buf) {
            if let Some(frame) = buf.get(..len) {
                self.receive(frame, now);
            }
        }
        self.rx_scratch = buf;
        self.poll(now);
        while let Some(frame) = self.tx_queue.front() {
            if !device.transmit(frame) {
                break;
            }
            self.tx_queue.pop_front();
        }
    }

    /// Runs every timer: ARP retries, TCP retransmission and TIME-WAIT, DHCP, DNS, ping.
    pub fn poll(&mut self, now: u64) {
        self.now = self.now.max(now);
        let now = self.now;
        let work = self.arp.poll(now);
        self.counters.drops.arp_failed += work.dropped as u64;
        for ip in work.requests {
            self.send_arp_request(ip);
        }
        self.poll_dhcp(now);
        self.poll_dns(now);
        self.poll_pings(now);
        self.poll_tcp(now);
    }

    /// Earliest time `poll` has timer work; `None` if only new frames can create work.
    pub fn next_deadline(&self) -> Option<u64> {
        let tcp = self
            .tcp
            .iter()
            .filter_map(|(_, e)| e.socket.next_deadline())
            .min();
        [
            tcp,
            self.arp.next_deadline(),
            self.dhcp.as_ref().map(|d| d.next_deadline()),
        ]
        .into_iter()
        .flatten()
        .min()
    }

    /// Handles one received Ethernet frame (without FCS).
    pub fn receive(&mut self, frame: &[u8], now: u64) {
        self.now = self.now.max(now);
        self.counters.rx_packets += 1;
        self.counters.rx_bytes += frame.len() as u64;
        let eth = match EthernetFrame::new_checked(frame) {
            Ok(f) => f,
            Err(e) => return self.counters.drops.count(e),
        };
        if eth.dst() != self.mac && !eth.dst().is_multicast() {
            self.counters.drops.not_for_us += 1;
            return;
        }
        match eth.ethertype() {
            EtherType::ARP => self.receive_arp(eth.payload()),
            EtherType::IPV4 => self.receive_ipv4(eth.payload()),
            _ => self.counters.drops.unsupported += 1,
        }
    }

    fn receive_ipv4(&mut self, payload: &[u8]) {
        let packet = match Ipv4Packet::new_checked(payload) {
            Ok(p) => p,
            Err(e) => return self.counters.drops.count(e),
        };
        if packet.is_fragment() {
            self.counters.drops.fragment += 1;
            return;
        }
        let dst = packet.dst();
        let accepted = match &self.ipv4 {
            Some(c) => dst == c.addr || dst.is_broadcast() || dst == c.broadcast(),
            // Unconfigured: only DHCP replies can be for us (RFC 2131 §4.1 allows unicast
            // to the offered address).
            None => packet.protocol() == Protocol::UDP,
        };
        if !accepted {
            self.counters.drops.not_for_us += 1;
            return;
        }
        match packet.protocol() {
            Protocol::ICMP => self.receive_icmp(&packet),
            Protocol::UDP => self.receive_udp(&packet),
            Protocol::TCP
                if self.ipv4.is_some() && dst == self.ipv4.as_ref().map_or(dst, |c| c.addr) =>
            {
                self.receive_tcp(&packet)
            }
            _ => self.counters.drops.unsupported += 1,
        }
    }

    /// Queues a finished frame for the device.
    pub(crate) fn queue_frame(&mut self, frame: Vec<u8>) {
        if self.tx_queue.len() >= MAX_TX_QUEUE {
            self.counters.drops.tx_queue_full += 1;
            return;
        }
        self.counters.tx_packets += 1;
        self.counters.tx_bytes += frame.len() as u64;
        self.tx_queue.push_back(frame);
    }

    /// Builds and sends an IPv4 packet: `fill` writes the transport bytes given the buffer
    /// and the source address. `src` overrides our address (DHCP sends from 0.0.0.0).
    pub(crate) fn send_ipv4(
        &mut self,
        src: Option<Ipv4Addr>,
        dst: Ipv4Addr,
        protocol: Protocol,
        payload_len: usize,
        fill: impl FnOnce(&mut [u8], Ipv4Addr),
    ) -> Result<(), crate::tcp::TcpError> {
        let Some(src) = src.or(self.ipv4.as_ref().map(|c| c.addr)) else {
            self.counters.drops.no_route += 1;
            return Err(crate::tcp::TcpError::NoRoute);
        };
        let l4_start = ethernet::HEADER_LEN + ipv4::HEADER_LEN;
        let mut frame = vec![0u8; l4_start + payload_len];
        fill(&mut frame[l4_start..], src);
        self.send_ipv4_frame(Some(src), dst, protocol, frame)
    }

    /// Sends a frame whose transport bytes are in place after room for the Ethernet and
    /// IPv4 headers: writes those headers, routes, and queues (or parks it for ARP).
    pub(crate) fn send_ipv4_frame(
        &mut self,
        src: Option<Ipv4Addr>,
        dst: Ipv4Addr,
        protocol: Protocol,
        mut frame: Vec<u8>,
    ) -> Result<(), crate::tcp::TcpError> {
        let config = self.ipv4.as_ref();
        let Some(src) = src.or(config.map(|c| c.addr)) else {
            self.counters.drops.no_route += 1;
            return Err(crate::tcp::TcpError::NoRoute);
        };
        // Route: broadcast, on-link, or via the gateway.
        let next_hop = match config {
            _ if dst.is_broadcast() => None,
            Some(c) if dst == c.broadcast() => None,
            Some(c) if c.on_link(dst) => Some(dst),
            Some(Ipv4Config {
                gateway: Some(gw), ..
            }) => Some(*gw),
            _ => {
                self.counters.drops.no_route += 1;
                return Err(crate::tcp::TcpError::NoRoute);
            }
        };
        let ip_start = ethernet::HEADER_LEN;
        let Some(payload_len) = frame.len().checked_sub(ip_start + ipv4::HEADER_LEN) else {
            return Err(crate::tcp::TcpError::InvalidState);
        };
        self.ip_ident = self.ip_ident.wrapping_add(1);
        let ip = Ipv4Repr {
            src,
            dst,
            protocol,
            payload_len,
            ttl: 64,
            ident: self.ip_ident,
        };
        if ip.emit(&mut frame[ip_start..]).is_err() {
            self.counters.drops.malformed += 1;
            return Err(crate::tcp::TcpError::InvalidState);
        }
        let dst_mac = match next_hop {
            None => Some(MacAddr::BROADCAST),
            Some(hop) => self.arp.lookup(hop, self.now),
        };
        let eth = EthernetRepr {
            dst: dst_mac.unwrap_or(MacAddr::ZERO),
            src: self.mac,
            ethertype: EtherType::IPV4,
        };
        if eth.emit(&mut frame).is_err() {
            return Err(crate::tcp::TcpError::InvalidState);
        }
        match (dst_mac, next_hop) {
            (Some(_), _) => self.queue_frame(frame),
            (None, Some(hop)) => match self.arp.enqueue(hop, frame, self.now) {
                Enqueued::SendRequest => self.send_arp_request(hop),
                Enqueued::Waiting => {}
                Enqueued::QueueFull => self.counters.drops.arp_failed += 1,
            },
            (None, None) => {}
        }
        Ok(())
    }

    /// A fresh ephemeral port (RFC 6056 §3.3.1: random within 49152-65535), not in use by
    /// any TCP or UDP socket.
    pub(crate) fn ephemeral_port(&mut self) -> u16 {
        loop {
            let port = 49152 + self.rng.next_u16() % 16384;
            let tcp_used = self.tcp.iter().any(|(_, e)| e.socket.local().port == port);
            let udp_used = self.udp.iter().any(|(_, u)| u.port == port);
            if !tcp_used && !udp_used {
                return port;
            }
        }
    }
}
