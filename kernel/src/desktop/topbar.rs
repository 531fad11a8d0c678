//! The top bar: the system's name, the clock, and the frame-rate and memory gauges.
//!
//! It is redrawn only when its text changes (once a second, when the clock ticks), so an idle
//! desktop sends nothing to the GPU between ticks.

use alloc::format;
use alloc::string::String;
use gfx::{Color, Font, Rect, Surface};

/// Height of the bar in pixels.
pub const HEIGHT: i32 = 28;

const BACKGROUND: Color = Color::rgba(0x0c, 0x10, 0x1c, 0xd8);
const TEXT: Color = Color::rgb(0xe8, 0xec, 0xf4);
const DIM: Color = Color::rgb(0xa0, 0xa8, 0xbc);
const ACCENT: Color = Color::rgb(0x7c, 0xc4, 0xff);

/// What the bar shows.
#[derive(Clone, PartialEq, Default, Debug)]
pub struct Status {
    /// "Tue 24 Nov 21:12:23".
    pub clock: String,
    pub fps: u32,
    /// Frame work time in tenths of a millisecond.
    pub frame_tenths_ms: u32,
    pub memory_used_mib: u32,
    pub memory_total_mib: u32,
}

/// Draws the bar across the top of `surface` (whose content under the bar is already the
/// wallpaper).
pub fn draw(surface: &mut Surface, status: &Status) {
    let width = surface.width();
    let bar = Rect::new(0, 0, width, HEIGHT);
    surface.blend_rect(bar, BACKGROUND);
    surface.fill_rect(
        Rect::new(0, HEIGHT - 1, width, 1),
        Color::rgba(0xff, 0xff, 0xff, 0x20),
    );
    let bold = Font::bold(16);
    let text = Font::sans(14);
    let top = (HEIGHT - text.line_height()) / 2;
    let x = bold.draw_text(surface, 12, (HEIGHT - bold.line_height()) / 2, "◆", ACCENT);
    bold.draw_text(
        surface,
        x + 6,
        (HEIGHT - bold.line_height()) / 2,
        "Tessera",
        TEXT,
    );
    let clock_width = text.measure(&status.clock);
    text.draw_text(surface, (width - clock_width) / 2, top, &status.clock, TEXT);
    let gauges = format!(
        "{} fps   {}.{} ms   {} / {} MiB",
        status.fps,
        status.frame_tenths_ms / 10,
        status.frame_tenths_ms % 10,
        status.memory_used_mib,
        status.memory_total_mib
    );
    let gauges_width = text.measure(&gauges);
    text.draw_text(surface, width - gauges_width - 12, top, &gauges, DIM);
}
