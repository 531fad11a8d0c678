//! The REPL: banner, prompts, lines to the interpreter, results back on the screen.
//!
//! CPython's interactive loop (Python Tutorial §16.1, "Interactive Mode") shows `>>> `,
//! reads a line, and either runs it or shows `... ` to collect the rest of a block, which a
//! blank line ends; expression values are echoed with `repr` (None is not), and an uncaught
//! exception prints its traceback before the next `>>> `. [`python::Repl::feed_line`] makes
//! those decisions; this module feeds it the lines the [`Terminal`] collects and shows what
//! comes back.
//!
//! The interpreter runs inside the app's one long `main` call, so while it runs nothing
//! else in the app does, unless the interpreter calls back. Three hooks do:
//!
//! * the output sink appends `print` output and tracebacks to the screen;
//! * the tick hook ([`python::Interpreter::set_tick_hook`]) runs a frame and yields once
//!   [`FRAME_US`] have passed since the last frame, and answers "raise KeyboardInterrupt"
//!   after Ctrl+C, so a `while True: pass` leaves the window alive and interruptible;
//! * the input hook runs frames until a line is entered for `input()` (Ctrl+C raises
//!   KeyboardInterrupt, Ctrl+D EOFError).
//!
//! The UI state is shared by the driver and the hooks through `Rc<RefCell<..>>`; each hook
//! borrows it only inside its own call, and never while the driver is borrowing it.
//!
//! Log lines (`sys.log`) tests read: `terminal: ready in N ms` once the first prompt is on
//! screen; `terminal: in: LINE` for each line fed to the REPL; per statement run `terminal: ran N lines (ok)` or `(error: Type)`, followed by
//! up to [`LOGGED_OUTPUT_LINES`] of its last output lines as `terminal: out: TEXT`.

use crate::terminal::{Mode, Terminal};
use python::{Interpreter, Output, Repl, ReplStatus};
use sdk::Runner;
use std::boxed::Box;
use std::cell::RefCell;
use std::rc::Rc;
use std::string::String;
use std::sync::atomic::Ordering;

/// The longest the window goes without a frame while Python runs.
pub const FRAME_US: u64 = 15_000;
/// Output lines of each statement copied to the app log.
pub const LOGGED_OUTPUT_LINES: usize = 20;

pub const BANNER: &str = "Tessera Python (our own interpreter; the Python 3.11 language core)\n\
Ctrl+C interrupts, Up/Down history, Ctrl+Shift+C copy, Ctrl+V paste.\n";

/// Limits that keep a runaway program from taking the app down.
pub struct Limits {
    /// Python frames before RecursionError (must fit the app's wasm stack).
    pub recursion: u32,
    /// Largest single object, in bytes, before MemoryError.
    pub object_bytes: usize,
    /// Bytes in use (counted by the app's allocator) and the cap before MemoryError.
    pub heap: Option<(Box<dyn Fn() -> usize>, usize)>,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            recursion: python::vm::DEFAULT_RECURSION_LIMIT,
            object_bytes: 16 << 20,
            heap: None,
        }
    }
}

/// A monotonic clock in microseconds.
pub type Clock = Rc<dyn Fn() -> u64>;

/// What the hooks and the driver share.
struct Ui {
    runner: Runner,
    term: Terminal,
    /// When the last frame ended (the app was resumed after its yield).
    last_frame_us: u64,
}

type Shared = Rc<RefCell<Ui>>;

/// Runs one frame and yields to the kernel.
fn frame_and_yield(ui: &Shared, clock: &Clock) {
    if let Ok(mut ui) = ui.try_borrow_mut() {
        let Ui { runner, term, .. } = &mut *ui;
        runner.frame(term);
    }
    let _ = sdk::yield_now();
    if let Ok(mut ui) = ui.try_borrow_mut() {
        ui.last_frame_us = clock();
    }
}

/// The interpreter's output: onto the screen.
struct ScreenOutput(Shared);

impl Output for ScreenOutput {
    fn write_out(&mut self, s: &str) {
        if let Ok(mut ui) = self.0.try_borrow_mut() {
            ui.term.screen.write(s);
        }
    }
    fn write_err(&mut self, s: &str) {
        self.write_out(s);
    }
}

pub struct Driver {
    ui: Shared,
    clock: Clock,
    pub interp: Interpreter,
    repl: Repl,
    started_us: u64,
    ready: bool,
    /// Lines fed for the statement being collected.
    fed: usize,
}

impl Driver {
    /// A session on the kernel's clock.
    pub fn new(limits: Limits) -> Driver {
        Driver::with_clock(limits, Rc::new(|| sdk::monotonic_us().unwrap_or(0)))
    }

    /// A session on `clock` (tests use one that moves on by itself).
    pub fn with_clock(limits: Limits, clock: Clock) -> Driver {
        let started_us = clock();
        let ui = Rc::new(RefCell::new(Ui {
            runner: Runner::new(),
            term: Terminal::new(),
            last_frame_us: started_us,
        }));
        let mut interp = Interpreter::new(Box::new(ScreenOutput(ui.clone())));
        interp.set_recursion_limit(limits.recursion);
        interp.set_max_recursion_limit(limits.recursion);
        interp.set_memory_limit(limits.object_bytes);
        if let Some((probe, cap)) = limits.heap {
            interp.set_heap_probe(probe, cap);
        }
        interp.set_clock(Box::new(|| sdk::wall_us().unwrap_or(0) as f64 / 1e6));
        interp.set_tick_hook(tick_hook(ui.clone(), clock.clone()));
        let flag = interp.interrupt_flag();
        let (hook_ui, hook_clock) = (ui.clone(), clock.clone());
        interp.set_input_hook(Box::new(move |prompt| {
            match read_line(&hook_ui, &hook_clock, prompt) {
                Read::Line(line) => Some(line),
                Read::EndOfInput => None,
                Read::Interrupted => {
                    // `input` raises KeyboardInterrupt instead of EOFError when it is set.
                    flag.store(true, Ordering::Relaxed);
                    None
                }
            }
        }));
        {
            let mut u = ui.borrow_mut();
            u.term.screen.write(BANNER);
            u.term.prompt(">>> ");
        }
        Driver {
            ui,
            clock,
            interp,
            repl: Repl::new(),
            started_us,
            ready: false,
            fed: 0,
        }
    }

    /// Runs the terminal for ever (the app's `main`).
    pub fn run(mut self) {
        loop {
            self.step();
        }
    }

    /// One frame, then every line entered so far is run.
    pub fn step(&mut self) {
        frame_and_yield(&self.ui, &self.clock);
        if !self.ready && self.ui.borrow().term.prompt_frames > 0 {
            self.ready = true;
            let ms = (self.clock)().saturating_sub(self.started_us) / 1000;
            sdk::log!("terminal: ready in {ms} ms");
        }
        self.run_entered();
    }

    /// Runs the lines waiting in the terminal, one by one.
    fn run_entered(&mut self) {
        loop {
            let line = {
                let mut u = self.ui.borrow_mut();
                if u.term.take_interrupt() {
                    // Ctrl+C at the prompt: drop what was typed and start over.
                    let typed = u.term.editor.text().to_string();
                    u.term.screen.write(&typed);
                    u.term.discard_pending();
                    u.term.screen.write("\nKeyboardInterrupt\n");
                    u.term.prompt(">>> ");
                    self.repl = Repl::new();
                    self.fed = 0;
                    sdk::log!("terminal: out: KeyboardInterrupt");
                    continue;
                }
                let _ = u.term.take_end_of_input();
                match u.term.take_line() {
                    Some(line) => line,
                    None => return,
                }
            };
            self.feed(&line);
        }
    }

    /// Feeds one line to the REPL and shows the next prompt.
    fn feed(&mut self, line: &str) {
        if line.trim().is_empty() && !self.repl.in_continuation() {
            // An empty line at `>>> ` runs nothing: just the next prompt.
            self.ui.borrow_mut().term.prompt(">>> ");
            return;
        }
        self.fed += 1;
        sdk::log!("terminal: in: {line}");
        let now = (self.clock)();
        {
            let mut u = self.ui.borrow_mut();
            u.term.screen.begin_block();
            u.term.begin_run(now);
        }
        let status = self.repl.feed_line(&mut self.interp, line);
        let mut u = self.ui.borrow_mut();
        let outcome = match status {
            ReplStatus::NeedMore => {
                u.term.prompt("... ");
                return;
            }
            ReplStatus::Done => String::from("ok"),
            ReplStatus::Error(traceback) => {
                u.term.screen.finish_line();
                u.term.screen.write(&traceback);
                let last = traceback.lines().last().unwrap_or("");
                let name = last.split(':').next().unwrap_or("");
                format!("error: {name}")
            }
        };
        u.term.screen.end_block();
        sdk::log!("terminal: ran {} lines ({outcome})", self.fed);
        self.fed = 0;
        let block = u.term.screen.last_block();
        let lines: std::vec::Vec<&str> = block.lines().collect();
        let skip = lines.len().saturating_sub(LOGGED_OUTPUT_LINES);
        for l in &lines[skip..] {
            sdk::log!("terminal: out: {l}");
        }
        u.term.prompt(">>> ");
    }

    /// The terminal's state (for tests).
    pub fn with_terminal<R>(&self, f: impl FnOnce(&mut Terminal) -> R) -> R {
        f(&mut self.ui.borrow_mut().term)
    }
}

/// The tick hook: a frame when one is due; true after Ctrl+C.
fn tick_hook(ui: Shared, clock: Clock) -> Box<dyn FnMut() -> bool> {
    Box::new(move || {
        let due = ui
            .try_borrow()
            .is_ok_and(|u| clock().saturating_sub(u.last_frame_us) >= FRAME_US);
        if !due {
            return false;
        }
        frame_and_yield(&ui, &clock);
        ui.try_borrow_mut()
            .is_ok_and(|mut u| u.term.take_interrupt())
    })
}

/// How a read for `input()` ended.
enum Read {
    Line(String),
    /// Ctrl+D on an empty line.
    EndOfInput,
    /// Ctrl+C.
    Interrupted,
}

/// `input()`: shows the prompt and runs frames until a line is entered.
fn read_line(ui: &Shared, clock: &Clock, prompt: &str) -> Read {
    if let Ok(mut u) = ui.try_borrow_mut() {
        u.term.begin_input(prompt);
    }
    loop {
        {
            let Ok(mut u) = ui.try_borrow_mut() else {
                return Read::EndOfInput;
            };
            let read = if let Some(line) = u.term.take_line() {
                Some(Read::Line(line))
            } else if u.term.take_interrupt() {
                Some(Read::Interrupted)
            } else if u.term.take_end_of_input() {
                Some(Read::EndOfInput)
            } else {
                None
            };
            if let Some(read) = read {
                if !matches!(read, Read::Line(_)) {
                    u.term.screen.write("\n");
                }
                u.term.mode = Mode::Running;
                return read;
            }
        }
        frame_and_yield(ui, clock);
    }
}
