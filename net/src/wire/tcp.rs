//! TCP segments (RFC 9293 §3.1) and the options a connection negotiates.
//!
//! ```text
//! |          Source Port          |       Destination Port        |
//! |                        Sequence Number                        |
//! |                    Acknowledgment Number                      |
//! |  Data |       |C|E|U|A|P|R|S|F|                               |
//! | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |
//! |           Checksum            |         Urgent Pointer        |
//! |                    Options                    |    Padding    |
//! ```
//!
//! Options understood (RFC 9293 §3.2): End (0), NOP (1), MSS (2, RFC 9293 §3.7.1), Window
//! Scale (3, RFC 7323 §2.2) and SACK-permitted (4, RFC 2018 §2). SACK blocks (5) and
//! timestamps (8) are skipped by length; an option whose length runs past the header or is
//! below 2 makes the segment `Malformed`.

use super::{be16, be32, checksum, WireError};
use core::net::Ipv4Addr;

/// Length of a header without options.
pub const HEADER_LEN: usize = 20;
const PROTOCOL: u8 = 6;

/// The control bits of a segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TcpFlags(pub u8);

impl TcpFlags {
    pub const FIN: u8 = 0x01;
    pub const SYN: u8 = 0x02;
    pub const RST: u8 = 0x04;
    pub const PSH: u8 = 0x08;
    pub const ACK: u8 = 0x10;
    pub const URG: u8 = 0x20;

    pub fn fin(self) -> bool {
        self.0 & Self::FIN != 0
    }
    pub fn syn(self) -> bool {
        self.0 & Self::SYN != 0
    }
    pub fn rst(self) -> bool {
        self.0 & Self::RST != 0
    }
    pub fn ack(self) -> bool {
        self.0 & Self::ACK != 0
    }
}

/// A parsed segment borrowing its payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TcpRepr<'a> {
    pub src_port: u16,
    pub dst_port: u16,
    pub seq: u32,
    pub ack: u32,
    pub flags: TcpFlags,
    /// The raw 16-bit window field (not yet shifted by a window scale).
    pub window: u16,
    /// Maximum segment size option (SYN only).
    pub mss: Option<u16>,
    /// Window scale shift option (SYN only), as sent (may exceed 14; the stack clamps).
    pub window_scale: Option<u8>,
    /// SACK-permitted option seen (SYN only).
    pub sack_permitted: bool,
    pub payload: &'a [u8],
}

impl<'a> TcpRepr<'a> {
    /// Parses `buf` (the IPv4 payload) sent from `src` to `dst`, verifying the checksum.
    pub fn parse(buf: &'a [u8], src: Ipv4Addr, dst: Ipv4Addr) -> Result<Self, WireError> {
        if buf.len() < HEADER_LEN {
            return Err(WireError::Truncated);
        }
        let header_len = usize::from(buf[12] >> 4) * 4;
        if header_len < HEADER_LEN {
            return Err(WireError::Malformed);
        }
        if header_len > buf.len() {
            return Err(WireError::Truncated);
        }
        if checksum::of_transport(src, dst, PROTOCOL, buf) != 0 {
            return Err(WireError::BadChecksum);
        }
        let mut repr = TcpRepr {
            src_port: be16(buf, 0),
            dst_port: be16(buf, 2),
            seq: be32(buf, 4),
            ack: be32(buf, 8),
            flags: TcpFlags(buf[13] & 0x3f),
            window: be16(buf, 14),
            payload: &buf[header_len..],
            ..TcpRepr::default()
        };
        parse_options(&buf[HEADER_LEN..header_len], &mut repr)?;
        Ok(repr)
    }

    fn options_len(&self) -> usize {
        let mut len = 0;
        if self.mss.is_some() {
            len += 4;
        }
        if self.window_scale.is_some() {
            len += 3;
        }
        if self.sack_permitted {
            len += 2;
        }
        (len + 3) & !3
    }

    /// Header plus options length.
    pub fn header_len(&self) -> usize {
        HEADER_LEN + self.options_len()
    }

    pub fn buffer_len(&self) -> usize {
        self.header_len() + self.payload.len()
    }

    /// Sequence space the segment occupies: payload plus one each for SYN and FIN.
    pub fn segment_len(&self) -> u32 {
        self.payload.len() as u32 + u32::from(self.flags.syn()) + u32::from(self.flags.fin())
    }

    /// Writes the segment with its checksum into the first `buffer_len()` bytes of `buf`.
    pub fn emit(&self, buf: &mut [u8], src: Ipv4Addr, dst: Ipv4Addr) -> Result<(), WireError> {
        let header_len = self.header_len();
        let b = buf
            .get_mut(..self.buffer_len())
            .ok_or(WireError::Truncated)?;
        b[header_len..].copy_from_slice(self.payload);
        self.emit_in_place(b, src, dst)
    }

    /// Writes the header into the front of `segment` and the checksum over all of it; the
    /// bytes after the header are taken as the payload (`self.payload` is ignored). Lets a
    /// sender place its data in the frame first and copy it only once.
    pub fn emit_in_place(
        &self,
        segment: &mut [u8],
        src: Ipv4Addr,
        dst: Ipv4Addr,
    ) -> Result<(), WireError> {
        let header_len = self.header_len();
        if segment.len() < header_len {
            return Err(WireError::Truncated);
        }
        let b = segment;
        b[0..2].copy_from_slice(&self.src_port.to_be_bytes());
        b[2..4].copy_from_slice(&self.dst_port.to_be_bytes());
        b[4..8].copy_from_slice(&self.seq.to_be_bytes());
        b[8..12].copy_from_slice(&self.ack.to_be_bytes());
        b[12] = ((header_len / 4) as u8) << 4;
        b[13] = self.flags.0;
        b[14..16].copy_from_slice(&self.window.to_be_bytes());
        b[16..20].copy_from_slice(&[0, 0, 0, 0]);
        let mut at = HEADER_LEN;
        if let Some(mss) = self.mss {
            b[at..at + 4].copy_from_slice(&[2, 4, (mss >> 8) as u8, mss as u8]);
            at += 4;
        }
        if let Some(shift) = self.window_scale {
            b[at..at + 3].copy_from_slice(&[3, 3, shift]);
            at += 3;
        }
        if self.sack_permitted {
            b[at..at + 2].copy_from_slice(&[4, 2]);
            at += 2;
        }
        b[at..header_len].fill(1); // NOP padding to a 4-byte boundary
        let sum = checksum::of_transport(src, dst, PROTOCOL, b);
        b[16..18].copy_from_slice(&sum.to_be_bytes());
        Ok(())
    }
}

/// Walks the option list (RFC 9293 §3.2), filling in the options we understand.
fn parse_options(mut opts: &[u8], repr: &mut TcpRepr) -> Result<(), WireError> {
    while let Some(&kind) = opts.first() {
        match kind {
            0 => break,
            1 => opts = &opts[1..],
            _ => {
                let len = usize::from(*opts.get(1).ok_or(WireError::Malformed)?);
                if len < 2 || len > opts.len() {
                    return Err(WireError::Malformed);
                }
                let body = &opts[2..len];
                match (kind, body.len()) {
                    (2, 2) => repr.mss = Some(be16(body, 0)),
                    (3, 1) => repr.window_scale = Some(body[0]),
                    (4, 0) => repr.sack_permitted = true,
                    (2, _) | (3, _) | (4, _) => return Err(WireError::Malformed),
                    _ => {} // SACK blocks, timestamps, anything else: skipped
                }
                opts = &opts[len..];
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: Ipv4Addr = Ipv4Addr::new(192, 168, 1, 1);
    const B: Ipv4Addr = Ipv4Addr::new(192, 168, 1, 2);

    #[test]
    fn syn_with_options_round_trip() {
        let repr = TcpRepr {
            src_port: 40000,
            dst_port: 80,
            seq: 0xdead_beef,
            ack: 0,
            flags: TcpFlags(TcpFlags::SYN),
            window: 65535,
            mss: Some(1460),
            window_scale: Some(7),
            sack_permitted: true,
            payload: &[],
        };
        let mut buf = [0u8; 64];
        let len = repr.buffer_len();
        assert_eq!(len, 32);
        repr.emit(&mut buf, A, B).unwrap();
        assert_eq!(TcpRepr::parse(&buf[..len], A, B), Ok(repr));
        assert_eq!(repr.segment_len(), 1);
    }

    #[test]
    fn data_round_trip_and_checksum() {
        let repr = TcpRepr {
            src_port: 1,
            dst_port: 2,
            seq: 10,
            ack: 20,
            flags: TcpFlags(TcpFlags::ACK | TcpFlags::PSH),
            window: 100,
            payload: b"abc",
            ..TcpRepr::default()
        };
        let mut buf = [0u8; 23];
        repr.emit(&mut buf, A, B).unwrap();
        assert_eq!(TcpRepr::parse(&buf, A, B), Ok(repr));
        assert_eq!(TcpRepr::parse(&buf, B, B), Err(WireError::BadChecksum));
    }

    #[test]
    fn bad_option_lengths() {
        let mut r = TcpRepr::default();
        assert_eq!(parse_options(&[2, 1], &mut r), Err(WireError::Malformed));
        assert_eq!(
            parse_options(&[8, 10, 0], &mut r),
            Err(WireError::Malformed)
        );
        assert_eq!(parse_options(&[2], &mut r), Err(WireError::Malformed));
        assert_eq!(parse_options(&[1, 1, 0, 99], &mut r), Ok(()));
        assert_eq!(
            parse_options(&[8, 10, 0, 0, 0, 0, 0, 0, 0, 0], &mut r),
            Ok(())
        );
    }
}
