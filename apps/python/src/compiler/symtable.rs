//! Scope analysis (Python Language Reference §4.2, "Naming and binding").
//!
//! Before emitting code the compiler needs to know, for every name in every function, whether
//! it is a fast local, a cell (a local captured by an inner function), a free variable (a
//! captured variable of an enclosing function) or a global. This pass walks the tree once,
//! records bindings and uses per scope, then resolves free names against enclosing function
//! scopes (class bodies are skipped, as §4.2.2 says). Scopes are keyed by the address of the
//! AST node that opens them, which stays fixed while the tree is borrowed.

use crate::ast::*;
use alloc::collections::{BTreeMap, BTreeSet};
use alloc::string::{String, ToString};
use alloc::vec::Vec;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ScopeKind {
    Module,
    Function,
    Class,
    Comprehension,
}

#[derive(Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    pub parent: Option<usize>,
    pub params: Vec<String>,
    pub assigned: Vec<String>,
    pub used: BTreeSet<String>,
    pub globals: BTreeSet<String>,
    pub nonlocals: BTreeSet<String>,
    /// Locals captured by inner scopes.
    pub cells: Vec<String>,
    /// Variables of enclosing scopes used here (or passed through to inner scopes).
    pub frees: Vec<String>,
    pub is_generator: bool,
}

/// How the compiler reaches a name.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Access {
    Fast,
    Deref,
    Global,
    Name,
    ClassDeref,
}

pub struct SymbolTable {
    pub scopes: Vec<Scope>,
    pub by_node: BTreeMap<usize, usize>,
}

impl Scope {
    fn new(kind: ScopeKind, parent: Option<usize>) -> Scope {
        Scope {
            kind,
            parent,
            params: Vec::new(),
            assigned: Vec::new(),
            used: BTreeSet::new(),
            globals: BTreeSet::new(),
            nonlocals: BTreeSet::new(),
            cells: Vec::new(),
            frees: Vec::new(),
            is_generator: false,
        }
    }

    fn assign(&mut self, name: &str) {
        if !self.assigned.iter().any(|n| n == name) {
            self.assigned.push(name.to_string());
        }
    }

    /// Whether `name` is bound in this (function) scope.
    pub fn is_local(&self, name: &str) -> bool {
        !self.globals.contains(name)
            && !self.nonlocals.contains(name)
            && (self.params.iter().any(|p| p == name) || self.assigned.iter().any(|a| a == name))
    }

    pub fn access(&self, name: &str) -> Access {
        if self.frees.iter().any(|f| f == name) {
            return if self.kind == ScopeKind::Class && self.is_local_class(name) {
                Access::Name
            } else if self.kind == ScopeKind::Class {
                Access::ClassDeref
            } else {
                Access::Deref
            };
        }
        match self.kind {
            ScopeKind::Module => Access::Global,
            ScopeKind::Class => {
                if self.globals.contains(name) {
                    Access::Global
                } else {
                    Access::Name
                }
            }
            _ => {
                if self.cells.iter().any(|c| c == name) {
                    Access::Deref
                } else if self.is_local(name) {
                    Access::Fast
                } else {
                    Access::Global
                }
            }
        }
    }

    fn is_local_class(&self, name: &str) -> bool {
        self.assigned.iter().any(|a| a == name)
    }
}

pub fn build(module: &[Stmt]) -> Result<SymbolTable, crate::error::SyntaxError> {
    let mut t = SymbolTable {
        scopes: alloc::vec![Scope::new(ScopeKind::Module, None)],
        by_node: BTreeMap::new(),
    };
    let mut b = Builder {
        t: &mut t,
        cur: 0,
        error: None,
    };
    b.stmts(module);
    if let Some(e) = b.error {
        return Err(e);
    }
    t.resolve();
    Ok(t)
}

struct Builder<'a> {
    t: &'a mut SymbolTable,
    cur: usize,
    error: Option<crate::error::SyntaxError>,
}

impl Builder<'_> {
    fn scope(&mut self) -> &mut Scope {
        &mut self.t.scopes[self.cur]
    }

    fn push(&mut self, kind: ScopeKind, node: usize) -> usize {
        let idx = self.t.scopes.len();
        self.t.scopes.push(Scope::new(kind, Some(self.cur)));
        self.t.by_node.insert(node, idx);
        let prev = self.cur;
        self.cur = idx;
        prev
    }

    fn fail(&mut self, msg: String, line: u32) {
        if self.error.is_none() {
            self.error = Some(crate::error::SyntaxError {
                msg,
                line,
                col: 1,
                indentation: false,
            });
        }
    }

    fn stmts(&mut self, body: &[Stmt]) {
        for s in body {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::Assign(targets, v) => {
                self.expr(v);
                for t in targets {
                    self.target(t);
                }
            }
            StmtKind::AugAssign(t, _, v) => {
                self.expr(v);
                if let ExprKind::Name(n) = &t.kind {
                    self.scope().used.insert(n.clone());
                }
                self.target(t);
            }
            StmtKind::AnnAssign(t, _, v) => {
                if let Some(v) = v {
                    self.expr(v);
                    self.target(t);
                } else if let ExprKind::Name(n) = &t.kind {
                    self.scope().assign(n);
                }
            }
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
            StmtKind::Return(v) => {
                if let Some(v) = v {
                    self.expr(v);
                }
            }
            StmtKind::Delete(ts) => {
                for t in ts {
                    self.target(t);
                }
            }
            StmtKind::Global(names) => {
                for n in names {
                    if self.scope().assigned.iter().any(|a| a == n) || self.scope().used.contains(n)
                    {
                        let msg = if self.scope().used.contains(n)
                            && !self.scope().assigned.iter().any(|a| a == n)
                        {
                            alloc::format!("name '{}' is used prior to global declaration", n)
                        } else {
                            alloc::format!("name '{}' is assigned to before global declaration", n)
                        };
                        self.fail(msg, s.line);
                    }
                    self.scope().globals.insert(n.clone());
                }
            }
            StmtKind::Nonlocal(names) => {
                if self.scope().kind == ScopeKind::Module {
                    self.fail(
                        "nonlocal declaration not allowed at module level".to_string(),
                        s.line,
                    );
                }
                for n in names {
                    self.scope().nonlocals.insert(n.clone());
                }
            }
            StmtKind::If(c, a, b) | StmtKind::While(c, a, b) => {
                self.expr(c);
                self.stmts(a);
                self.stmts(b);
            }
            StmtKind::For(t, it, body, orelse) => {
                self.expr(it);
                self.target(t);
                self.stmts(body);
                self.stmts(orelse);
            }
            StmtKind::FunctionDef(f) => {
                for d in &f.decorators {
                    self.expr(d);
                }
                self.scope().assign(&f.name);
                self.function(f);
            }
            StmtKind::ClassDef(c) => {
                for d in &c.decorators {
                    self.expr(d);
                }
                for a in &c.bases {
                    self.arg(a);
                }
                self.scope().assign(&c.name);
                let prev = self.push(ScopeKind::Class, &**c as *const ClassDef as usize);
                self.stmts(&c.body);
                self.cur = prev;
            }
            StmtKind::Try(body, handlers, orelse, fin) => {
                self.stmts(body);
                for h in handlers {
                    if let Some(k) = &h.kind {
                        self.expr(k);
                    }
                    if let Some(n) = &h.name {
                        self.scope().assign(n);
                    }
                    self.stmts(&h.body);
                }
                self.stmts(orelse);
                self.stmts(fin);
            }
            StmtKind::Raise(a, b) => {
                if let Some(a) = a {
                    self.expr(a);
                }
                if let Some(b) = b {
                    self.expr(b);
                }
            }
            StmtKind::With(items, body) => {
                for (c, v) in items {
                    self.expr(c);
                    if let Some(v) = v {
                        self.target(v);
                    }
                }
                self.stmts(body);
            }
            StmtKind::Assert(a, b) => {
                self.expr(a);
                if let Some(b) = b {
                    self.expr(b);
                }
            }
            StmtKind::Import(names) => {
                for (n, alias) in names {
                    let bound = alias
                        .clone()
                        .unwrap_or_else(|| n.split('.').next().unwrap_or("").to_string());
                    self.scope().assign(&bound);
                }
            }
            StmtKind::ImportFrom(_, names) => {
                for (n, alias) in names {
                    if n != "*" {
                        let bound = alias.clone().unwrap_or_else(|| n.clone());
                        self.scope().assign(&bound);
                    }
                }
            }
            StmtKind::Match(subject, cases) => {
                self.expr(subject);
                for c in cases {
                    self.pattern(&c.pattern);
                    if let Some(g) = &c.guard {
                        self.expr(g);
                    }
                    self.stmts(&c.body);
                }
            }
        }
    }

    fn pattern(&mut self, p: &Pattern) {
        match p {
            Pattern::Value(e) => self.expr(e),
            Pattern::Singleton(_) => {}
            Pattern::Capture(n) | Pattern::Star(n) => {
                if let Some(n) = n {
                    self.scope().assign(n);
                }
            }
            Pattern::Sequence(items) | Pattern::Or(items) => {
                for i in items {
                    self.pattern(i);
                }
            }
            Pattern::Mapping { keys, values, rest } => {
                for k in keys {
                    self.expr(k);
                }
                for v in values {
                    self.pattern(v);
                }
                if let Some(r) = rest {
                    self.scope().assign(r);
                }
            }
            Pattern::Class { cls, args, kwargs } => {
                self.expr(cls);
                for a in args {
                    self.pattern(a);
                }
                for (_, p) in kwargs {
                    self.pattern(p);
                }
            }
            Pattern::As(p, n) => {
                self.pattern(p);
                self.scope().assign(n);
            }
        }
    }

    fn function(&mut self, f: &FuncDef) {
        for p in f.params.args.iter().chain(f.params.kwonly.iter()) {
            if let Some(d) = &p.default {
                self.expr(d);
            }
        }
        let prev = self.push(ScopeKind::Function, f as *const FuncDef as usize);
        let p = &f.params;
        let mut params: Vec<String> = p.args.iter().map(|a| a.name.clone()).collect();
        params.extend(p.kwonly.iter().map(|a| a.name.clone()));
        if let Some(v) = &p.vararg {
            params.push(v.clone());
        }
        if let Some(k) = &p.kwarg {
            params.push(k.clone());
        }
        self.scope().params = params;
        self.stmts(&f.body);
        self.cur = prev;
    }

    fn arg(&mut self, a: &Arg) {
        match a {
            Arg::Pos(e) | Arg::Star(e) | Arg::Kw(_, e) | Arg::DoubleStar(e) => self.expr(e),
        }
    }

    fn target(&mut self, t: &Expr) {
        match &t.kind {
            ExprKind::Name(n) => self.scope().assign(n),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.target(i);
                }
            }
            ExprKind::Starred(e) => self.target(e),
            _ => self.expr(t),
        }
    }

    fn comprehension(&mut self, node: usize, gens: &[Comprehension], elts: &[&Expr]) {
        if let Some(first) = gens.first() {
            self.expr(&first.iter);
        }
        let prev = self.push(ScopeKind::Comprehension, node);
        self.scope().params.push(".0".to_string());
        for (i, g) in gens.iter().enumerate() {
            if i > 0 {
                self.expr(&g.iter);
            }
            self.target(&g.target);
            for c in &g.ifs {
                self.expr(c);
            }
        }
        for e in elts {
            self.expr(e);
        }
        self.cur = prev;
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Const(_) => {}
            ExprKind::Name(n) => {
                self.scope().used.insert(n.clone());
                if n == "super" && self.scope().kind == ScopeKind::Function {
                    // Zero-argument super() reads the first parameter.
                    if let Some(first) = self.scope().params.first().cloned() {
                        self.scope().used.insert(first);
                    }
                }
            }
            ExprKind::BinOp(a, _, b) => {
                self.expr(a);
                self.expr(b);
            }
            ExprKind::Unary(_, a) | ExprKind::Starred(a) | ExprKind::Await(a) => self.expr(a),
            ExprKind::BoolOp(_, items)
            | ExprKind::List(items)
            | ExprKind::Tuple(items)
            | ExprKind::Set(items)
            | ExprKind::JoinedStr(items) => {
                for i in items {
                    self.expr(i);
                }
            }
            ExprKind::Compare(a, rest) => {
                self.expr(a);
                for (_, b) in rest {
                    self.expr(b);
                }
            }
            ExprKind::IfExp(a, b, c) => {
                self.expr(a);
                self.expr(b);
                self.expr(c);
            }
            ExprKind::Lambda(f) => self.function(f),
            ExprKind::Call(f, args) => {
                self.expr(f);
                for a in args {
                    self.arg(a);
                }
            }
            ExprKind::Attribute(a, _) => self.expr(a),
            ExprKind::Subscript(a, b) => {
                self.expr(a);
                self.expr(b);
            }
            ExprKind::Slice(a, b, c) => {
                for x in [a, b, c].into_iter().flatten() {
                    self.expr(x);
                }
            }
            ExprKind::Dict(items) => {
                for (k, v) in items {
                    if let Some(k) = k {
                        self.expr(k);
                    }
                    self.expr(v);
                }
            }
            ExprKind::ListComp(elt, gens)
            | ExprKind::SetComp(elt, gens)
            | ExprKind::GenExp(elt, gens) => {
                self.comprehension(e as *const Expr as usize, gens, &[elt]);
                if matches!(e.kind, ExprKind::GenExp(..)) {
                    if let Some(&idx) = self.t.by_node.get(&(e as *const Expr as usize)) {
                        self.t.scopes[idx].is_generator = true;
                    }
                }
            }
            ExprKind::DictComp(k, v, gens) => {
                self.comprehension(e as *const Expr as usize, gens, &[k, v])
            }
            ExprKind::Yield(v) => {
                self.scope().is_generator = true;
                if let Some(v) = v {
                    self.expr(v);
                }
            }
            ExprKind::YieldFrom(v) => {
                self.scope().is_generator = true;
                self.expr(v);
            }
            ExprKind::NamedExpr(n, v) => {
                self.expr(v);
                // In a comprehension the target binds in the enclosing function (PEP 572).
                let mut s = self.cur;
                while self.t.scopes[s].kind == ScopeKind::Comprehension {
                    let name = n.clone();
                    let parent = self.t.scopes[s].parent.unwrap_or(0);
                    if self.t.scopes[parent].kind == ScopeKind::Module {
                        self.t.scopes[s].globals.insert(name);
                    } else {
                        self.t.scopes[s].nonlocals.insert(name);
                    }
                    s = parent;
                }
                self.t.scopes[s].assign(n);
                if s != self.cur && self.t.scopes[s].kind == ScopeKind::Module {
                    // Nothing more: globals are reached by name.
                }
            }
            ExprKind::Formatted(v, _, spec) => {
                self.expr(v);
                if let Some(s) = spec {
                    self.expr(s);
                }
            }
        }
    }
}

impl SymbolTable {
    /// Resolves uses to free/cell variables, innermost scopes last.
    fn resolve(&mut self) {
        for idx in 1..self.scopes.len() {
            let mut wanted: Vec<String> = self.scopes[idx].used.iter().cloned().collect();
            wanted.extend(self.scopes[idx].nonlocals.iter().cloned());
            for name in wanted {
                let s = &self.scopes[idx];
                let local_here = match s.kind {
                    ScopeKind::Class => !s.nonlocals.contains(&name) && s.assigned.contains(&name),
                    _ => s.is_local(&name),
                };
                if local_here || s.globals.contains(&name) {
                    continue;
                }
                // Walk outwards for a function scope that binds it.
                let mut path = alloc::vec![idx];
                let mut p = s.parent;
                let mut found = None;
                while let Some(pi) = p {
                    let ps = &self.scopes[pi];
                    match ps.kind {
                        ScopeKind::Module => break,
                        ScopeKind::Class => {}
                        _ => {
                            if ps.globals.contains(&name) {
                                break;
                            }
                            if ps.is_local(&name) {
                                found = Some(pi);
                                break;
                            }
                            path.push(pi);
                        }
                    }
                    if ps.kind == ScopeKind::Class {
                        path.push(pi);
                    }
                    p = ps.parent;
                }
                if let Some(owner) = found {
                    if !self.scopes[owner].cells.contains(&name) {
                        self.scopes[owner].cells.push(name.clone());
                    }
                    for &s in &path {
                        if !self.scopes[s].frees.contains(&name) {
                            self.scopes[s].frees.push(name.clone());
                        }
                    }
                }
            }
        }
    }
}
