//! Out-of-order segment queue (RFC 9293 §3.10.7.4, "segments with higher beginning sequence
//! numbers may be held for later processing").
//!
//! Segments that arrive beyond RCV.NXT are kept here, already trimmed to the receive window,
//! until the hole before them is filled. The queue is bounded by the window (the socket
//! trims before inserting) and by [`MAX_SEGMENTS`]; beyond that new segments are dropped and
//! the sender retransmits them.

use super::seq;
use alloc::vec::Vec;

/// Most out-of-order segments held at once.
pub const MAX_SEGMENTS: usize = 256;

/// Held segments, each with its starting sequence number.
#[derive(Debug, Default)]
pub struct Reassembly {
    segments: Vec<(u32, Vec<u8>)>,
    bytes: usize,
}

impl Reassembly {
    /// Bytes currently held.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    pub fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }

    /// Holds `data` starting at sequence `start`. Returns false if the queue is full.
    pub fn insert(&mut self, start: u32, data: &[u8]) -> bool {
        if data.is_empty() {
            return true;
        }
        let end = start.wrapping_add(data.len() as u32);
        // Skip exact or covered duplicates: retransmissions are common under loss.
        if self
            .segments
            .iter()
            .any(|(s, d)| seq::le(*s, start) && seq::ge(s.wrapping_add(d.len() as u32), end))
        {
            return true;
        }
        if self.segments.len() >= MAX_SEGMENTS {
            return false;
        }
        self.bytes += data.len();
        self.segments.push((start, data.to_vec()));
        true
    }

    /// Moves every byte that now continues `rcv_nxt` into `out`, returning the new RCV.NXT.
    /// Segments wholly before `rcv_nxt` are discarded.
    pub fn drain_contiguous(&mut self, mut rcv_nxt: u32, out: &mut Vec<u8>) -> u32 {
        loop {
            let mut progressed = false;
            let mut i = 0;
            while i < self.segments.len() {
                let (start, ref data) = self.segments[i];
                let end = start.wrapping_add(data.len() as u32);
                if seq::le(end, rcv_nxt) {
                    self.bytes -= data.len();
                    self.segments.swap_remove(i);
                    continue;
                }
                if seq::le(start, rcv_nxt) {
                    let skip = seq::diff(rcv_nxt, start) as usize;
                    out.extend_from_slice(&data[skip..]);
                    rcv_nxt = end;
                    self.bytes -= data.len();
                    self.segments.swap_remove(i);
                    progressed = true;
                    continue;
                }
                i += 1;
            }
            if !progressed {
                return rcv_nxt;
            }
        }
    }

    /// Forgets everything (connection reset).
    pub fn clear(&mut self) {
        self.segments.clear();
        self.bytes = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_holes_in_any_order() {
        let mut r = Reassembly::default();
        r.insert(110, b"klmno");
        r.insert(105, b"fghij");
        r.insert(105, b"fgh");
        let mut out = Vec::new();
        assert_eq!(r.drain_contiguous(100, &mut out), 100);
        assert!(out.is_empty());
        assert_eq!(r.drain_contiguous(103, &mut out), 103);
        out.extend_from_slice(b"de");
        assert_eq!(r.drain_contiguous(105, &mut out), 115);
        assert_eq!(out, b"defghijklmno");
        assert!(r.is_empty());
        assert_eq!(r.bytes(), 0);
    }

    #[test]
    fn overlapping_segments() {
        let mut r = Reassembly::default();
        r.insert(u32::MAX - 2, b"abcdef");
        r.insert(u32::MAX, b"cdefgh");
        let mut out = Vec::new();
        let next = r.drain_contiguous(u32::MAX - 1, &mut out);
        assert_eq!(out, b"bcdefgh");
        assert_eq!(next, 5);
    }
}
