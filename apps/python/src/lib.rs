//! `python`: our own Python interpreter, `#![no_std]` + `alloc` (with `libm` for floats).
//!
//! The pipeline is the classic one, one stage per module, as in MicroPython's `py/`:
//!
//! ```text
//! source ──lexer.rs──▶ tokens ──parser/──▶ AST (ast.rs) ──compiler/──▶ bytecode (bytecode.rs)
//!                                                                     │
//!                                           vm/ (frames, operators) ◀─┘ + builtins/ (functions,
//!                                                                        types' methods, modules)
//! ```
//!
//! * The lexer follows the Python Language Reference §2 (indentation to INDENT/DEDENT,
//!   string escapes, f-string fields); the parser §6-§8 by recursive descent; the compiler
//!   resolves every name to a fast local slot, a closure cell or a global (§4.2) before
//!   emitting stack-machine code; the VM runs it with immediate small ints and floats.
//! * Behaviour aims to match CPython 3.11 on the language core: `repr` of floats, error
//!   messages of the common errors, traceback layout. The conformance corpus in
//!   `tests/corpus/` is run by CPython and by `pyrun` and compared byte for byte.
//! * Limits raise exceptions instead of crashing the host: `RecursionError` at the recursion
//!   limit, `MemoryError` past the size cap for one object or past a whole-heap cap read
//!   through a host-supplied probe, `KeyboardInterrupt` when the
//!   interrupt flag is set (checked on backward jumps and calls), and `SyntaxError` with
//!   line and caret for bad source. No input text can make the library panic.
//!
//! Modules: `math`, `sys` and `time` are native; `collections`, `functools`, `itertools`,
//! `heapq`, `bisect`, `copy`, `string`, `operator`, `dataclasses`, `enum`, `typing`, `abc`
//! and `__future__` are Python source in `src/stdlib/`, compiled on first import.
//!
//! Known gaps: no complex numbers, no `async`/`await` semantics, no metaclasses (Enum
//! classes iterate through a VM special case), no `__slots__` enforcement, no finalizers
//! (a generator's `finally` runs only when it finishes or is closed), no file I/O,
//! reference cycles are not collected, and very deep object nesting can exhaust the host
//! stack when dropped.
//!
//! The host-facing API is `Interpreter` (run a program, with an output sink, an input hook,
//! an interrupt flag and limits) and `Repl` (feed lines, get "need more input" or results).
#![no_std]
#![deny(unsafe_code)]
// Index loops read more clearly than iterator chains in the limb arithmetic and the
// argument binder; `cmp` on BigInt is the three-way comparison the VM calls by name.
#![allow(
    clippy::needless_range_loop,
    clippy::should_implement_trait,
    clippy::cloned_ref_to_slice_refs
)]

extern crate alloc;

pub mod ast;
pub mod bigint;
pub mod builtins;
pub mod bytecode;
pub mod compiler;
pub mod dict;
pub mod error;
pub mod generator;
pub mod iter;
pub mod lexer;
pub mod parser;
pub mod pystr;
mod repl;
pub mod value;
pub mod vm;

pub use repl::{Interpreter, Repl, ReplStatus, RunError};
pub use vm::{BufferOutput, InputHook, Output};
