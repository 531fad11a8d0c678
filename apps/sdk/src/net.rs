//! Non-blocking sockets and DNS over the kernel's TCP/IP stack.
//!
//! Nothing here waits: the kernel moves packets between frames, and an app asks each frame
//! whether there is something to do. A call that has nothing to offer yet answers
//! [`Error::WouldBlock`]; the app tries again after [`crate::yield_now`]. A typical client:
//!
//! ```ignore
//! let query = sdk::net::dns::resolve("example.org")?;    // frame 1
//! // ... each frame: if let Some(answer) = query.poll() { ... }
//! let stream = TcpStream::connect(address, 80)?;          // CONNECTING
//! // ... each frame: once stream.state()? is Established, send and recv.
//! ```
//!
//! Addresses are [`Ipv4Addr`]s (from `[u8; 4]` or a `u32` in the usual a.b.c.d = a << 24
//! order); the ABI passes them as that u32, which is the address in network (big-endian) byte
//! order. Handles are closed when the socket is dropped.

use crate::port;
use crate::system::check;
use crate::Result;
use abi::{tcp_state, Error};
use core::net::Ipv4Addr;
use std::vec::Vec;

/// What a TCP connection is doing (`tcp_state`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TcpState {
    /// The handshake is under way.
    Connecting,
    /// Data can flow.
    Established,
    /// The peer closed its side; received data may remain.
    PeerClosed,
    /// Fully closed.
    Closed,
    /// A state this SDK does not know (a newer kernel).
    Unknown(i32),
}

impl TcpState {
    fn from_raw(value: i32) -> TcpState {
        match value {
            tcp_state::CONNECTING => TcpState::Connecting,
            tcp_state::ESTABLISHED => TcpState::Established,
            tcp_state::PEER_CLOSED => TcpState::PeerClosed,
            tcp_state::CLOSED => TcpState::Closed,
            other => TcpState::Unknown(other),
        }
    }
}

/// A TCP connection; closed (sending side first, as `tcp_close` does) when dropped.
#[derive(Debug)]
pub struct TcpStream {
    handle: i32,
}

impl TcpStream {
    /// Starts connecting to `ip`:`port`; the stream is [`TcpState::Connecting`] at first.
    pub fn connect(ip: impl Into<Ipv4Addr>, port: u16) -> Result<TcpStream> {
        let ip = u32::from(ip.into());
        let handle = check(port::tcp_connect(ip, port))? as i32;
        Ok(TcpStream { handle })
    }

    /// The kernel's handle, for logs.
    pub fn handle(&self) -> i32 {
        self.handle
    }

    /// Queues bytes to send; returns how many were taken (maybe fewer than given).
    pub fn send(&mut self, data: &[u8]) -> Result<usize> {
        check(port::tcp_send(self.handle, data)).map(|n| (n as usize).min(data.len()))
    }

    /// Takes received bytes. `Ok(0)` with a non-empty `buf` is the end of the stream;
    /// `Err(WouldBlock)` means nothing has arrived yet.
    pub fn recv(&mut self, buf: &mut [u8]) -> Result<usize> {
        check(port::tcp_recv(self.handle, buf)).map(|n| (n as usize).min(buf.len()))
    }

    /// The connection's state.
    pub fn state(&self) -> Result<TcpState> {
        check(port::tcp_state(self.handle)).map(|s| TcpState::from_raw(s as i32))
    }

    /// Closes the sending side now; the kernel frees the connection once it is done.
    pub fn close(self) -> Result<()> {
        let handle = self.handle;
        core::mem::forget(self);
        check(port::tcp_close(handle)).map(drop)
    }
}

impl Drop for TcpStream {
    fn drop(&mut self) {
        let _ = port::tcp_close(self.handle);
    }
}

/// One received datagram's sender.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sender {
    pub ip: Ipv4Addr,
    pub port: u16,
}

impl Sender {
    /// Reads the 8 bytes `udp_recv` writes: ip (big-endian), port (little-endian), padding.
    fn from_bytes(bytes: &[u8; 8]) -> Sender {
        Sender {
            ip: Ipv4Addr::new(bytes[0], bytes[1], bytes[2], bytes[3]),
            port: u16::from_le_bytes([bytes[4], bytes[5]]),
        }
    }
}

/// A UDP socket; closed when dropped.
#[derive(Debug)]
pub struct UdpSocket {
    handle: i32,
}

impl UdpSocket {
    /// Binds a local port (0 lets the kernel pick one).
    pub fn bind(port: u16) -> Result<UdpSocket> {
        let handle = check(port::udp_bind(port))? as i32;
        Ok(UdpSocket { handle })
    }

    pub fn handle(&self) -> i32 {
        self.handle
    }

    /// Sends one datagram; returns the bytes sent.
    pub fn send_to(&mut self, ip: impl Into<Ipv4Addr>, port: u16, data: &[u8]) -> Result<usize> {
        let ip = u32::from(ip.into());
        check(port::udp_send(self.handle, ip, port, data)).map(|n| n as usize)
    }

    /// Takes one datagram (cut to `buf`'s length); `Err(WouldBlock)` when none is waiting.
    pub fn recv_from(&mut self, buf: &mut [u8]) -> Result<(usize, Sender)> {
        let mut from = [0u8; 8];
        let n = check(port::udp_recv(self.handle, buf, &mut from))? as usize;
        Ok((n.min(buf.len()), Sender::from_bytes(&from)))
    }
}

impl Drop for UdpSocket {
    fn drop(&mut self) {
        let _ = port::socket_close(self.handle);
    }
}

/// Host name resolution.
pub mod dns {
    use super::*;

    /// Addresses asked for per answer.
    const MAX_ADDRESSES: usize = 16;

    /// A pending (or answered) DNS query.
    ///
    /// Dropping a pending query cannot cancel it (the ABI has no call for that): the kernel
    /// frees its handle once the answer is in, so until then it counts against the app's
    /// handle limit.
    #[derive(Debug)]
    pub struct Query {
        handle: i32,
        answer: Option<Result<Vec<[u8; 4]>>>,
    }

    /// Starts resolving `name` to IPv4 addresses.
    pub fn resolve(name: &str) -> Result<Query> {
        let handle = check(port::dns_resolve(name.as_bytes()))? as i32;
        Ok(Query {
            handle,
            answer: None,
        })
    }

    impl Query {
        /// `None` while the answer is pending; then the answer, every time it is asked.
        pub fn poll(&mut self) -> Option<Result<Vec<[u8; 4]>>> {
            if self.answer.is_none() {
                let mut buf = [0u8; MAX_ADDRESSES * 4];
                let answer = match check(port::dns_result(self.handle, &mut buf)) {
                    Err(Error::WouldBlock) => return None,
                    Err(error) => Err(error),
                    Ok(n) => Ok(buf
                        .chunks_exact(4)
                        .take(n as usize)
                        .map(|a| [a[0], a[1], a[2], a[3]])
                        .collect()),
                };
                self.answer = Some(answer);
            }
            self.answer.clone()
        }

        pub fn handle(&self) -> i32 {
            self.handle
        }
    }
}
