//! UDP sockets (RFC 768): bind a port, send datagrams to any address, receive datagrams
//! with their sender. Each socket queues at most [`MAX_QUEUED`] datagrams; more are dropped
//! and counted, as UDP allows.

use crate::iface::Interface;
use crate::slab::Handle;
use crate::tcp::Endpoint;
use crate::wire::dhcp;
use crate::wire::ipv4::{Ipv4Packet, Protocol};
use crate::wire::udp::UdpRepr;
use alloc::collections::VecDeque;
use alloc::vec::Vec;
use core::net::Ipv4Addr;

/// Datagrams a socket holds before dropping new ones.
pub const MAX_QUEUED: usize = 64;
/// Largest payload we send (one Ethernet frame, no fragmentation).
pub const MAX_PAYLOAD: usize = 1500 - 20 - 8;

/// A UDP socket handle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UdpHandle(pub Handle);

impl UdpHandle {
    /// One integer for the system-call layer.
    pub fn to_raw(self) -> u64 {
        self.0.to_raw()
    }

    /// Back from [`UdpHandle::to_raw`]; a made-up value is just an invalid handle.
    pub fn from_raw(raw: u64) -> Self {
        UdpHandle(Handle::from_raw(raw))
    }
}

/// Errors of UDP calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UdpError {
    InvalidHandle,
    AddressInUse,
    /// Larger than one unfragmented datagram.
    TooLarge,
    /// No address configured, or no route to the destination.
    NoRoute,
}

#[derive(Debug)]
pub(crate) struct UdpSocket {
    pub port: u16,
    pub queue: VecDeque<(Endpoint, Vec<u8>)>,
}

impl Interface {
    /// Binds `port` (0 picks an ephemeral port).
    pub fn udp_bind(&mut self, port: u16) -> Result<UdpHandle, UdpError> {
        let port = if port == 0 {
            self.ephemeral_port()
        } else {
            port
        };
        if self.udp.iter().any(|(_, s)| s.port == port) || port == dhcp::CLIENT_PORT {
            return Err(UdpError::AddressInUse);
        }
        Ok(UdpHandle(self.udp.insert(UdpSocket {
            port,
            queue: VecDeque::new(),
        })))
    }

    /// The local port of a socket.
    pub fn udp_port(&self, h: UdpHandle) -> Result<u16, UdpError> {
        self.udp
            .get(h.0)
            .map(|s| s.port)
            .ok_or(UdpError::InvalidHandle)
    }

    /// Sends one datagram.
    pub fn udp_send_to(
        &mut self,
        h: UdpHandle,
        dst: Ipv4Addr,
        port: u16,
        data: &[u8],
    ) -> Result<(), UdpError> {
        let src_port = self.udp.get(h.0).ok_or(UdpError::InvalidHandle)?.port;
        if data.len() > MAX_PAYLOAD {
            return Err(UdpError::TooLarge);
        }
        self.send_udp(None, src_port, dst, port, data)
            .map_err(|_| UdpError::NoRoute)
    }

    /// Takes the next datagram: its length (truncated to `buf`) and sender.
    pub fn udp_recv_from(
        &mut self,
        h: UdpHandle,
        buf: &mut [u8],
    ) -> Result<Option<(usize, Ipv4Addr, u16)>, UdpError> {
        let s = self.udp.get_mut(h.0).ok_or(UdpError::InvalidHandle)?;
        let Some((from, data)) = s.queue.pop_front() else {
            return Ok(None);
        };
        let n = data.len().min(buf.len());
        buf[..n].copy_from_slice(&data[..n]);
        Ok(Some((n, from.addr, from.port)))
    }

    /// Frees the socket.
    pub fn udp_close(&mut self, h: UdpHandle) -> Result<(), UdpError> {
        self.udp
            .remove(h.0)
            .map(|_| ())
            .ok_or(UdpError::InvalidHandle)
    }

    pub(crate) fn send_udp(
        &mut self,
        src: Option<Ipv4Addr>,
        src_port: u16,
        dst: Ipv4Addr,
        dst_port: u16,
        data: &[u8],
    ) -> Result<(), crate::tcp::TcpError> {
        let repr = UdpRepr {
            src_port,
            dst_port,
            payload: data,
        };
        self.send_ipv4(src, dst, Protocol::UDP, repr.buffer_len(), |buf, src| {
            let _ = repr.emit(buf, src, dst);
        })
    }

    pub(crate) fn receive_udp(&mut self, packet: &Ipv4Packet) {
        let (src, dst) = (packet.src(), packet.dst());
        let repr = match UdpRepr::parse(packet.payload(), src, dst) {
            Ok(r) => r,
            Err(e) => return self.counters.drops.count(e),
        };
        if repr.dst_port == dhcp::CLIENT_PORT && repr.src_port == dhcp::SERVER_PORT {
            return self.receive_dhcp(repr.payload);
        }
        if self.ipv4.is_none() {
            self.counters.drops.not_for_us += 1;
            return;
        }
        let from = Endpoint {
            addr: src,
            port: repr.src_port,
        };
        match self.udp.iter_mut().find(|(_, s)| s.port == repr.dst_port) {
            Some((_, s)) if s.queue.len() < MAX_QUEUED => {
                s.queue.push_back((from, repr.payload.to_vec()))
            }
            _ => self.counters.drops.no_socket += 1,
        }
    }
}
