//! The shared stylesheet, from the text the kernel hands out to a [`Stylesheet`].
//!
//! `sys.stylesheet` copies a text of `name = value` lines. The SDK reads:
//!
//! ```text
//! # comments and blank lines are ignored
//! theme = dark                 # light or dark: the palette to start from
//! accent = #5c94ff             # any palette colour: window, surface, text, muted,
//! window = #ff202228           #   border, accent, on_accent, tooltip (#rrggbb or #aarrggbb)
//! ```
//!
//! Unknown names and malformed values are skipped (a newer desktop may say more than this
//! SDK understands); whatever is not mentioned keeps the theme's value. Every widget style
//! is then derived from the palette by [`Stylesheet::from_palette`].

use gfx::uitk::{Palette, Stylesheet};
use gfx::Color;

/// Reads `#rrggbb` (opaque) or `#aarrggbb`.
pub fn parse_color(value: &str) -> Option<Color> {
    let hex = value.strip_prefix('#')?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let n = u32::from_str_radix(hex, 16).ok()?;
    match hex.len() {
        6 => Some(Color(0xff00_0000 | n)),
        8 => Some(Color(n)),
        _ => None,
    }
}

/// The palette a stylesheet text describes.
pub fn parse_palette(text: &str) -> Palette {
    let mut palette = Palette::LIGHT;
    for line in text.lines() {
        // A line is `name = value`, then anything (a trailing comment) after whitespace.
        if line.trim_start().starts_with('#') {
            continue;
        }
        let Some((name, rest)) = line.split_once('=') else {
            continue;
        };
        let name = name.trim();
        let value = rest.split_whitespace().next().unwrap_or("");
        if name == "theme" {
            match value {
                "dark" => palette = Palette::DARK,
                "light" => palette = Palette::LIGHT,
                _ => {}
            }
            continue;
        }
        let Some(color) = parse_color(value) else {
            continue;
        };
        let slot = match name {
            "window" => &mut palette.window,
            "surface" => &mut palette.surface,
            "text" => &mut palette.text,
            "muted" => &mut palette.muted,
            "border" => &mut palette.border,
            "accent" => &mut palette.accent,
            "on_accent" => &mut palette.on_accent,
            "tooltip" => &mut palette.tooltip,
            _ => continue,
        };
        *slot = color;
    }
    palette
}

/// The stylesheet a text describes.
pub fn parse(text: &str) -> Stylesheet {
    Stylesheet::from_palette(parse_palette(text))
}

/// The system's stylesheet, or the light theme when the kernel has none.
pub fn load() -> Stylesheet {
    crate::system::stylesheet_text()
        .map(|text| parse(&text))
        .unwrap_or_default()
}
