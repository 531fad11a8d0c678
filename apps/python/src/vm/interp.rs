//! The instruction loop: one `match` arm per opcode of `bytecode.rs`.

use super::{Block, Frame, FrameExit, Vm};
use crate::ast::{BinOp, CmpOp, UnaryOp};
use crate::bytecode::Op;
use crate::dict::Dict;
use crate::pystr::PyStr;
use crate::value::*;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::RefCell;
use core::sync::atomic::Ordering;

macro_rules! pop {
    ($f:expr) => {
        match $f.stack.pop() {
            Some(v) => v,
            None => return Err(Exc::new(ExcKind::RuntimeError, "stack underflow")),
        }
    };
}

macro_rules! top {
    ($f:expr) => {
        match $f.stack.last() {
            Some(v) => v,
            None => return Err(Exc::new(ExcKind::RuntimeError, "stack underflow")),
        }
    };
}

fn name_of(f: &Frame, i: u32) -> Rc<PyStr> {
    f.code
        .names
        .get(i as usize)
        .cloned()
        .unwrap_or_else(|| Rc::new(PyStr::new("?")))
}

impl Vm {
    /// Checks the interrupt flag and the step budget (called on backward jumps and calls).
    #[inline]
    pub(crate) fn tick(&mut self) -> PyResult<()> {
        if self.interrupt.load(Ordering::Relaxed) {
            self.interrupt.store(false, Ordering::Relaxed);
            return Err(Exc::new(ExcKind::KeyboardInterrupt, ""));
        }
        if self.steps_left != u64::MAX {
            if self.steps_left == 0 {
                return Err(Exc::new(
                    ExcKind::KeyboardInterrupt,
                    "step budget exhausted",
                ));
            }
            self.steps_left -= 1;
        }
        Ok(())
    }

    pub(crate) fn execute(&mut self, f: &mut Frame) -> PyResult<FrameExit> {
        loop {
            let op = match f.code.ops.get(f.pc) {
                Some(op) => *op,
                None => return Ok(FrameExit::Return(Value::None)),
            };
            f.pc += 1;
            match op {
                Op::Nop => {}
                Op::Pop => {
                    pop!(f);
                }
                Op::Dup => {
                    let v = top!(f).clone();
                    f.stack.push(v);
                }
                Op::Rot2 => {
                    let n = f.stack.len();
                    if n >= 2 {
                        f.stack.swap(n - 1, n - 2);
                    }
                }
                Op::LoadConst(i) => {
                    let v = f
                        .code
                        .consts
                        .get(i as usize)
                        .cloned()
                        .unwrap_or(Value::None);
                    f.stack.push(v);
                }
                Op::LoadFast(i) => {
                    let v = match f.locals.get(i as usize) {
                        Some(Value::Null) | None => {
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
                        Some(v) => v.clone(),
                    };
                    f.stack.push(v);
                }
                Op::StoreFast(i) => {
                    let v = pop!(f);
                    if let Some(slot) = f.locals.get_mut(i as usize) {
                        *slot = v;
                    }
                }
                Op::LoadDeref(i) | Op::LoadClassDeref(_, i) => {
                    if let Op::LoadClassDeref(n, _) = op {
                        if let Some(ns) = &f.ns {
                            let name = name_of(f, n);
                            let found = ns.borrow().get_str(&name);
                            if let Some(v) = found {
                                f.stack.push(v);
                                continue;
                            }
                        }
                    }
                    let v = match f.cells.get(i as usize) {
                        Some(c) => c.borrow().clone(),
                        None => Value::Null,
                    };
                    if matches!(v, Value::Null) {
                        let name = self.deref_name(f, i);
                        return Err(Exc::new(
                            ExcKind::NameError,
                            alloc::format!("cannot access free variable '{}' where it is not associated with a value in enclosing scope", name),
                        ));
                    }
                    f.stack.push(v);
                }
                Op::StoreDeref(i) => {
                    let v = pop!(f);
                    if let Some(c) = f.cells.get(i as usize) {
                        *c.borrow_mut() = v;
                    }
                }
                Op::LoadGlobal(i) => {
                    let name = &f.code.names[i as usize];
                    let found = f.globals.borrow().get_str(name);
                    let v = match found {
                        Some(v) => v,
                        None => match self.builtins.borrow().get_str(name) {
                            Some(v) => v,
                            None => {
                                return Err(Exc::new(
                                    ExcKind::NameError,
                                    alloc::format!("name '{}' is not defined", name.as_str()),
                                ))
                            }
                        },
                    };
                    f.stack.push(v);
                }
                Op::LoadAttr(i) => {
                    let obj = pop!(f);
                    let name = name_of(f, i);
                    let v = self.getattr(&obj, &name)?;
                    f.stack.push(v);
                }
                Op::StoreAttr(i) => {
                    let obj = pop!(f);
                    let v = pop!(f);
                    let name = name_of(f, i);
                    self.setattr(&obj, &name, v)?;
                }
                Op::LoadMethod(i) => {
                    let obj = pop!(f);
                    let name = name_of(f, i);
                    let (a, b) = self.load_method(obj, name)?;
                    f.stack.push(a);
                    f.stack.push(b);
                }
                Op::CallMethod(n) => {
                    self.tick()?;
                    let n = n as usize;
                    let len = f.stack.len();
                    if len < n + 2 {
                        return Err(Exc::new(ExcKind::RuntimeError, "stack underflow"));
                    }
                    let base = len - n - 2;
                    let result = match &f.stack[base] {
                        Value::Null => {
                            let callee = f.stack[base + 1].clone();
                            self.call(&callee, &f.stack[base + 2..], &[])?
                        }
                        Value::Str(name) => {
                            let name = name.clone();
                            let recv = f.stack[base + 1].clone();
                            self.call_method(&recv, &name, &f.stack[base + 2..], &[])?
                        }
                        func => {
                            let func = func.clone();
                            self.call(&func, &f.stack[base + 1..], &[])?
                        }
                    };
                    f.stack.truncate(base);
                    f.stack.push(result);
                }
                Op::Subscr => {
                    let idx = pop!(f);
                    let obj = pop!(f);
                    if let (Value::List(l), Value::Int(i)) = (&obj, &idx) {
                        let l = l.borrow();
                        let j = if *i < 0 { *i + l.len() as i64 } else { *i };
                        if j >= 0 && (j as usize) < l.len() {
                            let v = l[j as usize].clone();
                            drop(l);
                            f.stack.push(v);
                            continue;
                        }
                    }
                    let v = self.getitem(&obj, &idx)?;
                    f.stack.push(v);
                }
                Op::StoreSubscr => {
                    let idx = pop!(f);
                    let obj = pop!(f);
                    let v = pop!(f);
                    if let (Value::List(l), Value::Int(i)) = (&obj, &idx) {
                        if let Ok(mut l) = l.try_borrow_mut() {
                            let j = if *i < 0 { *i + l.len() as i64 } else { *i };
                            if j >= 0 && (j as usize) < l.len() {
                                l[j as usize] = v;
                                continue;
                            }
                        }
                    }
                    self.setitem(&obj, idx, v)?;
                }
                Op::Binary(bop) => {
                    let b = pop!(f);
                    let a = pop!(f);
                    let r = match fast_arith(bop, &a, &b) {
                        Some(r) => r,
                        None => self.binary(bop, &a, &b)?,
                    };
                    f.stack.push(r);
                }
                Op::Inplace(bop) => {
                    let b = pop!(f);
                    let a = pop!(f);
                    let r = match fast_arith(bop, &a, &b) {
                        Some(r) => r,
                        None => self.inplace(bop, a, &b)?,
                    };
                    f.stack.push(r);
                }
                Op::InplaceAddFast(slot) => {
                    let b = pop!(f);
                    let a = match f.locals.get_mut(slot as usize) {
                        Some(s) => core::mem::replace(s, Value::Null),
                        None => Value::Null,
                    };
                    if matches!(a, Value::Null) {
                        let name = f
                            .code
                            .local_names
                            .get(slot as usize)
                            .map_or("?", |n| n.as_str());
                        return Err(Exc::new(
                            ExcKind::UnboundLocalError,
                            alloc::format!("cannot access local variable '{}' where it is not associated with a value", name),
                        ));
                    }
                    let r = match (&a, &b) {
                        (Value::Int(x), Value::Int(y)) if x.checked_add(*y).is_some() => {
                            Value::Int(x + y)
                        }
                        _ => match self.inplace(BinOp::Add, a.clone(), &b) {
                            Ok(r) => r,
                            Err(e) => {
                                f.locals[slot as usize] = a;
                                return Err(e);
                            }
                        },
                    };
                    f.locals[slot as usize] = r;
                }
                Op::Unary(uop) => {
                    let a = pop!(f);
                    let r = match uop {
                        UnaryOp::Not => Value::Bool(!self.truthy(&a)?),
                        _ => self.unary(uop, &a)?,
                    };
                    f.stack.push(r);
                }
                Op::Compare(cop) => {
                    let b = pop!(f);
                    let a = pop!(f);
                    let r = match (cop, &a, &b) {
                        (CmpOp::Lt, Value::Int(x), Value::Int(y)) => Value::Bool(x < y),
                        (CmpOp::Le, Value::Int(x), Value::Int(y)) => Value::Bool(x <= y),
                        (CmpOp::Gt, Value::Int(x), Value::Int(y)) => Value::Bool(x > y),
                        (CmpOp::Ge, Value::Int(x), Value::Int(y)) => Value::Bool(x >= y),
                        (CmpOp::Eq, Value::Int(x), Value::Int(y)) => Value::Bool(x == y),
                        (CmpOp::Ne, Value::Int(x), Value::Int(y)) => Value::Bool(x != y),
                        _ => self.compare(cop, &a, &b)?,
                    };
                    f.stack.push(r);
                }
                Op::Jump(t) => {
                    if (t as usize) < f.pc {
                        self.tick()?;
                    }
                    f.pc = t as usize;
                }
                Op::PopJumpIfFalse(t) => {
                    let v = pop!(f);
                    let b = match v {
                        Value::Bool(b) => b,
                        _ => self.truthy(&v)?,
                    };
                    if !b {
                        f.pc = t as usize;
                    }
                }
                Op::PopJumpIfTrue(t) => {
                    let v = pop!(f);
                    let b = match v {
                        Value::Bool(b) => b,
                        _ => self.truthy(&v)?,
                    };
                    if b {
                        f.pc = t as usize;
                    }
                }
                Op::JumpIfFalseOrPop(t) => {
                    let v = top!(f).clone();
                    if !self.truthy(&v)? {
                        f.pc = t as usize;
                    } else {
                        f.stack.pop();
                    }
                }
                Op::JumpIfTrueOrPop(t) => {
                    let v = top!(f).clone();
                    if self.truthy(&v)? {
                        f.pc = t as usize;
                    } else {
                        f.stack.pop();
                    }
                }
                Op::GetIter => {
                    let v = pop!(f);
                    let it = self.get_iter(&v)?;
                    f.stack.push(it);
                }
                Op::ForIter(t) => {
                    let it = top!(f).clone();
                    match self.next(&it)? {
                        Some(v) => f.stack.push(v),
                        None => {
                            f.stack.pop();
                            f.pc = t as usize;
                        }
                    }
                }
                Op::BuildList(n) => {
                    let items = split_top(f, n)?;
                    f.stack.push(Value::list(items));
                }
                Op::BuildTuple(n) => {
                    let items = split_top(f, n)?;
                    f.stack.push(Value::tuple(items));
                }
                Op::ListAppend(d) => {
                    let v = pop!(f);
                    let target = peek_at(f, d)?;
                    if let Value::List(l) = target {
                        l.borrow_mut().push(v);
                    }
                }
                Op::CallFunction(n) => {
                    self.tick()?;
                    let n = n as usize;
                    let len = f.stack.len();
                    if len < n + 1 {
                        return Err(Exc::new(ExcKind::RuntimeError, "stack underflow"));
                    }
                    let base = len - n - 1;
                    let func = f.stack[base].clone();
                    let r = self.call(&func, &f.stack[base + 1..], &[])?;
                    f.stack.truncate(base);
                    f.stack.push(r);
                }
                Op::Return => {
                    let v = pop!(f);
                    return Ok(FrameExit::Return(v));
                }
                Op::Yield => {
                    let v = pop!(f);
                    return Ok(FrameExit::Yield(v));
                }
                Op::YieldFrom => {
                    let sent = pop!(f);
                    let sub = top!(f).clone();
                    match self.send_to(&sub, sent)? {
                        Ok(yielded) => {
                            // Re-run this instruction when resumed (the sent value is pushed).
                            f.pc -= 1;
                            return Ok(FrameExit::Yield(yielded));
                        }
                        Err(ret) => {
                            f.stack.pop();
                            f.stack.push(ret);
                        }
                    }
                }
                Op::PushNull => f.stack.push(Value::Null),
                _ => self.cold_op(f, op)?,
            }
        }
    }

    /// The less frequent instructions, kept out of `execute` so that its stack frame (paid
    /// once per Python call level) stays small.
    #[inline(never)]
    fn cold_op(&mut self, f: &mut Frame, op: Op) -> PyResult<()> {
        match op {
            Op::Dup2 => {
                let n = f.stack.len();
                if n < 2 {
                    return Err(Exc::new(ExcKind::RuntimeError, "stack underflow"));
                }
                let a = f.stack[n - 2].clone();
                let b = f.stack[n - 1].clone();
                f.stack.push(a);
                f.stack.push(b);
            }
            Op::Rot3 => {
                let v = pop!(f);
                let n = f.stack.len();
                if n < 2 {
                    return Err(Exc::new(ExcKind::RuntimeError, "stack underflow"));
                }
                f.stack.insert(n - 2, v);
            }
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

    fn deref_name(&self, f: &Frame, i: u32) -> String {
        let i = i as usize;
        let n = f.code.cell_names.len();
        let name = if i < n {
            f.code.cell_names.get(i)
        } else {
            f.code.free_names.get(i - n)
        };
        name.map_or_else(|| String::from("?"), |s| String::from(s.as_str()))
    }
}

/// Arithmetic on two ints or floats without overflow or division by zero: the common case,
/// done inline; everything else goes through `Vm::binary`.
#[inline]
fn fast_arith(op: BinOp, a: &Value, b: &Value) -> Option<Value> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => match op {
            BinOp::Add => x.checked_add(*y).map(Value::Int),
            BinOp::Sub => x.checked_sub(*y).map(Value::Int),
            BinOp::Mul => x.checked_mul(*y).map(Value::Int),
            BinOp::Mod if *y > 0 && *x >= 0 => Some(Value::Int(x % y)),
            BinOp::FloorDiv if *y > 0 && *x >= 0 => Some(Value::Int(x / y)),
            _ => None,
        },
        (Value::Float(x), Value::Float(y)) => float_fast(op, *x, *y),
        (Value::Float(x), Value::Int(y)) => float_fast(op, *x, *y as f64),
        (Value::Int(x), Value::Float(y)) => float_fast(op, *x as f64, *y),
        _ => None,
    }
}

#[inline]
fn float_fast(op: BinOp, x: f64, y: f64) -> Option<Value> {
    match op {
        BinOp::Add => Some(Value::Float(x + y)),
        BinOp::Sub => Some(Value::Float(x - y)),
        BinOp::Mul => Some(Value::Float(x * y)),
        BinOp::Div if y != 0.0 => Some(Value::Float(x / y)),
        _ => None,
    }
}

fn split_top(f: &mut Frame, n: u32) -> PyResult<Vec<Value>> {
    let n = n as usize;
    if f.stack.len() < n {
        return Err(Exc::new(ExcKind::RuntimeError, "stack underflow"));
    }
    let at = f.stack.len() - n;
    Ok(f.stack.split_off(at))
}

fn peek_at(f: &Frame, depth: u32) -> PyResult<&Value> {
    let n = f.stack.len();
    match n.checked_sub(depth as usize) {
        Some(i) => Ok(&f.stack[i]),
        None => Err(Exc::new(ExcKind::RuntimeError, "stack underflow")),
    }
}

pub fn dict_remove_str(d: &Rc<RefCell<Dict>>, name: &PyStr) -> bool {
    let mut d = d.borrow_mut();
    let key = Value::Str(Rc::new(PyStr::new(name.as_str())));
    match d.find(name.hash(), &key) {
        crate::dict::Find::Found(i) => {
            d.remove_at(i);
            true
        }
        _ => false,
    }
}
