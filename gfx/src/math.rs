//! Square roots and rounding that are cheap inside a WASM interpreter.
//!
//! `gfx` is `no_std`, so `f32::sqrt` is not available and `libm` is used instead. On
//! wasm32 `libm` cannot reach the `f32.sqrt` instruction on stable Rust and falls back to a
//! bit-by-bit software square root: hundreds of interpreted instructions, paid for every
//! anti-aliased pixel. [`sqrtf`] here gives the same, correctly rounded result (IEEE 754
//! §5.4.1 requires `squareRoot` to be correctly rounded, and `libm`'s is) in about thirty
//! instructions:
//!
//! 1. a first guess from the exponent bits (halving the exponent), good to about 4 bits;
//! 2. three Newton steps `y = (y + x / y) / 2` in `f64`, each doubling the correct bits;
//! 3. a final check in exact arithmetic: rounding to `f32` is correct when `x` lies between
//!    the squares of the two midpoints around the result. A midpoint has 25 significant bits,
//!    so its square (50 bits) is exact in `f64`; a result one step off is moved one step.
//!
//! The rounding helpers turn an `f64` into the `i32` column or row it falls in without the
//! software `floor`/`ceil` (the callers' values are far inside the `i32` range).

/// The square root of `x`, bit for bit what `libm::sqrtf` returns.
pub(crate) fn sqrtf(x: f32) -> f32 {
    if !x.is_normal() || x < 0.0 {
        // Zero, subnormals, infinities, NaN and negatives: rare, leave them to libm.
        return libm::sqrtf(x);
    }
    let wide = x as f64;
    let mut y = f64::from_bits((wide.to_bits() >> 1) + 0x1ff8_0000_0000_0000);
    for _ in 0..3 {
        y = 0.5 * (y + wide / y);
    }
    let r = y as f32;
    let bits = r.to_bits();
    let (up, down) = (f32::from_bits(bits + 1), f32::from_bits(bits - 1));
    let (r64, up64, down64) = (r as f64, up as f64, down as f64);
    let high = 0.5 * (r64 + up64);
    let low = 0.5 * (r64 + down64);
    if wide > high * high {
        up
    } else if wide < low * low {
        down
    } else {
        r
    }
}

/// An approximate square root of `x` >= 0 for geometry, within 1e-12 relative.
pub(crate) fn sqrt(x: f64) -> f64 {
    if x <= 0.0 || !x.is_finite() {
        return if x == 0.0 { 0.0 } else { libm::sqrt(x) };
    }
    let mut y = f64::from_bits((x.to_bits() >> 1) + 0x1ff8_0000_0000_0000);
    for _ in 0..4 {
        y = 0.5 * (y + x / y);
    }
    y
}

/// `floor(v)`, bit for bit what `libm::floorf` returns.
pub(crate) fn floorf(v: f32) -> f32 {
    if v.is_nan() || v.abs() >= 8_388_608.0 {
        return libm::floorf(v); // 2^23 and beyond are whole already
    }
    let t = v as i32;
    let f = if (t as f32) > v { t - 1 } else { t };
    if f == 0 && v.is_sign_negative() {
        -0.0
    } else {
        f as f32
    }
}

/// `floor(v)` as an `i32` (saturating).
pub(crate) fn floor_i32(v: f64) -> i32 {
    let t = v as i32;
    if (t as f64) > v {
        t.saturating_sub(1)
    } else {
        t
    }
}

/// `ceil(v)` as an `i32` (saturating).
pub(crate) fn ceil_i32(v: f64) -> i32 {
    let t = v as i32;
    if (t as f64) < v {
        t.saturating_add(1)
    } else {
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqrtf_matches_libm_bit_for_bit() {
        // Every f32 in a few binades, then a spread of values across the whole range.
        let ranges = [(1.0f32, 4.0f32), (0.25, 0.5), (65536.0, 131072.0)];
        for (lo, hi) in ranges {
            let (mut b, end) = (lo.to_bits(), hi.to_bits());
            while b < end {
                let x = f32::from_bits(b);
                assert_eq!(sqrtf(x).to_bits(), libm::sqrtf(x).to_bits(), "{x}");
                b += 7;
            }
        }
        let mut state = 0x1234_5678u32;
        for _ in 0..200_000 {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            let x = f32::from_bits(state & 0x7fff_ffff);
            assert_eq!(sqrtf(x).to_bits(), libm::sqrtf(x).to_bits(), "{x}");
        }
        for x in [
            0.0,
            -0.0,
            -1.0,
            f32::INFINITY,
            f32::NAN,
            1e-40,
            f32::MAX,
            f32::MIN_POSITIVE,
        ] {
            assert_eq!(sqrtf(x).to_bits(), libm::sqrtf(x).to_bits(), "{x}");
        }
    }

    #[test]
    fn sqrt_and_rounding() {
        for x in [1e-9, 0.5, 2.0, 1e6, 1.7e9, 4.2e12] {
            let want = libm::sqrt(x);
            assert!(((sqrt(x) - want) / want).abs() < 1e-12, "{x}");
        }
        assert_eq!(sqrt(0.0), 0.0);
        for v in [-2.5, -2.0, -0.5, -0.0, 0.0, 0.5, 2.0, 2.5, 1e9, -1e9] {
            assert_eq!(floor_i32(v), libm::floor(v) as i32, "{v}");
            assert_eq!(ceil_i32(v), libm::ceil(v) as i32, "{v}");
        }
        assert_eq!(floor_i32(1e12), i32::MAX);
        assert_eq!(ceil_i32(-1e12), i32::MIN);
        for v in [
            -2.5f32,
            -2.0,
            -0.7,
            -0.0,
            0.0,
            0.3,
            3.0,
            3.9,
            1e7,
            -1e7,
            1e30,
            f32::NAN,
        ] {
            assert_eq!(floorf(v).to_bits(), libm::floorf(v).to_bits(), "{v}");
        }
    }
}
