//! System tests of the editor app in QEMU: typing through virtio-keyboard, selecting and
//! copying a word, pasting it into a second editor tab and, through the system clipboard,
//! into the Python terminal; undo, the session surviving a close and reopen, and a 1 MB
//! document built by doubling through the clipboard while the frame time is read from the
//! `stats:` lines.

use std::time::Duration;
use vmtest::{Options, Vm};

const SHORT: Duration = Duration::from_secs(20);
const LONG: Duration = Duration::from_secs(120);

/// Waits until the editor's log (read with `log editor`) has a line containing `text`.
fn wait_log(vm: &mut Vm, text: &str, timeout: Duration) -> vmtest::Result<String> {
    let deadline = std::time::Instant::now() + timeout;
    loop {
        let mark = vm.console("log editor")?;
        std::thread::sleep(Duration::from_millis(700));
        let found = vm.log()[mark..]
            .iter()
            .find(|l| l.starts_with("log editor: ") && l.contains(text))
            .cloned();
        if let Some(line) = found {
            return Ok(line);
        }
        if std::time::Instant::now() > deadline {
            return Err(vmtest::VmError(format!(
                "no '{text}' in the editor's log; last lines:\n{}",
                vm.tail(30)
            )));
        }
    }
}

/// Pixels (glyphs) that stand out from a rectangle's most common colour (its background),
/// whatever the theme.
fn ink_pixels(shot: &vmtest::Image, (x, y, w, h): (u32, u32, u32, u32)) -> usize {
    let mut counts = std::collections::HashMap::new();
    for p in shot.region(x, y, w, h) {
        *counts.entry(p).or_insert(0usize) += 1;
    }
    let background = counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map_or([0, 0, 0], |(p, _)| p);
    shot.count(x, y, w, h, |p| {
        let d: i32 = (0..3)
            .map(|i| (p[i] as i32 - background[i] as i32).abs())
            .sum();
        d > 120
    })
}

#[test]
fn type_copy_paste_undo_and_reopen() -> vmtest::Result<()> {
    let mut vm = Vm::boot(&Options::default())?;
    let mark = vm.console("open editor")?;
    vm.wait_for_after(mark, "app editor: started", SHORT)?;
    let window =
        vmtest::screen_rect(&vm.wait_for_after(mark, "desktop: window editor at", SHORT)?);
    std::thread::sleep(Duration::from_secs(2));
    let (x, y, w, _) = window;
    // The first text row, below the title bar and the tab bar.
    let first_row = (x + 60, y + 20, w.saturating_sub(80), 70);
    let empty = ink_pixels(&vm.screenshot("editor-empty")?, first_row);
    vm.type_text("hello world")?;
    std::thread::sleep(Duration::from_secs(2));
    let typed = ink_pixels(&vm.screenshot("editor-typed")?, first_row);
    assert!(
        typed > empty + 30,
        "typed text shows: {empty} -> {typed} ink pixels"
    );
    // Shift+Ctrl+Left selects "world"; Ctrl+C copies it to the system clipboard.
    vm.chord(&["shift", "ctrl", "left"])?;
    vm.chord(&["ctrl", "c"])?;
    wait_log(&mut vm, "editor: copied 5 bytes", SHORT)?;
    vm.screenshot("editor-selected")?;
    // Paste into a second tab.
    vm.chord(&["ctrl", "t"])?;
    wait_log(&mut vm, "editor: tab -> tab 2 of 2, 0 bytes", SHORT)?;
    vm.chord(&["ctrl", "v"])?;
    wait_log(&mut vm, "editor: pasted 5 bytes", SHORT)?;
    std::thread::sleep(Duration::from_secs(1));
    let pasted = ink_pixels(&vm.screenshot("editor-pasted")?, first_row);
    vm.chord(&["ctrl", "z"])?;
    wait_log(&mut vm, "editor: undo -> tab 2 of 2, 0 bytes", SHORT)?;
    std::thread::sleep(Duration::from_secs(1));
    let undone = ink_pixels(&vm.screenshot("editor-undone")?, first_row);
    assert!(
        pasted > undone + 20,
        "the pasted word shows, and undo removes it: {pasted} -> {undone} ink pixels"
    );
    vm.chord(&["ctrl", "y"])?;
    wait_log(&mut vm, "editor: redo -> tab 2 of 2, 5 bytes", SHORT)?;
    // The session is saved a second after the last change; closing and reopening restores it.
    wait_log(&mut vm, "editor: saved 2 documents", SHORT)?;
    let mark = vm.console("kill editor")?;
    vm.wait_for_after(mark, "app editor: stopped", SHORT)?;
    let mark = vm.console("open editor")?;
    vm.wait_for_after(mark, "app editor: started", SHORT)?;
    wait_log(&mut vm, "editor: restored 2 documents (16 bytes)", SHORT)?;
    std::thread::sleep(Duration::from_secs(2));
    vm.screenshot("editor-reopened")?;
    // The clipboard is the system's: the word copied in the editor pastes into the terminal.
    let mark = vm.console("open terminal")?;
    vm.wait_for_after(mark, "terminal: ready in", LONG)?;
    std::thread::sleep(Duration::from_secs(1));
    vm.chord(&["ctrl", "v"])?;
    vm.key("ret")?;
    vm.wait_for_after(mark, "terminal: in: world", SHORT)?;
    vm.wait_for_after(mark, "NameError", SHORT)?;
    std::thread::sleep(Duration::from_secs(1));
    vm.screenshot("editor-to-terminal")?;
    vm.assert_no_panic()
}

/// The largest `frame_ms=` and editor `time_ms=` among the stats lines after `mark`.
fn stats_after(vm: &Vm, mark: usize) -> (f64, f64) {
    let field = |line: &str, name: &str| -> f64 {
        line.split_whitespace()
            .find_map(|w| w.strip_prefix(name))
            .and_then(|v| v.parse().ok())
            .unwrap_or(-1.0)
    };
    let log = vm.log();
    let lines = &log[mark..];
    let max = |prefix: &str, name: &str| {
        lines
            .iter()
            .filter(|l| l.starts_with(prefix))
            .map(|l| field(l, name))
            .fold(-1.0, f64::max)
    };
    (
        max("stats: fps=", "frame_ms="),
        max("stats: app=editor ", "time_ms="),
    )
}

#[test]
fn a_megabyte_document_stays_responsive() -> vmtest::Result<()> {
    let mut vm = Vm::boot(&Options::default())?;
    let mark = vm.console("open editor")?;
    vm.wait_for_after(mark, "app editor: started", SHORT)?;
    std::thread::sleep(Duration::from_secs(2));
    // 64 bytes, doubled 14 times through the clipboard: 1 MiB.
    vm.type_text("the quick brown fox jumps over the lazy dog 0123456789 abcdefgh")?;
    vm.key("ret")?;
    for round in 1..=14 {
        vm.chord(&["ctrl", "a"])?;
        vm.chord(&["ctrl", "c"])?;
        vm.chord(&["ctrl", "end"])?;
        vm.chord(&["ctrl", "v"])?;
        let bytes = 64usize << round;
        wait_log(
            &mut vm,
            &format!("editor: pasted {} bytes", bytes / 2),
            LONG,
        )?;
    }
    std::thread::sleep(Duration::from_secs(3));
    let mark = vm.mark();
    vm.wait_for_after(mark, "stats: app=editor", SHORT)?;
    let idle = stats_after(&vm, mark);
    // Type for a few seconds, so several stats lines cover the typing.
    let mark = vm.mark();
    for word in ["typing ", "at the end ", "of a ", "megabyte"] {
        vm.type_text(word)?;
        vm.wait_for_after(vm.mark(), "stats: app=editor", SHORT)?;
    }
    let typing = stats_after(&vm, mark);
    std::thread::sleep(Duration::from_secs(2));
    vm.screenshot("editor-megabyte")?;
    eprintln!(
        "1 MiB document: idle frame_ms={} editor time_ms={}; typing (worst second) frame_ms={} \
         editor time_ms={}",
        idle.0, idle.1, typing.0, typing.1
    );
    assert!(
        typing.0 > 0.0 && typing.0 < 50.0,
        "frame_ms {} while typing",
        typing.0
    );
    vm.assert_no_panic()
}
