//! Turns fuzz bytes into a syntactically valid Python program.
//!
//! The `run_source` target feeds raw text to the interpreter, so almost every input dies in
//! the lexer. This crate spends the bytes on choices instead: each byte picks one production
//! of a small Python grammar (Python Language Reference §6 expressions, §7 simple
//! statements, §8 compound statements), so every input becomes a program that parses and
//! reaches the VM. Loops are bounded (`range(k)` with small `k`, counted `while`), but the
//! target still runs under a step budget because functions may recurse and generators may
//! be endless. Running out of bytes reads as zeros, which always picks the simplest
//! production, so generation always terminates.

mod expr;
mod stmt;

/// Reads choices from the fuzz bytes; past the end every choice is 0.
pub struct Choices<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Choices<'a> {
    pub fn new(data: &'a [u8]) -> Choices<'a> {
        Choices { data, pos: 0 }
    }

    /// The next byte (0 once the input is used up).
    pub fn byte(&mut self) -> u8 {
        let b = self.data.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.byte() as usize % n.max(1)
    }

    /// One item of a non-empty list.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    pub fn exhausted(&self) -> bool {
        self.pos >= self.data.len()
    }
}

/// The whole program for one fuzz input. Each top-level block is wrapped in
/// `try/except Exception`, so one error does not end the run early.
pub fn program(data: &[u8]) -> String {
    let mut c = Choices::new(data);
    let mut g = stmt::Gen::new(&mut c);
    let mut out = String::from(stmt::PRELUDE);
    let mut count = 0;
    while !g.c.exhausted() && count < 40 {
        let body = g.block(3);
        out.push_str("try:\n");
        out.push_str(&indent(&body));
        out.push_str("except Exception as _e:\n    print(type(_e).__name__)\n");
        count += 1;
    }
    out
}

/// Indents every line of `text` by four spaces.
pub fn indent(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        out.push_str("    ");
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// An interpreter with the limits every fuzz run uses: a step budget (backward jumps and
/// calls), a recursion limit well within the host stack, and a per-object size limit.
/// With these any program ends by itself; only a Rust panic, abort or hang is a bug.
pub fn limited_interpreter() -> python::Interpreter {
    let mut interp = python::Interpreter::new(Box::new(python::BufferOutput::default()));
    interp.set_recursion_limit(60);
    interp.set_max_recursion_limit(60);
    interp.set_memory_limit(64 * 1024);
    interp.set_step_budget(Some(20_000));
    interp
}
