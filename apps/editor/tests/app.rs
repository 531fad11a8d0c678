//! The app in the SDK's fake kernel: drawing only what changed, the mouse, the clipboard,
//! the session surviving a restart, and a 1 MB document.

use editor::EditorApp;
use gfx::Rect;
use sdk::abi::{event, modifiers, Event};
use sdk::fake;
use sdk::Runner;
use std::time::Instant;

const CTRL: u32 = modifiers::CTRL;

fn push(events: &[Event]) {
    fake::with(|k| events.iter().for_each(|e| k.push_event(*e)));
}

fn key(code: u32, mods: u32) -> Event {
    Event::key_down(code, mods)
}

fn typed(text: &str) -> Vec<Event> {
    text.chars().map(Event::char).collect()
}

fn pointer(kind: u32, x: i32, y: i32) -> Event {
    Event {
        kind,
        x,
        y,
        ..Event::default()
    }
}

fn start(size: (u32, u32)) -> (Runner, EditorApp) {
    fake::reset();
    fake::with(|k| k.window = size);
    let mut runner = Runner::new();
    let mut app = EditorApp::restore();
    runner.frame(&mut app);
    (runner, app)
}

#[test]
fn idle_frames_present_nothing_and_typing_damages_one_row() {
    let (mut runner, mut app) = start((640, 400));
    assert_eq!(runner.frame(&mut app).presented, None, "idle");
    push(&typed("hello"));
    let damage = runner.frame(&mut app).presented.expect("typing presents");
    let area = editor::app::text_area(Rect::new(0, 0, 640, 400), &app.editor);
    // One text row is repainted (plus the status line); the tab bar is not.
    assert_eq!(app.renderer().unwrap().rows_redrawn, 1);
    assert!(damage.y >= area.y, "the tab bar is not redrawn: {damage:?}");
    assert_eq!(app.editor.document().buffer.text(), "hello");
    // The glyphs are on screen: the first row holds dark pixels.
    let frame = fake::with(|k| k.last_present().cloned()).unwrap();
    let dark = (area.x..area.x + 200)
        .flat_map(|x| (area.y..area.y + 18).map(move |y| (x, y)))
        .filter(|&(x, y)| {
            frame
                .pixel(x as u32, y as u32)
                .is_some_and(|p| p & 0xff < 0x60)
        })
        .count();
    assert!(dark > 20, "{dark} dark pixels");
}

#[test]
fn mouse_click_drag_and_double_click_select() {
    let (mut runner, mut app) = start((640, 400));
    push(&typed("alpha beta gamma"));
    runner.frame(&mut app);
    let area = editor::app::text_area(Rect::new(0, 0, 640, 400), &app.editor);
    let layout = editor::view::Layout::new(Rect::new(0, 0, 640, 400), &app.editor);
    let (cw, lh) = layout.cell;
    let x_of = |col: i32| area.x + layout.text_x() + col * cw;
    let y = area.y + lh / 2;
    // Press at column 6, drag to column 10: "beta".
    push(&[
        pointer(event::POINTER_MOVE, x_of(6), y),
        pointer(event::BUTTON_DOWN, x_of(6), y),
    ]);
    runner.frame(&mut app);
    push(&[pointer(event::POINTER_MOVE, x_of(10), y)]);
    runner.frame(&mut app);
    push(&[pointer(event::BUTTON_UP, x_of(10), y)]);
    runner.frame(&mut app);
    assert_eq!(app.editor.document().selected_text(), "beta");
    // A double click on "gamma" selects it.
    let gx = x_of(13);
    push(&[
        pointer(event::BUTTON_DOWN, gx, y),
        pointer(event::BUTTON_UP, gx, y),
    ]);
    runner.frame(&mut app);
    push(&[
        pointer(event::BUTTON_DOWN, gx, y),
        pointer(event::BUTTON_UP, gx, y),
    ]);
    runner.frame(&mut app);
    assert_eq!(app.editor.document().selected_text(), "gamma");
    // Ctrl+C puts it on the system clipboard.
    push(&[key(46, CTRL)]);
    runner.frame(&mut app);
    assert_eq!(fake::with(|k| k.clipboard.clone()), b"gamma");
    assert!(fake::log_lines()
        .iter()
        .any(|l| l == "editor: copied 5 bytes"));
}

#[test]
fn session_survives_closing_and_reopening() {
    let (mut runner, mut app) = start((640, 400));
    push(&typed("first document"));
    push(&[key(20, CTRL)]);
    push(&typed("zweites Dokument: größer"));
    runner.frame(&mut app);
    // Nothing is saved until a second has passed without changes.
    assert!(fake::with(|k| k.store.is_empty()));
    for _ in 0..70 {
        runner.step(&mut app);
    }
    assert!(fake::log_lines()
        .iter()
        .any(|l| l.starts_with("editor: saved 2 documents")));
    // "Reopen": a new app from the store.
    let reopened = EditorApp::restore();
    assert_eq!(reopened.editor.documents.len(), 2);
    assert_eq!(reopened.editor.active, 1);
    assert_eq!(reopened.editor.documents[0].buffer.text(), "first document");
    assert_eq!(
        reopened.editor.document().buffer.text(),
        "zweites Dokument: größer"
    );
    // A damaged store value is ignored, not trusted.
    let mut bytes = fake::with(|k| k.store.values().next().cloned()).unwrap();
    for cut in [0, 3, 4, 12, 20, bytes.len() - 1] {
        assert!(
            editor::session::decode(&bytes[..cut]).is_err(),
            "cut at {cut}"
        );
    }
    bytes[4] = 0xff;
    bytes[5] = 0xff;
    assert!(editor::session::decode(&bytes).is_err());
}

#[test]
fn scrolling_reuses_tiles_and_wheel_moves_the_view() {
    let text: String = (0..2000).map(|i| format!("line number {i}\n")).collect();
    fake::reset();
    let mut editor = editor::Editor::new();
    editor.documents[0] = editor::Document::new("big", &text);
    let mut app = EditorApp::new(editor);
    fake::with(|k| k.window = (640, 400));
    let mut runner = Runner::new();
    runner.frame(&mut app);
    push(&[Event {
        kind: event::WHEEL,
        code: (-1i32) as u32,
        x: 100,
        y: 100,
        ..Event::default()
    }]);
    push(&[pointer(event::POINTER_MOVE, 100, 100)]);
    runner.frame(&mut app);
    assert_eq!(app.editor.document().top_line, 3);
    let r = app.renderer().unwrap();
    assert!(r.tiles_reused > 0, "scrolling reuses tiles");
    eprintln!(
        "wheel: {} tiles redrawn, {} reused",
        r.tiles_redrawn, r.tiles_reused
    );
    // Ctrl+End jumps to the end and the view follows.
    push(&[key(107, CTRL)]);
    runner.frame(&mut app);
    let doc = app.editor.document();
    assert!(doc.top_line > 1900, "{}", doc.top_line);
}

#[test]
fn a_megabyte_document_stays_responsive() {
    let line = "the quick brown fox jumps over the lazy dog, 0123456789 ÄÖÜ\n";
    let text: String = line.repeat((1 << 20) / line.len() + 1);
    fake::reset();
    let mut editor = editor::Editor::new();
    editor.documents[0] = editor::Document::new("big", &text);
    let mut app = EditorApp::new(editor);
    fake::with(|k| k.window = (1280, 800));
    let mut runner = Runner::new();
    runner.frame(&mut app);
    push(&[key(107, CTRL)]);
    runner.frame(&mut app);
    let started = Instant::now();
    for c in "typing at the end".chars() {
        push(&typed(&c.to_string()));
        runner.frame(&mut app);
    }
    let per_key = started.elapsed() / 17;
    eprintln!("1 MB document: {per_key:?} per typed character (native)");
    assert!(app
        .editor
        .document()
        .buffer
        .text()
        .ends_with("typing at the end"));
    assert!(per_key.as_millis() < 50, "{per_key:?}");
}
