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
    let imports: String = g
        .modules
        .iter()
        .map(|m| format!("import {}\n", m))
        .collect();
    imports + &out
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

#[cfg(test)]
mod tests {
    /// Deterministic pseudo-random inputs (a linear congruential generator).
    fn inputs(count: usize) -> Vec<Vec<u8>> {
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as u8
        };
        (0..count)
            .map(|i| (0..(i * 7) % 900 + 10).map(|_| next()).collect())
            .collect()
    }

    #[test]
    fn generated_programs_parse_and_compile() {
        for data in inputs(300) {
            let src = super::program(&data);
            let module = python::parser::parse_module(&src)
                .unwrap_or_else(|e| panic!("{:?} in\n{}", e.msg, src));
            python::compiler::compile_module(&module, "<gen>", false)
                .unwrap_or_else(|e| panic!("{:?} in\n{}", e.msg, src));
        }
    }

    /// CPython is the oracle for "syntactically valid": it must compile every program too.
    #[test]
    fn cpython_compiles_generated_programs() {
        let dir = std::env::temp_dir().join(format!("python-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let mut files = Vec::new();
        for (i, data) in inputs(300).iter().enumerate() {
            let path = dir.join(format!("p{}.py", i));
            std::fs::write(&path, super::program(data)).expect("write");
            files.push(path);
        }
        let check = "import sys, warnings\nwarnings.simplefilter('ignore')\n\
                     for p in sys.argv[1:]:\n    compile(open(p).read(), p, 'exec')\n";
        let status = std::process::Command::new("python3")
            .arg("-c")
            .arg(check)
            .args(&files)
            .status();
        let _ = std::fs::remove_dir_all(&dir);
        match status {
            Ok(s) => assert!(s.success(), "CPython rejected a generated program"),
            Err(_) => eprintln!("python3 not found: skipped"),
        }
    }

    #[test]
    fn generated_programs_end_under_the_limits() {
        for data in inputs(60) {
            let src = super::program(&data);
            let mut interp = super::limited_interpreter();
            let _ = interp.run(&src, "<gen>");
        }
    }
}
