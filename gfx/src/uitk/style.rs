//! The stylesheet: one place that says how every kind of widget looks.
//!
//! A [`Style`] is a small set of colours and metrics. The [`Stylesheet`] holds one per
//! [`Element`] kind, all derived from a [`Palette`] so a theme is a handful of colours. The
//! desktop keeps one global stylesheet and hands it to apps (see [`Palette::to_bytes`], a
//! fixed-size encoding that can cross the system-call boundary); a single widget can still
//! differ through `Ui::override_next`, which replaces the style of the next widget only.

use crate::color::Color;
use crate::font::Font;

/// The kinds of element the stylesheet styles.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Element {
    Label,
    Button,
    TextBox,
    Progress,
    ScrollBar,
    Graph,
    Tooltip,
    Section,
}

/// How one element looks.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Style {
    pub background: Color,
    pub foreground: Color,
    pub border: Color,
    /// Highlights: focus rings, progress fill, selection, graph bars.
    pub accent: Color,
    /// Text colour on the accent colour.
    pub on_accent: Color,
    pub radius: i32,
    pub padding: i32,
    pub font_px: u16,
    pub bold: bool,
}

impl Style {
    /// The font this style asks for.
    pub fn font(&self) -> Font<'static> {
        if self.bold {
            Font::bold(self.font_px)
        } else {
            Font::sans(self.font_px)
        }
    }

    /// The same style with another background (for hover and pressed states).
    pub fn with_background(mut self, c: Color) -> Style {
        self.background = c;
        self
    }
}

/// The colours a theme is made of.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Palette {
    pub window: Color,
    pub surface: Color,
    pub text: Color,
    pub muted: Color,
    pub border: Color,
    pub accent: Color,
    pub on_accent: Color,
    pub tooltip: Color,
}

impl Palette {
    pub const LIGHT: Palette = Palette {
        window: Color::rgb(243, 244, 247),
        surface: Color::rgb(255, 255, 255),
        text: Color::rgb(28, 30, 36),
        muted: Color::rgb(110, 115, 125),
        border: Color::rgb(196, 200, 208),
        accent: Color::rgb(51, 110, 220),
        on_accent: Color::rgb(255, 255, 255),
        tooltip: Color::rgb(40, 42, 48),
    };

    pub const DARK: Palette = Palette {
        window: Color::rgb(32, 34, 40),
        surface: Color::rgb(44, 47, 54),
        text: Color::rgb(228, 230, 236),
        muted: Color::rgb(150, 155, 165),
        border: Color::rgb(70, 74, 84),
        accent: Color::rgb(92, 148, 255),
        on_accent: Color::rgb(16, 18, 22),
        tooltip: Color::rgb(240, 240, 232),
    };

    /// Eight colours as 32 bytes (little-endian 0xAARRGGBB each).
    pub fn to_bytes(&self) -> [u8; 32] {
        let mut out = [0u8; 32];
        for (i, c) in self.colors().iter().enumerate() {
            out[i * 4..i * 4 + 4].copy_from_slice(&c.0.to_le_bytes());
        }
        out
    }

    /// Reads [`Palette::to_bytes`]' encoding; `None` if `bytes` is not 32 bytes long.
    pub fn from_bytes(bytes: &[u8]) -> Option<Palette> {
        if bytes.len() != 32 {
            return None;
        }
        let c = |i: usize| {
            let mut b = [0u8; 4];
            b.copy_from_slice(&bytes[i * 4..i * 4 + 4]);
            Color(u32::from_le_bytes(b))
        };
        Some(Palette {
            window: c(0),
            surface: c(1),
            text: c(2),
            muted: c(3),
            border: c(4),
            accent: c(5),
            on_accent: c(6),
            tooltip: c(7),
        })
    }

    fn colors(&self) -> [Color; 8] {
        [
            self.window,
            self.surface,
            self.text,
            self.muted,
            self.border,
            self.accent,
            self.on_accent,
            self.tooltip,
        ]
    }
}

/// One style per element kind.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Stylesheet {
    pub palette: Palette,
    pub label: Style,
    pub button: Style,
    pub text_box: Style,
    pub progress: Style,
    pub scroll_bar: Style,
    pub graph: Style,
    pub tooltip: Style,
    pub section: Style,
}

impl Stylesheet {
    /// Derives every element's style from a palette.
    pub fn from_palette(p: Palette) -> Stylesheet {
        let base = Style {
            background: p.surface,
            foreground: p.text,
            border: p.border,
            accent: p.accent,
            on_accent: p.on_accent,
            radius: 4,
            padding: 6,
            font_px: 14,
            bold: false,
        };
        Stylesheet {
            palette: p,
            label: Style {
                background: Color::TRANSPARENT,
                padding: 0,
                ..base
            },
            button: Style {
                background: p.surface,
                radius: 5,
                ..base
            },
            text_box: Style {
                radius: 3,
                padding: 4,
                ..base
            },
            progress: Style {
                background: p.window.lerp(p.border, 140),
                radius: 4,
                ..base
            },
            scroll_bar: Style {
                background: p.window.shade(-8),
                foreground: p.muted,
                radius: 4,
                ..base
            },
            graph: Style {
                background: p.surface,
                foreground: p.muted,
                font_px: 12,
                ..base
            },
            tooltip: Style {
                background: p.tooltip,
                foreground: p.window,
                border: p.tooltip,
                font_px: 12,
                padding: 4,
                ..base
            },
            section: Style {
                background: Color::TRANSPARENT,
                foreground: p.muted,
                font_px: 12,
                ..base
            },
        }
    }

    pub fn light() -> Stylesheet {
        Stylesheet::from_palette(Palette::LIGHT)
    }

    pub fn dark() -> Stylesheet {
        Stylesheet::from_palette(Palette::DARK)
    }

    /// The style of one element kind.
    pub fn get(&self, element: Element) -> Style {
        match element {
            Element::Label => self.label,
            Element::Button => self.button,
            Element::TextBox => self.text_box,
            Element::Progress => self.progress,
            Element::ScrollBar => self.scroll_bar,
            Element::Graph => self.graph,
            Element::Tooltip => self.tooltip,
            Element::Section => self.section,
        }
    }
}

impl Default for Stylesheet {
    fn default() -> Stylesheet {
        Stylesheet::light()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn palette_round_trips_through_bytes() {
        let bytes = Palette::DARK.to_bytes();
        assert_eq!(Palette::from_bytes(&bytes), Some(Palette::DARK));
        assert_eq!(Palette::from_bytes(&bytes[..31]), None);
    }
}
