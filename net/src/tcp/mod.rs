//! TCP (RFC 9293): one [`TcpSocket`] per connection or listener.
//!
//! The socket is a pure state machine. It never touches a device or a clock: the interface
//! hands it parsed segments (`TcpSocket::process`) and the current time, and collects the
//! segments it wants to send (`TcpSocket::dispatch`, `TcpSocket::on_timer`) as owned
//! [`Segment`]s that the interface wraps in IPv4 and Ethernet.
//!
//! The module is split by concern, as RFC 9293 §3 is:
//! - [`seq`]: sequence-number arithmetic (§3.4)
//! - [`rtt`]: retransmission timeout (RFC 6298)
//! - [`congestion`]: slow start, fast retransmit, NewReno fast recovery (RFC 5681, RFC 6582)
//! - [`reassembly`]: out-of-order segments waiting for a hole to fill (§3.10.7.4)
//! - `socket`: the state and the user calls of §3.10.1-3.10.6
//! - `sender`: segments out, retransmission, congestion window, probes and TIME-WAIT
//! - `input`: the segment-arrival rules of §3.10.7, in the RFC's order
//!
//! What the socket promises: data handed to `send` is delivered exactly once and in order,
//! or the connection ends with an error ([`TcpError::Reset`], [`TcpError::TimedOut`]).
//! Windows are scaled (RFC 7323 §2) when both ends offer the option; buffers default to
//! 128 KiB each way. SACK is understood in SYNs but not used; timestamps are not used.

pub mod congestion;
mod input;
pub mod reassembly;
pub mod rtt;
mod sender;
pub mod seq;
mod socket;

pub use socket::{TcpConfig, TcpSocket};

use alloc::vec::Vec;
use core::net::Ipv4Addr;

/// Connection states of RFC 9293 §3.3.2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TcpState {
    Closed,
    Listen,
    SynSent,
    SynReceived,
    Established,
    FinWait1,
    FinWait2,
    CloseWait,
    Closing,
    LastAck,
    TimeWait,
}

/// Errors of TCP calls, and the reason a connection ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TcpError {
    /// The handle does not name a live socket.
    InvalidHandle,
    /// The call does not fit the socket's state (send before connect, accept on a
    /// connection, send after close...).
    InvalidState,
    /// The local port is taken.
    AddressInUse,
    /// No address configured yet, or no route to the destination.
    NoRoute,
    /// The peer refused the connection (RST in reply to our SYN).
    Refused,
    /// The peer reset the connection.
    Reset,
    /// The peer stopped answering: retransmissions were exhausted.
    TimedOut,
    /// The peer closed its direction and every byte has been read.
    Closed,
}

/// A local or remote address and port.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Endpoint {
    pub addr: Ipv4Addr,
    pub port: u16,
}

/// Room left at the front of a segment's frame for the Ethernet and IPv4 headers.
pub const FRAME_HEADROOM: usize = 14 + 20;

/// A segment the socket wants sent. Its payload is already in place inside a whole frame
/// buffer (after [`FRAME_HEADROOM`] and the TCP header), so sending it copies nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub local: Endpoint,
    pub remote: Endpoint,
    pub seq: u32,
    pub ack: u32,
    pub flags: u8,
    pub window: u16,
    pub mss: Option<u16>,
    pub window_scale: Option<u8>,
    /// Headroom, room for the TCP header, then the payload.
    pub frame: Vec<u8>,
}

impl Segment {
    /// TCP header length including the options this segment carries.
    pub fn header_len(&self) -> usize {
        tcp_header_len(self.mss.is_some(), self.window_scale.is_some())
    }

    /// The payload bytes.
    pub fn payload(&self) -> &[u8] {
        self.frame
            .get(FRAME_HEADROOM + self.header_len()..)
            .unwrap_or(&[])
    }

    /// An empty frame for a segment with this header and `payload_len` bytes of data.
    pub fn frame_for(mss: bool, window_scale: bool, payload_len: usize) -> Vec<u8> {
        alloc::vec![0u8; FRAME_HEADROOM + tcp_header_len(mss, window_scale) + payload_len]
    }
}

fn tcp_header_len(mss: bool, window_scale: bool) -> usize {
    let options = if mss { 4 } else { 0 } + if window_scale { 3 } else { 0 };
    20 + ((options + 3) & !3)
}
