//! Comparisons (Python Language Reference §6.10: value comparisons, membership tests,
//! identity), including the exact int/float rule and element-wise container equality,
//! plus the set algebra the `|`, `&`, `-`, `^` operators use on sets.

use super::ops::{is_intlike, to_big};
use super::Vm;
use crate::ast::{BinOp, CmpOp};
use crate::bigint::BigInt;
use crate::dict::Dict;
use crate::value::*;
use alloc::rc::Rc;
use alloc::vec::Vec;
use core::cell::RefCell;
use core::cmp::Ordering;

impl Vm {
    /// `a == b` as a Rust bool.
    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if let Some(r) = crate::dict::key_eq(a, b) {
            if !matches!(a, Value::Instance(_)) && !matches!(b, Value::Instance(_)) {
                return Ok(r);
            }
        }
        let r = self.compare(CmpOp::Eq, a, b)?;
        self.truthy(&r)
    }

    pub fn compare(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult {
        match op {
            CmpOp::Is => return Ok(Value::Bool(a.is(b))),
            CmpOp::IsNot => return Ok(Value::Bool(!a.is(b))),
            CmpOp::In => return Ok(Value::Bool(self.contains(b, a)?)),
            CmpOp::NotIn => return Ok(Value::Bool(!self.contains(b, a)?)),
            _ => {}
        }
        if let Some(r) = self.native_compare(op, a, b)? {
            return Ok(Value::Bool(r));
        }
        let (name, rname) = match op {
            CmpOp::Eq => ("__eq__", "__eq__"),
            CmpOp::Ne => ("__ne__", "__ne__"),
            CmpOp::Lt => ("__lt__", "__gt__"),
            CmpOp::Le => ("__le__", "__ge__"),
            CmpOp::Gt => ("__gt__", "__lt__"),
            _ => ("__ge__", "__le__"),
        };
        if let Some(r) = self.try_dunder_binary(a, b, name, rname)? {
            return Ok(r);
        }
        if base_of(a).is_some() || base_of(b).is_some() {
            let x = base_of(a).unwrap_or_else(|| a.clone());
            let y = base_of(b).unwrap_or_else(|| b.clone());
            return self.compare(op, &x, &y);
        }
        match op {
            CmpOp::Eq => Ok(Value::Bool(a.is(b))),
            CmpOp::Ne => {
                // Default __ne__ inverts __eq__.
                if matches!(a, Value::Instance(_)) || matches!(b, Value::Instance(_)) {
                    if let Some(r) = self.try_dunder_binary(a, b, "__eq__", "__eq__")? {
                        let t = self.truthy(&r)?;
                        return Ok(Value::Bool(!t));
                    }
                }
                Ok(Value::Bool(!a.is(b)))
            }
            _ => {
                let sym = match op {
                    CmpOp::Lt => "<",
                    CmpOp::Le => "<=",
                    CmpOp::Gt => ">",
                    _ => ">=",
                };
                Err(Exc::type_error(alloc::format!(
                    "'{}' not supported between instances of '{}' and '{}'",
                    sym,
                    a.type_name(),
                    b.type_name()
                )))
            }
        }
    }

    /// Ordering of built-in values; `None` when the types need dunder methods or differ.
    fn native_compare(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<Option<bool>> {
        use Value::*;
        let ord: Option<Ordering> = match (a, b) {
            (Int(x), Int(y)) => Some(x.cmp(y)),
            _ if is_intlike(a) && is_intlike(b) => match (to_big(a), to_big(b)) {
                (Some(x), Some(y)) => Some(x.cmp(&y)),
                _ => Option::None,
            },
            (Float(x), Float(y)) => match x.partial_cmp(y) {
                Some(o) => Some(o),
                Option::None => return Ok(Some(op == CmpOp::Ne)),
            },
            (Float(x), _) if is_intlike(b) => match cmp_int_float(b, *x) {
                Some(o) => Some(o.reverse()),
                Option::None => return Ok(Some(op == CmpOp::Ne)),
            },
            (_, Float(y)) if is_intlike(a) => match cmp_int_float(a, *y) {
                Some(o) => Some(o),
                Option::None => return Ok(Some(op == CmpOp::Ne)),
            },
            (Str(x), Str(y)) => Some(x.as_str().cmp(y.as_str())),
            (Bytes(x), Bytes(y)) => Some(x.as_slice().cmp(y.as_slice())),
            (None, None) => Some(Ordering::Equal),
            (List(_), List(_)) | (Tuple(_), Tuple(_)) => {
                let xs = self.seq_items(a);
                let ys = self.seq_items(b);
                return self.compare_seq(op, &xs, &ys).map(Some);
            }
            (Dict(_), Dict(_))
            | (Set(_), Set(_))
            | (FrozenSet(_), FrozenSet(_))
            | (Set(_), FrozenSet(_))
            | (FrozenSet(_), Set(_))
            | (Range(_), Range(_))
            | (View(_), View(_)) => {
                return self.container_compare(op, a, b);
            }
            (Instance(_), _) | (_, Instance(_)) => return Ok(Option::None),
            _ => {
                if op == CmpOp::Eq {
                    return Ok(Some(a.is(b)));
                }
                if op == CmpOp::Ne {
                    return Ok(Some(!a.is(b)));
                }
                return Ok(Option::None);
            }
        };
        let Some(o) = ord else {
            return Ok(Option::None);
        };
        Ok(Some(match op {
            CmpOp::Eq => o == Ordering::Equal,
            CmpOp::Ne => o != Ordering::Equal,
            CmpOp::Lt => o == Ordering::Less,
            CmpOp::Le => o != Ordering::Greater,
            CmpOp::Gt => o == Ordering::Greater,
            _ => o != Ordering::Less,
        }))
    }

    fn seq_items(&self, v: &Value) -> Vec<Value> {
        match v {
            Value::List(l) => l.borrow().clone(),
            Value::Tuple(t) => (**t).clone(),
            _ => Vec::new(),
        }
    }

    fn compare_seq(&mut self, op: CmpOp, xs: &[Value], ys: &[Value]) -> PyResult<bool> {
        if self.depth >= self.recursion_limit {
            return Err(Exc::new(
                ExcKind::RecursionError,
                "maximum recursion depth exceeded in comparison",
            ));
        }
        self.depth += 1;
        let r = self.compare_seq_inner(op, xs, ys);
        self.depth -= 1;
        r
    }

    fn compare_seq_inner(&mut self, op: CmpOp, xs: &[Value], ys: &[Value]) -> PyResult<bool> {
        for (x, y) in xs.iter().zip(ys.iter()) {
            if x.is(y) {
                continue;
            }
            if !self.eq(x, y)? {
                return match op {
                    CmpOp::Eq => Ok(false),
                    CmpOp::Ne => Ok(true),
                    _ => {
                        let r = self.compare(op, x, y)?;
                        self.truthy(&r)
                    }
                };
            }
        }
        let o = xs.len().cmp(&ys.len());
        Ok(match op {
            CmpOp::Eq => o == Ordering::Equal,
            CmpOp::Ne => o != Ordering::Equal,
            CmpOp::Lt => o == Ordering::Less,
            CmpOp::Le => o != Ordering::Greater,
            CmpOp::Gt => o == Ordering::Greater,
            _ => o != Ordering::Less,
        })
    }

    fn container_compare(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<Option<bool>> {
        use Value::*;
        match (a, b) {
            (Dict(x), Dict(y)) => {
                if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
                    return Ok(Option::None);
                }
                let xs: Vec<(Value, Value)> = x
                    .borrow()
                    .iter()
                    .map(|e| (e.key.clone(), e.value.clone()))
                    .collect();
                let mut equal = xs.len() == y.borrow().len();
                if equal {
                    for (k, v) in xs {
                        match self.dict_get(y, &k)? {
                            Some(v2) => {
                                if !self.eq(&v, &v2)? {
                                    equal = false;
                                    break;
                                }
                            }
                            Option::None => {
                                equal = false;
                                break;
                            }
                        }
                    }
                }
                Ok(Some(if op == CmpOp::Eq { equal } else { !equal }))
            }
            (Range(x), Range(y)) => {
                let same = (x.is_empty() && y.is_empty())
                    || (x.len() == y.len()
                        && x.start == y.start
                        && (x.len() == 1 || x.step == y.step));
                match op {
                    CmpOp::Eq => Ok(Some(same)),
                    CmpOp::Ne => Ok(Some(!same)),
                    _ => Ok(Option::None),
                }
            }
            (View(x), View(y)) => {
                if x.1 == ViewKind::Values || y.1 == ViewKind::Values {
                    return Ok(match op {
                        CmpOp::Eq => Some(a.is(b)),
                        CmpOp::Ne => Some(!a.is(b)),
                        _ => Option::None,
                    });
                }
                let sa = self.to_set_dict(a)?;
                let sb = self.to_set_dict(b)?;
                self.set_compare(op, &sa, &sb).map(Some)
            }
            _ => {
                let sa = self.to_set_dict(a)?;
                let sb = self.to_set_dict(b)?;
                self.set_compare(op, &sa, &sb).map(Some)
            }
        }
    }

    fn set_compare(&mut self, op: CmpOp, a: &Dict, b: &Dict) -> PyResult<bool> {
        let sub = |vm: &mut Vm, x: &Dict, y: &Dict| -> PyResult<bool> {
            let y = Rc::new(RefCell::new(y.clone()));
            for k in x.keys().cloned().collect::<Vec<_>>() {
                if vm.dict_get(&y, &k)?.is_none() {
                    return Ok(false);
                }
            }
            Ok(true)
        };
        Ok(match op {
            CmpOp::Eq => a.len() == b.len() && sub(self, a, b)?,
            CmpOp::Ne => !(a.len() == b.len() && sub(self, a, b)?),
            CmpOp::Le => sub(self, a, b)?,
            CmpOp::Lt => a.len() < b.len() && sub(self, a, b)?,
            CmpOp::Ge => sub(self, b, a)?,
            _ => a.len() > b.len() && sub(self, b, a)?,
        })
    }

    pub fn to_set_dict(&mut self, v: &Value) -> PyResult<Dict> {
        Ok(match v {
            Value::Set(s) => s.borrow().clone(),
            Value::FrozenSet(s) => (**s).clone(),
            Value::View(view) if view.1 == ViewKind::Keys => {
                let mut d = Dict::new();
                for e in view.0.borrow().iter() {
                    d.insert_new(e.hash, e.key.clone(), Value::None);
                }
                d
            }
            other => {
                let items = self.collect(other)?;
                let s = Rc::new(RefCell::new(Dict::new()));
                for it in items {
                    self.set_add(&s, it)?;
                }
                let d = s.borrow().clone();
                d
            }
        })
    }

    pub(super) fn set_op(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult {
        let x = self.to_set_dict(a)?;
        let y = Rc::new(RefCell::new(self.to_set_dict(b)?));
        let out = Rc::new(RefCell::new(Dict::new()));
        let xr = Rc::new(RefCell::new(x.clone()));
        match op {
            BinOp::BitOr => {
                *out.borrow_mut() = x;
                let ys: Vec<Value> = y.borrow().keys().cloned().collect();
                for k in ys {
                    self.set_add(&out, k)?;
                }
            }
            BinOp::BitAnd => {
                for k in x.keys().cloned().collect::<Vec<_>>() {
                    if self.dict_get(&y, &k)?.is_some() {
                        self.set_add(&out, k)?;
                    }
                }
            }
            BinOp::Sub => {
                for k in x.keys().cloned().collect::<Vec<_>>() {
                    if self.dict_get(&y, &k)?.is_none() {
                        self.set_add(&out, k)?;
                    }
                }
            }
            _ => {
                for k in x.keys().cloned().collect::<Vec<_>>() {
                    if self.dict_get(&y, &k)?.is_none() {
                        self.set_add(&out, k)?;
                    }
                }
                let ys: Vec<Value> = y.borrow().keys().cloned().collect();
                for k in ys {
                    if self.dict_get(&xr, &k)?.is_none() {
                        self.set_add(&out, k)?;
                    }
                }
            }
        }
        Ok(if matches!(a, Value::FrozenSet(_)) {
            let d = out.borrow().clone();
            Value::FrozenSet(Rc::new(d))
        } else {
            Value::Set(out)
        })
    }

    /// `item in container` (§6.10.2).
    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        match container {
            Value::Str(s) => match item {
                Value::Str(t) => Ok(s.as_str().contains(t.as_str())),
                other => Err(Exc::type_error(alloc::format!(
                    "'in <string>' requires string as left operand, not {}",
                    other.type_name()
                ))),
            },
            Value::Bytes(b) => match item {
                Value::Int(i) => Ok(b.contains(&(*i as u8))),
                Value::Bytes(t) => {
                    Ok(t.is_empty() || b.windows(t.len()).any(|w| w == t.as_slice()))
                }
                _ => Err(Exc::type_error("a bytes-like object is required")),
            },
            Value::Dict(d) | Value::Set(d) => Ok(self.dict_get(d, item)?.is_some()),
            Value::FrozenSet(d) => {
                let d = Rc::new(RefCell::new((**d).clone()));
                Ok(self.dict_get(&d, item)?.is_some())
            }
            Value::View(v) if v.1 == ViewKind::Keys => {
                let d = v.0.clone();
                Ok(self.dict_get(&d, item)?.is_some())
            }
            Value::Range(r) => {
                let Some(i) = (match item {
                    Value::Int(i) => Some(*i),
                    Value::Bool(b) => Some(*b as i64),
                    Value::Float(f) if libm::trunc(*f) == *f && f.abs() < 9e18 => Some(*f as i64),
                    _ => Option::None,
                }) else {
                    return Ok(false);
                };
                Ok(if r.step > 0 {
                    i >= r.start && i < r.stop && (i - r.start) % r.step == 0
                } else {
                    i <= r.start && i > r.stop && (r.start - i) % (-r.step) == 0
                })
            }
            Value::List(l) => {
                let n = l.borrow().len();
                for i in 0..n {
                    let x = match l.borrow().get(i) {
                        Some(x) => x.clone(),
                        Option::None => break,
                    };
                    if x.is(item) || self.eq(&x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Tuple(t) => {
                for x in t.iter() {
                    if x.is(item) || self.eq(x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Class(c)
                if c.lookup(&crate::pystr::PyStr::new("_member_map_"))
                    .is_some() =>
            {
                let members = self.collect(container)?;
                Ok(members.iter().any(|m| m.is(item)))
            }
            Value::Instance(_) => {
                if let Some(r) = self.call_dunder(container, "__contains__", &[item.clone()])? {
                    return self.truthy(&r);
                }
                if let Some(b) = base_of(container) {
                    return self.contains(&b, item);
                }
                self.contains_by_iter(container, item)
            }
            _ => self.contains_by_iter(container, item),
        }
    }

    fn contains_by_iter(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        let it = match self.get_iter(container) {
            Ok(it) => it,
            Err(_) => {
                return Err(Exc::type_error(alloc::format!(
                    "argument of type '{}' is not iterable",
                    container.type_name()
                )))
            }
        };
        while let Some(x) = self.next(&it)? {
            if x.is(item) || self.eq(&x, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Three-way ordering for sorting and min/max, via `<`.
    pub fn less_than(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => Ok(x < y),
            (Value::Str(x), Value::Str(y)) => Ok(x.as_str() < y.as_str()),
            (Value::Float(x), Value::Float(y)) => Ok(x < y),
            _ => {
                let r = self.compare(CmpOp::Lt, a, b)?;
                self.truthy(&r)
            }
        }
    }
}

/// Exact comparison of an int with a float (no rounding of the int); `None` for NaN.
fn cmp_int_float(i: &Value, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    let t = libm::trunc(f);
    let whole = match i {
        Value::Int(x) if t.abs() < 9.0e18 => (*x).cmp(&(t as i64)),
        _ => to_big(i)?.cmp(&BigInt::from_f64(t)),
    };
    Some(whole.then(if f > t {
        Ordering::Less
    } else if f < t {
        Ordering::Greater
    } else {
        Ordering::Equal
    }))
}

pub(super) fn is_numeric(v: &Value) -> bool {
    matches!(
        v,
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::Float(_)
    )
}
