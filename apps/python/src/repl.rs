//! The host-facing API: run whole programs (`Interpreter::run`) or an interactive session
//! one line at a time (`Repl::feed_line`), the way CPython's REPL decides between "run it
//! now" and "show the `...` prompt and wait for more".

use crate::error::SyntaxError;
use crate::pystr::PyStr;
use crate::value::{ExcKind, Value};
use crate::vm::{Output, Vm};
use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::sync::atomic::AtomicBool;

/// An uncaught exception: the formatted traceback and the exception's class name.
#[derive(Debug, Clone, PartialEq)]
pub struct RunError {
    /// The full CPython-style report, ending with `Type: message\n`.
    pub traceback: String,
    pub type_name: String,
    /// For SystemExit: the requested exit status.
    pub exit_code: Option<i32>,
}

pub struct Interpreter {
    pub vm: Vm,
    /// Sources by file name, for the source lines in tracebacks.
    sources: Vec<(String, String)>,
}

impl Interpreter {
    pub fn new(out: Box<dyn Output>) -> Interpreter {
        Interpreter {
            vm: Vm::new(out),
            sources: Vec::new(),
        }
    }

    /// The flag a host sets to raise KeyboardInterrupt in the running program.
    pub fn interrupt_flag(&self) -> Arc<AtomicBool> {
        self.vm.interrupt.clone()
    }

    /// Where `input()` reads a line; without a hook `input()` raises EOFError.
    pub fn set_input_hook(&mut self, hook: crate::vm::InputHook) {
        self.vm.input = Some(hook);
    }

    pub fn set_clock(&mut self, clock: Box<dyn Fn() -> f64>) {
        self.vm.clock = Some(clock);
    }

    /// Python frames allowed before RecursionError (keep it within the host's stack).
    pub fn set_recursion_limit(&mut self, frames: u32) {
        self.vm.recursion_limit = frames;
        self.vm.max_recursion_limit = self.vm.max_recursion_limit.max(frames);
    }

    /// The ceiling for `sys.setrecursionlimit`.
    pub fn set_max_recursion_limit(&mut self, frames: u32) {
        self.vm.max_recursion_limit = frames;
    }

    /// Largest single object (string, list, int) in bytes before MemoryError.
    pub fn set_memory_limit(&mut self, bytes: usize) {
        self.vm.memory_limit = bytes;
    }

    /// A whole-heap cap: `probe` returns the bytes the host allocator has handed out (the
    /// terminal app or `pyrun` count them in their global allocator); once it exceeds `cap`
    /// the running program gets MemoryError. Checked every 1024 loop iterations and calls.
    pub fn set_heap_probe(&mut self, probe: Box<dyn Fn() -> usize>, cap: usize) {
        self.vm.heap_probe = Some((probe, cap));
    }

    /// Instructions (backward jumps and calls) allowed before the run is stopped with
    /// KeyboardInterrupt("step budget exhausted"); `None` removes the budget.
    pub fn set_step_budget(&mut self, steps: Option<u64>) {
        self.vm.steps_left = steps.unwrap_or(u64::MAX);
    }

    /// Calls `hook` every `vm::TICK_HOOK_EVERY` backward jumps and calls while code runs
    /// (where the interrupt flag is checked); when it returns true the running program gets
    /// KeyboardInterrupt. An app uses it to keep its window alive during a long computation.
    pub fn set_tick_hook(&mut self, hook: Box<dyn FnMut() -> bool>) {
        self.vm.tick_hook = Some(hook);
    }

    /// Runs a program as `__main__`.
    pub fn run(&mut self, source: &str, filename: &str) -> Result<(), RunError> {
        self.remember(filename, source);
        let code = match crate::parser::parse_module(source)
            .and_then(|m| crate::compiler::compile_module(&m, filename, false))
        {
            Ok(c) => c,
            Err(e) => return Err(self.syntax_error(e, source, filename)),
        };
        let globals = self.vm.main_globals.clone();
        match self.vm.run_code(code, globals) {
            Ok(_) => Ok(()),
            Err(e) => Err(self.report(e)),
        }
    }

    fn remember(&mut self, filename: &str, source: &str) {
        self.sources.retain(|(f, _)| f != filename);
        self.sources
            .push((filename.to_string(), source.to_string()));
    }

    fn syntax_error(&mut self, e: SyntaxError, source: &str, filename: &str) -> RunError {
        let kind = if e.indentation {
            ExcKind::IndentationError
        } else {
            ExcKind::SyntaxError
        };
        let class = self.vm.types.exception(kind);
        let exc = self
            .vm
            .new_exception(class, alloc::vec![Value::str(&e.msg)]);
        let text = source
            .lines()
            .nth(e.line.saturating_sub(1) as usize)
            .unwrap_or("")
            .to_string();
        for (k, v) in [
            ("lineno", Value::Int(e.line as i64)),
            ("offset", Value::Int(e.col as i64)),
            ("text", Value::string(text)),
            ("filename", Value::str(filename)),
            ("msg", Value::str(&e.msg)),
        ] {
            crate::vm::set_attr_pub(&exc, k, v);
        }
        let traceback = crate::vm::format_exception_only(&mut self.vm, &exc);
        RunError {
            traceback,
            type_name: if e.indentation {
                "IndentationError".into()
            } else {
                "SyntaxError".into()
            },
            exit_code: None,
        }
    }

    fn report(&mut self, e: crate::value::Exc) -> RunError {
        let exc = self.vm.materialize(e);
        let type_name = match &exc {
            Value::Instance(i) => i.class.name.as_str().to_string(),
            other => other.type_name().to_string(),
        };
        if type_name == "SystemExit" {
            let code = match &exc {
                Value::Instance(i) => match i.dict.borrow().get_by_str("args") {
                    Some(Value::Tuple(t)) => t.first().cloned(),
                    _ => None,
                },
                _ => None,
            };
            let (exit_code, text) = match code {
                None | Some(Value::None) => (0, String::new()),
                Some(Value::Int(n)) => (n as i32, String::new()),
                Some(other) => (
                    1,
                    alloc::format!("{}\n", self.vm.to_str(&other).unwrap_or_default()),
                ),
            };
            return RunError {
                traceback: text,
                type_name,
                exit_code: Some(exit_code),
            };
        }
        let source = self.sources.last().map(|(_, s)| s.clone());
        let traceback = self.vm.format_traceback(&exc, source.as_deref());
        RunError {
            traceback,
            type_name,
            exit_code: None,
        }
    }
}

/// What the REPL should do after a line.
#[derive(Debug, Clone, PartialEq)]
pub enum ReplStatus {
    /// Show the continuation prompt (`... `) and feed the next line.
    NeedMore,
    /// The input ran; expression values were written to the output sink.
    Done,
    /// The input raised; the traceback text is included (also fit for the output window).
    Error(String),
}

/// An interactive session: feed it lines, it runs complete statements.
#[derive(Default)]
pub struct Repl {
    buffer: String,
}

impl Repl {
    pub fn new() -> Repl {
        Repl::default()
    }

    /// True while a multi-line statement is being collected.
    pub fn in_continuation(&self) -> bool {
        !self.buffer.is_empty()
    }

    pub fn feed_line(&mut self, interp: &mut Interpreter, line: &str) -> ReplStatus {
        let first = self.buffer.is_empty();
        self.buffer.push_str(line);
        self.buffer.push('\n');
        let head = self.buffer.lines().next().unwrap_or("").trim_end();
        let compound = head.ends_with(':') || head.starts_with('@');
        if !first && compound && !line.trim().is_empty() {
            return ReplStatus::NeedMore;
        }
        if first && line.trim().is_empty() {
            self.buffer.clear();
            return ReplStatus::Done;
        }
        let parsed = crate::parser::parse_module(&self.buffer);
        let body = match parsed {
            Ok(b) => b,
            Err(e) => {
                let incomplete = e.msg.contains("was never closed")
                    || e.msg.starts_with("unterminated triple-quoted")
                    || e.msg.starts_with("expected an indented block");
                if incomplete && !line.trim().is_empty() {
                    return ReplStatus::NeedMore;
                }
                let src = core::mem::take(&mut self.buffer);
                let err = interp.syntax_error(e, &src, "<stdin>");
                return ReplStatus::Error(err.traceback);
            }
        };
        if compound && first {
            return ReplStatus::NeedMore;
        }
        let src = core::mem::take(&mut self.buffer);
        interp.remember("<stdin>", &src);
        let code = match crate::compiler::compile_module(&body, "<stdin>", true) {
            Ok(c) => c,
            Err(e) => return ReplStatus::Error(interp.syntax_error(e, &src, "<stdin>").traceback),
        };
        let globals = interp.vm.main_globals.clone();
        match interp.vm.run_code(code, globals) {
            Ok(_) => ReplStatus::Done,
            Err(e) => ReplStatus::Error(interp.report(e).traceback),
        }
    }

    /// The repr of a value, for hosts that evaluate expressions themselves.
    pub fn repr_of(interp: &mut Interpreter, v: &Value) -> String {
        interp
            .vm
            .repr(v)
            .unwrap_or_else(|_| String::from("<repr failed>"))
    }
}

pub fn _unused(_: Rc<PyStr>) {}
