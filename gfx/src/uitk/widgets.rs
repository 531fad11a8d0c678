//! The simple widgets: label, button, progress bar, tooltip, section frame.

use super::{Element, Id, Response, Ui};
use crate::color::Color;
use crate::geom::Rect;
use crate::text::{draw_block, Align, TextStyle};

/// Frames the pointer must rest before a tooltip shows.
pub const TOOLTIP_DELAY: u32 = 30;

impl Ui<'_, '_> {
    /// Text in `rect`, wrapped, aligned left.
    pub fn label(&mut self, rect: Rect, text: &str) {
        let rect = rect.limited();
        self.label_aligned(rect, text, Align::Left);
    }

    /// Text in `rect` with the given alignment, vertically centred when it fits one line.
    pub fn label_aligned(&mut self, rect: Rect, text: &str, align: Align) {
        let rect = rect.limited();
        let style = self.style_for(Element::Label);
        if style.background.a() != 0 {
            self.surface
                .fill_rounded_rect(rect, style.radius, style.background);
        }
        let color = if self.is_enabled() {
            style.foreground
        } else {
            style.foreground.with_alpha(110)
        };
        let mut ts = TextStyle::new(style.font(), color);
        ts.align = align;
        let (_, h) = ts.measure(text, rect.w);
        let y = rect.y + ((rect.h - h) / 2).max(0);
        draw_block(
            self.surface,
            Rect::new(rect.x, y, rect.w, rect.bottom() - y),
            text,
            &ts,
            None,
        );
    }

    /// A push button; true on the one frame it is clicked.
    pub fn button(&mut self, rect: Rect, id: Id, text: &str) -> bool {
        let rect = rect.limited();
        self.button_response(rect, id, text).clicked
    }

    /// A push button, with its full response (hover, held ...).
    pub fn button_response(&mut self, rect: Rect, id: Id, text: &str) -> Response {
        let rect = rect.limited();
        let style = self.style_for(Element::Button);
        let r = self.interact(rect, id);
        let enabled = self.is_enabled();
        let (bg, fg) = if !enabled {
            (
                style.background.shade(-10),
                style.foreground.with_alpha(100),
            )
        } else if r.held && r.hovered {
            (style.accent, style.on_accent)
        } else if r.hovered {
            (style.background.lerp(style.accent, 40), style.foreground)
        } else {
            (style.background, style.foreground)
        };
        self.surface.fill_rounded_rect(rect, style.radius, bg);
        self.surface
            .stroke_rounded_rect(rect, style.radius, 1, style.border);
        if self.has_focus(id) {
            self.surface
                .stroke_rounded_rect(rect.inset(-2), style.radius + 2, 2, style.accent);
        }
        let font = style.font();
        let w = font.measure(text);
        let x = rect.x + (rect.w - w) / 2;
        let y = rect.y + (rect.h - font.line_height()) / 2;
        let mut inner = self.surface.sub(rect.inset(1));
        let o = rect.inset(1);
        font.draw_text(&mut inner, x - o.x, y - o.y, text, fg);
        r
    }

    /// A progress bar filled to `fraction` (0.0..=1.0, clamped) with an optional caption.
    pub fn progress(&mut self, rect: Rect, fraction: f32, caption: Option<&str>) {
        let rect = rect.limited();
        let style = self.style_for(Element::Progress);
        let f = if fraction.is_nan() {
            0.0
        } else {
            fraction.clamp(0.0, 1.0)
        };
        self.surface
            .fill_rounded_rect(rect, style.radius, style.background);
        let filled = Rect::new(rect.x, rect.y, (rect.w as f32 * f + 0.5) as i32, rect.h);
        if filled.w > 0 {
            let mut clip = self.surface.sub(filled);
            clip.fill_rounded_rect(Rect::new(0, 0, rect.w, rect.h), style.radius, style.accent);
        }
        if let Some(text) = caption {
            // The caption is drawn twice, each copy clipped to one side of the fill's edge,
            // so it reads on both the track and the accent colour.
            let font = style.font();
            let x = rect.x + (rect.w - font.measure(text)) / 2;
            let y = rect.y + (rect.h - font.line_height()) / 2;
            let rest = Rect::new(
                filled.right(),
                rect.y,
                rect.right() - filled.right(),
                rect.h,
            );
            for (part, color) in [(filled, style.on_accent), (rest, style.foreground)] {
                let mut clip = self.surface.sub(part);
                font.draw_text(&mut clip, x - part.x, y - part.y, text, color);
            }
        }
    }

    /// Shows `text` in a small box under the pointer once it has rested on `rect` (identified
    /// by `id`) for [`TOOLTIP_DELAY`] frames. Call it after drawing the widget it explains.
    pub fn tooltip(&mut self, rect: Rect, id: Id, text: &str) {
        let rect = rect.limited();
        let over = rect
            .intersect(&self.surface.clip_rect())
            .contains(self.mouse());
        if over {
            // Pass the widget's own id to share its hover timing.
            self.hovered_this_frame = Some(id);
        }
        if over && self.hovered_for(id, TOOLTIP_DELAY) {
            self.tooltip_now(text);
        }
    }

    /// Draws a tooltip box beside the pointer right away.
    pub fn tooltip_now(&mut self, text: &str) {
        let style = self.style_for(Element::Tooltip);
        let font = style.font();
        let pad = style.padding;
        let (w, h) = (font.measure(text) + 2 * pad, font.line_height() + 2 * pad);
        let bounds = self.surface.bounds();
        let m = self.mouse();
        let x = (m.x + 12).min(bounds.right() - w).max(0);
        let y = if m.y + 20 + h <= bounds.bottom() {
            m.y + 20
        } else {
            (m.y - h - 4).max(0)
        };
        let r = Rect::new(x, y, w, h);
        self.surface
            .fill_rounded_rect(r.offset(1, 2), style.radius, Color::rgba(0, 0, 0, 60));
        self.surface
            .fill_rounded_rect(r, style.radius, style.background);
        font.draw_text(self.surface, x + pad, y + pad, text, style.foreground);
    }

    /// A titled frame around a group of widgets; returns the inner rectangle to lay them out
    /// in.
    pub fn section(&mut self, rect: Rect, title: &str) -> Rect {
        let rect = rect.limited();
        let style = self.style_for(Element::Section);
        let font = style.font();
        let lh = font.line_height();
        let frame = Rect::new(rect.x, rect.y + lh / 2, rect.w, rect.h - lh / 2);
        if style.background.a() != 0 {
            self.surface
                .fill_rounded_rect(frame, style.radius, style.background);
        }
        self.surface
            .stroke_rounded_rect(frame, style.radius, 1, style.border);
        let tw = font.measure(title);
        // The title sits on the frame's top edge, cutting it.
        let title_rect = Rect::new(rect.x + 10, rect.y, tw + 8, lh);
        let behind = self
            .surface
            .pixel(rect.x + 10, rect.y)
            .unwrap_or(self.style.palette.window);
        self.surface
            .fill_rect(Rect::new(title_rect.x, frame.y, title_rect.w, 1), behind);
        font.draw_text(
            self.surface,
            title_rect.x + 4,
            rect.y,
            title,
            style.foreground,
        );
        frame.inset(style.padding + 2).offset(0, lh / 2 - 2)
    }
}
