//! Colours and alpha blending.
//!
//! A colour is one `u32` in the scanout's own pixel format, 0xAARRGGBB, which sits in memory
//! as the bytes B, G, R, A (virtio-gpu `B8G8R8A8`/`B8G8R8X8`). Keeping colours and pixels the
//! same type means an opaque fill is a plain store and a blend never converts formats.
//!
//! Blending is Porter-Duff "source over" with straight (not premultiplied) alpha:
//! `out = src * a + dst * (1 - a)` per channel, and `out_a = a + dst_a * (1 - a)`. The maths is
//! integer-only: two channels at a time in one `u32`, divided by 255 with the usual
//! `(x + (x >> 8)) >> 8` rounding trick, so it is exact to within one step of 255.

/// A colour (and a pixel): 0xAARRGGBB.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub struct Color(pub u32);

impl Color {
    pub const TRANSPARENT: Color = Color(0x0000_0000);
    pub const BLACK: Color = Color(0xff00_0000);
    pub const WHITE: Color = Color(0xffff_ffff);
    pub const RED: Color = Color(0xffff_0000);
    pub const GREEN: Color = Color(0xff00_ff00);
    pub const BLUE: Color = Color(0xff00_00ff);
    pub const GRAY: Color = Color(0xff80_8080);

    /// An opaque colour.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Color {
        Color::rgba(r, g, b, 255)
    }

    /// A colour with straight alpha (`a` = 255 is opaque).
    pub const fn rgba(r: u8, g: u8, b: u8, a: u8) -> Color {
        Color((a as u32) << 24 | (r as u32) << 16 | (g as u32) << 8 | b as u32)
    }

    pub const fn a(self) -> u8 {
        (self.0 >> 24) as u8
    }
    pub const fn r(self) -> u8 {
        (self.0 >> 16) as u8
    }
    pub const fn g(self) -> u8 {
        (self.0 >> 8) as u8
    }
    pub const fn b(self) -> u8 {
        self.0 as u8
    }

    /// The same colour with another alpha.
    pub const fn with_alpha(self, a: u8) -> Color {
        Color(self.0 & 0x00ff_ffff | (a as u32) << 24)
    }

    /// The alpha scaled by a coverage value (0 = invisible, 255 = unchanged), as anti-aliased
    /// edges and glyphs need.
    pub const fn scale_alpha(self, coverage: u8) -> Color {
        let a = div255(self.a() as u32 * coverage as u32);
        self.with_alpha(a as u8)
    }

    /// Mixes two colours: `t` = 0 gives `self`, 255 gives `other` (alpha mixed too).
    pub fn lerp(self, other: Color, t: u8) -> Color {
        let t = t as u32;
        let mix = |a: u8, b: u8| div255(a as u32 * (255 - t) + b as u32 * t) as u8;
        Color::rgba(
            mix(self.r(), other.r()),
            mix(self.g(), other.g()),
            mix(self.b(), other.b()),
            mix(self.a(), other.a()),
        )
    }

    /// Lighter (positive `amount`) or darker (negative) by moving toward white or black.
    pub fn shade(self, amount: i16) -> Color {
        let a = self.a();
        if amount >= 0 {
            self.lerp(Color::WHITE, amount.min(255) as u8).with_alpha(a)
        } else {
            self.lerp(Color::BLACK, (-amount).min(255) as u8)
                .with_alpha(a)
        }
    }

    /// `self` drawn over `dst` ("source over").
    #[inline]
    pub fn over(self, dst: Color) -> Color {
        Color(blend(dst.0, self.0))
    }
}

/// `x / 255` rounded, for `x` up to 255 * 255 * 2.
#[inline]
pub const fn div255(x: u32) -> u32 {
    let x = x + 128;
    (x + (x >> 8)) >> 8
}

/// Blends pixel `src` over pixel `dst` (both 0xAARRGGBB) and returns the result.
#[inline]
pub fn blend(dst: u32, src: u32) -> u32 {
    let a = src >> 24;
    if a == 255 {
        return src;
    }
    if a == 0 {
        return dst;
    }
    let inv = 255 - a;
    // Red and blue side by side.
    let rb = (src & 0x00ff_00ff) * a + (dst & 0x00ff_00ff) * inv + 0x0080_0080;
    let rb = ((rb + ((rb >> 8) & 0x00ff_00ff)) >> 8) & 0x00ff_00ff;
    // Green and alpha; the source's alpha byte is taken as 255 so that the result's alpha is
    // a + dst_a * (1 - a).
    let src_ag = ((src >> 8) & 0x0000_00ff) | 0x00ff_0000;
    let ag = src_ag * a + ((dst >> 8) & 0x00ff_00ff) * inv + 0x0080_0080;
    let ag = (ag + ((ag >> 8) & 0x00ff_00ff)) & 0xff00_ff00;
    rb | ag
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channels_round_trip() {
        let c = Color::rgba(1, 2, 3, 4);
        assert_eq!((c.r(), c.g(), c.b(), c.a()), (1, 2, 3, 4));
        assert_eq!(c.0, 0x0401_0203);
    }

    #[test]
    fn blend_extremes_and_middle() {
        let dst = Color::rgb(0, 0, 0);
        assert_eq!(Color::WHITE.over(dst), Color::WHITE);
        assert_eq!(Color::TRANSPARENT.over(dst), dst);
        let half = Color::rgba(255, 255, 255, 128).over(dst);
        assert_eq!(
            (half.r(), half.g(), half.b(), half.a()),
            (128, 128, 128, 255)
        );
        // Over a transparent destination the alpha accumulates.
        let on_clear = Color::rgba(255, 0, 0, 128).over(Color::TRANSPARENT);
        assert_eq!(on_clear.a(), 128);
    }

    #[test]
    fn blend_matches_exact_formula() {
        for a in [1u32, 17, 100, 200, 254] {
            for (s, d) in [(0u32, 255u32), (255, 0), (100, 37)] {
                let src = Color::rgba(s as u8, s as u8, s as u8, a as u8);
                let dst = Color::rgb(d as u8, d as u8, d as u8);
                let got = src.over(dst).r() as i32;
                let want = ((s * a + d * (255 - a)) as f32 / 255.0).round() as i32;
                assert!(
                    (got - want).abs() <= 1,
                    "a={a} s={s} d={d}: {got} vs {want}"
                );
            }
        }
    }

    #[test]
    fn scale_and_lerp() {
        assert_eq!(Color::WHITE.scale_alpha(0).a(), 0);
        assert_eq!(Color::WHITE.scale_alpha(255).a(), 255);
        assert_eq!(Color::BLACK.lerp(Color::WHITE, 255), Color::WHITE);
        assert_eq!(Color::BLACK.lerp(Color::WHITE, 0), Color::BLACK);
    }
}
