//! Hashing and dictionary/set access through the VM: `hash()` with `__hash__`, lookups
//! whose key equality may run Python `__eq__`, `dict.update`, and `except` matching.

use super::Vm;
use crate::ast::CmpOp;
use crate::dict::{hash_of, Dict, Find};
use crate::pystr::PyStr;
use crate::value::*;
use alloc::rc::Rc;
use alloc::vec::Vec;
use core::cell::RefCell;

impl Vm {
    /// `hash(v)`, calling `__hash__` on instances.
    pub fn hash(&mut self, v: &Value) -> PyResult<u64> {
        if let Some(h) = hash_of(v) {
            return Ok(h);
        }
        match v {
            Value::Instance(inst) => {
                let hf = inst.class.lookup(&PyStr::new("__hash__"));
                match hf {
                    Some(Value::None) => Err(Exc::type_error(alloc::format!(
                        "unhashable type: '{}'",
                        inst.class.name.as_str()
                    ))),
                    Some(f) => {
                        let r = self.call(&f, &[v.clone()], &[])?;
                        match r {
                            Value::Int(i) => Ok(crate::dict::hash_int(i)),
                            Value::BigInt(b) => Ok(b.hash() as u64),
                            Value::Bool(b) => Ok(b as u64),
                            _ => Err(Exc::type_error("__hash__ method should return an integer")),
                        }
                    }
                    None => {
                        if let Some(b) = base_of(v) {
                            return self.hash(&b);
                        }
                        // Classes that define __eq__ without __hash__ are unhashable.
                        if inst.class.lookup(&PyStr::new("__eq__")).is_some() {
                            return Err(Exc::type_error(alloc::format!(
                                "unhashable type: '{}'",
                                inst.class.name.as_str()
                            )));
                        }
                        Ok((Rc::as_ptr(inst) as usize >> 4) as u64)
                    }
                }
            }
            Value::Tuple(items) => {
                if self.depth >= self.recursion_limit {
                    return Err(Exc::new(
                        ExcKind::RecursionError,
                        "maximum recursion depth exceeded",
                    ));
                }
                let mut hashes = Vec::with_capacity(items.len());
                for item in items.iter() {
                    self.depth += 1;
                    let h = self.hash(item);
                    self.depth -= 1;
                    hashes.push(h?);
                }
                Ok(crate::dict::tuple_hash(&hashes))
            }
            other => Err(Exc::type_error(alloc::format!(
                "unhashable type: '{}'",
                other.type_name()
            ))),
        }
    }

    fn find_slow(
        &mut self,
        d: &Rc<RefCell<Dict>>,
        hash: u64,
        key: &Value,
    ) -> PyResult<Option<usize>> {
        let found = d.borrow().find(hash, key);
        match found {
            Find::Found(i) => Ok(Some(i)),
            Find::Missing => Ok(None),
            Find::Unsure(cands) => {
                for (i, k) in cands {
                    let r = self.compare(CmpOp::Eq, &k, key)?;
                    if self.truthy(&r)? {
                        return Ok(Some(i));
                    }
                }
                Ok(None)
            }
        }
    }

    pub fn dict_get(&mut self, d: &Rc<RefCell<Dict>>, key: &Value) -> PyResult<Option<Value>> {
        let h = self.hash(key)?;
        let pos = self.find_slow(d, h, key)?;
        Ok(pos.and_then(|i| d.borrow().entry_at(i).map(|e| e.value.clone())))
    }

    pub fn dict_set(&mut self, d: &Rc<RefCell<Dict>>, key: Value, value: Value) -> PyResult<()> {
        let h = self.hash(&key)?;
        let pos = self.find_slow(d, h, &key)?;
        let Ok(mut dm) = d.try_borrow_mut() else {
            return Err(Exc::new(
                ExcKind::RuntimeError,
                "dictionary changed size during iteration",
            ));
        };
        match pos {
            Some(i) => dm.set_at(i, value),
            None => {
                self.check_size(dm.len().saturating_mul(48))?;
                dm.insert_new(h, key, value)
            }
        }
        Ok(())
    }

    pub fn dict_remove(&mut self, d: &Rc<RefCell<Dict>>, key: &Value) -> PyResult<Option<Value>> {
        let h = self.hash(key)?;
        let pos = self.find_slow(d, h, key)?;
        Ok(match pos {
            Some(i) => d.borrow_mut().remove_at(i).map(|e| e.value),
            None => None,
        })
    }

    pub fn set_add(&mut self, s: &Rc<RefCell<Dict>>, key: Value) -> PyResult<()> {
        let h = self.hash(&key)?;
        if self.find_slow(s, h, &key)?.is_none() {
            s.borrow_mut().insert_new(h, key, Value::None);
        }
        Ok(())
    }

    /// `d.update(other)` for a dict, a mapping with `keys()`, or an iterable of pairs.
    pub fn dict_update(&mut self, d: &Rc<RefCell<Dict>>, other: &Value) -> PyResult<()> {
        match other {
            Value::Dict(o) => {
                let items: Vec<(Value, Value)> = o
                    .borrow()
                    .iter()
                    .map(|e| (e.key.clone(), e.value.clone()))
                    .collect();
                for (k, v) in items {
                    self.dict_set(d, k, v)?;
                }
            }
            _ => {
                if let Some(keys) = self.getattr_opt(other, "keys")? {
                    let ks = self.call(&keys, &[], &[])?;
                    for k in self.collect(&ks)? {
                        let v = self.getitem(other, &k)?;
                        self.dict_set(d, k, v)?;
                    }
                    return Ok(());
                }
                let items = self.collect(other)?;
                for (i, item) in items.into_iter().enumerate() {
                    let pair = self.collect(&item).map_err(|_| {
                        Exc::type_error(alloc::format!(
                            "cannot convert dictionary update sequence element #{} to a sequence",
                            i
                        ))
                    })?;
                    if pair.len() != 2 {
                        return Err(Exc::value_error(alloc::format!(
                            "dictionary update sequence element #{} has length {}; 2 is required",
                            i,
                            pair.len()
                        )));
                    }
                    let mut it = pair.into_iter();
                    if let (Some(k), Some(v)) = (it.next(), it.next()) {
                        self.dict_set(d, k, v)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// `isinstance(exc, t)` for `except` clauses; `t` may be a tuple.
    pub fn exception_matches(&mut self, exc: &Value, t: &Value) -> PyResult<bool> {
        match t {
            Value::Class(c) => {
                if !c.is_subclass(&self.types.base_exception) {
                    return Err(Exc::type_error(
                        "catching classes that do not inherit from BaseException is not allowed",
                    ));
                }
                Ok(self.types.type_of(exc).is_subclass(c))
            }
            Value::Tuple(items) => {
                for i in items.iter() {
                    if self.exception_matches(exc, i)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(Exc::type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    }
}
