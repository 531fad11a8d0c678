//! Script data states: HTML §13.2.5.15-31. Script text may contain `<!--` "escapes" inside
//! which `<script>` opens a "double escape", so `</script>` inside a commented-out script
//! does not end the outer one. The end-tag states shared with RCDATA/RAWTEXT are in
//! `text_states.rs`.

use super::{is_space, State, Tokenizer};

impl Tokenizer {
    /// §13.2.5.15 Script data less-than sign state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn script_data_less_than_sign_state(&mut self) {
        let c = self.consume();
        match c {
            Some('/') => {
                self.temp.clear();
                self.state = State::ScriptDataEndTagOpen;
            }
            Some('!') => {
                self.state = State::ScriptDataEscapeStart;
                self.emit_str("<!");
            }
            _ => {
                self.emit_char('<');
                self.reconsume_in(State::ScriptData, c);
            }
        }
    }

    /// §13.2.5.18 Script data escape start state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn script_data_escape_start_state(&mut self) {
        let c = self.consume();
        if c == Some('-') {
            self.state = State::ScriptDataEscapeStartDash;
            self.emit_char('-');
        } else {
            self.reconsume_in(State::ScriptData, c);
        }
    }

    /// §13.2.5.19 Script data escape start dash state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn script_data_escape_start_dash_state(&mut self) {
        let c = self.consume();
        if c == Some('-') {
            self.state = State::ScriptDataEscapedDashDash;
            self.emit_char('-');
        } else {
            self.reconsume_in(State::ScriptData, c);
        }
    }

    /// Shared tail of the escaped states: NUL, EOF and ordinary characters.
    fn escaped_other(&mut self, c: Option<char>, back_to: State) {
        match c {
            Some('\0') => {
                self.error("unexpected-null-character");
                self.state = back_to;
                self.emit_char('\u{FFFD}');
            }
            None => {
                self.error("eof-in-script-html-comment-like-text");
                self.emit_eof();
            }
            Some(c) => {
                self.state = back_to;
                self.emit_char(c);
            }
        }
    }

    /// §13.2.5.20 Script data escaped state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn script_data_escaped_state(&mut self) {
        match self.consume() {
            Some('-') => {
                self.state = State::ScriptDataEscapedDash;
                self.emit_char('-');
            }
            Some('<') => self.state = State::ScriptDataEscapedLessThanSign,
            other => self.escaped_other(other, State::ScriptDataEscaped),
        }
    }

    /// §13.2.5.21 Script data escaped dash state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn script_data_escaped_dash_state(&mut self) {
        match self.consume() {
            Some('-') => {
                self.state = State::ScriptDataEscapedDashDash;
                self.emit_char('-');
            }
            Some('<') => self.state = State::ScriptDataEscapedLessThanSign,
            other => self.escaped_other(other, State::ScriptDataEscaped),
        }
    }

    /// §13.2.5.22 Script data escaped dash dash state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn script_data_escaped_dash_dash_state(&mut self) {
        match self.consume() {
            Some('-') => self.emit_char('-'),
            Some('<') => self.state = State::ScriptDataEscapedLessThanSign,
            Some('>') => {
                self.state = State::ScriptData;
                self.emit_char('>');
            }
            other => self.escaped_other(other, State::ScriptDataEscaped),
        }
    }

    /// §13.2.5.23 Script data escaped less-than sign state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn script_data_escaped_less_than_sign_state(&mut self) {
        let c = self.consume();
        match c {
            Some('/') => {
                self.temp.clear();
                self.state = State::ScriptDataEscapedEndTagOpen;
            }
            Some(l) if l.is_ascii_alphabetic() => {
                self.temp.clear();
                self.emit_char('<');
                self.reconsume_in(State::ScriptDataDoubleEscapeStart, c);
            }
            _ => {
                self.emit_char('<');
                self.reconsume_in(State::ScriptDataEscaped, c);
            }
        }
    }

    /// §13.2.5.26 Script data double escape start state; with `ending` set, §13.2.5.31
    /// Script data double escape end state (the mirror image).
    fn double_escape_boundary(&mut self, inside: State, outside: State) {
        let c = self.consume();
        match c {
            Some(s) if is_space(s) || s == '/' || s == '>' => {
                self.state = if self.temp == "script" {
                    inside
                } else {
                    outside
                };
                self.emit_char(s);
            }
            Some(l) if l.is_ascii_alphabetic() => {
                self.temp.push(l.to_ascii_lowercase());
                self.emit_char(l);
            }
            _ => self.reconsume_in(outside, c),
        }
    }

    /// §13.2.5.26 Script data double escape start state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn script_data_double_escape_start_state(&mut self) {
        self.double_escape_boundary(State::ScriptDataDoubleEscaped, State::ScriptDataEscaped);
    }

    /// §13.2.5.31 Script data double escape end state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn script_data_double_escape_end_state(&mut self) {
        self.double_escape_boundary(State::ScriptDataEscaped, State::ScriptDataDoubleEscaped);
    }

    /// §13.2.5.27 Script data double escaped state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn script_data_double_escaped_state(&mut self) {
        match self.consume() {
            Some('-') => {
                self.state = State::ScriptDataDoubleEscapedDash;
                self.emit_char('-');
            }
            Some('<') => {
                self.state = State::ScriptDataDoubleEscapedLessThanSign;
                self.emit_char('<');
            }
            other => self.escaped_other(other, State::ScriptDataDoubleEscaped),
        }
    }

    /// §13.2.5.28 Script data double escaped dash state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn script_data_double_escaped_dash_state(&mut self) {
        match self.consume() {
            Some('-') => {
                self.state = State::ScriptDataDoubleEscapedDashDash;
                self.emit_char('-');
            }
            Some('<') => {
                self.state = State::ScriptDataDoubleEscapedLessThanSign;
                self.emit_char('<');
            }
            other => self.escaped_other(other, State::ScriptDataDoubleEscaped),
        }
    }

    /// §13.2.5.29 Script data double escaped dash dash state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn script_data_double_escaped_dash_dash_state(&mut self) {
        match self.consume() {
            Some('-') => self.emit_char('-'),
            Some('<') => {
                self.state = State::ScriptDataDoubleEscapedLessThanSign;
                self.emit_char('<');
            }
            Some('>') => {
                self.state = State::ScriptData;
                self.emit_char('>');
            }
            other => self.escaped_other(other, State::ScriptDataDoubleEscaped),
        }
    }

    /// §13.2.5.30 Script data double escaped less-than sign state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn script_data_double_escaped_less_than_sign_state(&mut self) {
        let c = self.consume();
        if c == Some('/') {
            self.temp.clear();
            self.state = State::ScriptDataDoubleEscapeEnd;
            self.emit_char('/');
        } else {
            self.reconsume_in(State::ScriptDataDoubleEscaped, c);
        }
    }
}
