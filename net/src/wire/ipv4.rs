//! IPv4 headers (RFC 791 §3.1).
//!
//! ```text
//!  0                   1                   2                   3
//!  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//! |Version|  IHL  |Type of Service|          Total Length         |
//! |         Identification        |Flags|      Fragment Offset    |
//! |  Time to Live |    Protocol   |         Header Checksum       |
//! |                       Source Address                          |
//! |                    Destination Address                        |
//! |                    Options                    |    Padding    |
//! ```
//!
//! [`Ipv4Packet::new_checked`] verifies version, header length, total length against the
//! buffer and the header checksum, so later accessors cannot fail. Options are skipped
//! (their length is honoured, their content ignored). Fragments are reported by
//! [`Ipv4Packet::is_fragment`]; the stack drops and counts them (no reassembly).

use super::{be16, checksum, ip_at, WireError};
use core::net::Ipv4Addr;

/// Length of a header without options.
pub const HEADER_LEN: usize = 20;

/// IP protocol numbers (a newtype: peers may send anything).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Protocol(pub u8);

impl Protocol {
    pub const ICMP: Protocol = Protocol(1);
    pub const TCP: Protocol = Protocol(6);
    pub const UDP: Protocol = Protocol(17);
}

/// A checked view of an IPv4 packet.
#[derive(Debug, Clone, Copy)]
pub struct Ipv4Packet<'a> {
    buf: &'a [u8],
}

impl<'a> Ipv4Packet<'a> {
    /// Checks version 4, 20 <= header length <= total length <= buffer, and the checksum.
    /// Bytes past the total length (Ethernet padding) are ignored.
    pub fn new_checked(buf: &'a [u8]) -> Result<Self, WireError> {
        if buf.len() < HEADER_LEN {
            return Err(WireError::Truncated);
        }
        if buf[0] >> 4 != 4 {
            return Err(WireError::Malformed);
        }
        let header_len = usize::from(buf[0] & 0x0f) * 4;
        let total_len = usize::from(be16(buf, 2));
        if header_len < HEADER_LEN || total_len < header_len {
            return Err(WireError::Malformed);
        }
        if total_len > buf.len() {
            return Err(WireError::Truncated);
        }
        if checksum::of(&buf[..header_len]) != 0 {
            return Err(WireError::BadChecksum);
        }
        Ok(Ipv4Packet {
            buf: &buf[..total_len],
        })
    }

    pub fn header_len(&self) -> usize {
        usize::from(self.buf[0] & 0x0f) * 4
    }

    pub fn total_len(&self) -> usize {
        self.buf.len()
    }

    pub fn dscp_ecn(&self) -> u8 {
        self.buf[1]
    }

    pub fn ident(&self) -> u16 {
        be16(self.buf, 4)
    }

    /// Don't Fragment flag.
    pub fn dont_fragment(&self) -> bool {
        self.buf[6] & 0x40 != 0
    }

    /// More Fragments flag.
    pub fn more_fragments(&self) -> bool {
        self.buf[6] & 0x20 != 0
    }

    /// Fragment offset in bytes.
    pub fn fragment_offset(&self) -> usize {
        usize::from(be16(self.buf, 6) & 0x1fff) * 8
    }

    /// True if this packet is one piece of a fragmented datagram.
    pub fn is_fragment(&self) -> bool {
        self.more_fragments() || self.fragment_offset() != 0
    }

    pub fn ttl(&self) -> u8 {
        self.buf[8]
    }

    pub fn protocol(&self) -> Protocol {
        Protocol(self.buf[9])
    }

    pub fn src(&self) -> Ipv4Addr {
        ip_at(self.buf, 12)
    }

    pub fn dst(&self) -> Ipv4Addr {
        ip_at(self.buf, 16)
    }

    /// The bytes after the header (and its options), up to the total length.
    pub fn payload(&self) -> &'a [u8] {
        &self.buf[self.header_len()..]
    }
}

/// The fields this stack sets when sending; options are never emitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ipv4Repr {
    pub src: Ipv4Addr,
    pub dst: Ipv4Addr,
    pub protocol: Protocol,
    pub payload_len: usize,
    pub ttl: u8,
    pub ident: u16,
}

impl Ipv4Repr {
    pub fn parse(packet: &Ipv4Packet) -> Self {
        Ipv4Repr {
            src: packet.src(),
            dst: packet.dst(),
            protocol: packet.protocol(),
            payload_len: packet.payload().len(),
            ttl: packet.ttl(),
            ident: packet.ident(),
        }
    }

    /// Writes a 20-byte header with Don't Fragment set and a correct checksum.
    pub fn emit(&self, buf: &mut [u8]) -> Result<(), WireError> {
        let total = HEADER_LEN + self.payload_len;
        if total > usize::from(u16::MAX) {
            return Err(WireError::Malformed);
        }
        let h = buf.get_mut(..HEADER_LEN).ok_or(WireError::Truncated)?;
        h[0] = 0x45;
        h[1] = 0;
        h[2..4].copy_from_slice(&(total as u16).to_be_bytes());
        h[4..6].copy_from_slice(&self.ident.to_be_bytes());
        h[6..8].copy_from_slice(&0x4000u16.to_be_bytes());
        h[8] = self.ttl;
        h[9] = self.protocol.0;
        h[10..12].copy_from_slice(&[0, 0]);
        h[12..16].copy_from_slice(&self.src.octets());
        h[16..20].copy_from_slice(&self.dst.octets());
        let sum = checksum::of(h);
        h[10..12].copy_from_slice(&sum.to_be_bytes());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Ipv4Repr {
        Ipv4Repr {
            src: Ipv4Addr::new(10, 0, 2, 15),
            dst: Ipv4Addr::new(10, 0, 2, 2),
            protocol: Protocol::UDP,
            payload_len: 4,
            ttl: 64,
            ident: 7,
        }
    }

    #[test]
    fn round_trip() {
        let mut buf = [0u8; 24];
        sample().emit(&mut buf).unwrap();
        let p = Ipv4Packet::new_checked(&buf).unwrap();
        assert_eq!(Ipv4Repr::parse(&p), sample());
        assert!(!p.is_fragment());
        assert!(p.dont_fragment());
    }

    #[test]
    fn bad_checksum_and_lengths() {
        let mut buf = [0u8; 24];
        sample().emit(&mut buf).unwrap();
        buf[8] = 1;
        assert_eq!(
            Ipv4Packet::new_checked(&buf).err(),
            Some(WireError::BadChecksum)
        );
        assert_eq!(
            Ipv4Packet::new_checked(&buf[..23]).err(),
            Some(WireError::Truncated)
        );
        buf[0] = 0x44;
        assert_eq!(
            Ipv4Packet::new_checked(&buf).err(),
            Some(WireError::Malformed)
        );
    }

    #[test]
    fn options_are_skipped() {
        let mut buf = [0u8; 28];
        let mut repr = sample();
        repr.payload_len = 4;
        repr.emit(&mut buf).unwrap();
        // Rebuild as IHL 6 with a 4-byte NOP option and fix lengths and checksum.
        let mut with_opts = [0u8; 28];
        with_opts[..20].copy_from_slice(&buf[..20]);
        with_opts[0] = 0x46;
        with_opts[2..4].copy_from_slice(&28u16.to_be_bytes());
        with_opts[20..24].copy_from_slice(&[1, 1, 1, 0]);
        with_opts[24..28].copy_from_slice(&[9, 9, 9, 9]);
        with_opts[10..12].copy_from_slice(&[0, 0]);
        let sum = checksum::of(&with_opts[..24]);
        with_opts[10..12].copy_from_slice(&sum.to_be_bytes());
        let p = Ipv4Packet::new_checked(&with_opts).unwrap();
        assert_eq!(p.payload(), &[9, 9, 9, 9]);
    }
}
