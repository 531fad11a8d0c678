//! The lexer: source text to tokens (Python Language Reference §2, "Lexical analysis").
//!
//! Python's layout is part of its grammar: the lexer turns leading whitespace into INDENT and
//! DEDENT tokens with a stack of indentation widths (§2.1.8), and ends each logical line with
//! NEWLINE except inside brackets, where line breaks are implicit joins (§2.1.6). String
//! literals are decoded here (§2.4.1 escapes); an f-string is kept as parts whose expression
//! text the parser parses again. Errors are `SyntaxError` values with a line and column.

use crate::error::SyntaxError;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

/// One piece of an f-string: literal text or a replacement field.
#[derive(Clone, Debug, PartialEq)]
pub enum FPart {
    Lit(String),
    Field {
        expr: String,
        line: u32,
        debug: Option<String>,
        conversion: Option<char>,
        spec: Vec<FPart>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    Name(String),
    /// Digits (underscores removed) and their radix.
    Int(String, u32),
    Float(f64),
    Imag(f64),
    Str(String),
    Bytes(Vec<u8>),
    FStr(Vec<FPart>),
    Op(&'static str),
    Newline,
    Indent,
    Dedent,
    Eof,
}

#[derive(Clone, Debug)]
pub struct Token {
    pub tok: Tok,
    pub line: u32,
    pub col: u32,
}

const OPS: [&str; 49] = [
    "**=", "//=", ">>=", "<<=", "...", "!=", "%=", "&=", "**", "*=", "+=", "-=", "->", "//", "/=",
    ":=", "<<", "<=", "==", ">=", ">>", "@=", "^=", "|=", "!", "%", "&", "(", ")", "*", "+", ",",
    "-", ".", "/", ":", ";", "<", "=", ">", "@", "[", "]", "^", "{", "|", "}", "~", "\\",
];

pub struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    line: u32,
    line_start: usize,
    indents: Vec<u32>,
    brackets: Vec<(char, u32, u32)>,
    tokens: Vec<Token>,
    at_line_start: bool,
    unclosed: PendingError,
}

fn err(msg: &str, line: u32, col: u32) -> SyntaxError {
    SyntaxError {
        msg: msg.to_string(),
        line,
        col,
        indentation: false,
    }
}

pub fn tokenize(src: &str) -> Result<Vec<Token>, SyntaxError> {
    let (toks, unclosed) = tokenize_lazy(src)?;
    match unclosed {
        Some((e, _)) => Err(e),
        None => Ok(toks),
    }
}

/// A "was never closed" error and the index of the token where the parser meets it.
pub type PendingError = Option<(SyntaxError, usize)>;

/// Tokens plus a pending "was never closed" error and the token index where it applies.
pub fn tokenize_lazy(src: &str) -> Result<(Vec<Token>, PendingError), SyntaxError> {
    let mut lx = Lexer {
        unclosed: None,
        src,
        pos: 0,
        line: 1,
        line_start: 0,
        indents: alloc::vec![0],
        brackets: Vec::new(),
        tokens: Vec::new(),
        at_line_start: true,
    };
    lx.run()?;
    Ok((lx.tokens, lx.unclosed))
}

impl<'a> Lexer<'a> {
    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.src[self.pos..].chars().nth(n)
    }

    fn col(&self) -> u32 {
        (self.pos - self.line_start) as u32
    }

    fn push(&mut self, tok: Tok, line: u32, col: u32) {
        self.tokens.push(Token { tok, line, col });
    }

    fn newline(&mut self) {
        self.line += 1;
        self.line_start = self.pos;
    }

    fn run(&mut self) -> Result<(), SyntaxError> {
        loop {
            if self.at_line_start && self.brackets.is_empty() {
                self.indentation()?;
                if self.pos >= self.src.len() {
                    break;
                }
            }
            let Some(c) = self.peek() else { break };
            let (line, col) = (self.line, self.col());
            match c {
                ' ' | '\t' | '\x0c' | '\r' => self.pos += 1,
                '#' => {
                    while let Some(c) = self.peek() {
                        if c == '\n' {
                            break;
                        }
                        self.pos += c.len_utf8();
                    }
                }
                '\n' => {
                    self.pos += 1;
                    if self.brackets.is_empty() {
                        self.push(Tok::Newline, line, col);
                        self.at_line_start = true;
                    }
                    self.newline();
                }
                '\\' if matches!(self.peek_at(1), Some('\n')) => {
                    self.pos += 2;
                    self.newline();
                }
                '\\' if self.peek_at(1) == Some('\r') && self.peek_at(2) == Some('\n') => {
                    self.pos += 3;
                    self.newline();
                }
                '0'..='9' => self.number()?,
                '.' if self.peek_at(1).is_some_and(|d| d.is_ascii_digit()) => self.number()?,
                c if c.is_alphabetic() || c == '_' => {
                    let start = self.pos;
                    while let Some(c) = self.peek() {
                        if c.is_alphanumeric() || c == '_' {
                            self.pos += c.len_utf8();
                        } else {
                            break;
                        }
                    }
                    let word = &self.src[start..self.pos];
                    if let Some(q @ ('\'' | '"')) = self.peek() {
                        let lower = word.to_ascii_lowercase();
                        if matches!(
                            lower.as_str(),
                            "r" | "b" | "u" | "f" | "rb" | "br" | "fr" | "rf"
                        ) {
                            self.string(&lower, q, line, col)?;
                            continue;
                        }
                    }
                    self.push(Tok::Name(word.to_string()), line, col);
                }
                '\'' | '"' => self.string("", c, line, col)?,
                _ => {
                    let rest = &self.src[self.pos..];
                    let Some(op) = OPS.iter().find(|op| rest.starts_with(**op)) else {
                        let msg = alloc::format!("invalid character '{}' (U+{:04X})", c, c as u32);
                        return Err(err(&msg, line, col + 1));
                    };
                    if *op == "\\" {
                        return Err(err(
                            "unexpected character after line continuation character",
                            line,
                            col + 1,
                        ));
                    }
                    if *op == "!" {
                        return Err(err("invalid syntax", line, col + 1));
                    }
                    self.pos += op.len();
                    match *op {
                        "(" | "[" | "{" => self.brackets.push((c, line, col)),
                        ")" | "]" | "}" => {
                            let open = match *op {
                                ")" => '(',
                                "]" => '[',
                                _ => '{',
                            };
                            match self.brackets.pop() {
                                Some((o, _, _)) if o == open => {}
                                Some((o, oline, _)) => {
                                    let msg = if oline == line {
                                        alloc::format!("closing parenthesis '{}' does not match opening parenthesis '{}'", c, o)
                                    } else {
                                        alloc::format!("closing parenthesis '{}' does not match opening parenthesis '{}' on line {}", c, o, oline)
                                    };
                                    return Err(err(&msg, line, col + 1));
                                }
                                None => {
                                    return Err(err(
                                        &alloc::format!("unmatched '{}'", c),
                                        line,
                                        col + 1,
                                    ))
                                }
                            }
                        }
                        _ => {}
                    }
                    self.push(Tok::Op(op), line, col);
                }
            }
        }
        if let Some(&(c, line, col)) = self.brackets.last() {
            // Reported only if the parser gets this far (CPython reads tokens lazily, so an
            // earlier syntax error wins).
            self.unclosed = Some((
                err(&alloc::format!("'{}' was never closed", c), line, col + 1),
                self.tokens.len(),
            ));
        }
        let (line, col) = (self.line, self.col());
        if !matches!(
            self.tokens.last().map(|t| &t.tok),
            None | Some(Tok::Newline) | Some(Tok::Dedent)
        ) {
            self.push(Tok::Newline, line, col);
        }
        while self.indents.len() > 1 {
            self.indents.pop();
            self.push(Tok::Dedent, line, 0);
        }
        self.push(Tok::Eof, line, 0);
        Ok(())
    }

    /// Measures the indentation of a new logical line (§2.1.8); blank lines are skipped.
    fn indentation(&mut self) -> Result<(), SyntaxError> {
        loop {
            let mut width = 0u32;
            let start = self.pos;
            while let Some(c) = self.peek() {
                match c {
                    ' ' => width += 1,
                    '\t' => width = (width / 8 + 1) * 8,
                    '\x0c' => width = 0,
                    _ => break,
                }
                self.pos += 1;
            }
            match self.peek() {
                None => return Ok(()),
                Some('\n') => {
                    self.pos += 1;
                    self.newline();
                    continue;
                }
                Some('\r') if self.peek_at(1) == Some('\n') => {
                    self.pos += 2;
                    self.newline();
                    continue;
                }
                Some('#') => {
                    while let Some(c) = self.peek() {
                        if c == '\n' {
                            break;
                        }
                        self.pos += c.len_utf8();
                    }
                    continue;
                }
                Some('\\') if self.peek_at(1) == Some('\n') => {
                    // A continuation at the start of a line: indentation still counts.
                }
                _ => {}
            }
            let _ = start;
            self.at_line_start = false;
            let cur = *self.indents.last().unwrap_or(&0);
            let line = self.line;
            if width > cur {
                self.indents.push(width);
                self.push(Tok::Indent, line, 0);
            } else {
                while width < *self.indents.last().unwrap_or(&0) {
                    self.indents.pop();
                    self.push(Tok::Dedent, line, 0);
                }
                if width != *self.indents.last().unwrap_or(&0) {
                    let mut e = err(
                        "unindent does not match any outer indentation level",
                        line,
                        width + 1,
                    );
                    e.indentation = true;
                    return Err(e);
                }
            }
            return Ok(());
        }
    }

    fn number(&mut self) -> Result<(), SyntaxError> {
        let (line, col) = (self.line, self.col());
        let start = self.pos;
        let bytes = self.src.as_bytes();
        if bytes[self.pos] == b'0' && self.pos + 1 < bytes.len() {
            let radix = match bytes[self.pos + 1] {
                b'x' | b'X' => 16,
                b'o' | b'O' => 8,
                b'b' | b'B' => 2,
                _ => 0,
            };
            if radix != 0 {
                self.pos += 2;
                let mut digits = String::new();
                while let Some(c) = self.peek() {
                    if c == '_' {
                        self.pos += 1;
                    } else if c.is_ascii_alphanumeric() {
                        if !c.is_digit(radix) {
                            let kind = match radix {
                                16 => "hexadecimal",
                                8 => "octal",
                                _ => "binary",
                            };
                            let msg = alloc::format!("invalid digit '{}' in {} literal", c, kind);
                            return Err(err(&msg, line, self.col() + 1));
                        }
                        digits.push(c);
                        self.pos += 1;
                    } else {
                        break;
                    }
                }
                if digits.is_empty() {
                    return Err(err("invalid syntax", line, col + 1));
                }
                self.push(Tok::Int(digits, radix), line, col);
                return Ok(());
            }
        }
        let mut is_float = false;
        while self.pos < bytes.len()
            && (bytes[self.pos].is_ascii_digit() || bytes[self.pos] == b'_')
        {
            self.pos += 1;
        }
        if self.pos < bytes.len() && bytes[self.pos] == b'.' {
            is_float = true;
            self.pos += 1;
            while self.pos < bytes.len()
                && (bytes[self.pos].is_ascii_digit() || bytes[self.pos] == b'_')
            {
                self.pos += 1;
            }
        }
        if self.pos < bytes.len() && (bytes[self.pos] == b'e' || bytes[self.pos] == b'E') {
            let save = self.pos;
            self.pos += 1;
            if self.pos < bytes.len() && (bytes[self.pos] == b'+' || bytes[self.pos] == b'-') {
                self.pos += 1;
            }
            if self.pos < bytes.len() && bytes[self.pos].is_ascii_digit() {
                is_float = true;
                while self.pos < bytes.len()
                    && (bytes[self.pos].is_ascii_digit() || bytes[self.pos] == b'_')
                {
                    self.pos += 1;
                }
            } else {
                self.pos = save;
            }
        }
        let text: String = self.src[start..self.pos]
            .chars()
            .filter(|&c| c != '_')
            .collect();
        let imag = self.pos < bytes.len() && (bytes[self.pos] == b'j' || bytes[self.pos] == b'J');
        if imag {
            self.pos += 1;
        }
        if self.peek().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            return Err(err("invalid decimal literal", line, self.col()));
        }
        if is_float || imag {
            let v: f64 = text
                .parse()
                .map_err(|_| err("invalid decimal literal", line, col + 1))?;
            self.push(if imag { Tok::Imag(v) } else { Tok::Float(v) }, line, col);
        } else {
            if text.len() > 1 && text.starts_with('0') && text.chars().any(|c| c != '0') {
                return Err(err(
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                    line,
                    col + 1,
                ));
            }
            self.push(Tok::Int(text, 10), line, col);
        }
        Ok(())
    }

    fn string(
        &mut self,
        prefix: &str,
        quote: char,
        line: u32,
        col: u32,
    ) -> Result<(), SyntaxError> {
        let raw = prefix.contains('r');
        let bytes = prefix.contains('b');
        let fstr = prefix.contains('f');
        let triple = self.src[self.pos..].starts_with(if quote == '"' { "\"\"\"" } else { "'''" });
        self.pos += if triple { 3 } else { 1 };
        let body_start = self.pos;
        let body_line = self.line;
        let body_line_start = self.line_start;
        // Find the end, honouring backslashes (which always escape the next char for scanning).
        loop {
            let Some(c) = self.peek() else {
                return Err(if triple {
                    err(
                        &alloc::format!(
                            "unterminated triple-quoted string literal (detected at line {})",
                            self.line
                        ),
                        line,
                        col + 1,
                    )
                } else {
                    err(
                        &alloc::format!("unterminated string literal (detected at line {})", line),
                        line,
                        col + 1,
                    )
                });
            };
            if c == '\\' {
                self.pos += 1;
                if let Some(n) = self.peek() {
                    self.pos += n.len_utf8();
                    if n == '\n' {
                        self.newline();
                    }
                }
                continue;
            }
            if c == '\n' {
                if !triple {
                    return Err(err(
                        &alloc::format!("unterminated string literal (detected at line {})", line),
                        line,
                        col + 1,
                    ));
                }
                self.pos += 1;
                self.newline();
                continue;
            }
            if c == quote {
                if !triple {
                    break;
                }
                let q3 = if quote == '"' { "\"\"\"" } else { "'''" };
                if self.src[self.pos..].starts_with(q3) {
                    break;
                }
            }
            self.pos += c.len_utf8();
        }
        let body = &self.src[body_start..self.pos];
        self.pos += if triple { 3 } else { 1 };
        if bytes {
            let mut out = Vec::new();
            if raw {
                for c in body.chars() {
                    if c as u32 > 127 {
                        return Err(err(
                            "bytes can only contain ASCII literal characters",
                            line,
                            col + 1,
                        ));
                    }
                    out.push(c as u8);
                }
            } else {
                let s = decode_escapes(body, true).map_err(|m| err(&m, line, col + 1))?;
                for c in s.chars() {
                    if c as u32 > 255 {
                        return Err(err(
                            "bytes can only contain ASCII literal characters",
                            line,
                            col + 1,
                        ));
                    }
                    out.push(c as u8);
                }
            }
            self.push(Tok::Bytes(out), line, col);
        } else if fstr {
            let _ = body_line_start;
            let parts = parse_fstring(body, raw, body_line).map_err(|m| err(&m, line, col + 1))?;
            self.push(Tok::FStr(parts), line, col);
        } else {
            let s = if raw {
                body.to_string()
            } else {
                decode_escapes(body, false).map_err(|m| err(&m, line, col + 1))?
            };
            self.push(Tok::Str(s), line, col);
        }
        Ok(())
    }
}

/// Decodes backslash escapes (§2.4.1). Unknown escapes keep the backslash, as CPython does.
pub fn decode_escapes(body: &str, bytes: bool) -> Result<String, String> {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(e) = chars.next() else {
            out.push('\\');
            break;
        };
        match e {
            '\n' => {}
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '0'..='7' => {
                let mut v = e.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match chars.peek().and_then(|c| c.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            chars.next();
                        }
                        None => break,
                    }
                }
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            'x' | 'u' | 'U' if !(bytes && e != 'x') => {
                let n = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let mut v = 0u32;
                for i in 0..n {
                    match chars.peek().and_then(|c| c.to_digit(16)) {
                        Some(d) => {
                            v = v * 16 + d;
                            chars.next();
                        }
                        None => {
                            let kind = if bytes { "bytes" } else { "unicode" };
                            let esc = match e {
                                'x' => "\\xXX",
                                'u' => "\\uXXXX",
                                _ => "\\UXXXXXXXX",
                            };
                            return Err(alloc::format!(
                                "({}error) '{}' codec can't decode bytes in position 0-{}: truncated {} escape",
                                kind,
                                "unicodeescape",
                                i + 1,
                                esc
                            ));
                        }
                    }
                }
                match char::from_u32(v) {
                    Some(c) => out.push(c),
                    None => return Err("(unicode error) 'unicodeescape' codec can't decode bytes: illegal Unicode character".to_string()),
                }
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

/// Splits an f-string body into literal text and `{expr!c:spec}` fields (§2.4.3).
fn parse_fstring(body: &str, raw: bool, line: u32) -> Result<Vec<FPart>, String> {
    let chars: Vec<char> = body.chars().collect();
    let mut i = 0;
    parse_fparts(&chars, &mut i, raw, line, false)
}

fn parse_fparts(
    chars: &[char],
    i: &mut usize,
    raw: bool,
    line: u32,
    in_spec: bool,
) -> Result<Vec<FPart>, String> {
    let mut parts = Vec::new();
    let mut lit = String::new();
    let flush = |lit: &mut String, parts: &mut Vec<FPart>| -> Result<(), String> {
        if !lit.is_empty() {
            let s = if raw {
                core::mem::take(lit)
            } else {
                decode_escapes(&core::mem::take(lit), false)?
            };
            parts.push(FPart::Lit(s));
        }
        Ok(())
    };
    while *i < chars.len() {
        let c = chars[*i];
        if c == '}' && in_spec {
            break;
        }
        if c == '{' {
            if !in_spec && chars.get(*i + 1) == Some(&'{') {
                lit.push('{');
                *i += 2;
                continue;
            }
            flush(&mut lit, &mut parts)?;
            *i += 1;
            parts.push(parse_field(chars, i, raw, line)?);
            continue;
        }
        if c == '}' {
            if chars.get(*i + 1) == Some(&'}') {
                lit.push('}');
                *i += 2;
                continue;
            }
            return Err("f-string: single '}' is not allowed".to_string());
        }
        if c == '\\' && !raw {
            lit.push(c);
            if let Some(&n) = chars.get(*i + 1) {
                lit.push(n);
                *i += 1;
            }
            *i += 1;
            continue;
        }
        lit.push(c);
        *i += 1;
    }
    flush(&mut lit, &mut parts)?;
    Ok(parts)
}

fn parse_field(chars: &[char], i: &mut usize, raw: bool, line: u32) -> Result<FPart, String> {
    let start = *i;
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    while *i < chars.len() {
        let c = chars[*i];
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            *i += 1;
            continue;
        }
        match c {
            '\'' | '"' => quote = Some(c),
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth > 0 => depth -= 1,
            '}' | ':' if depth == 0 => break,
            '!' if depth == 0 && chars.get(*i + 1) != Some(&'=') => break,
            '\\' => return Err("f-string expression part cannot include a backslash".to_string()),
            '#' => return Err("f-string expression part cannot include '#'".to_string()),
            _ => {}
        }
        *i += 1;
    }
    if *i >= chars.len() {
        return Err("f-string: expecting '}'".to_string());
    }
    let mut expr: String = chars[start..*i].iter().collect();
    let mut debug = None;
    let trimmed = expr.trim_end();
    if trimmed.ends_with('=')
        && !trimmed.ends_with("==")
        && !trimmed.ends_with("!=")
        && !trimmed.ends_with("<=")
        && !trimmed.ends_with(">=")
    {
        debug = Some(expr.clone());
        let t = trimmed.len() - 1;
        expr.truncate(t);
    }
    if expr.trim().is_empty() {
        return Err("f-string: empty expression not allowed".to_string());
    }
    let mut conversion = None;
    if chars.get(*i) == Some(&'!') {
        let conv = chars.get(*i + 1).copied();
        match conv {
            Some(c @ ('r' | 's' | 'a')) => conversion = Some(c),
            _ => {
                return Err(
                    "f-string: invalid conversion character: expected 's', 'r', or 'a'".to_string(),
                )
            }
        }
        *i += 2;
    }
    let mut spec = Vec::new();
    if chars.get(*i) == Some(&':') {
        *i += 1;
        spec = parse_fparts(chars, i, raw, line, true)?;
    }
    if chars.get(*i) != Some(&'}') {
        return Err("f-string: expecting '}'".to_string());
    }
    *i += 1;
    Ok(FPart::Field {
        expr,
        line,
        debug,
        conversion,
        spec,
    })
}
