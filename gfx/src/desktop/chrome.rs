//! Window chrome: the frame, shadow, title bar, close button and resize handle.
//!
//! A window's *outer* rectangle includes its title bar; [`frame_rects`] splits it into the
//! parts below, and both [`draw_window`] and [`hit_test`] use that one split.
//!
//! ```text
//! ┌──────────────────────────────┬───┐
//! │ title                        │ × │  title bar (TITLE_HEIGHT), close button on the right
//! ├──────────────────────────────┴───┤
//! │ content (the app's framebuffer)  │
//! │                               ◢  │  resize handle in the bottom-right corner
//! └──────────────────────────────────┘
//! ```

use super::DesktopTheme;
use crate::color::Color;
use crate::font::Font;
use crate::geom::{Point, Rect};
use crate::surface::Surface;

/// Height of a title bar.
pub const TITLE_HEIGHT: i32 = 28;
/// Size of the square resize handle.
pub const RESIZE_HANDLE: i32 = 14;
/// Corner radius of the frame.
pub const RADIUS: i32 = 8;

/// The parts of a window frame.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct FrameRects {
    pub outer: Rect,
    pub title_bar: Rect,
    pub close: Rect,
    pub content: Rect,
    pub resize: Rect,
}

/// What a point on a window is over.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ChromeHit {
    Close,
    TitleBar,
    Resize,
    Content,
    Outside,
}

/// How a frame is drawn this frame.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct WindowLook {
    pub focused: bool,
    pub close_hovered: bool,
}

/// Splits a window's outer rectangle into its parts.
pub fn frame_rects(outer: Rect) -> FrameRects {
    let outer = outer.limited();
    let title_bar = Rect::new(outer.x, outer.y, outer.w, TITLE_HEIGHT.min(outer.h.max(0)));
    let close = Rect::new(
        outer.right() - TITLE_HEIGHT - 2,
        outer.y + 2,
        TITLE_HEIGHT,
        TITLE_HEIGHT - 4,
    );
    let content = Rect::new(
        outer.x + 1,
        outer.y + TITLE_HEIGHT,
        outer.w - 2,
        outer.h - TITLE_HEIGHT - 1,
    );
    let resize = Rect::new(
        outer.right() - RESIZE_HANDLE,
        outer.bottom() - RESIZE_HANDLE,
        RESIZE_HANDLE,
        RESIZE_HANDLE,
    );
    FrameRects {
        outer,
        title_bar,
        close,
        content,
        resize,
    }
}

/// What `p` hits on the window with outer rectangle `outer`.
pub fn hit_test(outer: Rect, p: Point) -> ChromeHit {
    let outer = outer.limited();
    let f = frame_rects(outer);
    if !outer.contains(p) {
        ChromeHit::Outside
    } else if f.close.contains(p) {
        ChromeHit::Close
    } else if f.title_bar.contains(p) {
        ChromeHit::TitleBar
    } else if f.resize.contains(p) {
        ChromeHit::Resize
    } else {
        ChromeHit::Content
    }
}

/// Draws the frame of a window (shadow, title bar, title, close button, border; the resize
/// grip is separate: [`draw_resize_grip`]) around `outer`. The content area is left for the window's pixels; returns the parts.
pub fn draw_window(
    surface: &mut Surface,
    outer: Rect,
    title: &str,
    look: WindowLook,
    theme: &DesktopTheme,
) -> FrameRects {
    let outer = outer.limited();
    let f = frame_rects(outer);
    draw_shadow(surface, outer, if look.focused { 4 } else { 2 });
    let title_color = if look.focused {
        theme.title_active
    } else {
        theme.title_inactive
    };
    surface.fill_rounded_rect(outer, RADIUS, theme.window_border);
    {
        // The title bar has rounded top corners only.
        let mut bar = surface.sub(f.title_bar);
        bar.fill_rounded_rect(
            Rect::new(0, 0, f.title_bar.w, f.title_bar.h + RADIUS),
            RADIUS,
            title_color,
        );
    }
    let font = Font::bold(16);
    let text_color = if look.focused {
        theme.title_text
    } else {
        theme.title_text.with_alpha(170)
    };
    {
        let title_area = Rect::new(
            f.title_bar.x + 12,
            f.title_bar.y,
            f.close.x - f.title_bar.x - 16,
            TITLE_HEIGHT,
        );
        let mut clip = surface.sub(title_area);
        font.draw_text(
            &mut clip,
            0,
            (TITLE_HEIGHT - font.line_height()) / 2,
            title,
            text_color,
        );
    }
    // Close button: a circle that turns red under the pointer, with an ×.
    let c = f.close.center();
    let (cx, cy) = (c.x as f32, c.y as f32);
    if look.close_hovered {
        surface.fill_circle(cx, cy, 9.0, theme.close_hover);
    }
    let cross = if look.close_hovered {
        Color::WHITE
    } else {
        text_color
    };
    surface.draw_thick_line(cx - 4.0, cy - 4.0, cx + 4.0, cy + 4.0, 1.8, cross);
    surface.draw_thick_line(cx - 4.0, cy + 4.0, cx + 4.0, cy - 4.0, 1.8, cross);
    f
}

/// A soft shadow around `outer`: translucent rounded rectangles, wider and fainter, painted
/// only in bands along the edges (the window hides the middle, so it is not blended there).
fn draw_shadow(surface: &mut Surface, outer: Rect, depth: i32) {
    let inner = outer.inset(RADIUS);
    let halo = outer.inset(-depth - 1).offset(0, depth);
    let bands = [
        Rect::new(halo.x, halo.y, halo.w, inner.y - halo.y),
        Rect::new(
            halo.x,
            inner.bottom(),
            halo.w,
            halo.bottom() - inner.bottom(),
        ),
        Rect::new(halo.x, inner.y, inner.x - halo.x, inner.h),
        Rect::new(
            inner.right(),
            inner.y,
            halo.right() - inner.right(),
            inner.h,
        ),
    ];
    for band in bands {
        let mut clip = surface.sub(band);
        for i in (1..=depth).rev() {
            let r = outer.inset(-i).offset(0, i).offset(-band.x, -band.y);
            clip.fill_rounded_rect(r, RADIUS + i, Color::rgba(0, 0, 0, (40 / i) as u8));
        }
    }
}

/// Draws the resize grip (three diagonal strokes) in the frame's bottom-right corner. It
/// overlaps the content area, so call it after the window's pixels are in place.
pub fn draw_resize_grip(surface: &mut Surface, frame: &FrameRects, theme: &DesktopTheme) {
    let (rx, ry) = (
        frame.resize.right() as f32 - 3.0,
        frame.resize.bottom() as f32 - 3.0,
    );
    for i in 1..=3 {
        let d = i as f32 * 3.5;
        surface.draw_line(rx - d, ry, rx, ry - d, theme.bar_muted);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hit_testing_matches_the_parts() {
        let outer = Rect::new(100, 100, 300, 200);
        assert_eq!(hit_test(outer, Point::new(50, 50)), ChromeHit::Outside);
        assert_eq!(hit_test(outer, Point::new(150, 110)), ChromeHit::TitleBar);
        assert_eq!(hit_test(outer, Point::new(385, 114)), ChromeHit::Close);
        assert_eq!(hit_test(outer, Point::new(395, 295)), ChromeHit::Resize);
        assert_eq!(hit_test(outer, Point::new(200, 200)), ChromeHit::Content);
        let f = frame_rects(outer);
        assert_eq!(f.content.bottom(), outer.bottom() - 1);
    }
}
