//! DOCTYPE states: HTML §13.2.5.53-68. The public and system identifier states are written
//! once each and told which identifier they fill.

use super::{is_space, Doctype, State, Tokenizer};
use alloc::string::String;

impl Tokenizer {
    /// The public (`public == true`) or system identifier being filled.
    fn identifier(&mut self, public: bool) -> &mut Option<String> {
        if public {
            &mut self.doctype.public_id
        } else {
            &mut self.doctype.system_id
        }
    }

    /// Shared EOF branch: force quirks, emit the DOCTYPE, end.
    fn eof_in_doctype(&mut self) {
        self.error("eof-in-doctype");
        self.doctype.force_quirks = true;
        self.emit_doctype();
        self.emit_eof();
    }

    /// §13.2.5.53 DOCTYPE state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn doctype_state(&mut self) {
        let c = self.consume();
        match c {
            Some(s) if is_space(s) => self.state = State::BeforeDoctypeName,
            Some('>') => self.reconsume_in(State::BeforeDoctypeName, c),
            None => {
                self.doctype = Doctype::default();
                self.eof_in_doctype();
            }
            Some(_) => {
                self.error("missing-whitespace-before-doctype-name");
                self.reconsume_in(State::BeforeDoctypeName, c);
            }
        }
    }

    /// §13.2.5.54 Before DOCTYPE name state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn before_doctype_name_state(&mut self) {
        let c = self.consume();
        self.doctype = Doctype::default();
        match c {
            Some(s) if is_space(s) => {}
            Some('\0') => {
                self.error("unexpected-null-character");
                self.doctype.name = Some(String::from("\u{FFFD}"));
                self.state = State::DoctypeName;
            }
            Some('>') => {
                self.error("missing-doctype-name");
                self.doctype.force_quirks = true;
                self.state = State::Data;
                self.emit_doctype();
            }
            None => self.eof_in_doctype(),
            Some(c) => {
                let mut name = String::new();
                name.push(c.to_ascii_lowercase());
                self.doctype.name = Some(name);
                self.state = State::DoctypeName;
            }
        }
    }

    /// §13.2.5.55 DOCTYPE name state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn doctype_name_state(&mut self) {
        let c = self.consume();
        match c {
            Some(s) if is_space(s) => self.state = State::AfterDoctypeName,
            Some('>') => {
                self.state = State::Data;
                self.emit_doctype();
            }
            None => self.eof_in_doctype(),
            Some(c) => {
                let c = if c == '\0' {
                    self.error("unexpected-null-character");
                    '\u{FFFD}'
                } else {
                    c.to_ascii_lowercase()
                };
                self.doctype.name.get_or_insert_with(String::new).push(c);
            }
        }
    }

    /// §13.2.5.56 After DOCTYPE name state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn after_doctype_name_state(&mut self) {
        let c = self.consume();
        match c {
            Some(s) if is_space(s) => {}
            Some('>') => {
                self.state = State::Data;
                self.emit_doctype();
            }
            None => self.eof_in_doctype(),
            Some(_) => {
                self.reconsume(c);
                let rest = self.rest().as_bytes();
                let keyword = rest.get(..6).unwrap_or(&[]);
                if keyword.eq_ignore_ascii_case(b"PUBLIC") {
                    self.pos += 6;
                    self.state = State::AfterDoctypePublicKeyword;
                } else if keyword.eq_ignore_ascii_case(b"SYSTEM") {
                    self.pos += 6;
                    self.state = State::AfterDoctypeSystemKeyword;
                } else {
                    self.error("invalid-character-sequence-after-doctype-name");
                    self.doctype.force_quirks = true;
                    self.state = State::BogusDoctype;
                }
            }
        }
    }

    /// §13.2.5.57 After DOCTYPE public keyword and §13.2.5.63 after DOCTYPE system keyword.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn after_doctype_keyword_state(&mut self, public: bool) {
        let c = self.consume();
        match c {
            Some(s) if is_space(s) => {
                self.state = if public {
                    State::BeforeDoctypePublicIdentifier
                } else {
                    State::BeforeDoctypeSystemIdentifier
                };
            }
            Some('"' | '\'') => {
                self.error(if public {
                    "missing-whitespace-after-doctype-public-keyword"
                } else {
                    "missing-whitespace-after-doctype-system-keyword"
                });
                self.reconsume_in(self.before_identifier_state(public), c);
            }
            _ => self.before_doctype_identifier_branches(public, c),
        }
    }

    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    fn before_identifier_state(&self, public: bool) -> State {
        if public {
            State::BeforeDoctypePublicIdentifier
        } else {
            State::BeforeDoctypeSystemIdentifier
        }
    }

    /// §13.2.5.58 Before DOCTYPE public identifier and §13.2.5.64 before DOCTYPE system
    /// identifier states.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn before_doctype_identifier_state(&mut self, public: bool) {
        let c = self.consume();
        match c {
            Some(s) if is_space(s) => {}
            _ => self.before_doctype_identifier_branches(public, c),
        }
    }

    fn before_doctype_identifier_branches(&mut self, public: bool, c: Option<char>) {
        match c {
            Some(q @ ('"' | '\'')) => {
                *self.identifier(public) = Some(String::new());
                self.state = match (public, q) {
                    (true, '"') => State::DoctypePublicIdentifierDoubleQuoted,
                    (true, _) => State::DoctypePublicIdentifierSingleQuoted,
                    (false, '"') => State::DoctypeSystemIdentifierDoubleQuoted,
                    (false, _) => State::DoctypeSystemIdentifierSingleQuoted,
                };
            }
            Some('>') => {
                self.error(if public {
                    "missing-doctype-public-identifier"
                } else {
                    "missing-doctype-system-identifier"
                });
                self.doctype.force_quirks = true;
                self.state = State::Data;
                self.emit_doctype();
            }
            None => self.eof_in_doctype(),
            Some(_) => {
                self.error(if public {
                    "missing-quote-before-doctype-public-identifier"
                } else {
                    "missing-quote-before-doctype-system-identifier"
                });
                self.doctype.force_quirks = true;
                self.reconsume_in(State::BogusDoctype, c);
            }
        }
    }

    /// §13.2.5.59-60 DOCTYPE public identifier and §13.2.5.65-66 system identifier
    /// (double- and single-quoted) states.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn doctype_identifier_state(&mut self, public: bool, quote: char) {
        match self.consume() {
            Some(q) if q == quote => {
                self.state = if public {
                    State::AfterDoctypePublicIdentifier
                } else {
                    State::AfterDoctypeSystemIdentifier
                };
            }
            Some('\0') => {
                self.error("unexpected-null-character");
                self.identifier(public)
                    .get_or_insert_with(String::new)
                    .push('\u{FFFD}');
            }
            Some('>') => {
                self.error(if public {
                    "abrupt-doctype-public-identifier"
                } else {
                    "abrupt-doctype-system-identifier"
                });
                self.doctype.force_quirks = true;
                self.state = State::Data;
                self.emit_doctype();
            }
            None => self.eof_in_doctype(),
            Some(c) => self
                .identifier(public)
                .get_or_insert_with(String::new)
                .push(c),
        }
    }

    /// §13.2.5.61 After DOCTYPE public identifier state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn after_doctype_public_identifier_state(&mut self) {
        let c = self.consume();
        match c {
            Some(s) if is_space(s) => self.state = State::BetweenDoctypePublicAndSystemIdentifiers,
            Some('"' | '\'') => {
                self.error("missing-whitespace-between-doctype-public-and-system-identifiers");
                self.before_doctype_identifier_branches(false, c);
            }
            _ => self.between_doctype_identifiers_branches(c),
        }
    }

    /// §13.2.5.62 Between DOCTYPE public and system identifiers state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn between_doctype_identifiers_state(&mut self) {
        let c = self.consume();
        match c {
            Some(s) if is_space(s) => {}
            _ => self.between_doctype_identifiers_branches(c),
        }
    }

    fn between_doctype_identifiers_branches(&mut self, c: Option<char>) {
        match c {
            Some('>') => {
                self.state = State::Data;
                self.emit_doctype();
            }
            _ => self.before_doctype_identifier_branches(false, c),
        }
    }

    /// §13.2.5.67 After DOCTYPE system identifier state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn after_doctype_system_identifier_state(&mut self) {
        let c = self.consume();
        match c {
            Some(s) if is_space(s) => {}
            Some('>') => {
                self.state = State::Data;
                self.emit_doctype();
            }
            None => self.eof_in_doctype(),
            Some(_) => {
                self.error("unexpected-character-after-doctype-system-identifier");
                self.reconsume_in(State::BogusDoctype, c);
            }
        }
    }

    /// §13.2.5.68 Bogus DOCTYPE state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn bogus_doctype_state(&mut self) {
        match self.consume() {
            Some('>') => {
                self.state = State::Data;
                self.emit_doctype();
            }
            Some('\0') => self.error("unexpected-null-character"),
            None => {
                self.emit_doctype();
                self.emit_eof();
            }
            Some(_) => {}
        }
    }
}
