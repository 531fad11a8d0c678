//! The less frequent instructions (containers, imports, exceptions, classes, formatting),
//! kept out of the hot loop in `interp.rs` so that its stack frame, paid once per Python
//! call level, stays small.

use super::interp::{dict_remove_str, name_of, peek_at, split_top};
use super::{Block, Frame, Vm};
use crate::bytecode::Op;
use crate::dict::Dict;
use crate::pystr::PyStr;
use crate::value::*;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::RefCell;

impl Vm {
    /// The less frequent instructions, kept out of `execute` so that its stack frame (paid
    /// once per Python call level) stays small.
    #[inline(never)]
    pub(super) fn cold_op(&mut self, f: &mut Frame, op: Op) -> PyResult<()> {
        match op {
            Op::DeleteFast(i) => {
                if let Some(slot) = f.locals.get_mut(i as usize) {
                    if matches!(slot, Value::Null) {
                        let name = f
                            .code
                            .local_names
                            .get(i as usize)
                            .map_or("?", |n| n.as_str());
                        return Err(Exc::new(
                                ExcKind::UnboundLocalError,
                                alloc::format!("cannot access local variable '{}' where it is not associated with a value", name),
                            ));
                    }
                    *slot = Value::Null;
                }
            }
            Op::DeleteDeref(i) => {
                if let Some(c) = f.cells.get(i as usize) {
                    *c.borrow_mut() = Value::Null;
                }
            }
            Op::LoadClosure(i) => {
                let c = match f.cells.get(i as usize) {
                    Some(c) => c.clone(),
                    None => Rc::new(RefCell::new(Value::Null)),
                };
                f.stack.push(Value::Cell(c));
            }
            Op::StoreGlobal(i) => {
                let v = pop!(f);
                let name = name_of(f, i);
                f.globals.borrow_mut().set_str(name, v);
            }
            Op::DeleteGlobal(i) => {
                let name = name_of(f, i);
                let removed = dict_remove_str(&f.globals, &name);
                if !removed {
                    return Err(Exc::new(
                        ExcKind::NameError,
                        alloc::format!("name '{}' is not defined", name.as_str()),
                    ));
                }
            }
            Op::LoadName(i) => {
                let name = name_of(f, i);
                let mut v = None;
                if let Some(ns) = &f.ns {
                    v = ns.borrow().get_str(&name);
                }
                if v.is_none() {
                    v = f.globals.borrow().get_str(&name);
                }
                if v.is_none() {
                    v = self.builtins.borrow().get_str(&name);
                }
                match v {
                    Some(v) => f.stack.push(v),
                    None => {
                        return Err(Exc::new(
                            ExcKind::NameError,
                            alloc::format!("name '{}' is not defined", name.as_str()),
                        ))
                    }
                }
            }
            Op::StoreName(i) => {
                let v = pop!(f);
                let name = name_of(f, i);
                match &f.ns {
                    Some(ns) => ns.borrow_mut().set_str(name, v),
                    None => f.globals.borrow_mut().set_str(name, v),
                }
            }
            Op::DeleteName(i) => {
                let name = name_of(f, i);
                let target = f.ns.clone().unwrap_or_else(|| f.globals.clone());
                if !dict_remove_str(&target, &name) {
                    return Err(Exc::new(
                        ExcKind::NameError,
                        alloc::format!("name '{}' is not defined", name.as_str()),
                    ));
                }
            }
            Op::DeleteAttr(i) => {
                let obj = pop!(f);
                let name = name_of(f, i);
                self.delattr(&obj, &name)?;
            }
            Op::DeleteSubscr => {
                let idx = pop!(f);
                let obj = pop!(f);
                self.delitem(&obj, &idx)?;
            }
            Op::BuildSet(n) => {
                let items = split_top(f, n)?;
                let s = Rc::new(RefCell::new(Dict::new()));
                for it in items {
                    self.set_add(&s, it)?;
                }
                f.stack.push(Value::Set(s));
            }
            Op::BuildMap(n) => {
                let items = split_top(f, n * 2)?;
                let d = Rc::new(RefCell::new(Dict::new()));
                let mut it = items.into_iter();
                while let (Some(k), Some(v)) = (it.next(), it.next()) {
                    self.dict_set(&d, k, v)?;
                }
                f.stack.push(Value::Dict(d));
            }
            Op::BuildSlice(n) => {
                let step = if n == 3 { pop!(f) } else { Value::None };
                let stop = pop!(f);
                let start = pop!(f);
                f.stack
                    .push(Value::Slice(Rc::new(Slice { start, stop, step })));
            }
            Op::BuildString(n) => {
                let items = split_top(f, n)?;
                let mut s = String::new();
                for it in items {
                    if let Value::Str(p) = it {
                        s.push_str(p.as_str());
                    }
                }
                f.stack.push(Value::string(s));
            }
            Op::SetAdd(d) => {
                let v = pop!(f);
                if let Value::Set(s) = peek_at(f, d)? {
                    let s = s.clone();
                    self.set_add(&s, v)?;
                }
            }
            Op::MapAdd(d) => {
                let v = pop!(f);
                let k = pop!(f);
                if let Value::Dict(m) = peek_at(f, d)? {
                    let m = m.clone();
                    self.dict_set(&m, k, v)?;
                }
            }
            Op::ListExtend(d) => {
                let v = pop!(f);
                let items = self.collect(&v)?;
                if let Value::List(l) = peek_at(f, d)? {
                    l.borrow_mut().extend(items);
                }
            }
            Op::SetUpdate(d) => {
                let v = pop!(f);
                let items = self.collect(&v)?;
                if let Value::Set(s) = peek_at(f, d)? {
                    let s = s.clone();
                    for it in items {
                        self.set_add(&s, it)?;
                    }
                }
            }
            Op::DictUpdate(d) => {
                let v = pop!(f);
                if let Value::Dict(m) = peek_at(f, d)? {
                    let m = m.clone();
                    self.dict_update(&m, &v)?;
                }
            }
            Op::ListToTuple => {
                let v = pop!(f);
                let t = match v {
                    Value::List(l) => Value::tuple(core::mem::take(&mut *l.borrow_mut())),
                    other => other,
                };
                f.stack.push(t);
            }
            Op::UnpackSequence(n) => {
                let v = pop!(f);
                let items = self.unpack(&v, n as usize)?;
                f.stack.extend(items.into_iter().rev());
            }
            Op::UnpackEx(before, after) => {
                let v = pop!(f);
                let mut items = self.collect(&v)?;
                let (b, a) = (before as usize, after as usize);
                if items.len() < b + a {
                    return Err(Exc::value_error(alloc::format!(
                        "not enough values to unpack (expected at least {}, got {})",
                        b + a,
                        items.len()
                    )));
                }
                let tail = items.split_off(items.len() - a);
                let middle = items.split_off(b);
                for t in tail.into_iter().rev() {
                    f.stack.push(t);
                }
                f.stack.push(Value::list(middle));
                for h in items.into_iter().rev() {
                    f.stack.push(h);
                }
            }
            Op::FormatValue(flags) => {
                let spec = if flags & 4 != 0 { Some(pop!(f)) } else { None };
                let v = pop!(f);
                let v = match flags & 3 {
                    1 => Value::string(self.to_str(&v)?),
                    2 => Value::string(self.repr(&v)?),
                    3 => Value::string(crate::builtins::ascii_of(&self.repr(&v)?)),
                    _ => v,
                };
                let spec_str = match &spec {
                    Some(Value::Str(s)) => s.as_str(),
                    _ => "",
                };
                let s = if spec_str.is_empty() {
                    match &v {
                        Value::Str(_) => v.clone(),
                        _ => Value::string(self.format_value(&v, "")?),
                    }
                } else {
                    Value::string(self.format_value(&v, spec_str)?)
                };
                f.stack.push(s);
            }
            Op::MakeFunction(flags) => {
                let code = match pop!(f) {
                    Value::Code(c) => c,
                    _ => return Err(Exc::new(ExcKind::RuntimeError, "bad code object")),
                };
                let closure = if flags & 4 != 0 {
                    match pop!(f) {
                        Value::Tuple(t) => t
                            .iter()
                            .filter_map(|c| match c {
                                Value::Cell(c) => Some(c.clone()),
                                _ => None,
                            })
                            .collect(),
                        _ => Vec::new(),
                    }
                } else {
                    Vec::new()
                };
                let mut kwdefaults = Vec::new();
                if flags & 2 != 0 {
                    if let Value::Dict(d) = pop!(f) {
                        for e in d.borrow().iter() {
                            if let Value::Str(k) = &e.key {
                                kwdefaults.push((k.clone(), e.value.clone()));
                            }
                        }
                    }
                }
                let defaults = if flags & 1 != 0 {
                    match pop!(f) {
                        Value::Tuple(t) => t.to_vec(),
                        _ => Vec::new(),
                    }
                } else {
                    Vec::new()
                };
                let name = code.name.clone();
                f.stack.push(Value::Function(Rc::new(Function {
                    code,
                    globals: f.globals.clone(),
                    defaults,
                    kwdefaults,
                    closure,
                    name: RefCell::new(name),
                    owner: RefCell::new(None),
                    attrs: RefCell::new(Dict::new()),
                })));
            }
            Op::CallFunctionKw(n) => {
                self.tick()?;
                let names = match pop!(f) {
                    Value::Tuple(t) => t,
                    _ => Rc::new(Vec::new()),
                };
                let n = n as usize;
                let len = f.stack.len();
                if len < n + 1 || names.len() > n {
                    return Err(Exc::new(ExcKind::RuntimeError, "stack underflow"));
                }
                let base = len - n - 1;
                let func = f.stack[base].clone();
                let npos = n - names.len();
                let kw: Vec<(Rc<PyStr>, Value)> = names
                    .iter()
                    .zip(f.stack[base + 1 + npos..].iter())
                    .filter_map(|(k, v)| match k {
                        Value::Str(s) => Some((s.clone(), v.clone())),
                        _ => None,
                    })
                    .collect();
                let r = self.call(&func, &f.stack[base + 1..base + 1 + npos], &kw)?;
                f.stack.truncate(base);
                f.stack.push(r);
            }
            Op::CallFunctionEx(has_kw) => {
                self.tick()?;
                let kw = if has_kw != 0 {
                    self.kwargs_from(&pop!(f))?
                } else {
                    Vec::new()
                };
                let args = match pop!(f) {
                    Value::Tuple(t) => t,
                    other => Rc::new(self.collect(&other)?),
                };
                let func = pop!(f);
                let r = self.call(&func, &args, &kw)?;
                f.stack.push(r);
            }
            Op::SetupExcept(t) => {
                f.blocks.push(Block {
                    handler: t as usize,
                    stack_len: f.stack.len(),
                    handling_len: self.handling.len(),
                });
            }
            Op::PopBlock => {
                f.blocks.pop();
            }
            Op::PushExcInfo => {
                let e = top!(f).clone();
                self.handling.push(e);
            }
            Op::PopExcept => {
                self.handling.pop();
            }
            Op::Raise(n) => {
                let cause = if n == 2 { Some(pop!(f)) } else { None };
                if n == 0 {
                    return match self.handling.last() {
                        Some(e) => Err(Exc::object(e.clone())),
                        None => Err(Exc::new(
                            ExcKind::RuntimeError,
                            "No active exception to reraise",
                        )),
                    };
                }
                let e = pop!(f);
                let e = self.make_raisable(e)?;
                if let Some(c) = cause {
                    let c = if c.is_none() {
                        c
                    } else {
                        self.make_raisable(c)?
                    };
                    super::exc::set_attr_raw(&e, "__cause__", c);
                    super::exc::set_attr_raw(&e, "__suppress_context__", Value::Bool(true));
                }
                if let Some(ctx) = self.handling.last().cloned() {
                    if !ctx.is(&e) {
                        super::exc::set_attr_raw(&e, "__context__", ctx);
                    }
                }
                if let Value::Instance(i) = &e {
                    i.traceback.borrow_mut().clear();
                }
                return Err(Exc::object(e));
            }
            Op::Reraise => {
                let e = pop!(f);
                return Err(Exc::object(e));
            }
            Op::ExcMatch => {
                let t = pop!(f);
                let e = pop!(f);
                let m = self.exception_matches(&e, &t)?;
                f.stack.push(Value::Bool(m));
            }
            Op::EnterWith => {
                let cm = pop!(f);
                let exit = self.getattr_opt(&cm, "__exit__")?;
                let enter = self.getattr_opt(&cm, "__enter__")?;
                let (Some(exit), Some(enter)) = (exit, enter) else {
                    return Err(Exc::type_error(alloc::format!(
                        "'{}' object does not support the context manager protocol",
                        self.type_name_of(&cm)
                    )));
                };
                let r = self.call(&enter, &[], &[])?;
                f.stack.push(exit);
                f.stack.push(r);
            }
            Op::WithExitExc => {
                let e = top!(f).clone();
                let n = f.stack.len();
                if n < 2 {
                    return Err(Exc::new(ExcKind::RuntimeError, "stack underflow"));
                }
                let exit = f.stack[n - 2].clone();
                let t = Value::Class(self.types.type_of(&e));
                let r = self.call(&exit, &[t, e, Value::None], &[])?;
                let b = self.truthy(&r)?;
                f.stack.push(Value::Bool(b));
            }
            Op::LoadBuildClass => {
                let v = self
                    .builtins
                    .borrow()
                    .get_by_str("__build_class__")
                    .unwrap_or(Value::None);
                f.stack.push(v);
            }
            Op::ImportName(i) => {
                let name = name_of(f, i);
                let m = self.import(name.as_str())?;
                f.stack.push(m);
            }
            Op::ImportFrom(i) => {
                let name = name_of(f, i);
                let m = top!(f).clone();
                let v = match self.getattr(&m, &name) {
                    Ok(v) => v,
                    Err(_) => {
                        let mname = match &m {
                            Value::Module(md) => md.name.as_str().into(),
                            _ => String::from("?"),
                        };
                        return Err(Exc::new(
                            ExcKind::ImportError,
                            alloc::format!(
                                "cannot import name '{}' from '{}' (unknown location)",
                                name.as_str(),
                                mname
                            ),
                        ));
                    }
                };
                f.stack.push(v);
            }
            Op::ImportStar => {
                let m = pop!(f);
                if let Value::Module(md) = m {
                    let entries: Vec<(Value, Value)> = md
                        .dict
                        .borrow()
                        .iter()
                        .map(|e| (e.key.clone(), e.value.clone()))
                        .collect();
                    for (k, v) in entries {
                        if let Value::Str(s) = &k {
                            if !s.as_str().starts_with('_') {
                                let target = f.ns.clone().unwrap_or_else(|| f.globals.clone());
                                target.borrow_mut().set_str(s.clone(), v);
                            }
                        }
                    }
                }
            }
            Op::LoadOwnerClass => {
                let owner = f.func.as_ref().and_then(|func| func.owner.borrow().clone());
                match owner {
                    Some(c) => f.stack.push(Value::Class(c)),
                    None => {
                        return Err(Exc::new(
                            ExcKind::RuntimeError,
                            "super(): __class__ cell not found",
                        ))
                    }
                }
            }
            Op::MatchPattern(i) => {
                let code = f.code.clone();
                let Some(p) = code.patterns.get(i as usize) else {
                    return Err(Exc::new(ExcKind::RuntimeError, "bad pattern"));
                };
                let values = split_top(f, p.nvalues as u32)?;
                let subject = top!(f).clone();
                let mut caps = alloc::vec![Value::Null; p.ncaptures];
                let ok = self.match_pattern(&p.pat, &subject, &values, &mut caps)?;
                if ok {
                    f.stack.extend(caps);
                }
                f.stack.push(Value::Bool(ok));
            }
            Op::PrintExpr => {
                let v = pop!(f);
                if !v.is_none() {
                    let s = self.repr(&v)?;
                    self.out.write_out(&s);
                    self.out.write_out("\n");
                    self.builtins
                        .borrow_mut()
                        .set_str(Rc::new(PyStr::new("_")), v);
                }
            }
            Op::LoadAssertionError => {
                f.stack
                    .push(Value::Class(self.types.exception(ExcKind::AssertionError)));
            }
            _ => {}
        }
        Ok(())
    }
}
