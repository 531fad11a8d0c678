//! Expression code generation (Python Language Reference §6).

use super::{int_const, CResult, Compiler};
use crate::ast::*;
use crate::bytecode::Op;
use crate::error::SyntaxError;
use crate::value::Value;
use alloc::rc::Rc;
use alloc::string::ToString;
use alloc::vec::Vec;

impl<'a> Compiler<'a> {
    pub(crate) fn expr(&mut self, e: &'a Expr) -> CResult {
        self.enter(e.line)?;
        let saved = self.unit().line;
        if e.line > 0 {
            self.unit().line = e.line;
        }
        let r = self.expr_inner(e);
        self.unit().line = saved;
        self.depth -= 1;
        r
    }

    fn expr_inner(&mut self, e: &'a Expr) -> CResult {
        match &e.kind {
            ExprKind::Const(c) => {
                let v = match c {
                    Constant::None => Value::None,
                    Constant::True => Value::Bool(true),
                    Constant::False => Value::Bool(false),
                    Constant::Ellipsis => Value::Ellipsis,
                    Constant::Int(d, r) => int_const(d, *r),
                    Constant::Float(f) => Value::Float(*f),
                    Constant::Imag(_) => {
                        return Err(SyntaxError {
                            msg: "complex numbers are not supported".to_string(),
                            line: e.line,
                            col: e.col + 1,
                            indentation: false,
                        })
                    }
                    Constant::Str(s) => Value::str(s),
                    Constant::Bytes(b) => Value::Bytes(Rc::new(b.clone())),
                };
                self.emit_const(v);
            }
            ExprKind::Name(n) => self.load_name(n),
            ExprKind::BinOp(a, op, b) => {
                // Fold negative literals so -9223372036854775808 stays a small int.
                self.expr(a)?;
                self.expr(b)?;
                self.emit(Op::Binary(*op));
            }
            ExprKind::Unary(op, a) => {
                if *op == UnaryOp::Neg {
                    if let ExprKind::Const(Constant::Int(d, r)) = &a.kind {
                        let v = int_const(d, *r);
                        let neg = match v {
                            Value::Int(i) => match i.checked_neg() {
                                Some(n) => Value::Int(n),
                                None => Value::from_big(crate::bigint::BigInt::from_i64(i).neg()),
                            },
                            Value::BigInt(b) => Value::from_big(b.neg()),
                            other => other,
                        };
                        self.emit_const(neg);
                        return Ok(());
                    }
                }
                self.expr(a)?;
                self.emit(Op::Unary(*op));
            }
            ExprKind::BoolOp(is_and, items) => {
                let mut jumps = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    self.expr(item)?;
                    if i + 1 < items.len() {
                        jumps.push(self.emit(if *is_and {
                            Op::JumpIfFalseOrPop(0)
                        } else {
                            Op::JumpIfTrueOrPop(0)
                        }));
                    }
                }
                for j in jumps {
                    self.patch(j);
                }
            }
            ExprKind::Compare(first, rest) => {
                self.expr(first)?;
                if rest.len() == 1 {
                    self.expr(&rest[0].1)?;
                    self.emit(Op::Compare(rest[0].0));
                    return Ok(());
                }
                let mut cleanups = Vec::new();
                for (i, (op, rhs)) in rest.iter().enumerate() {
                    self.expr(rhs)?;
                    if i + 1 < rest.len() {
                        self.emit(Op::Dup);
                        self.emit(Op::Rot3);
                        self.emit(Op::Compare(*op));
                        cleanups.push(self.emit(Op::JumpIfFalseOrPop(0)));
                    } else {
                        self.emit(Op::Compare(*op));
                    }
                }
                let end = self.emit(Op::Jump(0));
                for c in cleanups {
                    self.patch(c);
                }
                self.emit(Op::Rot2);
                self.emit(Op::Pop);
                self.patch(end);
            }
            ExprKind::IfExp(cond, a, b) => {
                self.expr(cond)?;
                let j = self.emit(Op::PopJumpIfFalse(0));
                self.expr(a)?;
                let end = self.emit(Op::Jump(0));
                self.patch(j);
                self.expr(b)?;
                self.patch(end);
            }
            ExprKind::Lambda(f) => {
                let q = self.qualname("<lambda>");
                self.make_function(f, q)?;
            }
            ExprKind::Call(func, args) => self.call(func, args)?,
            ExprKind::Attribute(obj, name) => {
                self.expr(obj)?;
                let n = self.name_index(name);
                self.emit(Op::LoadAttr(n));
            }
            ExprKind::Subscript(obj, idx) => {
                self.expr(obj)?;
                self.expr(idx)?;
                self.emit(Op::Subscr);
            }
            ExprKind::Slice(a, b, c) => {
                for part in [a, b] {
                    match part {
                        Some(x) => self.expr(x)?,
                        None => self.emit_const(Value::None),
                    }
                }
                match c {
                    Some(x) => {
                        self.expr(x)?;
                        self.emit(Op::BuildSlice(3));
                    }
                    None => {
                        self.emit(Op::BuildSlice(2));
                    }
                }
            }
            ExprKind::List(items) => self.sequence(items, 0)?,
            ExprKind::Tuple(items) => {
                if let Some(v) = const_tuple(items) {
                    self.emit_const(v);
                } else {
                    self.sequence(items, 1)?;
                }
            }
            ExprKind::Set(items) => self.sequence(items, 2)?,
            ExprKind::Dict(items) => {
                if items.iter().any(|(k, _)| k.is_none()) {
                    self.emit(Op::BuildMap(0));
                    for (k, v) in items {
                        match k {
                            Some(k) => {
                                self.expr(k)?;
                                self.expr(v)?;
                                self.emit(Op::MapAdd(1));
                            }
                            None => {
                                self.expr(v)?;
                                self.emit(Op::DictUpdate(1));
                            }
                        }
                    }
                } else {
                    for (k, v) in items {
                        if let Some(k) = k {
                            self.expr(k)?;
                        }
                        self.expr(v)?;
                    }
                    self.emit(Op::BuildMap(items.len() as u32));
                }
            }
            ExprKind::ListComp(elt, gens) => self.comprehension(e, gens, 0, elt, None)?,
            ExprKind::SetComp(elt, gens) => self.comprehension(e, gens, 1, elt, None)?,
            ExprKind::DictComp(k, v, gens) => self.comprehension(e, gens, 2, k, Some(v))?,
            ExprKind::GenExp(elt, gens) => self.comprehension(e, gens, 3, elt, None)?,
            ExprKind::Starred(_) => {
                return Err(SyntaxError {
                    msg: "can't use starred expression here".to_string(),
                    line: e.line,
                    col: e.col + 1,
                    indentation: false,
                })
            }
            ExprKind::Yield(v) => {
                self.check_in_function(e, "'yield' outside function")?;
                match v {
                    Some(v) => self.expr(v)?,
                    None => self.emit_const(Value::None),
                }
                self.emit(Op::Yield);
            }
            ExprKind::YieldFrom(v) | ExprKind::Await(v) => {
                self.check_in_function(e, "'yield' outside function")?;
                self.expr(v)?;
                self.emit(Op::GetIter);
                self.emit_const(Value::None);
                self.emit(Op::YieldFrom);
            }
            ExprKind::NamedExpr(n, v) => {
                self.expr(v)?;
                self.emit(Op::Dup);
                self.store_name(n);
            }
            ExprKind::JoinedStr(parts) => {
                for p in parts {
                    self.expr(p)?;
                }
                if parts.len() != 1 || !matches!(parts[0].kind, ExprKind::Formatted(..)) {
                    self.emit(Op::BuildString(parts.len() as u32));
                }
                if parts.is_empty() {
                    // BuildString(0) gives "".
                }
            }
            ExprKind::Formatted(v, conv, spec) => {
                self.expr(v)?;
                let mut flags = match conv {
                    Some('s') => 1,
                    Some('r') => 2,
                    Some('a') => 3,
                    _ => 0,
                };
                if let Some(s) = spec {
                    self.expr(s)?;
                    flags |= 4;
                }
                self.emit(Op::FormatValue(flags));
            }
        }
        Ok(())
    }

    fn check_in_function(&mut self, e: &Expr, msg: &str) -> CResult {
        let scope = self.unit().scope;
        if matches!(
            self.table.scopes[scope].kind,
            super::symtable::ScopeKind::Module | super::symtable::ScopeKind::Class
        ) {
            return Err(SyntaxError {
                msg: msg.to_string(),
                line: e.line,
                col: e.col + 1,
                indentation: false,
            });
        }
        Ok(())
    }

    /// List (kind 0), tuple (1) or set (2) displays, with `*iterable` items.
    fn sequence(&mut self, items: &'a [Expr], kind: u8) -> CResult {
        let starred = items.iter().any(|i| matches!(i.kind, ExprKind::Starred(_)));
        if !starred {
            for i in items {
                self.expr(i)?;
            }
            let n = items.len() as u32;
            self.emit(match kind {
                0 => Op::BuildList(n),
                1 => Op::BuildTuple(n),
                _ => Op::BuildSet(n),
            });
            return Ok(());
        }
        self.emit(if kind == 2 {
            Op::BuildSet(0)
        } else {
            Op::BuildList(0)
        });
        for i in items {
            match &i.kind {
                ExprKind::Starred(inner) => {
                    self.expr(inner)?;
                    self.emit(if kind == 2 {
                        Op::SetUpdate(1)
                    } else {
                        Op::ListExtend(1)
                    });
                }
                _ => {
                    self.expr(i)?;
                    self.emit(if kind == 2 {
                        Op::SetAdd(1)
                    } else {
                        Op::ListAppend(1)
                    });
                }
            }
        }
        if kind == 1 {
            self.emit(Op::ListToTuple);
        }
        Ok(())
    }

    fn call(&mut self, func: &'a Expr, args: &'a [Arg]) -> CResult {
        // Zero-argument super(): pass the defining class and the first argument.
        if let ExprKind::Name(n) = &func.kind {
            if n == "super" && args.is_empty() && self.units.len() > 1 {
                let scope = self.unit().scope;
                if let Some(first) = self.table.scopes[scope].params.first().cloned() {
                    self.load_name("super");
                    self.emit(Op::LoadOwnerClass);
                    self.load_name(&first);
                    self.emit(Op::CallFunction(2));
                    return Ok(());
                }
            }
        }
        let simple = args.iter().all(|a| matches!(a, Arg::Pos(_)));
        if let ExprKind::Attribute(obj, name) = &func.kind {
            if simple {
                self.expr(obj)?;
                let n = self.name_index(name);
                self.emit(Op::LoadMethod(n));
                for a in args {
                    if let Arg::Pos(e) = a {
                        self.expr(e)?;
                    }
                }
                self.emit(Op::CallMethod(args.len() as u32));
                return Ok(());
            }
        }
        self.expr(func)?;
        self.call_args(args, 0)
    }

    /// Emits arguments and the call; `extra` values are already on the stack as leading
    /// positional arguments.
    pub(crate) fn call_args(&mut self, args: &'a [Arg], extra: u32) -> CResult {
        let has_star = args
            .iter()
            .any(|a| matches!(a, Arg::Star(_) | Arg::DoubleStar(_)));
        if !has_star {
            let mut kwnames = Vec::new();
            for a in args {
                match a {
                    Arg::Pos(e) => self.expr(e)?,
                    Arg::Kw(n, e) => {
                        self.expr(e)?;
                        if kwnames
                            .iter()
                            .any(|k: &Value| matches!(k, Value::Str(s) if s.as_str() == n))
                        {
                            return Err(SyntaxError {
                                msg: alloc::format!("keyword argument repeated: {}", n),
                                line: e.line,
                                col: e.col + 1,
                                indentation: false,
                            });
                        }
                        kwnames.push(Value::str(n));
                    }
                    _ => {}
                }
            }
            let n = args.len() as u32 + extra;
            if kwnames.is_empty() {
                self.emit(Op::CallFunction(n));
            } else {
                self.emit_const(Value::tuple(kwnames));
                self.emit(Op::CallFunctionKw(n));
            }
            return Ok(());
        }
        // General form: build a tuple of positionals and a dict of keywords.
        self.emit(Op::BuildList(extra));
        for a in args {
            match a {
                Arg::Pos(e) => {
                    self.expr(e)?;
                    self.emit(Op::ListAppend(1));
                }
                Arg::Star(e) => {
                    self.expr(e)?;
                    self.emit(Op::ListExtend(1));
                }
                _ => {}
            }
        }
        self.emit(Op::ListToTuple);
        let has_kw = args
            .iter()
            .any(|a| matches!(a, Arg::Kw(..) | Arg::DoubleStar(_)));
        if has_kw {
            self.emit(Op::BuildMap(0));
            for a in args {
                match a {
                    Arg::Kw(n, e) => {
                        self.emit_const(Value::str(n));
                        self.expr(e)?;
                        self.emit(Op::MapAdd(1));
                    }
                    Arg::DoubleStar(e) => {
                        self.expr(e)?;
                        self.emit(Op::DictUpdate(1));
                    }
                    _ => {}
                }
            }
        }
        self.emit(Op::CallFunctionEx(has_kw as u32));
        Ok(())
    }

    /// Comprehensions run in their own function scope (kind: 0 list, 1 set, 2 dict, 3 gen).
    fn comprehension(
        &mut self,
        node: &'a Expr,
        gens: &'a [Comprehension],
        kind: u8,
        elt: &'a Expr,
        value: Option<&'a Expr>,
    ) -> CResult {
        let scope = match self.table.by_node.get(&(node as *const Expr as usize)) {
            Some(&s) => s,
            None => {
                return Err(SyntaxError {
                    msg: "internal: missing comprehension scope".to_string(),
                    line: node.line,
                    col: 1,
                    indentation: false,
                })
            }
        };
        let name = match kind {
            0 => "<listcomp>",
            1 => "<setcomp>",
            2 => "<dictcomp>",
            _ => "<genexpr>",
        };
        let qual = self.qualname(name);
        self.push_unit(scope, qual, &[".0".to_string()]);
        self.unit().line = node.line;
        match kind {
            0 => {
                self.emit(Op::BuildList(0));
            }
            1 => {
                self.emit(Op::BuildSet(0));
            }
            2 => {
                self.emit(Op::BuildMap(0));
            }
            _ => {}
        }
        let mut loops = Vec::new();
        for (i, g) in gens.iter().enumerate() {
            if i == 0 {
                self.emit(Op::LoadFast(0));
            } else {
                self.expr(&g.iter)?;
                self.emit(Op::GetIter);
            }
            let start = self.here();
            let exit = self.emit(Op::ForIter(0));
            self.assign(&g.target)?;
            for cond in &g.ifs {
                self.expr(cond)?;
                self.emit(Op::PopJumpIfFalse(start as u32));
            }
            loops.push((start, exit));
        }
        let depth = gens.len() as u32 + 1;
        match kind {
            0 => {
                self.expr(elt)?;
                self.emit(Op::ListAppend(depth));
            }
            1 => {
                self.expr(elt)?;
                self.emit(Op::SetAdd(depth));
            }
            2 => {
                self.expr(elt)?;
                if let Some(v) = value {
                    self.expr(v)?;
                }
                self.emit(Op::MapAdd(depth));
            }
            _ => {
                self.expr(elt)?;
                self.emit(Op::Yield);
                self.emit(Op::Pop);
            }
        }
        for (start, exit) in loops.into_iter().rev() {
            self.emit(Op::Jump(start as u32));
            self.patch(exit);
        }
        if kind == 3 {
            self.emit_const(Value::None);
        }
        self.emit(Op::Return);
        let frees = self.table.scopes[scope].frees.clone();
        let code = self.pop_unit(name, node.line, None);
        let mut flags = 0;
        if !frees.is_empty() {
            for n in &frees {
                let d = self.deref_index(n);
                self.emit(Op::LoadClosure(d));
            }
            self.emit(Op::BuildTuple(frees.len() as u32));
            flags |= 4;
        }
        self.emit_const(Value::Code(code));
        self.emit(Op::MakeFunction(flags));
        if let Some(first) = gens.first() {
            self.expr(&first.iter)?;
        }
        self.emit(Op::GetIter);
        self.emit(Op::CallFunction(1));
        Ok(())
    }
}

/// A tuple display of constants becomes one constant.
fn const_tuple(items: &[Expr]) -> Option<Value> {
    if items.is_empty() {
        return Some(Value::tuple(Vec::new()));
    }
    let mut out = Vec::new();
    for i in items {
        match &i.kind {
            ExprKind::Const(Constant::Int(d, r)) => out.push(int_const(d, *r)),
            ExprKind::Const(Constant::Str(s)) => out.push(Value::str(s)),
            ExprKind::Const(Constant::Float(f)) => out.push(Value::Float(*f)),
            ExprKind::Const(Constant::None) => out.push(Value::None),
            ExprKind::Const(Constant::True) => out.push(Value::Bool(true)),
            ExprKind::Const(Constant::False) => out.push(Value::Bool(false)),
            _ => return None,
        }
    }
    Some(Value::tuple(out))
}
