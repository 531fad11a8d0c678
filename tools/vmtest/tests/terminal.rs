//! System tests of the Python terminal app in QEMU, driven through virtio-keyboard:
//! a function defined over several lines and called; an endless loop that leaves the window
//! alive (its status bar keeps changing) and stops on Ctrl+C with a working prompt after;
//! copy and a multi-line paste through the system clipboard; recursion 900 deep (within the
//! limit of 1000) and endless recursion (RecursionError, not a crash).
//!
//! The terminal logs `terminal: ready in N ms`, `terminal: ran N lines (ok | error: Type)`
//! and each statement's last output lines as `terminal: out: TEXT`; the kernel copies app
//! log lines to the serial log, and `log terminal` on the console prints them again.

use std::time::{Duration, Instant};
use vmtest::{Image, Options, Vm};

const SHORT: Duration = Duration::from_secs(30);

/// Waits until a serial line after `mark` contains `text` (asking the console for the
/// terminal's log now and then, in case the kernel rate-limited its copy to serial).
fn wait_log(vm: &mut Vm, mark: usize, text: &str, timeout: Duration) -> vmtest::Result<String> {
    let deadline = Instant::now() + timeout;
    let mut asked = Instant::now();
    loop {
        let found = vm.log()[mark..].iter().find(|l| l.contains(text)).cloned();
        if let Some(line) = found {
            return Ok(line);
        }
        if Instant::now() > deadline {
            return Err(vmtest::VmError(format!(
                "no '{text}' in the log; last lines:\n{}",
                vm.tail(30)
            )));
        }
        if asked.elapsed() > Duration::from_secs(3) {
            vm.console("log terminal")?;
            asked = Instant::now();
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Pixels that differ clearly from the terminal's background (text, cursor).
fn ink(shot: &Image, (x, y, w, h): (u32, u32, u32, u32)) -> usize {
    shot.count(x, y, w, h, |p| {
        p.iter().map(|&c| c as u32).sum::<u32>() > 250
    })
}

/// Pixels that differ between two screenshots inside a rectangle.
fn changed(a: &Image, b: &Image, (x, y, w, h): (u32, u32, u32, u32)) -> usize {
    a.region(x, y, w, h)
        .zip(b.region(x, y, w, h))
        .filter(|(p, q)| p != q)
        .count()
}

/// Types a line and presses Enter, a key every 10 ms: QEMU drops keyboard events when the
/// guest has no free virtio-input buffer, which a burst right after boot can cause.
fn enter(vm: &mut Vm, line: &str) -> vmtest::Result<()> {
    for c in line.chars() {
        vm.type_text(&c.to_string())?;
        std::thread::sleep(Duration::from_millis(10));
    }
    vm.key("ret")
}

#[test]
fn a_python_session_with_interrupt_paste_and_recursion() -> vmtest::Result<()> {
    let options = Options {
        fw_cfg: vec![("opt/os/autostart".into(), "terminal".into())],
        ..Options::default()
    };
    let mut vm = Vm::boot(&options)?;
    vm.wait_for("app terminal: started", SHORT)?;
    let window = vmtest::screen_rect(&vm.wait_for("desktop: window terminal at", SHORT)?);
    let ready = wait_log(&mut vm, 0, "terminal: ready in", SHORT)?;
    eprintln!("{ready}");
    std::thread::sleep(Duration::from_secs(1));
    let (x, y, w, h) = window;
    let text_area = (x + 4, y + 4, w.saturating_sub(8), h.saturating_sub(40));
    let status_bar = (x, y + h - 20, w, 18);
    let before = ink(&vm.screenshot("terminal-ready")?, text_area);

    // A block over several lines, ended by a blank line, then a call.
    let mark = vm.mark();
    enter(&mut vm, "def f(n):")?;
    enter(&mut vm, "    return n * 2")?;
    enter(&mut vm, "")?;
    enter(&mut vm, "print(f(21))")?;
    wait_log(&mut vm, mark, "terminal: out: 42", SHORT)?;
    std::thread::sleep(Duration::from_millis(500));
    let after = ink(&vm.screenshot("terminal-result")?, text_area);
    assert!(
        after > before + 200,
        "the session's text shows: {before} -> {after} ink pixels"
    );

    // An endless loop: the window keeps redrawing (the status bar's spinner and clock).
    let mark = vm.mark();
    enter(&mut vm, "while True: pass")?;
    std::thread::sleep(Duration::from_secs(1));
    let first = vm.screenshot("terminal-running-1")?;
    std::thread::sleep(Duration::from_secs(1));
    let second = vm.screenshot("terminal-running-2")?;
    let moved = changed(&first, &second, status_bar);
    assert!(
        moved > 10,
        "the status bar changes while Python runs ({moved} pixels)"
    );
    vm.chord(&["ctrl", "c"])?;
    wait_log(
        &mut vm,
        mark,
        "terminal: ran 1 lines (error: KeyboardInterrupt)",
        SHORT,
    )?;
    let mark = vm.mark();
    enter(&mut vm, "1+1")?;
    wait_log(&mut vm, mark, "terminal: out: 2", SHORT)?;
    vm.screenshot("terminal-interrupted")?;

    // Copy the output of a command (Ctrl+Shift+C on an empty line), paste it back: its two
    // lines are entered one after the other.
    let mark = vm.mark();
    enter(&mut vm, "print('a = 6'); print('a * 707')")?;
    wait_log(&mut vm, mark, "terminal: out: a * 707", SHORT)?;
    vm.chord(&["ctrl", "shift", "c"])?;
    wait_log(&mut vm, mark, "terminal: copied 13 bytes (output)", SHORT)?;
    vm.chord(&["ctrl", "v"])?;
    wait_log(&mut vm, mark, "terminal: pasted 13 bytes (1 lines)", SHORT)?;
    vm.key("ret")?;
    wait_log(&mut vm, mark, "terminal: out: 4242", SHORT)?;
    vm.screenshot("terminal-pasted")?;

    // Recursion within the limit works; endless recursion, also through a dunder method,
    // is a RecursionError and the app lives on.
    let mark = vm.mark();
    enter(&mut vm, "def d(n): return 0 if n == 0 else 1 + d(n - 1)")?;
    enter(&mut vm, "d(900)")?;
    wait_log(&mut vm, mark, "terminal: out: 900", SHORT)?;
    enter(&mut vm, "def r(n): return r(n + 1)")?;
    enter(&mut vm, "r(0)")?;
    wait_log(&mut vm, mark, "(error: RecursionError)", SHORT)?;
    let mark = vm.mark();
    enter(&mut vm, "class T:")?;
    enter(&mut vm, "    def __eq__(self, n): return T() == n + 1")?;
    enter(&mut vm, "")?;
    enter(&mut vm, "T() == 0")?;
    wait_log(&mut vm, mark, "(error: RecursionError)", SHORT)?;
    // Memory: one huge object, then a heap that grows without end; both are MemoryError
    // (the kernel's 128 MiB cap is never reached) and the memory comes back.
    let mark = vm.mark();
    enter(&mut vm, "'x' * (1 << 30)")?;
    wait_log(&mut vm, mark, "(error: MemoryError)", SHORT)?;
    let mark = vm.mark();
    enter(&mut vm, "keep = []")?;
    enter(&mut vm, "while True: keep.append('x' * 10000)")?;
    wait_log(
        &mut vm,
        mark,
        "(error: MemoryError)",
        Duration::from_secs(60),
    )?;
    enter(&mut vm, "len(keep) > 1000")?;
    wait_log(&mut vm, mark, "terminal: out: True", SHORT)?;
    enter(&mut vm, "keep = None")?;
    let mark = vm.mark();
    enter(&mut vm, "len([0] * 10**6), 'still here'")?;
    wait_log(
        &mut vm,
        mark,
        "terminal: out: (1000000, 'still here')",
        SHORT,
    )?;
    std::thread::sleep(Duration::from_millis(500));
    let bottom = vm.screenshot("terminal-recursion")?;
    // PageUp shows earlier rows (the status bar says how far up).
    vm.key("pgup")?;
    std::thread::sleep(Duration::from_secs(1));
    let scrolled = vm.screenshot("terminal-scrolled")?;
    let moved = changed(&bottom, &scrolled, text_area);
    assert!(
        moved > 500,
        "PageUp scrolls the text ({moved} pixels changed)"
    );
    assert!(
        !vm.log().iter().any(|l| l.contains("app terminal: stopped")),
        "the terminal app stopped"
    );
    vm.assert_no_panic()
}
