//! The virtual machine: runs code objects frame by frame.
//!
//! `Vm` owns the interpreter state (built-in types and functions, loaded modules, the output
//! sink, limits); a `Frame` is one activation of a code object with its value stack, fast
//! locals, cells and block stack. Calls into Python functions recurse on the Rust stack, with
//! the depth checked against the recursion limit so deep recursion raises `RecursionError`
//! instead of overflowing. An exception is a Rust `Err` that `run_frame` catches: it pops the
//! innermost `SetupExcept` block of the frame and jumps to its handler, or records a
//! traceback entry and returns the error to the caller's frame. A generator keeps its frame
//! in the generator object and resumes it in `run_frame` until the next `yield`.
//!
//! The other files: `call.rs` (argument binding, classes), `ops.rs` (operators),
//! `attr.rs` (attribute lookup), `item.rs` (subscripts), `repr.rs` (repr and str),
//! `exc.rs` (exception classes and tracebacks), `matching.rs` (`match` patterns),
//! `interp.rs` (the instruction loop).

macro_rules! pop {
    ($f:expr) => {
        match $f.stack.pop() {
            Some(v) => v,
            None => return Err(Exc::new(ExcKind::RuntimeError, "stack underflow")),
        }
    };
}

macro_rules! top {
    ($f:expr) => {
        match $f.stack.last() {
            Some(v) => v,
            None => return Err(Exc::new(ExcKind::RuntimeError, "stack underflow")),
        }
    };
}

mod attr;
mod call;
mod cold;
mod compare;
mod exc;
mod interp;
mod item;
mod mapping;
mod matching;
mod ops;
mod repr;
mod teardown;
mod types;

pub use exc::format_exception_only;
pub use interp::dict_remove_str as dict_remove_str_pub;
pub use ops::{to_big as to_big_pub, to_f64 as to_f64_pub};
pub use repr::{
    bytes_repr as bytes_repr_pub, float_repr as float_repr_pub, str_repr as str_repr_pub,
};
pub use types::Types;

use crate::bytecode::Code;
use crate::dict::Dict;
use crate::pystr::PyStr;
use crate::value::*;
use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::cell::RefCell;
use core::sync::atomic::AtomicBool;

/// Where `print` and tracebacks go.
pub trait Output {
    fn write_out(&mut self, s: &str);
    fn write_err(&mut self, s: &str);
}

/// An output sink that keeps everything in memory (tests, REPL capture).
#[derive(Default)]
pub struct BufferOutput {
    pub out: String,
    pub err: String,
}

impl Output for BufferOutput {
    fn write_out(&mut self, s: &str) {
        self.out.push_str(s);
    }
    fn write_err(&mut self, s: &str) {
        self.err.push_str(s);
    }
}

/// Supplies a line for `input()`; `None` means end of input (EOFError).
pub type InputHook = Box<dyn FnMut(&str) -> Option<String>>;

pub struct Block {
    pub handler: usize,
    pub stack_len: usize,
    pub handling_len: usize,
}

pub struct Frame {
    pub code: Rc<Code>,
    pub pc: usize,
    pub stack: Vec<Value>,
    /// Fast locals; `Value::Null` marks an unbound slot.
    pub locals: Vec<Value>,
    pub cells: Vec<Rc<RefCell<Value>>>,
    pub globals: Rc<RefCell<Dict>>,
    /// The namespace of class bodies.
    pub ns: Option<Rc<RefCell<Dict>>>,
    pub blocks: Vec<Block>,
    pub func: Option<Rc<Function>>,
    pub id: usize,
}

pub enum FrameExit {
    Return(Value),
    Yield(Value),
}

/// Python frames before RecursionError. One level costs about 1.3 KB of host stack in
/// release builds; WebAssembly apps get a 1 MB stack by default, so they start lower.
#[cfg(target_arch = "wasm32")]
pub const DEFAULT_RECURSION_LIMIT: u32 = 400;
#[cfg(not(target_arch = "wasm32"))]
pub const DEFAULT_RECURSION_LIMIT: u32 = 1000;

pub struct Vm {
    pub types: Types,
    pub builtins: Rc<RefCell<Dict>>,
    pub modules: Dict,
    pub out: Box<dyn Output>,
    pub input: Option<InputHook>,
    pub interrupt: Arc<AtomicBool>,
    pub depth: u32,
    pub recursion_limit: u32,
    /// Exceptions currently being handled (innermost last), for bare `raise` and context.
    pub handling: Vec<Value>,
    /// Objects whose repr is being computed (to print `[...]` for cycles).
    pub repr_guard: Vec<usize>,
    /// Rough cap on the size of one container or string, in bytes.
    pub memory_limit: usize,
    /// Instructions left before the step budget expires (u64::MAX: unlimited).
    pub steps_left: u64,
    pub next_id: usize,
    pub main_globals: Rc<RefCell<Dict>>,
    /// Seconds since some epoch, for `time.time()` (the host supplies it).
    pub clock: Option<Box<dyn Fn() -> f64>>,
    /// The ceiling `sys.setrecursionlimit` may raise the limit to (bounded by the host stack).
    pub max_recursion_limit: u32,
    /// Emptied value vectors kept for reuse as frame stacks and locals.
    pub spare_vecs: Vec<Vec<Value>>,
    /// Reports the host heap in use; past the cap the program gets MemoryError.
    pub heap_probe: Option<(Box<dyn Fn() -> usize>, usize)>,
    pub ticks: u64,
    /// Called every [`TICK_HOOK_EVERY`] ticks while code runs, so an embedding app can keep
    /// its window alive (draw output, read keys) during a long computation; returning true
    /// raises KeyboardInterrupt in the running program.
    pub tick_hook: Option<Box<dyn FnMut() -> bool>>,
    /// Ticks counted for the tick hook.
    pub hook_ticks: u64,
}

/// Ticks (backward jumps and calls) between two calls of [`Vm::tick_hook`].
pub const TICK_HOOK_EVERY: u64 = 256;

impl Vm {
    pub fn new(out: Box<dyn Output>) -> Vm {
        let types = Types::new();
        let builtins = Rc::new(RefCell::new(Dict::new()));
        let mut vm = Vm {
            types,
            builtins,
            modules: Dict::new(),
            out,
            input: None,
            interrupt: Arc::new(AtomicBool::new(false)),
            depth: 0,
            recursion_limit: DEFAULT_RECURSION_LIMIT,
            handling: Vec::new(),
            repr_guard: Vec::new(),
            memory_limit: 1 << 30,
            steps_left: u64::MAX,
            next_id: 1,
            main_globals: Rc::new(RefCell::new(Dict::new())),
            clock: None,
            max_recursion_limit: DEFAULT_RECURSION_LIMIT,
            spare_vecs: Vec::new(),
            heap_probe: None,
            ticks: 0,
            tick_hook: None,
            hook_ticks: 0,
        };
        crate::builtins::install(&mut vm);
        let g = vm.new_globals("__main__");
        vm.main_globals = g;
        vm
    }

    /// A fresh module namespace with `__name__` set.
    pub fn new_globals(&mut self, name: &str) -> Rc<RefCell<Dict>> {
        let mut d = Dict::new();
        d.set_str(Rc::new(PyStr::new("__name__")), Value::str(name));
        d.set_str(Rc::new(PyStr::new("__doc__")), Value::None);
        Rc::new(RefCell::new(d))
    }

    pub fn fresh_id(&mut self) -> usize {
        self.next_id += 1;
        self.next_id
    }

    /// Runs a module-level code object in `globals`.
    pub fn run_code(&mut self, code: Rc<Code>, globals: Rc<RefCell<Dict>>) -> PyResult {
        let id = self.fresh_id();
        let mut frame = Frame {
            code,
            pc: 0,
            stack: Vec::with_capacity(16),
            locals: Vec::new(),
            cells: Vec::new(),
            globals,
            ns: None,
            blocks: Vec::new(),
            func: None,
            id,
        };
        match self.run_frame(&mut frame)? {
            FrameExit::Return(v) | FrameExit::Yield(v) => Ok(v),
        }
    }

    /// Runs a frame until it returns or yields, handling exceptions raised inside it.
    pub fn run_frame(&mut self, f: &mut Frame) -> PyResult<FrameExit> {
        let handling_base = self.handling.len();
        loop {
            match self.execute(f) {
                Ok(exit) => return Ok(exit),
                Err(exc) => {
                    let value = self.materialize(exc);
                    self.add_traceback(&value, f);
                    if let Some(block) = f.blocks.pop() {
                        f.stack.truncate(block.stack_len);
                        self.handling
                            .truncate(block.handling_len.max(handling_base));
                        f.stack.push(value);
                        f.pc = block.handler;
                        continue;
                    }
                    self.handling.truncate(handling_base);
                    return Err(Exc::object(value));
                }
            }
        }
    }

    fn add_traceback(&mut self, exc: &Value, f: &Frame) {
        if let Value::Instance(inst) = exc {
            let line = f.code.line_at(f.pc.saturating_sub(1));
            let mut tb = inst.traceback.borrow_mut();
            if let Some(last) = tb.last() {
                if last.frame_id == f.id {
                    return;
                }
            }
            tb.push(TraceEntry {
                filename: f.code.filename.clone(),
                line,
                name: f.code.name.clone(),
                frame_id: f.id,
            });
        }
    }

    /// Looks up a builtin by name (used by the REPL host and tests).
    pub fn builtin(&self, name: &str) -> Option<Value> {
        self.builtins.borrow().get_by_str(name)
    }
}

/// Sets an attribute on an exception instance without running Python code.
pub fn set_attr_pub(v: &Value, name: &str, value: Value) {
    exc::set_attr_raw(v, name, value);
}
