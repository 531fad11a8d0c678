//! The desktop: wallpaper, top bar and cursor, composed into the screen's framebuffer.
//!
//! The desktop draws straight into the GPU's framebuffer and reports what it changed as a
//! list of damaged rectangles; the loop hands that list to the GPU driver, which transfers and
//! flushes only those. Nothing changed, nothing sent: an idle frame costs a few comparisons.
//!
//! Layers, bottom to top: the wallpaper (painted once at boot, kept in its own bitmap so any
//! part can be restored), the top bar, the cursor (saved-under, see [`cursor`]).

pub mod audit;
pub mod cursor;
pub mod icons;
pub mod pie;
pub mod topbar;
pub mod wallpaper;
pub mod windows;

use alloc::string::String;
use alloc::vec::Vec;
use cursor::Cursor;
use gfx::desktop::{draw_resize_grip, draw_window, DesktopTheme, WindowLook};
use gfx::{Color, ImageView, Point, Rect, Surface};
use icons::Icon;
use topbar::Status;
use wallpaper::Wallpaper;
use windows::{Action, Windows};

/// The desktop's state between frames.
pub struct Desktop {
    width: i32,
    height: i32,
    wallpaper: Wallpaper,
    cursor: Cursor,
    status: Status,
    bar_dirty: bool,
    full_redraw: bool,
    pub windows: Windows,
    icons: Vec<Icon>,
    /// The radial launcher, while it is open.
    pie: Option<pie::Pie>,
    /// The launcher button of the top bar, as last drawn.
    launcher: Rect,
    theme: DesktopTheme,
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
            windows: Windows::default(),
            icons: Vec::new(),
            pie: None,
            launcher: Rect::default(),
            theme: DesktopTheme::DEFAULT,
        }
    }

    /// The screen size.
    pub fn size(&self) -> (i32, i32) {
        (self.width, self.height)
    }

    /// Updates the top bar's content; it is redrawn only if the content changed.
    pub fn set_status(&mut self, status: Status) {
        if status != self.status {
            self.status = status;
            self.bar_dirty = true;
        }
    }

    /// Puts one icon per app name on the desktop.
    pub fn set_icons(&mut self, names: &[String]) {
        for icon in &self.icons {
            self.windows.damage.push(icon.rect);
        }
        self.icons = icons::layout(names);
        for icon in &self.icons {
            self.windows.damage.push(icon.rect);
            // Where each icon is (tests click them).
            let r = icon.rect;
            crate::log!(
                "desktop: icon {} at {},{} size {}x{}",
                icon.app,
                r.x,
                r.y,
                r.w,
                r.h
            );
        }
    }

    /// Routes an input event: the pie menu first when it is open, then icons, then the
    /// window manager.
    pub fn handle(&mut self, e: &abi::Event, actions: &mut Vec<Action>) {
        let p = Point::new(e.x, e.y);
        if let Some(menu) = self.pie.as_mut() {
            match menu.handle(e) {
                pie::PieOutcome::Open { changed } => {
                    if changed {
                        self.windows.damage.push(menu.rect());
                    }
                }
                outcome => {
                    self.windows.damage.push(menu.rect());
                    self.pie = None;
                    if let pie::PieOutcome::Chosen(app) = outcome {
                        actions.push(Action::Open(app));
                    }
                }
            }
            return;
        }
        let on_window = self.windows.list.iter().any(|w| w.outer.contains(p));
        let on_launcher =
            e.kind == abi::event::BUTTON_DOWN && e.code == 0 && self.launcher.contains(p);
        let right_click = e.kind == abi::event::BUTTON_DOWN && e.code == 1 && !on_window;
        if (right_click || on_launcher) && !self.icons.is_empty() {
            let items = self.icons.iter().map(|i| i.app.clone()).collect();
            // From the top bar's launcher button the ring opens just below it.
            let center = if on_launcher {
                Point::new(self.launcher.x + 200, 220)
            } else {
                p
            };
            let menu = pie::Pie::new(center, items);
            self.windows.damage.push(menu.rect());
            self.pie = Some(menu);
            return;
        }
        if e.kind == abi::event::BUTTON_DOWN && e.code == 0 && !on_window {
            if let Some(icon) = self.icons.iter().find(|i| i.rect.contains(p)) {
                actions.push(Action::Open(icon.app.clone()));
                return;
            }
        }
        let size = self.size();
        self.windows.handle(e, size, actions);
    }

    /// Draws what changed into `screen` (width x height pixels) and appends the damaged
    /// rectangles to `damage`.
    pub fn render(&mut self, screen: &mut [u32], pointer: (i32, i32), damage: &mut Vec<Rect>) {
        let (width, height) = (self.width, self.height);
        let full = Rect::new(0, 0, width, height);
        let bar = Rect::new(0, 0, width, topbar::HEIGHT);
        let mut regions: Vec<Rect> = core::mem::take(&mut self.windows.damage);
        if core::mem::take(&mut self.full_redraw) {
            regions.push(full);
        }
        if core::mem::take(&mut self.bar_dirty) {
            regions.push(bar);
        }
        regions.retain_mut(|r| {
            *r = r.intersect(&full);
            !r.is_empty()
        });
        merge_overlapping(&mut regions);
        let pointer_moved = self.cursor.drawn_rect().map(|r| (r.x, r.y)) != Some(pointer);
        if regions.is_empty() && !pointer_moved {
            return;
        }
        // The cursor is lifted only when it moves or something is drawn beneath it.
        let under_cursor = self
            .cursor
            .drawn_rect()
            .is_some_and(|cursor| regions.iter().any(|r| r.intersects(&cursor)));
        let lift_cursor = pointer_moved || under_cursor;
        if lift_cursor {
            if let Some(rect) = self.cursor.erase(screen, width, height) {
                damage.push(rect);
            }
        }
        for region in &regions {
            self.compose(screen, *region);
            damage.push(*region);
        }
        if lift_cursor {
            damage.push(
                self.cursor
                    .draw(screen, width, height, pointer.0, pointer.1),
            );
        }
        merge_overlapping(damage);
    }

    /// Redraws one screen region from the bottom layer up.
    fn compose(&mut self, screen: &mut [u32], region: Rect) {
        let mut launcher = None;
        self.wallpaper.restore(screen, region);
        let (w, h) = (self.width as u32, self.height as u32);
        let Ok(mut surface) = Surface::new(screen, w, h, w) else {
            return;
        };
        surface.clip_to(region);
        for icon in self.icons.iter().filter(|i| i.rect.intersects(&region)) {
            icons::draw(&mut surface, icon);
        }
        let focused = self.windows.list.len().saturating_sub(1);
        for (index, window) in self.windows.list.iter().enumerate() {
            if !window.footprint().intersects(&region) {
                continue;
            }
            let look = WindowLook {
                focused: index == focused,
                close_hovered: false,
            };
            let frame = draw_window(&mut surface, window.outer, &window.title, look, &self.theme);
            let (pw, ph) = window.pixels_size;
            let mut content = surface.sub(frame.content);
            if pw == 0 || window.pixels.len() < (pw * ph) as usize {
                content.fill_rect(
                    Rect::new(0, 0, frame.content.w, frame.content.h),
                    Color::rgb(0x1e, 0x22, 0x2c),
                );
            } else if let Ok(view) = ImageView::new(&window.pixels, pw, ph, pw) {
                content.blit(&view, 0, 0);
                // Where the app has not caught up with a resize, show the background.
                let (pw, ph) = (pw as i32, ph as i32);
                let background = Color::rgb(0x1e, 0x22, 0x2c);
                content.fill_rect(
                    Rect::new(pw, 0, frame.content.w - pw, frame.content.h),
                    background,
                );
                content.fill_rect(Rect::new(0, ph, pw, frame.content.h - ph), background);
            }
            draw_resize_grip(&mut surface, &frame, &self.theme);
        }
        if let Some(menu) = self.pie.as_ref().filter(|m| m.rect().intersects(&region)) {
            let labels: Vec<&str> = menu.items.iter().map(String::as_str).collect();
            gfx::desktop::draw_pie_menu(
                &mut surface,
                menu.center,
                &labels,
                menu.hovered,
                menu.size(),
                &self.theme,
            );
        }
        if region.intersects(&Rect::new(0, 0, self.width, topbar::HEIGHT)) {
            let layout = topbar::draw(&mut surface, &self.status, &self.theme);
            launcher = Some(layout.launcher);
        }
        if let Some(rect) = launcher {
            self.launcher = rect;
        }
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
