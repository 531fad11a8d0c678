//! Comment and CDATA section states: HTML §13.2.5.43-52 and §13.2.5.69-71.

use super::{State, Tokenizer};

impl Tokenizer {
    /// §13.2.5.43 Comment start state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn comment_start_state(&mut self) {
        let c = self.consume();
        match c {
            Some('-') => self.state = State::CommentStartDash,
            Some('>') => {
                self.error("abrupt-closing-of-empty-comment");
                self.state = State::Data;
                self.emit_comment();
            }
            _ => self.reconsume_in(State::Comment, c),
        }
    }

    /// Shared EOF handling of the comment states.
    fn eof_in_comment(&mut self) {
        self.error("eof-in-comment");
        self.emit_comment();
        self.emit_eof();
    }

    /// §13.2.5.44 Comment start dash state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn comment_start_dash_state(&mut self) {
        let c = self.consume();
        match c {
            Some('-') => self.state = State::CommentEnd,
            Some('>') => {
                self.error("abrupt-closing-of-empty-comment");
                self.state = State::Data;
                self.emit_comment();
            }
            None => self.eof_in_comment(),
            Some(_) => {
                self.comment.push('-');
                self.reconsume_in(State::Comment, c);
            }
        }
    }

    /// §13.2.5.45 Comment state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn comment_state(&mut self) {
        loop {
            match self.consume() {
                Some('<') => {
                    self.comment.push('<');
                    return self.state = State::CommentLessThanSign;
                }
                Some('-') => return self.state = State::CommentEndDash,
                Some('\0') => {
                    self.error("unexpected-null-character");
                    self.comment.push('\u{FFFD}');
                }
                None => return self.eof_in_comment(),
                Some(c) => self.comment.push(c),
            }
        }
    }

    /// §13.2.5.46 Comment less-than sign state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn comment_less_than_sign_state(&mut self) {
        let c = self.consume();
        match c {
            Some('!') => {
                self.comment.push('!');
                self.state = State::CommentLessThanSignBang;
            }
            Some('<') => self.comment.push('<'),
            _ => self.reconsume_in(State::Comment, c),
        }
    }

    /// §13.2.5.47 Comment less-than sign bang state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn comment_less_than_sign_bang_state(&mut self) {
        let c = self.consume();
        if c == Some('-') {
            self.state = State::CommentLessThanSignBangDash;
        } else {
            self.reconsume_in(State::Comment, c);
        }
    }

    /// §13.2.5.48 Comment less-than sign bang dash state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn comment_less_than_sign_bang_dash_state(&mut self) {
        let c = self.consume();
        if c == Some('-') {
            self.state = State::CommentLessThanSignBangDashDash;
        } else {
            self.reconsume_in(State::CommentEndDash, c);
        }
    }

    /// §13.2.5.49 Comment less-than sign bang dash dash state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn comment_less_than_sign_bang_dash_dash_state(&mut self) {
        let c = self.consume();
        if !matches!(c, Some('>') | None) {
            self.error("nested-comment");
        }
        self.reconsume_in(State::CommentEnd, c);
    }

    /// §13.2.5.50 Comment end dash state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn comment_end_dash_state(&mut self) {
        let c = self.consume();
        match c {
            Some('-') => self.state = State::CommentEnd,
            None => self.eof_in_comment(),
            Some(_) => {
                self.comment.push('-');
                self.reconsume_in(State::Comment, c);
            }
        }
    }

    /// §13.2.5.51 Comment end state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn comment_end_state(&mut self) {
        let c = self.consume();
        match c {
            Some('>') => {
                self.state = State::Data;
                self.emit_comment();
            }
            Some('!') => self.state = State::CommentEndBang,
            Some('-') => self.comment.push('-'),
            None => self.eof_in_comment(),
            Some(_) => {
                self.comment.push_str("--");
                self.reconsume_in(State::Comment, c);
            }
        }
    }

    /// §13.2.5.52 Comment end bang state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn comment_end_bang_state(&mut self) {
        let c = self.consume();
        match c {
            Some('-') => {
                self.comment.push_str("--!");
                self.state = State::CommentEndDash;
            }
            Some('>') => {
                self.error("incorrectly-closed-comment");
                self.state = State::Data;
                self.emit_comment();
            }
            None => self.eof_in_comment(),
            Some(_) => {
                self.comment.push_str("--!");
                self.reconsume_in(State::Comment, c);
            }
        }
    }

    /// §13.2.5.69 CDATA section state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn cdata_section_state(&mut self) {
        match self.consume() {
            Some(']') => self.state = State::CdataSectionBracket,
            None => {
                self.error("eof-in-cdata");
                self.emit_eof();
            }
            Some(c) => self.emit_char(c),
        }
    }

    /// §13.2.5.70 CDATA section bracket state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn cdata_section_bracket_state(&mut self) {
        let c = self.consume();
        if c == Some(']') {
            self.state = State::CdataSectionEnd;
        } else {
            self.emit_char(']');
            self.reconsume_in(State::CdataSection, c);
        }
    }

    /// §13.2.5.71 CDATA section end state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn cdata_section_end_state(&mut self) {
        let c = self.consume();
        match c {
            Some(']') => self.emit_char(']'),
            Some('>') => self.state = State::Data,
            _ => {
                self.emit_str("]]");
                self.reconsume_in(State::CdataSection, c);
            }
        }
    }
}
