//! The session: every open document, kept by the kernel between runs of the app.
//!
//! The kernel keeps bytes for an app under a key for the rest of the boot (`store_set` /
//! `store_get`, at most 16 MiB per app, see `kernel/abi`). The editor keeps one value, under
//! [`KEY`], in a compact little-endian format:
//!
//! ```text
//! "EDS1"                      magic and version
//! u32 count, u32 active, u32 next_number
//! count times:
//!   u32 name_len, name bytes (UTF-8)
//!   u32 cursor, u32 top_line
//!   u32 text_len, text bytes (UTF-8)
//! ```
//!
//! [`decode`] reads it through length checks and never panics: a value that is short,
//! has a bad magic or invalid UTF-8 is an error, and the app starts with an empty document.
//! Undo history is not kept (a reopened document starts a new history).

use crate::document::Document;
use crate::editor::Editor;
use std::string::String;
use std::vec::Vec;

/// The store key.
pub const KEY: &str = "editor.session";
const MAGIC: &[u8; 4] = b"EDS1";

/// Why a stored session could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeError {
    BadMagic,
    Truncated,
    BadText,
    NoDocuments,
}

fn put_u32(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&(n.min(u32::MAX as usize) as u32).to_le_bytes());
}

/// The session as bytes.
pub fn encode(editor: &mut Editor) -> Vec<u8> {
    let size: usize = editor
        .documents
        .iter()
        .map(|d| d.buffer.len() + d.name.len() + 20)
        .sum();
    let mut out = Vec::with_capacity(size + 16);
    out.extend_from_slice(MAGIC);
    put_u32(&mut out, editor.documents.len());
    put_u32(&mut out, editor.active);
    put_u32(&mut out, editor.next_number as usize);
    for doc in &mut editor.documents {
        put_u32(&mut out, doc.name.len());
        out.extend_from_slice(doc.name.as_bytes());
        put_u32(&mut out, doc.cursor);
        put_u32(&mut out, doc.top_line);
        let text = doc.buffer.contiguous();
        put_u32(&mut out, text.len());
        out.extend_from_slice(text.as_bytes());
    }
    out
}

/// A reader over the stored bytes that checks each length before taking it.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        if self.bytes.len() < n {
            return Err(DecodeError::Truncated);
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }

    fn u32(&mut self) -> Result<usize, DecodeError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }

    fn text(&mut self) -> Result<&'a str, DecodeError> {
        let len = self.u32()?;
        core::str::from_utf8(self.take(len)?).map_err(|_| DecodeError::BadText)
    }
}

/// The editor a stored session describes.
pub fn decode(bytes: &[u8]) -> Result<Editor, DecodeError> {
    let mut r = Reader { bytes };
    if r.take(4)? != MAGIC {
        return Err(DecodeError::BadMagic);
    }
    let count = r.u32()?;
    let active = r.u32()?;
    let next_number = r.u32()?;
    let mut documents = Vec::new();
    for _ in 0..count {
        let name = String::from(r.text()?);
        let cursor = r.u32()?;
        let top_line = r.u32()?;
        let mut doc = Document::new(&name, r.text()?);
        let at = doc.buffer.floor(cursor);
        doc.set_cursor(at, false);
        doc.top_line = top_line.min(doc.buffer.line_count().saturating_sub(1));
        documents.push(doc);
    }
    if documents.is_empty() {
        return Err(DecodeError::NoDocuments);
    }
    let mut editor = Editor::new();
    editor.active = active.min(documents.len() - 1);
    editor.documents = documents;
    editor.next_number = (next_number as u32).max(1);
    Ok(editor)
}
