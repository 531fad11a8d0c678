//! Character references: HTML §13.2.5.72-80, with the named table of §13.5 (`entities.rs`).
//!
//! The temporary buffer holds what was consumed (`&`, `&#x`, the name) so that it can be
//! "flushed" as text when the reference turns out not to be one. Inside attribute values
//! the result goes to the value instead of the output, and a legacy name without `;` that
//! is followed by `=` or an alphanumeric stays text (§13.2.5.73).

use super::entities::{LONGEST_NAME, NAMED_REFERENCES};
use super::{State, Tokenizer};

/// §13.2.5.80: what the code points 0x80-0x9F mean in references (windows-1252's view).
const C1_REPLACEMENTS: [(u32, char); 27] = [
    (0x80, '\u{20AC}'),
    (0x82, '\u{201A}'),
    (0x83, '\u{0192}'),
    (0x84, '\u{201E}'),
    (0x85, '\u{2026}'),
    (0x86, '\u{2020}'),
    (0x87, '\u{2021}'),
    (0x88, '\u{02C6}'),
    (0x89, '\u{2030}'),
    (0x8A, '\u{0160}'),
    (0x8B, '\u{2039}'),
    (0x8C, '\u{0152}'),
    (0x8E, '\u{017D}'),
    (0x91, '\u{2018}'),
    (0x92, '\u{2019}'),
    (0x93, '\u{201C}'),
    (0x94, '\u{201D}'),
    (0x95, '\u{2022}'),
    (0x96, '\u{2013}'),
    (0x97, '\u{2014}'),
    (0x98, '\u{02DC}'),
    (0x99, '\u{2122}'),
    (0x9A, '\u{0161}'),
    (0x9B, '\u{203A}'),
    (0x9C, '\u{0153}'),
    (0x9E, '\u{017E}'),
    (0x9F, '\u{0178}'),
];

/// The replacement text of the named reference `name` (without `&`), if it is one.
pub fn lookup_named(name: &str) -> Option<&'static str> {
    NAMED_REFERENCES
        .binary_search_by(|(candidate, _)| (*candidate).cmp(name))
        .ok()
        .map(|index| NAMED_REFERENCES[index].1)
}

/// The longest named reference at the start of `text`: (bytes matched, replacement).
fn longest_named_match(text: &str) -> Option<(usize, &'static str)> {
    let bytes = text.as_bytes();
    let run = bytes
        .iter()
        .take(LONGEST_NAME)
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(bytes.len().min(LONGEST_NAME));
    if bytes.get(run) == Some(&b';') {
        if let Some(found) = lookup_named(&text[..run + 1]) {
            return Some((run + 1, found));
        }
    }
    (1..=run)
        .rev()
        .find_map(|len| lookup_named(&text[..len]).map(|found| (len, found)))
}

impl Tokenizer {
    /// Whether the reference being read sits in an attribute value.
    fn in_attribute(&self) -> bool {
        matches!(
            self.return_state,
            State::AttributeValueDoubleQuoted
                | State::AttributeValueSingleQuoted
                | State::AttributeValueUnquoted
        )
    }

    /// "Flush code points consumed as a character reference".
    fn flush_temp(&mut self) {
        if self.in_attribute() {
            self.attribute_value.push_str(&self.temp);
        } else {
            self.text.push_str(&self.temp);
        }
    }

    /// §13.2.5.72 Character reference state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn character_reference_state(&mut self) {
        self.temp.clear();
        self.temp.push('&');
        let c = self.consume();
        match c {
            Some(a) if a.is_ascii_alphanumeric() => {
                self.reconsume_in(State::NamedCharacterReference, c)
            }
            Some('#') => {
                self.temp.push('#');
                self.state = State::NumericCharacterReference;
            }
            _ => {
                self.flush_temp();
                self.reconsume_in(self.return_state, c);
            }
        }
    }

    /// §13.2.5.73 Named character reference state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn named_character_reference_state(&mut self) {
        let Some((len, replacement)) = longest_named_match(self.rest()) else {
            self.flush_temp();
            self.state = State::AmbiguousAmpersand;
            return;
        };
        let name_end = self.pos + len;
        let ends_with_semicolon = self.input.as_bytes().get(name_end - 1) == Some(&b';');
        let next = self.input.as_bytes().get(name_end).copied();
        let name = self.input.get(self.pos..name_end).unwrap_or("");
        self.temp.push_str(name);
        self.pos = name_end;
        if self.in_attribute()
            && !ends_with_semicolon
            && matches!(next, Some(b) if b == b'=' || b.is_ascii_alphanumeric())
        {
            self.flush_temp();
        } else {
            if !ends_with_semicolon {
                self.error("missing-semicolon-after-character-reference");
            }
            self.temp.clear();
            self.temp.push_str(replacement);
            self.flush_temp();
        }
        self.state = self.return_state;
    }

    /// §13.2.5.74 Ambiguous ampersand state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn ambiguous_ampersand_state(&mut self) {
        let c = self.consume();
        match c {
            Some(a) if a.is_ascii_alphanumeric() => {
                if self.in_attribute() {
                    self.attribute_value.push(a);
                } else {
                    self.emit_char(a);
                }
            }
            Some(';') => {
                self.error("unknown-named-character-reference");
                self.reconsume_in(self.return_state, c);
            }
            _ => self.reconsume_in(self.return_state, c),
        }
    }

    /// §13.2.5.75 Numeric character reference state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn numeric_character_reference_state(&mut self) {
        self.char_ref_code = 0;
        let c = self.consume();
        match c {
            Some(x @ ('x' | 'X')) => {
                self.temp.push(x);
                self.state = State::HexadecimalCharacterReferenceStart;
            }
            _ => self.reconsume_in(State::DecimalCharacterReferenceStart, c),
        }
    }

    /// The "absence of digits" branch of §13.2.5.76-77.
    fn no_digits(&mut self, c: Option<char>) {
        self.error("absence-of-digits-in-numeric-character-reference");
        self.flush_temp();
        self.reconsume_in(self.return_state, c);
    }

    /// §13.2.5.76 Hexadecimal character reference start state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn hex_character_reference_start_state(&mut self) {
        let c = self.consume();
        match c {
            Some(h) if h.is_ascii_hexdigit() => {
                self.reconsume_in(State::HexadecimalCharacterReference, c)
            }
            _ => self.no_digits(c),
        }
    }

    /// §13.2.5.77 Decimal character reference start state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn decimal_character_reference_start_state(&mut self) {
        let c = self.consume();
        match c {
            Some(d) if d.is_ascii_digit() => self.reconsume_in(State::DecimalCharacterReference, c),
            _ => self.no_digits(c),
        }
    }

    /// §13.2.5.78 Hexadecimal and §13.2.5.79 decimal character reference states.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    fn digits_state(&mut self, radix: u32) {
        loop {
            let c = self.consume();
            match c {
                Some(d) if d.is_digit(radix) => {
                    let digit = d.to_digit(radix).unwrap_or(0);
                    // Saturate past the Unicode range; the end state replaces it anyway.
                    self.char_ref_code =
                        (self.char_ref_code.saturating_mul(radix) + digit).min(0x11_0000);
                }
                Some(';') => return self.state = State::NumericCharacterReferenceEnd,
                _ => {
                    self.error("missing-semicolon-after-character-reference");
                    return self.reconsume_in(State::NumericCharacterReferenceEnd, c);
                }
            }
        }
    }

    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn hex_character_reference_state(&mut self) {
        self.digits_state(16);
    }

    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn decimal_character_reference_state(&mut self) {
        self.digits_state(10);
    }

    /// §13.2.5.80 Numeric character reference end state.
    #[inline(never)] // a call per state keeps `step` small (see `Tokenizer::step`)
    pub(super) fn numeric_character_reference_end_state(&mut self) {
        let code = self.char_ref_code;
        let c = if code == 0 {
            self.error("null-character-reference");
            '\u{FFFD}'
        } else if code > 0x10FFFF {
            self.error("character-reference-outside-unicode-range");
            '\u{FFFD}'
        } else if (0xD800..=0xDFFF).contains(&code) {
            self.error("surrogate-character-reference");
            '\u{FFFD}'
        } else {
            if (0xFDD0..=0xFDEF).contains(&code) || (code & 0xFFFE) == 0xFFFE {
                self.error("noncharacter-character-reference");
            }
            let is_space = matches!(code, 0x09 | 0x0A | 0x0C | 0x20);
            if code == 0x0D || ((code < 0x20 || (0x7F..=0x9F).contains(&code)) && !is_space) {
                self.error("control-character-reference");
            }
            C1_REPLACEMENTS
                .iter()
                .find(|(from, _)| *from == code)
                .map(|(_, to)| *to)
                .or_else(|| char::from_u32(code))
                .unwrap_or('\u{FFFD}')
        };
        self.temp.clear();
        self.temp.push(c);
        self.flush_temp();
        self.state = self.return_state;
    }
}
