//! Decoding bytes to text: HTML §13.2.3 "the input byte stream", reduced to the encodings a
//! small browser needs (Encoding Standard §4 labels, §9.1 UTF-8 decoder, §9.2 single-byte
//! windows-1252, UTF-16 when a BOM says so).
//!
//! The encoding is chosen in the spec's order (§13.2.3.1 "encoding sniffing algorithm"): a
//! byte order mark, then the transport layer's charset (the HTTP `Content-Type` header),
//! then a `<meta charset>` or `<meta http-equiv=content-type>` found by prescanning the
//! first 1024 bytes (§13.2.3.2), else UTF-8. Decoding never fails: invalid UTF-8 sequences
//! become U+FFFD with the Encoding Standard's "maximal subpart" rule.

use alloc::string::String;
use alloc::vec::Vec;

/// The encodings this decoder knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Windows1252,
    Utf16Le,
    Utf16Be,
}

/// windows-1252 bytes 0x80-0x9F (the rest of the upper half maps to the same code point).
const WINDOWS_1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{2C6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}', '\u{8F}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}', '\u{17E}', '\u{178}',
];

/// Encoding Standard §4.2 "get an encoding" for the labels we support.
pub fn encoding_for_label(label: &str) -> Option<Encoding> {
    let label = label.trim_matches(|c: char| c.is_ascii_whitespace());
    let mut lower = String::with_capacity(label.len());
    lower.extend(label.chars().map(|c| c.to_ascii_lowercase()));
    match lower.as_str() {
        "unicode-1-1-utf-8" | "unicode11utf8" | "unicode20utf8" | "utf-8" | "utf8"
        | "x-unicode20utf8" => Some(Encoding::Utf8),
        "ansi_x3.4-1968" | "ascii" | "cp1252" | "cp819" | "csisolatin1" | "ibm819"
        | "iso-8859-1" | "iso-ir-100" | "iso8859-1" | "iso88591" | "iso_8859-1"
        | "iso_8859-1:1987" | "l1" | "latin1" | "us-ascii" | "windows-1252" | "x-cp1252" => {
            Some(Encoding::Windows1252)
        }
        "unicode-1-1" | "utf-16" | "utf-16le" | "ucs-2" | "unicode" | "csunicode" => {
            Some(Encoding::Utf16Le)
        }
        "unicodefffe" | "utf-16be" => Some(Encoding::Utf16Be),
        _ => None,
    }
}

/// §13.2.3.1: the encoding of `bytes` and how many BOM bytes to skip. `transport_charset`
/// is the `charset` parameter of the HTTP `Content-Type`, if any.
pub fn sniff(bytes: &[u8], transport_charset: Option<&str>) -> (Encoding, usize) {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return (Encoding::Utf8, 3);
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return (Encoding::Utf16Be, 2);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return (Encoding::Utf16Le, 2);
    }
    if let Some(encoding) = transport_charset.and_then(encoding_for_label) {
        return (encoding, 0);
    }
    (prescan(bytes).unwrap_or(Encoding::Utf8), 0)
}

/// Decodes a whole document as `sniff` decides.
pub fn decode(bytes: &[u8], transport_charset: Option<&str>) -> String {
    let (encoding, bom) = sniff(bytes, transport_charset);
    decode_as(bytes.get(bom..).unwrap_or(&[]), encoding)
}

/// Decodes `bytes` in `encoding`, replacing invalid input with U+FFFD.
pub fn decode_as(bytes: &[u8], encoding: Encoding) -> String {
    match encoding {
        Encoding::Utf8 => String::from_utf8_lossy(bytes).into_owned(),
        Encoding::Windows1252 => bytes
            .iter()
            .map(|&b| match b {
                0x80..=0x9F => WINDOWS_1252_HIGH[(b - 0x80) as usize],
                _ => b as char,
            })
            .collect(),
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let units: Vec<u16> = bytes
                .chunks(2)
                .map(|pair| match (pair, encoding) {
                    ([a, b], Encoding::Utf16Le) => u16::from_le_bytes([*a, *b]),
                    ([a, b], _) => u16::from_be_bytes([*a, *b]),
                    _ => 0xFFFD,
                })
                .collect();
            char::decode_utf16(units)
                .map(|c| c.unwrap_or('\u{FFFD}'))
                .collect()
        }
    }
}

/// §13.2.3.2 "prescan a byte stream to determine its encoding" over the first 1024 bytes.
pub fn prescan(bytes: &[u8]) -> Option<Encoding> {
    let bytes = &bytes[..bytes.len().min(1024)];
    let mut pos = 0;
    while pos < bytes.len() {
        let rest = &bytes[pos..];
        if rest.starts_with(b"<!--") {
            pos += 4 + find(&rest[4..], b"-->")
                .map(|i| i + 3)
                .unwrap_or(rest.len());
        } else if rest.len() > 6
            && rest[..5].eq_ignore_ascii_case(b"<meta")
            && matches!(rest[5], b'\t' | b'\n' | b'\x0C' | b'\r' | b' ' | b'/')
        {
            pos += 5;
            if let Some(encoding) = meta_encoding(bytes, &mut pos) {
                // A meta naming UTF-16 means UTF-8 (§13.2.3.2 step "charset").
                return Some(match encoding {
                    Encoding::Utf16Le | Encoding::Utf16Be => Encoding::Utf8,
                    other => other,
                });
            }
        } else if rest.len() > 2
            && rest[0] == b'<'
            && (rest[1].is_ascii_alphabetic() || (rest[1] == b'/' && rest[2].is_ascii_alphabetic()))
        {
            pos += rest
                .iter()
                .position(|&b| is_space(b) || b == b'>')
                .unwrap_or(rest.len());
            while attribute(bytes, &mut pos).is_some() {}
        } else if rest.starts_with(b"<!") || rest.starts_with(b"</") || rest.starts_with(b"<?") {
            pos += rest
                .iter()
                .position(|&b| b == b'>')
                .map(|i| i + 1)
                .unwrap_or(rest.len());
        } else {
            pos += 1;
        }
    }
    None
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The attributes of one `<meta>`: returns an encoding if they declare one.
fn meta_encoding(bytes: &[u8], pos: &mut usize) -> Option<Encoding> {
    let mut seen: Vec<Vec<u8>> = Vec::new();
    let (mut got_pragma, mut need_pragma, mut charset) = (false, None, None);
    while let Some((name, value)) = attribute(bytes, pos) {
        if seen.contains(&name) {
            continue;
        }
        seen.push(name.clone());
        match name.as_slice() {
            b"http-equiv" if value.eq_ignore_ascii_case(b"content-type") => got_pragma = true,
            b"content" if charset.is_none() => {
                if let Some(found) = charset_from_content(&value) {
                    charset = Some(found);
                    need_pragma = Some(true);
                }
            }
            b"charset" => {
                charset = Some(value);
                need_pragma = Some(false);
            }
            _ => {}
        }
    }
    let need_pragma = need_pragma?;
    if need_pragma && !got_pragma {
        return None;
    }
    encoding_for_label(core::str::from_utf8(&charset?).ok()?)
}

/// §13.2.3.2 "get an attribute": (lowercased name, value), or `None` at `>` or the end.
fn attribute(bytes: &[u8], pos: &mut usize) -> Option<(Vec<u8>, Vec<u8>)> {
    while *pos < bytes.len() && (is_space(bytes[*pos]) || bytes[*pos] == b'/') {
        *pos += 1;
    }
    if *pos >= bytes.len() || bytes[*pos] == b'>' {
        return None;
    }
    let mut name = Vec::new();
    while *pos < bytes.len() {
        let b = bytes[*pos];
        if (b == b'=' && !name.is_empty()) || is_space(b) || b == b'/' || b == b'>' {
            break;
        }
        name.push(b.to_ascii_lowercase());
        *pos += 1;
    }
    while *pos < bytes.len() && is_space(bytes[*pos]) {
        *pos += 1;
    }
    if bytes.get(*pos) != Some(&b'=') {
        return Some((name, Vec::new()));
    }
    *pos += 1;
    while *pos < bytes.len() && is_space(bytes[*pos]) {
        *pos += 1;
    }
    let mut value = Vec::new();
    match bytes.get(*pos) {
        Some(&quote @ (b'"' | b'\'')) => {
            *pos += 1;
            while *pos < bytes.len() && bytes[*pos] != quote {
                value.push(bytes[*pos].to_ascii_lowercase());
                *pos += 1;
            }
            *pos += 1;
        }
        _ => {
            while *pos < bytes.len() && !is_space(bytes[*pos]) && bytes[*pos] != b'>' {
                value.push(bytes[*pos].to_ascii_lowercase());
                *pos += 1;
            }
        }
    }
    Some((name, value))
}

/// HTML §2.5.5 "extracting character encodings from meta elements".
fn charset_from_content(content: &[u8]) -> Option<Vec<u8>> {
    let mut pos = 0;
    loop {
        let at = find(&content[pos..], b"charset")? + pos + 7;
        let mut i = at;
        while i < content.len() && is_space(content[i]) {
            i += 1;
        }
        if content.get(i) != Some(&b'=') {
            pos = at;
            continue;
        }
        i += 1;
        while i < content.len() && is_space(content[i]) {
            i += 1;
        }
        return match content.get(i) {
            Some(&quote @ (b'"' | b'\'')) => {
                let end = content[i + 1..].iter().position(|&b| b == quote)?;
                Some(content[i + 1..i + 1 + end].to_vec())
            }
            Some(_) => {
                let end = content[i..]
                    .iter()
                    .position(|&b| is_space(b) || b == b';')
                    .unwrap_or(content.len() - i);
                Some(content[i..i + end].to_vec())
            }
            None => None,
        };
    }
}
