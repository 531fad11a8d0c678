//! The TCP socket: its state variables (RFC 9293 §3.3.1) and the user calls
//! (§3.10.1-3.10.6). What it sends and when lives in `sender`; what it does with arriving
//! segments lives in `input`.

use super::congestion::Congestion;
use super::reassembly::Reassembly;
use super::rtt::RttEstimator;
use super::{seq, Endpoint, Segment, TcpError, TcpState};
use crate::wire::tcp::TcpFlags;
use alloc::collections::VecDeque;

/// Tunables of a socket. The defaults suit both QEMU user networking and the host tests.
#[derive(Debug, Clone, Copy)]
pub struct TcpConfig {
    /// Receive buffer in bytes (the most we ever advertise).
    pub rx_buffer: usize,
    /// Send buffer in bytes.
    pub tx_buffer: usize,
    /// Largest segment we accept (advertised in our SYN): 1500 - 20 - 20 on Ethernet.
    pub mss: u16,
    /// How long TIME-WAIT lasts (2 x MSL, RFC 9293 §3.4.2); kept short by default because
    /// this stack picks random ephemeral ports.
    pub time_wait_ms: u64,
    /// Retransmissions of a data segment before the connection times out.
    pub max_retries: u32,
    /// Retransmissions of a SYN before connect fails.
    pub max_syn_retries: u32,
}

impl Default for TcpConfig {
    fn default() -> Self {
        TcpConfig {
            rx_buffer: 128 * 1024,
            tx_buffer: 128 * 1024,
            mss: 1460,
            time_wait_ms: 30_000,
            max_retries: 10,
            max_syn_retries: 5,
        }
    }
}

/// One TCP connection or listener.
#[derive(Debug)]
pub struct TcpSocket {
    pub(super) state: TcpState,
    pub(super) config: TcpConfig,
    pub(super) local: Endpoint,
    pub(super) remote: Endpoint,
    /// Why the connection ended, reported to the user once the socket is Closed.
    pub(super) error: Option<TcpError>,

    // Send sequence variables (RFC 9293 §3.3.1).
    pub(super) iss: u32,
    pub(super) snd_una: u32,
    pub(super) snd_nxt: u32,
    /// Highest sequence number sent so far (SND.NXT goes back on a timeout).
    pub(super) snd_max: u32,
    pub(super) snd_wnd: u32,
    pub(super) max_snd_wnd: u32,
    pub(super) snd_wl1: u32,
    pub(super) snd_wl2: u32,
    pub(super) snd_wscale: u8,
    pub(super) snd_mss: u32,
    /// Bytes the user queued that are not yet acknowledged; `tx[0]` is at [`Self::data_start`].
    pub(super) tx: VecDeque<u8>,
    /// The user called close: a FIN follows the last byte of `tx`.
    pub(super) fin_queued: bool,
    /// Our FIN has been acknowledged.
    pub(super) fin_acked: bool,
    /// A RST to send in reply to an unacceptable ACK, with this sequence number.
    pub(super) reset_reply: Option<u32>,

    // Receive sequence variables.
    pub(super) irs: u32,
    pub(super) rcv_nxt: u32,
    pub(super) rcv_wscale: u8,
    /// Window scaling was agreed by both SYNs (RFC 7323 §2.2).
    pub(super) wscale_ok: bool,
    pub(super) rx: VecDeque<u8>,
    pub(super) ooo: Reassembly,
    /// Sequence number of a FIN that arrived ahead of missing data.
    pub(super) pending_fin: Option<u32>,
    pub(super) fin_received: bool,
    /// Right edge of the window in the last segment we sent.
    pub(super) adv_edge: u32,
    /// An ACK is owed but may wait for the next poll (delayed ACK).
    pub(super) ack_delayed: bool,
    /// Full segments received since the last ACK (RFC 9293 §3.8.6.3: ACK every second).
    pub(super) unacked_segments: u32,
    /// An ACK must go out now (out-of-order data, duplicate, window probe).
    pub(super) ack_now: bool,

    // Timers and congestion control.
    pub(super) rtt: RttEstimator,
    pub(super) rtx_deadline: Option<u64>,
    pub(super) retries: u32,
    /// The segment being timed for an RTT sample: (sequence it ends at, time sent).
    pub(super) timed: Option<(u32, u64)>,
    pub(super) time_wait_deadline: Option<u64>,
    pub(super) cc: Congestion,
    /// Send one byte into a zero window (persist timer fired).
    pub(super) probe: bool,
    /// A duplicate segment needing immediate retransmission of SND.UNA.
    pub(super) retransmit_first: bool,
}

impl TcpSocket {
    /// A closed socket bound to `local`.
    pub(crate) fn new(local: Endpoint, config: TcpConfig) -> Self {
        let config = TcpConfig {
            rx_buffer: config.rx_buffer.clamp(1024, 1 << 30),
            tx_buffer: config.tx_buffer.clamp(1024, 1 << 30),
            mss: config.mss.max(64),
            ..config
        };
        // Smallest shift that lets the 16-bit window field cover the whole buffer.
        let mut rcv_wscale = 0u8;
        while (65535usize << rcv_wscale) < config.rx_buffer && rcv_wscale < 14 {
            rcv_wscale += 1;
        }
        TcpSocket {
            state: TcpState::Closed,
            config,
            local,
            remote: Endpoint {
                addr: core::net::Ipv4Addr::UNSPECIFIED,
                port: 0,
            },
            error: None,
            iss: 0,
            snd_una: 0,
            snd_nxt: 0,
            snd_max: 0,
            snd_wnd: 0,
            max_snd_wnd: 0,
            snd_wl1: 0,
            snd_wl2: 0,
            snd_wscale: 0,
            snd_mss: 536,
            tx: VecDeque::new(),
            fin_queued: false,
            fin_acked: false,
            reset_reply: None,
            irs: 0,
            rcv_nxt: 0,
            rcv_wscale,
            wscale_ok: false,
            rx: VecDeque::new(),
            ooo: Reassembly::default(),
            pending_fin: None,
            fin_received: false,
            adv_edge: 0,
            ack_delayed: false,
            unacked_segments: 0,
            ack_now: false,
            rtt: RttEstimator::default(),
            rtx_deadline: None,
            retries: 0,
            timed: None,
            time_wait_deadline: None,
            cc: Congestion::new(536),
            probe: false,
            retransmit_first: false,
        }
    }

    /// Active open (RFC 9293 §3.10.1): the SYN goes out on the next dispatch.
    pub(crate) fn connect(&mut self, remote: Endpoint, iss: u32) {
        self.remote = remote;
        self.iss = iss;
        self.snd_una = iss;
        self.snd_nxt = iss;
        self.snd_max = iss;
        self.state = TcpState::SynSent;
    }

    /// Passive open.
    pub(crate) fn listen(&mut self) {
        self.state = TcpState::Listen;
    }

    pub fn state(&self) -> TcpState {
        self.state
    }

    pub fn local(&self) -> Endpoint {
        self.local
    }

    pub fn remote(&self) -> Endpoint {
        self.remote
    }

    /// Why the connection ended, if it ended badly.
    pub fn error(&self) -> Option<TcpError> {
        self.error
    }

    /// Smoothed round-trip time, once measured.
    pub fn srtt_ms(&self) -> Option<u64> {
        self.rtt.srtt_ms()
    }

    /// Bytes queued for sending and not yet acknowledged.
    pub fn send_queue(&self) -> usize {
        self.tx.len()
    }

    /// Bytes received and waiting for `recv`.
    pub fn recv_queue(&self) -> usize {
        self.rx.len()
    }

    /// Free room in the send buffer.
    pub fn send_capacity(&self) -> usize {
        self.config.tx_buffer.saturating_sub(self.tx.len())
    }

    /// SEND call (§3.10.2): queues as much of `data` as fits and returns how much.
    pub fn send(&mut self, data: &[u8]) -> Result<usize, TcpError> {
        match self.state {
            TcpState::SynSent
            | TcpState::SynReceived
            | TcpState::Established
            | TcpState::CloseWait
                if !self.fin_queued => {}
            TcpState::Closed => return Err(self.error.unwrap_or(TcpError::InvalidState)),
            _ => return Err(TcpError::InvalidState),
        }
        let n = data.len().min(self.send_capacity());
        self.tx.extend(&data[..n]);
        Ok(n)
    }

    /// RECEIVE call (§3.10.3): copies received bytes into `buf`. `Ok(0)` means nothing yet;
    /// `Err(Closed)` means the peer finished and everything was read.
    pub fn recv(&mut self, buf: &mut [u8]) -> Result<usize, TcpError> {
        if self.rx.is_empty() {
            if self.fin_received {
                return Err(TcpError::Closed);
            }
            return match self.state {
                TcpState::Closed => Err(self.error.unwrap_or(TcpError::Closed)),
                TcpState::Listen => Err(TcpError::InvalidState),
                _ => Ok(0),
            };
        }
        let n = buf.len().min(self.rx.len());
        let (a, b) = self.rx.as_slices();
        if n <= a.len() {
            buf[..n].copy_from_slice(&a[..n]);
        } else {
            buf[..a.len()].copy_from_slice(a);
            buf[a.len()..n].copy_from_slice(&b[..n - a.len()]);
        }
        self.rx.drain(..n);
        Ok(n)
    }

    /// CLOSE call (§3.10.4): no more data from us; a FIN follows what is queued.
    pub fn close(&mut self) {
        match self.state {
            TcpState::Listen | TcpState::SynSent => self.state = TcpState::Closed,
            TcpState::SynReceived | TcpState::Established => {
                self.fin_queued = true;
                self.state = TcpState::FinWait1;
            }
            TcpState::CloseWait => {
                self.fin_queued = true;
                self.state = TcpState::LastAck;
            }
            _ => {}
        }
    }

    /// ABORT call (§3.10.5): returns the RST to send, if the peer knows of us.
    pub(crate) fn abort(&mut self) -> Option<Segment> {
        let synchronized = !matches!(
            self.state,
            TcpState::Closed | TcpState::Listen | TcpState::SynSent | TcpState::TimeWait
        );
        let rst = synchronized.then(|| self.segment(self.snd_max, TcpFlags::RST, 0));
        self.enter_closed(None);
        rst
    }

    pub(super) fn enter_closed(&mut self, error: Option<TcpError>) {
        self.state = TcpState::Closed;
        if self.error.is_none() {
            self.error = error;
        }
        self.rtx_deadline = None;
        self.time_wait_deadline = None;
        self.ooo.clear();
    }

    pub(super) fn enter_time_wait(&mut self, now: u64) {
        self.state = TcpState::TimeWait;
        self.rtx_deadline = None;
        self.time_wait_deadline = Some(now.saturating_add(self.config.time_wait_ms));
    }

    /// Sequence number of `tx[0]`: just after our SYN until the SYN is acknowledged.
    pub(super) fn data_start(&self) -> u32 {
        if self.snd_una == self.iss {
            self.iss.wrapping_add(1)
        } else {
            self.snd_una
        }
    }

    /// Sequence number our FIN takes (valid once `fin_queued`).
    pub(super) fn fin_seq(&self) -> u32 {
        self.data_start().wrapping_add(self.tx.len() as u32)
    }

    pub(super) fn fin_sent(&self) -> bool {
        self.fin_acked || self.fin_queued && seq::gt(self.snd_max, self.fin_seq())
    }

    /// The window we can advertise now, and the value for the header field.
    pub(super) fn window(&self) -> (u32, u16) {
        let free = self
            .config
            .rx_buffer
            .saturating_sub(self.rx.len() + self.ooo.bytes());
        let free = if self.fin_received { 0 } else { free as u32 };
        let shift = if self.wscale_ok { self.rcv_wscale } else { 0 };
        let field = (free >> shift).min(65535);
        (field << shift, field as u16)
    }

    /// Room in our receive window for new data beyond RCV.NXT.
    pub(super) fn receive_window(&self) -> u32 {
        self.config.rx_buffer.saturating_sub(self.rx.len()) as u32
    }
}
