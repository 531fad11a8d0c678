//! The REPL driven through the fake kernel: keys in, screen text, log lines and clipboard
//! out, as the app sees them in the OS.

use abi::{event, modifiers, Event};
use sdk::fake;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use terminal::keys::codes;
use terminal::{Driver, Limits};

fn key(code: u32, mods: u32) -> Event {
    Event::key_down(code, mods)
}

/// The events that type `text` (CHAR events; `\n` presses Enter).
fn typed(text: &str) -> Vec<Event> {
    text.chars()
        .map(|c| match c {
            '\n' => key(codes::ENTER, 0),
            c => Event::char(c),
        })
        .collect()
}

/// Queues events for the next frame.
fn send(events: Vec<Event>) {
    fake::with(|k| events.into_iter().for_each(|e| k.push_event(e)));
}

fn type_text(text: &str) {
    send(typed(text));
}

fn press(code: u32, mods: u32) {
    send(vec![key(code, mods)]);
}

/// Events to deliver once the app has yielded so many times (while Python runs).
type Script = Rc<RefCell<Vec<(u64, Vec<Event>)>>>;

/// A driver on a clock that moves 1 ms each time it is read, so the tick hook's frames
/// come due while Python runs; reading the clock also delivers the scripted events that
/// are due, which is how a test presses keys in the middle of a run.
fn session(limits: Limits) -> (Driver, Script) {
    fake::reset();
    fake::with(|k| k.window = (640, 400));
    let now = Rc::new(Cell::new(0u64));
    let script: Script = Rc::default();
    let pending = script.clone();
    let driver = Driver::with_clock(
        limits,
        Rc::new(move || {
            let yields = fake::with(|k| k.yields);
            let due: Vec<Event> = {
                let mut list = pending.borrow_mut();
                let (now_due, later): (Vec<_>, Vec<_>) =
                    list.drain(..).partition(|(at, _)| *at <= yields);
                *list = later;
                now_due.into_iter().flat_map(|(_, e)| e).collect()
            };
            send(due);
            now.set(now.get() + 1000);
            now.get()
        }),
    );
    (driver, script)
}

/// Delivers `events` after `frames` more yields.
fn later(script: &Script, frames: u64, events: Vec<Event>) {
    let at = fake::with(|k| k.yields) + frames;
    script.borrow_mut().push((at, events));
}

fn driver(limits: Limits) -> Driver {
    session(limits).0
}

/// The screen's completed lines.
fn screen(d: &Driver) -> Vec<String> {
    d.with_terminal(|t| t.screen.tail(1000).iter().map(|s| s.to_string()).collect())
}

fn log_has(text: &str) -> bool {
    fake::log_lines().iter().any(|l| l.contains(text))
}

#[test]
fn a_block_then_a_call_prints_the_result() {
    let mut d = driver(Limits::default());
    d.step();
    assert!(log_has("terminal: ready in "));
    let lines = screen(&d);
    assert!(lines[0].starts_with("Tessera Python"), "{lines:?}");
    type_text("def f(n):\n    return n * 2\n\nprint(f(21))\n");
    d.step();
    let lines = screen(&d);
    let n = lines.len();
    assert_eq!(
        &lines[n - 5..],
        [
            ">>> def f(n):",
            "...     return n * 2",
            "... ",
            ">>> print(f(21))",
            "42"
        ]
    );
    assert_eq!(d.with_terminal(|t| t.screen.partial().to_string()), ">>> ");
    assert!(log_has("terminal: ran 3 lines (ok)"));
    assert!(log_has("terminal: out: 42"));
    assert_eq!(
        fake::with(|k| k.title.clone()),
        "",
        "main.rs sets the title, not the lib"
    );
}

#[test]
fn values_are_echoed_with_repr_and_errors_print_tracebacks() {
    let mut d = driver(Limits::default());
    type_text("'a' + 'b'\nNone\n1/0\n[1, 2]\n");
    d.step();
    let lines = screen(&d);
    let tail: Vec<&str> = lines.iter().map(String::as_str).skip(2).collect();
    assert_eq!(
        tail,
        [
            ">>> 'a' + 'b'",
            "'ab'",
            ">>> None",
            ">>> 1/0",
            "Traceback (most recent call last):",
            "  File \"<stdin>\", line 1, in <module>",
            "    1/0",
            "ZeroDivisionError: division by zero",
            ">>> [1, 2]",
            "[1, 2]",
        ]
    );
    assert!(log_has("terminal: ran 1 lines (error: ZeroDivisionError)"));
}

#[test]
fn input_reads_a_line_from_the_terminal() {
    let (mut d, script) = session(Limits::default());
    type_text("name = input('name? ')\n");
    later(&script, 3, typed("Ada\n"));
    d.step();
    type_text("'hi ' + name\n");
    d.step();
    let lines = screen(&d);
    assert!(lines.iter().any(|l| l == "name? Ada"), "{lines:?}");
    assert!(lines.iter().any(|l| l == "'hi Ada'"), "{lines:?}");
}

#[test]
fn ctrl_d_in_input_raises_eof_error_and_ctrl_c_keyboard_interrupt() {
    let (mut d, script) = session(Limits::default());
    type_text("input()\n");
    later(&script, 3, vec![key(codes::D, modifiers::CTRL)]);
    d.step();
    type_text("input('? ')\n");
    later(&script, 3, vec![key(codes::C, modifiers::CTRL)]);
    d.step();
    let lines = screen(&d);
    assert!(lines.iter().any(|l| l.starts_with("EOFError")), "{lines:?}");
    assert_eq!(lines.last().map(String::as_str), Some("KeyboardInterrupt"));
}

#[test]
fn ctrl_c_interrupts_an_endless_loop_and_the_next_prompt_works() {
    let (mut d, script) = session(Limits::default());
    d.step();
    type_text("while True: pass\n");
    let before = fake::with(|k| k.yields);
    later(&script, 5, vec![key(codes::C, modifiers::CTRL)]);
    d.step();
    let yields = fake::with(|k| k.yields) - before;
    assert!(yields >= 5, "the loop yielded {yields} times");
    type_text("1+1\n");
    d.step();
    let lines = screen(&d);
    let n = lines.len();
    assert_eq!(lines[n - 3], "KeyboardInterrupt", "{lines:?}");
    assert_eq!(&lines[n - 2..], [">>> 1+1", "2"]);
    assert!(log_has("terminal: ran 1 lines (error: KeyboardInterrupt)"));
    assert!(log_has("terminal: out: KeyboardInterrupt"));
}

#[test]
fn a_multi_line_paste_is_entered_line_by_line() {
    let mut d = driver(Limits::default());
    fake::with(|k| {
        k.clipboard = b"a = 5\r\nfor i in range(2):\n    a += i\n\nprint(a)\nb".to_vec()
    });
    press(codes::V, modifiers::CTRL);
    d.step();
    let lines = screen(&d);
    assert!(lines.iter().any(|l| l == "...     a += i"), "{lines:?}");
    assert_eq!(lines.last().map(String::as_str), Some("6"));
    assert_eq!(d.with_terminal(|t| t.editor.text().to_string()), "b");
    assert!(log_has("terminal: pasted "));
}

#[test]
fn history_and_line_editing() {
    let mut d = driver(Limits::default());
    type_text("2 * 21\n");
    d.step();
    press(codes::UP, 0);
    press(codes::HOME, 0);
    type_text("1 + ");
    press(codes::END, 0);
    press(codes::BACKSPACE, 0);
    type_text("0\n");
    d.step();
    let lines = screen(&d);
    assert_eq!(lines.last().map(String::as_str), Some("41"), "{lines:?}");
    assert!(lines.iter().any(|l| l == ">>> 1 + 2 * 20"));
}

#[test]
fn copy_takes_the_line_or_the_last_output() {
    let mut d = driver(Limits::default());
    type_text("for i in range(3): print(i)\n\n");
    d.step();
    press(codes::C, modifiers::CTRL | modifiers::SHIFT);
    d.step();
    assert_eq!(fake::with(|k| k.clipboard.clone()), b"0\n1\n2");
    type_text("abc");
    press(codes::C, modifiers::CTRL | modifiers::SHIFT);
    d.step();
    assert_eq!(fake::with(|k| k.clipboard.clone()), b"abc");
}

#[test]
fn runaway_recursion_and_huge_objects_raise_instead_of_crashing() {
    let mut d = driver(Limits {
        recursion: 60,
        ..Limits::default()
    });
    type_text("def r(n): return r(n + 1)\n\nr(0)\n'x' * (1 << 40)\n7\n");
    d.step();
    let lines = screen(&d);
    assert!(
        lines.iter().any(|l| l.starts_with("RecursionError")),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("MemoryError")),
        "{lines:?}"
    );
    assert_eq!(lines.last().map(String::as_str), Some("7"));
}

#[test]
fn the_window_shows_text_and_a_running_status() {
    let mut d = driver(Limits::default());
    d.step();
    let first = fake::with(|k| k.last_present().cloned()).expect("a frame was presented");
    assert_eq!((first.width, first.height), (640, 400));
    let background = first.pixel(600, 100).unwrap();
    let ink = first.pixels.iter().filter(|&&p| p != background).count();
    assert!(ink > 500, "banner and prompt are drawn ({ink} pixels)");
    // A long loop: the status bar (bottom 22 rows) is repainted while it runs.
    type_text("for i in range(200000): pass\n");
    d.step();
    let status_presents = fake::with(|k| {
        k.presents
            .iter()
            .filter(|p| p.damage.y + p.damage.h == 400 && p.damage.h <= 30)
            .count()
    });
    assert!(status_presents >= 2, "{status_presents} status repaints");
}

#[test]
fn page_up_scrolls_back_and_new_output_follows() {
    let mut d = driver(Limits::default());
    type_text("for i in range(100): print(i)\n\n");
    d.step();
    press(codes::PAGE_UP, 0);
    d.step();
    let scrolled = d.with_terminal(|t| t.screen.scroll);
    assert!(scrolled > 5, "PageUp scrolls a page ({scrolled} rows)");
    send(vec![Event {
        kind: event::WHEEL,
        code: 1,
        ..Event::default()
    }]);
    d.step();
    assert_eq!(d.with_terminal(|t| t.screen.scroll), scrolled + 3);
    type_text("print('new')\n");
    d.step();
    assert_eq!(
        d.with_terminal(|t| t.screen.scroll),
        0,
        "the view follows new output"
    );
}

#[test]
fn a_resize_reflows_the_text() {
    let mut d = driver(Limits::default());
    type_text("'y' * 150\n");
    d.step();
    d.step();
    let wide = fake::with(|k| k.last_present().map(|p| (p.width, p.damage)));
    fake::with(|k| k.resize(300, 200));
    d.step();
    let narrow = fake::with(|k| k.last_present().cloned()).expect("presented after resize");
    assert_eq!((narrow.width, narrow.height), (300, 200));
    assert_eq!(narrow.damage, gfx::Rect::new(0, 0, 300, 200), "{wide:?}");
    // The 152-character result wraps onto several full rows: the right edge of the text
    // area has ink on more than one row.
    let background = narrow.pixel(2, 2).unwrap();
    let rows_with_ink_at_right = (0..170)
        .filter(|&y| (280..294).any(|x| narrow.pixel(x, y) != Some(background)))
        .count();
    assert!(rows_with_ink_at_right > 20, "{rows_with_ink_at_right}");
}

#[test]
fn keys_typed_while_code_runs_wait_for_the_next_prompt() {
    let (mut d, script) = session(Limits::default());
    type_text("for i in range(300000): pass\n");
    later(&script, 2, typed("7 * 6\n"));
    d.step();
    assert_eq!(d.with_terminal(|t| t.queued_lines()), 0);
    d.step();
    let lines = screen(&d);
    let n = lines.len();
    assert_eq!(&lines[n - 2..], [">>> 7 * 6", "42"], "{lines:?}");
}

#[test]
fn ctrl_c_at_the_prompt_drops_the_line_and_the_block() {
    let mut d = driver(Limits::default());
    type_text("if True:\nhalf typed");
    d.step();
    press(codes::C, modifiers::CTRL);
    d.step();
    type_text("3\n");
    d.step();
    let lines = screen(&d);
    let n = lines.len();
    assert_eq!(lines[n - 3], "KeyboardInterrupt", "{lines:?}");
    assert_eq!(&lines[n - 2..], [">>> 3", "3"]);
    assert_eq!(lines[n - 4], "... half typed", "{lines:?}");
    assert_eq!(lines[n - 5], ">>> if True:", "{lines:?}");
}
