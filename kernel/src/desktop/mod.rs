//! The desktop: wallpaper, top bar and cursor, composed into the screen's framebuffer.
//!
//! The desktop draws straight into the GPU's framebuffer and reports what it changed as a
//! list of damaged rectangles; the loop hands that list to the GPU driver, which transfers and
//! flushes only those. Nothing changed, nothing sent: an idle frame costs a few comparisons.
//!
//! Layers, bottom to top: the wallpaper (painted once at boot, kept in its own bitmap so any
//! part can be restored), the top bar, the cursor (saved-under, see [`cursor`]).

pub mod cursor;
pub mod topbar;
pub mod wallpaper;

use alloc::vec::Vec;
use cursor::Cursor;
use gfx::{Rect, Surface};
use topbar::Status;
use wallpaper::Wallpaper;

/// The desktop's state between frames.
pub struct Desktop {
    width: i32,
    height: i32,
    wallpaper: Wallpaper,
    cursor: Cursor,
    status: Status,
    bar_dirty: bool,
    full_redraw: bool,
}

impl Desktop {
    pub fn new(width: u32, height: u32) -> Desktop {
        Desktop {
            width: width as i32,
            height: height as i32,
            wallpaper: Wallpaper::new(width, height),
            cursor: Cursor::new(),
            status: Status::default(),
            bar_dirty: true,
            full_redraw: true,
        }
    }

    /// Updates the top bar's content; it is redrawn only if the content changed.
    pub fn set_status(&mut self, status: Status) {
        if status != self.status {
            self.status = status;
            self.bar_dirty = true;
        }
    }

    /// Draws what changed into `screen` (width x height pixels) and appends the damaged
    /// rectangles to `damage`.
    pub fn render(&mut self, screen: &mut [u32], pointer: (i32, i32), damage: &mut Vec<Rect>) {
        let pointer_moved = self.cursor.drawn_rect().map(|r| (r.x, r.y)) != Some(pointer);
        if !(self.full_redraw || self.bar_dirty || pointer_moved) {
            return;
        }
        let (width, height) = (self.width, self.height);
        let bar = Rect::new(0, 0, width, topbar::HEIGHT);
        // The cursor is lifted only when it moves or something is drawn beneath it.
        let under_cursor = self
            .cursor
            .drawn_rect()
            .is_some_and(|cursor| self.full_redraw || (self.bar_dirty && cursor.intersects(&bar)));
        let lift_cursor = pointer_moved || under_cursor;
        if lift_cursor {
            if let Some(rect) = self.cursor.erase(screen, width, height) {
                damage.push(rect);
            }
        }
        if core::mem::take(&mut self.full_redraw) {
            let full = Rect::new(0, 0, width, height);
            self.wallpaper.restore(screen, full);
            damage.push(full);
            self.bar_dirty = true;
        }
        if core::mem::take(&mut self.bar_dirty) {
            self.wallpaper.restore(screen, bar);
            if let Ok(mut surface) = Surface::new(screen, width as u32, height as u32, width as u32)
            {
                topbar::draw(&mut surface, &self.status);
            }
            damage.push(bar);
        }
        if lift_cursor {
            damage.push(
                self.cursor
                    .draw(screen, width, height, pointer.0, pointer.1),
            );
        }
        merge_overlapping(damage);
    }
}

/// Replaces rectangles that overlap or touch by their union, until none do.
pub fn merge_overlapping(rects: &mut Vec<Rect>) {
    let mut i = 0;
    while i < rects.len() {
        let mut merged = false;
        for j in i + 1..rects.len() {
            let a = rects[i];
            let b = rects[j];
            let touching = a.inset(-1).intersects(&b);
            if touching {
                rects[i] = a.union(&b);
                rects.swap_remove(j);
                merged = true;
                break;
            }
        }
        if !merged {
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idle_frames_damage_nothing_and_moves_damage_little() {
        let (w, h) = (320u32, 200u32);
        let mut screen = vec![0u32; (w * h) as usize];
        let mut desktop = Desktop::new(w, h);
        let mut damage = Vec::new();
        desktop.render(&mut screen, (100, 100), &mut damage);
        assert_eq!(damage, [Rect::new(0, 0, 320, 200)]);
        damage.clear();
        desktop.render(&mut screen, (100, 100), &mut damage);
        assert!(damage.is_empty(), "an idle frame damages nothing");
        desktop.render(&mut screen, (200, 150), &mut damage);
        assert_eq!(damage.len(), 2);
        assert!(damage.iter().all(|r| r.w * r.h <= 12 * 19));
        damage.clear();
        desktop.set_status(Status {
            fps: 60,
            ..Status::default()
        });
        desktop.render(&mut screen, (200, 150), &mut damage);
        assert_eq!(damage, [Rect::new(0, 0, 320, topbar::HEIGHT)]);
    }

    #[test]
    fn merging_overlaps() {
        let mut rects = vec![
            Rect::new(0, 0, 10, 10),
            Rect::new(50, 50, 5, 5),
            Rect::new(5, 5, 10, 10),
        ];
        merge_overlapping(&mut rects);
        rects.sort_by_key(|r| r.x);
        assert_eq!(rects, [Rect::new(0, 0, 15, 15), Rect::new(50, 50, 5, 5)]);
    }
}
