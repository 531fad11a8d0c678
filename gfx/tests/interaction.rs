//! Widgets driven by synthetic input: clicks, typing, the clipboard, the wheel, scrollbar
//! drags, and the tile cache's reuse of unchanged tiles.

use gfx::uitk::{
    Id, Input, Key, KeyPress, LocalClipboard, Memory, ScrollView, Stylesheet, TextBox, TileCache,
    Ui,
};
use gfx::{Bitmap, Color, Point, Rect};

const BUTTON: Rect = Rect::new(10, 10, 100, 30);

/// Runs one frame with `input`, drawing a button; returns whether it was clicked.
fn button_frame(memory: &mut Memory, input: &Input) -> bool {
    let mut bmp = Bitmap::new(200, 100, Color::WHITE);
    let mut s = bmp.surface();
    let sheet = Stylesheet::light();
    let mut ui = Ui::new(&mut s, input, memory, &sheet);
    let clicked = ui.button(BUTTON, Id::from("b"), "Button");
    ui.finish();
    clicked
}

#[test]
fn a_click_returns_true_once() {
    let mut m = Memory::default();
    let at = Point::new(50, 20);
    let down = Input {
        mouse: at,
        mouse_down: true,
        pressed: true,
        ..Input::default()
    };
    let hold = Input {
        mouse: at,
        mouse_down: true,
        ..Input::default()
    };
    let up = Input {
        mouse: at,
        released: true,
        ..Input::default()
    };
    assert!(!button_frame(&mut m, &down));
    assert!(!button_frame(&mut m, &hold));
    assert!(button_frame(&mut m, &up));
    assert!(!button_frame(&mut m, &Input::at(at)));
    assert!(!button_frame(&mut m, &Input::at(at)));
    // Down and up within one frame is a click too.
    assert!(button_frame(&mut m, &Input::click(at)));
    assert!(!button_frame(&mut m, &Input::at(at)));
}

#[test]
fn dragging_off_cancels_and_releasing_elsewhere_does_not_click() {
    let mut m = Memory::default();
    let on = Point::new(50, 20);
    let off = Point::new(150, 80);
    button_frame(
        &mut m,
        &Input {
            mouse: on,
            mouse_down: true,
            pressed: true,
            ..Input::default()
        },
    );
    assert!(!button_frame(
        &mut m,
        &Input {
            mouse: off,
            released: true,
            ..Input::default()
        }
    ));
    // Pressing elsewhere and releasing over the button is not a click either.
    button_frame(
        &mut m,
        &Input {
            mouse: off,
            mouse_down: true,
            pressed: true,
            ..Input::default()
        },
    );
    assert!(!button_frame(
        &mut m,
        &Input {
            mouse: on,
            released: true,
            ..Input::default()
        }
    ));
}

struct Editor {
    tb: TextBox,
    memory: Memory,
    clipboard: LocalClipboard,
}

const BOX: Rect = Rect::new(10, 10, 300, 30);

impl Editor {
    fn new(text: &str, multiline: bool) -> Editor {
        Editor {
            tb: TextBox::new(Id::from("tb"), text, multiline),
            memory: Memory::default(),
            clipboard: LocalClipboard::default(),
        }
    }

    fn frame(&mut self, input: &Input) -> gfx::uitk::Response {
        let mut bmp = Bitmap::new(400, 200, Color::WHITE);
        let mut s = bmp.surface();
        let sheet = Stylesheet::light();
        let rect = if self.tb.multiline {
            Rect::new(10, 10, 300, 150)
        } else {
            BOX
        };
        let mut ui =
            Ui::new(&mut s, input, &mut self.memory, &sheet).with_clipboard(&mut self.clipboard);
        let r = ui.text_box(rect, &mut self.tb);
        ui.finish();
        r
    }

    fn keys(&mut self, keys: &[KeyPress]) -> gfx::uitk::Response {
        self.frame(&Input {
            keys: keys.to_vec(),
            ..Input::default()
        })
    }

    fn type_text(&mut self, text: &str) -> gfx::uitk::Response {
        self.frame(&Input {
            text: text.into(),
            ..Input::default()
        })
    }
}

#[test]
fn typing_edits_the_text_box() {
    let mut e = Editor::new("", false);
    // Not focused: typing does nothing.
    assert!(!e.type_text("ignored").changed);
    assert_eq!(e.tb.text, "");
    // Click to focus, then type.
    e.frame(&Input::click(Point::new(100, 25)));
    assert!(e.type_text("hello wörld").changed);
    assert_eq!(e.tb.text, "hello wörld");
    e.keys(&[KeyPress::new(Key::Backspace); 3]);
    assert_eq!(e.tb.text, "hello wö");
    e.keys(&[KeyPress::new(Key::Home), KeyPress::new(Key::Delete)]);
    assert_eq!(e.tb.text, "ello wö");
    e.type_text("H");
    assert_eq!(e.tb.text, "Hello wö");
    // Select "Hello" with Shift+Right and replace it.
    e.keys(&[KeyPress::new(Key::Home)]);
    e.keys(&[KeyPress::shifted(Key::Right); 5]);
    assert_eq!(e.tb.selected_text(), "Hello");
    e.type_text("Bye");
    assert_eq!(e.tb.text, "Bye wö");
    // Enter submits a single-line box without changing it.
    let r = e.keys(&[KeyPress::new(Key::Enter)]);
    assert!(r.submitted && !r.changed);
    assert_eq!(e.tb.text, "Bye wö");
    // Cursor movement never splits the two-byte 'ö'.
    e.keys(&[KeyPress::new(Key::End), KeyPress::new(Key::Left)]);
    assert_eq!(e.tb.cursor, "Bye w".len());
}

#[test]
fn clipboard_copy_cut_paste() {
    let mut e = Editor::new("copy me", false);
    e.frame(&Input::click(Point::new(300, 25)));
    e.keys(&[KeyPress::new(Key::Ctrl('a')), KeyPress::new(Key::Ctrl('c'))]);
    assert_eq!(e.clipboard.text, "copy me");
    e.keys(&[KeyPress::new(Key::End), KeyPress::new(Key::Ctrl('v'))]);
    assert_eq!(e.tb.text, "copy mecopy me");
    e.keys(&[KeyPress::new(Key::Ctrl('a')), KeyPress::new(Key::Ctrl('x'))]);
    assert_eq!(e.tb.text, "");
    // A multi-line paste into a single-line box becomes one line.
    e.clipboard.text = "two\nlines".into();
    e.keys(&[KeyPress::new(Key::Ctrl('v'))]);
    assert_eq!(e.tb.text, "two lines");
}

#[test]
fn clicking_places_the_cursor_and_dragging_selects() {
    let mut e = Editor::new("abcdefghij", false);
    let x0 = BOX.x + Stylesheet::light().text_box.padding;
    e.frame(&Input::click(Point::new(x0 - 2, 25)));
    assert_eq!(e.tb.cursor, 0);
    e.frame(&Input {
        mouse: Point::new(x0, 25),
        mouse_down: true,
        pressed: true,
        ..Input::default()
    });
    e.frame(&Input {
        mouse: Point::new(x0 + 500, 25),
        mouse_down: true,
        ..Input::default()
    });
    e.frame(&Input {
        mouse: Point::new(x0 + 500, 25),
        released: true,
        ..Input::default()
    });
    assert_eq!(e.tb.selected_text(), "abcdefghij");
    // Clicking elsewhere drops the focus: typing goes nowhere.
    e.frame(&Input::click(Point::new(390, 190)));
    e.type_text("x");
    assert_eq!(e.tb.text, "abcdefghij");
}

#[test]
fn multi_line_enter_and_arrows() {
    let mut e = Editor::new("", true);
    e.frame(&Input::click(Point::new(50, 50)));
    e.type_text("first");
    e.keys(&[KeyPress::new(Key::Enter)]);
    e.type_text("second");
    assert_eq!(e.tb.text, "first\nsecond");
    e.keys(&[KeyPress::new(Key::Up)]);
    assert!(e.tb.cursor <= "first".len());
    e.keys(&[KeyPress::new(Key::Home)]);
    e.type_text(">");
    assert_eq!(e.tb.text, ">first\nsecond");
    e.keys(&[KeyPress::new(Key::Down), KeyPress::new(Key::End)]);
    e.type_text("!");
    assert_eq!(e.tb.text, ">first\nsecond!");
}

/// One frame of a 200x100 scroll area at (0, 0) over 1000x1000 content.
fn scroll_frame(sv: &mut ScrollView, memory: &mut Memory, input: &Input) -> bool {
    let mut bmp = Bitmap::new(300, 200, Color::WHITE);
    let mut s = bmp.surface();
    let sheet = Stylesheet::light();
    let mut ui = Ui::new(&mut s, input, memory, &sheet);
    let r = ui.scroll_area(Rect::new(0, 0, 200, 100), sv, (1000, 1000), |c, visible| {
        c.fill_rect(visible, Color::BLACK);
    });
    ui.finish();
    r.changed
}

#[test]
fn the_wheel_scrolls_the_canvas() {
    let mut sv = ScrollView::new(Id::from("s"));
    let mut m = Memory::default();
    let wheel = |n, at| Input {
        mouse: at,
        wheel: n,
        ..Input::default()
    };
    assert!(scroll_frame(&mut sv, &mut m, &wheel(2, Point::new(50, 50))));
    assert_eq!(sv.offset, Point::new(0, 80));
    assert!(scroll_frame(
        &mut sv,
        &mut m,
        &wheel(-1, Point::new(50, 50))
    ));
    assert_eq!(sv.offset.y, 40);
    // Scrolling stops at the ends.
    scroll_frame(&mut sv, &mut m, &wheel(-100, Point::new(50, 50)));
    assert_eq!(sv.offset.y, 0);
    scroll_frame(&mut sv, &mut m, &wheel(1000, Point::new(50, 50)));
    assert_eq!(sv.offset.y, 1000 - 90); // the horizontal bar takes 10 pixels
                                        // The wheel elsewhere does nothing.
    assert!(!scroll_frame(
        &mut sv,
        &mut m,
        &wheel(-3, Point::new(250, 150))
    ));
}

#[test]
fn dragging_the_scrollbar_thumb() {
    let mut sv = ScrollView::new(Id::from("s"));
    let mut m = Memory::default();
    // The vertical bar is at x 190..200; its thumb starts at the top.
    scroll_frame(
        &mut sv,
        &mut m,
        &Input {
            mouse: Point::new(195, 3),
            mouse_down: true,
            pressed: true,
            ..Input::default()
        },
    );
    scroll_frame(
        &mut sv,
        &mut m,
        &Input {
            mouse: Point::new(195, 43),
            mouse_down: true,
            ..Input::default()
        },
    );
    assert!(sv.offset.y > 300, "offset {}", sv.offset.y);
    scroll_frame(
        &mut sv,
        &mut m,
        &Input {
            mouse: Point::new(195, 43),
            released: true,
            ..Input::default()
        },
    );
    let held = sv.offset;
    scroll_frame(&mut sv, &mut m, &Input::at(Point::new(195, 90)));
    assert_eq!(sv.offset, held);
}

#[test]
fn unchanged_tiles_are_reused_not_redrawn() {
    let mut cache = TileCache::new(64, 64, Color::WHITE);
    let mut target = Bitmap::new(200, 150, Color::BLACK);
    let mut revision = [0u64; 64];
    let mut drawn = 0;
    let mut frame =
        |cache: &mut TileCache, scroll: Point, revision: &[u64; 64], drawn: &mut usize| {
            cache.draw(
                &mut target.surface(),
                scroll,
                (512, 512),
                |tile| revision[(tile.y / 64 * 8 + tile.x / 64) as usize],
                |s, tile| {
                    *drawn += 1;
                    s.fill_rect(
                        tile.inset(2),
                        Color::rgb((tile.x / 2) as u8, (tile.y / 2) as u8, 90),
                    );
                },
            );
        };
    // First frame: 4 x 3 visible tiles are drawn.
    frame(&mut cache, Point::new(0, 0), &revision, &mut drawn);
    assert_eq!((cache.redrawn, cache.reused, drawn), (12, 0, 12));
    // Same content: nothing is redrawn.
    frame(&mut cache, Point::new(0, 0), &revision, &mut drawn);
    assert_eq!((cache.redrawn, cache.reused, drawn), (0, 12, 12));
    // One tile's content changes: only it is redrawn.
    revision[1] += 1;
    frame(&mut cache, Point::new(0, 0), &revision, &mut drawn);
    assert_eq!((cache.redrawn, cache.reused), (1, 11));
    // Scrolling by one tile: only the new row is drawn.
    frame(&mut cache, Point::new(0, 64), &revision, &mut drawn);
    assert_eq!((cache.redrawn, cache.reused), (4, 8));
    // Reused tiles land in the right place.
    let mut direct = Bitmap::new(200, 150, Color::BLACK);
    {
        let mut s = direct.surface();
        let mut content = s.sub(Rect::new(0, -64, 512, 512));
        for ty in 0..8 {
            for tx in 0..8 {
                let tile = Rect::new(tx * 64, ty * 64, 64, 64);
                content.fill_rect(tile, Color::WHITE);
                content.fill_rect(
                    tile.inset(2),
                    Color::rgb((tile.x / 2) as u8, (tile.y / 2) as u8, 90),
                );
            }
        }
    }
    assert_eq!(target.pixels, direct.pixels);
}

#[test]
fn tooltip_appears_after_the_pointer_rests() {
    let sheet = Stylesheet::light();
    let mut memory = Memory::default();
    let input = Input::at(Point::new(50, 20));
    let mut shown = Vec::new();
    for _ in 0..40 {
        let mut bmp = Bitmap::new(300, 120, Color::WHITE);
        let mut s = bmp.surface();
        let mut ui = Ui::new(&mut s, &input, &mut memory, &sheet);
        ui.button(BUTTON, Id::from("b"), "Button");
        ui.tooltip(BUTTON, Id::from("b"), "Explains the button");
        ui.finish();
        // The tooltip is drawn below the pointer, where the button is not.
        shown.push(bmp.pixel(70, 50) != Some(Color::WHITE));
    }
    let first = shown.iter().position(|&s| s).expect("tooltip never shown");
    // The first frame over the button starts the count; the tooltip shows once the pointer
    // has rested for TOOLTIP_DELAY more frames.
    assert_eq!(first, gfx::uitk::widgets::TOOLTIP_DELAY as usize + 1);
    assert!(shown[first..].iter().all(|&s| s));
}

#[test]
fn disabled_widgets_ignore_input() {
    let sheet = Stylesheet::light();
    let mut memory = Memory::default();
    let mut tb = TextBox::new(Id::from("t"), "fixed", false);
    for input in [
        Input::click(Point::new(50, 20)),
        Input {
            text: "typed".into(),
            ..Input::default()
        },
    ] {
        let mut bmp = Bitmap::new(200, 100, Color::WHITE);
        let mut s = bmp.surface();
        let mut ui = Ui::new(&mut s, &input, &mut memory, &sheet);
        ui.set_enabled(false);
        assert!(!ui.button(BUTTON, Id::from("b"), "Button"));
        ui.text_box(Rect::new(10, 50, 150, 30), &mut tb);
        ui.finish();
    }
    assert_eq!(tb.text, "fixed");
}
