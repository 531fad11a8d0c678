//! UDP datagrams (RFC 768): source port, destination port, length, checksum, data.
//! A zero checksum means "not computed" and is accepted; any other value must verify
//! against the IPv4 pseudo-header. On transmit the checksum is always computed, and a
//! computed zero is sent as 0xffff as RFC 768 asks.

use super::{be16, checksum, WireError};
use core::net::Ipv4Addr;

/// Length of the UDP header.
pub const HEADER_LEN: usize = 8;
const PROTOCOL: u8 = 17;

/// A parsed datagram borrowing its payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UdpRepr<'a> {
    pub src_port: u16,
    pub dst_port: u16,
    pub payload: &'a [u8],
}

impl<'a> UdpRepr<'a> {
    /// Parses `buf` (the IPv4 payload) sent from `src` to `dst`.
    pub fn parse(buf: &'a [u8], src: Ipv4Addr, dst: Ipv4Addr) -> Result<Self, WireError> {
        if buf.len() < HEADER_LEN {
            return Err(WireError::Truncated);
        }
        let len = usize::from(be16(buf, 4));
        if len < HEADER_LEN {
            return Err(WireError::Malformed);
        }
        if len > buf.len() {
            return Err(WireError::Truncated);
        }
        let datagram = &buf[..len];
        if be16(buf, 6) != 0 && checksum::of_transport(src, dst, PROTOCOL, datagram) != 0 {
            return Err(WireError::BadChecksum);
        }
        Ok(UdpRepr {
            src_port: be16(buf, 0),
            dst_port: be16(buf, 2),
            payload: &datagram[HEADER_LEN..],
        })
    }

    pub fn buffer_len(&self) -> usize {
        HEADER_LEN + self.payload.len()
    }

    /// Writes header, payload and checksum into the first `buffer_len()` bytes of `buf`.
    pub fn emit(&self, buf: &mut [u8], src: Ipv4Addr, dst: Ipv4Addr) -> Result<(), WireError> {
        let len = self.buffer_len();
        if len > usize::from(u16::MAX) {
            return Err(WireError::Malformed);
        }
        let b = buf.get_mut(..len).ok_or(WireError::Truncated)?;
        b[0..2].copy_from_slice(&self.src_port.to_be_bytes());
        b[2..4].copy_from_slice(&self.dst_port.to_be_bytes());
        b[4..6].copy_from_slice(&(len as u16).to_be_bytes());
        b[6..8].copy_from_slice(&[0, 0]);
        b[8..].copy_from_slice(self.payload);
        let mut sum = checksum::of_transport(src, dst, PROTOCOL, b);
        if sum == 0 {
            sum = 0xffff;
        }
        b[6..8].copy_from_slice(&sum.to_be_bytes());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: Ipv4Addr = Ipv4Addr::new(10, 0, 0, 1);
    const B: Ipv4Addr = Ipv4Addr::new(10, 0, 0, 2);

    #[test]
    fn round_trip() {
        let repr = UdpRepr {
            src_port: 5000,
            dst_port: 53,
            payload: b"query",
        };
        let mut buf = [0u8; 13];
        repr.emit(&mut buf, A, B).unwrap();
        assert_eq!(UdpRepr::parse(&buf, A, B), Ok(repr));
        assert_eq!(UdpRepr::parse(&buf, A, A), Err(WireError::BadChecksum));
        assert_eq!(UdpRepr::parse(&buf[..12], A, B), Err(WireError::Truncated));
    }

    #[test]
    fn zero_checksum_accepted() {
        let mut buf = [0, 1, 0, 2, 0, 9, 0, 0, 7];
        assert!(UdpRepr::parse(&buf, A, B).is_ok());
        buf[5] = 7;
        assert_eq!(UdpRepr::parse(&buf, A, B), Err(WireError::Malformed));
    }
}
