//! uitk: an immediate-mode UI toolkit.
//!
//! "Immediate mode" (as in microui and Dear ImGui) means there is no tree of widget objects.
//! Each frame the program calls `ui.button(rect, id, "OK")`, which draws the button *and*
//! answers whether it was clicked, in one call. The only state kept between frames is small:
//! which widget the pointer pressed (`active`), which one has the keyboard (`focus`), how long
//! the pointer has rested (for tooltips): that is [`Memory`]. Widgets with real content keep
//! it in structs the program owns ([`TextBox`], [`ScrollView`], [`TileCache`]).
//!
//! A frame goes:
//!
//! ```text
//! let mut ui = Ui::new(&mut surface, &input, &mut memory, &stylesheet);
//! let cells = layout::row(area, &[Track::Weight(1), Track::Px(80)], 8);
//! ui.text_box(cells[0], &mut name);
//! if ui.button(cells[1], Id::from("ok"), "OK") { ... }
//! ui.finish();
//! ```
//!
//! Widgets are identified by an [`Id`], a hash the caller gives (a label, or a label mixed
//! with an index for lists). Layout is explicit rectangles ([`layout`]), so rows and columns
//! with weights follow the window's size. Looks come from the [`Stylesheet`]; any single
//! widget can be restyled with [`Ui::override_next`].
//!
//! A click is reported once: on the frame the button is released over the widget it was
//! pressed on (so dragging off a button cancels the click, as users expect).

pub mod graph;
pub mod input;
pub mod layout;
pub mod scroll;
pub mod style;
pub mod textbox;
pub mod tiles;
pub mod widgets;

pub use graph::GraphKind;
pub use input::{Clipboard, Input, Key, KeyPress, LocalClipboard};
pub use layout::{column, row, Track};
pub use scroll::ScrollView;
pub use style::{Element, Palette, Style, Stylesheet};
pub use textbox::TextBox;
pub use tiles::TileCache;

use crate::geom::{limit, Point, Rect};
use crate::surface::Surface;

/// A widget's identity across frames.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub struct Id(pub u64);

impl Id {
    /// FNV-1a hash of a label.
    pub const fn from_str(label: &str) -> Id {
        let bytes = label.as_bytes();
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let mut i = 0;
        while i < bytes.len() {
            h ^= bytes[i] as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
            i += 1;
        }
        Id(h)
    }

    /// A derived id, for the n-th item of a list.
    pub const fn child(self, n: u64) -> Id {
        Id((self.0 ^ n.wrapping_mul(0x9e37_79b9_7f4a_7c15)).wrapping_mul(0x0100_0000_01b3))
    }
}

impl From<&str> for Id {
    fn from(label: &str) -> Id {
        Id::from_str(label)
    }
}

/// What the toolkit remembers between frames.
#[derive(Clone, Debug, Default)]
pub struct Memory {
    /// The widget the pointer pressed and still holds.
    pub active: Option<Id>,
    /// The widget that receives typing.
    pub focus: Option<Id>,
    /// The widget under the pointer last frame, and for how many frames it has been.
    pub hover: Option<Id>,
    pub hover_frames: u32,
    /// Pointer offset inside a dragged scrollbar thumb.
    pub drag_offset: i32,
    /// Frames drawn so far (the text cursor blinks with it).
    pub frame: u64,
}

/// How a widget responded this frame.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Response {
    /// Pressed and released over the widget (true on exactly one frame per click).
    pub clicked: bool,
    /// The pointer is over the widget.
    pub hovered: bool,
    /// The pointer pressed the widget and still holds the button.
    pub held: bool,
    /// The widget's value changed (text edited, scrolled).
    pub changed: bool,
    /// Enter was pressed in a single-line text box.
    pub submitted: bool,
}

/// One frame of UI drawing onto a surface.
pub struct Ui<'a, 's> {
    pub surface: &'a mut Surface<'s>,
    pub input: &'a Input,
    pub memory: &'a mut Memory,
    pub style: &'a Stylesheet,
    clipboard: Option<&'a mut dyn Clipboard>,
    next_style: Option<Style>,
    enabled: bool,
    hovered_this_frame: Option<Id>,
    focus_claimed: bool,
    /// The pointer, clamped to sane coordinates.
    mouse: Point,
}

impl<'a, 's> Ui<'a, 's> {
    pub fn new(
        surface: &'a mut Surface<'s>,
        input: &'a Input,
        memory: &'a mut Memory,
        style: &'a Stylesheet,
    ) -> Ui<'a, 's> {
        memory.frame = memory.frame.wrapping_add(1);
        Ui {
            surface,
            input,
            memory,
            style,
            clipboard: None,
            next_style: None,
            enabled: true,
            hovered_this_frame: None,
            focus_claimed: false,
            mouse: Point::new(limit(input.mouse.x), limit(input.mouse.y)),
        }
    }

    /// The pointer position (clamped to +-`geom::LIMIT`).
    pub fn mouse(&self) -> Point {
        self.mouse
    }

    /// Lets text boxes copy to and paste from `clipboard`.
    pub fn with_clipboard(mut self, clipboard: &'a mut dyn Clipboard) -> Ui<'a, 's> {
        self.clipboard = Some(clipboard);
        self
    }

    pub(crate) fn clipboard(&mut self) -> Option<&mut (dyn Clipboard + 'a)> {
        self.clipboard.as_deref_mut()
    }

    /// Replaces the stylesheet's style for the next widget only.
    pub fn override_next(&mut self, style: Style) {
        self.next_style = Some(style);
    }

    /// Disables (greys out, ignores input for) the widgets that follow until re-enabled.
    pub fn set_enabled(&mut self, enabled: bool) {
        self.enabled = enabled;
    }

    pub fn is_enabled(&self) -> bool {
        self.enabled
    }

    /// The style for the next widget of kind `element` (consumes an override).
    pub fn style_for(&mut self, element: Element) -> Style {
        self.next_style
            .take()
            .unwrap_or_else(|| self.style.get(element))
    }

    /// The pointer interaction with a widget occupying `rect`: hover, press, click.
    pub fn interact(&mut self, rect: Rect, id: Id) -> Response {
        let visible = rect.intersect(&self.surface.clip_rect());
        let over = self.enabled && visible.contains(self.mouse);
        let mut r = Response {
            hovered: over,
            ..Response::default()
        };
        if over {
            self.hovered_this_frame = Some(id);
            if self.input.pressed {
                self.memory.active = Some(id);
            }
        }
        if self.memory.active == Some(id) {
            r.held = self.input.mouse_down || self.input.pressed;
            if self.input.released {
                self.memory.active = None;
                r.clicked = over;
                r.held = false;
            }
        }
        r
    }

    /// Gives `id` the keyboard (text boxes call it when clicked).
    pub fn focus(&mut self, id: Id) {
        self.memory.focus = Some(id);
        self.focus_claimed = true;
    }

    pub fn has_focus(&self, id: Id) -> bool {
        self.memory.focus == Some(id)
    }

    /// True when the pointer has rested on `id` for `frames` frames.
    pub fn hovered_for(&self, id: Id, frames: u32) -> bool {
        self.memory.hover == Some(id) && self.memory.hover_frames >= frames
    }

    /// Ends the frame: updates hover timing, and drops the focus when the user clicked
    /// somewhere no focusable widget claimed.
    pub fn finish(self) {
        if self.hovered_this_frame == self.memory.hover && self.hovered_this_frame.is_some() {
            self.memory.hover_frames = self.memory.hover_frames.saturating_add(1);
        } else {
            self.memory.hover = self.hovered_this_frame;
            self.memory.hover_frames = 0;
        }
        if self.input.pressed && !self.focus_claimed {
            self.memory.focus = None;
        }
        if !self.input.mouse_down && !self.input.pressed {
            self.memory.active = None;
        }
    }
}
