//! Retransmission timeout (RFC 6298).
//!
//! The first measurement R sets SRTT = R and RTTVAR = R/2; later ones update
//! RTTVAR = 3/4 RTTVAR + 1/4 |SRTT - R| and SRTT = 7/8 SRTT + 1/8 R (§2.2-2.3), and
//! RTO = SRTT + max(G, 4 RTTVAR). Before any measurement RTO is 1 s (§2.1). Each expiry
//! doubles RTO up to 60 s (§5.5, "back off the timer"). Measurements are taken from one timed
//! segment at a time and never from a retransmitted one (Karn's algorithm, §3).
//!
//! Deviation: RFC 6298 §2.4 asks for a 1 s minimum; like Linux we use 200 ms, which matters
//! on the short paths (QEMU user networking, test namespaces) this stack runs on.

/// Initial RTO before any sample (RFC 6298 §2.1).
pub const INITIAL_RTO_MS: u64 = 1000;
/// Lower bound on RTO (see the deviation note above).
pub const MIN_RTO_MS: u64 = 200;
/// Upper bound on RTO (RFC 6298 §2.5 allows a maximum of at least 60 s).
pub const MAX_RTO_MS: u64 = 60_000;

/// Smoothed round-trip time and the timeout derived from it. Values are kept in
/// milliseconds scaled by 8 to keep the fractions of the RFC's gains.
#[derive(Debug, Clone)]
pub struct RttEstimator {
    srtt_x8: u64,
    rttvar_x8: u64,
    have_sample: bool,
    rto_ms: u64,
}

impl Default for RttEstimator {
    fn default() -> Self {
        RttEstimator {
            srtt_x8: 0,
            rttvar_x8: 0,
            have_sample: false,
            rto_ms: INITIAL_RTO_MS,
        }
    }
}

impl RttEstimator {
    /// Current retransmission timeout in milliseconds.
    pub fn rto_ms(&self) -> u64 {
        self.rto_ms
    }

    /// Smoothed RTT in milliseconds, if measured.
    pub fn srtt_ms(&self) -> Option<u64> {
        self.have_sample.then_some(self.srtt_x8 / 8)
    }

    /// Feeds one round-trip measurement.
    pub fn sample(&mut self, rtt_ms: u64) {
        let r_x8 = rtt_ms.min(MAX_RTO_MS) * 8;
        if !self.have_sample {
            self.srtt_x8 = r_x8;
            self.rttvar_x8 = r_x8 / 2;
            self.have_sample = true;
        } else {
            let delta = self.srtt_x8.abs_diff(r_x8);
            self.rttvar_x8 = (3 * self.rttvar_x8 + delta) / 4;
            self.srtt_x8 = (7 * self.srtt_x8 + r_x8) / 8;
        }
        let rto = (self.srtt_x8 + (4 * self.rttvar_x8).max(8)) / 8;
        self.rto_ms = rto.clamp(MIN_RTO_MS, MAX_RTO_MS);
    }

    /// Doubles the timeout after an expiry (RFC 6298 §5.5).
    pub fn back_off(&mut self) {
        self.rto_ms = (self.rto_ms * 2).min(MAX_RTO_MS);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_sample_and_backoff() {
        let mut r = RttEstimator::default();
        assert_eq!(r.rto_ms(), 1000);
        r.sample(100);
        assert_eq!(r.rto_ms(), 300); // 100 + 4 * 50
        r.back_off();
        assert_eq!(r.rto_ms(), 600);
        for _ in 0..20 {
            r.back_off();
        }
        assert_eq!(r.rto_ms(), MAX_RTO_MS);
    }

    #[test]
    fn converges_and_respects_minimum() {
        let mut r = RttEstimator::default();
        for _ in 0..50 {
            r.sample(10);
        }
        assert_eq!(r.srtt_ms(), Some(10));
        assert_eq!(r.rto_ms(), MIN_RTO_MS);
    }
}
