//! The sender half of a TCP socket: building segments, deciding what may go out now
//! (RFC 9293 §3.8.6 window management and sender silly-window avoidance, the RFC 5681
//! congestion window), retransmission (RFC 6298 timer with backoff, fast retransmit and
//! NewReno partial ACKs from RFC 6582), zero-window probing (§3.8.6.1) and TIME-WAIT (§3.6.1).

use super::congestion::AckAction;
use super::socket::TcpSocket;
use super::{seq, Segment, TcpError, TcpState};
use crate::wire::tcp::TcpFlags;
use alloc::vec::Vec;

impl TcpSocket {
    /// Builds a segment from this socket with the current ACK and window, carrying `len`
    /// bytes of the send buffer starting at `seq_no` (0 for control segments).
    pub(super) fn segment(&mut self, seq_no: u32, flags: u8, len: usize) -> Segment {
        let mut flags = flags;
        let (window, field) = self.window();
        let synchronized = !matches!(self.state, TcpState::SynSent | TcpState::Closed)
            || flags & TcpFlags::SYN != 0 && flags & TcpFlags::ACK != 0;
        if synchronized && flags & TcpFlags::RST == 0 {
            flags |= TcpFlags::ACK;
            self.ack_delayed = false;
            self.ack_now = false;
            self.unacked_segments = 0;
            self.adv_edge = seq::max(self.adv_edge, self.rcv_nxt.wrapping_add(window));
        }
        let syn = flags & TcpFlags::SYN != 0;
        // RFC 7323 §2.2: offer scaling in our SYN; echo it in a SYN-ACK only if offered.
        let scale = syn && (self.state == TcpState::SynSent || self.wscale_ok);
        let mut frame = Segment::frame_for(syn, scale, len);
        if len > 0 {
            let at = frame.len() - len;
            self.copy_out(seq_no, &mut frame[at..]);
        }
        Segment {
            local: self.local,
            remote: self.remote,
            seq: seq_no,
            ack: if flags & TcpFlags::ACK != 0 {
                self.rcv_nxt
            } else {
                0
            },
            flags,
            // RFC 7323 §2.2: the window in a SYN is never scaled.
            window: if syn { window.min(65535) as u16 } else { field },
            mss: syn.then_some(self.config.mss),
            window_scale: scale.then_some(self.rcv_wscale),
            frame,
        }
    }

    /// Copies send-buffer bytes starting at sequence `from` into `out` (as many as fit).
    pub(super) fn copy_out(&self, from: u32, out: &mut [u8]) {
        let offset = (seq::diff(from, self.data_start()) as usize).min(self.tx.len());
        let end = (offset + out.len()).min(self.tx.len());
        let (a, b) = self.tx.as_slices();
        let mut written = 0;
        if offset < a.len() {
            let part = &a[offset..end.min(a.len())];
            out[..part.len()].copy_from_slice(part);
            written = part.len();
        }
        if end > a.len() {
            let part = &b[offset.max(a.len()) - a.len()..end - a.len()];
            out[written..written + part.len()].copy_from_slice(part);
        }
    }

    fn arm_retransmit(&mut self, now: u64) {
        if self.rtx_deadline.is_none() {
            self.rtx_deadline = Some(now.saturating_add(self.rtt.rto_ms()));
        }
    }

    /// Bytes sent and not yet acknowledged.
    pub(super) fn flight(&self) -> u32 {
        seq::diff(self.snd_nxt, self.snd_una)
    }

    /// Sends the first unacknowledged segment again (fast retransmit, partial ACK).
    fn retransmit_first(&mut self, out: &mut Vec<Segment>) {
        let start = self.snd_una;
        let avail = self
            .tx
            .len()
            .saturating_sub(seq::diff(start, self.data_start()) as usize);
        let len = avail.min(self.snd_mss as usize);
        let mut flags = TcpFlags::PSH;
        let end = start.wrapping_add(len as u32);
        if self.fin_sent() && end == self.fin_seq() {
            flags |= TcpFlags::FIN;
        }
        if len == 0 && flags & TcpFlags::FIN == 0 {
            return;
        }
        // Karn: a retransmitted segment gives no RTT sample.
        self.timed = None;
        let segment = self.segment(start, flags, len);
        out.push(segment);
    }

    /// Emits whatever the state, windows and queues allow: SYN, data, FIN, ACK.
    pub(crate) fn dispatch(&mut self, now: u64, flush_delayed: bool, out: &mut Vec<Segment>) {
        match self.state {
            TcpState::Closed | TcpState::Listen => return,
            TcpState::SynSent | TcpState::SynReceived => {
                if self.snd_nxt == self.iss {
                    let flags = if self.state == TcpState::SynSent {
                        TcpFlags::SYN
                    } else {
                        TcpFlags::SYN | TcpFlags::ACK
                    };
                    let segment = self.segment(self.iss, flags, 0);
                    out.push(segment);
                    self.snd_nxt = self.iss.wrapping_add(1);
                    self.snd_max = seq::max(self.snd_max, self.snd_nxt);
                    if self.timed.is_none() && self.retries == 0 {
                        self.timed = Some((self.snd_nxt, now));
                    }
                    self.arm_retransmit(now);
                } else if self.ack_now && self.state == TcpState::SynReceived {
                    let segment = self.segment(self.snd_max, 0, 0);
                    out.push(segment);
                }
                return;
            }
            TcpState::TimeWait => {
                if self.ack_now {
                    let segment = self.segment(self.snd_max, 0, 0);
                    out.push(segment);
                }
                return;
            }
            _ => {}
        }
        if self.retransmit_first {
            self.retransmit_first = false;
            self.retransmit_first(out);
        }
        self.send_data(now, out);
        // Window update (RFC 9293 §3.8.6.2.2): tell the peer once the window has opened by
        // at least two segments or half the buffer.
        let (window, _) = self.window();
        let edge = self.rcv_nxt.wrapping_add(window);
        let threshold = (2 * u32::from(self.config.mss)).min(self.config.rx_buffer as u32 / 2);
        let opened = seq::gt(edge, self.adv_edge) && seq::diff(edge, self.adv_edge) >= threshold;
        let fin_state = matches!(
            self.state,
            TcpState::CloseWait | TcpState::LastAck | TcpState::Closing
        );
        if self.ack_now || (flush_delayed && self.ack_delayed) || (opened && !fin_state) {
            let segment = self.segment(self.snd_max, 0, 0);
            out.push(segment);
        }
    }

    fn send_data(&mut self, now: u64, out: &mut Vec<Segment>) {
        if self.fin_acked {
            return;
        }
        loop {
            let sent = seq::diff(self.snd_nxt, self.data_start()) as usize;
            if sent > self.tx.len() {
                return; // FIN already sent
            }
            let unsent = self.tx.len() - sent;
            let flight = self.flight();
            let window = self.snd_wnd.min(self.cc.cwnd);
            let mut room = window.saturating_sub(flight) as usize;
            if self.probe && unsent > 0 && flight == 0 {
                room = room.max(1);
                self.probe = false;
            }
            let len = unsent.min(room).min(self.snd_mss as usize);
            let fin = self.fin_queued && len == unsent;
            // Sender silly-window avoidance (§3.8.6.2.1): send full segments, or everything
            // that is left, or at least half the largest window the peer offered.
            let worth_it = len == self.snd_mss as usize
                || len == unsent
                || len as u32 >= self.max_snd_wnd / 2
                || flight == 0 && len > 0;
            if (len == 0 && !fin) || (len > 0 && !worth_it) {
                if unsent > 0 && self.snd_wnd == 0 && flight == 0 {
                    self.arm_retransmit(now); // persist timer
                }
                return;
            }
            let start = self.snd_nxt;
            let mut flags = 0;
            if len > 0 && len == unsent {
                flags |= TcpFlags::PSH;
            }
            if fin {
                flags |= TcpFlags::FIN;
            }
            let segment = self.segment(start, flags, len);
            out.push(segment);
            let end = start.wrapping_add(len as u32 + u32::from(fin));
            if seq::ge(start, self.snd_max) && self.timed.is_none() {
                self.timed = Some((end, now));
            }
            self.snd_nxt = end;
            self.snd_max = seq::max(self.snd_max, end);
            self.arm_retransmit(now);
            if fin {
                return;
            }
        }
    }

    /// Runs the timers (call from poll). Returns false once a TIME-WAIT or failed socket
    /// is finished, so an unowned socket can be freed.
    pub(crate) fn on_timer(&mut self, now: u64, out: &mut Vec<Segment>) {
        if let Some(deadline) = self.time_wait_deadline {
            if now >= deadline {
                self.enter_closed(None);
            }
            return;
        }
        let Some(deadline) = self.rtx_deadline else {
            return;
        };
        if now < deadline {
            return;
        }
        self.rtx_deadline = None;
        self.timed = None;
        let limit = match self.state {
            TcpState::SynSent | TcpState::SynReceived => self.config.max_syn_retries,
            _ => self.config.max_retries,
        };
        if self.retries >= limit {
            if let Some(rst) = self.abort() {
                out.push(rst);
            }
            self.error = Some(TcpError::TimedOut);
            return;
        }
        self.retries += 1;
        self.rtt.back_off();
        match self.state {
            TcpState::SynSent | TcpState::SynReceived => self.snd_nxt = self.iss,
            _ if self.flight() > 0 => {
                // RFC 5681 §3.1 / RFC 6298 §5.4: retransmit from SND.UNA with one segment.
                self.cc.on_timeout(self.flight(), self.snd_max);
                self.snd_nxt = self.snd_una;
            }
            _ => self.probe = true, // zero-window probe (§3.8.6.1)
        }
        self.dispatch(now, false, out);
        self.arm_retransmit(now);
    }

    /// Called by `input` after an ACK that acknowledged new data.
    pub(super) fn on_ack_progress(&mut self, now: u64, ack: u32, acked: u32) {
        if let Some((end, sent_at)) = self.timed {
            if seq::ge(ack, end) {
                self.rtt.sample(now.saturating_sub(sent_at));
                self.timed = None;
            }
        }
        self.retries = 0;
        let flight = seq::diff(self.snd_max, ack);
        if self.cc.on_new_ack(ack, acked, flight) == AckAction::RetransmitFirst {
            self.retransmit_first = true;
        }
        self.rtx_deadline = None;
        if flight > 0 {
            self.rtx_deadline = Some(now.saturating_add(self.rtt.rto_ms()));
        }
    }

    /// Called by `input` for a duplicate ACK.
    pub(super) fn on_duplicate_ack(&mut self) {
        let action = self
            .cc
            .on_duplicate_ack(self.flight(), self.snd_max, self.snd_una);
        if action == AckAction::RetransmitFirst {
            self.retransmit_first = true;
        }
    }

    /// Earliest time this socket needs a timer call.
    pub fn next_deadline(&self) -> Option<u64> {
        match (self.rtx_deadline, self.time_wait_deadline) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}
