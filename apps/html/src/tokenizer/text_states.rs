//! Text and tag-open states: HTML §13.2.5.1-13 (data, RCDATA, RAWTEXT, PLAINTEXT, tag open,
//! end tag open, tag name, and the "less-than sign / end tag open / end tag name" trios of
//! RCDATA, RAWTEXT and script data, which differ only in the state they fall back to).

use super::{is_space, State, TagKind, Tokenizer};

/// Length of the run at the start of `bytes` that holds none of `stops`.
#[inline]
fn plain_run(bytes: &[u8], stops: &[u8]) -> usize {
    bytes
        .iter()
        .position(|b| stops.contains(b))
        .unwrap_or(bytes.len())
}

/// Length of the run of printable ASCII (no space, no control) at the start of `bytes`
/// that holds none of `stops`: characters a name state would just append.
#[inline]
pub(super) fn plain_ascii_run(bytes: &[u8], stops: &[u8]) -> usize {
    bytes
        .iter()
        .position(|&b| !(b > 0x20 && b < 0x7F) || stops.contains(&b))
        .unwrap_or(bytes.len())
}

impl Tokenizer {
    /// Copies the run of ordinary characters up to the next byte in `stops` to the output.
    #[inline]
    fn copy_plain_run(&mut self, stops: &[u8]) {
        let bytes = &self.input.as_bytes()[self.pos..];
        let run = plain_run(bytes, stops);
        if run > 0 {
            let end = self.pos + run;
            // The stops are ASCII, so `end` is on a character boundary.
            if let Some(text) = self.input.get(self.pos..end) {
                self.text.push_str(text);
            }
            self.pos = end;
        }
    }

    /// §13.2.5.1 Data state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn data_state(&mut self) {
        self.copy_plain_run(b"<&\0");
        match self.consume() {
            Some('&') => {
                self.return_state = State::Data;
                self.state = State::CharacterReference;
            }
            Some('<') => self.state = State::TagOpen,
            Some('\0') => {
                self.error("unexpected-null-character");
                self.emit_char('\0');
            }
            None => self.emit_eof(),
            Some(c) => self.emit_char(c),
        }
    }

    /// §13.2.5.2 RCDATA state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn rcdata_state(&mut self) {
        self.copy_plain_run(b"<&\0");
        match self.consume() {
            Some('&') => {
                self.return_state = State::Rcdata;
                self.state = State::CharacterReference;
            }
            Some('<') => self.state = State::RcdataLessThanSign,
            Some('\0') => {
                self.error("unexpected-null-character");
                self.emit_char('\u{FFFD}');
            }
            None => self.emit_eof(),
            Some(c) => self.emit_char(c),
        }
    }

    /// §13.2.5.3 RAWTEXT state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn rawtext_state(&mut self) {
        self.copy_plain_run(b"<\0");
        match self.consume() {
            Some('<') => self.state = State::RawtextLessThanSign,
            Some('\0') => {
                self.error("unexpected-null-character");
                self.emit_char('\u{FFFD}');
            }
            None => self.emit_eof(),
            Some(c) => self.emit_char(c),
        }
    }

    /// §13.2.5.4 Script data state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn script_data_state(&mut self) {
        self.copy_plain_run(b"<\0");
        match self.consume() {
            Some('<') => self.state = State::ScriptDataLessThanSign,
            Some('\0') => {
                self.error("unexpected-null-character");
                self.emit_char('\u{FFFD}');
            }
            None => self.emit_eof(),
            Some(c) => self.emit_char(c),
        }
    }

    /// §13.2.5.5 PLAINTEXT state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn plaintext_state(&mut self) {
        self.copy_plain_run(b"\0");
        match self.consume() {
            Some('\0') => {
                self.error("unexpected-null-character");
                self.emit_char('\u{FFFD}');
            }
            None => self.emit_eof(),
            Some(c) => self.emit_char(c),
        }
    }

    /// §13.2.5.6 Tag open state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn tag_open_state(&mut self) {
        let c = self.consume();
        match c {
            Some('!') => self.state = State::MarkupDeclarationOpen,
            Some('/') => self.state = State::EndTagOpen,
            Some(l) if l.is_ascii_alphabetic() => {
                self.start_tag(TagKind::Start);
                self.reconsume_in(State::TagName, c);
            }
            Some('?') => {
                self.error("unexpected-question-mark-instead-of-tag-name");
                self.comment.clear();
                self.reconsume_in(State::BogusComment, c);
            }
            None => {
                self.error("eof-before-tag-name");
                self.emit_char('<');
                self.emit_eof();
            }
            Some(_) => {
                self.error("invalid-first-character-of-tag-name");
                self.emit_char('<');
                self.reconsume_in(State::Data, c);
            }
        }
    }

    /// §13.2.5.7 End tag open state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn end_tag_open_state(&mut self) {
        let c = self.consume();
        match c {
            Some(l) if l.is_ascii_alphabetic() => {
                self.start_tag(TagKind::End);
                self.reconsume_in(State::TagName, c);
            }
            Some('>') => {
                self.error("missing-end-tag-name");
                self.state = State::Data;
            }
            None => {
                self.error("eof-before-tag-name");
                self.emit_str("</");
                self.emit_eof();
            }
            Some(_) => {
                self.error("invalid-first-character-of-tag-name");
                self.comment.clear();
                self.reconsume_in(State::BogusComment, c);
            }
        }
    }

    /// §13.2.5.8 Tag name state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn tag_name_state(&mut self) {
        loop {
            let run = plain_ascii_run(&self.input.as_bytes()[self.pos..], b"/>");
            if run > 0 {
                // The run is printable ASCII, so it is copied whole and lowercased in place.
                if let Some(text) = self.input.get(self.pos..self.pos + run) {
                    let start = self.tag.name.len();
                    self.tag.name.push_str(text);
                    if let Some(added) = self.tag.name.get_mut(start..) {
                        added.make_ascii_lowercase();
                    }
                }
                self.pos += run;
            }
            match self.consume() {
                Some(c) if is_space(c) => {
                    self.state = State::BeforeAttributeName;
                    return;
                }
                Some('/') => {
                    self.state = State::SelfClosingStartTag;
                    return;
                }
                Some('>') => {
                    self.state = State::Data;
                    self.emit_tag();
                    return;
                }
                None => {
                    self.error("eof-in-tag");
                    self.emit_eof();
                    return;
                }
                Some(c) => self.push_odd_tag_name_char(c),
            }
        }
    }

    /// The tag name state for a character the fast run stopped at that is not a space,
    /// `/` or `>`: NUL or a non-ASCII character. Out of line, as it is rare: wasmi charges a
    /// loop's straight-line code on every round, used or not.
    #[inline(never)]
    fn push_odd_tag_name_char(&mut self, c: char) {
        if c == '\0' {
            self.error("unexpected-null-character");
            self.tag.name.push('\u{FFFD}');
        } else {
            self.tag.name.push(c.to_ascii_lowercase());
        }
    }

    /// §13.2.5.9 RCDATA less-than sign, §13.2.5.12 RAWTEXT less-than sign (script data's
    /// version has an extra branch and lives in `script_states.rs`).
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn text_less_than_sign_state(&mut self, text: State, end_tag_open: State) {
        let c = self.consume();
        if c == Some('/') {
            self.temp.clear();
            self.state = end_tag_open;
        } else {
            self.emit_char('<');
            self.reconsume_in(text, c);
        }
    }

    /// §13.2.5.10 RCDATA end tag open, §13.2.5.13 RAWTEXT end tag open, §13.2.5.16 script
    /// data end tag open, §13.2.5.23 script data escaped end tag open.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn text_end_tag_open_state(&mut self, text: State, end_tag_name: State) {
        let c = self.consume();
        match c {
            Some(l) if l.is_ascii_alphabetic() => {
                self.start_tag(TagKind::End);
                self.reconsume_in(end_tag_name, c);
            }
            _ => {
                self.emit_str("</");
                self.reconsume_in(text, c);
            }
        }
    }

    /// §13.2.5.11 RCDATA end tag name, §13.2.5.14 RAWTEXT end tag name, §13.2.5.17 script
    /// data end tag name, §13.2.5.24 script data escaped end tag name.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn text_end_tag_name_state(&mut self, text: State) {
        let c = self.consume();
        match c {
            Some(s) if is_space(s) && self.is_appropriate_end_tag() => {
                self.state = State::BeforeAttributeName;
            }
            Some('/') if self.is_appropriate_end_tag() => self.state = State::SelfClosingStartTag,
            Some('>') if self.is_appropriate_end_tag() => {
                self.state = State::Data;
                self.emit_tag();
            }
            Some(l) if l.is_ascii_alphabetic() => {
                self.tag.name.push(l.to_ascii_lowercase());
                self.temp.push(l);
            }
            _ => {
                self.emit_str("</");
                let temp = core::mem::take(&mut self.temp);
                self.emit_str(&temp);
                self.temp = temp;
                self.reconsume_in(text, c);
            }
        }
    }
}
