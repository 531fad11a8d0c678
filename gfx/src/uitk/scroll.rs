//! Scrollable canvases: a viewport onto larger content, with scrollbars and wheel scrolling.
//!
//! The program owns a [`ScrollView`] (its id and scroll offset). `Ui::scroll_area` clamps the
//! offset to the content, turns the wheel (when the pointer is over the area) and scrollbar
//! drags into offset changes, draws the bars, and calls the program's closure with a surface
//! in *content* coordinates, clipped to the viewport, plus the visible content rectangle so
//! the closure can skip what is off-screen. `Ui::tiled_scroll_area` does the same through a
//! [`TileCache`], so unchanged content is copied instead of redrawn.

use super::{Element, Id, Response, TileCache, Ui};
use crate::geom::{limit, Point, Rect};
use crate::surface::Surface;

/// Width of a scrollbar in pixels.
pub const BAR: i32 = 10;
/// Pixels scrolled per wheel step.
pub const WHEEL_STEP: i32 = 40;

/// The state of one scrollable area.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ScrollView {
    pub id: Id,
    /// How far the content is scrolled (the content point at the viewport's corner).
    pub offset: Point,
}

impl ScrollView {
    pub fn new(id: Id) -> ScrollView {
        ScrollView {
            id,
            offset: Point::new(0, 0),
        }
    }
}

/// Where the pieces of a scroll area go.
struct Parts {
    viewport: Rect,
    vbar: Option<Rect>,
    hbar: Option<Rect>,
}

fn parts(rect: Rect, content: (i32, i32)) -> Parts {
    let rect = rect.limited();
    let content = (limit(content.0), limit(content.1));
    let mut need_v = content.1 > rect.h;
    let need_h = content.0 > rect.w - if need_v { BAR } else { 0 };
    need_v = need_v || (need_h && content.1 > rect.h - BAR);
    let vw = rect.w - if need_v { BAR } else { 0 };
    let vh = rect.h - if need_h { BAR } else { 0 };
    Parts {
        viewport: Rect::new(rect.x, rect.y, vw.max(0), vh.max(0)),
        vbar: need_v.then(|| Rect::new(rect.x + vw, rect.y, BAR, vh)),
        hbar: need_h.then(|| Rect::new(rect.x, rect.y + vh, vw, BAR)),
    }
}

/// The thumb within a bar `track` long for a view of `view` over `content`, at `offset`.
fn thumb(track: i32, view: i32, content: i32, offset: i32) -> (i32, i32) {
    if content <= 0 || view >= content {
        return (0, track);
    }
    let len = ((track as i64 * view as i64 / content as i64) as i32).clamp(BAR.min(track), track);
    let range = (content - view).max(1);
    let at = ((track - len) as i64 * offset as i64 / range as i64) as i32;
    (at, len)
}

impl Ui<'_, '_> {
    /// A scrollable area in `rect` over content of `content` size (width, height).
    pub fn scroll_area<D>(
        &mut self,
        rect: Rect,
        sv: &mut ScrollView,
        content: (i32, i32),
        draw: D,
    ) -> Response
    where
        D: FnOnce(&mut Surface, Rect),
    {
        let rect = rect.limited();
        let content = (limit(content.0), limit(content.1));
        let (r, viewport) = self.scroll_frame(rect, sv, content);
        let mut view = self.surface.sub(viewport);
        let mut inner = view.sub(Rect::new(-sv.offset.x, -sv.offset.y, content.0, content.1));
        let visible = Rect::new(sv.offset.x, sv.offset.y, viewport.w, viewport.h);
        draw(&mut inner, visible);
        r
    }

    /// A scrollable area whose content is drawn in tiles through `cache` (see [`TileCache`]).
    pub fn tiled_scroll_area<F, D>(
        &mut self,
        rect: Rect,
        sv: &mut ScrollView,
        cache: &mut TileCache,
        content: (i32, i32),
        content_id: F,
        draw: D,
    ) -> Response
    where
        F: FnMut(Rect) -> u64,
        D: FnMut(&mut Surface, Rect),
    {
        let rect = rect.limited();
        let content = (limit(content.0), limit(content.1));
        let (r, viewport) = self.scroll_frame(rect, sv, content);
        let mut view = self.surface.sub(viewport);
        cache.draw(&mut view, sv.offset, content, content_id, draw);
        r
    }

    /// Input and scrollbars shared by both kinds of scroll area; returns the viewport.
    fn scroll_frame(
        &mut self,
        rect: Rect,
        sv: &mut ScrollView,
        content: (i32, i32),
    ) -> (Response, Rect) {
        let rect = rect.limited();
        let content = (limit(content.0), limit(content.1));
        let style = self.style_for(Element::ScrollBar);
        let p = parts(rect, content);
        let max = Point::new(
            (content.0 - p.viewport.w).max(0),
            (content.1 - p.viewport.h).max(0),
        );
        let before = sv.offset;
        let mut r = self.interact(p.viewport, sv.id);
        if r.hovered && self.input.wheel != 0 {
            sv.offset.y += self.input.wheel * WHEEL_STEP;
        }
        // Bars: press on the thumb to drag it, on the track to jump a page.
        for (vertical, bar) in [(true, p.vbar), (false, p.hbar)] {
            let Some(bar) = bar else { continue };
            let id = sv.id.child(if vertical { 1 } else { 2 });
            let (track, view, size, off) = if vertical {
                (bar.h, p.viewport.h, content.1, sv.offset.y)
            } else {
                (bar.w, p.viewport.w, content.0, sv.offset.x)
            };
            let (at, len) = thumb(track, view, size, off);
            let mouse = if vertical {
                self.mouse().y - bar.y
            } else {
                self.mouse().x - bar.x
            };
            let br = self.interact(bar, id);
            let mut new_off = off;
            if br.hovered && self.input.pressed {
                if mouse >= at && mouse < at + len {
                    self.memory.drag_offset = mouse - at;
                } else {
                    new_off += if mouse < at { -view } else { view };
                    self.memory.drag_offset = -1;
                }
            } else if br.held && self.memory.drag_offset >= 0 && track > len {
                let pos = mouse - self.memory.drag_offset;
                new_off = ((pos as i64 * (size - view) as i64) / (track - len) as i64) as i32;
            }
            if vertical {
                sv.offset.y = new_off;
            } else {
                sv.offset.x = new_off;
            }
        }
        sv.offset = Point::new(sv.offset.x.clamp(0, max.x), sv.offset.y.clamp(0, max.y));
        r.changed = sv.offset != before;

        // Draw the bars.
        for (vertical, bar) in [(true, p.vbar), (false, p.hbar)] {
            let Some(bar) = bar else { continue };
            self.surface.fill_rect(bar, style.background);
            let (at, len) = if vertical {
                thumb(bar.h, p.viewport.h, content.1, sv.offset.y)
            } else {
                thumb(bar.w, p.viewport.w, content.0, sv.offset.x)
            };
            let t = if vertical {
                Rect::new(bar.x + 2, bar.y + at, bar.w - 4, len)
            } else {
                Rect::new(bar.x + at, bar.y + 2, len, bar.h - 4)
            };
            self.surface
                .fill_rounded_rect(t, style.radius.min(3), style.foreground);
        }
        if let (Some(v), Some(h)) = (p.vbar, p.hbar) {
            self.surface
                .fill_rect(Rect::new(v.x, h.y, BAR, BAR), style.background);
        }
        (r, p.viewport)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thumb_sizes() {
        assert_eq!(thumb(100, 100, 50, 0), (0, 100));
        assert_eq!(thumb(100, 50, 100, 0), (0, 50));
        assert_eq!(thumb(100, 50, 100, 50), (50, 50));
        assert_eq!(thumb(100, 1, 100_000, 0).1, BAR);
    }
}
