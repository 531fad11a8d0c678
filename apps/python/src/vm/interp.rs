//! The instruction loop: one `match` arm per opcode of `bytecode.rs`.

use super::{Frame, FrameExit, Vm};
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

pub(super) fn name_of(f: &Frame, i: u32) -> Rc<PyStr> {
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
        if let Some((probe, cap)) = &self.heap_probe {
            self.ticks = self.ticks.wrapping_add(1);
            if self.ticks & 1023 == 0 && probe() > *cap {
                return Err(Exc::new(ExcKind::MemoryError, ""));
            }
        }
        if let Some(hook) = &mut self.tick_hook {
            self.hook_ticks = self.hook_ticks.wrapping_add(1);
            if self.hook_ticks.is_multiple_of(super::TICK_HOOK_EVERY) && hook() {
                return Err(Exc::new(ExcKind::KeyboardInterrupt, ""));
            }
        }
        Ok(())
    }

    pub(crate) fn execute(&mut self, f: &mut Frame) -> PyResult<FrameExit> {
        let code = f.code.clone();
        loop {
            let op = match code.ops.get(f.pc) {
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
                Op::LoadConst(i) => {
                    let v = match code.consts.get(i as usize) {
                        Some(v) => quick_clone(v),
                        None => Value::None,
                    };
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
                        Some(v) => quick_clone(v),
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
                        // The local was the only owner: grow the string in place.
                        (Value::Str(_), Value::Str(_)) => self.inplace(BinOp::Add, a, &b)?,
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

/// Clones a value, copying the immediate kinds inline (the common case in the loop).
#[inline(always)]
fn quick_clone(v: &Value) -> Value {
    match v {
        Value::Int(i) => Value::Int(*i),
        Value::Float(x) => Value::Float(*x),
        Value::Bool(b) => Value::Bool(*b),
        Value::None => Value::None,
        other => other.clone(),
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

pub(super) fn split_top(f: &mut Frame, n: u32) -> PyResult<Vec<Value>> {
    let n = n as usize;
    if f.stack.len() < n {
        return Err(Exc::new(ExcKind::RuntimeError, "stack underflow"));
    }
    let at = f.stack.len() - n;
    Ok(f.stack.split_off(at))
}

pub(super) fn peek_at(f: &Frame, depth: u32) -> PyResult<&Value> {
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
