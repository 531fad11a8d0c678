//! Expression rules (Python Language Reference §6), lowest precedence first:
//! lambda, conditional, `or`, `and`, `not`, comparisons, `|`, `^`, `&`, shifts, `+ -`,
//! `* / // % @`, unary `+ - ~`, `**`, `await`, primaries (calls, subscripts, attributes), atoms.

use super::{check_target, is_keyword, parse_field_expr, PResult, Parser};
use crate::ast::*;
use crate::error::SyntaxError;
use crate::lexer::{FPart, Tok};
use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

fn mk(kind: ExprKind, line: u32, col: u32) -> Expr {
    Expr { kind, line, col }
}

impl Parser {
    /// `a, b, *c` as used on the right of `=`, in `return`, and in `for ... in`.
    pub(crate) fn testlist_star(&mut self) -> PResult<Expr> {
        let (line, col) = (self.line(), self.col());
        let first = self.star_expr_or_named()?;
        if !self.is_op(",") {
            if matches!(first.kind, ExprKind::Starred(_)) {
                return Err(SyntaxError {
                    msg: "can't use starred expression here".to_string(),
                    line,
                    col: col + 1,
                    indentation: false,
                });
            }
            return Ok(first);
        }
        let mut items = alloc::vec![first];
        while self.eat_op(",") {
            if self.at_expr_end() {
                break;
            }
            items.push(self.star_expr_or_named()?);
        }
        Ok(mk(ExprKind::Tuple(items), line, col))
    }

    fn at_expr_end(&self) -> bool {
        match self.peek() {
            Tok::Newline | Tok::Eof => true,
            Tok::Op(o) => {
                matches!(*o, "=" | ")" | "]" | "}" | ":" | ";") || o.ends_with('=') && *o != "=="
            }
            Tok::Name(n) => n == "in" || n == "for",
            _ => false,
        }
    }

    /// Targets of `for` and comprehensions: stops before `in`.
    pub(crate) fn target_list(&mut self) -> PResult<Expr> {
        let (line, col) = (self.line(), self.col());
        let first = self.target()?;
        if !self.is_op(",") {
            return Ok(first);
        }
        let mut items = alloc::vec![first];
        while self.eat_op(",") {
            if self.is_kw("in") || self.is_op("=") {
                break;
            }
            items.push(self.target()?);
        }
        Ok(mk(ExprKind::Tuple(items), line, col))
    }

    pub(crate) fn target(&mut self) -> PResult<Expr> {
        let (line, col) = (self.line(), self.col());
        let e = if self.eat_op("*") {
            mk(ExprKind::Starred(Box::new(self.bitor()?)), line, col)
        } else {
            self.bitor()?
        };
        check_target(&e, "assign to")?;
        Ok(e)
    }

    pub(crate) fn star_expr_or_test(&mut self) -> PResult<Expr> {
        let (line, col) = (self.line(), self.col());
        if self.eat_op("*") {
            return Ok(mk(ExprKind::Starred(Box::new(self.bitor()?)), line, col));
        }
        self.test()
    }

    fn star_expr_or_named(&mut self) -> PResult<Expr> {
        if self.is_op("*") {
            return self.star_expr_or_test();
        }
        self.named_test()
    }

    /// `name := value` or a plain test.
    pub(crate) fn named_test(&mut self) -> PResult<Expr> {
        if let (Tok::Name(n), Tok::Op(":=")) = (self.peek(), self.peek_at(1)) {
            if !is_keyword(n) {
                let n = n.clone();
                let (line, col) = (self.line(), self.col());
                self.pos += 2;
                let v = self.test()?;
                return Ok(mk(ExprKind::NamedExpr(n, Box::new(v)), line, col));
            }
        }
        let e = self.test()?;
        if self.is_op(":=") {
            return Err(SyntaxError {
                msg: alloc::format!(
                    "cannot use assignment expressions with {}",
                    super::describe(&e)
                ),
                line: e.line,
                col: e.col + 1,
                indentation: false,
            });
        }
        Ok(e)
    }

    pub(crate) fn test(&mut self) -> PResult<Expr> {
        self.enter()?;
        let r = self.test_inner();
        self.depth -= 1;
        r
    }

    fn test_inner(&mut self) -> PResult<Expr> {
        let (line, col) = (self.line(), self.col());
        if self.eat_kw("lambda") {
            let params = self.params(":")?;
            self.expect_op(":")?;
            let body = self.test()?;
            let bline = body.line;
            let def = FuncDef {
                name: "<lambda>".to_string(),
                params,
                body: alloc::vec![Stmt {
                    kind: StmtKind::Return(Some(body)),
                    line: bline
                }],
                decorators: Vec::new(),
                is_lambda: true,
                is_async: false,
                line,
            };
            return Ok(mk(ExprKind::Lambda(Rc::new(def)), line, col));
        }
        let e = self.or_test()?;
        if self.is_kw("if") && !self.if_is_comprehension_clause() {
            self.pos += 1;
            let cond = self.or_test()?;
            if !self.eat_kw("else") {
                return Err(self.error_here("expected 'else' after 'if' expression"));
            }
            let other = self.test()?;
            return Ok(mk(
                ExprKind::IfExp(Box::new(cond), Box::new(e), Box::new(other)),
                line,
                col,
            ));
        }
        Ok(e)
    }

    fn if_is_comprehension_clause(&self) -> bool {
        false
    }

    fn or_test(&mut self) -> PResult<Expr> {
        let (line, col) = (self.line(), self.col());
        let first = self.and_test()?;
        if !self.is_kw("or") {
            return Ok(first);
        }
        let mut items = alloc::vec![first];
        while self.eat_kw("or") {
            items.push(self.and_test()?);
        }
        Ok(mk(ExprKind::BoolOp(false, items), line, col))
    }

    fn and_test(&mut self) -> PResult<Expr> {
        let (line, col) = (self.line(), self.col());
        let first = self.not_test()?;
        if !self.is_kw("and") {
            return Ok(first);
        }
        let mut items = alloc::vec![first];
        while self.eat_kw("and") {
            items.push(self.not_test()?);
        }
        Ok(mk(ExprKind::BoolOp(true, items), line, col))
    }

    fn not_test(&mut self) -> PResult<Expr> {
        let (line, col) = (self.line(), self.col());
        if self.eat_kw("not") {
            self.enter()?;
            let e = self.not_test();
            self.depth -= 1;
            return Ok(mk(ExprKind::Unary(UnaryOp::Not, Box::new(e?)), line, col));
        }
        self.comparison()
    }

    fn comp_op(&mut self) -> Option<CmpOp> {
        let op = match self.peek() {
            Tok::Op("<") => CmpOp::Lt,
            Tok::Op(">") => CmpOp::Gt,
            Tok::Op("==") => CmpOp::Eq,
            Tok::Op(">=") => CmpOp::Ge,
            Tok::Op("<=") => CmpOp::Le,
            Tok::Op("!=") => CmpOp::Ne,
            Tok::Name(n) if n == "in" => CmpOp::In,
            Tok::Name(n) if n == "not" && matches!(self.peek_at(1), Tok::Name(m) if m == "in") => {
                self.pos += 1;
                CmpOp::NotIn
            }
            Tok::Name(n) if n == "is" => {
                if matches!(self.peek_at(1), Tok::Name(m) if m == "not") {
                    self.pos += 1;
                    CmpOp::IsNot
                } else {
                    CmpOp::Is
                }
            }
            _ => return None,
        };
        self.pos += 1;
        Some(op)
    }

    fn comparison(&mut self) -> PResult<Expr> {
        let (line, col) = (self.line(), self.col());
        let first = self.bitor()?;
        let mut rest = Vec::new();
        while let Some(op) = self.comp_op() {
            rest.push((op, self.bitor()?));
        }
        if rest.is_empty() {
            Ok(first)
        } else {
            Ok(mk(ExprKind::Compare(Box::new(first), rest), line, col))
        }
    }

    fn binary_level(&mut self, level: u8) -> PResult<Expr> {
        if level == 6 {
            return self.factor();
        }
        let (line, col) = (self.line(), self.col());
        let mut left = self.binary_level(level + 1)?;
        loop {
            let op = match (level, self.peek()) {
                (0, Tok::Op("|")) => BinOp::BitOr,
                (1, Tok::Op("^")) => BinOp::BitXor,
                (2, Tok::Op("&")) => BinOp::BitAnd,
                (3, Tok::Op("<<")) => BinOp::LShift,
                (3, Tok::Op(">>")) => BinOp::RShift,
                (4, Tok::Op("+")) => BinOp::Add,
                (4, Tok::Op("-")) => BinOp::Sub,
                (5, Tok::Op("*")) => BinOp::Mul,
                (5, Tok::Op("/")) => BinOp::Div,
                (5, Tok::Op("//")) => BinOp::FloorDiv,
                (5, Tok::Op("%")) => BinOp::Mod,
                (5, Tok::Op("@")) => BinOp::MatMul,
                _ => break,
            };
            self.pos += 1;
            let right = self.binary_level(level + 1)?;
            left = mk(
                ExprKind::BinOp(Box::new(left), op, Box::new(right)),
                line,
                col,
            );
        }
        Ok(left)
    }

    pub(crate) fn bitor(&mut self) -> PResult<Expr> {
        self.binary_level(0)
    }

    /// `a + b` level: literal patterns (which must not consume `|`).
    pub(crate) fn arith(&mut self) -> PResult<Expr> {
        self.binary_level(4)
    }

    fn factor(&mut self) -> PResult<Expr> {
        let (line, col) = (self.line(), self.col());
        let op = match self.peek() {
            Tok::Op("-") => UnaryOp::Neg,
            Tok::Op("+") => UnaryOp::Pos,
            Tok::Op("~") => UnaryOp::Invert,
            _ => return self.power(),
        };
        self.pos += 1;
        self.enter()?;
        let operand = self.factor();
        self.depth -= 1;
        let operand = operand?;
        // Fold `-literal` so that -9223372036854775808 and friends stay exact.
        if op == UnaryOp::Neg {
            if let ExprKind::Const(Constant::Float(f)) = operand.kind {
                return Ok(mk(ExprKind::Const(Constant::Float(-f)), line, col));
            }
        }
        Ok(mk(ExprKind::Unary(op, Box::new(operand)), line, col))
    }

    fn power(&mut self) -> PResult<Expr> {
        let (line, col) = (self.line(), self.col());
        let base = if self.eat_kw("await") {
            let e = self.primary()?;
            mk(ExprKind::Await(Box::new(e)), line, col)
        } else {
            self.primary()?
        };
        if self.eat_op("**") {
            self.enter()?;
            let exp = self.factor();
            self.depth -= 1;
            return Ok(mk(
                ExprKind::BinOp(Box::new(base), BinOp::Pow, Box::new(exp?)),
                line,
                col,
            ));
        }
        Ok(base)
    }

    fn primary(&mut self) -> PResult<Expr> {
        let mut e = self.atom()?;
        loop {
            let (line, col) = (e.line, e.col);
            if self.eat_op("(") {
                let args = self.call_args()?;
                self.expect_op(")")?;
                e = mk(ExprKind::Call(Box::new(e), args), line, col);
            } else if self.eat_op("[") {
                let idx = self.subscript_list()?;
                self.expect_op("]")?;
                e = mk(ExprKind::Subscript(Box::new(e), Box::new(idx)), line, col);
            } else if self.eat_op(".") {
                let name = self.name()?;
                e = mk(ExprKind::Attribute(Box::new(e), name), line, col);
            } else {
                return Ok(e);
            }
        }
    }

    fn subscript_list(&mut self) -> PResult<Expr> {
        let (line, col) = (self.line(), self.col());
        let first = self.subscript()?;
        if !self.is_op(",") {
            return Ok(first);
        }
        let mut items = alloc::vec![first];
        while self.eat_op(",") {
            if self.is_op("]") {
                break;
            }
            items.push(self.subscript()?);
        }
        Ok(mk(ExprKind::Tuple(items), line, col))
    }

    fn subscript(&mut self) -> PResult<Expr> {
        let (line, col) = (self.line(), self.col());
        let lower = if self.is_op(":") {
            None
        } else {
            Some(self.star_expr_or_named()?)
        };
        if !self.eat_op(":") {
            return lower.ok_or_else(|| self.error_here("invalid syntax"));
        }
        let stop_here = |p: &Parser| p.is_op(":") || p.is_op("]") || p.is_op(",");
        let upper = if stop_here(self) {
            None
        } else {
            Some(Box::new(self.test()?))
        };
        let step = if self.eat_op(":") {
            if self.is_op("]") || self.is_op(",") {
                None
            } else {
                Some(Box::new(self.test()?))
            }
        } else {
            None
        };
        Ok(mk(
            ExprKind::Slice(lower.map(Box::new), upper, step),
            line,
            col,
        ))
    }

    pub(crate) fn call_args(&mut self) -> PResult<Vec<Arg>> {
        let mut args = Vec::new();
        let mut seen_kw = false;
        while !self.is_op(")") {
            let (line, col) = (self.line(), self.col());
            if self.eat_op("*") {
                args.push(Arg::Star(self.test()?));
            } else if self.eat_op("**") {
                seen_kw = true;
                args.push(Arg::DoubleStar(self.test()?));
            } else if let (Tok::Name(n), Tok::Op("=")) = (self.peek(), self.peek_at(1)) {
                let n = n.clone();
                if is_keyword(&n) {
                    return Err(self.error_here("invalid syntax"));
                }
                self.pos += 2;
                seen_kw = true;
                args.push(Arg::Kw(n, self.test()?));
            } else {
                let e = self.named_test()?;
                if self.is_kw("for") || self.is_kw("async") {
                    let gens = self.comp_for()?;
                    let g = mk(ExprKind::GenExp(Box::new(e), gens), line, col);
                    if !args.is_empty()
                        || self.is_op(",") && !matches!(self.peek_at(1), Tok::Op(")"))
                    {
                        return Err(SyntaxError {
                            msg: "Generator expression must be parenthesized".to_string(),
                            line,
                            col: col + 1,
                            indentation: false,
                        });
                    }
                    args.push(Arg::Pos(g));
                } else {
                    if seen_kw {
                        let msg = if args.iter().any(|a| matches!(a, Arg::DoubleStar(_))) {
                            "positional argument follows keyword argument unpacking"
                        } else {
                            "positional argument follows keyword argument"
                        };
                        return Err(SyntaxError {
                            msg: msg.to_string(),
                            line,
                            col: col + 1,
                            indentation: false,
                        });
                    }
                    args.push(Arg::Pos(e));
                }
            }
            if !self.eat_op(",") {
                break;
            }
        }
        Ok(args)
    }

    pub(crate) fn comp_for(&mut self) -> PResult<Vec<Comprehension>> {
        let mut gens = Vec::new();
        loop {
            self.eat_kw("async");
            if !self.eat_kw("for") {
                break;
            }
            let target = self.target_list()?;
            if !self.eat_kw("in") {
                return Err(self.error_here("invalid syntax"));
            }
            let iter = self.or_test()?;
            let mut ifs = Vec::new();
            while self.eat_kw("if") {
                ifs.push(self.or_test_no_cond()?);
            }
            gens.push(Comprehension { target, iter, ifs });
            if !self.is_kw("for") && !self.is_kw("async") {
                break;
            }
        }
        Ok(gens)
    }

    fn or_test_no_cond(&mut self) -> PResult<Expr> {
        if self.is_kw("lambda") {
            return self.test();
        }
        self.or_test()
    }

    pub(crate) fn yield_expr(&mut self) -> PResult<Expr> {
        let (line, col) = (self.line(), self.col());
        self.pos += 1;
        if self.eat_kw("from") {
            let e = self.test()?;
            return Ok(mk(ExprKind::YieldFrom(Box::new(e)), line, col));
        }
        if self.at_expr_end() || self.is_op(")") {
            return Ok(mk(ExprKind::Yield(None), line, col));
        }
        let e = self.testlist_star()?;
        Ok(mk(ExprKind::Yield(Some(Box::new(e))), line, col))
    }

    fn atom(&mut self) -> PResult<Expr> {
        self.enter()?;
        let r = self.atom_inner();
        self.depth -= 1;
        r
    }

    fn atom_inner(&mut self) -> PResult<Expr> {
        let (line, col) = (self.line(), self.col());
        let tok = self.peek().clone();
        let kind = match tok {
            Tok::Name(n) => {
                let k = match n.as_str() {
                    "None" => ExprKind::Const(Constant::None),
                    "True" => ExprKind::Const(Constant::True),
                    "False" => ExprKind::Const(Constant::False),
                    "yield" => return Err(self.error_here("invalid syntax")),
                    _ if is_keyword(&n) => return Err(self.error_here("invalid syntax")),
                    _ => ExprKind::Name(n),
                };
                self.pos += 1;
                k
            }
            Tok::Int(d, r) => {
                self.pos += 1;
                ExprKind::Const(Constant::Int(d, r))
            }
            Tok::Float(f) => {
                self.pos += 1;
                ExprKind::Const(Constant::Float(f))
            }
            Tok::Imag(f) => {
                self.pos += 1;
                ExprKind::Const(Constant::Imag(f))
            }
            Tok::Str(_) | Tok::FStr(_) | Tok::Bytes(_) => return self.strings(),
            Tok::Op("...") => {
                self.pos += 1;
                ExprKind::Const(Constant::Ellipsis)
            }
            Tok::Op("(") => {
                self.pos += 1;
                if self.eat_op(")") {
                    return Ok(mk(ExprKind::Tuple(Vec::new()), line, col));
                }
                if self.is_kw("yield") {
                    let e = self.yield_expr()?;
                    self.expect_op(")")?;
                    return Ok(e);
                }
                let first = self.star_expr_or_named()?;
                if self.is_kw("for") || self.is_kw("async") {
                    let gens = self.comp_for()?;
                    self.expect_op(")")?;
                    return Ok(mk(ExprKind::GenExp(Box::new(first), gens), line, col));
                }
                if self.eat_op(")") {
                    if matches!(first.kind, ExprKind::Starred(_)) {
                        return Err(SyntaxError {
                            msg: "cannot use starred expression here".to_string(),
                            line: first.line,
                            col: first.col + 1,
                            indentation: false,
                        });
                    }
                    return Ok(first);
                }
                let mut items = alloc::vec![first];
                while self.eat_op(",") {
                    if self.is_op(")") {
                        break;
                    }
                    items.push(self.star_expr_or_named()?);
                }
                self.expect_op(")")?;
                ExprKind::Tuple(items)
            }
            Tok::Op("[") => {
                self.pos += 1;
                if self.eat_op("]") {
                    return Ok(mk(ExprKind::List(Vec::new()), line, col));
                }
                let first = self.star_expr_or_named()?;
                if self.is_kw("for") || self.is_kw("async") {
                    let gens = self.comp_for()?;
                    self.expect_op("]")?;
                    return Ok(mk(ExprKind::ListComp(Box::new(first), gens), line, col));
                }
                let mut items = alloc::vec![first];
                while self.eat_op(",") {
                    if self.is_op("]") {
                        break;
                    }
                    items.push(self.star_expr_or_named()?);
                }
                self.expect_op("]")?;
                ExprKind::List(items)
            }
            Tok::Op("{") => {
                self.pos += 1;
                return self.brace(line, col);
            }
            _ => return Err(self.error_here("invalid syntax")),
        };
        Ok(mk(kind, line, col))
    }

    fn brace(&mut self, line: u32, col: u32) -> PResult<Expr> {
        if self.eat_op("}") {
            return Ok(mk(ExprKind::Dict(Vec::new()), line, col));
        }
        if self.eat_op("**") {
            let first = self.bitor()?;
            return self.dict_rest(None, first, line, col);
        }
        let first = self.star_expr_or_named()?;
        if self.eat_op(":") {
            let value = self.test()?;
            if self.is_kw("for") || self.is_kw("async") {
                let gens = self.comp_for()?;
                self.expect_op("}")?;
                return Ok(mk(
                    ExprKind::DictComp(Box::new(first), Box::new(value), gens),
                    line,
                    col,
                ));
            }
            return self.dict_rest(Some(first), value, line, col);
        }
        if self.is_kw("for") || self.is_kw("async") {
            let gens = self.comp_for()?;
            self.expect_op("}")?;
            return Ok(mk(ExprKind::SetComp(Box::new(first), gens), line, col));
        }
        let mut items = alloc::vec![first];
        while self.eat_op(",") {
            if self.is_op("}") {
                break;
            }
            items.push(self.star_expr_or_named()?);
        }
        self.expect_op("}")?;
        Ok(mk(ExprKind::Set(items), line, col))
    }

    fn dict_rest(&mut self, key: Option<Expr>, value: Expr, line: u32, col: u32) -> PResult<Expr> {
        let mut items = alloc::vec![(key, value)];
        while self.eat_op(",") {
            if self.is_op("}") {
                break;
            }
            if self.eat_op("**") {
                items.push((None, self.bitor()?));
            } else {
                let k = self.test()?;
                self.expect_op(":")?;
                items.push((Some(k), self.test()?));
            }
        }
        self.expect_op("}")?;
        Ok(mk(ExprKind::Dict(items), line, col))
    }

    /// Adjacent string literals concatenate (§2.4.2); f-strings make a `JoinedStr`.
    fn strings(&mut self) -> PResult<Expr> {
        let (line, col) = (self.line(), self.col());
        let mut parts: Vec<Expr> = Vec::new();
        let mut text = String::new();
        let mut bytes: Option<Vec<u8>> = None;
        let mut any_f = false;
        let mut any_str = false;
        loop {
            match self.peek().clone() {
                Tok::Str(s) => {
                    any_str = true;
                    text.push_str(&s);
                }
                Tok::Bytes(b) => bytes.get_or_insert_with(Vec::new).extend_from_slice(&b),
                Tok::FStr(fparts) => {
                    any_f = true;
                    any_str = true;
                    let fline = self.line();
                    for p in fparts {
                        match p {
                            FPart::Lit(s) => text.push_str(&s),
                            field => {
                                if !text.is_empty() {
                                    parts.push(mk(
                                        ExprKind::Const(Constant::Str(core::mem::take(&mut text))),
                                        line,
                                        col,
                                    ));
                                }
                                self.fstring_field(field, fline, &mut parts)?;
                            }
                        }
                    }
                }
                _ => break,
            }
            self.pos += 1;
        }
        if let Some(b) = bytes {
            if any_str {
                return Err(SyntaxError {
                    msg: "cannot mix bytes and nonbytes literals".to_string(),
                    line,
                    col: col + 1,
                    indentation: false,
                });
            }
            return Ok(mk(ExprKind::Const(Constant::Bytes(b)), line, col));
        }
        if !any_f {
            return Ok(mk(ExprKind::Const(Constant::Str(text)), line, col));
        }
        if !text.is_empty() {
            parts.push(mk(ExprKind::Const(Constant::Str(text)), line, col));
        }
        Ok(mk(ExprKind::JoinedStr(parts), line, col))
    }

    fn fstring_field(&mut self, field: FPart, line: u32, out: &mut Vec<Expr>) -> PResult<()> {
        let FPart::Field {
            expr,
            debug,
            conversion,
            spec,
            ..
        } = field
        else {
            return Ok(());
        };
        let value = parse_field_expr(&expr, line, self.depth + 2)?;
        let mut conversion = conversion;
        if let Some(d) = debug {
            out.push(mk(ExprKind::Const(Constant::Str(d)), line, 0));
            if conversion.is_none() && spec.is_empty() {
                conversion = Some('r');
            }
        }
        let spec_expr = if spec.is_empty() {
            None
        } else {
            let mut sparts = Vec::new();
            for p in spec {
                match p {
                    FPart::Lit(s) => sparts.push(mk(ExprKind::Const(Constant::Str(s)), line, 0)),
                    f => self.fstring_field(f, line, &mut sparts)?,
                }
            }
            Some(Box::new(mk(ExprKind::JoinedStr(sparts), line, 0)))
        };
        out.push(mk(
            ExprKind::Formatted(Box::new(value), conversion, spec_expr),
            line,
            0,
        ));
        Ok(())
    }
}
