//! The radial launcher: a right click on the desktop opens a ring of apps around the pointer.
//!
//! Moving toward a slice highlights it; releasing the right button there (a flick) or clicking
//! it with the left button opens that app. Releasing in the dead centre keeps the menu open for
//! a click; a click in the centre or a key press closes it. The ring is drawn by
//! `gfx::desktop::draw_pie_menu`; which slice a point selects comes from the same module's
//! `pie_hit`, so drawing and hit-testing agree.

use abi::event;
use alloc::string::String;
use alloc::vec::Vec;
use gfx::desktop::{pie_hit, PieSize};
use gfx::{Point, Rect};

/// Room for the labels around the ring.
const LABEL_MARGIN: i32 = 60;

/// An open pie menu.
pub struct Pie {
    pub center: Point,
    pub items: Vec<String>,
    pub hovered: Option<usize>,
    size: PieSize,
}

/// What the menu did with an event.
#[derive(Debug, PartialEq, Eq)]
pub enum PieOutcome {
    /// Still open (redraw if the highlight changed).
    Open { changed: bool },
    /// The user chose this item; the menu is closed.
    Chosen(String),
    /// Closed without a choice.
    Dismissed,
}

impl Pie {
    pub fn new(center: Point, items: Vec<String>) -> Pie {
        Pie {
            center,
            items,
            hovered: None,
            size: PieSize::default(),
        }
    }

    pub fn size(&self) -> PieSize {
        self.size
    }

    /// The screen area the menu covers.
    pub fn rect(&self) -> Rect {
        let r = self.size.outer as i32 + LABEL_MARGIN;
        Rect::new(self.center.x - r, self.center.y - r, 2 * r, 2 * r)
    }

    fn hit(&self, p: Point) -> Option<usize> {
        let (dx, dy) = ((p.x - self.center.x) as f32, (p.y - self.center.y) as f32);
        let reach = self.size.outer + LABEL_MARGIN as f32;
        let far = dx * dx + dy * dy > reach * reach * 4.0;
        if far {
            return None;
        }
        pie_hit(self.center, p, self.items.len(), self.size)
    }

    pub fn handle(&mut self, e: &abi::Event) -> PieOutcome {
        let p = Point::new(e.x, e.y);
        match e.kind {
            event::POINTER_MOVE => {
                let hovered = self.hit(p);
                let changed = hovered != self.hovered;
                self.hovered = hovered;
                PieOutcome::Open { changed }
            }
            event::BUTTON_UP if e.code == 1 => match self.hit(p) {
                Some(i) => PieOutcome::Chosen(self.items[i].clone()),
                None => PieOutcome::Open { changed: false },
            },
            event::BUTTON_DOWN if e.code == 0 => match self.hit(p) {
                Some(i) => PieOutcome::Chosen(self.items[i].clone()),
                None => PieOutcome::Dismissed,
            },
            event::KEY_DOWN => PieOutcome::Dismissed,
            _ => PieOutcome::Open { changed: false },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(kind: u32, code: u32, x: i32, y: i32) -> abi::Event {
        abi::Event {
            kind,
            code,
            x,
            y,
            modifiers: 0,
        }
    }

    #[test]
    fn flick_and_click_choose_and_the_centre_dismisses() {
        let items: Vec<String> = ["a", "b", "c", "d"]
            .iter()
            .map(|s| String::from(*s))
            .collect();
        let mut pie = Pie::new(Point::new(500, 500), items.clone());
        // Item 0 is at the top (12 o'clock); a flick up chooses it.
        assert_eq!(
            pie.handle(&at(event::POINTER_MOVE, 0, 500, 420)),
            PieOutcome::Open { changed: true }
        );
        assert_eq!(pie.hovered, Some(0));
        assert_eq!(
            pie.handle(&at(event::BUTTON_UP, 1, 500, 420)),
            PieOutcome::Chosen("a".into())
        );
        // Releasing in the centre keeps it open; a left click on the right slice chooses "b".
        let mut pie = Pie::new(Point::new(500, 500), items.clone());
        assert_eq!(
            pie.handle(&at(event::BUTTON_UP, 1, 500, 500)),
            PieOutcome::Open { changed: false }
        );
        assert_eq!(
            pie.handle(&at(event::BUTTON_DOWN, 0, 580, 500)),
            PieOutcome::Chosen("b".into())
        );
        let mut pie = Pie::new(Point::new(500, 500), items);
        assert_eq!(
            pie.handle(&at(event::BUTTON_DOWN, 0, 500, 500)),
            PieOutcome::Dismissed
        );
        assert!(pie.rect().contains(Point::new(500 + 170, 500)));
    }
}
