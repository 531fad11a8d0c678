//! The `str` object: an immutable UTF-8 string with a cached hash and character count.
//!
//! Python indexes strings by code point. Keeping the character count lets ASCII strings (the
//! common case) index by byte in O(1); other strings walk the UTF-8 text.

use alloc::string::String;
use core::cell::Cell;

#[derive(Debug)]
pub struct PyStr {
    s: String,
    hash: Cell<u64>,
    chars: usize,
}

/// FNV-1a, 64-bit: a fixed, fast string hash (CPython randomises its own, so no program
/// can depend on the exact values).
pub fn hash_bytes(b: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &x in b {
        h ^= x as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl PyStr {
    pub fn new(s: &str) -> PyStr {
        PyStr::from_string(String::from(s))
    }

    pub fn from_string(s: String) -> PyStr {
        let chars = if s.is_ascii() {
            s.len()
        } else {
            s.chars().count()
        };
        PyStr {
            s,
            hash: Cell::new(0),
            chars,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.s
    }

    pub fn char_len(&self) -> usize {
        self.chars
    }

    pub fn is_ascii(&self) -> bool {
        self.chars == self.s.len()
    }

    pub fn hash(&self) -> u64 {
        let h = self.hash.get();
        if h != 0 {
            return h;
        }
        let h = hash_bytes(self.s.as_bytes()) | 1;
        self.hash.set(h);
        h
    }

    /// The character at code-point index `i` (already bounds-checked by the caller).
    pub fn char_at(&self, i: usize) -> Option<char> {
        if self.is_ascii() {
            self.s.as_bytes().get(i).map(|&b| b as char)
        } else {
            self.s.chars().nth(i)
        }
    }

    /// Byte offset of code-point index `i` (clamped to the end).
    pub fn byte_offset(&self, i: usize) -> usize {
        if self.is_ascii() {
            i.min(self.s.len())
        } else {
            self.s
                .char_indices()
                .nth(i)
                .map_or(self.s.len(), |(b, _)| b)
        }
    }

    /// Appends in place (used when the string has a single owner).
    pub fn push_str(&mut self, other: &PyStr) {
        self.s.push_str(&other.s);
        self.chars += other.chars;
        self.hash.set(0);
    }
}
