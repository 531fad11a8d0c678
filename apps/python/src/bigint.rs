//! Arbitrary-precision integers.
//!
//! Python's `int` has no size limit. The VM keeps small values in an `i64` and only moves to
//! this type when an operation overflows, so most programs never allocate here. A `BigInt` is
//! a sign and a magnitude of base-2^32 limbs, least significant first, with no trailing zero
//! limbs (zero is the empty magnitude and is never negative). Division rounds toward negative
//! infinity as Python's `//` and `%` do (Python Language Reference §6.7); bitwise operators
//! act on the infinite two's-complement form (§6.9).

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::cmp::Ordering;

/// A signed integer of any size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BigInt {
    neg: bool,
    mag: Vec<u32>,
}

fn trim(mag: &mut Vec<u32>) {
    while mag.last() == Some(&0) {
        mag.pop();
    }
}

fn cmp_mag(a: &[u32], b: &[u32]) -> Ordering {
    if a.len() != b.len() {
        return a.len().cmp(&b.len());
    }
    for i in (0..a.len()).rev() {
        if a[i] != b[i] {
            return a[i].cmp(&b[i]);
        }
    }
    Ordering::Equal
}

fn add_mag(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let mut out = Vec::with_capacity(long.len() + 1);
    let mut carry = 0u64;
    for i in 0..long.len() {
        let s = long[i] as u64 + *short.get(i).unwrap_or(&0) as u64 + carry;
        out.push(s as u32);
        carry = s >> 32;
    }
    if carry != 0 {
        out.push(carry as u32);
    }
    out
}

/// `a - b` where `a >= b` in magnitude.
fn sub_mag(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len());
    let mut borrow = 0i64;
    for i in 0..a.len() {
        let mut d = a[i] as i64 - *b.get(i).unwrap_or(&0) as i64 - borrow;
        borrow = 0;
        if d < 0 {
            d += 1 << 32;
            borrow = 1;
        }
        out.push(d as u32);
    }
    trim(&mut out);
    out
}

fn mul_mag(a: &[u32], b: &[u32]) -> Vec<u32> {
    if a.is_empty() || b.is_empty() {
        return Vec::new();
    }
    let mut out = vec![0u32; a.len() + b.len()];
    for (i, &x) in a.iter().enumerate() {
        let mut carry = 0u64;
        for (j, &y) in b.iter().enumerate() {
            let t = x as u64 * y as u64 + out[i + j] as u64 + carry;
            out[i + j] = t as u32;
            carry = t >> 32;
        }
        let mut k = i + b.len();
        while carry != 0 && k < out.len() {
            let t = out[k] as u64 + carry;
            out[k] = t as u32;
            carry = t >> 32;
            k += 1;
        }
    }
    trim(&mut out);
    out
}

/// Divides by one limb, returning (quotient, remainder).
fn divmod_small(a: &[u32], d: u32) -> (Vec<u32>, u32) {
    let mut q = vec![0u32; a.len()];
    let mut rem = 0u64;
    for i in (0..a.len()).rev() {
        let cur = (rem << 32) | a[i] as u64;
        q[i] = (cur / d as u64) as u32;
        rem = cur % d as u64;
    }
    trim(&mut q);
    (q, rem as u32)
}

/// Knuth's algorithm D (TAOCP vol. 2 §4.3.1): truncating magnitude division, `b` non-empty.
fn divmod_mag(a: &[u32], b: &[u32]) -> (Vec<u32>, Vec<u32>) {
    if cmp_mag(a, b) == Ordering::Less {
        return (Vec::new(), a.to_vec());
    }
    if b.len() == 1 {
        let (q, r) = divmod_small(a, b[0]);
        let mut r = vec![r];
        trim(&mut r);
        return (q, r);
    }
    let shift = b[b.len() - 1].leading_zeros();
    let v = shl_mag(b, shift as usize);
    let mut u = shl_mag(a, shift as usize);
    if u.len() == a.len() {
        u.push(0);
    }
    let n = v.len();
    let m = u.len() - n;
    let mut q = vec![0u32; m];
    let base = 1u64 << 32;
    for j in (0..m).rev() {
        let num = ((u[j + n] as u64) << 32) | u[j + n - 1] as u64;
        let mut qhat = num / v[n - 1] as u64;
        let mut rhat = num % v[n - 1] as u64;
        while qhat >= base || qhat * v[n - 2] as u64 > ((rhat << 32) | u[j + n - 2] as u64) {
            qhat -= 1;
            rhat += v[n - 1] as u64;
            if rhat >= base {
                break;
            }
        }
        let mut borrow = 0i64;
        let mut carry = 0u64;
        for i in 0..n {
            let p = qhat * v[i] as u64 + carry;
            carry = p >> 32;
            let t = u[i + j] as i64 - borrow - (p & 0xffff_ffff) as i64;
            u[i + j] = t as u32;
            borrow = if t < 0 { 1 } else { 0 };
        }
        let t = u[j + n] as i64 - borrow - carry as i64;
        u[j + n] = t as u32;
        if t < 0 {
            qhat -= 1;
            let mut c = 0u64;
            for i in 0..n {
                let s = u[i + j] as u64 + v[i] as u64 + c;
                u[i + j] = s as u32;
                c = s >> 32;
            }
            u[j + n] = u[j + n].wrapping_add(c as u32);
        }
        q[j] = qhat as u32;
    }
    trim(&mut q);
    u.truncate(n);
    let mut r = shr_mag(&u, shift as usize);
    trim(&mut r);
    (q, r)
}

fn shl_mag(a: &[u32], bits: usize) -> Vec<u32> {
    let limbs = bits / 32;
    let bits = bits % 32;
    let mut out = vec![0u32; limbs];
    if bits == 0 {
        out.extend_from_slice(a);
    } else {
        let mut carry = 0u32;
        for &x in a {
            out.push((x << bits) | carry);
            carry = x >> (32 - bits);
        }
        if carry != 0 {
            out.push(carry);
        }
    }
    trim(&mut out);
    out
}

fn shr_mag(a: &[u32], bits: usize) -> Vec<u32> {
    let limbs = bits / 32;
    if limbs >= a.len() {
        return Vec::new();
    }
    let bits = bits % 32;
    let src = &a[limbs..];
    let mut out = Vec::with_capacity(src.len());
    for i in 0..src.len() {
        let lo = src[i] >> bits;
        let hi = if bits == 0 {
            0
        } else {
            src.get(i + 1).map_or(0, |&h| h << (32 - bits))
        };
        out.push(lo | hi);
    }
    trim(&mut out);
    out
}

impl BigInt {
    pub fn zero() -> BigInt {
        BigInt {
            neg: false,
            mag: Vec::new(),
        }
    }

    fn from_parts(neg: bool, mut mag: Vec<u32>) -> BigInt {
        trim(&mut mag);
        let neg = neg && !mag.is_empty();
        BigInt { neg, mag }
    }

    pub fn from_i64(v: i64) -> BigInt {
        let neg = v < 0;
        let m = v.unsigned_abs();
        BigInt::from_parts(neg, vec![m as u32, (m >> 32) as u32])
    }

    pub fn from_u128(neg: bool, m: u128) -> BigInt {
        BigInt::from_parts(
            neg,
            vec![
                m as u32,
                (m >> 32) as u32,
                (m >> 64) as u32,
                (m >> 96) as u32,
            ],
        )
    }

    /// The value as an `i64`, if it fits.
    pub fn to_i64(&self) -> Option<i64> {
        if self.mag.len() > 2 {
            return None;
        }
        let m = self.mag.first().copied().unwrap_or(0) as u64
            | (self.mag.get(1).copied().unwrap_or(0) as u64) << 32;
        if self.neg {
            if m <= i64::MAX as u64 + 1 {
                Some((m as i64).wrapping_neg())
            } else {
                None
            }
        } else if m <= i64::MAX as u64 {
            Some(m as i64)
        } else {
            None
        }
    }

    pub fn is_zero(&self) -> bool {
        self.mag.is_empty()
    }

    pub fn is_negative(&self) -> bool {
        self.neg
    }

    /// Parses digits (no sign, no prefix, underscores already removed) in `radix`.
    pub fn parse_digits(digits: &str, radix: u32) -> Option<BigInt> {
        if digits.is_empty() {
            return None;
        }
        let mut mag: Vec<u32> = Vec::new();
        for c in digits.chars() {
            let d = c.to_digit(radix)?;
            let mut carry = d as u64;
            for limb in mag.iter_mut() {
                let t = *limb as u64 * radix as u64 + carry;
                *limb = t as u32;
                carry = t >> 32;
            }
            if carry != 0 {
                mag.push(carry as u32);
            }
        }
        Some(BigInt::from_parts(false, mag))
    }

    pub fn neg(&self) -> BigInt {
        BigInt::from_parts(!self.neg, self.mag.clone())
    }

    pub fn abs(&self) -> BigInt {
        BigInt::from_parts(false, self.mag.clone())
    }

    pub fn add(&self, o: &BigInt) -> BigInt {
        if self.neg == o.neg {
            return BigInt::from_parts(self.neg, add_mag(&self.mag, &o.mag));
        }
        match cmp_mag(&self.mag, &o.mag) {
            Ordering::Less => BigInt::from_parts(o.neg, sub_mag(&o.mag, &self.mag)),
            _ => BigInt::from_parts(self.neg, sub_mag(&self.mag, &o.mag)),
        }
    }

    pub fn sub(&self, o: &BigInt) -> BigInt {
        self.add(&o.neg())
    }

    pub fn mul(&self, o: &BigInt) -> BigInt {
        BigInt::from_parts(self.neg != o.neg, mul_mag(&self.mag, &o.mag))
    }

    /// Floor division and modulo; `None` when dividing by zero.
    pub fn divmod(&self, o: &BigInt) -> Option<(BigInt, BigInt)> {
        if o.is_zero() {
            return None;
        }
        let (q, r) = divmod_mag(&self.mag, &o.mag);
        let mut q = BigInt::from_parts(self.neg != o.neg, q);
        let mut r = BigInt::from_parts(self.neg, r);
        if !r.is_zero() && r.neg != o.neg {
            q = q.sub(&BigInt::from_i64(1));
            r = r.add(o);
        }
        Some((q, r))
    }

    pub fn pow(&self, mut exp: u64) -> BigInt {
        let mut base = self.clone();
        let mut acc = BigInt::from_i64(1);
        while exp > 0 {
            if exp & 1 == 1 {
                acc = acc.mul(&base);
            }
            exp >>= 1;
            if exp > 0 {
                base = base.mul(&base);
            }
        }
        acc
    }

    pub fn bit_length(&self) -> u64 {
        match self.mag.last() {
            None => 0,
            Some(&top) => (self.mag.len() as u64 - 1) * 32 + (32 - top.leading_zeros() as u64),
        }
    }

    pub fn shl(&self, bits: usize) -> BigInt {
        BigInt::from_parts(self.neg, shl_mag(&self.mag, bits))
    }

    /// Arithmetic shift right (rounds toward negative infinity).
    pub fn shr(&self, bits: usize) -> BigInt {
        if !self.neg {
            return BigInt::from_parts(false, shr_mag(&self.mag, bits));
        }
        // -((|x| - 1) >> n) - 1
        let m1 = self.abs().sub(&BigInt::from_i64(1));
        let s = BigInt::from_parts(false, shr_mag(&m1.mag, bits));
        s.neg().sub(&BigInt::from_i64(1))
    }

    /// Two's-complement limbs of width `n` limbs.
    fn twos(&self, n: usize) -> Vec<u32> {
        let mut out = self.mag.clone();
        out.resize(n, 0);
        if self.neg {
            let mut carry = 1u64;
            for limb in out.iter_mut() {
                let t = (!*limb) as u64 + carry;
                *limb = t as u32;
                carry = t >> 32;
            }
        }
        out
    }

    fn from_twos(mut limbs: Vec<u32>) -> BigInt {
        let neg = limbs.last().is_some_and(|&t| t & 0x8000_0000 != 0);
        if neg {
            let mut carry = 1u64;
            for limb in limbs.iter_mut() {
                let t = (!*limb) as u64 + carry;
                *limb = t as u32;
                carry = t >> 32;
            }
        }
        BigInt::from_parts(neg, limbs)
    }

    /// Applies a bitwise operator limb by limb on the two's-complement forms.
    pub fn bitwise(&self, o: &BigInt, f: fn(u32, u32) -> u32) -> BigInt {
        let n = self.mag.len().max(o.mag.len()) + 1;
        let a = self.twos(n);
        let b = o.twos(n);
        BigInt::from_twos(a.iter().zip(b.iter()).map(|(&x, &y)| f(x, y)).collect())
    }

    pub fn to_f64(&self) -> f64 {
        // Round correctly by taking the top 64 significant bits plus a sticky bit.
        let bits = self.bit_length();
        let v = if bits <= 64 {
            let m = self.mag.first().copied().unwrap_or(0) as u64
                | (self.mag.get(1).copied().unwrap_or(0) as u64) << 32;
            m as f64
        } else {
            let shift = bits - 64;
            let top = BigInt::from_parts(false, shr_mag(&self.mag, shift as usize));
            let mut m = top.mag.first().copied().unwrap_or(0) as u64
                | (top.mag.get(1).copied().unwrap_or(0) as u64) << 32;
            let back = shl_mag(&top.mag, shift as usize);
            if cmp_mag(&back, &self.mag) != Ordering::Equal {
                m |= 1;
            }
            // Round to 53 bits by hand (ties to even) to avoid double rounding.
            let lz = 11u32;
            let keep = m >> lz;
            let rest = m & ((1 << lz) - 1);
            let half = 1 << (lz - 1);
            let mut mant = keep;
            if rest > half || (rest == half && keep & 1 == 1) {
                mant += 1;
            }
            let exp = shift as i32 + lz as i32;
            if exp > 1100 {
                f64::INFINITY
            } else {
                mant as f64 * libm::pow(2.0, exp as f64)
            }
        };
        if self.neg {
            -v
        } else {
            v
        }
    }

    /// The integer part of a finite float.
    pub fn from_f64(f: f64) -> BigInt {
        let neg = f < 0.0;
        let mut f = libm::trunc(f.abs());
        if f < 1.8e19 {
            return BigInt::from_u128(neg, f as u128);
        }
        let mut exp = 0usize;
        while f >= 9.0e15 {
            f /= 2.0;
            exp += 1;
        }
        let m = BigInt::from_u128(false, f as u128);
        let mut r = m.shl(exp);
        r.neg = neg;
        r
    }

    pub fn to_string_radix(&self, radix: u32) -> String {
        if self.mag.is_empty() {
            return String::from("0");
        }
        let (chunk, per) = match radix {
            10 => (1_000_000_000u32, 9),
            16 => (1 << 28, 7),
            8 => (1 << 30, 10),
            _ => (1 << 31, 31),
        };
        let mut parts: Vec<u32> = Vec::new();
        let mut cur = self.mag.clone();
        while !cur.is_empty() {
            let (q, r) = divmod_small(&cur, chunk);
            parts.push(r);
            cur = q;
        }
        let mut s = String::new();
        if self.neg {
            s.push('-');
        }
        for (i, &p) in parts.iter().rev().enumerate() {
            let mut digits = [0u8; 32];
            let mut v = p;
            for d in digits[..per].iter_mut().rev() {
                *d = b"0123456789abcdef"[(v % radix) as usize];
                v /= radix;
            }
            let text = core::str::from_utf8(&digits[..per]).unwrap_or("");
            if i == 0 {
                s.push_str(text.trim_start_matches('0'));
            } else {
                s.push_str(text);
            }
        }
        s
    }

    /// Hash modulo the Mersenne prime 2^61-1, as CPython does for ints.
    pub fn hash(&self) -> i64 {
        const P: u128 = (1 << 61) - 1;
        let mut h: u128 = 0;
        for &limb in self.mag.iter().rev() {
            h = ((h << 32) | limb as u128) % P;
        }
        let h = h as i64;
        let h = if self.neg { -h } else { h };
        if h == -1 {
            -2
        } else {
            h
        }
    }

    pub fn cmp(&self, o: &BigInt) -> Ordering {
        match (self.neg, o.neg) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => cmp_mag(&self.mag, &o.mag),
            (true, true) => cmp_mag(&o.mag, &self.mag),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(s: &str) -> BigInt {
        let (neg, d) = match s.strip_prefix('-') {
            Some(d) => (true, d),
            None => (false, s),
        };
        let b = BigInt::parse_digits(d, 10).unwrap();
        if neg {
            b.neg()
        } else {
            b
        }
    }

    #[test]
    fn arithmetic_round_trips() {
        let a = big("123456789012345678901234567890");
        let b = big("-987654321098765432");
        assert_eq!(
            a.mul(&b).to_string_radix(10),
            "-121932631137021795212620027521140070120989178480"
        );
        let (q, r) = a.divmod(&b).unwrap();
        assert_eq!(q.mul(&b).add(&r), a);
        assert_eq!(q.to_string_radix(10), "-124999998861");
        assert_eq!(
            big("2").pow(100).to_string_radix(16),
            "10000000000000000000000000"
        );
        assert_eq!(big("-5").shr(1).to_i64(), Some(-3));
    }
}
