//! Subscription and slicing (Python Language Reference §6.3.2, §6.3.3) and sequence
//! unpacking (§7.2).

use super::Vm;
use crate::value::*;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;

/// Resolved slice bounds for a sequence of `len` items (as `slice.indices`).
pub fn slice_indices(vm: &mut Vm, s: &Slice, len: i64) -> PyResult<(i64, i64, i64)> {
    let step = match &s.step {
        Value::None => 1,
        v => vm.index_value(v)?,
    };
    if step == 0 {
        return Err(Exc::value_error("slice step cannot be zero"));
    }
    let (lo_def, hi_def) = if step < 0 { (len - 1, -1) } else { (0, len) };
    let clamp = |v: i64| -> i64 {
        if v < 0 {
            let v = v + len;
            if v < 0 {
                if step < 0 {
                    -1
                } else {
                    0
                }
            } else {
                v
            }
        } else if v >= len {
            if step < 0 {
                len - 1
            } else {
                len
            }
        } else {
            v
        }
    };
    let start = match &s.start {
        Value::None => lo_def,
        v => clamp(vm.index_value(v)?),
    };
    let stop = match &s.stop {
        Value::None => hi_def,
        v => clamp(vm.index_value(v)?),
    };
    Ok((start, stop, step))
}

fn slice_positions(start: i64, stop: i64, step: i64) -> impl Iterator<Item = usize> {
    let mut i = start;
    core::iter::from_fn(move || {
        if (step > 0 && i < stop) || (step < 0 && i > stop) {
            let r = i as usize;
            i += step;
            Some(r)
        } else {
            None
        }
    })
}

impl Vm {
    /// An integer usable as an index (`__index__`).
    pub fn index_value(&mut self, v: &Value) -> PyResult<i64> {
        match v {
            Value::Int(i) => Ok(*i),
            Value::Bool(b) => Ok(*b as i64),
            Value::BigInt(b) => Ok(if b.is_negative() {
                i64::MIN / 2
            } else {
                i64::MAX / 2
            }),
            Value::Instance(_) if matches!(base_of(v), Some(Value::Int(_) | Value::Bool(_))) => {
                let b = base_of(v).unwrap_or(Value::Int(0));
                self.index_value(&b)
            }
            Value::Instance(_) => match self.call_dunder(v, "__index__", &[])? {
                Some(Value::Int(i)) => Ok(i),
                _ => Err(Exc::type_error(
                    "slice indices must be integers or None or have an __index__ method",
                )),
            },
            _ => Err(Exc::type_error(
                "slice indices must be integers or None or have an __index__ method",
            )),
        }
    }

    fn seq_index(&mut self, idx: &Value, len: usize, what: &str) -> PyResult<usize> {
        let i = match idx {
            Value::Int(i) => *i,
            Value::Bool(b) => *b as i64,
            Value::BigInt(_) => {
                return Err(Exc::index_error(
                    "cannot fit 'int' into an index-sized integer",
                ));
            }
            Value::Instance(_) => match self.call_dunder(idx, "__index__", &[])? {
                Some(Value::Int(i)) => i,
                _ => {
                    return Err(Exc::type_error(alloc::format!(
                        "{} indices must be integers or slices, not {}",
                        what,
                        idx.type_name()
                    )))
                }
            },
            _ => {
                return Err(Exc::type_error(alloc::format!(
                    "{} indices must be integers or slices, not {}",
                    what,
                    idx.type_name()
                )))
            }
        };
        let n = len as i64;
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return Err(Exc::index_error(alloc::format!(
                "{} index out of range",
                what
            )));
        }
        Ok(j as usize)
    }

    pub fn getitem(&mut self, obj: &Value, idx: &Value) -> PyResult {
        match obj {
            Value::List(l) => {
                if let Value::Slice(s) = idx {
                    let items = l.borrow().clone();
                    let (a, b, c) = slice_indices(self, s, items.len() as i64)?;
                    return Ok(Value::list(
                        slice_positions(a, b, c)
                            .filter_map(|i| items.get(i).cloned())
                            .collect(),
                    ));
                }
                if let Value::Int(i) = idx {
                    let l = l.borrow();
                    let n = l.len() as i64;
                    let j = if *i < 0 { i + n } else { *i };
                    if j >= 0 && j < n {
                        return Ok(l[j as usize].clone());
                    }
                    return Err(Exc::index_error("list index out of range"));
                }
                let len = l.borrow().len();
                let i = self.seq_index(idx, len, "list")?;
                l.borrow()
                    .get(i)
                    .cloned()
                    .ok_or_else(|| Exc::index_error("list index out of range"))
            }
            Value::Tuple(t) => {
                if let Value::Slice(s) = idx {
                    let (a, b, c) = slice_indices(self, s, t.len() as i64)?;
                    return Ok(Value::tuple(
                        slice_positions(a, b, c)
                            .filter_map(|i| t.get(i).cloned())
                            .collect(),
                    ));
                }
                let i = self.seq_index(idx, t.len(), "tuple")?;
                Ok(t[i].clone())
            }
            Value::Str(s) => {
                if let Value::Slice(sl) = idx {
                    let (a, b, c) = slice_indices(self, sl, s.char_len() as i64)?;
                    if c == 1 {
                        if b <= a {
                            return Ok(Value::str(""));
                        }
                        let (x, y) = (s.byte_offset(a as usize), s.byte_offset(b as usize));
                        return Ok(Value::str(&s.as_str()[x..y]));
                    }
                    let chars: Vec<char> = s.as_str().chars().collect();
                    let out: String = slice_positions(a, b, c)
                        .filter_map(|i| chars.get(i).copied())
                        .collect();
                    return Ok(Value::string(out));
                }
                let i = self.seq_index(idx, s.char_len(), "string")?;
                let c = s.char_at(i).unwrap_or(' ');
                let mut buf = [0u8; 4];
                Ok(Value::str(c.encode_utf8(&mut buf)))
            }
            Value::Bytes(b) => {
                if let Value::Slice(sl) = idx {
                    let (x, y, z) = slice_indices(self, sl, b.len() as i64)?;
                    return Ok(Value::Bytes(Rc::new(
                        slice_positions(x, y, z)
                            .filter_map(|i| b.get(i).copied())
                            .collect(),
                    )));
                }
                let i = self.seq_index(idx, b.len(), "index")?;
                Ok(Value::Int(b[i] as i64))
            }
            Value::Range(r) => {
                let n = r.len();
                if let Value::Slice(sl) = idx {
                    let (a, b, c) = slice_indices(self, sl, n)?;
                    return Ok(Value::Range(Rc::new(Range {
                        start: r.start.saturating_add(a.saturating_mul(r.step)),
                        stop: r.start.saturating_add(b.saturating_mul(r.step)),
                        step: r.step.saturating_mul(c),
                    })));
                }
                let i = self.seq_index(idx, n as usize, "range object")?;
                Ok(Value::Int(r.start + i as i64 * r.step))
            }
            Value::Dict(d) => match self.dict_get(d, idx)? {
                Some(v) => Ok(v),
                None => Err(self.key_error(idx)),
            },
            Value::Instance(inst) => {
                if let Some(r) = self.call_dunder(obj, "__getitem__", &[idx.clone()])? {
                    return Ok(r);
                }
                if let Some(b) = base_of(obj) {
                    return self.getitem(&b, idx);
                }
                Err(Exc::type_error(alloc::format!(
                    "'{}' object is not subscriptable",
                    inst.class.name.as_str()
                )))
            }
            Value::Class(c) => {
                if let Some(f) = c.lookup(&crate::pystr::PyStr::new("__class_getitem__")) {
                    let f = match f {
                        Value::ClassMethod(inner) => (*inner).clone(),
                        other => other,
                    };
                    return self.call(&f, &[obj.clone(), idx.clone()], &[]);
                }
                if c.builtin {
                    // list[int] and friends: generic aliases print like the class.
                    return Ok(obj.clone());
                }
                Err(Exc::type_error(alloc::format!(
                    "type '{}' is not subscriptable",
                    c.name.as_str()
                )))
            }
            _ => Err(Exc::type_error(alloc::format!(
                "'{}' object is not subscriptable",
                obj.type_name()
            ))),
        }
    }

    pub fn key_error(&mut self, key: &Value) -> Exc {
        let class = self.types.exception(ExcKind::KeyError);
        let e = self.new_exception(class, alloc::vec![key.clone()]);
        Exc::object(e)
    }

    pub fn setitem(&mut self, obj: &Value, idx: Value, value: Value) -> PyResult<()> {
        match obj {
            Value::List(l) => {
                if let Value::Slice(s) = &idx {
                    let new = self.collect(&value)?;
                    let len = l.borrow().len() as i64;
                    let (a, b, c) = slice_indices(self, s, len)?;
                    if c == 1 {
                        let b = b.max(a);
                        let mut lm = l.borrow_mut();
                        lm.splice(a as usize..b as usize, new);
                        return Ok(());
                    }
                    let positions: Vec<usize> = slice_positions(a, b, c).collect();
                    if positions.len() != new.len() {
                        return Err(Exc::value_error(alloc::format!(
                            "attempt to assign sequence of size {} to extended slice of size {}",
                            new.len(),
                            positions.len()
                        )));
                    }
                    let mut lm = l.borrow_mut();
                    for (p, v) in positions.into_iter().zip(new) {
                        if let Some(slot) = lm.get_mut(p) {
                            *slot = v;
                        }
                    }
                    return Ok(());
                }
                let len = l.borrow().len();
                let i = self.seq_index(&idx, len, "list assignment")?;
                if let Some(slot) = l.borrow_mut().get_mut(i) {
                    *slot = value;
                }
                Ok(())
            }
            Value::Dict(d) => self.dict_set(d, idx, value),
            Value::Instance(inst) => {
                if inst
                    .class
                    .lookup(&crate::pystr::PyStr::new("__setitem__"))
                    .is_none()
                {
                    if let Some(b) = base_of(obj) {
                        return self.setitem(&b, idx, value);
                    }
                }
                if self
                    .call_dunder(obj, "__setitem__", &[idx, value])?
                    .is_some()
                {
                    return Ok(());
                }
                Err(Exc::type_error(alloc::format!(
                    "'{}' object does not support item assignment",
                    inst.class.name.as_str()
                )))
            }
            _ => Err(Exc::type_error(alloc::format!(
                "'{}' object does not support item assignment",
                obj.type_name()
            ))),
        }
    }

    pub fn delitem(&mut self, obj: &Value, idx: &Value) -> PyResult<()> {
        match obj {
            Value::List(l) => {
                if let Value::Slice(s) = idx {
                    let len = l.borrow().len() as i64;
                    let (a, b, c) = slice_indices(self, s, len)?;
                    let mut positions: Vec<usize> = slice_positions(a, b, c).collect();
                    positions.sort_unstable();
                    let mut lm = l.borrow_mut();
                    for p in positions.into_iter().rev() {
                        if p < lm.len() {
                            lm.remove(p);
                        }
                    }
                    return Ok(());
                }
                let len = l.borrow().len();
                let i = self.seq_index(idx, len, "list assignment")?;
                let mut lm = l.borrow_mut();
                if i >= lm.len() {
                    return Err(Exc::index_error("list assignment index out of range"));
                }
                lm.remove(i);
                Ok(())
            }
            Value::Dict(d) => match self.dict_remove(d, idx)? {
                Some(_) => Ok(()),
                None => Err(self.key_error(idx)),
            },
            Value::Instance(inst) => {
                if self
                    .call_dunder(obj, "__delitem__", &[idx.clone()])?
                    .is_some()
                {
                    return Ok(());
                }
                if let Some(b) = base_of(obj) {
                    return self.delitem(&b, idx);
                }
                Err(Exc::type_error(alloc::format!(
                    "'{}' object does not support item deletion",
                    inst.class.name.as_str()
                )))
            }
            _ => Err(Exc::type_error(alloc::format!(
                "'{}' object does not support item deletion",
                obj.type_name()
            ))),
        }
    }

    /// Iterates any iterable into a vector.
    pub fn collect(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        match v {
            Value::List(l) => return Ok(l.borrow().clone()),
            Value::Tuple(t) => return Ok((**t).clone()),
            _ => {}
        }
        let it = self.get_iter(v)?;
        let mut out = Vec::new();
        while let Some(x) = self.next(&it)? {
            if out.len() & 0xfff == 0xfff {
                self.check_size(out.len() * 16)?;
                self.tick()?;
            }
            out.push(x);
        }
        Ok(out)
    }

    pub fn unpack(&mut self, v: &Value, n: usize) -> PyResult<Vec<Value>> {
        let items = match v {
            Value::Tuple(t) => {
                if t.len() == n {
                    return Ok((**t).clone());
                }
                (**t).clone()
            }
            _ => {
                if !self.is_iterable(v) {
                    return Err(Exc::type_error(alloc::format!(
                        "cannot unpack non-iterable {} object",
                        v.type_name()
                    )));
                }
                self.collect(v)?
            }
        };
        if items.len() < n {
            return Err(Exc::value_error(alloc::format!(
                "not enough values to unpack (expected {}, got {})",
                n,
                items.len()
            )));
        }
        if items.len() > n {
            return Err(Exc::value_error(alloc::format!(
                "too many values to unpack (expected {})",
                n
            )));
        }
        Ok(items)
    }

    pub fn is_iterable(&self, v: &Value) -> bool {
        match v {
            Value::Instance(i) => {
                i.class
                    .lookup(&crate::pystr::PyStr::new("__iter__"))
                    .is_some()
                    || i.class
                        .lookup(&crate::pystr::PyStr::new("__getitem__"))
                        .is_some()
            }
            Value::Str(_)
            | Value::Bytes(_)
            | Value::List(_)
            | Value::Tuple(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::FrozenSet(_)
            | Value::Range(_)
            | Value::Iter(_)
            | Value::Generator(_)
            | Value::View(_) => true,
            _ => false,
        }
    }
}
