//! The embedded faces: one constructor per baked file.
//!
//! Each atlas is a `static` referenced only from its own constructor, so an app that names
//! the sizes it uses (or calls [`Font::sans`] and friends with a constant, which inline to
//! one of them) links only those atlases; the linker drops the others (100-200 KB each).
//! A caller that picks sizes at run time, like the stylesheet, keeps every size of that
//! family.

use super::Font;

pub(super) static SANS_12: &[u8] = include_bytes!("../../../fonts/sans-12.gfxfont");
pub(super) static SANS_14: &[u8] = include_bytes!("../../../fonts/sans-14.gfxfont");
pub(super) static SANS_16: &[u8] = include_bytes!("../../../fonts/sans-16.gfxfont");
pub(super) static SANS_20: &[u8] = include_bytes!("../../../fonts/sans-20.gfxfont");
pub(super) static SANS_24: &[u8] = include_bytes!("../../../fonts/sans-24.gfxfont");
pub(super) static BOLD_16: &[u8] = include_bytes!("../../../fonts/bold-16.gfxfont");
pub(super) static BOLD_20: &[u8] = include_bytes!("../../../fonts/bold-20.gfxfont");
pub(super) static BOLD_24: &[u8] = include_bytes!("../../../fonts/bold-24.gfxfont");
pub(super) static MONO_14: &[u8] = include_bytes!("../../../fonts/mono-14.gfxfont");
pub(super) static MONO_16: &[u8] = include_bytes!("../../../fonts/mono-16.gfxfont");

/// A font from one of the embedded files (an empty font should a file ever be damaged).
#[inline]
fn embedded(bytes: &'static [u8], px: u16) -> Font<'static> {
    Font::parse(bytes).unwrap_or_else(|_| Font::empty(px))
}

impl Font<'static> {
    /// DejaVu Sans at the embedded size nearest to `px` (12, 14, 16, 20 or 24; ties go to
    /// the smaller). Called with a constant, it links only that size's atlas.
    #[inline]
    pub fn sans(px: u16) -> Font<'static> {
        match px {
            0..=13 => Font::sans_12(),
            14..=15 => Font::sans_14(),
            16..=18 => Font::sans_16(),
            19..=22 => Font::sans_20(),
            _ => Font::sans_24(),
        }
    }

    /// DejaVu Sans Bold (16 px is the only size embedded).
    #[inline]
    pub fn bold(_px: u16) -> Font<'static> {
        Font::bold_16()
    }

    /// DejaVu Sans Mono at the embedded size nearest to `px` (14 or 16).
    #[inline]
    pub fn mono(px: u16) -> Font<'static> {
        if px <= 15 {
            Font::mono_14()
        } else {
            Font::mono_16()
        }
    }

    // One constructor per embedded file: an app that names its sizes links only those
    // atlases (the linker drops the others).

    #[inline]
    pub fn sans_12() -> Font<'static> {
        embedded(SANS_12, 12)
    }
    #[inline]
    pub fn sans_14() -> Font<'static> {
        embedded(SANS_14, 14)
    }
    #[inline]
    pub fn sans_16() -> Font<'static> {
        embedded(SANS_16, 16)
    }
    #[inline]
    pub fn sans_20() -> Font<'static> {
        embedded(SANS_20, 20)
    }
    #[inline]
    pub fn sans_24() -> Font<'static> {
        embedded(SANS_24, 24)
    }
    #[inline]
    pub fn bold_16() -> Font<'static> {
        embedded(BOLD_16, 16)
    }
    /// DejaVu Sans Bold 20 px (headings; only apps that name it link it).
    #[inline]
    pub fn bold_20() -> Font<'static> {
        embedded(BOLD_20, 20)
    }
    /// DejaVu Sans Bold 24 px (headings; only apps that name it link it).
    #[inline]
    pub fn bold_24() -> Font<'static> {
        embedded(BOLD_24, 24)
    }
    #[inline]
    pub fn mono_14() -> Font<'static> {
        embedded(MONO_14, 14)
    }
    #[inline]
    pub fn mono_16() -> Font<'static> {
        embedded(MONO_16, 16)
    }
}
