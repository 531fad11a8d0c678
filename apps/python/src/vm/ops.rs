//! Operators (Python Language Reference §6.5-§6.11, data model §3.3.8 "Emulating numeric
//! types"): native fast paths for built-in types, then `__op__` / `__rop__` on classes.

use super::compare::is_numeric;
use super::Vm;
use crate::ast::{BinOp, UnaryOp};
use crate::bigint::BigInt;
use crate::pystr::PyStr;
use crate::value::*;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::RefCell;

pub fn op_symbol(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::MatMul => "@",
        BinOp::Div => "/",
        BinOp::FloorDiv => "//",
        BinOp::Mod => "%",
        BinOp::Pow => "** or pow()",
        BinOp::LShift => "<<",
        BinOp::RShift => ">>",
        BinOp::BitOr => "|",
        BinOp::BitXor => "^",
        BinOp::BitAnd => "&",
    }
}

fn dunder(op: BinOp) -> (&'static str, &'static str, &'static str) {
    match op {
        BinOp::Add => ("__add__", "__radd__", "__iadd__"),
        BinOp::Sub => ("__sub__", "__rsub__", "__isub__"),
        BinOp::Mul => ("__mul__", "__rmul__", "__imul__"),
        BinOp::MatMul => ("__matmul__", "__rmatmul__", "__imatmul__"),
        BinOp::Div => ("__truediv__", "__rtruediv__", "__itruediv__"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
        BinOp::Mod => ("__mod__", "__rmod__", "__imod__"),
        BinOp::Pow => ("__pow__", "__rpow__", "__ipow__"),
        BinOp::LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
        BinOp::RShift => ("__rshift__", "__rrshift__", "__irshift__"),
        BinOp::BitOr => ("__or__", "__ror__", "__ior__"),
        BinOp::BitXor => ("__xor__", "__rxor__", "__ixor__"),
        BinOp::BitAnd => ("__and__", "__rand__", "__iand__"),
    }
}

pub fn to_big(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from_i64(*i)),
        Value::Bool(b) => Some(BigInt::from_i64(*b as i64)),
        Value::BigInt(b) => Some((**b).clone()),
        _ => None,
    }
}

pub fn to_f64(v: &Value) -> Option<f64> {
    match v {
        Value::Int(i) => Some(*i as f64),
        Value::Bool(b) => Some(*b as i64 as f64),
        Value::BigInt(b) => Some(b.to_f64()),
        Value::Float(f) => Some(*f),
        _ => None,
    }
}

pub(super) fn is_intlike(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_) | Value::BigInt(_))
}

/// Python's float modulo: the result has the sign of the divisor.
pub fn float_mod(a: f64, b: f64) -> f64 {
    let m = libm::fmod(a, b);
    if m != 0.0 && ((b < 0.0) != (m < 0.0)) {
        m + b
    } else if m == 0.0 {
        libm::copysign(0.0, b)
    } else {
        m
    }
}

pub fn float_floordiv(a: f64, b: f64) -> f64 {
    let m = libm::fmod(a, b);
    let mut div = (a - m) / b;
    if m != 0.0 && ((b < 0.0) != (m < 0.0)) {
        div -= 1.0;
    }
    if div != 0.0 {
        let f = libm::floor(div);
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        libm::copysign(0.0, a / b)
    }
}

impl Vm {
    pub fn binary(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult {
        if let Some(r) = self.native_binary(op, a, b)? {
            return Ok(r);
        }
        let (name, rname, _) = dunder(op);
        if let Some(r) = self.try_dunder_binary(a, b, name, rname)? {
            return Ok(r);
        }
        if base_of(a).is_some() || base_of(b).is_some() {
            let x = base_of(a).unwrap_or_else(|| a.clone());
            let y = base_of(b).unwrap_or_else(|| b.clone());
            return self.binary(op, &x, &y);
        }
        if op == BinOp::Add {
            if let Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_) = a {
                let an = a.type_name();
                let bn = b.type_name();
                let msg = if matches!(a, Value::Str(_)) {
                    alloc::format!("can only concatenate str (not \"{}\") to str", bn)
                } else if matches!(a, Value::Bytes(_)) {
                    alloc::format!("can't concat {} to bytes", bn)
                } else {
                    alloc::format!("can only concatenate {} (not \"{}\") to {}", an, bn, an)
                };
                return Err(Exc::type_error(msg));
            }
        }
        if op == BinOp::Mul
            && matches!(
                (a, b),
                (Value::Str(_) | Value::List(_) | Value::Tuple(_), _)
                    | (_, Value::Str(_) | Value::List(_) | Value::Tuple(_))
            )
        {
            let other = if matches!(a, Value::Str(_) | Value::List(_) | Value::Tuple(_)) {
                b
            } else {
                a
            };
            if !matches!(other, Value::Instance(_)) {
                return Err(Exc::type_error(alloc::format!(
                    "can't multiply sequence by non-int of type '{}'",
                    other.type_name()
                )));
            }
        }
        Err(Exc::type_error(alloc::format!(
            "unsupported operand type(s) for {}: '{}' and '{}'",
            op_symbol(op),
            a.type_name(),
            b.type_name()
        )))
    }

    pub(super) fn try_dunder_binary(
        &mut self,
        a: &Value,
        b: &Value,
        name: &str,
        rname: &str,
    ) -> PyResult<Option<Value>> {
        let a_user = matches!(a, Value::Instance(_));
        let b_user = matches!(b, Value::Instance(_));
        if !a_user && !b_user {
            return Ok(None);
        }
        // A subclass's reflected method goes first (§3.3.8 note).
        let b_first = b_user && a_user && {
            let (ta, tb) = (self.types.type_of(a), self.types.type_of(b));
            !Rc::ptr_eq(&ta, &tb) && tb.is_subclass(&ta)
        };
        if b_first {
            if let Some(r) = self.call_dunder(b, rname, &[a.clone()])? {
                if !matches!(r, Value::NotImplemented) {
                    return Ok(Some(r));
                }
            }
        }
        if a_user {
            if let Some(r) = self.call_dunder(a, name, &[b.clone()])? {
                if !matches!(r, Value::NotImplemented) {
                    return Ok(Some(r));
                }
            }
        }
        if b_user && !b_first {
            if let Some(r) = self.call_dunder(b, rname, &[a.clone()])? {
                if !matches!(r, Value::NotImplemented) {
                    return Ok(Some(r));
                }
            }
        }
        Ok(None)
    }

    /// Calls `obj.name(*args)` if the class defines it.
    pub fn call_dunder(
        &mut self,
        obj: &Value,
        name: &str,
        args: &[Value],
    ) -> PyResult<Option<Value>> {
        let Value::Instance(inst) = obj else {
            return Ok(None);
        };
        let Some(f) = inst.class.lookup(&PyStr::new(name)) else {
            return Ok(None);
        };
        let mut all = Vec::with_capacity(args.len() + 1);
        all.push(obj.clone());
        all.extend_from_slice(args);
        match f {
            Value::StaticMethod(s) => {
                let s = (*s).clone();
                self.call(&s, args, &[]).map(Some)
            }
            _ => self.call(&f, &all, &[]).map(Some),
        }
    }

    pub fn inplace(&mut self, op: BinOp, a: Value, b: &Value) -> PyResult {
        match (&a, op) {
            (Value::List(l), BinOp::Add) => {
                let items = self.collect(b)?;
                l.borrow_mut().extend(items);
                return Ok(a);
            }
            (Value::List(l), BinOp::Mul) => {
                let n = match b {
                    Value::Int(n) => *n,
                    Value::Bool(x) => *x as i64,
                    _ => return self.binary(op, &a, b),
                };
                let cur = l.borrow().clone();
                let n = if cur.is_empty() { 0 } else { n.max(0) as usize };
                self.check_size(cur.len().saturating_mul(n).saturating_mul(16))?;
                let mut out = Vec::new();
                for _ in 0..n {
                    out.extend(cur.iter().cloned());
                }
                *l.borrow_mut() = out;
                return Ok(a);
            }
            (Value::Set(s), BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor) => {
                if matches!(b, Value::Set(_) | Value::FrozenSet(_)) {
                    let r = self.binary(op, &a, b)?;
                    if let Value::Set(n) = r {
                        let new = n.borrow().clone();
                        *s.borrow_mut() = new;
                    }
                    return Ok(a);
                }
            }
            (Value::Dict(d), BinOp::BitOr) => {
                if matches!(b, Value::Dict(_)) {
                    let d = d.clone();
                    self.dict_update(&d, b)?;
                    return Ok(a);
                }
            }
            (Value::Str(_), BinOp::Add) => {
                if let Value::Str(t) = b {
                    let mut a = a;
                    if let Value::Str(ref mut rc) = a {
                        if let Some(m) = Rc::get_mut(rc) {
                            self.check_size(m.as_str().len() + t.as_str().len())?;
                            m.push_str(t);
                            return Ok(a);
                        }
                    }
                    return self.binary(op, &a, b);
                }
            }
            (Value::Instance(_), _) => {
                let (_, _, iname) = dunder(op);
                if let Some(r) = self.call_dunder(&a, iname, &[b.clone()])? {
                    if !matches!(r, Value::NotImplemented) {
                        return Ok(r);
                    }
                }
            }
            _ => {}
        }
        self.binary(op, &a, b)
    }

    pub fn check_size(&self, bytes: usize) -> PyResult<()> {
        if bytes > self.memory_limit {
            return Err(Exc::new(ExcKind::MemoryError, ""));
        }
        Ok(())
    }

    fn native_binary(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
        use Value::*;
        // Integers (bool counts as int).
        if let (Some(x), Some(y)) = (small_int(a), small_int(b)) {
            if op == BinOp::Pow && y > 64 && x.unsigned_abs() > 1 {
                let bits =
                    ((64 - x.unsigned_abs().leading_zeros()) as u64).saturating_mul(y as u64);
                self.check_size((bits / 8) as usize)?;
            }
            if op == BinOp::LShift && y > 64 && x != 0 {
                self.check_size((y / 8) as usize)?;
            }
            return int_op(op, x, y).map(Some);
        }
        if is_intlike(a) && is_intlike(b) {
            if let (Some(x), Some(y)) = (to_big(a), to_big(b)) {
                return self.big_op(op, &x, &y).map(Some);
            }
        }
        if matches!(a, Float(_)) || matches!(b, Float(_)) {
            if let (Some(x), Some(y)) = (to_f64(a), to_f64(b)) {
                if matches!(
                    op,
                    BinOp::LShift
                        | BinOp::RShift
                        | BinOp::BitAnd
                        | BinOp::BitOr
                        | BinOp::BitXor
                        | BinOp::MatMul
                ) {
                    return Ok(Option::None);
                }
                return float_op(op, x, y).map(Some);
            }
            if (matches!(a, Float(_)) && is_numeric(b)) || (matches!(b, Float(_)) && is_numeric(a))
            {
                return Ok(Option::None);
            }
        }
        Ok(match (op, a, b) {
            (BinOp::Add, Str(x), Str(y)) => {
                self.check_size(x.as_str().len() + y.as_str().len())?;
                let mut s = String::with_capacity(x.as_str().len() + y.as_str().len());
                s.push_str(x.as_str());
                s.push_str(y.as_str());
                Some(Value::string(s))
            }
            (BinOp::Add, List(x), List(y)) => {
                let mut v = x.borrow().clone();
                v.extend(y.borrow().iter().cloned());
                Some(Value::list(v))
            }
            (BinOp::Add, Tuple(x), Tuple(y)) => {
                let mut v = (**x).clone();
                v.extend(y.iter().cloned());
                Some(Value::tuple(v))
            }
            (BinOp::Add, Bytes(x), Bytes(y)) => {
                let mut v = (**x).clone();
                v.extend_from_slice(y);
                Some(Value::Bytes(Rc::new(v)))
            }
            (BinOp::Mul, Str(_) | List(_) | Tuple(_) | Bytes(_), Int(_) | Bool(_)) => {
                Some(self.repeat(a, b)?)
            }
            (BinOp::Mul, Int(_) | Bool(_), Str(_) | List(_) | Tuple(_) | Bytes(_)) => {
                Some(self.repeat(b, a)?)
            }
            (BinOp::Mul, Str(_) | List(_) | Tuple(_), BigInt(_))
            | (BinOp::Mul, BigInt(_), Str(_) | List(_) | Tuple(_)) => {
                return Err(Exc::new(
                    ExcKind::OverflowError,
                    "cannot fit 'int' into an index-sized integer",
                ));
            }
            (BinOp::Mod, Str(s), _) => Some(Value::string(
                crate::builtins::format::percent_format(self, s.as_str(), b)?,
            )),
            (BinOp::Mod, Bytes(_), _) => Option::None,
            (BinOp::BitOr, Dict(x), Dict(y)) => {
                let d = Rc::new(RefCell::new(x.borrow().clone()));
                let yv = Value::Dict(y.clone());
                self.dict_update(&d, &yv)?;
                Some(Value::Dict(d))
            }
            (
                BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor,
                Set(_) | FrozenSet(_) | View(_),
                Set(_) | FrozenSet(_) | View(_),
            ) => Some(self.set_op(op, a, b)?),
            _ => Option::None,
        })
    }

    fn repeat(&mut self, seq: &Value, n: &Value) -> PyResult {
        let n = match n {
            Value::Int(n) => (*n).max(0) as usize,
            Value::Bool(b) => *b as usize,
            _ => 0,
        };
        Ok(match seq {
            Value::Str(s) => {
                self.check_size(s.as_str().len().saturating_mul(n))?;
                Value::string(s.as_str().repeat(n))
            }
            Value::List(l) => {
                let items = l.borrow().clone();
                self.check_size(items.len().saturating_mul(n).saturating_mul(16))?;
                let mut out = Vec::with_capacity(items.len() * n);
                // An empty list passes the size check for any n: skip the n empty rounds.
                for _ in 0..if items.is_empty() { 0 } else { n } {
                    out.extend(items.iter().cloned());
                }
                Value::list(out)
            }
            Value::Tuple(t) => {
                self.check_size(t.len().saturating_mul(n).saturating_mul(16))?;
                let mut out = Vec::with_capacity(t.len() * n);
                for _ in 0..if t.is_empty() { 0 } else { n } {
                    out.extend(t.iter().cloned());
                }
                Value::tuple(out)
            }
            Value::Bytes(b) => {
                self.check_size(b.len().saturating_mul(n))?;
                Value::Bytes(Rc::new(b.repeat(n)))
            }
            _ => Value::None,
        })
    }

    fn big_op(&mut self, op: BinOp, x: &BigInt, y: &BigInt) -> PyResult {
        Ok(match op {
            BinOp::Add => Value::from_big(x.add(y)),
            BinOp::Sub => Value::from_big(x.sub(y)),
            BinOp::Mul => {
                self.check_size(((x.bit_length() + y.bit_length()) / 8) as usize)?;
                Value::from_big(x.mul(y))
            }
            BinOp::FloorDiv | BinOp::Mod => {
                let Some((q, r)) = x.divmod(y) else {
                    return Err(Exc::zero_div(if op == BinOp::Mod {
                        "integer modulo by zero"
                    } else {
                        "integer division or modulo by zero"
                    }));
                };
                Value::from_big(if op == BinOp::FloorDiv { q } else { r })
            }
            BinOp::Div => {
                if y.is_zero() {
                    return Err(Exc::zero_div("division by zero"));
                }
                Value::Float(big_truediv(x, y)?)
            }
            BinOp::Pow => {
                if y.is_negative() {
                    let (fx, fy) = (x.to_f64(), y.to_f64());
                    return float_op(BinOp::Pow, fx, fy);
                }
                // 0, 1 and -1 stay small whatever the exponent.
                if let Some(small @ -1..=1) = x.to_i64() {
                    let odd = y
                        .divmod(&BigInt::from_i64(2))
                        .is_some_and(|(_, r)| !r.is_zero());
                    return Ok(Value::Int(match small {
                        -1 if !odd => 1,
                        0 if y.is_zero() => 1,
                        s => s,
                    }));
                }
                let Some(e) = y.to_i64() else {
                    return Err(Exc::new(ExcKind::MemoryError, ""));
                };
                let bits = x.bit_length().saturating_mul(e as u64);
                self.check_size((bits / 8) as usize)?;
                Value::from_big(x.pow(e as u64))
            }
            BinOp::LShift => {
                if y.is_negative() {
                    return Err(Exc::value_error("negative shift count"));
                }
                let s = y.to_i64().unwrap_or(i64::MAX) as u64;
                if x.is_zero() {
                    return Ok(Value::Int(0));
                }
                self.check_size((s / 8) as usize)?;
                Value::from_big(x.shl(s as usize))
            }
            BinOp::RShift => {
                if y.is_negative() {
                    return Err(Exc::value_error("negative shift count"));
                }
                let s = y.to_i64().unwrap_or(i64::MAX).min(1 << 40) as usize;
                Value::from_big(x.shr(s))
            }
            BinOp::BitAnd => Value::from_big(x.bitwise(y, |a, b| a & b)),
            BinOp::BitOr => Value::from_big(x.bitwise(y, |a, b| a | b)),
            BinOp::BitXor => Value::from_big(x.bitwise(y, |a, b| a ^ b)),
            BinOp::MatMul => {
                return Err(Exc::type_error(
                    "unsupported operand type(s) for @: 'int' and 'int'",
                ));
            }
        })
    }

    pub fn unary(&mut self, op: UnaryOp, a: &Value) -> PyResult {
        Ok(match (op, a) {
            (UnaryOp::Neg, Value::Int(i)) => match i.checked_neg() {
                Some(n) => Value::Int(n),
                None => Value::from_big(BigInt::from_i64(*i).neg()),
            },
            (UnaryOp::Neg, Value::Bool(b)) => Value::Int(-(*b as i64)),
            (UnaryOp::Neg, Value::BigInt(b)) => Value::from_big(b.neg()),
            (UnaryOp::Neg, Value::Float(f)) => Value::Float(-f),
            (UnaryOp::Pos, Value::Int(_) | Value::BigInt(_) | Value::Float(_)) => a.clone(),
            (UnaryOp::Pos, Value::Bool(b)) => Value::Int(*b as i64),
            (UnaryOp::Invert, Value::Int(i)) => Value::Int(!i),
            (UnaryOp::Invert, Value::Bool(b)) => Value::Int(!(*b as i64)),
            (UnaryOp::Invert, Value::BigInt(b)) => {
                Value::from_big(b.neg().sub(&BigInt::from_i64(1)))
            }
            (UnaryOp::Not, _) => Value::Bool(!self.truthy(a)?),
            (_, Value::Instance(_)) => {
                let name = match op {
                    UnaryOp::Neg => "__neg__",
                    UnaryOp::Pos => "__pos__",
                    _ => "__invert__",
                };
                match self.call_dunder(a, name, &[])? {
                    Some(r) => r,
                    None => return Err(self.bad_unary(op, a)),
                }
            }
            _ => return Err(self.bad_unary(op, a)),
        })
    }

    fn bad_unary(&self, op: UnaryOp, a: &Value) -> Exc {
        let sym = match op {
            UnaryOp::Neg => "-",
            UnaryOp::Pos => "+",
            UnaryOp::Invert => "~",
            UnaryOp::Not => "not",
        };
        Exc::type_error(alloc::format!(
            "bad operand type for unary {}: '{}'",
            sym,
            a.type_name()
        ))
    }

    pub fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        Ok(match v {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::BigInt(b) => !b.is_zero(),
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.as_str().is_empty(),
            Value::Bytes(b) => !b.is_empty(),
            Value::List(l) => !l.borrow().is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Dict(d) | Value::Set(d) => !d.borrow().is_empty(),
            Value::FrozenSet(d) => !d.is_empty(),
            Value::Range(r) => !r.is_empty(),
            Value::View(v) => !v.0.borrow().is_empty(),
            Value::Instance(_) => {
                if let Some(r) = self.call_dunder(v, "__bool__", &[])? {
                    match r {
                        Value::Bool(b) => b,
                        other => {
                            return Err(Exc::type_error(alloc::format!(
                                "__bool__ should return bool, returned {}",
                                other.type_name()
                            )))
                        }
                    }
                } else if let Some(r) = self.call_dunder(v, "__len__", &[])? {
                    match r {
                        Value::Int(n) => n != 0,
                        Value::Bool(b) => b,
                        _ => true,
                    }
                } else if let Some(b) = base_of(v) {
                    self.truthy(&b)?
                } else {
                    true
                }
            }
            _ => true,
        })
    }
}

fn small_int(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        _ => None,
    }
}

fn int_op(op: BinOp, x: i64, y: i64) -> PyResult {
    let big = |f: fn(&BigInt, &BigInt) -> BigInt| {
        Value::from_big(f(&BigInt::from_i64(x), &BigInt::from_i64(y)))
    };
    Ok(match op {
        BinOp::Add => x
            .checked_add(y)
            .map_or_else(|| big(BigInt::add), Value::Int),
        BinOp::Sub => x
            .checked_sub(y)
            .map_or_else(|| big(BigInt::sub), Value::Int),
        BinOp::Mul => x
            .checked_mul(y)
            .map_or_else(|| big(BigInt::mul), Value::Int),
        BinOp::FloorDiv => {
            if y == 0 {
                return Err(Exc::zero_div("integer division or modulo by zero"));
            }
            match x.checked_div_euclid(y) {
                Some(_) => {
                    let q = x / y;
                    Value::Int(if (x % y != 0) && ((x < 0) != (y < 0)) {
                        q - 1
                    } else {
                        q
                    })
                }
                None => Value::from_big(BigInt::from_i64(x).neg()),
            }
        }
        BinOp::Mod => {
            if y == 0 {
                return Err(Exc::zero_div("integer modulo by zero"));
            }
            match x.checked_rem(y) {
                Some(r) => Value::Int(if r != 0 && ((r < 0) != (y < 0)) {
                    r + y
                } else {
                    r
                }),
                None => Value::Int(0),
            }
        }
        BinOp::Div => {
            if y == 0 {
                return Err(Exc::zero_div("division by zero"));
            }
            if x.unsigned_abs() < (1 << 53) && y.unsigned_abs() < (1 << 53) {
                Value::Float(x as f64 / y as f64)
            } else {
                Value::Float(big_truediv(&BigInt::from_i64(x), &BigInt::from_i64(y))?)
            }
        }
        BinOp::Pow => {
            if y < 0 {
                if x == 0 {
                    return Err(Exc::zero_div("0.0 cannot be raised to a negative power"));
                }
                return Ok(Value::Float(libm::pow(x as f64, y as f64)));
            }
            let mut acc: i64 = 1;
            let mut overflow = false;
            for _ in 0..y.min(64) {
                match acc.checked_mul(x) {
                    Some(v) => acc = v,
                    None => {
                        overflow = true;
                        break;
                    }
                }
            }
            if !overflow && (y <= 64 || x == 0 || x == 1) {
                if x == -1 {
                    Value::Int(if y % 2 == 0 { 1 } else { -1 })
                } else if y > 64 && x == 0 {
                    Value::Int(0)
                } else if y > 64 && x == 1 {
                    Value::Int(1)
                } else {
                    Value::Int(acc)
                }
            } else if x == -1 {
                Value::Int(if y % 2 == 0 { 1 } else { -1 })
            } else {
                let bits =
                    ((64 - x.unsigned_abs().leading_zeros()) as u64).saturating_mul(y as u64);
                if bits > 8 * (1 << 30) {
                    return Err(Exc::new(ExcKind::MemoryError, ""));
                }
                Value::from_big(BigInt::from_i64(x).pow(y as u64))
            }
        }
        BinOp::LShift => {
            if y < 0 {
                return Err(Exc::value_error("negative shift count"));
            }
            if x == 0 {
                return Ok(Value::Int(0));
            }
            if y < 63 && (x << y) >> y == x {
                Value::Int(x << y)
            } else {
                if y > (1 << 33) {
                    return Err(Exc::new(ExcKind::MemoryError, ""));
                }
                Value::from_big(BigInt::from_i64(x).shl(y as usize))
            }
        }
        BinOp::RShift => {
            if y < 0 {
                return Err(Exc::value_error("negative shift count"));
            }
            Value::Int(if y >= 64 {
                if x < 0 {
                    -1
                } else {
                    0
                }
            } else {
                x >> y
            })
        }
        BinOp::BitAnd => Value::Int(x & y),
        BinOp::BitOr => Value::Int(x | y),
        BinOp::BitXor => Value::Int(x ^ y),
        BinOp::MatMul => {
            return Err(Exc::type_error(
                "unsupported operand type(s) for @: 'int' and 'int'",
            ))
        }
    })
}

fn big_truediv(x: &BigInt, y: &BigInt) -> PyResult<f64> {
    // Scale so the quotient has 64+ significant bits, then convert once.
    let shift = 64i64 - (x.bit_length() as i64 - y.bit_length() as i64);
    let (num, den) = if shift > 0 {
        (x.shl(shift as usize), y.clone())
    } else {
        (x.clone(), y.shl((-shift) as usize))
    };
    let (q, _) = num.divmod(&den).unwrap_or((BigInt::zero(), BigInt::zero()));
    let r = q.to_f64() * libm::pow(2.0, -shift as f64);
    if r.is_infinite() {
        return Err(Exc::new(
            ExcKind::OverflowError,
            "integer division result too large for a float",
        ));
    }
    Ok(r)
}

pub fn float_op(op: BinOp, x: f64, y: f64) -> PyResult {
    Ok(Value::Float(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::Div => {
            if y == 0.0 {
                return Err(Exc::zero_div("float division by zero"));
            }
            x / y
        }
        BinOp::FloorDiv => {
            if y == 0.0 {
                return Err(Exc::zero_div("float floor division by zero"));
            }
            float_floordiv(x, y)
        }
        BinOp::Mod => {
            if y == 0.0 {
                return Err(Exc::zero_div("float modulo"));
            }
            float_mod(x, y)
        }
        BinOp::Pow => {
            if x == 0.0 && y < 0.0 {
                return Err(Exc::zero_div("0.0 cannot be raised to a negative power"));
            }
            if x < 0.0 && libm::trunc(y) != y && y.is_finite() {
                return Err(Exc::value_error("complex results are not supported"));
            }
            let r = libm::pow(x, y);
            if r.is_infinite() && x.is_finite() && y.is_finite() {
                return Err(Exc::new(
                    ExcKind::OverflowError,
                    "(34, 'Numerical result out of range')",
                ));
            }
            r
        }
        _ => return Err(Exc::type_error("unsupported operand type(s) for float")),
    }))
}
