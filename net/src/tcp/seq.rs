//! Sequence-number arithmetic (RFC 9293 §3.4): numbers live on a 2^32 circle, so "less
//! than" means "less than by under half the circle". Every comparison of sequence or
//! acknowledgment numbers in the stack goes through these helpers.

/// `a < b` modulo 2^32.
pub fn lt(a: u32, b: u32) -> bool {
    (a.wrapping_sub(b) as i32) < 0
}

/// `a <= b` modulo 2^32.
pub fn le(a: u32, b: u32) -> bool {
    (a.wrapping_sub(b) as i32) <= 0
}

/// `a > b` modulo 2^32.
pub fn gt(a: u32, b: u32) -> bool {
    lt(b, a)
}

/// `a >= b` modulo 2^32.
pub fn ge(a: u32, b: u32) -> bool {
    le(b, a)
}

/// Distance from `from` forward to `to` (callers make sure `from <= to`).
pub fn diff(to: u32, from: u32) -> u32 {
    to.wrapping_sub(from)
}

/// The larger of two sequence numbers.
pub fn max(a: u32, b: u32) -> u32 {
    if gt(a, b) {
        a
    } else {
        b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_around() {
        assert!(lt(0xffff_fff0, 0x10));
        assert!(gt(0x10, 0xffff_fff0));
        assert!(le(5, 5) && ge(5, 5));
        assert_eq!(diff(0x10, 0xffff_fff0), 0x20);
        assert_eq!(max(0xffff_fff0, 3), 3);
    }
}
