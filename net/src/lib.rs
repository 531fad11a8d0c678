//! # net: a TCP/IP stack for the unikernel
//!
//! `#![no_std]` + `alloc`, no `unsafe`, no clock and no randomness of its own. The kernel's
//! virtio-net driver moves frames; this crate understands them.
//!
//! ## Layers
//! - [`wire`]: typed views and emitters for Ethernet II, ARP, IPv4, ICMP, UDP, TCP, DHCP and
//!   DNS. Pure functions over byte slices; every length is checked before any field is read.
//! - [`tcp`]: the TCP state machine of RFC 9293 with RFC 6298 timers, RFC 5681/6582
//!   congestion control, window scaling (RFC 7323) and out-of-order queueing. It produces
//!   segments; it never sends them.
//! - [`Interface`]: one Ethernet interface with one IPv4 address. It owns the ARP cache
//!   (with a queue of packets waiting on resolution), routing (on-link or via the gateway),
//!   ICMP echo, UDP and TCP sockets, the DHCP client and the DNS resolver.
//!
//! ## How the kernel drives it
//! ```ignore
//! let mut iface = net::Interface::new(net::InterfaceConfig::dhcp(mac, seed_from_rdrand));
//! loop {                                   // once per frame
//!     iface.poll_device(&mut virtio_net, now_ms);   // rx, timers, tx
//!     while let Some(ev) = iface.poll_event() {
//!         if let net::NetEvent::DhcpBound(c) | net::NetEvent::DhcpFallback(c) = ev {
//!             log!("net: dhcp {c}");   // "net: dhcp 10.0.2.15/24 gw 10.0.2.2 dns 10.0.2.3"
//!         }
//!     }
//! }
//! ```
//! Instead of implementing [`Device`], a driver may call [`Interface::receive`] for each
//! frame, [`Interface::poll`] once, and send every frame [`Interface::transmit`] returns.
//! Time is a `u64` of milliseconds from any fixed origin, passed in; it must not go back.
//!
//! ## Sockets (all calls return at once)
//! - TCP: [`Interface::tcp_connect`], [`Interface::tcp_listen`], [`Interface::tcp_accept`],
//!   [`Interface::tcp_send`], [`Interface::tcp_recv`], [`Interface::tcp_close`],
//!   [`Interface::tcp_abort`], [`Interface::tcp_release`], [`Interface::tcp_state`];
//!   errors are [`TcpError`].
//! - UDP: [`Interface::udp_bind`], [`Interface::udp_send_to`], [`Interface::udp_recv_from`],
//!   [`Interface::udp_close`]; errors are [`UdpError`].
//! - DNS: [`Interface::dns_resolve`] gives a [`DnsHandle`] polled with
//!   [`Interface::dns_result`]; errors are [`DnsError`]. Servers come from DHCP or
//!   [`Interface::dns_set_servers`].
//! - Ping: [`Interface::ping`] and [`Interface::ping_result`].
//!
//! Handles are generation-checked ([`Handle::to_raw`] gives a u64 for system calls), so a
//! stale handle is an error, never someone else's socket.
//!
//! ## Promises
//! Malformed, truncated or hostile packets are dropped and counted in [`Counters`], never a
//! panic. A peer that stops answering ends its connection with [`TcpError::TimedOut`]; a
//! DNS server that stops answering ends the lookup with [`DnsError::TimedOut`].
//!
//! ## How it is tested (`cargo test -p net`)
//! - unit tests beside the code: every wire format both ways, sequence arithmetic, RTO,
//!   NewReno, reassembly, ARP cache, slab handles;
//! - `tests/pcap_replay.rs`: packets of the Linux stack and dnsmasq captured with tcpdump
//!   (`tests/pcap/make_captures.sh`), read by a small pcap reader, parsed, re-emitted and
//!   fed to the stack, whose answers are compared with Linux's;
//! - `tests/sim_*.rs`: two instances over a simulated link that drops, duplicates and
//!   reorders, with a fake clock (TCP exactness, flow control, resets, timeouts, many
//!   sockets; DHCP and DNS against scripted servers, hostile DNS replies included);
//! - `tests/linux_peer.rs`: our stack on a TAP device in a network namespace made by the
//!   test, against Linux TCP (10 MB each way, verified by hash), ping, and dnsmasq for DHCP
//!   and DNS. Needs root; prints `SKIPPED ...` and passes otherwise;
//! - `tests/hostile.rs`: corrupted captures and garbage; `fuzz/`: cargo-fuzz targets for
//!   each parser and for the receive path.
//!
//! Not implemented: IPv4 fragment reassembly (fragments are dropped and counted), IP
//! options (skipped), IPv6, SACK and timestamps (SACK-permitted is parsed, not used),
//! urgent data.

#![no_std]
#![deny(unsafe_code)]

extern crate alloc;

mod arp;
pub mod arp_cache;
mod config;
pub mod counters;
pub mod device;
mod dhcp;
pub mod dns;
mod dns_reply;
mod iface;
pub mod ping;
pub mod rng;
pub mod slab;
pub mod tcp;
pub mod tcp_api;
pub mod udp;
pub mod wire;

pub use config::{InterfaceConfig, Ipv4Config, NetEvent};
pub use counters::{Counters, DropCounters};
pub use device::Device;
pub use dns::{DnsError, DnsHandle};
pub use iface::Interface;
pub use ping::{PingError, PingHandle};
pub use slab::Handle;
pub use tcp::{Endpoint, TcpConfig, TcpError, TcpState};
pub use tcp_api::TcpHandle;
pub use udp::{UdpError, UdpHandle};
pub use wire::MacAddr;
