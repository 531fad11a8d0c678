//! Drawing helpers for the desktop itself: wallpaper, top bar, window chrome, pie menu and
//! the cursor.
//!
//! These take plain data (strings, numbers, rectangles) and draw; they own no state and make
//! no decisions, so the kernel's window manager only decides *what* is on screen and calls
//! them. Hit-testing helpers ([`chrome::hit_test`], [`TopBarLayout`]) return the same
//! rectangles the drawing uses, so what the user sees and what the pointer hits never drift
//! apart.

pub mod chrome;
pub mod cursor;
pub mod pie;
pub mod topbar;

pub use chrome::{
    draw_resize_grip, draw_window, frame_rects, hit_test, ChromeHit, FrameRects, WindowLook,
};
pub use cursor::{draw_cursor, CursorKind};
pub use pie::{draw_pie_menu, pie_hit, PieSize};
pub use topbar::{draw_top_bar, NetIndicator, TopBarInfo, TopBarLayout, TOP_BAR_HEIGHT};

use crate::color::Color;
use crate::geom::Rect;
use crate::surface::Surface;

/// The desktop's colours.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct DesktopTheme {
    pub wallpaper_top: Color,
    pub wallpaper_bottom: Color,
    pub bar: Color,
    pub bar_text: Color,
    pub bar_muted: Color,
    pub title_active: Color,
    pub title_inactive: Color,
    pub title_text: Color,
    pub window_border: Color,
    pub close_hover: Color,
    pub accent: Color,
    pub good: Color,
    pub bad: Color,
}

impl DesktopTheme {
    pub const DEFAULT: DesktopTheme = DesktopTheme {
        wallpaper_top: Color::rgb(38, 62, 104),
        wallpaper_bottom: Color::rgb(18, 24, 40),
        bar: Color::rgba(16, 18, 24, 230),
        bar_text: Color::rgb(236, 238, 244),
        bar_muted: Color::rgb(150, 156, 170),
        title_active: Color::rgb(52, 58, 72),
        title_inactive: Color::rgb(84, 88, 98),
        title_text: Color::rgb(240, 242, 246),
        window_border: Color::rgb(28, 30, 36),
        close_hover: Color::rgb(220, 60, 60),
        accent: Color::rgb(92, 148, 255),
        good: Color::rgb(90, 200, 120),
        bad: Color::rgb(230, 90, 80),
    };
}

impl Default for DesktopTheme {
    fn default() -> DesktopTheme {
        DesktopTheme::DEFAULT
    }
}

/// Fills `rect` with a vertical gradient from `theme.wallpaper_top` to `wallpaper_bottom`.
pub fn draw_wallpaper(surface: &mut Surface, rect: Rect, theme: &DesktopTheme) {
    let h = rect.h.max(1);
    for y in 0..rect.h {
        let t = (y as i64 * 255 / h as i64) as u8;
        let c = theme.wallpaper_top.lerp(theme.wallpaper_bottom, t);
        surface.fill_rect(Rect::new(rect.x, rect.y + y, rect.w, 1), c);
    }
}
