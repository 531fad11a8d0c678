//! DHCP messages (RFC 2131 §2, options RFC 2132).
//!
//! A DHCP message is a BOOTP packet (236 fixed bytes: op, htype, hlen, hops, xid, secs,
//! flags, ciaddr, yiaddr, siaddr, giaddr, chaddr (16 bytes), sname (64), file (128)) followed by the
//! magic cookie 99.130.83.99 and a list of type-length-value options. Options understood:
//! subnet mask (1), router (3), DNS servers (6), requested address (50), lease time (51),
//! message type (53), server identifier (54), parameter request list (55), renewal T1 (58),
//! rebinding T2 (59), end (255), pad (0). Option overloading (52) is not supported: the
//! `sname`/`file` fields are ignored.

use super::{be32, ip_at, MacAddr, WireError};
use alloc::vec::Vec;
use core::net::Ipv4Addr;

/// Length of the fixed BOOTP part.
pub const FIXED_LEN: usize = 236;
const MAGIC: [u8; 4] = [99, 130, 83, 99];
/// UDP port of the server.
pub const SERVER_PORT: u16 = 67;
/// UDP port of the client.
pub const CLIENT_PORT: u16 = 68;

/// DHCP message type (option 53), RFC 2132 §9.6.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageType {
    Discover,
    Offer,
    Request,
    Decline,
    Ack,
    Nak,
    Release,
    Inform,
    Unknown(u8),
}

impl MessageType {
    fn from_u8(v: u8) -> Self {
        match v {
            1 => MessageType::Discover,
            2 => MessageType::Offer,
            3 => MessageType::Request,
            4 => MessageType::Decline,
            5 => MessageType::Ack,
            6 => MessageType::Nak,
            7 => MessageType::Release,
            8 => MessageType::Inform,
            n => MessageType::Unknown(n),
        }
    }

    fn to_u8(self) -> u8 {
        match self {
            MessageType::Discover => 1,
            MessageType::Offer => 2,
            MessageType::Request => 3,
            MessageType::Decline => 4,
            MessageType::Ack => 5,
            MessageType::Nak => 6,
            MessageType::Release => 7,
            MessageType::Inform => 8,
            MessageType::Unknown(n) => n,
        }
    }
}

/// The fields of a DHCP message this stack uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DhcpRepr {
    /// 1 = BOOTREQUEST (client to server), 2 = BOOTREPLY.
    pub op: u8,
    pub xid: u32,
    pub secs: u16,
    /// Ask the server to broadcast its reply (RFC 2131 §4.1).
    pub broadcast: bool,
    pub client_ip: Ipv4Addr,
    pub your_ip: Ipv4Addr,
    pub server_ip: Ipv4Addr,
    pub relay_ip: Ipv4Addr,
    pub client_mac: MacAddr,
    pub message_type: Option<MessageType>,
    pub subnet_mask: Option<Ipv4Addr>,
    pub router: Option<Ipv4Addr>,
    pub dns_servers: Vec<Ipv4Addr>,
    pub requested_ip: Option<Ipv4Addr>,
    pub server_id: Option<Ipv4Addr>,
    pub lease_secs: Option<u32>,
    pub renew_secs: Option<u32>,
    pub rebind_secs: Option<u32>,
    /// Emit a parameter request list asking for mask, router and DNS.
    pub request_params: bool,
}

impl DhcpRepr {
    /// An empty client request with the given transaction id.
    pub fn client(xid: u32, mac: MacAddr, kind: MessageType) -> Self {
        DhcpRepr {
            op: 1,
            xid,
            secs: 0,
            broadcast: true,
            client_ip: Ipv4Addr::UNSPECIFIED,
            your_ip: Ipv4Addr::UNSPECIFIED,
            server_ip: Ipv4Addr::UNSPECIFIED,
            relay_ip: Ipv4Addr::UNSPECIFIED,
            client_mac: mac,
            message_type: Some(kind),
            subnet_mask: None,
            router: None,
            dns_servers: Vec::new(),
            requested_ip: None,
            server_id: None,
            lease_secs: None,
            renew_secs: None,
            rebind_secs: None,
            request_params: true,
        }
    }

    /// Parses a message; requires Ethernet hardware addresses and the magic cookie.
    pub fn parse(buf: &[u8]) -> Result<Self, WireError> {
        if buf.len() < FIXED_LEN + MAGIC.len() {
            return Err(WireError::Truncated);
        }
        if buf[1] != 1 || buf[2] != 6 {
            return Err(WireError::Unsupported);
        }
        if buf[FIXED_LEN..FIXED_LEN + 4] != MAGIC {
            return Err(WireError::Malformed);
        }
        let mut mac = [0u8; 6];
        mac.copy_from_slice(&buf[28..34]);
        let mut repr = DhcpRepr::client(be32(buf, 4), MacAddr(mac), MessageType::Unknown(0));
        repr.op = buf[0];
        repr.secs = u16::from_be_bytes([buf[8], buf[9]]);
        repr.broadcast = buf[10] & 0x80 != 0;
        repr.client_ip = ip_at(buf, 12);
        repr.your_ip = ip_at(buf, 16);
        repr.server_ip = ip_at(buf, 20);
        repr.relay_ip = ip_at(buf, 24);
        repr.message_type = None;
        repr.request_params = false;
        let mut opts = &buf[FIXED_LEN + 4..];
        while let Some(&code) = opts.first() {
            match code {
                0 => {
                    opts = &opts[1..];
                    continue;
                }
                255 => break,
                _ => {}
            }
            let len = usize::from(*opts.get(1).ok_or(WireError::Truncated)?);
            let body = opts.get(2..2 + len).ok_or(WireError::Truncated)?;
            let addr = || (len >= 4).then(|| ip_at(body, 0));
            let secs = || (len >= 4).then(|| be32(body, 0));
            match code {
                1 => repr.subnet_mask = addr(),
                3 => repr.router = addr(),
                6 => repr.dns_servers = body.chunks_exact(4).map(|c| ip_at(c, 0)).collect(),
                50 => repr.requested_ip = addr(),
                51 => repr.lease_secs = secs(),
                53 if len == 1 => repr.message_type = Some(MessageType::from_u8(body[0])),
                54 => repr.server_id = addr(),
                55 => repr.request_params = true,
                58 => repr.renew_secs = secs(),
                59 => repr.rebind_secs = secs(),
                _ => {}
            }
            opts = &opts[2 + len..];
        }
        Ok(repr)
    }

    /// Serialises the message (padded to the 300-byte BOOTP minimum).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut b = alloc::vec![0u8; FIXED_LEN];
        b[0] = self.op;
        b[1] = 1;
        b[2] = 6;
        b[4..8].copy_from_slice(&self.xid.to_be_bytes());
        b[8..10].copy_from_slice(&self.secs.to_be_bytes());
        if self.broadcast {
            b[10] = 0x80;
        }
        b[12..16].copy_from_slice(&self.client_ip.octets());
        b[16..20].copy_from_slice(&self.your_ip.octets());
        b[20..24].copy_from_slice(&self.server_ip.octets());
        b[24..28].copy_from_slice(&self.relay_ip.octets());
        b[28..34].copy_from_slice(&self.client_mac.0);
        b.extend_from_slice(&MAGIC);
        if let Some(kind) = self.message_type {
            b.extend_from_slice(&[53, 1, kind.to_u8()]);
        }
        let put_addr = |b: &mut Vec<u8>, code: u8, a: Option<Ipv4Addr>| {
            if let Some(a) = a {
                b.extend_from_slice(&[code, 4]);
                b.extend_from_slice(&a.octets());
            }
        };
        put_addr(&mut b, 1, self.subnet_mask);
        put_addr(&mut b, 3, self.router);
        put_addr(&mut b, 50, self.requested_ip);
        put_addr(&mut b, 54, self.server_id);
        if !self.dns_servers.is_empty() {
            b.extend_from_slice(&[6, (self.dns_servers.len().min(63) * 4) as u8]);
            for d in self.dns_servers.iter().take(63) {
                b.extend_from_slice(&d.octets());
            }
        }
        for (code, v) in [
            (51, self.lease_secs),
            (58, self.renew_secs),
            (59, self.rebind_secs),
        ] {
            if let Some(v) = v {
                b.extend_from_slice(&[code, 4]);
                b.extend_from_slice(&v.to_be_bytes());
            }
        }
        if self.request_params {
            b.extend_from_slice(&[55, 3, 1, 3, 6]);
        }
        b.push(255);
        if b.len() < 300 {
            b.resize(300, 0);
        }
        b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mut repr =
            DhcpRepr::client(0x1234_5678, MacAddr([2, 0, 0, 0, 0, 9]), MessageType::Offer);
        repr.op = 2;
        repr.your_ip = Ipv4Addr::new(10, 0, 2, 15);
        repr.subnet_mask = Some(Ipv4Addr::new(255, 255, 255, 0));
        repr.router = Some(Ipv4Addr::new(10, 0, 2, 2));
        repr.dns_servers = alloc::vec![Ipv4Addr::new(10, 0, 2, 3)];
        repr.server_id = Some(Ipv4Addr::new(10, 0, 2, 2));
        repr.lease_secs = Some(86400);
        repr.renew_secs = Some(43200);
        let bytes = repr.to_bytes();
        assert_eq!(bytes.len(), 300);
        assert_eq!(DhcpRepr::parse(&bytes), Ok(repr));
    }

    #[test]
    fn truncated_option_is_an_error() {
        let repr = DhcpRepr::client(1, MacAddr::ZERO, MessageType::Discover);
        let mut bytes = repr.to_bytes();
        bytes.truncate(FIXED_LEN + 4);
        bytes.extend_from_slice(&[51, 4, 0]);
        assert_eq!(DhcpRepr::parse(&bytes), Err(WireError::Truncated));
        assert_eq!(DhcpRepr::parse(&bytes[..100]), Err(WireError::Truncated));
    }
}
