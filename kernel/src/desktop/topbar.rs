//! The top bar: the focused window's title, the network, memory and frame-budget gauges,
//! the frame rate and the clock.
//!
//! Drawing is `gfx::desktop::draw_top_bar`'s; this module gathers the figures and adds the
//! frame-budget gauge (how much of the 16.7 ms frame the last second's frames used). The bar
//! is redrawn only when its content changes, about once a second, so an idle desktop sends
//! nothing to the GPU between ticks.

use alloc::string::String;
use gfx::desktop::{
    draw_top_bar, DesktopTheme, NetIndicator, TopBarInfo, TopBarLayout, TOP_BAR_HEIGHT,
};
use gfx::{Color, Rect, Surface};

/// Height of the bar in pixels.
pub const HEIGHT: i32 = TOP_BAR_HEIGHT;

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
    /// The address, when the network is up.
    pub address: Option<String>,
    /// Bytes per second received and sent over the last second.
    pub rx_per_s: u64,
    pub tx_per_s: u64,
    /// The focused window's title.
    pub focused: String,
}

/// Draws the bar across the top of `surface`; returns where its parts are.
pub fn draw(surface: &mut Surface, status: &Status, theme: &DesktopTheme) -> TopBarLayout {
    let info = TopBarInfo {
        clock: &status.clock,
        fps: status.fps as f32,
        net: NetIndicator {
            up: status.address.is_some(),
            label: status.address.as_deref().unwrap_or("offline"),
            rx_per_s: status.rx_per_s,
            tx_per_s: status.tx_per_s,
        },
        mem_used: (status.memory_used_mib as u64) << 20,
        mem_total: (status.memory_total_mib as u64) << 20,
        focused: &status.focused,
        launcher_hovered: false,
    };
    let layout = draw_top_bar(surface, &info, theme);
    // The frame-budget gauge, left of the network indicator: share of 16.7 ms in use.
    let used = (status.frame_tenths_ms as i32 * 100 / 167).clamp(0, 100);
    let gauge = Rect::new(layout.net.x - 64, (HEIGHT - 8) / 2, 50, 8);
    surface.fill_rounded_rect(gauge, 3, Color::rgba(255, 255, 255, 40));
    let colour = if used < 60 { theme.good } else { theme.bad };
    surface.fill_rounded_rect(
        Rect::new(gauge.x, gauge.y, gauge.w * used / 100, gauge.h),
        3,
        colour,
    );
    layout
}
