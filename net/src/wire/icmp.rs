//! ICMP for IPv4 (RFC 792). Echo request (type 8) and echo reply (type 0) are understood
//! fully; other messages are parsed as [`IcmpRepr::Other`] so they can be counted.

use super::{be16, checksum, WireError};

/// Length of the echo header (type, code, checksum, identifier, sequence).
pub const ECHO_HEADER_LEN: usize = 8;

/// A parsed ICMP message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IcmpRepr<'a> {
    EchoRequest {
        ident: u16,
        seq: u16,
        data: &'a [u8],
    },
    EchoReply {
        ident: u16,
        seq: u16,
        data: &'a [u8],
    },
    /// Any other type/code (destination unreachable, time exceeded, ...).
    Other { kind: u8, code: u8 },
}

impl<'a> IcmpRepr<'a> {
    /// Parses and verifies the checksum over the whole message.
    pub fn parse(buf: &'a [u8]) -> Result<Self, WireError> {
        if buf.len() < 4 {
            return Err(WireError::Truncated);
        }
        if checksum::of(buf) != 0 {
            return Err(WireError::BadChecksum);
        }
        let (kind, code) = (buf[0], buf[1]);
        match (kind, code) {
            (8, 0) | (0, 0) => {
                if buf.len() < ECHO_HEADER_LEN {
                    return Err(WireError::Truncated);
                }
                let ident = be16(buf, 4);
                let seq = be16(buf, 6);
                let data = &buf[ECHO_HEADER_LEN..];
                Ok(if kind == 8 {
                    IcmpRepr::EchoRequest { ident, seq, data }
                } else {
                    IcmpRepr::EchoReply { ident, seq, data }
                })
            }
            _ => Ok(IcmpRepr::Other { kind, code }),
        }
    }

    /// Bytes needed to emit this message.
    pub fn buffer_len(&self) -> usize {
        match self {
            IcmpRepr::EchoRequest { data, .. } | IcmpRepr::EchoReply { data, .. } => {
                ECHO_HEADER_LEN + data.len()
            }
            IcmpRepr::Other { .. } => 8,
        }
    }

    /// Writes the message with its checksum into the first `buffer_len()` bytes of `buf`.
    pub fn emit(&self, buf: &mut [u8]) -> Result<(), WireError> {
        let len = self.buffer_len();
        let b = buf.get_mut(..len).ok_or(WireError::Truncated)?;
        b.fill(0);
        match *self {
            IcmpRepr::EchoRequest { ident, seq, data }
            | IcmpRepr::EchoReply { ident, seq, data } => {
                b[0] = if matches!(self, IcmpRepr::EchoRequest { .. }) {
                    8
                } else {
                    0
                };
                b[4..6].copy_from_slice(&ident.to_be_bytes());
                b[6..8].copy_from_slice(&seq.to_be_bytes());
                b[8..].copy_from_slice(data);
            }
            IcmpRepr::Other { kind, code } => {
                b[0] = kind;
                b[1] = code;
            }
        }
        let sum = checksum::of(b);
        b[2..4].copy_from_slice(&sum.to_be_bytes());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echo_round_trip() {
        let repr = IcmpRepr::EchoRequest {
            ident: 0x1234,
            seq: 9,
            data: b"hello",
        };
        let mut buf = [0u8; 13];
        repr.emit(&mut buf).unwrap();
        assert_eq!(IcmpRepr::parse(&buf), Ok(repr));
        buf[12] ^= 1;
        assert_eq!(IcmpRepr::parse(&buf), Err(WireError::BadChecksum));
    }
}
