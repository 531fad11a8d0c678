//! DNS messages (RFC 1035 §4.1): a 12-byte header, questions, then answer, authority and
//! additional resource records.
//!
//! Names are sequences of length-prefixed labels; a byte with the top two bits set starts a
//! two-byte *pointer* to an earlier name in the message (RFC 1035 §4.1.4, "compression").
//! Hostile messages can point a name at itself or build long chains, so the reader follows
//! at most [`MAX_POINTERS`] pointers, only ever backwards, and stops names at 255 bytes
//! (RFC 1035 §2.3.4). Every length field is checked against the message before use: a reply
//! that lies about a length is `Truncated` or `Malformed`, never a panic.
//!
//! Records understood: A (1), CNAME (5), AAAA (28, RFC 3596); others are kept as `Other`.

use super::{be16, be32, WireError};
use alloc::string::String;
use alloc::vec::Vec;
use core::net::Ipv4Addr;

/// Length of the message header.
pub const HEADER_LEN: usize = 12;
/// Most compression pointers followed while reading one name.
pub const MAX_POINTERS: usize = 16;
/// Longest name in wire form (RFC 1035 §2.3.4).
pub const MAX_NAME_LEN: usize = 255;

/// Record types (a newtype: servers may answer with anything).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordType(pub u16);

impl RecordType {
    pub const A: RecordType = RecordType(1);
    pub const CNAME: RecordType = RecordType(5);
    pub const AAAA: RecordType = RecordType(28);
}

/// Response codes (RFC 1035 §4.1.1 RCODE).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rcode(pub u8);

impl Rcode {
    pub const NO_ERROR: Rcode = Rcode(0);
    pub const FORMAT_ERROR: Rcode = Rcode(1);
    pub const SERVER_FAILURE: Rcode = Rcode(2);
    pub const NAME_ERROR: Rcode = Rcode(3);
    pub const REFUSED: Rcode = Rcode(5);
}

/// The data of one resource record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordData {
    A(Ipv4Addr),
    Aaaa([u8; 16]),
    Cname(String),
    Other(RecordType),
}

/// One resource record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Owner name, lower-case, dot-separated, no trailing dot.
    pub name: String,
    pub ttl: u32,
    pub data: RecordData,
}

/// A parsed message: header fields, the first question and the answer records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DnsMessage {
    pub id: u16,
    pub is_response: bool,
    pub truncated: bool,
    pub recursion_desired: bool,
    pub rcode: Rcode,
    /// Name and type of the first question, if any.
    pub question: Option<(String, RecordType)>,
    pub answers: Vec<Record>,
}

impl DnsMessage {
    /// Parses a message. Authority and additional sections are not read.
    pub fn parse(msg: &[u8]) -> Result<Self, WireError> {
        if msg.len() < HEADER_LEN {
            return Err(WireError::Truncated);
        }
        let flags = be16(msg, 2);
        let qdcount = be16(msg, 4);
        let ancount = be16(msg, 6);
        let mut at = HEADER_LEN;
        let mut question = None;
        for i in 0..qdcount {
            let (name, next) = read_name(msg, at)?;
            let fixed = msg.get(next..next + 4).ok_or(WireError::Truncated)?;
            if i == 0 {
                question = Some((name, RecordType(be16(fixed, 0))));
            }
            at = next + 4;
        }
        let mut answers = Vec::new();
        for _ in 0..ancount {
            let (name, next) = read_name(msg, at)?;
            let fixed = msg.get(next..next + 10).ok_or(WireError::Truncated)?;
            let kind = RecordType(be16(fixed, 0));
            let ttl = be32(fixed, 4);
            let rdlen = usize::from(be16(fixed, 8));
            let rdata_at = next + 10;
            let rdata = msg
                .get(rdata_at..rdata_at + rdlen)
                .ok_or(WireError::Truncated)?;
            let data = match kind {
                RecordType::A if rdlen == 4 => {
                    RecordData::A(Ipv4Addr::new(rdata[0], rdata[1], rdata[2], rdata[3]))
                }
                RecordType::AAAA if rdlen == 16 => {
                    let mut a = [0u8; 16];
                    a.copy_from_slice(rdata);
                    RecordData::Aaaa(a)
                }
                RecordType::CNAME => {
                    let (target, end) = read_name(msg, rdata_at)?;
                    if end > rdata_at + rdlen {
                        return Err(WireError::Malformed);
                    }
                    RecordData::Cname(target)
                }
                RecordType::A | RecordType::AAAA => return Err(WireError::Malformed),
                other => RecordData::Other(other),
            };
            // RFC 2181 §8: a TTL with the top bit set is treated as zero.
            let ttl = if ttl > i32::MAX as u32 { 0 } else { ttl };
            answers.push(Record { name, ttl, data });
            at = rdata_at + rdlen;
        }
        Ok(DnsMessage {
            id: be16(msg, 0),
            is_response: flags & 0x8000 != 0,
            truncated: flags & 0x0200 != 0,
            recursion_desired: flags & 0x0100 != 0,
            rcode: Rcode((flags & 0x000f) as u8),
            question,
            answers,
        })
    }
}

/// Reads a possibly compressed name starting at `at`. Returns the name and the offset just
/// past it in the original position (after the first pointer, if any).
pub fn read_name(msg: &[u8], mut at: usize) -> Result<(String, usize), WireError> {
    let mut name = String::new();
    let mut wire_len = 0usize;
    let mut pointers = 0usize;
    let mut end_of_name = None;
    loop {
        let len_byte = *msg.get(at).ok_or(WireError::Truncated)?;
        match len_byte >> 6 {
            0 => {
                let len = usize::from(len_byte);
                if len == 0 {
                    return Ok((name, end_of_name.unwrap_or(at + 1)));
                }
                let label = msg.get(at + 1..at + 1 + len).ok_or(WireError::Truncated)?;
                wire_len += len + 1;
                if wire_len + 1 > MAX_NAME_LEN {
                    return Err(WireError::Malformed);
                }
                if !name.is_empty() {
                    name.push('.');
                }
                for &c in label {
                    // Names are compared case-insensitively (RFC 1035 §2.3.3).
                    let c = c.to_ascii_lowercase();
                    name.push(if c.is_ascii_graphic() && c != b'.' {
                        char::from(c)
                    } else {
                        '?'
                    });
                }
                at += 1 + len;
            }
            3 => {
                let low = *msg.get(at + 1).ok_or(WireError::Truncated)?;
                let target = (usize::from(len_byte & 0x3f) << 8) | usize::from(low);
                pointers += 1;
                // Pointers must go strictly backwards: a loop is impossible then, and the
                // count limit bounds the work for long backward chains.
                if pointers > MAX_POINTERS || target >= at {
                    return Err(WireError::Malformed);
                }
                if end_of_name.is_none() {
                    end_of_name = Some(at + 2);
                }
                at = target;
            }
            _ => return Err(WireError::Malformed),
        }
    }
}

/// Appends `name` in uncompressed wire form. Fails on empty or over-long labels.
pub fn write_name(out: &mut Vec<u8>, name: &str) -> Result<(), WireError> {
    let name = name.strip_suffix('.').unwrap_or(name);
    let mut total = 1;
    if !name.is_empty() {
        for label in name.split('.') {
            if label.is_empty() || label.len() > 63 {
                return Err(WireError::Malformed);
            }
            total += label.len() + 1;
            if total > MAX_NAME_LEN {
                return Err(WireError::Malformed);
            }
            out.push(label.len() as u8);
            out.extend_from_slice(label.as_bytes());
        }
    }
    out.push(0);
    Ok(())
}

/// Builds a standard recursive query for one name and type (class IN).
pub fn build_query(id: u16, name: &str, kind: RecordType) -> Result<Vec<u8>, WireError> {
    let mut out = Vec::with_capacity(HEADER_LEN + name.len() + 6);
    out.extend_from_slice(&id.to_be_bytes());
    out.extend_from_slice(&0x0100u16.to_be_bytes()); // RD
    out.extend_from_slice(&[0, 1, 0, 0, 0, 0, 0, 0]);
    write_name(&mut out, name)?;
    out.extend_from_slice(&kind.0.to_be_bytes());
    out.extend_from_slice(&1u16.to_be_bytes());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(msg: &mut Vec<u8>, name_ptr: u16, kind: u16, ttl: u32, rdata: &[u8]) {
        msg.extend_from_slice(&(0xc000 | name_ptr).to_be_bytes());
        msg.extend_from_slice(&kind.to_be_bytes());
        msg.extend_from_slice(&1u16.to_be_bytes());
        msg.extend_from_slice(&ttl.to_be_bytes());
        msg.extend_from_slice(&(rdata.len() as u16).to_be_bytes());
        msg.extend_from_slice(rdata);
    }

    #[test]
    fn query_round_trip() {
        let q = build_query(0xbeef, "Example.COM", RecordType::A).unwrap();
        let m = DnsMessage::parse(&q).unwrap();
        assert_eq!(m.id, 0xbeef);
        assert!(!m.is_response && m.recursion_desired);
        assert_eq!(m.question, Some(("example.com".into(), RecordType::A)));
    }

    #[test]
    fn compressed_answers() {
        let mut msg = build_query(1, "www.example.com", RecordType::A).unwrap();
        msg[2] = 0x81;
        msg[3] = 0x80;
        msg[7] = 2; // two answers
                    // CNAME www.example.com -> "web" + pointer to "example.com" at offset 16.
        answer(&mut msg, 12, 5, 300, &[3, b'w', b'e', b'b', 0xc0, 16]);
        let cname_at = msg.len() - 6;
        answer(&mut msg, cname_at as u16, 1, 60, &[93, 184, 216, 34]);
        let m = DnsMessage::parse(&msg).unwrap();
        assert_eq!(m.answers.len(), 2);
        assert_eq!(
            m.answers[0].data,
            RecordData::Cname("web.example.com".into())
        );
        assert_eq!(m.answers[1].name, "web.example.com");
        assert_eq!(
            m.answers[1].data,
            RecordData::A(Ipv4Addr::new(93, 184, 216, 34))
        );
    }

    #[test]
    fn pointer_loops_are_errors() {
        let mut msg = alloc::vec![0u8; 12];
        msg.extend_from_slice(&[0xc0, 12]); // points at itself
        assert_eq!(read_name(&msg, 12), Err(WireError::Malformed));
        let mut fwd = alloc::vec![0u8; 12];
        fwd.extend_from_slice(&[0xc0, 14, 0]); // points forward
        assert_eq!(read_name(&fwd, 12), Err(WireError::Malformed));
    }

    #[test]
    fn lying_lengths_are_errors() {
        let mut msg = build_query(1, "a.b", RecordType::A).unwrap();
        msg[7] = 1;
        answer(&mut msg, 12, 1, 5, &[1, 2, 3, 4]);
        let n = msg.len();
        msg[n - 5] = 40; // rdlength says 40
        assert_eq!(DnsMessage::parse(&msg), Err(WireError::Truncated));
        msg[n - 5] = 3; // A record of 3 bytes
        assert!(DnsMessage::parse(&msg).is_err());
    }

    #[test]
    fn long_names_rejected() {
        let long = "a".repeat(64);
        assert!(build_query(1, &long, RecordType::A).is_err());
        let many = ["abcdefghij"; 30].join(".");
        assert!(build_query(1, &many, RecordType::A).is_err());
    }
}
