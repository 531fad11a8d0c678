//! Segment arrival (RFC 9293 §3.10.7), checked in the RFC's order: sequence number, RST,
//! SYN, ACK, then data and FIN. Also the SYN that creates a connection on a listener
//! (§3.10.7.2) and the options negotiated there (MSS §3.7.1, window scale RFC 7323 §2.2).

use super::socket::{TcpConfig, TcpSocket};
use super::{seq, Endpoint, Segment, TcpError, TcpState};
use crate::wire::tcp::{TcpFlags, TcpRepr};
use alloc::vec::Vec;

impl TcpSocket {
    /// A connection born from a SYN that reached a listener (§3.10.7.2): SYN-RECEIVED,
    /// with the SYN-ACK going out on the next dispatch.
    pub(crate) fn from_syn(
        local: Endpoint,
        remote: Endpoint,
        syn: &TcpRepr,
        iss: u32,
        config: TcpConfig,
    ) -> TcpSocket {
        let mut s = TcpSocket::new(local, config);
        s.connect(remote, iss);
        s.state = TcpState::SynReceived;
        s.accept_peer_syn(syn);
        s
    }

    /// Records what the peer's SYN tells us: its ISN, MSS, window scale and window.
    fn accept_peer_syn(&mut self, syn: &TcpRepr) {
        self.irs = syn.seq;
        self.rcv_nxt = syn.seq.wrapping_add(1);
        self.adv_edge = self.rcv_nxt;
        // §3.7.1: without the option, assume 536.
        let peer_mss = u32::from(syn.mss.unwrap_or(536)).max(64);
        self.snd_mss = peer_mss.min(u32::from(self.config.mss));
        self.cc = super::congestion::Congestion::new(self.snd_mss);
        match syn.window_scale {
            Some(shift) => {
                self.wscale_ok = true;
                // RFC 7323 §2.3: shifts above 14 are treated as 14.
                self.snd_wscale = shift.min(14);
            }
            None => {
                self.wscale_ok = false;
                self.snd_wscale = 0;
                self.rcv_wscale = 0;
            }
        }
        self.snd_wnd = u32::from(syn.window);
        self.max_snd_wnd = self.snd_wnd;
        self.snd_wl1 = syn.seq;
    }

    /// A SYN for this connection's endpoints arrived while we are in TIME-WAIT: if its
    /// sequence number is beyond everything of the old connection, close the old one so a
    /// listener can accept the new one (RFC 9293 §3.6.1). Returns true if closed.
    pub(crate) fn end_time_wait_for(&mut self, syn: &TcpRepr) -> bool {
        if self.state == TcpState::TimeWait && seq::gt(syn.seq, self.rcv_nxt) {
            self.enter_closed(None);
            return true;
        }
        false
    }

    /// Processes one segment addressed to this connection.
    pub(crate) fn process(&mut self, seg: &TcpRepr, now: u64, out: &mut Vec<Segment>) {
        match self.state {
            TcpState::Closed | TcpState::Listen => {}
            TcpState::SynSent => self.process_syn_sent(seg, now),
            _ => self.process_synchronized(seg, now),
        }
        if let Some(rst_seq) = self.reset_reply.take() {
            // <SEQ=SEG.ACK><CTL=RST> for an unacceptable ACK (§3.10.7.3, §3.10.7.4).
            let mut rst = self.segment(rst_seq, TcpFlags::RST, 0);
            rst.ack = 0;
            out.push(rst);
        }
        self.dispatch(now, false, out);
    }

    /// §3.10.7.3: SYN-SENT.
    fn process_syn_sent(&mut self, seg: &TcpRepr, now: u64) {
        let flags = seg.flags;
        let ack_ok = flags.ack() && seq::gt(seg.ack, self.iss) && seq::le(seg.ack, self.snd_max);
        if flags.ack() && !ack_ok {
            if !flags.rst() {
                self.reset_reply = Some(seg.ack);
            }
            return;
        }
        if flags.rst() {
            if ack_ok {
                self.enter_closed(Some(TcpError::Refused));
            }
            return;
        }
        if !flags.syn() {
            return;
        }
        self.accept_peer_syn(seg);
        if ack_ok {
            self.snd_una = seg.ack;
            self.snd_wl2 = seg.ack;
            self.state = TcpState::Established;
            self.retries = 0;
            self.on_ack_progress(now, seg.ack, 0);
            self.ack_now = true;
        } else {
            // Simultaneous open: answer with SYN-ACK from the same ISN.
            self.state = TcpState::SynReceived;
            self.snd_nxt = self.iss;
        }
    }

    /// §3.10.7.4: every synchronized state and SYN-RECEIVED.
    fn process_synchronized(&mut self, seg: &TcpRepr, now: u64) {
        let flags = seg.flags;
        let mut seg_seq = seg.seq;
        let mut payload = seg.payload;
        let mut fin = flags.fin();
        let seg_len = seg.segment_len();
        let wnd = self.receive_window();

        // First: is the segment in the receive window?
        let in_window =
            |s: u32| seq::ge(s, self.rcv_nxt) && seq::lt(s, self.rcv_nxt.wrapping_add(wnd));
        let acceptable = match (seg_len, wnd) {
            (0, 0) => seg_seq == self.rcv_nxt,
            (0, _) => in_window(seg_seq),
            (_, 0) => false,
            (_, _) => in_window(seg_seq) || in_window(seg_seq.wrapping_add(seg_len - 1)),
        };
        if !acceptable {
            // A zero window still lets ACKs through (§3.10.7.4, "special allowance").
            let zero_window_ack = wnd == 0 && seg_seq == self.rcv_nxt && flags.ack();
            if !zero_window_ack {
                if !flags.rst() {
                    self.ack_now = true;
                }
                return;
            }
            payload = &[];
            fin = false;
        }

        // Second: RST (RFC 5961 §3.2: exact match resets, in-window gets a challenge ACK).
        if flags.rst() {
            if seg_seq == self.rcv_nxt {
                let error = match self.state {
                    TcpState::SynReceived => TcpError::Refused,
                    TcpState::Closing | TcpState::LastAck | TcpState::TimeWait => {
                        return self.enter_closed(None)
                    }
                    _ => TcpError::Reset,
                };
                self.enter_closed(Some(error));
            } else {
                self.ack_now = true;
            }
            return;
        }

        // Fourth: a SYN in a synchronized state gets a challenge ACK (RFC 5961 §4.2).
        if flags.syn() {
            if self.state == TcpState::SynReceived && seg_seq == self.irs {
                self.snd_nxt = self.iss; // our SYN-ACK was lost: send it again
            } else {
                self.ack_now = true;
            }
            return;
        }

        // Trim to the window: drop bytes we already have and bytes beyond the right edge.
        if seq::lt(seg_seq, self.rcv_nxt) {
            let skip = (seq::diff(self.rcv_nxt, seg_seq) as usize).min(payload.len());
            payload = &payload[skip..];
            seg_seq = self.rcv_nxt;
        }
        if payload.len() > wnd as usize {
            payload = &payload[..wnd as usize];
            fin = false;
        }

        // Fifth: the ACK field.
        if !flags.ack() {
            return;
        }
        if self.state == TcpState::SynReceived {
            if seq::gt(seg.ack, self.snd_una) && seq::le(seg.ack, self.snd_max) {
                self.state = TcpState::Established;
                if self.fin_queued {
                    self.state = TcpState::FinWait1;
                }
                self.snd_wnd = u32::from(seg.window) << self.snd_wscale;
                self.max_snd_wnd = self.max_snd_wnd.max(self.snd_wnd);
                self.snd_wl1 = seg.seq;
                self.snd_wl2 = seg.ack;
            } else {
                self.reset_reply = Some(seg.ack);
                return;
            }
        }
        if !self.process_ack(seg, now) {
            return;
        }

        match self.state {
            TcpState::FinWait1 if self.fin_acked() => self.state = TcpState::FinWait2,
            TcpState::Closing if self.fin_acked() => return self.enter_time_wait(now),
            TcpState::LastAck if self.fin_acked() => return self.enter_closed(None),
            TcpState::TimeWait => {
                if fin {
                    self.ack_now = true;
                    self.enter_time_wait(now); // restart 2 MSL
                }
                return;
            }
            _ => {}
        }

        // Seventh: segment text.
        if matches!(
            self.state,
            TcpState::Established | TcpState::FinWait1 | TcpState::FinWait2
        ) {
            if !payload.is_empty() {
                if seg_seq == self.rcv_nxt {
                    self.rx.extend(payload);
                    self.rcv_nxt = self.rcv_nxt.wrapping_add(payload.len() as u32);
                    if !self.ooo.is_empty() {
                        let mut more = Vec::new();
                        self.rcv_nxt = self.ooo.drain_contiguous(self.rcv_nxt, &mut more);
                        self.rx.extend(&more);
                        self.ack_now = true; // a hole was filled (RFC 5681 §4.2)
                    }
                    self.unacked_segments = self.unacked_segments.saturating_add(1);
                    self.ack_delayed = true;
                    if self.unacked_segments >= 2 {
                        self.ack_now = true;
                    }
                } else {
                    self.ooo.insert(seg_seq, payload);
                    self.ack_now = true; // duplicate ACK for the hole (RFC 5681 §4.2)
                }
            }
            if fin {
                self.pending_fin = Some(seg_seq.wrapping_add(payload.len() as u32));
            }
        }

        // Eighth: FIN, once every byte before it has arrived.
        if self.pending_fin == Some(self.rcv_nxt) && !self.fin_received {
            self.pending_fin = None;
            self.fin_received = true;
            self.rcv_nxt = self.rcv_nxt.wrapping_add(1);
            self.ack_now = true;
            match self.state {
                TcpState::Established | TcpState::SynReceived => self.state = TcpState::CloseWait,
                TcpState::FinWait1 => {
                    if self.fin_acked() {
                        self.enter_time_wait(now);
                    } else {
                        self.state = TcpState::Closing;
                    }
                }
                TcpState::FinWait2 => self.enter_time_wait(now),
                _ => {}
            }
        }
    }

    /// True once our FIN has been acknowledged.
    fn fin_acked(&self) -> bool {
        self.fin_acked
    }

    /// The ACK field in synchronized states. Returns false if the segment must be dropped.
    fn process_ack(&mut self, seg: &TcpRepr, now: u64) -> bool {
        let ack = seg.ack;
        if seq::gt(ack, self.snd_max) {
            self.ack_now = true; // acknowledges something not yet sent
            return false;
        }
        let window = u32::from(seg.window) << self.snd_wscale;
        if seq::gt(ack, self.snd_una) {
            let mut acked = seq::diff(ack, self.snd_una);
            let mut data_acked = acked;
            if self.snd_una == self.iss {
                data_acked -= 1; // our SYN
            }
            if self.fin_sent() && seq::gt(ack, self.fin_seq()) {
                data_acked = data_acked.saturating_sub(1); // our FIN
                self.fin_acked = true;
            }
            let data_acked = (data_acked as usize).min(self.tx.len());
            self.tx.drain(..data_acked);
            // Keep `data_start` right after the SYN is acknowledged.
            self.snd_una = ack;
            if seq::lt(self.snd_nxt, ack) {
                self.snd_nxt = ack;
            }
            if acked == 0 {
                acked = 1;
            }
            self.on_ack_progress(now, ack, acked);
        } else if ack == self.snd_una
            && seg.payload.is_empty()
            && !seg.flags.fin()
            && window == self.snd_wnd
            && seq::gt(self.snd_max, self.snd_una)
        {
            // RFC 5681 §2 "duplicate acknowledgment".
            self.on_duplicate_ack();
        }
        // Window update (§3.10.7.4): only from segments newer than the last update.
        if seq::lt(self.snd_wl1, seg.seq) || (self.snd_wl1 == seg.seq && seq::le(self.snd_wl2, ack))
        {
            self.snd_wnd = window;
            self.max_snd_wnd = self.max_snd_wnd.max(window);
            self.snd_wl1 = seg.seq;
            self.snd_wl2 = ack;
            if window > 0 && self.flight() == 0 && self.tx.is_empty() {
                self.rtx_deadline = None;
            }
        }
        if self.snd_wnd == 0 {
            self.retries = 0; // the peer is alive: keep probing (§3.8.6.1)
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::net::Ipv4Addr;

    fn ends() -> (Endpoint, Endpoint) {
        let local = Endpoint {
            addr: Ipv4Addr::new(10, 0, 0, 1),
            port: 80,
        };
        let remote = Endpoint {
            addr: Ipv4Addr::new(10, 0, 0, 2),
            port: 5555,
        };
        (local, remote)
    }

    fn syn(window_scale: Option<u8>, mss: Option<u16>) -> TcpRepr<'static> {
        TcpRepr {
            src_port: 5555,
            dst_port: 80,
            seq: 1000,
            flags: TcpFlags(TcpFlags::SYN),
            window: 8192,
            window_scale,
            mss,
            ..TcpRepr::default()
        }
    }

    #[test]
    fn syn_ack_echoes_window_scale_only_if_offered() {
        let (local, remote) = ends();
        for offered in [None, Some(7)] {
            let mut s =
                TcpSocket::from_syn(local, remote, &syn(offered, None), 5, TcpConfig::default());
            let mut out = Vec::new();
            s.dispatch(0, false, &mut out);
            assert_eq!(out.len(), 1);
            assert_eq!(out[0].flags, TcpFlags::SYN | TcpFlags::ACK);
            assert_eq!(out[0].ack, 1001);
            assert_eq!(out[0].window_scale.is_some(), offered.is_some());
            assert_eq!(out[0].mss, Some(1460));
            // Without the MSS option the peer gets 536-byte segments (RFC 9293 §3.7.1).
            assert_eq!(s.snd_mss, 536);
        }
    }

    #[test]
    fn out_of_window_segment_gets_an_ack_not_data() {
        let (local, remote) = ends();
        let mut s = TcpSocket::from_syn(
            local,
            remote,
            &syn(None, Some(1000)),
            5,
            TcpConfig::default(),
        );
        let mut out = Vec::new();
        s.dispatch(0, false, &mut out);
        let ack = TcpRepr {
            seq: 1001,
            ack: 6,
            flags: TcpFlags(TcpFlags::ACK),
            window: 8192,
            ..syn(None, None)
        };
        s.process(&ack, 1, &mut out);
        assert_eq!(s.state(), TcpState::Established);
        // Far outside the window: dropped, answered with an ACK for what we expect.
        out.clear();
        let stray = TcpRepr {
            seq: 1001 + 1_000_000,
            payload: b"junk",
            ..ack
        };
        s.process(&stray, 2, &mut out);
        assert_eq!(s.recv_queue(), 0);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].ack, 1001);
        // An old duplicate RST (wrong sequence number) gets a challenge ACK, not a reset.
        out.clear();
        let rst = TcpRepr {
            seq: 1001 + 100,
            flags: TcpFlags(TcpFlags::RST),
            ..ack
        };
        s.process(&rst, 3, &mut out);
        assert_eq!(s.state(), TcpState::Established);
        assert_eq!(out.len(), 1);
        let rst = TcpRepr {
            seq: 1001,
            flags: TcpFlags(TcpFlags::RST),
            ..ack
        };
        s.process(&rst, 4, &mut out);
        assert_eq!(s.state(), TcpState::Closed);
        assert_eq!(s.error(), Some(TcpError::Reset));
    }

    #[test]
    fn time_wait_yields_to_a_newer_syn() {
        let (local, remote) = ends();
        let mut s = TcpSocket::from_syn(local, remote, &syn(None, None), 5, TcpConfig::default());
        s.enter_time_wait(0);
        s.rcv_nxt = 5000;
        assert!(!s.end_time_wait_for(&TcpRepr {
            seq: 4000,
            ..syn(None, None)
        }));
        assert_eq!(s.state(), TcpState::TimeWait);
        assert!(s.end_time_wait_for(&TcpRepr {
            seq: 6000,
            ..syn(None, None)
        }));
        assert_eq!(s.state(), TcpState::Closed);
    }
}
