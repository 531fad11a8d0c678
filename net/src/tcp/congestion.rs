//! Congestion control: slow start, congestion avoidance, fast retransmit and fast recovery
//! (RFC 5681 §3), with the NewReno modification for partial acknowledgments (RFC 6582 §3.2).
//!
//! The socket tells this module about new acknowledgments, duplicate acknowledgments and
//! timeouts; the module answers with the congestion window and whether to retransmit the
//! first unacknowledged segment now.

/// What the sender should do after an acknowledgment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AckAction {
    Nothing,
    /// Retransmit the segment at SND.UNA (fast retransmit or a NewReno partial ACK).
    RetransmitFirst,
}

/// NewReno state for one connection. Windows are in bytes.
#[derive(Debug, Clone)]
pub struct Congestion {
    pub cwnd: u32,
    pub ssthresh: u32,
    mss: u32,
    dupacks: u32,
    /// Highest sequence sent when loss was detected (RFC 6582 "recover").
    recover: Option<u32>,
    in_recovery: bool,
}

impl Congestion {
    /// Initial window per RFC 5681 §3.1: 2-4 segments depending on the MSS.
    pub fn new(mss: u32) -> Self {
        let mss = mss.max(1);
        let iw = if mss > 2190 {
            2 * mss
        } else if mss > 1095 {
            3 * mss
        } else {
            4 * mss
        };
        Congestion {
            cwnd: iw,
            ssthresh: u32::MAX,
            mss,
            dupacks: 0,
            recover: None,
            in_recovery: false,
        }
    }

    pub fn in_recovery(&self) -> bool {
        self.in_recovery
    }

    /// An ACK that advanced SND.UNA by `acked` bytes to `ack`, with `flight` bytes still
    /// outstanding afterwards.
    pub fn on_new_ack(&mut self, ack: u32, acked: u32, flight: u32) -> AckAction {
        self.dupacks = 0;
        if self.in_recovery {
            if self.recover.is_none_or(|r| super::seq::ge(ack, r)) {
                // Full acknowledgment (RFC 6582 §3.2 step 3): deflate the window.
                self.in_recovery = false;
                self.cwnd = self.ssthresh.min(flight.max(self.mss) + self.mss);
                return AckAction::Nothing;
            }
            // Partial acknowledgment (step 4): retransmit the next hole, deflate by the
            // amount acknowledged, add back one segment.
            self.cwnd = self
                .cwnd
                .saturating_sub(acked)
                .saturating_add(self.mss)
                .max(self.mss);
            return AckAction::RetransmitFirst;
        }
        if self.cwnd < self.ssthresh {
            // Slow start (RFC 5681 §3.1, with L = 1 SMSS per ACK).
            self.cwnd = self.cwnd.saturating_add(acked.min(self.mss));
        } else {
            // Congestion avoidance: about one segment per round trip.
            let inc = (self.mss as u64 * self.mss as u64 / self.cwnd.max(1) as u64).max(1);
            self.cwnd = self.cwnd.saturating_add(inc as u32);
        }
        AckAction::Nothing
    }

    /// A duplicate ACK (RFC 5681 §2 definition) while `flight` bytes are outstanding and
    /// `snd_max` is the highest sequence sent.
    pub fn on_duplicate_ack(&mut self, flight: u32, snd_max: u32, snd_una: u32) -> AckAction {
        if self.in_recovery {
            // RFC 5681 §3.2 step 4: inflate for each segment that left the network.
            self.cwnd = self.cwnd.saturating_add(self.mss);
            return AckAction::Nothing;
        }
        self.dupacks = self.dupacks.saturating_add(1);
        // RFC 6582 §3.2 step 1: only enter recovery if this loss is after the last one.
        let after_last_loss = self.recover.is_none_or(|r| super::seq::ge(snd_una, r));
        if self.dupacks == 3 && after_last_loss {
            self.ssthresh = (flight / 2).max(2 * self.mss);
            self.cwnd = self.ssthresh + 3 * self.mss;
            self.recover = Some(snd_max);
            self.in_recovery = true;
            return AckAction::RetransmitFirst;
        }
        AckAction::Nothing
    }

    /// The retransmission timer expired (RFC 5681 §3.1 equation 4, loss window of 1 SMSS).
    pub fn on_timeout(&mut self, flight: u32, snd_max: u32) {
        self.ssthresh = (flight / 2).max(2 * self.mss);
        self.cwnd = self.mss;
        self.dupacks = 0;
        self.in_recovery = false;
        self.recover = Some(snd_max);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slow_start_then_avoidance() {
        let mut c = Congestion::new(1000);
        assert_eq!(c.cwnd, 4000);
        c.on_new_ack(1000, 1000, 0);
        assert_eq!(c.cwnd, 5000);
        c.ssthresh = 5000;
        c.on_new_ack(2000, 1000, 0);
        assert_eq!(c.cwnd, 5200);
    }

    #[test]
    fn fast_retransmit_and_partial_ack() {
        let mut c = Congestion::new(1000);
        c.cwnd = 10_000;
        assert_eq!(
            c.on_duplicate_ack(10_000, 20_000, 10_000),
            AckAction::Nothing
        );
        assert_eq!(
            c.on_duplicate_ack(10_000, 20_000, 10_000),
            AckAction::Nothing
        );
        assert_eq!(
            c.on_duplicate_ack(10_000, 20_000, 10_000),
            AckAction::RetransmitFirst
        );
        assert_eq!(c.ssthresh, 5000);
        assert_eq!(c.cwnd, 8000);
        assert!(c.in_recovery());
        assert_eq!(c.on_new_ack(12_000, 2000, 8000), AckAction::RetransmitFirst);
        assert_eq!(c.on_new_ack(20_000, 8000, 0), AckAction::Nothing);
        assert!(!c.in_recovery());
        assert_eq!(c.cwnd, 2000);
    }
}
