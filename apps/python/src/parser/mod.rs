//! The parser: tokens to an AST (Python Language Reference §7 simple statements, §8 compound
//! statements; the full grammar is §10).
//!
//! A hand-written recursive-descent parser with one function per grammar rule; expressions
//! live in `expr.rs` and `match` patterns in `pattern.rs`. It never panics on any token
//! sequence: every failure is a `SyntaxError` with the position of the offending token, and
//! nesting deeper than `MAX_DEPTH` is refused rather than overflowing the host stack.

mod expr;
mod pattern;

use crate::ast::*;
use crate::error::SyntaxError;
use crate::lexer::{tokenize, Tok, Token};
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

pub(crate) const MAX_DEPTH: u32 = 180;

pub type PResult<T> = Result<T, SyntaxError>;

const KEYWORDS: [&str; 35] = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

pub struct Parser {
    toks: Vec<Token>,
    pos: usize,
    depth: u32,
    /// Line offset added when parsing f-string fields.
    line_base: u32,
}

/// Parses a whole module.
pub fn parse_module(src: &str) -> PResult<Vec<Stmt>> {
    let (toks, unclosed) = crate::lexer::tokenize_lazy(src)?;
    let mut p = Parser {
        toks,
        pos: 0,
        depth: 0,
        line_base: 0,
    };
    let r = p.file();
    match (r, unclosed) {
        (Ok(body), None) => Ok(body),
        (Ok(_), Some((e, _))) => Err(e),
        (Err(e), Some((pending, at))) => Err(if p.pos >= at { pending } else { e }),
        (Err(e), None) => Err(e),
    }
}

/// Parses the text given to `eval` as one expression statement.
pub fn parse_expression(src: &str) -> PResult<Vec<Stmt>> {
    let e = parse_field_expr(src.trim(), 1, 0).map_err(|mut e| {
        e.msg = e.msg.trim_start_matches("f-string: ").to_string();
        e
    })?;
    let line = e.line;
    Ok(alloc::vec![Stmt {
        kind: StmtKind::Expr(e),
        line
    }])
}

/// Parses the text of an f-string field as an expression.
pub(crate) fn parse_field_expr(src: &str, line: u32, depth: u32) -> PResult<Expr> {
    let mut text = String::from("(");
    text.push_str(src);
    text.push(')');
    let toks = tokenize(&text).map_err(|mut e| {
        e.msg = alloc::format!("f-string: {}", e.msg);
        e.line = line;
        e
    })?;
    let mut p = Parser {
        toks,
        pos: 0,
        depth,
        line_base: line.saturating_sub(1),
    };
    let e = p.testlist_star()?;
    if !matches!(p.peek(), Tok::Newline | Tok::Eof) {
        return Err(p.error_here("f-string: invalid syntax"));
    }
    Ok(e)
}

impl Parser {
    pub(crate) fn peek(&self) -> &Tok {
        match self.toks.get(self.pos) {
            Some(t) => &t.tok,
            None => &Tok::Eof,
        }
    }

    pub(crate) fn peek_at(&self, n: usize) -> &Tok {
        match self.toks.get(self.pos + n) {
            Some(t) => &t.tok,
            None => &Tok::Eof,
        }
    }

    pub(crate) fn line(&self) -> u32 {
        self.toks
            .get(self.pos)
            .or(self.toks.last())
            .map_or(1, |t| t.line)
            + self.line_base
    }

    pub(crate) fn col(&self) -> u32 {
        self.toks
            .get(self.pos)
            .or(self.toks.last())
            .map_or(0, |t| t.col)
    }

    pub(crate) fn advance(&mut self) -> Tok {
        let t = self.peek().clone();
        if self.pos < self.toks.len() {
            self.pos += 1;
        }
        t
    }

    pub(crate) fn is_op(&self, op: &str) -> bool {
        matches!(self.peek(), Tok::Op(o) if *o == op)
    }

    pub(crate) fn is_kw(&self, kw: &str) -> bool {
        matches!(self.peek(), Tok::Name(n) if n == kw)
    }

    pub(crate) fn eat_op(&mut self, op: &str) -> bool {
        if self.is_op(op) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    pub(crate) fn eat_kw(&mut self, kw: &str) -> bool {
        if self.is_kw(kw) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    pub(crate) fn error_here(&self, msg: &str) -> SyntaxError {
        let indentation = matches!(self.peek(), Tok::Indent);
        let msg = if indentation {
            "unexpected indent"
        } else {
            msg
        };
        SyntaxError {
            msg: msg.to_string(),
            line: self.line(),
            col: self.col() + 1,
            indentation,
        }
    }

    pub(crate) fn expect_op(&mut self, op: &str) -> PResult<()> {
        if self.eat_op(op) {
            Ok(())
        } else if op == ":" || op == "=" || op == ")" || op == "]" || op == "}" {
            if op == ":" {
                Err(self.error_here("expected ':'"))
            } else {
                Err(self.error_here("invalid syntax"))
            }
        } else {
            Err(self.error_here("invalid syntax"))
        }
    }

    pub(crate) fn name(&mut self) -> PResult<String> {
        match self.peek() {
            Tok::Name(n) if !is_keyword(n) => {
                let n = n.clone();
                self.pos += 1;
                Ok(n)
            }
            _ => Err(self.error_here("invalid syntax")),
        }
    }

    pub(crate) fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error_here("too many nested parentheses"));
        }
        Ok(())
    }

    fn file(&mut self) -> PResult<Vec<Stmt>> {
        let mut body = Vec::new();
        loop {
            match self.peek() {
                Tok::Eof => break,
                Tok::Newline => {
                    self.pos += 1;
                }
                _ => self.statement(&mut body)?,
            }
        }
        Ok(body)
    }

    /// One statement line (possibly several `;`-separated simple statements).
    fn statement(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        let line = self.line();
        let name = match self.peek() {
            Tok::Name(n) => n.clone(),
            Tok::Op("@") => return self.decorated(out),
            Tok::Indent => return Err(self.error_here("unexpected indent")),
            _ => String::new(),
        };
        let kind = match name.as_str() {
            "if" => {
                self.pos += 1;
                self.if_rest(line)?
            }
            "while" => {
                self.pos += 1;
                let cond = self.named_test()?;
                self.no_assign_in_condition()?;
                self.expect_op(":")?;
                let body = self.block("'while' statement", line)?;
                let orelse = self.else_block()?;
                StmtKind::While(cond, body, orelse)
            }
            "for" => {
                self.pos += 1;
                self.for_rest(line)?
            }
            "try" => {
                self.pos += 1;
                self.try_rest(line)?
            }
            "with" => {
                self.pos += 1;
                self.with_rest(line)?
            }
            "def" => {
                self.pos += 1;
                StmtKind::FunctionDef(Rc::new(self.funcdef(Vec::new(), false, line)?))
            }
            "class" => {
                self.pos += 1;
                StmtKind::ClassDef(Rc::new(self.classdef(Vec::new(), line)?))
            }
            "async" => {
                self.pos += 1;
                if self.eat_kw("def") {
                    StmtKind::FunctionDef(Rc::new(self.funcdef(Vec::new(), true, line)?))
                } else if self.eat_kw("for") {
                    self.for_rest(line)?
                } else if self.eat_kw("with") {
                    self.with_rest(line)?
                } else {
                    return Err(self.error_here("invalid syntax"));
                }
            }
            "match" => match self.try_match(line)? {
                Some(k) => k,
                None => return self.simple_line(out),
            },
            _ => return self.simple_line(out),
        };
        out.push(Stmt { kind, line });
        Ok(())
    }

    fn decorated(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        let mut decorators = Vec::new();
        while self.eat_op("@") {
            decorators.push(self.named_test()?);
            if !matches!(self.advance(), Tok::Newline) {
                self.pos -= 1;
                return Err(self.error_here("invalid syntax"));
            }
        }
        let line = self.line();
        let kind = if self.eat_kw("def") {
            StmtKind::FunctionDef(Rc::new(self.funcdef(decorators, false, line)?))
        } else if self.is_kw("async") && matches!(self.peek_at(1), Tok::Name(n) if n == "def") {
            self.pos += 2;
            StmtKind::FunctionDef(Rc::new(self.funcdef(decorators, true, line)?))
        } else if self.eat_kw("class") {
            StmtKind::ClassDef(Rc::new(self.classdef(decorators, line)?))
        } else {
            return Err(self.error_here("invalid syntax"));
        };
        out.push(Stmt { kind, line });
        Ok(())
    }

    /// The body after a `:`: an indented block or simple statements on the same line.
    pub(crate) fn block(&mut self, what: &str, line: u32) -> PResult<Vec<Stmt>> {
        let mut body = Vec::new();
        if matches!(self.peek(), Tok::Newline) {
            self.pos += 1;
            if !matches!(self.peek(), Tok::Indent) {
                let mut e = self.error_here(&alloc::format!(
                    "expected an indented block after {} on line {}",
                    what,
                    line
                ));
                e.indentation = true;
                return Err(e);
            }
            self.pos += 1;
            loop {
                match self.peek() {
                    Tok::Dedent => {
                        self.pos += 1;
                        break;
                    }
                    Tok::Eof => break,
                    Tok::Newline => self.pos += 1,
                    _ => self.statement(&mut body)?,
                }
            }
        } else {
            self.simple_line(&mut body)?;
        }
        Ok(body)
    }

    fn no_assign_in_condition(&self) -> PResult<()> {
        if self.is_op("=") {
            return Err(
                self.error_here("invalid syntax. Maybe you meant '==' or ':=' instead of '='?")
            );
        }
        Ok(())
    }

    fn else_block(&mut self) -> PResult<Vec<Stmt>> {
        let line = self.line();
        if self.eat_kw("else") {
            self.expect_op(":")?;
            self.block("'else' statement", line)
        } else {
            Ok(Vec::new())
        }
    }

    fn if_rest(&mut self, line: u32) -> PResult<StmtKind> {
        let cond = self.named_test()?;
        self.no_assign_in_condition()?;
        self.expect_op(":")?;
        let body = self.block("'if' statement", line)?;
        let eline = self.line();
        let orelse = if self.eat_kw("elif") {
            let k = self.if_rest(eline)?;
            alloc::vec![Stmt {
                kind: k,
                line: eline
            }]
        } else {
            self.else_block()?
        };
        Ok(StmtKind::If(cond, body, orelse))
    }

    fn for_rest(&mut self, line: u32) -> PResult<StmtKind> {
        let target = self.target_list()?;
        if !self.eat_kw("in") {
            return Err(self.error_here("invalid syntax"));
        }
        let iter = self.testlist_star()?;
        self.expect_op(":")?;
        let body = self.block("'for' statement", line)?;
        let orelse = self.else_block()?;
        Ok(StmtKind::For(target, iter, body, orelse))
    }

    fn try_rest(&mut self, line: u32) -> PResult<StmtKind> {
        self.expect_op(":")?;
        let body = self.block("'try' statement", line)?;
        let mut handlers = Vec::new();
        while self.is_kw("except") {
            let hline = self.line();
            self.pos += 1;
            let _star = self.eat_op("*");
            let mut kind = None;
            let mut name = None;
            if !self.is_op(":") {
                kind = Some(self.test()?);
                if self.is_op(",") {
                    let mut items =
                        alloc::vec![kind.take().unwrap_or_else(|| unreachable_expr(hline))];
                    while self.eat_op(",") {
                        items.push(self.test()?);
                    }
                    let e = Expr {
                        kind: ExprKind::Tuple(items),
                        line: hline,
                        col: 0,
                    };
                    return Err(SyntaxError {
                        msg: "multiple exception types must be parenthesized".to_string(),
                        line: e.line,
                        col: 1,
                        indentation: false,
                    });
                }
                if self.eat_kw("as") {
                    name = Some(self.name()?);
                }
            }
            self.expect_op(":")?;
            let hbody = self.block("'except' statement", hline)?;
            handlers.push(Handler {
                kind,
                name,
                body: hbody,
                line: hline,
            });
        }
        let orelse = if handlers.is_empty() {
            Vec::new()
        } else {
            self.else_block()?
        };
        let fline = self.line();
        let finalbody = if self.eat_kw("finally") {
            self.expect_op(":")?;
            self.block("'finally' statement", fline)?
        } else {
            Vec::new()
        };
        if handlers.is_empty() && finalbody.is_empty() {
            return Err(self.error_here("expected 'except' or 'finally' block"));
        }
        Ok(StmtKind::Try(body, handlers, orelse, finalbody))
    }

    fn with_rest(&mut self, line: u32) -> PResult<StmtKind> {
        let mut items = Vec::new();
        let paren = self.is_op("(") && self.with_is_parenthesized();
        if paren {
            self.pos += 1;
        }
        loop {
            let ctx = self.test()?;
            let var = if self.eat_kw("as") {
                Some(self.target()?)
            } else {
                None
            };
            items.push((ctx, var));
            if !self.eat_op(",") {
                break;
            }
            if paren && self.is_op(")") {
                break;
            }
        }
        if paren {
            self.expect_op(")")?;
        }
        self.expect_op(":")?;
        let body = self.block("'with' statement", line)?;
        Ok(StmtKind::With(items, body))
    }

    /// `with (a as b, c):` versus `with (a, b) as t:` — look for `as` inside the brackets.
    fn with_is_parenthesized(&self) -> bool {
        let mut depth = 0;
        let mut i = self.pos;
        while let Some(t) = self.toks.get(i) {
            match &t.tok {
                Tok::Op("(") | Tok::Op("[") | Tok::Op("{") => depth += 1,
                Tok::Op(")") | Tok::Op("]") | Tok::Op("}") => {
                    depth -= 1;
                    if depth == 0 {
                        return matches!(self.toks.get(i + 1).map(|t| &t.tok), Some(Tok::Op(":")));
                    }
                }
                Tok::Newline | Tok::Eof => return false,
                _ => {}
            }
            i += 1;
        }
        false
    }

    fn funcdef(&mut self, decorators: Vec<Expr>, is_async: bool, line: u32) -> PResult<FuncDef> {
        let name = self.name()?;
        self.expect_op("(")?;
        let params = self.params(")")?;
        self.expect_op(")")?;
        if self.eat_op("->") {
            self.test()?;
        }
        self.expect_op(":")?;
        let body = self.block("function definition", line)?;
        Ok(FuncDef {
            name,
            params,
            body,
            decorators,
            is_lambda: false,
            is_async,
            line,
        })
    }

    /// Parameter list of a `def` (closed by `)`) or a lambda (closed by `:`).
    pub(crate) fn params(&mut self, close: &str) -> PResult<Params> {
        let lambda = close == ":";
        let mut p = Params::default();
        let mut star_seen = false;
        let mut default_seen = false;
        while !self.is_op(close) {
            if self.eat_op("/") {
                if star_seen || p.args.is_empty() {
                    return Err(self.error_here("invalid syntax"));
                }
                p.posonly = p.args.len();
            } else if self.eat_op("**") {
                p.kwarg = Some(self.name()?);
                if !lambda && self.eat_op(":") {
                    self.test()?;
                }
            } else if self.eat_op("*") {
                if star_seen {
                    return Err(self.error_here("* argument may appear only once"));
                }
                star_seen = true;
                if !self.is_op(",") {
                    p.vararg = Some(self.name()?);
                    if !lambda && self.eat_op(":") {
                        self.star_expr_or_test()?;
                    }
                }
            } else {
                let name = self.name()?;
                if !lambda && self.eat_op(":") {
                    self.test()?;
                }
                let default = if self.eat_op("=") {
                    Some(self.test()?)
                } else {
                    None
                };
                if p.args.iter().chain(p.kwonly.iter()).any(|a| a.name == name) {
                    return Err(self.error_here(&alloc::format!(
                        "duplicate argument '{}' in function definition",
                        name
                    )));
                }
                if star_seen {
                    p.kwonly.push(Param { name, default });
                } else {
                    if default.is_none() && default_seen {
                        return Err(
                            self.error_here("non-default argument follows default argument")
                        );
                    }
                    default_seen |= default.is_some();
                    p.args.push(Param { name, default });
                }
            }
            if p.kwarg.is_some() && !self.is_op(close) {
                self.eat_op(",");
                if !self.is_op(close) {
                    return Err(self.error_here("arguments cannot follow var-keyword argument"));
                }
                break;
            }
            if !self.eat_op(",") {
                break;
            }
        }
        Ok(p)
    }

    fn classdef(&mut self, decorators: Vec<Expr>, line: u32) -> PResult<ClassDef> {
        let name = self.name()?;
        let bases = if self.eat_op("(") {
            let a = self.call_args()?;
            self.expect_op(")")?;
            a
        } else {
            Vec::new()
        };
        self.expect_op(":")?;
        let body = self.block("class definition", line)?;
        Ok(ClassDef {
            name,
            bases,
            body,
            decorators,
            line,
        })
    }

    fn simple_line(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        loop {
            let line = self.line();
            let kind = self.simple()?;
            out.push(Stmt { kind, line });
            if !self.eat_op(";") {
                break;
            }
            if matches!(self.peek(), Tok::Newline | Tok::Eof) {
                break;
            }
        }
        match self.peek() {
            Tok::Newline => {
                self.pos += 1;
                Ok(())
            }
            Tok::Eof => Ok(()),
            _ => Err(self.error_here("invalid syntax")),
        }
    }

    fn simple(&mut self) -> PResult<StmtKind> {
        let kw = match self.peek() {
            Tok::Name(n) => n.clone(),
            _ => String::new(),
        };
        match kw.as_str() {
            "pass" => {
                self.pos += 1;
                Ok(StmtKind::Pass)
            }
            "break" => {
                self.pos += 1;
                Ok(StmtKind::Break)
            }
            "continue" => {
                self.pos += 1;
                Ok(StmtKind::Continue)
            }
            "return" => {
                self.pos += 1;
                if self.at_stmt_end() {
                    Ok(StmtKind::Return(None))
                } else {
                    Ok(StmtKind::Return(Some(self.testlist_star()?)))
                }
            }
            "raise" => {
                self.pos += 1;
                if self.at_stmt_end() {
                    return Ok(StmtKind::Raise(None, None));
                }
                let e = self.test()?;
                let cause = if self.eat_kw("from") {
                    Some(self.test()?)
                } else {
                    None
                };
                Ok(StmtKind::Raise(Some(e), cause))
            }
            "global" | "nonlocal" => {
                self.pos += 1;
                let mut names = alloc::vec![self.name()?];
                while self.eat_op(",") {
                    names.push(self.name()?);
                }
                Ok(if kw == "global" {
                    StmtKind::Global(names)
                } else {
                    StmtKind::Nonlocal(names)
                })
            }
            "del" => {
                self.pos += 1;
                let mut targets = alloc::vec![self.bitor()?];
                while self.eat_op(",") {
                    if self.at_stmt_end() {
                        break;
                    }
                    targets.push(self.bitor()?);
                }
                Ok(StmtKind::Delete(targets))
            }
            "assert" => {
                self.pos += 1;
                let t = self.test()?;
                let msg = if self.eat_op(",") {
                    Some(self.test()?)
                } else {
                    None
                };
                Ok(StmtKind::Assert(t, msg))
            }
            "import" => {
                self.pos += 1;
                let mut names = Vec::new();
                loop {
                    let n = self.dotted_name()?;
                    let alias = if self.eat_kw("as") {
                        Some(self.name()?)
                    } else {
                        None
                    };
                    names.push((n, alias));
                    if !self.eat_op(",") {
                        break;
                    }
                }
                Ok(StmtKind::Import(names))
            }
            "from" => {
                self.pos += 1;
                while self.eat_op(".") || self.eat_op("...") {}
                let module = if self.is_kw("import") {
                    String::new()
                } else {
                    self.dotted_name()?
                };
                if !self.eat_kw("import") {
                    return Err(self.error_here("invalid syntax"));
                }
                let mut names = Vec::new();
                if self.eat_op("*") {
                    names.push(("*".to_string(), None));
                } else {
                    let paren = self.eat_op("(");
                    loop {
                        let n = self.name()?;
                        let alias = if self.eat_kw("as") {
                            Some(self.name()?)
                        } else {
                            None
                        };
                        names.push((n, alias));
                        if !self.eat_op(",") {
                            break;
                        }
                        if paren && self.is_op(")") {
                            break;
                        }
                    }
                    if paren {
                        self.expect_op(")")?;
                    }
                }
                Ok(StmtKind::ImportFrom(module, names))
            }
            _ => self.expr_stmt(),
        }
    }

    fn dotted_name(&mut self) -> PResult<String> {
        let mut n = self.name()?;
        while self.eat_op(".") {
            n.push('.');
            n.push_str(&self.name()?);
        }
        Ok(n)
    }

    pub(crate) fn at_stmt_end(&self) -> bool {
        matches!(self.peek(), Tok::Newline | Tok::Eof | Tok::Op(";"))
    }

    fn expr_stmt(&mut self) -> PResult<StmtKind> {
        let first = if self.is_kw("yield") {
            self.yield_expr()?
        } else {
            self.testlist_star()?
        };
        if let ExprKind::Name(n) = &first.kind {
            if (n == "print" || n == "exec")
                && matches!(
                    self.peek(),
                    Tok::Str(_) | Tok::Name(_) | Tok::Int(..) | Tok::Float(_) | Tok::FStr(_)
                )
            {
                return Err(SyntaxError {
                    msg: alloc::format!(
                        "Missing parentheses in call to '{}'. Did you mean {}(...)?",
                        n,
                        n
                    ),
                    line: first.line,
                    col: first.col + 1,
                    indentation: false,
                });
            }
        }
        if self.is_op("=") {
            let mut targets = alloc::vec![first];
            let mut value;
            loop {
                self.pos += 1;
                value = if self.is_kw("yield") {
                    self.yield_expr()?
                } else {
                    self.testlist_star()?
                };
                if !self.is_op("=") {
                    break;
                }
                targets.push(value);
            }
            for t in &targets {
                check_target(t, "assign to")?;
            }
            return Ok(StmtKind::Assign(targets, value));
        }
        if let Tok::Op(op) = self.peek() {
            let aug = match *op {
                "+=" => Some(BinOp::Add),
                "-=" => Some(BinOp::Sub),
                "*=" => Some(BinOp::Mul),
                "/=" => Some(BinOp::Div),
                "//=" => Some(BinOp::FloorDiv),
                "%=" => Some(BinOp::Mod),
                "**=" => Some(BinOp::Pow),
                "<<=" => Some(BinOp::LShift),
                ">>=" => Some(BinOp::RShift),
                "&=" => Some(BinOp::BitAnd),
                "|=" => Some(BinOp::BitOr),
                "^=" => Some(BinOp::BitXor),
                "@=" => Some(BinOp::MatMul),
                _ => None,
            };
            if let Some(op) = aug {
                self.pos += 1;
                if !matches!(
                    first.kind,
                    ExprKind::Name(_) | ExprKind::Attribute(..) | ExprKind::Subscript(..)
                ) {
                    return Err(SyntaxError {
                        msg: alloc::format!(
                            "'{}' is an illegal expression for augmented assignment",
                            describe(&first)
                        ),
                        line: first.line,
                        col: first.col + 1,
                        indentation: false,
                    });
                }
                let value = if self.is_kw("yield") {
                    self.yield_expr()?
                } else {
                    self.testlist_star()?
                };
                return Ok(StmtKind::AugAssign(first, op, value));
            }
            if *op == ":" {
                self.pos += 1;
                let ann = self.test()?;
                let value = if self.eat_op("=") {
                    Some(self.testlist_star()?)
                } else {
                    None
                };
                check_target(&first, "assign to")?;
                return Ok(StmtKind::AnnAssign(first, ann, value));
            }
        }
        Ok(StmtKind::Expr(first))
    }
}

fn unreachable_expr(line: u32) -> Expr {
    Expr {
        kind: ExprKind::Const(Constant::None),
        line,
        col: 0,
    }
}

/// What CPython calls an expression in "cannot assign to ..." messages.
pub(crate) fn describe(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Const(Constant::None) => "None",
        ExprKind::Const(Constant::True) => "True",
        ExprKind::Const(Constant::False) => "False",
        ExprKind::Const(Constant::Ellipsis) => "ellipsis",
        ExprKind::Const(_) | ExprKind::JoinedStr(_) => "literal",
        ExprKind::Call(..) => "function call",
        ExprKind::BinOp(..) | ExprKind::Unary(..) => "expression",
        ExprKind::BoolOp(..) => "expression",
        ExprKind::Compare(..) => "comparison",
        ExprKind::Lambda(_) => "lambda",
        ExprKind::IfExp(..) => "conditional expression",
        ExprKind::ListComp(..) => "list comprehension",
        ExprKind::SetComp(..) => "set comprehension",
        ExprKind::DictComp(..) => "dict comprehension",
        ExprKind::GenExp(..) => "generator expression",
        ExprKind::Dict(_) => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::NamedExpr(..) => "named expression",
        ExprKind::Await(_) => "await expression",
        _ => "expression",
    }
}

/// Checks that an expression can be assigned to (§7.2).
pub(crate) fn check_target(e: &Expr, verb: &str) -> PResult<()> {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Attribute(..) | ExprKind::Subscript(..) => Ok(()),
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            for i in items {
                check_target(i, verb)?;
            }
            Ok(())
        }
        ExprKind::Starred(inner) => check_target(inner, verb),
        _ => {
            let what = describe(e);
            let keyword = matches!(what, "None" | "True" | "False" | "ellipsis");
            let msg = if verb == "assign to" && !keyword {
                alloc::format!(
                    "cannot {} {} here. Maybe you meant '==' instead of '='?",
                    verb,
                    what
                )
            } else {
                alloc::format!("cannot {} {}", verb, what)
            };
            Err(SyntaxError {
                msg,
                line: e.line,
                col: e.col + 1,
                indentation: false,
            })
        }
    }
}
