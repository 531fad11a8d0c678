//! Compile-time errors.
//!
//! The lexer, parser and compiler report a `SyntaxError` value (never a panic) with the line
//! and 1-based column CPython would show under its caret. The VM turns it into a Python
//! `SyntaxError` or `IndentationError` instance.

use alloc::string::String;

#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    pub msg: String,
    pub line: u32,
    /// 1-based column of the caret.
    pub col: u32,
    /// True for `IndentationError`, a subclass of `SyntaxError`.
    pub indentation: bool,
}
