//! The compiler: AST to bytecode (`bytecode.rs`).
//!
//! One `Unit` per code object being built (module, function, lambda, comprehension, class
//! body), stacked as the walk descends. `symtable.rs` decides how each name is reached;
//! `stmt.rs` and `expr.rs` emit code for statements and expressions, `pattern.rs` turns
//! `match` patterns into matcher trees. Jumps are emitted with placeholder targets and patched
//! once the target is known. `finally` bodies, `with` exits and loop iterators are unwound at
//! compile time on `return`/`break`/`continue` through the `fblocks` stack, the way CPython
//! does it, so the VM needs no "why" codes.

mod expr;
mod pattern;
mod stmt;
pub mod symtable;

use crate::ast::*;
use crate::bigint::BigInt;
use crate::bytecode::{Code, CompiledPattern, Op};
use crate::error::SyntaxError;
use crate::pystr::PyStr;
use crate::value::Value;
use alloc::collections::BTreeMap;
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use symtable::{Access, ScopeKind, SymbolTable};

pub type CResult<T = ()> = Result<T, SyntaxError>;

#[derive(Clone)]
pub(crate) enum FBlock<'a> {
    Loop {
        start: usize,
        breaks: Vec<usize>,
        is_for: bool,
    },
    Try,
    Finally(&'a [Stmt]),
    /// Inside the exceptional copy of a finally body: the exception is on the stack.
    FinallyExc,
    Handler(Option<String>),
    With,
}

pub(crate) struct Unit<'a> {
    scope: usize,
    ops: Vec<Op>,
    lines: Vec<u32>,
    consts: Vec<Value>,
    names: Vec<Rc<PyStr>>,
    name_map: BTreeMap<String, u32>,
    locals: Vec<Rc<PyStr>>,
    local_map: BTreeMap<String, u32>,
    /// Cell variables followed by free variables: the frame's cell array.
    derefs: Vec<String>,
    ncells: usize,
    fblocks: Vec<FBlock<'a>>,
    line: u32,
    patterns: Vec<CompiledPattern>,
    qualname: String,
}

pub struct Compiler<'a> {
    table: SymbolTable,
    filename: Rc<str>,
    units: Vec<Unit<'a>>,
    /// REPL mode: expression statements print their value.
    interactive: bool,
    depth: u32,
    /// One shared string per distinct name, so attribute and global lookups across all the
    /// code objects of a module usually match by pointer.
    interned: BTreeMap<String, Rc<PyStr>>,
}

/// Compiles a module (or one REPL input when `interactive`).
pub fn compile_module(body: &[Stmt], filename: &str, interactive: bool) -> CResult<Rc<Code>> {
    let table = symtable::build(body)?;
    let mut c = Compiler {
        table,
        filename: Rc::from(filename),
        units: Vec::new(),
        interactive,
        depth: 0,
        interned: BTreeMap::new(),
    };
    c.push_unit(0, "<module>".to_string(), &[]);
    c.stmts(body)?;
    c.emit_const(Value::None);
    c.emit(Op::Return);
    Ok(c.pop_unit("<module>", 1, None))
}

/// Compiles one expression (for `eval`): the code returns its value.
pub fn compile_expression(body: &[Stmt], filename: &str) -> CResult<Rc<Code>> {
    let table = symtable::build(body)?;
    let mut c = Compiler {
        table,
        filename: Rc::from(filename),
        units: Vec::new(),
        interactive: false,
        depth: 0,
        interned: BTreeMap::new(),
    };
    c.push_unit(0, "<module>".to_string(), &[]);
    match body.first().map(|s| &s.kind) {
        Some(StmtKind::Expr(e)) => c.expr(e)?,
        _ => c.emit_const(Value::None),
    }
    c.emit(Op::Return);
    Ok(c.pop_unit("<module>", 1, None))
}

impl<'a> Compiler<'a> {
    fn push_unit(&mut self, scope: usize, qualname: String, params: &[String]) {
        let s = &self.table.scopes[scope];
        let mut u = Unit {
            scope,
            ops: Vec::new(),
            lines: Vec::new(),
            consts: Vec::new(),
            names: Vec::new(),
            name_map: BTreeMap::new(),
            locals: Vec::new(),
            local_map: BTreeMap::new(),
            derefs: Vec::new(),
            ncells: s.cells.len(),
            fblocks: Vec::new(),
            line: self.units.last().map_or(1, |u| u.line),
            patterns: Vec::new(),
            qualname,
        };
        u.derefs.extend(s.cells.iter().cloned());
        u.derefs.extend(s.frees.iter().cloned());
        if matches!(s.kind, ScopeKind::Function | ScopeKind::Comprehension) {
            for p in params {
                add_local(&mut u, p);
            }
            for a in &s.assigned {
                if s.is_local(a) && !s.cells.contains(a) {
                    add_local(&mut u, a);
                }
            }
        }
        self.units.push(u);
    }

    fn pop_unit(&mut self, name: &str, first_line: u32, def: Option<&FuncDef>) -> Rc<Code> {
        let u = match self.units.pop() {
            Some(u) => u,
            None => return Rc::new(empty_code(self.filename.clone())),
        };
        let s = &self.table.scopes[u.scope];
        let mut arg_cells = Vec::new();
        let (mut argcount, mut posonly, mut kwonly, mut varargs, mut varkw) =
            (0, 0, 0, false, false);
        if let Some(f) = def {
            argcount = f.params.args.len();
            posonly = f.params.posonly;
            kwonly = f.params.kwonly.len();
            varargs = f.params.vararg.is_some();
            varkw = f.params.kwarg.is_some();
        }
        if s.kind == ScopeKind::Comprehension {
            argcount = 1;
        }
        for (ci, cname) in u.derefs.iter().take(u.ncells).enumerate() {
            if let Some(&slot) = u.local_map.get(cname) {
                if (slot as usize) < argcount + kwonly + varargs as usize + varkw as usize {
                    arg_cells.push((ci, slot as usize));
                }
            }
        }
        let pystrs = |v: &[String]| v.iter().map(|n| Rc::new(PyStr::new(n))).collect::<Vec<_>>();
        Rc::new(Code {
            name: Rc::new(PyStr::new(name)),
            qualname: Rc::new(PyStr::new(&u.qualname)),
            filename: self.filename.clone(),
            first_line,
            ops: u.ops,
            lines: u.lines,
            consts: u.consts,
            names: u.names,
            local_names: u.locals,
            argcount,
            posonly,
            kwonly,
            varargs,
            varkw,
            cell_names: pystrs(&u.derefs[..u.ncells]),
            free_names: pystrs(&u.derefs[u.ncells..]),
            arg_cells,
            is_generator: s.is_generator,
            uses_namespace: matches!(s.kind, ScopeKind::Class),
            patterns: u.patterns,
        })
    }

    pub(crate) fn unit(&mut self) -> &mut Unit<'a> {
        // `units` is never empty while compiling: a unit is pushed before any emission.
        let n = self.units.len();
        &mut self.units[n - 1]
    }

    pub(crate) fn emit(&mut self, op: Op) -> usize {
        let u = self.unit();
        u.ops.push(op);
        let line = u.line;
        u.lines.push(line);
        u.ops.len() - 1
    }

    pub(crate) fn here(&mut self) -> usize {
        self.unit().ops.len()
    }

    /// Points the jump at `at` to the current position.
    pub(crate) fn patch(&mut self, at: usize) {
        let target = self.here() as u32;
        self.patch_to(at, target);
    }

    pub(crate) fn patch_to(&mut self, at: usize, target: u32) {
        let u = self.unit();
        if let Some(op) = u.ops.get_mut(at) {
            *op = match *op {
                Op::Jump(_) => Op::Jump(target),
                Op::PopJumpIfFalse(_) => Op::PopJumpIfFalse(target),
                Op::PopJumpIfTrue(_) => Op::PopJumpIfTrue(target),
                Op::JumpIfFalseOrPop(_) => Op::JumpIfFalseOrPop(target),
                Op::JumpIfTrueOrPop(_) => Op::JumpIfTrueOrPop(target),
                Op::ForIter(_) => Op::ForIter(target),
                Op::SetupExcept(_) => Op::SetupExcept(target),
                other => other,
            };
        }
    }

    pub(crate) fn add_const(&mut self, v: Value) -> u32 {
        let u = self.unit();
        for (i, c) in u.consts.iter().enumerate() {
            let same = match (c, &v) {
                (Value::Str(a), Value::Str(b)) => a.as_str() == b.as_str(),
                (Value::Int(a), Value::Int(b)) => a == b,
                (Value::None, Value::None) => true,
                (Value::Bool(a), Value::Bool(b)) => a == b,
                _ => false,
            };
            if same {
                return i as u32;
            }
        }
        u.consts.push(v);
        (u.consts.len() - 1) as u32
    }

    pub(crate) fn emit_const(&mut self, v: Value) {
        let i = self.add_const(v);
        self.emit(Op::LoadConst(i));
    }

    pub(crate) fn name_index(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.unit().name_map.get(name) {
            return i;
        }
        let s = self
            .interned
            .entry(name.to_string())
            .or_insert_with(|| Rc::new(PyStr::new(name)))
            .clone();
        let u = self.unit();
        let i = u.names.len() as u32;
        u.names.push(s);
        u.name_map.insert(name.to_string(), i);
        i
    }

    fn access(&mut self, name: &str) -> Access {
        let scope = self.unit().scope;
        self.table.scopes[scope].access(name)
    }

    fn deref_index(&mut self, name: &str) -> u32 {
        self.unit()
            .derefs
            .iter()
            .position(|d| d == name)
            .unwrap_or(0) as u32
    }

    fn local_slot(&mut self, name: &str) -> u32 {
        let u = self.unit();
        if let Some(&s) = u.local_map.get(name) {
            return s;
        }
        add_local(u, name)
    }

    pub(crate) fn load_name(&mut self, name: &str) {
        match self.access(name) {
            Access::Fast => {
                let s = self.local_slot(name);
                self.emit(Op::LoadFast(s));
            }
            Access::Deref => {
                let d = self.deref_index(name);
                self.emit(Op::LoadDeref(d));
            }
            Access::Global => {
                let n = self.name_index(name);
                self.emit(Op::LoadGlobal(n));
            }
            Access::Name => {
                let n = self.name_index(name);
                self.emit(Op::LoadName(n));
            }
            Access::ClassDeref => {
                let n = self.name_index(name);
                let d = self.deref_index(name);
                self.emit(Op::LoadClassDeref(n, d));
            }
        }
    }

    pub(crate) fn store_name(&mut self, name: &str) {
        match self.access(name) {
            Access::Fast => {
                let s = self.local_slot(name);
                self.emit(Op::StoreFast(s));
            }
            Access::Deref | Access::ClassDeref => {
                let d = self.deref_index(name);
                self.emit(Op::StoreDeref(d));
            }
            Access::Global => {
                let n = self.name_index(name);
                self.emit(Op::StoreGlobal(n));
            }
            Access::Name => {
                let n = self.name_index(name);
                self.emit(Op::StoreName(n));
            }
        }
    }

    pub(crate) fn delete_name(&mut self, name: &str) {
        match self.access(name) {
            Access::Fast => {
                let s = self.local_slot(name);
                self.emit(Op::DeleteFast(s));
            }
            Access::Deref | Access::ClassDeref => {
                let d = self.deref_index(name);
                self.emit(Op::DeleteDeref(d));
            }
            Access::Global => {
                let n = self.name_index(name);
                self.emit(Op::DeleteGlobal(n));
            }
            Access::Name => {
                let n = self.name_index(name);
                self.emit(Op::DeleteName(n));
            }
        }
    }

    pub(crate) fn fast_slot_of(&mut self, name: &str) -> Option<u32> {
        if self.access(name) == Access::Fast {
            Some(self.local_slot(name))
        } else {
            None
        }
    }

    /// Builds a function object for `f` (a def or a lambda) and leaves it on the stack.
    pub(crate) fn make_function(&mut self, f: &'a FuncDef, qualname: String) -> CResult {
        let mut flags = 0;
        let defaults: Vec<&Expr> = f
            .params
            .args
            .iter()
            .filter_map(|p| p.default.as_ref())
            .collect();
        if !defaults.is_empty() {
            for d in &defaults {
                self.expr(d)?;
            }
            self.emit(Op::BuildTuple(defaults.len() as u32));
            flags |= 1;
        }
        let kwdefaults: Vec<&Param> = f
            .params
            .kwonly
            .iter()
            .filter(|p| p.default.is_some())
            .collect();
        if !kwdefaults.is_empty() {
            for p in &kwdefaults {
                self.emit_const(Value::str(&p.name));
                if let Some(d) = &p.default {
                    self.expr(d)?;
                }
            }
            self.emit(Op::BuildMap(kwdefaults.len() as u32));
            flags |= 2;
        }
        let scope = match self.table.by_node.get(&(f as *const FuncDef as usize)) {
            Some(&s) => s,
            None => {
                return Err(SyntaxError {
                    msg: "internal: missing scope".to_string(),
                    line: f.line,
                    col: 1,
                    indentation: false,
                })
            }
        };
        let mut params: Vec<String> = f.params.args.iter().map(|a| a.name.clone()).collect();
        params.extend(f.params.kwonly.iter().map(|a| a.name.clone()));
        params.extend(f.params.vararg.iter().cloned());
        params.extend(f.params.kwarg.iter().cloned());
        self.push_unit(scope, qualname.clone(), &params);
        self.unit().line = f.line;
        // A docstring is kept as the first constant (not used otherwise).
        for s in &f.body {
            self.stmt(s)?;
        }
        if !matches!(self.unit().ops.last(), Some(Op::Return)) || f.body.is_empty() {
            self.emit_const(Value::None);
            self.emit(Op::Return);
        }
        let frees = self.table.scopes[scope].frees.clone();
        let code = self.pop_unit(&f.name, f.line, Some(f));
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
        Ok(())
    }

    pub(crate) fn qualname(&mut self, name: &str) -> String {
        let scope = self.unit().scope;
        let kind = self.table.scopes[scope].kind;
        match kind {
            ScopeKind::Module => name.to_string(),
            ScopeKind::Class => alloc::format!("{}.{}", self.unit().qualname, name),
            _ => alloc::format!("{}.<locals>.{}", self.unit().qualname, name),
        }
    }

    pub(crate) fn enter(&mut self, line: u32) -> CResult {
        self.depth += 1;
        if self.depth > 400 {
            return Err(SyntaxError {
                msg: "too many statically nested blocks".to_string(),
                line,
                col: 1,
                indentation: false,
            });
        }
        Ok(())
    }
}

fn add_local(u: &mut Unit, name: &str) -> u32 {
    if let Some(&s) = u.local_map.get(name) {
        return s;
    }
    let s = u.locals.len() as u32;
    u.locals.push(Rc::new(PyStr::new(name)));
    u.local_map.insert(name.to_string(), s);
    s
}

fn empty_code(filename: Rc<str>) -> Code {
    Code {
        name: Rc::new(PyStr::new("?")),
        qualname: Rc::new(PyStr::new("?")),
        filename,
        first_line: 1,
        ops: alloc::vec![Op::LoadConst(0), Op::Return],
        lines: alloc::vec![1, 1],
        consts: alloc::vec![Value::None],
        names: Vec::new(),
        local_names: Vec::new(),
        argcount: 0,
        posonly: 0,
        kwonly: 0,
        varargs: false,
        varkw: false,
        cell_names: Vec::new(),
        free_names: Vec::new(),
        arg_cells: Vec::new(),
        is_generator: false,
        uses_namespace: false,
        patterns: Vec::new(),
    }
}

/// Turns an integer literal into a value.
pub(crate) fn int_const(digits: &str, radix: u32) -> Value {
    if let Ok(i) = i64::from_str_radix(digits, radix) {
        return Value::Int(i);
    }
    match BigInt::parse_digits(digits, radix) {
        Some(b) => Value::from_big(b),
        None => Value::Int(0),
    }
}
