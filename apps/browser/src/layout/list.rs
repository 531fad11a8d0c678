//! List numbering and markers (HTML §4.4.8 `ol start`/`type`, `li value`; CSS Lists §3
//! and Counter Styles §6.1 for the marker text).

use super::flow::parse_int;
use crate::style::ListKind;
use html::dom::Element;

/// Numbering state of an open list.
pub(super) struct List {
    kind: ListKind,
    next: i64,
    /// The `type` attribute of an `ol`: '1', 'a', 'A', 'i' or 'I' (HTML §4.4.8).
    style: u8,
}

impl List {
    /// The state of list `element` before its first item.
    pub fn new(kind: ListKind, element: &Element) -> List {
        List {
            kind,
            next: start_number(element),
            style: match element.attribute("type") {
                Some(t @ ("a" | "A" | "i" | "I")) => t.as_bytes()[0],
                _ => b'1',
            },
        }
    }

    /// The marker of the next item, `element` (its `value` attribute resets the count).
    /// `depth` counts the lists around the item, for the bullet shape.
    pub fn marker(&mut self, element: &Element, depth: u32) -> String {
        if self.kind == ListKind::Bullets {
            return List::bullet(depth);
        }
        if let Some(value) = element.attribute("value").and_then(parse_int) {
            self.next = value;
        }
        let n = self.next;
        self.next = self.next.saturating_add(1);
        format!("{}.", counter(n, self.style))
    }

    /// Bullets by nesting: disc, circle, then square (HTML §15.3.8).
    pub fn bullet(depth: u32) -> String {
        match depth {
            0 | 1 => "\u{2022}",
            2 => "\u{25e6}",
            _ => "\u{25aa}",
        }
        .to_string()
    }
}

/// The text of list counter `n` in `style` (CSS Counter Styles §6.1: decimal,
/// lower/upper-alpha, lower/upper-roman; out of range falls back to decimal).
fn counter(n: i64, style: u8) -> String {
    match style {
        b'a' | b'A' if n >= 1 => {
            let mut letters = Vec::new();
            let mut v = n;
            while v > 0 {
                v -= 1;
                letters.push(b'a' + (v % 26) as u8);
                v /= 26;
            }
            let text: String = letters.iter().rev().map(|&b| b as char).collect();
            if style == b'A' {
                text.to_ascii_uppercase()
            } else {
                text
            }
        }
        b'i' | b'I' if (1..4000).contains(&n) => {
            const ROMAN: [(i64, &str); 13] = [
                (1000, "m"),
                (900, "cm"),
                (500, "d"),
                (400, "cd"),
                (100, "c"),
                (90, "xc"),
                (50, "l"),
                (40, "xl"),
                (10, "x"),
                (9, "ix"),
                (5, "v"),
                (4, "iv"),
                (1, "i"),
            ];
            let mut v = n;
            let mut text = String::new();
            for (value, digits) in ROMAN {
                while v >= value {
                    text.push_str(digits);
                    v -= value;
                }
            }
            if style == b'I' {
                text.to_ascii_uppercase()
            } else {
                text
            }
        }
        _ => n.to_string(),
    }
}

/// `ol start`: the first number (HTML §4.4.8); 1 when missing or invalid.
fn start_number(element: &Element) -> i64 {
    element.attribute("start").and_then(parse_int).unwrap_or(1)
}
