//! The top bar: launcher button and focused app's name on the left, the status indicators
//! (network, memory, frames per second) and the clock on the right.

use super::DesktopTheme;
use crate::color::Color;
use crate::font::Font;
use crate::geom::Rect;
use crate::surface::Surface;
use alloc::format;

/// Height of the top bar in pixels.
pub const TOP_BAR_HEIGHT: i32 = 28;

/// The network indicator's state.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct NetIndicator<'a> {
    /// A link and an address are up.
    pub up: bool,
    /// What to show next to the dot, e.g. "10.0.2.15".
    pub label: &'a str,
    /// Recent throughput in bytes per second.
    pub rx_per_s: u64,
    pub tx_per_s: u64,
}

/// Everything the top bar shows, as plain data.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct TopBarInfo<'a> {
    /// Already formatted, e.g. "14:05:09".
    pub clock: &'a str,
    pub fps: f32,
    pub net: NetIndicator<'a>,
    pub mem_used: u64,
    pub mem_total: u64,
    /// The focused window's title ("" for none).
    pub focused: &'a str,
    /// The launcher button is under the pointer.
    pub launcher_hovered: bool,
}

/// Where the bar put its clickable parts.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct TopBarLayout {
    pub bar: Rect,
    pub launcher: Rect,
    pub clock: Rect,
    pub net: Rect,
    pub memory: Rect,
}

/// Formats a byte count with a binary unit ("512 B", "3.4 MiB").
pub fn human_bytes(n: u64) -> alloc::string::String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut unit = 0;
    let mut tenths = n as u128 * 10;
    while tenths >= 10 * 1024 && unit + 1 < UNITS.len() {
        tenths /= 1024;
        unit += 1;
    }
    if unit == 0 {
        format!("{} {}", n, UNITS[0])
    } else {
        format!("{}.{} {}", tenths / 10, tenths % 10, UNITS[unit])
    }
}

/// Draws the bar across the top of `surface` and returns where its parts are.
pub fn draw_top_bar(
    surface: &mut Surface,
    info: &TopBarInfo,
    theme: &DesktopTheme,
) -> TopBarLayout {
    let width = surface.width();
    let bar = Rect::new(0, 0, width, TOP_BAR_HEIGHT);
    surface.fill_rect(bar, theme.bar);
    surface.fill_rect(
        Rect::new(0, TOP_BAR_HEIGHT - 1, width, 1),
        Color::rgba(255, 255, 255, 24),
    );
    let font = Font::sans(14);
    let bold = Font::bold(16);
    let text_y = (TOP_BAR_HEIGHT - font.line_height()) / 2;

    // Left: launcher button (a 3x3 grid of dots) and the focused app's name.
    let launcher = Rect::new(6, 3, 30, TOP_BAR_HEIGHT - 6);
    if info.launcher_hovered {
        surface.fill_rounded_rect(launcher, 5, Color::rgba(255, 255, 255, 40));
    }
    for i in 0..9 {
        let (cx, cy) = (launcher.x + 9 + (i % 3) * 6, launcher.y + 5 + (i / 3) * 6);
        surface.fill_rect(Rect::new(cx, cy, 3, 3), theme.bar_text);
    }
    bold.draw_text(
        surface,
        launcher.right() + 10,
        (TOP_BAR_HEIGHT - bold.line_height()) / 2,
        info.focused,
        theme.bar_text,
    );

    // Right, from the edge inward: clock, fps, memory, network.
    let mut right = width - 10;
    let clock_w = bold.measure(info.clock);
    let clock = Rect::new(right - clock_w, 0, clock_w, TOP_BAR_HEIGHT);
    bold.draw_text(
        surface,
        clock.x,
        (TOP_BAR_HEIGHT - bold.line_height()) / 2,
        info.clock,
        theme.bar_text,
    );
    right = clock.x - 18;

    let fps = format!(
        "{:.0} fps",
        if info.fps.is_finite() {
            info.fps.clamp(0.0, 9999.0)
        } else {
            0.0
        }
    );
    let w = font.measure(&fps);
    font.draw_text(surface, right - w, text_y, &fps, theme.bar_muted);
    right -= w + 18;

    // Memory: a small gauge and the used amount.
    let used = human_bytes(info.mem_used);
    let w = font.measure(&used);
    let gauge = Rect::new(right - w - 46, 10, 40, 8);
    let memory = Rect::new(gauge.x, 0, right - gauge.x, TOP_BAR_HEIGHT);
    surface.fill_rounded_rect(gauge, 3, Color::rgba(255, 255, 255, 40));
    let frac = if info.mem_total > 0 {
        (info.mem_used.min(info.mem_total) as f32) / info.mem_total as f32
    } else {
        0.0
    };
    let fill = (gauge.w as f32 * frac + 0.5) as i32;
    if fill > 0 {
        let mut clip = surface.sub(Rect::new(gauge.x, gauge.y, fill, gauge.h));
        let color = if frac > 0.9 { theme.bad } else { theme.accent };
        clip.fill_rounded_rect(Rect::new(0, 0, gauge.w, gauge.h), 3, color);
    }
    font.draw_text(surface, right - w, text_y, &used, theme.bar_text);
    right = gauge.x - 18;

    // Network: a status dot, the address, and arrows with throughput.
    let rates = format!(
        "↓{} ↑{}",
        human_bytes(info.net.rx_per_s),
        human_bytes(info.net.tx_per_s)
    );
    let rates_w = font.measure(&rates);
    let label_w = font.measure(info.net.label);
    let net = Rect::new(
        right - rates_w - label_w - 24,
        0,
        rates_w + label_w + 24,
        TOP_BAR_HEIGHT,
    );
    let dot = if info.net.up { theme.good } else { theme.bad };
    surface.fill_circle(net.x as f32 + 5.0, TOP_BAR_HEIGHT as f32 / 2.0, 4.0, dot);
    font.draw_text(surface, net.x + 14, text_y, info.net.label, theme.bar_text);
    font.draw_text(
        surface,
        net.x + 22 + label_w,
        text_y,
        &rates,
        theme.bar_muted,
    );

    TopBarLayout {
        bar,
        launcher,
        clock,
        net,
        memory,
    }
}

#[cfg(test)]
mod tests {
    use super::human_bytes;

    #[test]
    fn bytes_are_human() {
        assert_eq!(human_bytes(0), "0 B");
        assert_eq!(human_bytes(1023), "1023 B");
        assert_eq!(human_bytes(1536), "1.5 KiB");
        assert_eq!(human_bytes(3 * 1024 * 1024 * 1024), "3.0 GiB");
        assert!(human_bytes(u64::MAX).ends_with("TiB"));
    }
}
