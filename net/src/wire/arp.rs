//! ARP for IPv4 over Ethernet (RFC 826). Only hardware type 1 (Ethernet) with protocol
//! type 0x0800 (IPv4) and 6/4-byte addresses is accepted; anything else is `Unsupported`.
//!
//! Packet layout (28 bytes): htype(2) ptype(2) hlen(1) plen(1) oper(2) sha(6) spa(4)
//! tha(6) tpa(4).

use super::ethernet::mac_at;
use super::{be16, ip_at, MacAddr, WireError};
use core::net::Ipv4Addr;

/// Length of an Ethernet/IPv4 ARP packet.
pub const PACKET_LEN: usize = 28;

/// ARP operation codes (RFC 826 "ar$op").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArpOperation {
    Request,
    Reply,
    Unknown(u16),
}

impl ArpOperation {
    fn from_u16(v: u16) -> Self {
        match v {
            1 => ArpOperation::Request,
            2 => ArpOperation::Reply,
            n => ArpOperation::Unknown(n),
        }
    }

    fn to_u16(self) -> u16 {
        match self {
            ArpOperation::Request => 1,
            ArpOperation::Reply => 2,
            ArpOperation::Unknown(n) => n,
        }
    }
}

/// A parsed ARP packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArpRepr {
    pub operation: ArpOperation,
    pub sender_mac: MacAddr,
    pub sender_ip: Ipv4Addr,
    pub target_mac: MacAddr,
    pub target_ip: Ipv4Addr,
}

impl ArpRepr {
    /// Parses an ARP packet, checking length and the Ethernet/IPv4 address formats.
    pub fn parse(buf: &[u8]) -> Result<Self, WireError> {
        if buf.len() < PACKET_LEN {
            return Err(WireError::Truncated);
        }
        if be16(buf, 0) != 1 || be16(buf, 2) != 0x0800 || buf[4] != 6 || buf[5] != 4 {
            return Err(WireError::Unsupported);
        }
        Ok(ArpRepr {
            operation: ArpOperation::from_u16(be16(buf, 6)),
            sender_mac: mac_at(buf, 8),
            sender_ip: ip_at(buf, 14),
            target_mac: mac_at(buf, 18),
            target_ip: ip_at(buf, 24),
        })
    }

    /// Writes the packet into the first [`PACKET_LEN`] bytes of `buf`.
    pub fn emit(&self, buf: &mut [u8]) -> Result<(), WireError> {
        let b = buf.get_mut(..PACKET_LEN).ok_or(WireError::Truncated)?;
        b[0..2].copy_from_slice(&1u16.to_be_bytes());
        b[2..4].copy_from_slice(&0x0800u16.to_be_bytes());
        b[4] = 6;
        b[5] = 4;
        b[6..8].copy_from_slice(&self.operation.to_u16().to_be_bytes());
        b[8..14].copy_from_slice(&self.sender_mac.0);
        b[14..18].copy_from_slice(&self.sender_ip.octets());
        b[18..24].copy_from_slice(&self.target_mac.0);
        b[24..28].copy_from_slice(&self.target_ip.octets());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let repr = ArpRepr {
            operation: ArpOperation::Request,
            sender_mac: MacAddr([2, 0, 0, 0, 0, 1]),
            sender_ip: Ipv4Addr::new(10, 0, 2, 15),
            target_mac: MacAddr::ZERO,
            target_ip: Ipv4Addr::new(10, 0, 2, 2),
        };
        let mut buf = [0u8; PACKET_LEN];
        repr.emit(&mut buf).unwrap();
        assert_eq!(ArpRepr::parse(&buf), Ok(repr));
    }

    #[test]
    fn rejects_other_hardware() {
        let mut buf = [0u8; PACKET_LEN];
        buf[1] = 6; // IEEE 802 networks
        assert_eq!(ArpRepr::parse(&buf), Err(WireError::Unsupported));
        assert_eq!(ArpRepr::parse(&buf[..27]), Err(WireError::Truncated));
    }
}
