//! Ethernet II frames: destination, source, EtherType, payload (IEEE 802.3 §3.2.6).
//! The frame check sequence is stripped by the device and never seen here; frames shorter
//! than 60 bytes are padded on transmit by the device or by [`EthernetRepr::emit`]'s caller.

use super::{be16, MacAddr, WireError};

/// Length of the Ethernet II header.
pub const HEADER_LEN: usize = 14;

/// EtherType values this stack looks at (a newtype, since peers may send any value).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EtherType(pub u16);

impl EtherType {
    pub const IPV4: EtherType = EtherType(0x0800);
    pub const ARP: EtherType = EtherType(0x0806);
    pub const IPV6: EtherType = EtherType(0x86dd);
}

/// A checked view of an Ethernet II frame.
#[derive(Debug, Clone, Copy)]
pub struct EthernetFrame<'a> {
    buf: &'a [u8],
}

impl<'a> EthernetFrame<'a> {
    /// Checks that `buf` holds at least a header.
    pub fn new_checked(buf: &'a [u8]) -> Result<Self, WireError> {
        if buf.len() < HEADER_LEN {
            return Err(WireError::Truncated);
        }
        Ok(EthernetFrame { buf })
    }

    pub fn dst(&self) -> MacAddr {
        mac_at(self.buf, 0)
    }

    pub fn src(&self) -> MacAddr {
        mac_at(self.buf, 6)
    }

    pub fn ethertype(&self) -> EtherType {
        EtherType(be16(self.buf, 12))
    }

    /// Everything after the header (may include padding to the 60-byte minimum).
    pub fn payload(&self) -> &'a [u8] {
        &self.buf[HEADER_LEN..]
    }
}

pub(crate) fn mac_at(buf: &[u8], at: usize) -> MacAddr {
    let mut m = [0u8; 6];
    if let Some(b) = buf.get(at..at + 6) {
        m.copy_from_slice(b);
    }
    MacAddr(m)
}

/// The header fields of a frame, for emitting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EthernetRepr {
    pub dst: MacAddr,
    pub src: MacAddr,
    pub ethertype: EtherType,
}

impl EthernetRepr {
    pub fn parse(frame: &EthernetFrame) -> Self {
        EthernetRepr {
            dst: frame.dst(),
            src: frame.src(),
            ethertype: frame.ethertype(),
        }
    }

    /// Writes the header into the first [`HEADER_LEN`] bytes of `buf`.
    pub fn emit(&self, buf: &mut [u8]) -> Result<(), WireError> {
        let header = buf.get_mut(..HEADER_LEN).ok_or(WireError::Truncated)?;
        header[0..6].copy_from_slice(&self.dst.0);
        header[6..12].copy_from_slice(&self.src.0);
        header[12..14].copy_from_slice(&self.ethertype.0.to_be_bytes());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let repr = EthernetRepr {
            dst: MacAddr::BROADCAST,
            src: MacAddr([2, 0, 0, 0, 0, 1]),
            ethertype: EtherType::ARP,
        };
        let mut buf = [0u8; 20];
        repr.emit(&mut buf).unwrap();
        let frame = EthernetFrame::new_checked(&buf).unwrap();
        assert_eq!(EthernetRepr::parse(&frame), repr);
        assert_eq!(frame.payload().len(), 6);
    }

    #[test]
    fn short_frame_is_truncated() {
        assert_eq!(
            EthernetFrame::new_checked(&[0; 13]).err(),
            Some(WireError::Truncated)
        );
    }
}
