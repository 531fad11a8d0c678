//! The `match` statement and its patterns (Python Language Reference §8.6).
//!
//! `match` and `case` are soft keywords: a line starting with `match` is a match statement
//! only if what follows parses as a subject, a `:` and an indented block of `case` clauses;
//! otherwise the parser backs up and reads an ordinary statement.

use super::{PResult, Parser};
use crate::ast::*;
use crate::lexer::Tok;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

impl Parser {
    pub(crate) fn try_match(&mut self, line: u32) -> PResult<Option<StmtKind>> {
        let save = self.pos;
        self.pos += 1;
        if matches!(self.peek(), Tok::Op(o) if matches!(*o, "=" | "." | ":" | ")" | "," | ";") || o.ends_with('='))
            || matches!(self.peek(), Tok::Newline | Tok::Eof)
        {
            self.pos = save;
            return Ok(None);
        }
        let subject = match self.testlist_star() {
            Ok(s) => s,
            Err(_) => {
                self.pos = save;
                return Ok(None);
            }
        };
        if !(self.is_op(":") && matches!(self.peek_at(1), Tok::Newline)) {
            self.pos = save;
            return Ok(None);
        }
        self.pos += 2;
        if !matches!(self.peek(), Tok::Indent) {
            let mut e = self.error_here(&alloc::format!(
                "expected an indented block after 'match' statement on line {}",
                line
            ));
            e.indentation = true;
            return Err(e);
        }
        self.pos += 1;
        let mut cases = Vec::new();
        loop {
            match self.peek() {
                Tok::Dedent => {
                    self.pos += 1;
                    break;
                }
                Tok::Eof => break,
                Tok::Newline => self.pos += 1,
                _ => {
                    let cline = self.line();
                    if !self.eat_kw("case") {
                        return Err(self.error_here("invalid syntax"));
                    }
                    let pattern = self.patterns()?;
                    let guard = if self.eat_kw("if") {
                        Some(self.named_test()?)
                    } else {
                        None
                    };
                    self.expect_op(":")?;
                    let body = self.block("'case' statement", cline)?;
                    cases.push(MatchCase {
                        pattern,
                        guard,
                        body,
                    });
                }
            }
        }
        if cases.is_empty() {
            return Err(self.error_here("invalid syntax"));
        }
        Ok(Some(StmtKind::Match(subject, cases)))
    }

    fn patterns(&mut self) -> PResult<Pattern> {
        let first = self.as_pattern()?;
        if !self.is_op(",") {
            return Ok(first);
        }
        let mut items = alloc::vec![first];
        while self.eat_op(",") {
            if self.is_op(":") || self.is_kw("if") {
                break;
            }
            items.push(self.as_pattern()?);
        }
        Ok(Pattern::Sequence(items))
    }

    fn as_pattern(&mut self) -> PResult<Pattern> {
        self.enter()?;
        let p = self.or_pattern();
        self.depth -= 1;
        let p = p?;
        if self.eat_kw("as") {
            let n = self.name()?;
            return Ok(Pattern::As(Box::new(p), n));
        }
        Ok(p)
    }

    fn or_pattern(&mut self) -> PResult<Pattern> {
        let first = self.closed_pattern()?;
        if !self.is_op("|") {
            return Ok(first);
        }
        let mut alts = alloc::vec![first];
        while self.eat_op("|") {
            alts.push(self.closed_pattern()?);
        }
        Ok(Pattern::Or(alts))
    }

    fn closed_pattern(&mut self) -> PResult<Pattern> {
        let (line, col) = (self.line(), self.col());
        match self.peek().clone() {
            Tok::Op("*") => {
                self.pos += 1;
                let n = self.name()?;
                Ok(Pattern::Star(if n == "_" { None } else { Some(n) }))
            }
            Tok::Op("(") => {
                self.pos += 1;
                if self.eat_op(")") {
                    return Ok(Pattern::Sequence(Vec::new()));
                }
                let first = self.as_pattern()?;
                if self.eat_op(")") {
                    return Ok(first);
                }
                let mut items = alloc::vec![first];
                while self.eat_op(",") {
                    if self.is_op(")") {
                        break;
                    }
                    items.push(self.as_pattern()?);
                }
                self.expect_op(")")?;
                Ok(Pattern::Sequence(items))
            }
            Tok::Op("[") => {
                self.pos += 1;
                let mut items = Vec::new();
                while !self.is_op("]") {
                    items.push(self.as_pattern()?);
                    if !self.eat_op(",") {
                        break;
                    }
                }
                self.expect_op("]")?;
                Ok(Pattern::Sequence(items))
            }
            Tok::Op("{") => {
                self.pos += 1;
                let mut keys = Vec::new();
                let mut values = Vec::new();
                let mut rest = None;
                while !self.is_op("}") {
                    if self.eat_op("**") {
                        rest = Some(self.name()?);
                    } else {
                        keys.push(self.literal_or_value()?);
                        self.expect_op(":")?;
                        values.push(self.as_pattern()?);
                    }
                    if !self.eat_op(",") {
                        break;
                    }
                }
                self.expect_op("}")?;
                Ok(Pattern::Mapping { keys, values, rest })
            }
            Tok::Name(n) if n == "None" || n == "True" || n == "False" => {
                self.pos += 1;
                Ok(Pattern::Singleton(match n.as_str() {
                    "None" => Constant::None,
                    "True" => Constant::True,
                    _ => Constant::False,
                }))
            }
            Tok::Name(n) if !super::is_keyword(&n) => {
                let mut dotted = alloc::vec![n.clone()];
                self.pos += 1;
                while self.eat_op(".") {
                    dotted.push(self.name()?);
                }
                let mut expr = Expr {
                    kind: ExprKind::Name(dotted[0].clone()),
                    line,
                    col,
                };
                for part in &dotted[1..] {
                    expr = Expr {
                        kind: ExprKind::Attribute(Box::new(expr), part.clone()),
                        line,
                        col,
                    };
                }
                if self.eat_op("(") {
                    return self.class_pattern(expr);
                }
                if dotted.len() == 1 {
                    return Ok(Pattern::Capture(if n == "_" { None } else { Some(n) }));
                }
                Ok(Pattern::Value(expr))
            }
            _ => Ok(Pattern::Value(self.literal_or_value()?)),
        }
    }

    fn class_pattern(&mut self, cls: Expr) -> PResult<Pattern> {
        let mut args = Vec::new();
        let mut kwargs: Vec<(String, Pattern)> = Vec::new();
        while !self.is_op(")") {
            if let (Tok::Name(n), Tok::Op("=")) = (self.peek().clone(), self.peek_at(1)) {
                self.pos += 2;
                kwargs.push((n, self.as_pattern()?));
            } else {
                if !kwargs.is_empty() {
                    return Err(self.error_here("positional patterns follow keyword patterns"));
                }
                args.push(self.as_pattern()?);
            }
            if !self.eat_op(",") {
                break;
            }
        }
        self.expect_op(")")?;
        Ok(Pattern::Class { cls, args, kwargs })
    }

    /// Literal patterns: numbers (with sign and complex forms), strings, dotted names.
    fn literal_or_value(&mut self) -> PResult<Expr> {
        match self.peek() {
            Tok::Str(_)
            | Tok::Bytes(_)
            | Tok::FStr(_)
            | Tok::Int(..)
            | Tok::Float(_)
            | Tok::Imag(_)
            | Tok::Op("-") => self.arith(),
            Tok::Name(n) if n == "None" || n == "True" || n == "False" => self.arith(),
            Tok::Name(_) => {
                let (line, col) = (self.line(), self.col());
                let mut e = Expr {
                    kind: ExprKind::Name(self.name()?),
                    line,
                    col,
                };
                while self.eat_op(".") {
                    e = Expr {
                        kind: ExprKind::Attribute(Box::new(e), self.name()?),
                        line,
                        col,
                    };
                }
                Ok(e)
            }
            _ => Err(self.error_here("invalid syntax")),
        }
    }
}
