//! Wire formats: typed views over byte buffers.
//!
//! Every protocol the stack speaks has one file here. Each file pairs a *view* (a borrowed
//! byte slice whose length was checked once, up front, so no accessor can panic afterwards)
//! with a *repr* (a plain struct that can be parsed from a view and emitted into a buffer).
//! Nothing in this module keeps state or knows about sockets: the stack above decides what a
//! packet means, these files only say what its bytes are.
//!
//! Specifications followed:
//! - Ethernet II framing (IEEE 802.3 §3.2.6 type field) — [`ethernet`]
//! - ARP for IPv4 over Ethernet, RFC 826 — [`arp`]
//! - IPv4, RFC 791 §3.1; checksum RFC 1071 — [`ipv4`], [`checksum`]
//! - ICMP echo, RFC 792 — [`icmp`]
//! - UDP, RFC 768 — [`udp`]
//! - TCP header and options, RFC 9293 §3.1-3.2, RFC 7323 §2 (window scale), RFC 2018 §2
//!   (SACK-permitted) — [`tcp`]
//! - DHCP, RFC 2131 §2-4 and options RFC 2132 — [`dhcp`]
//! - DNS, RFC 1035 §4 (compression §4.1.4), AAAA RFC 3596 — [`dns`]
//!
//! Parsers return [`WireError`] for anything malformed; the stack counts those as drops.

pub mod arp;
pub mod checksum;
pub mod dhcp;
pub mod dns;
pub mod ethernet;
pub mod icmp;
pub mod ipv4;
pub mod tcp;
pub mod udp;

/// Why a buffer could not be read as the protocol it claimed to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WireError {
    /// Shorter than the header or than a length field says.
    Truncated,
    /// A checksum did not verify.
    BadChecksum,
    /// A field holds a value the format forbids (bad version, header length, pointer loop...).
    Malformed,
    /// Well formed but not something this stack handles (other hardware type, IPv4 fragment...).
    Unsupported,
}

/// A 48-bit Ethernet hardware address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct MacAddr(pub [u8; 6]);

impl MacAddr {
    /// ff:ff:ff:ff:ff:ff, every station on the link.
    pub const BROADCAST: MacAddr = MacAddr([0xff; 6]);
    /// 00:00:00:00:00:00, "unknown" in ARP requests.
    pub const ZERO: MacAddr = MacAddr([0; 6]);

    /// True for group addresses (lowest bit of the first octet), broadcast included.
    pub fn is_multicast(&self) -> bool {
        self.0[0] & 1 == 1
    }
}

impl core::fmt::Display for MacAddr {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let m = self.0;
        write!(
            f,
            "{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}",
            m[0], m[1], m[2], m[3], m[4], m[5]
        )
    }
}

/// Reads a big-endian u16 at `at`; callers have checked the length.
pub(crate) fn be16(buf: &[u8], at: usize) -> u16 {
    match buf.get(at..at + 2) {
        Some(b) => u16::from_be_bytes([b[0], b[1]]),
        None => 0,
    }
}

/// Reads a big-endian u32 at `at`; callers have checked the length.
pub(crate) fn be32(buf: &[u8], at: usize) -> u32 {
    match buf.get(at..at + 4) {
        Some(b) => u32::from_be_bytes([b[0], b[1], b[2], b[3]]),
        None => 0,
    }
}

/// Reads four bytes at `at` as an IPv4 address; callers have checked the length.
pub(crate) fn ip_at(buf: &[u8], at: usize) -> core::net::Ipv4Addr {
    core::net::Ipv4Addr::from(be32(buf, at))
}
