//! The window manager: which windows exist, where, in what order, and who has the keyboard.
//!
//! Windows are kept bottom to top; the last one is drawn last and gets clicks first. A click
//! raises and focuses the window under the pointer; the title bar drags it, the corner handle
//! resizes it, the close button closes it, and everything else in the content area goes to
//! the window's app in content coordinates. Keys go to the focused window only.
//!
//! The manager only decides; [`Desktop`](super::Desktop) draws. Each change reports the
//! screen area it touched so the compositor redraws just that.

use abi::event;
use alloc::string::String;
use alloc::vec::Vec;
use gfx::desktop::{frame_rects, hit_test, ChromeHit};
use gfx::{Point, Rect};

/// Room around a window's outer rectangle that its shadow covers.
pub const SHADOW: i32 = 8;
/// The smallest window content.
const MIN_SIZE: (i32, i32) = (160, 100);

/// One window.
pub struct Window {
    /// The app that owns it (one window per app).
    pub app: String,
    pub title: String,
    /// The frame, title bar included, in screen coordinates.
    pub outer: Rect,
    /// The app's last presented pixels and their size.
    pub pixels: Vec<u32>,
    pub pixels_size: (u32, u32),
}

impl Window {
    /// The screen area the window covers, shadow included.
    pub fn footprint(&self) -> Rect {
        self.outer.inset(-SHADOW)
    }

    /// Logs where the window is (tests read it).
    pub fn log_geometry(&self) {
        let o = self.outer;
        crate::log!(
            "desktop: window {} at {},{} size {}x{}",
            self.app,
            o.x,
            o.y,
            o.w,
            o.h
        );
    }

    /// The content area in screen coordinates.
    pub fn content(&self) -> Rect {
        frame_rects(self.outer).content
    }
}

/// A drag in progress.
#[derive(Clone, Copy)]
enum Drag {
    Move { grab: Point },
    Resize { grab: Point, start: Rect },
}

/// What the window manager asks the system to do after an event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Deliver this event to the app (coordinates already in its window).
    Deliver(String, abi::Event),
    /// The user closed the app's window.
    Close(String),
    /// The user asked for an app (a desktop icon).
    Open(String),
}

/// All windows, bottom to top.
#[derive(Default)]
pub struct Windows {
    pub list: Vec<Window>,
    drag: Option<Drag>,
    /// The screen areas changed since the compositor last asked.
    pub damage: Vec<Rect>,
}

impl Windows {
    /// Opens a window for `app`, cascaded from the last one, and focuses it.
    pub fn open(&mut self, app: &str, screen: (i32, i32)) {
        if let Some(index) = self.index_of(app) {
            self.raise(index);
            return;
        }
        let n = self.list.len() as i32;
        let (w, h) = ((screen.0 * 2 / 5).max(420), (screen.1 / 2).max(320));
        let outer = Rect::new(220 + 36 * (n % 8), 80 + 32 * (n % 8), w, h);
        self.damage.push(outer.inset(-SHADOW));
        let window = Window {
            app: app.into(),
            title: app.into(),
            outer,
            pixels: Vec::new(),
            pixels_size: (0, 0),
        };
        window.log_geometry();
        self.list.push(window);
    }

    /// Removes the app's window.
    pub fn close(&mut self, app: &str) {
        if let Some(index) = self.index_of(app) {
            let window = self.list.remove(index);
            self.damage.push(window.footprint());
        }
    }

    pub fn index_of(&self, app: &str) -> Option<usize> {
        self.list.iter().position(|w| w.app == app)
    }

    /// The focused window (the top one).
    #[cfg(test)]
    pub fn focused(&self) -> Option<&Window> {
        self.list.last()
    }

    fn raise(&mut self, index: usize) {
        if index + 1 != self.list.len() {
            let window = self.list.remove(index);
            self.damage.push(window.footprint());
            self.list.push(window);
        }
        // The previously focused window's title colour changes too.
        if let Some(below) = self.list.len().checked_sub(2) {
            let area = self.list[below].footprint();
            self.damage.push(area);
        }
    }

    /// The topmost window under `p`.
    fn under(&self, p: Point) -> Option<usize> {
        self.list.iter().rposition(|w| w.outer.contains(p))
    }

    /// Handles a pointer or keyboard event; returns what the apps must be told.
    pub fn handle(&mut self, e: &abi::Event, screen: (i32, i32), actions: &mut Vec<Action>) {
        let p = Point::new(e.x, e.y);
        match e.kind {
            event::BUTTON_DOWN => {
                let Some(index) = self.under(p) else { return };
                self.raise(index);
                let top = self.list.len() - 1;
                let window = &self.list[top];
                match hit_test(window.outer, p) {
                    ChromeHit::Close if e.code == 0 => {
                        actions.push(Action::Close(window.app.clone()))
                    }
                    ChromeHit::TitleBar if e.code == 0 => {
                        self.drag = Some(Drag::Move {
                            grab: Point::new(p.x - window.outer.x, p.y - window.outer.y),
                        })
                    }
                    ChromeHit::Resize if e.code == 0 => {
                        self.drag = Some(Drag::Resize {
                            grab: p,
                            start: window.outer,
                        })
                    }
                    ChromeHit::Content => self.deliver(top, e, actions),
                    _ => {}
                }
            }
            event::BUTTON_UP => {
                if self.drag.take().is_some() {
                    if let Some(window) = self.list.last() {
                        window.log_geometry();
                    }
                } else {
                    if let Some(top) = self.list.len().checked_sub(1) {
                        self.deliver(top, e, actions);
                    }
                }
            }
            event::POINTER_MOVE => match self.drag {
                Some(drag) => self.drag_to(drag, p, screen),
                None => {
                    if let Some(index) = self.under(p) {
                        if self.list[index].content().contains(p) {
                            self.deliver(index, e, actions);
                        }
                    }
                }
            },
            event::WHEEL => {
                if let Some(index) = self.under(p) {
                    self.deliver(index, e, actions);
                }
            }
            _ => {
                // Keys and characters go to the focused window.
                if let Some(top) = self.list.len().checked_sub(1) {
                    self.deliver(top, e, actions);
                }
            }
        }
    }

    fn deliver(&self, index: usize, e: &abi::Event, actions: &mut Vec<Action>) {
        let window = &self.list[index];
        let content = window.content();
        let local = abi::Event {
            x: e.x - content.x,
            y: e.y - content.y,
            ..*e
        };
        actions.push(Action::Deliver(window.app.clone(), local));
    }

    fn drag_to(&mut self, drag: Drag, p: Point, screen: (i32, i32)) {
        let Some(window) = self.list.last_mut() else {
            return;
        };
        let before = window.footprint();
        match drag {
            Drag::Move { grab } => {
                // Keep the title bar reachable: below the top bar, on screen.
                let x = (p.x - grab.x).clamp(-window.outer.w + 60, screen.0 - 60);
                let y = (p.y - grab.y).clamp(super::topbar::HEIGHT, screen.1 - 30);
                window.outer = Rect::new(x, y, window.outer.w, window.outer.h);
            }
            Drag::Resize { grab, start } => {
                let w = (start.w + p.x - grab.x).clamp(MIN_SIZE.0, screen.0);
                let h = (start.h + p.y - grab.y).clamp(MIN_SIZE.1, screen.1);
                window.outer = Rect::new(start.x, start.y, w, h);
            }
        }
        let after = window.footprint();
        if before != after {
            self.damage.push(before);
            self.damage.push(after);
        }
    }

    /// Stores pixels an app presented (damage in content coordinates).
    pub fn present(
        &mut self,
        app: &str,
        width: u32,
        height: u32,
        pixels: &[u32],
        damage: (u32, u32, u32, u32),
    ) {
        let Some(index) = self.index_of(app) else {
            return;
        };
        let window = &mut self.list[index];
        let content = window.content();
        if window.pixels_size != (width, height) {
            window.pixels = pixels.to_vec();
            window.pixels_size = (width, height);
            self.damage.push(content);
            return;
        }
        let (x, y, w, h) = damage;
        for row in y..(y + h).min(height) {
            let start = (row * width + x) as usize;
            let end = start + w.min(width - x) as usize;
            window.pixels[start..end].copy_from_slice(&pixels[start..end]);
        }
        let screen_damage = Rect::new(
            content.x + x as i32,
            content.y + y as i32,
            w as i32,
            h as i32,
        );
        self.damage.push(screen_damage.intersect(&content));
    }

    /// Sets a window's title.
    pub fn set_title(&mut self, app: &str, title: &str) {
        if let Some(index) = self.index_of(app) {
            if self.list[index].title != title {
                self.list[index].title = title.into();
                let bar = frame_rects(self.list[index].outer).title_bar;
                self.damage.push(bar);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn click(x: i32, y: i32, kind: u32) -> abi::Event {
        abi::Event {
            kind,
            code: 0,
            x,
            y,
            modifiers: 0,
        }
    }

    #[test]
    fn windows_move_raise_close_and_route_input() {
        let screen = (1920, 1080);
        let mut windows = Windows::default();
        windows.open("cube", screen);
        windows.open("clock", screen);
        assert_eq!(windows.focused().unwrap().app, "clock");
        let cube = windows.list[0].outer;
        let mut actions = Vec::new();
        // A click on the cube's visible corner raises it and reaches the app.
        let corner = Point::new(cube.x + 10, cube.y + 40);
        windows.handle(
            &click(corner.x, corner.y, event::BUTTON_DOWN),
            screen,
            &mut actions,
        );
        assert_eq!(windows.focused().unwrap().app, "cube");
        let content = windows.list[1].content();
        assert_eq!(
            actions,
            [Action::Deliver(
                "cube".into(),
                abi::Event {
                    x: corner.x - content.x,
                    y: corner.y - content.y,
                    ..click(0, 0, event::BUTTON_DOWN)
                }
            )]
        );
        // Drag the title bar by (+100, +50).
        actions.clear();
        let title = Point::new(cube.x + 60, cube.y + 10);
        windows.handle(
            &click(title.x, title.y, event::BUTTON_DOWN),
            screen,
            &mut actions,
        );
        windows.handle(
            &click(title.x + 100, title.y + 50, event::POINTER_MOVE),
            screen,
            &mut actions,
        );
        windows.handle(
            &click(title.x + 100, title.y + 50, event::BUTTON_UP),
            screen,
            &mut actions,
        );
        assert!(actions.is_empty(), "drags are not delivered: {actions:?}");
        let moved = windows.focused().unwrap().outer;
        assert_eq!((moved.x, moved.y), (cube.x + 100, cube.y + 50));
        // Keys go to the focused window.
        windows.handle(
            &abi::Event {
                kind: event::CHAR,
                code: 'x' as u32,
                ..Default::default()
            },
            screen,
            &mut actions,
        );
        assert!(matches!(&actions[0], Action::Deliver(app, _) if app == "cube"));
        // Resize from the corner handle.
        let corner = Point::new(moved.right() - 4, moved.bottom() - 4);
        windows.handle(
            &click(corner.x, corner.y, event::BUTTON_DOWN),
            screen,
            &mut actions,
        );
        windows.handle(
            &click(corner.x + 30, corner.y - 40, event::POINTER_MOVE),
            screen,
            &mut actions,
        );
        windows.handle(
            &click(corner.x + 30, corner.y - 40, event::BUTTON_UP),
            screen,
            &mut actions,
        );
        let resized = windows.focused().unwrap().outer;
        assert_eq!((resized.w, resized.h), (moved.w + 30, moved.h - 40));
        // The close button asks the system to close the app.
        actions.clear();
        let close = frame_rects(resized).close.center();
        windows.handle(
            &click(close.x, close.y, event::BUTTON_DOWN),
            screen,
            &mut actions,
        );
        assert_eq!(actions, [Action::Close("cube".into())]);
        windows.close("cube");
        assert_eq!(windows.list.len(), 1);
        assert!(!windows.damage.is_empty());
    }
}
