//! Iterators (Python Library Reference, "Iterator Types"): the iterator objects of built-in
//! containers and of `enumerate`, `zip`, `map`, `filter`, `reversed`, plus the protocol for
//! user classes (`__iter__` / `__next__`) and generators. `next` returns `Ok(None)` at the
//! end instead of raising StopIteration, so loops pay nothing for exhaustion.

use crate::dict::Dict;
use crate::pystr::PyStr;
use crate::value::*;
use crate::vm::Vm;
use alloc::rc::Rc;
use alloc::vec::Vec;
use core::cell::RefCell;

pub enum IterObj {
    List {
        list: Rc<RefCell<Vec<Value>>>,
        pos: usize,
    },
    Tuple {
        items: Rc<Vec<Value>>,
        pos: usize,
    },
    Str {
        s: Rc<PyStr>,
        byte: usize,
    },
    Bytes {
        b: Rc<Vec<u8>>,
        pos: usize,
    },
    Range {
        next: i64,
        stop: i64,
        step: i64,
    },
    Dict {
        d: Rc<RefCell<Dict>>,
        pos: usize,
        kind: ViewKind,
        version: u64,
        len: usize,
    },
    /// A snapshot of values (frozensets, reversed sequences, sorted results...).
    Values {
        items: Vec<Value>,
        pos: usize,
    },
    Enumerate {
        it: Value,
        n: Value,
    },
    Zip {
        its: Vec<Value>,
        strict: bool,
    },
    Map {
        f: Value,
        its: Vec<Value>,
    },
    Filter {
        f: Value,
        it: Value,
    },
    ReversedList {
        list: Rc<RefCell<Vec<Value>>>,
        pos: usize,
    },
    /// `iter(callable, sentinel)`.
    Callable {
        f: Value,
        sentinel: Value,
    },
    /// `__getitem__`-based iteration for old-style sequences.
    GetItem {
        obj: Value,
        pos: i64,
    },
    Count {
        n: Value,
        step: Value,
    },
    Done,
}

impl IterObj {
    pub fn type_name(&self) -> &'static str {
        match self {
            IterObj::List { .. } => "list_iterator",
            IterObj::Tuple { .. } => "tuple_iterator",
            IterObj::Str { .. } => "str_ascii_iterator",
            IterObj::Bytes { .. } => "bytes_iterator",
            IterObj::Range { .. } => "range_iterator",
            IterObj::Dict {
                kind: ViewKind::Keys,
                ..
            } => "dict_keyiterator",
            IterObj::Dict {
                kind: ViewKind::Values,
                ..
            } => "dict_valueiterator",
            IterObj::Dict { .. } => "dict_itemiterator",
            IterObj::Enumerate { .. } => "enumerate",
            IterObj::Zip { .. } => "zip",
            IterObj::Map { .. } => "map",
            IterObj::Filter { .. } => "filter",
            IterObj::ReversedList { .. } => "list_reverseiterator",
            IterObj::Callable { .. } => "callable_iterator",
            IterObj::Count { .. } => "itertools.count",
            _ => "iterator",
        }
    }
}

pub fn iter_value(obj: IterObj) -> Value {
    Value::Iter(Rc::new(RefCell::new(obj)))
}

impl Vm {
    /// `iter(v)`.
    pub fn get_iter(&mut self, v: &Value) -> PyResult {
        let obj = match v {
            Value::List(l) => IterObj::List {
                list: l.clone(),
                pos: 0,
            },
            Value::Tuple(t) => IterObj::Tuple {
                items: t.clone(),
                pos: 0,
            },
            Value::Str(s) => IterObj::Str {
                s: s.clone(),
                byte: 0,
            },
            Value::Bytes(b) => IterObj::Bytes {
                b: b.clone(),
                pos: 0,
            },
            Value::Range(r) => IterObj::Range {
                next: r.start,
                stop: r.stop,
                step: r.step,
            },
            Value::Set(d) => IterObj::Values {
                items: d.borrow().set_order_keys(),
                pos: 0,
            },
            Value::Dict(d) => {
                let (version, len) = {
                    let b = d.borrow();
                    (b.version, b.len())
                };
                IterObj::Dict {
                    d: d.clone(),
                    pos: 0,
                    kind: ViewKind::Keys,
                    version,
                    len,
                }
            }
            Value::View(view) => {
                let (version, len) = {
                    let b = view.0.borrow();
                    (b.version, b.len())
                };
                IterObj::Dict {
                    d: view.0.clone(),
                    pos: 0,
                    kind: view.1,
                    version,
                    len,
                }
            }
            Value::FrozenSet(d) => IterObj::Values {
                items: d.set_order_keys(),
                pos: 0,
            },
            Value::Iter(_) | Value::Generator(_) => return Ok(v.clone()),
            // Enum classes iterate over their members (a metaclass __iter__ in CPython).
            Value::Class(c) if c.lookup(&PyStr::new("_member_map_")).is_some() => {
                let map = c.lookup(&PyStr::new("_member_map_")).unwrap_or(Value::None);
                let members = match map {
                    Value::Dict(d) => d.borrow().iter().map(|e| e.value.clone()).collect(),
                    _ => Vec::new(),
                };
                IterObj::Values {
                    items: members,
                    pos: 0,
                }
            }
            Value::Instance(inst) => {
                if let Some(f) = inst.class.lookup(&PyStr::new("__iter__")) {
                    let it = self.call(&f, &[v.clone()], &[])?;
                    if let Value::Instance(ii) = &it {
                        if ii.class.lookup(&PyStr::new("__next__")).is_none() {
                            return Err(Exc::type_error(alloc::format!(
                                "iter() returned non-iterator of type '{}'",
                                ii.class.name.as_str()
                            )));
                        }
                    }
                    return Ok(it);
                }
                if let Some(b) = base_of(v) {
                    return self.get_iter(&b);
                }
                if inst.class.lookup(&PyStr::new("__getitem__")).is_some() {
                    IterObj::GetItem {
                        obj: v.clone(),
                        pos: 0,
                    }
                } else {
                    return Err(Exc::type_error(alloc::format!(
                        "'{}' object is not iterable",
                        inst.class.name.as_str()
                    )));
                }
            }
            other => {
                return Err(Exc::type_error(alloc::format!(
                    "'{}' object is not iterable",
                    other.type_name()
                )))
            }
        };
        Ok(iter_value(obj))
    }

    /// Advances an iterator: `Ok(None)` when exhausted.
    pub fn next(&mut self, it: &Value) -> PyResult<Option<Value>> {
        self.tick()?;
        match it {
            Value::Iter(cell) => self.next_builtin(cell),
            Value::Generator(g) => crate::generator::resume(self, g, Value::None),
            Value::Instance(inst) => {
                let Some(f) = inst.class.lookup(&PyStr::new("__next__")) else {
                    return Err(Exc::type_error(alloc::format!(
                        "'{}' object is not an iterator",
                        inst.class.name.as_str()
                    )));
                };
                match self.call(&f, &[it.clone()], &[]) {
                    Ok(v) => Ok(Some(v)),
                    Err(e) => {
                        if self.is_stop_iteration(&e) {
                            Ok(None)
                        } else {
                            Err(e)
                        }
                    }
                }
            }
            other => Err(Exc::type_error(alloc::format!(
                "'{}' object is not an iterator",
                other.type_name()
            ))),
        }
    }

    pub fn is_stop_iteration(&self, e: &Exc) -> bool {
        match &*e.0 {
            ExcRepr::Native(k, _) => *k == ExcKind::StopIteration,
            ExcRepr::Object(v) => self.is_exception_instance(v, ExcKind::StopIteration),
        }
    }

    fn next_builtin(&mut self, cell: &Rc<RefCell<IterObj>>) -> PyResult<Option<Value>> {
        // Fast cases are handled under one borrow; the rest clone what they need and
        // release the borrow before calling back into Python code.
        {
            let mut st = cell.borrow_mut();
            match &mut *st {
                IterObj::Range { next, stop, step } => {
                    let cur = *next;
                    if (*step > 0 && cur < *stop) || (*step < 0 && cur > *stop) {
                        *next = cur.saturating_add(*step);
                        if *next == cur {
                            *next = *stop;
                        }
                        return Ok(Some(Value::Int(cur)));
                    }
                    return Ok(None);
                }
                IterObj::List { list, pos } => {
                    let v = list.borrow().get(*pos).cloned();
                    *pos += 1;
                    return Ok(v);
                }
                IterObj::Tuple { items, pos } => {
                    let v = items.get(*pos).cloned();
                    *pos += 1;
                    return Ok(v);
                }
                IterObj::Str { s, byte } => {
                    let rest = &s.as_str()[*byte..];
                    return Ok(match rest.chars().next() {
                        Some(c) => {
                            *byte += c.len_utf8();
                            let mut buf = [0u8; 4];
                            Some(Value::str(c.encode_utf8(&mut buf)))
                        }
                        None => None,
                    });
                }
                IterObj::Bytes { b, pos } => {
                    let v = b.get(*pos).map(|&x| Value::Int(x as i64));
                    *pos += 1;
                    return Ok(v);
                }
                IterObj::Values { items, pos } => {
                    let v = items.get(*pos).cloned();
                    *pos += 1;
                    return Ok(v);
                }
                IterObj::ReversedList { list, pos } => {
                    if *pos == 0 {
                        return Ok(None);
                    }
                    *pos -= 1;
                    return Ok(list.borrow().get(*pos).cloned());
                }
                IterObj::Dict {
                    d,
                    pos,
                    kind,
                    version,
                    len,
                } => {
                    let d = d.borrow();
                    if d.version != *version && d.len() != *len {
                        *version = d.version;
                        return Err(Exc::new(
                            ExcKind::RuntimeError,
                            "dictionary changed size during iteration",
                        ));
                    }
                    while *pos < d.slots() {
                        let p = *pos;
                        *pos += 1;
                        if let Some(e) = d.entry_at(p) {
                            return Ok(Some(match kind {
                                ViewKind::Keys => e.key.clone(),
                                ViewKind::Values => e.value.clone(),
                                ViewKind::Items => {
                                    Value::tuple(alloc::vec![e.key.clone(), e.value.clone()])
                                }
                            }));
                        }
                    }
                    return Ok(None);
                }
                IterObj::Done => return Ok(None),
                _ => {}
            }
        }
        let snapshot = {
            let st = cell.borrow();
            match &*st {
                IterObj::Enumerate { it, n } => (1, alloc::vec![it.clone(), n.clone()]),
                IterObj::Zip { its, strict } => (2 + *strict as u8, its.clone()),
                IterObj::Map { f, its } => {
                    let mut v = alloc::vec![f.clone()];
                    v.extend(its.iter().cloned());
                    (4, v)
                }
                IterObj::Filter { f, it } => (5, alloc::vec![f.clone(), it.clone()]),
                IterObj::Callable { f, sentinel } => (6, alloc::vec![f.clone(), sentinel.clone()]),
                IterObj::GetItem { obj, pos } => (7, alloc::vec![obj.clone(), Value::Int(*pos)]),
                IterObj::Count { n, step } => (8, alloc::vec![n.clone(), step.clone()]),
                _ => (0, Vec::new()),
            }
        };
        let (tag, vals) = snapshot;
        match tag {
            1 => {
                let Some(x) = self.next(&vals[0])? else {
                    return Ok(None);
                };
                let n = vals[1].clone();
                let next_n = self.binary(crate::ast::BinOp::Add, &n, &Value::Int(1))?;
                if let IterObj::Enumerate { n: slot, .. } = &mut *cell.borrow_mut() {
                    *slot = next_n;
                }
                Ok(Some(Value::tuple(alloc::vec![n, x])))
            }
            2 | 3 => {
                let mut out = Vec::with_capacity(vals.len());
                for (i, it) in vals.iter().enumerate() {
                    match self.next(it)? {
                        Some(x) => out.push(x),
                        None => {
                            if tag == 3 && (i > 0 || vals[1..].iter().any(|_| true)) {
                                if i > 0 {
                                    return Err(Exc::value_error(alloc::format!(
                                        "zip() argument {} is shorter than argument{} 1{}",
                                        i + 1,
                                        if i > 1 { "s" } else { "" },
                                        if i > 1 {
                                            alloc::format!("-{}", i)
                                        } else {
                                            alloc::string::String::new()
                                        }
                                    )));
                                }
                                for (j, other) in vals.iter().enumerate().skip(1) {
                                    if self.next(other)?.is_some() {
                                        return Err(Exc::value_error(alloc::format!(
                                            "zip() argument {} is longer than argument{} 1{}",
                                            j + 1,
                                            if j > 1 { "s" } else { "" },
                                            if j > 1 {
                                                alloc::format!("-{}", j)
                                            } else {
                                                alloc::string::String::new()
                                            }
                                        )));
                                    }
                                }
                            }
                            *cell.borrow_mut() = IterObj::Done;
                            return Ok(None);
                        }
                    }
                }
                if out.is_empty() {
                    return Ok(None);
                }
                Ok(Some(Value::tuple(out)))
            }
            4 => {
                let mut args = Vec::with_capacity(vals.len() - 1);
                for it in &vals[1..] {
                    match self.next(it)? {
                        Some(x) => args.push(x),
                        None => return Ok(None),
                    }
                }
                self.call(&vals[0], &args, &[]).map(Some)
            }
            5 => loop {
                let Some(x) = self.next(&vals[1])? else {
                    return Ok(None);
                };
                let keep = if vals[0].is_none() {
                    self.truthy(&x)?
                } else {
                    let r = self.call(&vals[0], &[x.clone()], &[])?;
                    self.truthy(&r)?
                };
                if keep {
                    return Ok(Some(x));
                }
            },
            6 => {
                let r = self.call(&vals[0], &[], &[])?;
                if self.eq(&r, &vals[1])? {
                    *cell.borrow_mut() = IterObj::Done;
                    return Ok(None);
                }
                Ok(Some(r))
            }
            7 => {
                let pos = match vals[1] {
                    Value::Int(p) => p,
                    _ => 0,
                };
                match self.getitem(&vals[0], &Value::Int(pos)) {
                    Ok(v) => {
                        if let IterObj::GetItem { pos: p, .. } = &mut *cell.borrow_mut() {
                            *p += 1;
                        }
                        Ok(Some(v))
                    }
                    Err(e) => {
                        let stop = match &*e.0 {
                            ExcRepr::Native(k, _) => {
                                matches!(k, ExcKind::IndexError | ExcKind::StopIteration)
                            }
                            ExcRepr::Object(v) => {
                                self.is_exception_instance(v, ExcKind::IndexError)
                                    || self.is_exception_instance(v, ExcKind::StopIteration)
                            }
                        };
                        if stop {
                            *cell.borrow_mut() = IterObj::Done;
                            Ok(None)
                        } else {
                            Err(e)
                        }
                    }
                }
            }
            8 => {
                let next = self.binary(crate::ast::BinOp::Add, &vals[0], &vals[1])?;
                if let IterObj::Count { n, .. } = &mut *cell.borrow_mut() {
                    *n = next;
                }
                Ok(Some(vals[0].clone()))
            }
            _ => Ok(None),
        }
    }
}
