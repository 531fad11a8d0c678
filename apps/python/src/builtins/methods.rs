//! Methods of the built-in types other than `str` (Python Library Reference, "Built-in
//! Types": sequence, mapping and set operations, numeric methods, generator methods).
//! Dispatch is by receiver type, then by method name.

use super::{arg_count, check_kwargs, kwarg};
use crate::dict::Dict;
use crate::pystr::PyStr;
use crate::value::*;
use crate::vm::Vm;
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::cell::RefCell;

type Kw<'a> = &'a [(Rc<PyStr>, Value)];

const LIST: &[&str] = &[
    "append",
    "extend",
    "pop",
    "insert",
    "remove",
    "index",
    "count",
    "sort",
    "reverse",
    "copy",
    "clear",
    "__len__",
    "__getitem__",
    "__contains__",
    "__iter__",
];
const TUPLE: &[&str] = &[
    "index",
    "count",
    "__len__",
    "__getitem__",
    "__contains__",
    "__iter__",
];
const DICT: &[&str] = &[
    "get",
    "keys",
    "values",
    "items",
    "pop",
    "popitem",
    "setdefault",
    "update",
    "copy",
    "clear",
    "fromkeys",
    "__len__",
    "__getitem__",
    "__setitem__",
    "__contains__",
    "__iter__",
];
const SET: &[&str] = &[
    "add",
    "remove",
    "discard",
    "pop",
    "clear",
    "copy",
    "update",
    "union",
    "intersection",
    "difference",
    "symmetric_difference",
    "issubset",
    "issuperset",
    "isdisjoint",
    "intersection_update",
    "difference_update",
    "symmetric_difference_update",
    "__len__",
    "__contains__",
    "__iter__",
];
const FROZENSET: &[&str] = &[
    "copy",
    "union",
    "intersection",
    "difference",
    "symmetric_difference",
    "issubset",
    "issuperset",
    "isdisjoint",
    "__len__",
    "__contains__",
    "__iter__",
];
const INT: &[&str] = &[
    "bit_length",
    "bit_count",
    "to_bytes",
    "from_bytes",
    "conjugate",
    "is_integer",
    "as_integer_ratio",
    "__add__",
    "__sub__",
    "__mul__",
    "__index__",
];
const FLOAT: &[&str] = &[
    "is_integer",
    "as_integer_ratio",
    "hex",
    "conjugate",
    "fromhex",
    "__add__",
    "__sub__",
    "__mul__",
];
const BYTES: &[&str] = &[
    "decode",
    "hex",
    "count",
    "find",
    "index",
    "startswith",
    "endswith",
    "split",
    "join",
    "strip",
    "upper",
    "lower",
    "replace",
    "fromhex",
    "__len__",
    "__getitem__",
];
const GENERATOR: &[&str] = &["send", "throw", "close", "__next__", "__iter__"];
const ITER: &[&str] = &["__next__", "__iter__"];
const RANGE: &[&str] = &["index", "count", "__len__", "__iter__", "__contains__"];
const VIEW: &[&str] = &[
    "isdisjoint",
    "__len__",
    "__iter__",
    "__contains__",
    "mapping",
];
const PROPERTY: &[&str] = &["setter", "getter", "deleter", "__get__"];

pub fn method_names(v: &Value) -> &'static [&'static str] {
    match v {
        Value::Str(_) => super::strmethods::NAMES,
        Value::List(_) => LIST,
        Value::Tuple(_) => TUPLE,
        Value::Dict(_) => DICT,
        Value::Set(_) => SET,
        Value::FrozenSet(_) => FROZENSET,
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => INT,
        Value::Float(_) => FLOAT,
        Value::Bytes(_) => BYTES,
        Value::Generator(_) => GENERATOR,
        Value::Iter(_) => ITER,
        Value::Range(_) => RANGE,
        Value::View(_) => VIEW,
        Value::Property(_) => PROPERTY,
        _ => &[],
    }
}

pub fn has_method(v: &Value, name: &str) -> bool {
    method_names(v).contains(&name)
        || matches!(
            name,
            "__str__" | "__repr__" | "__eq__" | "__hash__" | "__format__" | "__class__"
        ) && !matches!(v, Value::Instance(_))
}

pub fn type_has_method(kind: TypeKind, name: &str) -> bool {
    let names: &[&str] = match kind {
        TypeKind::Str => super::strmethods::NAMES,
        TypeKind::List => LIST,
        TypeKind::Tuple => TUPLE,
        TypeKind::Dict => DICT,
        TypeKind::Set => SET,
        TypeKind::FrozenSet => FROZENSET,
        TypeKind::Int | TypeKind::Bool => INT,
        TypeKind::Float => FLOAT,
        TypeKind::Bytes => BYTES,
        _ => &[],
    };
    names.contains(&name) || matches!(name, "__init__" | "__new__" | "__str__" | "__repr__")
}

/// Methods called on the class itself (`dict.fromkeys`, `int.from_bytes`).
pub fn is_class_method(kind: TypeKind, name: &str) -> bool {
    matches!(
        (kind, name),
        (TypeKind::Dict, "fromkeys")
            | (TypeKind::Int, "from_bytes")
            | (TypeKind::Str, "maketrans")
            | (TypeKind::Float, "fromhex")
            | (TypeKind::Bytes, "fromhex")
    )
}

fn int_arg(v: &Value, what: &str) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        other => Err(Exc::type_error(alloc::format!(
            "'{}' object cannot be interpreted as an integer{}",
            other.type_name(),
            what
        ))),
    }
}

impl Vm {
    /// Calls method `name` of a built-in receiver (or any object, via getattr).
    pub fn call_method(
        &mut self,
        recv: &Value,
        name: &Rc<PyStr>,
        args: &[Value],
        kw: Kw,
    ) -> PyResult {
        let n = name.as_str();
        if let Some(rest) = n.strip_prefix("object.") {
            return self.object_method(recv, rest, args, kw);
        }
        match recv {
            Value::Str(s) => super::strmethods::call(self, s, n, args, kw),
            Value::List(l) => self.list_method(l, recv, n, args, kw),
            Value::Tuple(t) => {
                let items = (**t).clone();
                self.seq_method("tuple", &items, n, args)
            }
            Value::Dict(d) => self.dict_method(d, n, args, kw),
            Value::Set(s) => self.set_method(recv, s, n, args),
            Value::FrozenSet(s) => {
                let d = Rc::new(RefCell::new((**s).clone()));
                let r = self.set_method(recv, &d, n, args)?;
                Ok(match r {
                    Value::Set(x) => {
                        let inner = x.borrow().clone();
                        Value::FrozenSet(Rc::new(inner))
                    }
                    other => other,
                })
            }
            Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => self.int_method(recv, n, args, kw),
            Value::Float(f) => self.float_method(*f, n, args),
            Value::Bytes(b) => self.bytes_method(b, n, args),
            Value::Generator(g) => self.generator_method(g, n, args),
            Value::Iter(_) if n == "__next__" => match self.next(recv)? {
                Some(v) => Ok(v),
                None => Err(Exc::new(ExcKind::StopIteration, "")),
            },
            Value::Range(r) => {
                let items: Vec<Value> = if r.len() < 1_000_000 {
                    self.collect(recv)?
                } else {
                    Vec::new()
                };
                self.seq_method("range", &items, n, args)
            }
            Value::Property(p) => {
                arg_count(n, args, 1, 1)?;
                let f = args[0].clone();
                let (mut g, mut s, mut d) = (p.fget.clone(), p.fset.clone(), p.fdel.clone());
                match n {
                    "setter" => s = f,
                    "getter" => g = f,
                    "deleter" => d = f,
                    _ => return Err(Exc::new(ExcKind::AttributeError, "property method")),
                }
                Ok(Value::Property(Rc::new(Property {
                    fget: g,
                    fset: s,
                    fdel: d,
                    doc: p.doc.clone(),
                })))
            }
            Value::Class(c) => self.class_method(c, n, args, kw),
            Value::View(v) => match n {
                "isdisjoint" => {
                    arg_count("isdisjoint", args, 1, 1)?;
                    let d = v.0.clone();
                    for x in self.collect(&args[0])? {
                        if self.dict_get(&d, &x)?.is_some() {
                            return Ok(Value::Bool(false));
                        }
                    }
                    Ok(Value::Bool(true))
                }
                _ => self.generic_dunder(recv, n, args),
            },
            _ => {
                let f = self.getattr(recv, name)?;
                self.call(&f, args, kw)
            }
        }
    }

    /// `__len__`, `__getitem__`, `__contains__` and friends called explicitly.
    fn generic_dunder(&mut self, recv: &Value, n: &str, args: &[Value]) -> PyResult {
        match (n, args) {
            ("__len__", []) => Ok(Value::Int(super::functions::len_of(self, recv)? as i64)),
            ("__getitem__", [i]) => self.getitem(recv, i),
            ("__setitem__", [i, v]) => {
                self.setitem(recv, i.clone(), v.clone())?;
                Ok(Value::None)
            }
            ("__contains__", [x]) => Ok(Value::Bool(self.contains(recv, x)?)),
            ("__iter__", []) => self.get_iter(recv),
            ("__str__", []) => Ok(Value::string(self.to_str(recv)?)),
            ("__repr__", []) => Ok(Value::string(self.repr(recv)?)),
            ("__eq__", [x]) => self.compare(crate::ast::CmpOp::Eq, recv, x),
            ("__hash__", []) => Ok(Value::Int(self.hash(recv)? as i64)),
            ("__format__", [spec]) => {
                let s = match spec {
                    Value::Str(s) => s.as_str().into(),
                    _ => String::new(),
                };
                Ok(Value::string(self.format_value(recv, &s)?))
            }
            ("__index__", []) => Ok(recv.clone()),
            ("__add__", [x]) => self.binary(crate::ast::BinOp::Add, recv, x),
            ("__sub__", [x]) => self.binary(crate::ast::BinOp::Sub, recv, x),
            ("__mul__", [x]) => self.binary(crate::ast::BinOp::Mul, recv, x),
            _ => Err(Exc::new(
                ExcKind::AttributeError,
                alloc::format!("'{}' object has no attribute '{}'", recv.type_name(), n),
            )),
        }
    }

    fn object_method(&mut self, recv: &Value, name: &str, args: &[Value], _kw: Kw) -> PyResult {
        match name {
            "__init__" | "__init_subclass__" => Ok(Value::None),
            "base_init" => {
                if let Value::Instance(inst) = recv {
                    if is_value_kind(inst.class.kind) {
                        let base_class = self.builtin_class_for(inst.class.kind);
                        let v = super::construct(self, &base_class, args, _kw)?;
                        *inst.base_value.borrow_mut() = Some(v);
                    }
                }
                Ok(Value::None)
            }
            "exc_init" => {
                crate::vm::set_attr_pub(recv, "args", Value::tuple(args.to_vec()));
                Ok(Value::None)
            }
            "exc_str" => {
                let r = match recv {
                    Value::Instance(i) => match i.dict.borrow().get_by_str("args") {
                        Some(Value::Tuple(t)) if t.len() == 1 => Some(t[0].clone()),
                        Some(Value::Tuple(t)) if t.is_empty() => Some(Value::str("")),
                        Some(other) => Some(other),
                        None => None,
                    },
                    _ => None,
                };
                match r {
                    Some(v @ Value::Tuple(_)) => Ok(Value::string(self.repr(&v)?)),
                    Some(v) => Ok(Value::string(self.to_str(&v)?)),
                    None => Ok(Value::str("")),
                }
            }
            "exc_repr" => {
                let name = match recv {
                    Value::Instance(i) => i.class.name.as_str().to_string(),
                    _ => String::new(),
                };
                let args = match recv {
                    Value::Instance(i) => i.dict.borrow().get_by_str("args"),
                    _ => None,
                };
                let inner = match args {
                    Some(Value::Tuple(t)) if t.len() == 1 => self.repr(&t[0])?,
                    Some(v @ Value::Tuple(_)) => {
                        let r = self.repr(&v)?;
                        r[1..r.len() - 1].to_string()
                    }
                    _ => String::new(),
                };
                Ok(Value::string(alloc::format!("{}({})", name, inner)))
            }
            "__new__" => match args.first() {
                Some(Value::Class(c)) => {
                    let c = c.clone();
                    Ok(self.new_instance(&c, &args[1..]))
                }
                _ => match recv {
                    Value::Class(c) => {
                        let c = c.clone();
                        Ok(self.new_instance(&c, &[]))
                    }
                    _ => Err(Exc::type_error("object.__new__(X): X is not a type object")),
                },
            },
            "__setattr__" => {
                arg_count("__setattr__", args, 2, 2)?;
                let Value::Str(n) = &args[0] else {
                    return Err(Exc::type_error("attribute name must be string"));
                };
                self.object_setattr(recv, n, args[1].clone())?;
                Ok(Value::None)
            }
            "__getattribute__" => {
                arg_count("__getattribute__", args, 1, 1)?;
                let Value::Str(n) = &args[0] else {
                    return Err(Exc::type_error("attribute name must be string"));
                };
                self.getattr(recv, n)
            }
            "__delattr__" => {
                if let (Value::Instance(i), Some(Value::Str(n))) = (recv, args.first()) {
                    let rc = Rc::new(RefCell::new(i.dict.borrow().clone()));
                    if crate::vm::dict_remove_str_pub(&rc, n) {
                        *i.dict.borrow_mut() = rc.borrow().clone();
                    }
                }
                Ok(Value::None)
            }
            "__repr__" | "__str__" => {
                if let Value::Instance(inst) = recv {
                    return Ok(Value::string(alloc::format!(
                        "<{}.{} object at 0x{:x}>",
                        inst.class.module,
                        inst.class.qualname,
                        recv.ptr().unwrap_or(0)
                    )));
                }
                Ok(Value::string(self.repr(recv)?))
            }
            "__eq__" => Ok(match args.first() {
                Some(o) if o.is(recv) => Value::Bool(true),
                _ => Value::NotImplemented,
            }),
            "__ne__" => Ok(match args.first() {
                Some(o) => Value::Bool(!o.is(recv)),
                None => Value::NotImplemented,
            }),
            "__hash__" => Ok(Value::Int((recv.ptr().unwrap_or(0) >> 4) as i64)),
            _ => Err(Exc::new(
                ExcKind::AttributeError,
                alloc::format!("'object' has no attribute '{}'", name),
            )),
        }
    }

    fn class_method(&mut self, c: &Rc<Class>, n: &str, args: &[Value], kw: Kw) -> PyResult {
        match (c.kind, n) {
            (_, "mro") => Ok(Value::list(
                c.mro_iter().map(|x| Value::Class(x.clone())).collect(),
            )),
            (TypeKind::Dict, "fromkeys") => {
                arg_count("fromkeys", args, 1, 2)?;
                let v = args.get(1).cloned().unwrap_or(Value::None);
                let d = Rc::new(RefCell::new(Dict::new()));
                for k in self.collect(&args[0])? {
                    self.dict_set(&d, k, v.clone())?;
                }
                Ok(Value::Dict(d))
            }
            (TypeKind::Int, "from_bytes") => {
                check_kwargs("from_bytes", kw, &["byteorder", "signed"])?;
                let bytes = match args.first() {
                    Some(v) => self.collect(v)?,
                    None => {
                        return Err(Exc::type_error(
                            "from_bytes() missing required argument 'bytes' (pos 1)",
                        ))
                    }
                };
                let order = match args.get(1).or(kwarg(kw, "byteorder")) {
                    Some(Value::Str(s)) => s.as_str().into(),
                    _ => String::from("big"),
                };
                let signed = match kwarg(kw, "signed") {
                    Some(v) => self.truthy(v)?,
                    None => false,
                };
                let mut raw: Vec<u8> = bytes
                    .iter()
                    .map(|b| int_arg(b, "").unwrap_or(0) as u8)
                    .collect();
                if order == "little" {
                    raw.reverse();
                }
                let mut acc = crate::bigint::BigInt::zero();
                for &b in &raw {
                    acc = acc.shl(8).add(&crate::bigint::BigInt::from_i64(b as i64));
                }
                if signed && raw.first().is_some_and(|&b| b & 0x80 != 0) {
                    acc = acc.sub(&crate::bigint::BigInt::from_i64(1).shl(8 * raw.len()));
                }
                Ok(Value::from_big(acc))
            }
            (TypeKind::Str, "maketrans") => super::strmethods::maketrans(self, args),
            (TypeKind::Object, "__new__") | (TypeKind::Object, "__init__") => {
                self.object_method(&Value::Class(c.clone()), n, args, kw)
            }
            _ => Err(Exc::new(
                ExcKind::AttributeError,
                alloc::format!("type object '{}' has no attribute '{}'", c.name.as_str(), n),
            )),
        }
    }

    fn seq_method(&mut self, tname: &str, items: &[Value], n: &str, args: &[Value]) -> PyResult {
        match n {
            "index" => {
                arg_count("index", args, 1, 3)?;
                let len = items.len() as i64;
                let norm = |i: i64| if i < 0 { (i + len).max(0) } else { i.min(len) };
                let start = match args.get(1) {
                    Some(v) => norm(int_arg(v, "")?),
                    None => 0,
                };
                let stop = match args.get(2) {
                    Some(v) => norm(int_arg(v, "")?),
                    None => len,
                };
                for i in start..stop {
                    let x = items[i as usize].clone();
                    if x.is(&args[0]) || self.eq(&x, &args[0])? {
                        return Ok(Value::Int(i));
                    }
                }
                if tname == "list" {
                    let r = self.repr(&args[0])?;
                    Err(Exc::value_error(alloc::format!("{} is not in list", r)))
                } else if tname == "range" {
                    let r = self.repr(&args[0])?;
                    Err(Exc::value_error(alloc::format!("{} is not in range", r)))
                } else {
                    Err(Exc::value_error("tuple.index(x): x not in tuple"))
                }
            }
            "count" => {
                arg_count("count", args, 1, 1)?;
                let mut c = 0;
                for x in items {
                    if x.is(&args[0]) || self.eq(x, &args[0])? {
                        c += 1;
                    }
                }
                Ok(Value::Int(c))
            }
            _ => {
                let v = if tname == "tuple" {
                    Value::tuple(items.to_vec())
                } else {
                    Value::list(items.to_vec())
                };
                self.generic_dunder(&v, n, args)
            }
        }
    }

    fn list_method(
        &mut self,
        l: &Rc<RefCell<Vec<Value>>>,
        recv: &Value,
        n: &str,
        args: &[Value],
        kw: Kw,
    ) -> PyResult {
        match n {
            "append" => {
                arg_count("list.append", args, 1, 1)?;
                let mut lm = l
                    .try_borrow_mut()
                    .map_err(|_| Exc::new(ExcKind::RuntimeError, "list busy"))?;
                if lm.len() & 0xffff == 0xffff {
                    self.check_size(lm.len() * 16)?;
                }
                lm.push(args[0].clone());
                Ok(Value::None)
            }
            "extend" => {
                arg_count("list.extend", args, 1, 1)?;
                let items = self.collect(&args[0])?;
                l.borrow_mut().extend(items);
                Ok(Value::None)
            }
            "pop" => {
                arg_count("pop", args, 0, 1)?;
                let mut lm = l.borrow_mut();
                if lm.is_empty() {
                    return Err(Exc::index_error("pop from empty list"));
                }
                let len = lm.len() as i64;
                let i = match args.first() {
                    Some(v) => int_arg(v, "")?,
                    None => len - 1,
                };
                let j = if i < 0 { i + len } else { i };
                if j < 0 || j >= len {
                    return Err(Exc::index_error("pop index out of range"));
                }
                Ok(lm.remove(j as usize))
            }
            "insert" => {
                arg_count("insert", args, 2, 2)?;
                let mut lm = l.borrow_mut();
                let len = lm.len() as i64;
                let i = int_arg(&args[0], "")?;
                let j = if i < 0 { (i + len).max(0) } else { i.min(len) };
                lm.insert(j as usize, args[1].clone());
                Ok(Value::None)
            }
            "remove" => {
                arg_count("list.remove", args, 1, 1)?;
                let n = l.borrow().len();
                for i in 0..n {
                    let x = match l.borrow().get(i) {
                        Some(x) => x.clone(),
                        None => break,
                    };
                    if x.is(&args[0]) || self.eq(&x, &args[0])? {
                        let mut lm = l.borrow_mut();
                        if i < lm.len() {
                            lm.remove(i);
                        }
                        return Ok(Value::None);
                    }
                }
                Err(Exc::value_error("list.remove(x): x not in list"))
            }
            "sort" => {
                check_kwargs("sort", kw, &["key", "reverse"])?;
                if !args.is_empty() {
                    return Err(Exc::type_error("sort() takes no positional arguments"));
                }
                let items = core::mem::take(&mut *l.borrow_mut());
                let reverse = match kwarg(kw, "reverse") {
                    Some(r) => self.truthy(r)?,
                    None => false,
                };
                let sorted =
                    super::functions::sort_values(self, items.clone(), kwarg(kw, "key"), reverse);
                match sorted {
                    Ok(s) => {
                        *l.borrow_mut() = s;
                        Ok(Value::None)
                    }
                    Err(e) => {
                        *l.borrow_mut() = items;
                        Err(e)
                    }
                }
            }
            "reverse" => {
                l.borrow_mut().reverse();
                Ok(Value::None)
            }
            "copy" => Ok(Value::list(l.borrow().clone())),
            "clear" => {
                l.borrow_mut().clear();
                Ok(Value::None)
            }
            _ => {
                let items = l.borrow().clone();
                if n == "index" || n == "count" {
                    return self.seq_method("list", &items, n, args);
                }
                self.generic_dunder(recv, n, args)
            }
        }
    }

    fn dict_method(&mut self, d: &Rc<RefCell<Dict>>, n: &str, args: &[Value], kw: Kw) -> PyResult {
        match n {
            "get" => {
                arg_count("get", args, 1, 2)?;
                Ok(self
                    .dict_get(d, &args[0])?
                    .unwrap_or_else(|| args.get(1).cloned().unwrap_or(Value::None)))
            }
            "keys" => Ok(Value::View(Rc::new((d.clone(), ViewKind::Keys)))),
            "values" => Ok(Value::View(Rc::new((d.clone(), ViewKind::Values)))),
            "items" => Ok(Value::View(Rc::new((d.clone(), ViewKind::Items)))),
            "pop" => {
                arg_count("pop", args, 1, 2)?;
                match self.dict_remove(d, &args[0])? {
                    Some(v) => Ok(v),
                    None => match args.get(1) {
                        Some(v) => Ok(v.clone()),
                        None => Err(self.key_error(&args[0])),
                    },
                }
            }
            "popitem" => {
                let pos = d.borrow().last_pos();
                match pos.and_then(|p| d.borrow_mut().remove_at(p)) {
                    Some(e) => Ok(Value::tuple(alloc::vec![e.key, e.value])),
                    None => Err(Exc::new(
                        ExcKind::KeyError,
                        "popitem(): dictionary is empty",
                    )),
                }
            }
            "setdefault" => {
                arg_count("setdefault", args, 1, 2)?;
                if let Some(v) = self.dict_get(d, &args[0])? {
                    return Ok(v);
                }
                let v = args.get(1).cloned().unwrap_or(Value::None);
                self.dict_set(d, args[0].clone(), v.clone())?;
                Ok(v)
            }
            "update" => {
                arg_count("update", args, 0, 1)?;
                if let Some(src) = args.first() {
                    self.dict_update(d, src)?;
                }
                for (k, v) in kw {
                    d.borrow_mut().set_str(k.clone(), v.clone());
                }
                Ok(Value::None)
            }
            "copy" => Ok(Value::dict(d.borrow().clone())),
            "clear" => {
                d.borrow_mut().clear();
                Ok(Value::None)
            }
            "fromkeys" => {
                let dict_class = self.types.dict.clone();
                self.class_method(&dict_class, n, args, kw)
            }
            _ => self.generic_dunder(&Value::Dict(d.clone()), n, args),
        }
    }

    fn set_method(
        &mut self,
        recv: &Value,
        s: &Rc<RefCell<Dict>>,
        n: &str,
        args: &[Value],
    ) -> PyResult {
        use crate::ast::BinOp;
        match n {
            "add" => {
                arg_count("add", args, 1, 1)?;
                self.set_add(s, args[0].clone())?;
                Ok(Value::None)
            }
            "remove" => {
                arg_count("remove", args, 1, 1)?;
                match self.dict_remove(s, &args[0])? {
                    Some(_) => Ok(Value::None),
                    None => Err(self.key_error(&args[0])),
                }
            }
            "discard" => {
                arg_count("discard", args, 1, 1)?;
                self.dict_remove(s, &args[0])?;
                Ok(Value::None)
            }
            "pop" => {
                let first = s.borrow().set_order_keys().into_iter().next();
                match first {
                    Some(k) => {
                        self.dict_remove(s, &k)?;
                        Ok(k)
                    }
                    None => Err(Exc::new(ExcKind::KeyError, "pop from an empty set")),
                }
            }
            "clear" => {
                s.borrow_mut().clear();
                Ok(Value::None)
            }
            "copy" => Ok(Value::Set(Rc::new(RefCell::new(s.borrow().clone())))),
            "update"
            | "intersection_update"
            | "difference_update"
            | "symmetric_difference_update" => {
                let op = match n {
                    "update" => BinOp::BitOr,
                    "intersection_update" => BinOp::BitAnd,
                    "difference_update" => BinOp::Sub,
                    _ => BinOp::BitXor,
                };
                let mut cur = Value::Set(Rc::new(RefCell::new(s.borrow().clone())));
                for a in args {
                    let other = Value::Set(Rc::new(RefCell::new(self.to_set_dict(a)?)));
                    cur = self.binary(op, &cur, &other)?;
                }
                if let Value::Set(r) = cur {
                    let new = r.borrow().clone();
                    *s.borrow_mut() = new;
                }
                Ok(Value::None)
            }
            "union" | "intersection" | "difference" | "symmetric_difference" => {
                let op = match n {
                    "union" => BinOp::BitOr,
                    "intersection" => BinOp::BitAnd,
                    "difference" => BinOp::Sub,
                    _ => BinOp::BitXor,
                };
                let mut cur = Value::Set(Rc::new(RefCell::new(s.borrow().clone())));
                for a in args {
                    let other = Value::Set(Rc::new(RefCell::new(self.to_set_dict(a)?)));
                    cur = self.binary(op, &cur, &other)?;
                }
                Ok(cur)
            }
            "issubset" | "issuperset" | "isdisjoint" => {
                arg_count(n, args, 1, 1)?;
                let other = Value::Set(Rc::new(RefCell::new(self.to_set_dict(&args[0])?)));
                let me = Value::Set(s.clone());
                let r = match n {
                    "issubset" => self.compare(crate::ast::CmpOp::Le, &me, &other)?,
                    "issuperset" => self.compare(crate::ast::CmpOp::Ge, &me, &other)?,
                    _ => {
                        let inter = self.binary(BinOp::BitAnd, &me, &other)?;
                        Value::Bool(!self.truthy(&inter)?)
                    }
                };
                Ok(r)
            }
            _ => self.generic_dunder(recv, n, args),
        }
    }

    fn int_method(&mut self, recv: &Value, n: &str, args: &[Value], kw: Kw) -> PyResult {
        let big = crate::vm::to_big_pub(recv).unwrap_or_else(crate::bigint::BigInt::zero);
        match n {
            "bit_length" => Ok(Value::Int(big.bit_length() as i64)),
            "bit_count" => {
                let s = big.abs().to_string_radix(2);
                Ok(Value::Int(s.chars().filter(|&c| c == '1').count() as i64))
            }
            "conjugate" | "__index__" => Ok(Value::from_big(big)),
            "is_integer" => Ok(Value::Bool(true)),
            "as_integer_ratio" => Ok(Value::tuple(alloc::vec![
                Value::from_big(big),
                Value::Int(1)
            ])),
            "to_bytes" => {
                check_kwargs("to_bytes", kw, &["length", "byteorder", "signed"])?;
                let length = match args.first().or(kwarg(kw, "length")) {
                    Some(v) => int_arg(v, "")?,
                    None => 1,
                };
                let order = match args.get(1).or(kwarg(kw, "byteorder")) {
                    Some(Value::Str(s)) => s.as_str().into(),
                    _ => String::from("big"),
                };
                let signed = match kwarg(kw, "signed") {
                    Some(v) => self.truthy(v)?,
                    None => false,
                };
                if big.is_negative() && !signed {
                    return Err(Exc::new(
                        ExcKind::OverflowError,
                        "can't convert negative int to unsigned",
                    ));
                }
                let modulus = crate::bigint::BigInt::from_i64(1).shl(8 * length.max(0) as usize);
                let v = if big.is_negative() {
                    big.add(&modulus)
                } else {
                    big.clone()
                };
                if v.bit_length() > 8 * length.max(0) as u64
                    || (signed
                        && !big.is_negative()
                        && big.bit_length() >= 8 * length.max(0) as u64
                        && length > 0)
                {
                    return Err(Exc::new(ExcKind::OverflowError, "int too big to convert"));
                }
                let mut out = Vec::new();
                let mut cur = v;
                let b256 = crate::bigint::BigInt::from_i64(256);
                for _ in 0..length.max(0) {
                    let (q, r) = cur
                        .divmod(&b256)
                        .unwrap_or((crate::bigint::BigInt::zero(), crate::bigint::BigInt::zero()));
                    out.push(r.to_i64().unwrap_or(0) as u8);
                    cur = q;
                }
                if order == "big" {
                    out.reverse();
                }
                Ok(Value::Bytes(Rc::new(out)))
            }
            _ => self.generic_dunder(recv, n, args),
        }
    }

    fn float_method(&mut self, f: f64, n: &str, args: &[Value]) -> PyResult {
        match n {
            "is_integer" => Ok(Value::Bool(f.is_finite() && libm::trunc(f) == f)),
            "conjugate" => Ok(Value::Float(f)),
            "as_integer_ratio" => {
                if !f.is_finite() {
                    return Err(Exc::new(
                        ExcKind::OverflowError,
                        "cannot convert Infinity to integer ratio",
                    ));
                }
                let (m, e) = libm::frexp(f);
                let mut mant = m;
                let mut exp = e;
                for _ in 0..300 {
                    if libm::trunc(mant) == mant {
                        break;
                    }
                    mant *= 2.0;
                    exp -= 1;
                }
                let num = crate::bigint::BigInt::from_f64(mant);
                let (num, den) = if exp > 0 {
                    (num.shl(exp as usize), crate::bigint::BigInt::from_i64(1))
                } else {
                    (num, crate::bigint::BigInt::from_i64(1).shl((-exp) as usize))
                };
                Ok(Value::tuple(alloc::vec![
                    Value::from_big(num),
                    Value::from_big(den)
                ]))
            }
            "hex" => Ok(Value::string(alloc::format!("{:e}", f))),
            _ => self.generic_dunder(&Value::Float(f), n, args),
        }
    }

    fn bytes_method(&mut self, b: &Rc<Vec<u8>>, n: &str, args: &[Value]) -> PyResult {
        match n {
            "decode" => match core::str::from_utf8(b) {
                Ok(s) => Ok(Value::str(s)),
                Err(e) => Err(Exc::new(
                    ExcKind::UnicodeError,
                    alloc::format!("'utf-8' codec can't decode byte 0x{:02x} in position {}: invalid start byte", b.get(e.valid_up_to()).copied().unwrap_or(0), e.valid_up_to()),
                )),
            },
            "hex" => Ok(Value::string(b.iter().map(|x| alloc::format!("{:02x}", x)).collect())),
            _ => {
                // Reuse the str implementation on a Latin-1 view for the text-like methods.
                let s: String = b.iter().map(|&x| x as char).collect();
                let sv = Rc::new(PyStr::from_string(s));
                let conv: Vec<Value> = args
                    .iter()
                    .map(|a| match a {
                        Value::Bytes(x) => Value::string(x.iter().map(|&c| c as char).collect()),
                        other => other.clone(),
                    })
                    .collect();
                let r = super::strmethods::call(self, &sv, n, &conv, &[])?;
                fn back(v: Value) -> Value {
                    match v {
                        Value::Str(s) => Value::Bytes(Rc::new(s.as_str().chars().map(|c| c as u32 as u8).collect())),
                        Value::List(l) => Value::list(l.borrow().iter().cloned().map(back).collect()),
                        other => other,
                    }
                }
                Ok(back(r))
            }
        }
    }

    fn generator_method(
        &mut self,
        g: &Rc<RefCell<crate::generator::GenObj>>,
        n: &str,
        args: &[Value],
    ) -> PyResult {
        use crate::generator::{step, GenStep};
        match n {
            "send" | "__next__" => {
                let v = args.first().cloned().unwrap_or(Value::None);
                match step(self, g, v, None)? {
                    GenStep::Yielded(v) => Ok(v),
                    GenStep::Returned(r) => {
                        let class = self.types.exception(ExcKind::StopIteration);
                        let a = if r.is_none() {
                            Vec::new()
                        } else {
                            alloc::vec![r]
                        };
                        Err(Exc::object(self.new_exception(class, a)))
                    }
                }
            }
            "throw" => {
                let e = match args.first() {
                    Some(v) => self.make_raisable(v.clone())?,
                    None => {
                        return Err(Exc::type_error("throw expected at least 1 argument, got 0"))
                    }
                };
                match step(self, g, Value::None, Some(Exc::object(e)))? {
                    GenStep::Yielded(v) => Ok(v),
                    GenStep::Returned(_) => Err(Exc::new(ExcKind::StopIteration, "")),
                }
            }
            "close" => {
                let (started, finished) = {
                    let gm = g.borrow();
                    (gm.started, gm.finished)
                };
                if started && !finished {
                    // Raise GeneratorExit at the paused yield (Language Reference §6.2.9.1).
                    let exit = Exc::new(ExcKind::GeneratorExit, "");
                    match step(self, g, Value::None, Some(exit)) {
                        Ok(GenStep::Yielded(_)) => {
                            return Err(Exc::new(
                                ExcKind::RuntimeError,
                                "generator ignored GeneratorExit",
                            ));
                        }
                        Ok(GenStep::Returned(_)) => {}
                        Err(e) => {
                            let benign = match &*e.0 {
                                ExcRepr::Native(k, _) => {
                                    matches!(k, ExcKind::GeneratorExit | ExcKind::StopIteration)
                                }
                                ExcRepr::Object(v) => {
                                    self.is_exception_instance(v, ExcKind::GeneratorExit)
                                        || self.is_exception_instance(v, ExcKind::StopIteration)
                                }
                            };
                            if !benign {
                                return Err(e);
                            }
                        }
                    }
                }
                let mut gm = g.borrow_mut();
                gm.finished = true;
                gm.frame = None;
                Ok(Value::None)
            }
            "__iter__" => Ok(Value::Generator(g.clone())),
            _ => Err(Exc::new(
                ExcKind::AttributeError,
                alloc::format!("'generator' object has no attribute '{}'", n),
            )),
        }
    }
}
