//! Statement code generation (Python Language Reference §7 and §8).

use super::{CResult, Compiler, FBlock};
use crate::ast::*;
use crate::bytecode::Op;
use crate::error::SyntaxError;
use crate::value::Value;
use alloc::string::ToString;
use alloc::vec::Vec;

fn serr(msg: &str, line: u32) -> SyntaxError {
    SyntaxError {
        msg: msg.to_string(),
        line,
        col: 1,
        indentation: false,
    }
}

impl<'a> Compiler<'a> {
    pub(crate) fn stmts(&mut self, body: &'a [Stmt]) -> CResult {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    pub(crate) fn stmt(&mut self, s: &'a Stmt) -> CResult {
        self.unit().line = s.line;
        self.enter(s.line)?;
        let r = self.stmt_inner(s);
        self.depth -= 1;
        r
    }

    fn stmt_inner(&mut self, s: &'a Stmt) -> CResult {
        match &s.kind {
            StmtKind::Expr(e) => {
                if self.interactive && self.units.len() == 1 {
                    self.expr(e)?;
                    self.emit(Op::PrintExpr);
                } else if !matches!(e.kind, ExprKind::Const(_)) {
                    self.expr(e)?;
                    self.emit(Op::Pop);
                }
            }
            StmtKind::Assign(targets, value) => {
                self.expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit(Op::Dup);
                    }
                    self.assign(t)?;
                }
            }
            StmtKind::AugAssign(target, op, value) => self.aug_assign(target, *op, value)?,
            StmtKind::AnnAssign(target, ann, value) => {
                if let Some(v) = value {
                    self.expr(v)?;
                    self.assign(target)?;
                }
                // Class bodies record `name: annotation` in __annotations__ (§7.2.2), which
                // dataclasses read.
                let scope = self.unit().scope;
                if let (ExprKind::Name(n), super::symtable::ScopeKind::Class) =
                    (&target.kind, self.table.scopes[scope].kind)
                {
                    self.expr(ann)?;
                    let a = self.name_index("__annotations__");
                    self.emit(Op::LoadName(a));
                    self.emit_const(Value::str(n));
                    self.emit(Op::StoreSubscr);
                }
            }
            StmtKind::Pass => {}
            StmtKind::Break => {
                let Some(li) = self.unwind(true, false)? else {
                    return Err(serr("'break' outside loop", s.line));
                };
                if let Some(FBlock::Loop { is_for: true, .. }) = self.unit().fblocks.get(li) {
                    self.emit(Op::Pop);
                }
                let j = self.emit(Op::Jump(0));
                if let Some(FBlock::Loop { breaks, .. }) = self.unit().fblocks.get_mut(li) {
                    breaks.push(j);
                }
            }
            StmtKind::Continue => {
                let Some(li) = self.unwind(true, false)? else {
                    return Err(serr("'continue' not properly in loop", s.line));
                };
                if let Some(FBlock::Loop { start, .. }) = self.unit().fblocks.get(li) {
                    let start = *start as u32;
                    self.emit(Op::Jump(start));
                }
            }
            StmtKind::Return(v) => {
                let scope = self.unit().scope;
                if self.units.len() == 1
                    || self.table.scopes[scope].kind == super::symtable::ScopeKind::Class
                {
                    return Err(serr("'return' outside function", s.line));
                }
                match v {
                    Some(v) => self.expr(v)?,
                    None => self.emit_const(Value::None),
                }
                self.unwind(false, true)?;
                self.emit(Op::Return);
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.delete(t)?;
                }
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) => {}
            StmtKind::If(cond, body, orelse) => {
                self.expr(cond)?;
                let j = self.emit(Op::PopJumpIfFalse(0));
                self.stmts(body)?;
                if orelse.is_empty() {
                    self.patch(j);
                } else {
                    let end = self.emit(Op::Jump(0));
                    self.patch(j);
                    self.stmts(orelse)?;
                    self.patch(end);
                }
            }
            StmtKind::While(cond, body, orelse) => {
                let start = self.here();
                self.expr(cond)?;
                let exit = self.emit(Op::PopJumpIfFalse(0));
                self.unit().fblocks.push(FBlock::Loop {
                    start,
                    breaks: Vec::new(),
                    is_for: false,
                });
                self.stmts(body)?;
                self.emit(Op::Jump(start as u32));
                let breaks = self.pop_loop();
                self.patch(exit);
                self.stmts(orelse)?;
                for b in breaks {
                    self.patch(b);
                }
            }
            StmtKind::For(target, iter, body, orelse) => {
                self.expr(iter)?;
                self.emit(Op::GetIter);
                let start = self.here();
                let exit = self.emit(Op::ForIter(0));
                self.unit().fblocks.push(FBlock::Loop {
                    start,
                    breaks: Vec::new(),
                    is_for: true,
                });
                self.assign(target)?;
                self.stmts(body)?;
                self.emit(Op::Jump(start as u32));
                let breaks = self.pop_loop();
                self.patch(exit);
                self.stmts(orelse)?;
                for b in breaks {
                    self.patch(b);
                }
            }
            StmtKind::FunctionDef(f) => {
                for d in &f.decorators {
                    self.expr(d)?;
                }
                let q = self.qualname(&f.name);
                self.make_function(f, q)?;
                for _ in &f.decorators {
                    self.emit(Op::CallFunction(1));
                }
                self.store_name(&f.name);
            }
            StmtKind::ClassDef(c) => self.class_def(c)?,
            StmtKind::Try(body, handlers, orelse, fin) => {
                if fin.is_empty() {
                    self.try_except(body, handlers, orelse)?;
                } else {
                    self.try_finally(body, handlers, orelse, fin)?;
                }
            }
            StmtKind::Raise(exc, cause) => {
                let mut n = 0;
                if let Some(e) = exc {
                    self.expr(e)?;
                    n = 1;
                    if let Some(c) = cause {
                        self.expr(c)?;
                        n = 2;
                    }
                }
                self.emit(Op::Raise(n));
            }
            StmtKind::With(items, body) => self.with(items, body)?,
            StmtKind::Assert(test, msg) => {
                self.expr(test)?;
                let j = self.emit(Op::PopJumpIfTrue(0));
                self.emit(Op::LoadAssertionError);
                if let Some(m) = msg {
                    self.expr(m)?;
                    self.emit(Op::CallFunction(1));
                }
                self.emit(Op::Raise(1));
                self.patch(j);
            }
            StmtKind::Import(names) => {
                for (name, alias) in names {
                    let n = self.name_index(name);
                    self.emit(Op::ImportName(n));
                    match alias {
                        Some(a) => {
                            for part in name.split('.').skip(1) {
                                let pi = self.name_index(part);
                                self.emit(Op::LoadAttr(pi));
                            }
                            self.store_name(a);
                        }
                        None => {
                            let top = name.split('.').next().unwrap_or("");
                            self.store_name(top);
                        }
                    }
                }
            }
            StmtKind::ImportFrom(module, names) => {
                let n = self.name_index(module);
                self.emit(Op::ImportName(n));
                if names.len() == 1 && names[0].0 == "*" {
                    self.emit(Op::ImportStar);
                } else {
                    for (name, alias) in names {
                        let ni = self.name_index(name);
                        self.emit(Op::ImportFrom(ni));
                        self.store_name(alias.as_ref().unwrap_or(name));
                    }
                    self.emit(Op::Pop);
                }
            }
            StmtKind::Match(subject, cases) => self.match_stmt(subject, cases)?,
        }
        Ok(())
    }

    fn pop_loop(&mut self) -> Vec<usize> {
        match self.unit().fblocks.pop() {
            Some(FBlock::Loop { breaks, .. }) => breaks,
            _ => Vec::new(),
        }
    }

    /// Emits the clean-up of the blocks being left by `return` (all of them) or by
    /// `break`/`continue` (up to the innermost loop, whose index is returned).
    fn unwind(&mut self, to_loop: bool, preserve_tos: bool) -> CResult<Option<usize>> {
        let saved = self.unit().fblocks.clone();
        let mut result = None;
        while let Some(b) = self.unit().fblocks.pop() {
            match b {
                FBlock::Loop { is_for, .. } => {
                    if to_loop {
                        result = Some(self.unit().fblocks.len());
                        break;
                    }
                    if is_for {
                        if preserve_tos {
                            self.emit(Op::Rot2);
                        }
                        self.emit(Op::Pop);
                    }
                }
                FBlock::Try => {
                    self.emit(Op::PopBlock);
                }
                FBlock::Finally(body) => {
                    self.emit(Op::PopBlock);
                    self.stmts(body)?;
                }
                FBlock::FinallyExc => {
                    if preserve_tos {
                        self.emit(Op::Rot2);
                    }
                    self.emit(Op::Pop);
                    self.emit(Op::PopExcept);
                }
                FBlock::Handler(name) => {
                    self.emit(Op::PopExcept);
                    if let Some(n) = name {
                        self.emit_const(Value::None);
                        self.store_name(&n);
                    }
                }
                FBlock::With => {
                    self.emit(Op::PopBlock);
                    if preserve_tos {
                        self.emit(Op::Rot2);
                    }
                    self.emit_const(Value::None);
                    self.emit(Op::Dup);
                    self.emit(Op::Dup);
                    self.emit(Op::CallFunction(3));
                    self.emit(Op::Pop);
                }
            }
        }
        self.unit().fblocks = saved;
        Ok(result)
    }

    fn try_except(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [Handler],
        orelse: &'a [Stmt],
    ) -> CResult {
        let setup = self.emit(Op::SetupExcept(0));
        self.unit().fblocks.push(FBlock::Try);
        self.stmts(body)?;
        self.unit().fblocks.pop();
        self.emit(Op::PopBlock);
        self.stmts(orelse)?;
        let mut ends = alloc::vec![self.emit(Op::Jump(0))];
        self.patch(setup);
        self.emit(Op::PushExcInfo);
        for h in handlers {
            self.unit().line = h.line;
            let mut next = None;
            if let Some(kind) = &h.kind {
                self.emit(Op::Dup);
                self.expr(kind)?;
                self.emit(Op::ExcMatch);
                next = Some(self.emit(Op::PopJumpIfFalse(0)));
            }
            match &h.name {
                Some(n) => self.store_name(n),
                None => {
                    self.emit(Op::Pop);
                }
            }
            self.unit().fblocks.push(FBlock::Handler(h.name.clone()));
            self.stmts(&h.body)?;
            self.unit().fblocks.pop();
            self.emit(Op::PopExcept);
            if let Some(n) = &h.name {
                self.emit_const(Value::None);
                self.store_name(n);
                self.delete_name(n);
            }
            ends.push(self.emit(Op::Jump(0)));
            if let Some(j) = next {
                self.patch(j);
            }
        }
        self.emit(Op::Reraise);
        for e in ends {
            self.patch(e);
        }
        Ok(())
    }

    fn try_finally(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [Handler],
        orelse: &'a [Stmt],
        fin: &'a [Stmt],
    ) -> CResult {
        let setup = self.emit(Op::SetupExcept(0));
        self.unit().fblocks.push(FBlock::Finally(fin));
        if handlers.is_empty() {
            self.stmts(body)?;
        } else {
            self.try_except(body, handlers, orelse)?;
        }
        self.unit().fblocks.pop();
        self.emit(Op::PopBlock);
        self.stmts(fin)?;
        let end = self.emit(Op::Jump(0));
        self.patch(setup);
        self.emit(Op::PushExcInfo);
        self.unit().fblocks.push(FBlock::FinallyExc);
        self.stmts(fin)?;
        self.unit().fblocks.pop();
        self.emit(Op::Reraise);
        self.patch(end);
        Ok(())
    }

    fn with(&mut self, items: &'a [(Expr, Option<Expr>)], body: &'a [Stmt]) -> CResult {
        let Some(((ctx, var), rest)) = items.split_first() else {
            return self.stmts(body);
        };
        self.expr(ctx)?;
        self.emit(Op::EnterWith);
        let setup = self.emit(Op::SetupExcept(0));
        self.unit().fblocks.push(FBlock::With);
        match var {
            Some(v) => self.assign(v)?,
            None => {
                self.emit(Op::Pop);
            }
        }
        if rest.is_empty() {
            self.stmts(body)?;
        } else {
            self.with(rest, body)?;
        }
        self.unit().fblocks.pop();
        self.emit(Op::PopBlock);
        self.emit_const(Value::None);
        self.emit(Op::Dup);
        self.emit(Op::Dup);
        self.emit(Op::CallFunction(3));
        self.emit(Op::Pop);
        let end = self.emit(Op::Jump(0));
        self.patch(setup);
        self.emit(Op::PushExcInfo);
        self.emit(Op::WithExitExc);
        let suppress = self.emit(Op::PopJumpIfTrue(0));
        self.emit(Op::Reraise);
        self.patch(suppress);
        self.emit(Op::Pop);
        self.emit(Op::PopExcept);
        self.emit(Op::Pop);
        self.patch(end);
        Ok(())
    }

    fn class_def(&mut self, c: &'a ClassDef) -> CResult {
        for d in &c.decorators {
            self.expr(d)?;
        }
        self.emit(Op::LoadBuildClass);
        let scope = match self.table.by_node.get(&(c as *const ClassDef as usize)) {
            Some(&s) => s,
            None => return Err(serr("internal: missing class scope", c.line)),
        };
        let qual = self.qualname(&c.name);
        self.push_unit(scope, qual.clone(), &[]);
        self.unit().line = c.line;
        let n = self.name_index("__name__");
        self.emit(Op::LoadGlobal(n));
        let m = self.name_index("__module__");
        self.emit(Op::StoreName(m));
        self.emit_const(Value::str(&qual));
        let q = self.name_index("__qualname__");
        self.emit(Op::StoreName(q));
        let annotated = c.body.iter().any(|s| matches!(&s.kind, StmtKind::AnnAssign(t, _, _) if matches!(t.kind, ExprKind::Name(_))));
        if annotated {
            self.emit(Op::BuildMap(0));
            let a = self.name_index("__annotations__");
            self.emit(Op::StoreName(a));
        }
        self.stmts(&c.body)?;
        self.emit_const(Value::None);
        self.emit(Op::Return);
        let frees = self.table.scopes[scope].frees.clone();
        let code = self.pop_unit(&c.name, c.line, None);
        let mut flags = 0;
        if !frees.is_empty() {
            for name in &frees {
                let d = self.deref_index(name);
                self.emit(Op::LoadClosure(d));
            }
            self.emit(Op::BuildTuple(frees.len() as u32));
            flags |= 4;
        }
        self.emit_const(Value::Code(code));
        self.emit(Op::MakeFunction(flags));
        self.emit_const(Value::str(&c.name));
        self.call_args(&c.bases, 2)?;
        for _ in &c.decorators {
            self.emit(Op::CallFunction(1));
        }
        self.store_name(&c.name);
        Ok(())
    }

    /// Stores TOS into an assignment target (§7.2).
    pub(crate) fn assign(&mut self, t: &'a Expr) -> CResult {
        match &t.kind {
            ExprKind::Name(n) => self.store_name(n),
            ExprKind::Attribute(obj, name) => {
                self.expr(obj)?;
                let n = self.name_index(name);
                self.emit(Op::StoreAttr(n));
            }
            ExprKind::Subscript(obj, idx) => {
                self.expr(obj)?;
                self.expr(idx)?;
                self.emit(Op::StoreSubscr);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let star = items
                    .iter()
                    .position(|i| matches!(i.kind, ExprKind::Starred(_)));
                match star {
                    Some(p) => {
                        if items
                            .iter()
                            .filter(|i| matches!(i.kind, ExprKind::Starred(_)))
                            .count()
                            > 1
                        {
                            return Err(serr("multiple starred expressions in assignment", t.line));
                        }
                        self.emit(Op::UnpackEx(p as u16, (items.len() - p - 1) as u16));
                    }
                    None => {
                        self.emit(Op::UnpackSequence(items.len() as u32));
                    }
                }
                for i in items {
                    match &i.kind {
                        ExprKind::Starred(inner) => self.assign(inner)?,
                        _ => self.assign(i)?,
                    }
                }
            }
            ExprKind::Starred(_) => {
                return Err(serr(
                    "starred assignment target must be in a list or tuple",
                    t.line,
                ))
            }
            _ => return Err(serr("cannot assign to expression", t.line)),
        }
        Ok(())
    }

    fn delete(&mut self, t: &'a Expr) -> CResult {
        match &t.kind {
            ExprKind::Name(n) => self.delete_name(n),
            ExprKind::Attribute(obj, name) => {
                self.expr(obj)?;
                let n = self.name_index(name);
                self.emit(Op::DeleteAttr(n));
            }
            ExprKind::Subscript(obj, idx) => {
                self.expr(obj)?;
                self.expr(idx)?;
                self.emit(Op::DeleteSubscr);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.delete(i)?;
                }
            }
            _ => {
                return Err(serr(
                    &alloc::format!("cannot delete {}", crate::parser::describe(t)),
                    t.line,
                ))
            }
        }
        Ok(())
    }

    fn aug_assign(&mut self, target: &'a Expr, op: BinOp, value: &'a Expr) -> CResult {
        match &target.kind {
            ExprKind::Name(n) => {
                if op == BinOp::Add {
                    if let Some(slot) = self.fast_slot_of(n) {
                        self.expr(value)?;
                        self.emit(Op::InplaceAddFast(slot));
                        return Ok(());
                    }
                }
                self.load_name(n);
                self.expr(value)?;
                self.emit(Op::Inplace(op));
                self.store_name(n);
            }
            ExprKind::Attribute(obj, name) => {
                self.expr(obj)?;
                self.emit(Op::Dup);
                let n = self.name_index(name);
                self.emit(Op::LoadAttr(n));
                self.expr(value)?;
                self.emit(Op::Inplace(op));
                self.emit(Op::Rot2);
                self.emit(Op::StoreAttr(n));
            }
            ExprKind::Subscript(obj, idx) => {
                self.expr(obj)?;
                self.expr(idx)?;
                self.emit(Op::Dup2);
                self.emit(Op::Subscr);
                self.expr(value)?;
                self.emit(Op::Inplace(op));
                self.emit(Op::Rot3);
                self.emit(Op::StoreSubscr);
            }
            _ => {
                return Err(serr(
                    "illegal expression for augmented assignment",
                    target.line,
                ))
            }
        }
        Ok(())
    }
}
