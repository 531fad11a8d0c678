//! The built-in functions themselves (Python Library Reference, "Built-in Functions").

use super::{arg_count, check_kwargs, def, kwarg};
use crate::ast::BinOp;
use crate::dict::Dict;
use crate::iter::{iter_value, IterObj};
use crate::pystr::PyStr;
use crate::value::*;
use crate::vm::Vm;
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::cell::RefCell;

type Kw<'a> = &'a [(Rc<PyStr>, Value)];

pub fn install(d: &mut Dict) {
    def(d, "print", print);
    def(d, "len", len);
    def(d, "repr", repr);
    def(d, "ascii", ascii);
    def(d, "abs", abs);
    def(d, "min", min);
    def(d, "max", max);
    def(d, "sum", sum);
    def(d, "any", any);
    def(d, "all", all);
    def(d, "sorted", sorted);
    def(d, "reversed", reversed);
    def(d, "enumerate", enumerate);
    def(d, "zip", zip);
    def(d, "map", map);
    def(d, "filter", filter);
    def(d, "iter", iter);
    def(d, "next", next);
    def(d, "isinstance", isinstance);
    def(d, "issubclass", issubclass);
    def(d, "getattr", getattr);
    def(d, "setattr", setattr);
    def(d, "hasattr", hasattr);
    def(d, "delattr", delattr);
    def(d, "id", id);
    def(d, "hash", hash);
    def(d, "callable", callable);
    def(d, "ord", ord);
    def(d, "chr", chr);
    def(d, "hex", hex);
    def(d, "oct", oct);
    def(d, "bin", bin);
    def(d, "round", round);
    def(d, "divmod", divmod);
    def(d, "pow", pow);
    def(d, "input", input);
    def(d, "format", format);
    def(d, "vars", vars);
    def(d, "dir", dir);
    def(d, "globals", globals);
    def(d, "locals", globals);
    def(d, "exit", exit);
    def(d, "quit", exit);
    def(d, "__build_class__", build_class);
    def(d, "__import__", import);
    def(d, "eval", eval);
    def(d, "exec", exec);
}

fn print(vm: &mut Vm, args: &[Value], kw: Kw) -> PyResult {
    check_kwargs("print", kw, &["sep", "end", "file", "flush"])?;
    let sep = match kwarg(kw, "sep") {
        None | Some(Value::None) => String::from(" "),
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(other) => {
            return Err(Exc::type_error(alloc::format!(
                "sep must be None or a string, not {}",
                other.type_name()
            )))
        }
    };
    let end = match kwarg(kw, "end") {
        None | Some(Value::None) => String::from("\n"),
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(other) => {
            return Err(Exc::type_error(alloc::format!(
                "end must be None or a string, not {}",
                other.type_name()
            )))
        }
    };
    let mut out = String::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        out.push_str(&vm.to_str(a)?);
    }
    out.push_str(&end);
    match kwarg(kw, "file") {
        Some(f @ Value::Instance(_)) => {
            let w = vm.getattr(f, &Rc::new(PyStr::new("write")))?;
            vm.call(&w, &[Value::string(out)], &[])?;
        }
        Some(Value::Module(m)) if m.name.as_str() == "sys.stderr" => vm.out.write_err(&out),
        _ => vm.out.write_out(&out),
    }
    Ok(Value::None)
}

pub fn len_of(vm: &mut Vm, v: &Value) -> PyResult<usize> {
    Ok(match v {
        Value::Str(s) => s.char_len(),
        Value::Bytes(b) => b.len(),
        Value::List(l) => l.borrow().len(),
        Value::Tuple(t) => t.len(),
        Value::Dict(d) | Value::Set(d) => d.borrow().len(),
        Value::FrozenSet(d) => d.len(),
        Value::Range(r) => r.len() as usize,
        Value::View(v) => v.0.borrow().len(),
        Value::Class(c) if c.lookup(&PyStr::new("_member_map_")).is_some() => vm.collect(v)?.len(),
        Value::Instance(inst) => match vm.call_dunder(v, "__len__", &[])? {
            Some(Value::Int(n)) if n >= 0 => n as usize,
            Some(Value::Int(_)) => return Err(Exc::value_error("__len__() should return >= 0")),
            Some(Value::Bool(b)) => b as usize,
            Some(other) => {
                return Err(Exc::type_error(alloc::format!(
                    "'{}' object cannot be interpreted as an integer",
                    other.type_name()
                )))
            }
            None => match base_of(v) {
                Some(b) => return len_of(vm, &b),
                None => {
                    return Err(Exc::type_error(alloc::format!(
                        "object of type '{}' has no len()",
                        inst.class.name.as_str()
                    )))
                }
            },
        },
        other => {
            return Err(Exc::type_error(alloc::format!(
                "object of type '{}' has no len()",
                other.type_name()
            )))
        }
    })
}

fn len(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    arg_count("len", args, 1, 1)?;
    Ok(Value::Int(len_of(vm, &args[0])? as i64))
}

fn repr(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    arg_count("repr", args, 1, 1)?;
    Ok(Value::string(vm.repr(&args[0])?))
}

fn ascii(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    arg_count("ascii", args, 1, 1)?;
    let r = vm.repr(&args[0])?;
    Ok(Value::string(super::ascii_of(&r)))
}

fn abs(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    arg_count("abs", args, 1, 1)?;
    match &args[0] {
        Value::Int(i) => Ok(match i.checked_abs() {
            Some(a) => Value::Int(a),
            None => Value::from_big(crate::bigint::BigInt::from_i64(*i).abs()),
        }),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::BigInt(b) => Ok(Value::from_big(b.abs())),
        Value::Float(f) => Ok(Value::Float(f.abs())),
        v @ Value::Instance(_) => match vm.call_dunder(v, "__abs__", &[])? {
            Some(r) => Ok(r),
            None => Err(Exc::type_error(alloc::format!(
                "bad operand type for abs(): '{}'",
                v.type_name()
            ))),
        },
        v => Err(Exc::type_error(alloc::format!(
            "bad operand type for abs(): '{}'",
            v.type_name()
        ))),
    }
}

fn min_max(vm: &mut Vm, args: &[Value], kw: Kw, is_max: bool) -> PyResult {
    let name = if is_max { "max" } else { "min" };
    check_kwargs(name, kw, &["key", "default"])?;
    let key = kwarg(kw, "key").filter(|k| !k.is_none()).cloned();
    let items = if args.len() == 1 {
        vm.collect(&args[0])?
    } else if args.is_empty() {
        return Err(Exc::type_error(alloc::format!(
            "{} expected at least 1 argument, got 0",
            name
        )));
    } else {
        if kwarg(kw, "default").is_some() {
            return Err(Exc::type_error(alloc::format!(
                "Cannot specify a default for {}() with multiple positional arguments",
                name
            )));
        }
        args.to_vec()
    };
    let mut best: Option<(Value, Value)> = None;
    for item in items {
        let k = match &key {
            Some(f) => vm.call(f, &[item.clone()], &[])?,
            None => item.clone(),
        };
        best = Some(match best {
            None => (k, item),
            Some((bk, bv)) => {
                let better = if is_max {
                    vm.less_than(&bk, &k)?
                } else {
                    vm.less_than(&k, &bk)?
                };
                if better {
                    (k, item)
                } else {
                    (bk, bv)
                }
            }
        });
    }
    match best {
        Some((_, v)) => Ok(v),
        None => match kwarg(kw, "default") {
            Some(d) => Ok(d.clone()),
            None => Err(Exc::value_error(alloc::format!(
                "{}() arg is an empty sequence",
                name
            ))),
        },
    }
}

fn min(vm: &mut Vm, args: &[Value], kw: Kw) -> PyResult {
    min_max(vm, args, kw, false)
}

fn max(vm: &mut Vm, args: &[Value], kw: Kw) -> PyResult {
    min_max(vm, args, kw, true)
}

fn sum(vm: &mut Vm, args: &[Value], kw: Kw) -> PyResult {
    check_kwargs("sum", kw, &["start"])?;
    arg_count("sum", args, 1, 2)?;
    let mut acc = args
        .get(1)
        .or(kwarg(kw, "start"))
        .cloned()
        .unwrap_or(Value::Int(0));
    if let Value::Str(_) = acc {
        return Err(Exc::type_error(
            "sum() can't sum strings [use ''.join(seq) instead]",
        ));
    }
    let it = vm.get_iter(&args[0])?;
    // Floats are summed with compensation like CPython's fsum-free loop (plain adds).
    while let Some(x) = vm.next(&it)? {
        acc = match (&acc, &x) {
            (Value::Int(a), Value::Int(b)) if a.checked_add(*b).is_some() => Value::Int(a + b),
            (Value::Float(a), Value::Float(b)) => Value::Float(a + b),
            _ => vm.binary(BinOp::Add, &acc, &x)?,
        };
    }
    Ok(acc)
}

fn any(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    arg_count("any", args, 1, 1)?;
    let it = vm.get_iter(&args[0])?;
    while let Some(x) = vm.next(&it)? {
        if vm.truthy(&x)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn all(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    arg_count("all", args, 1, 1)?;
    let it = vm.get_iter(&args[0])?;
    while let Some(x) = vm.next(&it)? {
        if !vm.truthy(&x)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

/// Stable merge sort with a fallible comparison (a user `__lt__` may raise or be
/// inconsistent; neither can make this panic).
pub fn sort_values(
    vm: &mut Vm,
    items: Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
) -> PyResult<Vec<Value>> {
    let keys: Vec<Value> = match key {
        Some(k) if !k.is_none() => {
            let mut ks = Vec::with_capacity(items.len());
            for it in &items {
                ks.push(vm.call(k, &[it.clone()], &[])?);
            }
            ks
        }
        _ => items.clone(),
    };
    // Already ordered (or strictly reversed) input needs only one pass, as with
    // Timsort's run detection.
    let n = keys.len();
    let mut ascending = true;
    let mut strictly_descending = true;
    for i in 1..n {
        let (a, b) = (&keys[i - 1], &keys[i]);
        // True when `b` must come strictly before `a` in the result.
        let out_of_order = if reverse {
            vm.less_than(a, b)?
        } else {
            vm.less_than(b, a)?
        };
        if out_of_order {
            ascending = false;
        } else {
            strictly_descending = false;
        }
        if !ascending && !strictly_descending {
            break;
        }
    }
    if ascending {
        return Ok(items);
    }
    if strictly_descending {
        let mut out = items;
        out.reverse();
        return Ok(out);
    }
    let mut idx: Vec<usize> = (0..items.len()).collect();
    let mut buf = idx.clone();
    let n = idx.len();
    let mut width = 1;
    // Insertion sort small runs first.
    const RUN: usize = 16;
    let mut start = 0;
    while start < n {
        let end = (start + RUN).min(n);
        for i in start + 1..end {
            let mut j = i;
            while j > start {
                let (a, b) = (&keys[idx[j]], &keys[idx[j - 1]]);
                let less = if reverse {
                    vm.less_than(b, a)?
                } else {
                    vm.less_than(a, b)?
                };
                if !less {
                    break;
                }
                idx.swap(j, j - 1);
                j -= 1;
            }
        }
        start = end;
    }
    width = width.max(RUN);
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut i, mut j, mut k) = (lo, mid, lo);
            while i < mid && j < hi {
                let (a, b) = (&keys[idx[j]], &keys[idx[i]]);
                let take_right = if reverse {
                    vm.less_than(b, a)?
                } else {
                    vm.less_than(a, b)?
                };
                if take_right {
                    buf[k] = idx[j];
                    j += 1;
                } else {
                    buf[k] = idx[i];
                    i += 1;
                }
                k += 1;
            }
            while i < mid {
                buf[k] = idx[i];
                i += 1;
                k += 1;
            }
            while j < hi {
                buf[k] = idx[j];
                j += 1;
                k += 1;
            }
            lo = hi;
        }
        core::mem::swap(&mut idx, &mut buf);
        width *= 2;
    }
    Ok(idx.into_iter().map(|i| items[i].clone()).collect())
}

fn sorted(vm: &mut Vm, args: &[Value], kw: Kw) -> PyResult {
    check_kwargs("sorted", kw, &["key", "reverse"])?;
    if args.len() != 1 {
        return Err(Exc::type_error(alloc::format!(
            "sorted expected 1 argument, got {}",
            args.len()
        )));
    }
    let items = vm.collect(&args[0])?;
    let reverse = match kwarg(kw, "reverse") {
        Some(r) => vm.truthy(r)?,
        None => false,
    };
    Ok(Value::list(sort_values(
        vm,
        items,
        kwarg(kw, "key"),
        reverse,
    )?))
}

fn reversed(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    arg_count("reversed", args, 1, 1)?;
    let v = &args[0];
    Ok(match v {
        Value::List(l) => {
            let pos = l.borrow().len();
            iter_value(IterObj::ReversedList {
                list: l.clone(),
                pos,
            })
        }
        Value::Range(r) => {
            let n = r.len();
            let last = r.start + (n - 1) * r.step;
            iter_value(IterObj::Range {
                next: last,
                stop: r.start - r.step,
                step: -r.step,
            })
        }
        Value::Tuple(_) | Value::Str(_) | Value::Bytes(_) => {
            let mut items = vm.collect(v)?;
            items.reverse();
            iter_value(IterObj::Values { items, pos: 0 })
        }
        Value::Dict(d) => {
            let mut items: Vec<Value> = d.borrow().keys().cloned().collect();
            items.reverse();
            iter_value(IterObj::Values { items, pos: 0 })
        }
        Value::Instance(_) => {
            if let Some(r) = vm.call_dunder(v, "__reversed__", &[])? {
                return Ok(r);
            }
            let n = len_of(vm, v)?;
            let mut items = Vec::with_capacity(n);
            for i in (0..n).rev() {
                items.push(vm.getitem(v, &Value::Int(i as i64))?);
            }
            iter_value(IterObj::Values { items, pos: 0 })
        }
        other => {
            return Err(Exc::type_error(alloc::format!(
                "'{}' object is not reversible",
                other.type_name()
            )))
        }
    })
}

fn enumerate(vm: &mut Vm, args: &[Value], kw: Kw) -> PyResult {
    check_kwargs("enumerate", kw, &["start"])?;
    arg_count("enumerate", args, 1, 2)?;
    let it = vm.get_iter(&args[0])?;
    let start = args
        .get(1)
        .or(kwarg(kw, "start"))
        .cloned()
        .unwrap_or(Value::Int(0));
    Ok(iter_value(IterObj::Enumerate { it, n: start }))
}

fn zip(vm: &mut Vm, args: &[Value], kw: Kw) -> PyResult {
    check_kwargs("zip", kw, &["strict"])?;
    let strict = match kwarg(kw, "strict") {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let mut its = Vec::new();
    for a in args {
        match vm.get_iter(a) {
            Ok(it) => its.push(it),
            Err(_) => {
                return Err(Exc::type_error(alloc::format!(
                    "'{}' object is not iterable",
                    a.type_name()
                )))
            }
        }
    }
    Ok(iter_value(IterObj::Zip { its, strict }))
}

fn map(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    if args.len() < 2 {
        return Err(Exc::type_error("map() must have at least two arguments."));
    }
    let mut its = Vec::new();
    for a in &args[1..] {
        its.push(vm.get_iter(a)?);
    }
    Ok(iter_value(IterObj::Map {
        f: args[0].clone(),
        its,
    }))
}

fn filter(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    arg_count("filter", args, 2, 2)?;
    let it = vm.get_iter(&args[1])?;
    Ok(iter_value(IterObj::Filter {
        f: args[0].clone(),
        it,
    }))
}

fn iter(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    arg_count("iter", args, 1, 2)?;
    if args.len() == 2 {
        return Ok(iter_value(IterObj::Callable {
            f: args[0].clone(),
            sentinel: args[1].clone(),
        }));
    }
    vm.get_iter(&args[0])
}

fn next(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    arg_count("next", args, 1, 2)?;
    let it = &args[0];
    if !matches!(
        it,
        Value::Iter(_) | Value::Generator(_) | Value::Instance(_)
    ) {
        return Err(Exc::type_error(alloc::format!(
            "'{}' object is not an iterator",
            it.type_name()
        )));
    }
    if let Value::Generator(g) = it {
        // Propagate the generator's return value in StopIteration.
        return match crate::generator::step(vm, g, Value::None, None)? {
            crate::generator::GenStep::Yielded(v) => Ok(v),
            crate::generator::GenStep::Returned(r) => match args.get(1) {
                Some(d) => Ok(d.clone()),
                None => {
                    let class = vm.types.exception(ExcKind::StopIteration);
                    let args = if r.is_none() {
                        Vec::new()
                    } else {
                        alloc::vec![r]
                    };
                    Err(Exc::object(vm.new_exception(class, args)))
                }
            },
        };
    }
    match vm.next(it)? {
        Some(v) => Ok(v),
        None => match args.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(Exc::new(ExcKind::StopIteration, "")),
        },
    }
}

pub fn isinstance_of(vm: &mut Vm, v: &Value, t: &Value) -> PyResult<bool> {
    match t {
        Value::Class(c) => {
            let vt = vm.types.type_of(v);
            Ok(vt.is_subclass(c))
        }
        Value::Tuple(items) => {
            for i in items.iter() {
                if isinstance_of(vm, v, i)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(Exc::type_error(
            "isinstance() arg 2 must be a type, a tuple of types, or a union",
        )),
    }
}

fn isinstance(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    arg_count("isinstance", args, 2, 2)?;
    Ok(Value::Bool(isinstance_of(vm, &args[0], &args[1])?))
}

fn issubclass(_vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    arg_count("issubclass", args, 2, 2)?;
    let Value::Class(c) = &args[0] else {
        return Err(Exc::type_error("issubclass() arg 1 must be a class"));
    };
    fn check(c: &Rc<Class>, t: &Value) -> PyResult<bool> {
        match t {
            Value::Class(t) => Ok(c.is_subclass(t)),
            Value::Tuple(items) => {
                for i in items.iter() {
                    if check(c, i)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(Exc::type_error(
                "issubclass() arg 2 must be a class, a tuple of classes, or a union",
            )),
        }
    }
    Ok(Value::Bool(check(c, &args[1])?))
}

fn attr_name(v: &Value) -> PyResult<Rc<PyStr>> {
    match v {
        Value::Str(s) => Ok(s.clone()),
        other => Err(Exc::type_error(alloc::format!(
            "attribute name must be string, not '{}'",
            other.type_name()
        ))),
    }
}

fn getattr(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    arg_count("getattr", args, 2, 3)?;
    let name = attr_name(&args[1])?;
    if args.len() == 3 {
        return Ok(vm
            .getattr_opt(&args[0], name.as_str())?
            .unwrap_or_else(|| args[2].clone()));
    }
    vm.getattr(&args[0], &name)
}

fn setattr(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    arg_count("setattr", args, 3, 3)?;
    let name = attr_name(&args[1])?;
    vm.setattr(&args[0], &name, args[2].clone())?;
    Ok(Value::None)
}

fn hasattr(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    arg_count("hasattr", args, 2, 2)?;
    let name = attr_name(&args[1])?;
    Ok(Value::Bool(
        vm.getattr_opt(&args[0], name.as_str())?.is_some(),
    ))
}

fn delattr(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    arg_count("delattr", args, 2, 2)?;
    let name = attr_name(&args[1])?;
    vm.delattr(&args[0], &name)?;
    Ok(Value::None)
}

fn id(_vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    arg_count("id", args, 1, 1)?;
    let v = &args[0];
    Ok(Value::Int(match v.ptr() {
        Some(p) => p as i64,
        None => match v {
            Value::Int(i) => 0x7000_0000 + i.wrapping_mul(32),
            Value::Bool(b) => 0x6000_0000 + *b as i64 * 32,
            Value::None => 0x5000_0000,
            Value::Float(f) => (f.to_bits() >> 8) as i64,
            _ => 0x4000_0000,
        },
    }))
}

fn hash(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    arg_count("hash", args, 1, 1)?;
    let h = vm.hash(&args[0])?;
    Ok(Value::Int(h as i64))
}

fn callable(_vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    arg_count("callable", args, 1, 1)?;
    Ok(Value::Bool(match &args[0] {
        Value::Function(_)
        | Value::Builtin(_)
        | Value::Method(_)
        | Value::NativeMethod(_)
        | Value::Class(_) => true,
        Value::Instance(i) => i.class.lookup(&PyStr::new("__call__")).is_some(),
        _ => false,
    }))
}

fn ord(_vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    arg_count("ord", args, 1, 1)?;
    match &args[0] {
        Value::Str(s) => {
            if s.char_len() != 1 {
                return Err(Exc::type_error(alloc::format!(
                    "ord() expected a character, but string of length {} found",
                    s.char_len()
                )));
            }
            Ok(Value::Int(
                s.as_str().chars().next().map_or(0, |c| c as i64),
            ))
        }
        Value::Bytes(b) if b.len() == 1 => Ok(Value::Int(b[0] as i64)),
        other => Err(Exc::type_error(alloc::format!(
            "ord() expected string of length 1, but {} found",
            other.type_name()
        ))),
    }
}

fn chr(_vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    arg_count("chr", args, 1, 1)?;
    let i = match &args[0] {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        other => {
            return Err(Exc::type_error(alloc::format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )))
        }
    };
    match u32::try_from(i).ok().and_then(char::from_u32) {
        Some(c) => {
            let mut buf = [0u8; 4];
            Ok(Value::str(c.encode_utf8(&mut buf)))
        }
        None => Err(Exc::value_error("chr() arg not in range(0x110000)")),
    }
}

fn radix(args: &[Value], r: u32, prefix: &str, name: &str) -> PyResult {
    arg_count(name, args, 1, 1)?;
    let b = match &args[0] {
        Value::Int(i) => crate::bigint::BigInt::from_i64(*i),
        Value::Bool(b) => crate::bigint::BigInt::from_i64(*b as i64),
        Value::BigInt(b) => (**b).clone(),
        other => {
            return Err(Exc::type_error(alloc::format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )))
        }
    };
    let s = b.abs().to_string_radix(r);
    Ok(Value::string(alloc::format!(
        "{}{}{}",
        if b.is_negative() { "-" } else { "" },
        prefix,
        s
    )))
}

fn hex(_vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    radix(args, 16, "0x", "hex")
}

fn oct(_vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    radix(args, 8, "0o", "oct")
}

fn bin(_vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    radix(args, 2, "0b", "bin")
}

/// Rounds a float to `nd` decimal places, half to even on the exact binary value.
pub fn round_float(x: f64, nd: i64) -> f64 {
    if !x.is_finite() || nd > 300 {
        return x;
    }
    if nd >= 0 {
        let s = alloc::format!("{:.*}", nd as usize, x);
        s.parse().unwrap_or(x)
    } else {
        let p = libm::pow(10.0, (-nd) as f64);
        if p.is_infinite() {
            return 0.0 * x;
        }
        let y = x / p;
        let r = libm::rint(y);
        r * p
    }
}

fn round(vm: &mut Vm, args: &[Value], kw: Kw) -> PyResult {
    check_kwargs("round", kw, &["ndigits"])?;
    arg_count("round", args, 1, 2)?;
    let nd = args
        .get(1)
        .or(kwarg(kw, "ndigits"))
        .filter(|v| !v.is_none())
        .cloned();
    match (&args[0], nd) {
        (Value::Float(f), None) => {
            if f.is_nan() {
                return Err(Exc::value_error("cannot convert float NaN to integer"));
            }
            if f.is_infinite() {
                return Err(Exc::new(
                    ExcKind::OverflowError,
                    "cannot convert float infinity to integer",
                ));
            }
            let r = libm::rint(*f);
            if r.abs() < 9e18 {
                Ok(Value::Int(r as i64))
            } else {
                Ok(Value::from_big(crate::bigint::BigInt::from_f64(r)))
            }
        }
        (Value::Float(f), Some(n)) => {
            let n = vm.index_value(&n)?;
            Ok(Value::Float(round_float(*f, n)))
        }
        (Value::Int(_) | Value::Bool(_) | Value::BigInt(_), None) => Ok(match &args[0] {
            Value::Bool(b) => Value::Int(*b as i64),
            v => v.clone(),
        }),
        (Value::Int(i), Some(n)) => {
            let n = vm.index_value(&n)?;
            if n >= 0 {
                return Ok(Value::Int(*i));
            }
            if n < -18 {
                return Ok(Value::Int(0));
            }
            let p = 10i64.pow((-n) as u32);
            let q = i.div_euclid(p);
            let r = i.rem_euclid(p);
            let half = p / 2;
            let q = if r > half || (r == half && q % 2 != 0) {
                q + 1
            } else {
                q
            };
            Ok(Value::Int(q * p))
        }
        (v @ Value::Instance(_), nd) => {
            let extra: Vec<Value> = nd.into_iter().collect();
            match vm.call_dunder(v, "__round__", &extra)? {
                Some(r) => Ok(r),
                None => Err(Exc::type_error(alloc::format!(
                    "type {} doesn't define __round__ method",
                    v.type_name()
                ))),
            }
        }
        (v, _) => Err(Exc::type_error(alloc::format!(
            "type {} doesn't define __round__ method",
            v.type_name()
        ))),
    }
}

fn divmod(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    arg_count("divmod", args, 2, 2)?;
    let (a, b) = (&args[0], &args[1]);
    if matches!(a, Value::Instance(_)) || matches!(b, Value::Instance(_)) {
        if let Some(r) = vm.call_dunder(a, "__divmod__", &[b.clone()])? {
            return Ok(r);
        }
    }
    let q = vm
        .binary(BinOp::FloorDiv, a, b)
        .map_err(|e| rename_op(e, "//", "divmod()"))?;
    let r = vm.binary(BinOp::Mod, a, b)?;
    Ok(Value::tuple(alloc::vec![q, r]))
}

fn rename_op(e: Exc, _from: &str, _to: &str) -> Exc {
    e
}

fn pow(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    arg_count("pow", args, 2, 3)?;
    if args.len() == 3 && !args[2].is_none() {
        let (Some(b), Some(e), Some(m)) = (
            crate::vm::to_big_pub(&args[0]),
            crate::vm::to_big_pub(&args[1]),
            crate::vm::to_big_pub(&args[2]),
        ) else {
            return Err(Exc::type_error(
                "pow() 3rd argument not allowed unless all arguments are integers",
            ));
        };
        if m.is_zero() {
            return Err(Exc::value_error("pow() 3rd argument cannot be 0"));
        }
        if e.is_negative() {
            return Err(Exc::value_error(
                "base is not invertible for the given modulus",
            ));
        }
        let mut result = crate::bigint::BigInt::from_i64(1);
        let mut base = b.divmod(&m).map(|x| x.1).unwrap_or(b);
        let mut e = e;
        let two = crate::bigint::BigInt::from_i64(2);
        while !e.is_zero() {
            let (q, r) = e
                .divmod(&two)
                .unwrap_or((crate::bigint::BigInt::zero(), crate::bigint::BigInt::zero()));
            if !r.is_zero() {
                result = result.mul(&base).divmod(&m).map(|x| x.1).unwrap_or(result);
            }
            base = base.mul(&base).divmod(&m).map(|x| x.1).unwrap_or(base);
            e = q;
            vm.tick()?;
        }
        let result = result.divmod(&m).map(|x| x.1).unwrap_or(result);
        return Ok(Value::from_big(result));
    }
    vm.binary(BinOp::Pow, &args[0], &args[1])
}

fn input(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    arg_count("input", args, 0, 1)?;
    let prompt = match args.first() {
        Some(p) => vm.to_str(p)?,
        None => String::new(),
    };
    let line = match vm.input.as_mut() {
        Some(hook) => hook(&prompt),
        None => None,
    };
    match line {
        Some(l) => Ok(Value::string(l)),
        // The host interrupted the read (Ctrl+C at the prompt): KeyboardInterrupt, not EOF.
        None if vm
            .interrupt
            .swap(false, core::sync::atomic::Ordering::Relaxed) =>
        {
            Err(Exc::new(ExcKind::KeyboardInterrupt, ""))
        }
        None => Err(Exc::new(ExcKind::EOFError, "EOF when reading a line")),
    }
}

fn format(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    arg_count("format", args, 1, 2)?;
    let spec = match args.get(1) {
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(other) => {
            return Err(Exc::type_error(alloc::format!(
                "format() argument 2 must be str, not {}",
                other.type_name()
            )))
        }
        None => String::new(),
    };
    Ok(Value::string(vm.format_value(&args[0], &spec)?))
}

fn vars(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    arg_count("vars", args, 0, 1)?;
    match args.first() {
        Some(v) => vm
            .getattr(v, &Rc::new(PyStr::new("__dict__")))
            .map_err(|_| Exc::type_error("vars() argument must have __dict__ attribute")),
        None => Ok(Value::Dict(vm.main_globals.clone())),
    }
}

fn dir(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    arg_count("dir", args, 0, 1)?;
    let mut names: Vec<String> = Vec::new();
    match args.first() {
        None => names.extend(vm.main_globals.borrow().keys().filter_map(|k| match k {
            Value::Str(s) => Some(s.as_str().to_string()),
            _ => None,
        })),
        Some(Value::Instance(i)) => {
            names.extend(i.dict.borrow().keys().filter_map(|k| match k {
                Value::Str(s) => Some(s.as_str().to_string()),
                _ => None,
            }));
            for c in i.class.mro_iter() {
                names.extend(c.dict.borrow().keys().filter_map(|k| match k {
                    Value::Str(s) => Some(s.as_str().to_string()),
                    _ => None,
                }));
            }
        }
        Some(Value::Class(c)) => {
            for c in c.mro_iter() {
                names.extend(c.dict.borrow().keys().filter_map(|k| match k {
                    Value::Str(s) => Some(s.as_str().to_string()),
                    _ => None,
                }));
            }
        }
        Some(Value::Module(m)) => names.extend(m.dict.borrow().keys().filter_map(|k| match k {
            Value::Str(s) => Some(s.as_str().to_string()),
            _ => None,
        })),
        Some(other) => names.extend(
            super::methods::method_names(other)
                .iter()
                .map(|s| s.to_string()),
        ),
    }
    names.sort();
    names.dedup();
    Ok(Value::list(names.into_iter().map(Value::string).collect()))
}

fn globals(vm: &mut Vm, _args: &[Value], _kw: Kw) -> PyResult {
    Ok(Value::Dict(vm.main_globals.clone()))
}

fn exit(_vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    let code = args.first().cloned().into_iter().collect();
    let _: &Vec<Value> = &code;
    Err(Exc::new(ExcKind::SystemExit, ""))
}

fn build_class(vm: &mut Vm, args: &[Value], kw: Kw) -> PyResult {
    vm.build_class(args, kw)
}

fn import(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    match args.first() {
        Some(Value::Str(s)) => vm.import(s.as_str()),
        _ => Err(Exc::type_error("__import__() argument 1 must be str")),
    }
}

fn source_arg(args: &[Value], fname: &str) -> PyResult<String> {
    match args.first() {
        Some(Value::Str(s)) => Ok(s.as_str().to_string()),
        Some(_) => Err(Exc::type_error(alloc::format!(
            "{}() arg 1 must be a string, bytes or code object",
            fname
        ))),
        None => Err(Exc::type_error(alloc::format!(
            "{} expected at least 1 argument, got 0",
            fname
        ))),
    }
}

/// The namespace `eval`/`exec` run in: the given dict or the main module's globals.
fn namespace_arg(vm: &Vm, args: &[Value]) -> PyResult<Rc<RefCell<Dict>>> {
    match args.get(1) {
        None | Some(Value::None) => Ok(vm.main_globals.clone()),
        Some(Value::Dict(d)) => Ok(d.clone()),
        Some(other) => Err(Exc::type_error(alloc::format!(
            "globals must be a dict, not {}",
            other.type_name()
        ))),
    }
}

fn syntax_exc(vm: &mut Vm, e: crate::error::SyntaxError) -> Exc {
    let kind = if e.indentation {
        ExcKind::IndentationError
    } else {
        ExcKind::SyntaxError
    };
    let class = vm.types.exception(kind);
    let exc = vm.new_exception(class, alloc::vec![Value::str(&e.msg)]);
    crate::vm::set_attr_pub(&exc, "lineno", Value::Int(e.line as i64));
    crate::vm::set_attr_pub(&exc, "offset", Value::Int(e.col as i64));
    crate::vm::set_attr_pub(&exc, "msg", Value::str(&e.msg));
    crate::vm::set_attr_pub(&exc, "filename", Value::str("<string>"));
    Exc::object(exc)
}

fn eval(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    arg_count("eval", args, 1, 3)?;
    let src = source_arg(args, "eval")?;
    let globals = namespace_arg(vm, args)?;
    let code = crate::parser::parse_expression(&src)
        .and_then(|b| crate::compiler::compile_expression(&b, "<string>"))
        .map_err(|e| syntax_exc(vm, e))?;
    vm.run_code(code, globals)
}

fn exec(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult {
    arg_count("exec", args, 1, 3)?;
    let src = source_arg(args, "exec")?;
    let globals = namespace_arg(vm, args)?;
    let code = crate::parser::parse_module(&src)
        .and_then(|m| crate::compiler::compile_module(&m, "<string>", false))
        .map_err(|e| syntax_exc(vm, e))?;
    vm.run_code(code, globals)?;
    Ok(Value::None)
}
