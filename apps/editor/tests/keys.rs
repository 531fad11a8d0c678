//! Host tests of the editor's key handling: events to commands, and commands to edits.

use editor::command::{self, keys, Command};
use editor::document::Motion;
use editor::Editor;
use gfx::uitk::LocalClipboard;
use sdk::abi::{modifiers, Event};

const CTRL: u32 = modifiers::CTRL;
const SHIFT: u32 = modifiers::SHIFT;

fn key(code: u32, mods: u32) -> Event {
    Event::key_down(code, mods)
}

fn ch(c: char) -> Event {
    Event::char(c)
}

/// The events the kernel sends when `text` is typed (a KEY_DOWN the editor ignores, then
/// the character).
fn typed(text: &str) -> Vec<Event> {
    text.chars().flat_map(|c| [key(30, 0), ch(c)]).collect()
}

fn run(editor: &mut Editor, events: &[Event], clipboard: &mut LocalClipboard) {
    let commands = command::from_events(events);
    editor.handle_all(&commands, clipboard);
}

#[test]
fn key_table() {
    assert_eq!(
        command::from_key(keys::LEFT, CTRL | SHIFT),
        Some(Command::Move(Motion::WordLeft, true))
    );
    assert_eq!(
        command::from_key(keys::HOME, CTRL),
        Some(Command::Move(Motion::DocumentStart, false))
    );
    assert_eq!(
        command::from_key(keys::PAGE_DOWN, SHIFT),
        Some(Command::Move(Motion::PageDown, true))
    );
    assert_eq!(command::from_key(30, CTRL), Some(Command::SelectAll));
    assert_eq!(command::from_key(44, CTRL), Some(Command::Undo));
    assert_eq!(command::from_key(44, CTRL | SHIFT), Some(Command::Redo));
    assert_eq!(command::from_key(21, CTRL), Some(Command::Redo));
    assert_eq!(command::from_key(33, CTRL), Some(Command::Find));
    assert_eq!(command::from_key(30, 0), None, "plain letters come as CHAR");
    assert_eq!(command::from_key(200, CTRL), None);
    // Ctrl+letter types nothing; typed characters merge into one command.
    let mut events = typed("ab");
    events.push(Event {
        modifiers: CTRL,
        ..ch('c')
    });
    events.push(ch('\n'));
    assert_eq!(
        command::from_events(&events),
        vec![Command::Type("ab".into())]
    );
}

#[test]
fn typing_moving_selecting_and_undo() {
    let mut e = Editor::new();
    let mut clip = LocalClipboard::default();
    run(&mut e, &typed("fn main() {"), &mut clip);
    run(&mut e, &[key(keys::ENTER, 0), key(keys::TAB, 0)], &mut clip);
    run(&mut e, &typed("let x = 1;"), &mut clip);
    run(&mut e, &[key(keys::ENTER, 0)], &mut clip);
    run(&mut e, &typed("}"), &mut clip);
    assert_eq!(
        e.document().buffer.text(),
        "fn main() {\n    let x = 1;\n    }"
    );
    assert_eq!(e.document().line_column(), (3, 6));
    // Ctrl+Home, Shift+Ctrl+Right selects the first word.
    run(
        &mut e,
        &[key(keys::HOME, CTRL), key(keys::RIGHT, CTRL | SHIFT)],
        &mut clip,
    );
    assert_eq!(e.document().selected_text(), "fn ");
    // Shift+End extends to the end of the line; Ctrl+C copies.
    run(&mut e, &[key(keys::END, SHIFT), key(46, CTRL)], &mut clip);
    assert_eq!(clip.text, "fn main() {");
    // Ctrl+End, paste, then undo the paste as one step.
    run(&mut e, &[key(keys::END, CTRL), key(47, CTRL)], &mut clip);
    assert!(e.document().buffer.text().ends_with("}fn main() {"));
    run(&mut e, &[key(44, CTRL)], &mut clip);
    assert_eq!(
        e.document().buffer.text(),
        "fn main() {\n    let x = 1;\n    }"
    );
    // Ctrl+Y redoes it.
    run(&mut e, &[key(21, CTRL)], &mut clip);
    assert!(e.document().buffer.text().ends_with("}fn main() {"));
    // Ctrl+A, Ctrl+X empties the document and fills the clipboard.
    run(&mut e, &[key(30, CTRL), key(45, CTRL)], &mut clip);
    assert_eq!(e.document().buffer.text(), "");
    assert!(clip.text.starts_with("fn main() {\n"));
}

#[test]
fn vertical_motion_keeps_the_goal_column_and_pages() {
    let text: String = (0..100).map(|i| format!("line {i}\n")).collect();
    let mut e = Editor::new();
    e.documents[0] = editor::Document::new("t", &text);
    e.page_lines = 10;
    let mut clip = LocalClipboard::default();
    run(&mut e, &[key(keys::PAGE_DOWN, 0)], &mut clip);
    assert_eq!(e.document().line_column(), (11, 1));
    run(
        &mut e,
        &[key(keys::END, 0), key(keys::PAGE_DOWN, SHIFT)],
        &mut clip,
    );
    assert_eq!(e.document().line_column(), (21, 8));
    let expected: String = (11..=20).map(|i| format!("\nline {i}")).collect();
    assert_eq!(e.document().selected_text(), expected);
    run(
        &mut e,
        &[key(keys::PAGE_UP, 0), key(keys::UP, 0)],
        &mut clip,
    );
    assert_eq!(e.document().line_column(), (10, 7), "line 9 is shorter");
    run(&mut e, &[key(keys::DOWN, 0)], &mut clip);
    assert_eq!(
        e.document().line_column(),
        (11, 8),
        "the goal column survives"
    );
}

#[test]
fn find_bar_searches_and_wraps() {
    let mut e = Editor::new();
    let mut clip = LocalClipboard::default();
    run(&mut e, &typed("alpha beta alpha gamma alpha"), &mut clip);
    run(&mut e, &[key(keys::HOME, CTRL), key(33, CTRL)], &mut clip);
    assert!(e.find.open);
    run(&mut e, &typed("alp"), &mut clip);
    assert_eq!(e.document().selection(), 0..3);
    run(&mut e, &typed("ha"), &mut clip);
    assert_eq!(e.document().selection(), 0..5);
    run(&mut e, &[key(keys::ENTER, 0)], &mut clip);
    assert_eq!(e.document().selection(), 11..16);
    run(&mut e, &[key(keys::F3, 0), key(keys::F3, 0)], &mut clip);
    assert_eq!(e.document().selection(), 0..5, "wraps to the start");
    run(&mut e, &[key(keys::ENTER, SHIFT)], &mut clip);
    assert_eq!(
        e.document().selection(),
        23..28,
        "previous wraps to the end"
    );
    run(&mut e, &typed("z"), &mut clip);
    assert!(e.find.missing);
    run(&mut e, &[key(keys::ESC, 0)], &mut clip);
    assert!(!e.find.open);
    // With the bar closed, typing edits the document again.
    run(&mut e, &typed("!"), &mut clip);
    assert!(e.document().buffer.text().ends_with("gamma !"));
}

#[test]
fn tabs_open_switch_and_close() {
    let mut e = Editor::new();
    let mut clip = LocalClipboard::default();
    run(&mut e, &typed("first"), &mut clip);
    run(&mut e, &[key(20, CTRL)], &mut clip);
    assert_eq!(e.documents.len(), 2);
    run(&mut e, &typed("second"), &mut clip);
    run(&mut e, &[key(keys::PAGE_UP, CTRL)], &mut clip);
    assert_eq!(e.document().buffer.text(), "first");
    run(
        &mut e,
        &[key(keys::PAGE_DOWN, CTRL), key(17, CTRL)],
        &mut clip,
    );
    assert_eq!(e.documents.len(), 1);
    assert_eq!(e.document().buffer.text(), "first");
    run(&mut e, &[key(17, CTRL)], &mut clip);
    assert_eq!(
        e.documents.len(),
        1,
        "the last tab is replaced by an empty one"
    );
    assert_eq!(e.document().buffer.text(), "");
}
