//! Raw events to toolkit input, and stylesheet text to a stylesheet.

use abi::{event, modifiers, Event};
use gfx::uitk::{Key, KeyPress, Palette};
use gfx::{Color, Point};
use sdk::input::{key_press, keys, letter, InputTracker};
use sdk::style;

fn ev(kind: u32, code: u32, x: i32, y: i32, mods: u32) -> Event {
    Event {
        kind,
        code,
        x,
        y,
        modifiers: mods,
    }
}

#[test]
fn pointer_state_spans_frames() {
    let mut t = InputTracker::new();
    let i = t.frame(&[
        ev(event::POINTER_MOVE, 0, 5, 6, 0),
        ev(event::BUTTON_DOWN, 0, 7, 8, 0),
    ]);
    assert!(i.pressed && i.mouse_down && !i.released);
    assert_eq!(i.mouse, Point::new(7, 8));
    let i = t.frame(&[]);
    assert!(i.mouse_down && !i.pressed);
    assert_eq!(i.mouse, Point::new(7, 8));
    let i = t.frame(&[ev(event::BUTTON_UP, 0, 9, 9, 0)]);
    assert!(i.released && !i.mouse_down);
    // Right button and focus loss.
    let i = t.frame(&[ev(event::BUTTON_DOWN, 1, 0, 0, 0)]);
    assert!(!i.pressed && !i.mouse_down);
    t.frame(&[ev(event::BUTTON_DOWN, 0, 1, 1, 0)]);
    let i = t.frame(&[ev(event::FOCUS, 0, 0, 0, 0)]);
    assert!(!i.mouse_down);
}

#[test]
fn typing_keys_and_wheel() {
    let mut t = InputTracker::new();
    let i = t.frame(&[
        ev(event::CHAR, 'h' as u32, 0, 0, 0),
        ev(event::CHAR, 'é' as u32, 0, 0, 0),
        ev(event::CHAR, 0x08, 0, 0, 0),   // control: dropped
        ev(event::CHAR, 0xD800, 0, 0, 0), // not a scalar value: dropped
        ev(event::CHAR, 'c' as u32, 0, 0, modifiers::CTRL),
        ev(event::KEY_DOWN, 46, 0, 0, modifiers::CTRL), // Ctrl+C
        ev(event::KEY_DOWN, keys::LEFT, 0, 0, modifiers::SHIFT),
        ev(event::KEY_DOWN, 30, 0, 0, 0), // plain 'a': text only
        ev(event::WHEEL, 2, 0, 0, 0),
        ev(event::WHEEL, (-5i32) as u32, 0, 0, 0),
    ]);
    assert_eq!(i.text, "hé");
    assert_eq!(
        i.keys,
        vec![KeyPress::new(Key::Ctrl('c')), KeyPress::shifted(Key::Left)]
    );
    assert_eq!(i.wheel, 3);
    assert_eq!(letter(16), Some('q'));
    assert_eq!(letter(50), Some('m'));
    assert_eq!(letter(51), None);
    assert_eq!(letter(0), None);
    assert_eq!(key_press(keys::ENTER, 0), Some(KeyPress::new(Key::Enter)));
    assert_eq!(key_press(999, modifiers::CTRL), None);
}

#[test]
fn stylesheet_text_sets_the_palette() {
    let text = "# a comment\n theme = dark \naccent = #102030  # trailing\n\
                window=#80112233\nbogus = 12\ntext = #12345\nmuted = #zzzzzz\nno equals\n";
    let p = style::parse_palette(text);
    assert_eq!(p.accent, Color::rgb(0x10, 0x20, 0x30));
    assert_eq!(p.window, Color(0x8011_2233));
    assert_eq!(p.text, Palette::DARK.text);
    assert_eq!(p.muted, Palette::DARK.muted);
    assert_eq!(style::parse("").palette, Palette::LIGHT);
    let sheet = style::parse("theme = dark");
    assert_eq!(sheet.button.foreground, Palette::DARK.text);
    assert_eq!(style::parse_color("#+12345"), None);
    assert_eq!(style::parse_color("#ffffff"), Some(Color::WHITE));
}
