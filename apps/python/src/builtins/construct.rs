//! Constructors of the built-in types: `int(x)`, `str(x)`, `list(it)`, `type(name, bases,
//! ns)` and the rest (Python Library Reference, "Built-in Functions" and "Built-in Types").

use super::{arg_count, check_kwargs, kwarg};
use crate::bigint::BigInt;
use crate::dict::Dict;
use crate::pystr::PyStr;
use crate::value::*;
use crate::vm::Vm;
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::cell::RefCell;

type Kw<'a> = &'a [(Rc<PyStr>, Value)];

/// Parses an int literal the way `int(str, base)` does.
pub fn parse_int(text: &str, base: u32) -> Option<Value> {
    let t = text.trim();
    let (neg, body) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let mut base = base;
    let lower = body.to_ascii_lowercase();
    let mut digits = lower.as_str();
    let prefixed = |p: &str| digits.starts_with(p);
    if (base == 16 || base == 0) && prefixed("0x") {
        base = 16;
        digits = &digits[2..];
    } else if (base == 8 || base == 0) && prefixed("0o") {
        base = 8;
        digits = &digits[2..];
    } else if (base == 2 || base == 0) && prefixed("0b") {
        base = 2;
        digits = &digits[2..];
    } else if base == 0 {
        if digits.len() > 1
            && digits.starts_with('0')
            && digits.chars().any(|c| c != '0' && c != '_')
        {
            return None;
        }
        base = 10;
    }
    let digits = digits.strip_prefix('_').unwrap_or(digits);
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return None;
    }
    let clean: String = digits.chars().filter(|&c| c != '_').collect();
    if !clean.chars().all(|c| c.is_digit(base)) {
        return None;
    }
    if base == 10 && clean.len() > 4300 {
        // Reported by the caller as CPython's int_max_str_digits error.
        return Some(Value::Null);
    }
    let b = BigInt::parse_digits(&clean, base)?;
    Some(Value::from_big(if neg { b.neg() } else { b }))
}

/// `int(text, base)` with CPython's errors, including the 4300-digit limit.
fn int_from_str(text: &str, base: u32) -> PyResult {
    match parse_int(text, base) {
        Some(Value::Null) => {
            let digits = text
                .trim()
                .trim_start_matches(['-', '+'])
                .chars()
                .filter(|c| c.is_ascii_digit())
                .count();
            Err(Exc::value_error(alloc::format!(
                "Exceeds the limit (4300 digits) for integer string conversion: value has {} digits; use sys.set_int_max_str_digits() to increase the limit",
                digits
            )))
        }
        Some(v) => Ok(v),
        None => Err(Exc::value_error(alloc::format!(
            "invalid literal for int() with base {}: {}",
            base,
            crate::vm::str_repr_pub(text)
        ))),
    }
}

pub fn parse_float(text: &str) -> Option<f64> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    let (sign, body) = match lower.strip_prefix('-') {
        Some(r) => (-1.0, r),
        None => (1.0, lower.strip_prefix('+').unwrap_or(&lower)),
    };
    match body {
        "inf" | "infinity" => return Some(sign * f64::INFINITY),
        "nan" => return Some(f64::NAN),
        _ => {}
    }
    if body.is_empty() || body.starts_with('_') || body.ends_with('_') || body.contains("__") {
        return None;
    }
    if !body
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | '+' | '-' | '_'))
    {
        return None;
    }
    let clean: String = body.chars().filter(|&c| c != '_').collect();
    clean.parse::<f64>().ok().map(|v| sign * v)
}

pub fn construct(vm: &mut Vm, c: &Rc<Class>, args: &[Value], kw: Kw) -> PyResult {
    let name = c.name.as_str();
    match c.kind {
        TypeKind::Int => {
            check_kwargs("int", kw, &["base"])?;
            arg_count("int", args, 0, 2)?;
            let base = args.get(1).or(kwarg(kw, "base"));
            let Some(x) = args.first() else {
                return Ok(Value::Int(0));
            };
            if let Some(b) = base {
                let b = vm.index_value(b)?;
                if b != 0 && !(2..=36).contains(&b) {
                    return Err(Exc::value_error("int() base must be >= 2 and <= 36, or 0"));
                }
                let Value::Str(s) = x else {
                    return Err(Exc::type_error(
                        "int() can't convert non-string with explicit base",
                    ));
                };
                return int_from_str(s.as_str(), b as u32);
            }
            to_int(vm, x)
        }
        TypeKind::Bool => {
            arg_count("bool", args, 0, 1)?;
            match args.first() {
                Some(v) => Ok(Value::Bool(vm.truthy(v)?)),
                None => Ok(Value::Bool(false)),
            }
        }
        TypeKind::Float => {
            arg_count("float", args, 0, 1)?;
            let Some(x) = args.first() else {
                return Ok(Value::Float(0.0));
            };
            to_float(vm, x).map(Value::Float)
        }
        TypeKind::Str => {
            check_kwargs("str", kw, &["encoding", "errors"])?;
            arg_count("str", args, 0, 3)?;
            match args.first() {
                None => Ok(Value::str("")),
                Some(Value::Bytes(b)) if args.len() > 1 || kwarg(kw, "encoding").is_some() => {
                    match String::from_utf8(b.to_vec()) {
                        Ok(s) => Ok(Value::string(s)),
                        Err(_) => Err(Exc::new(
                            ExcKind::UnicodeError,
                            "'utf-8' codec can't decode bytes",
                        )),
                    }
                }
                Some(v) => Ok(Value::string(vm.to_str(v)?)),
            }
        }
        TypeKind::List => {
            arg_count("list", args, 0, 1)?;
            match args.first() {
                None => Ok(Value::list(Vec::new())),
                Some(v) => Ok(Value::list(vm.collect(v)?)),
            }
        }
        TypeKind::Tuple => {
            arg_count("tuple", args, 0, 1)?;
            match args.first() {
                None => Ok(Value::tuple(Vec::new())),
                Some(t @ Value::Tuple(_)) => Ok(t.clone()),
                Some(v) => Ok(Value::tuple(vm.collect(v)?)),
            }
        }
        TypeKind::Dict => {
            arg_count("dict", args, 0, 1)?;
            let d = Rc::new(RefCell::new(Dict::new()));
            if let Some(src) = args.first() {
                vm.dict_update(&d, src)?;
            }
            for (k, v) in kw {
                d.borrow_mut().set_str(k.clone(), v.clone());
            }
            Ok(Value::Dict(d))
        }
        TypeKind::Set | TypeKind::FrozenSet => {
            arg_count(name, args, 0, 1)?;
            let s = Rc::new(RefCell::new(Dict::new()));
            if let Some(src) = args.first() {
                for it in vm.collect(src)? {
                    vm.set_add(&s, it)?;
                }
            }
            if c.kind == TypeKind::Set {
                Ok(Value::Set(s))
            } else {
                let d = s.borrow().clone();
                Ok(Value::FrozenSet(Rc::new(d)))
            }
        }
        TypeKind::Bytes => {
            arg_count("bytes", args, 0, 3)?;
            match args.first() {
                None => Ok(Value::Bytes(Rc::new(Vec::new()))),
                Some(Value::Str(s)) => {
                    if args.len() < 2 && kwarg(kw, "encoding").is_none() {
                        return Err(Exc::type_error("string argument without an encoding"));
                    }
                    Ok(Value::Bytes(Rc::new(s.as_str().as_bytes().to_vec())))
                }
                Some(Value::Int(n)) => {
                    if *n < 0 {
                        return Err(Exc::value_error("negative count"));
                    }
                    vm.check_size(*n as usize)?;
                    Ok(Value::Bytes(Rc::new(alloc::vec![0u8; *n as usize])))
                }
                Some(v) => {
                    let mut out = Vec::new();
                    for x in vm.collect(v)? {
                        match x {
                            Value::Int(i) if (0..256).contains(&i) => out.push(i as u8),
                            Value::Int(_) => {
                                return Err(Exc::value_error("bytes must be in range(0, 256)"))
                            }
                            other => {
                                return Err(Exc::type_error(alloc::format!(
                                    "'{}' object cannot be interpreted as an integer",
                                    other.type_name()
                                )))
                            }
                        }
                    }
                    Ok(Value::Bytes(Rc::new(out)))
                }
            }
        }
        TypeKind::Range => {
            if args.is_empty() {
                return Err(Exc::type_error("range expected at least 1 argument, got 0"));
            }
            arg_count("range", args, 1, 3)?;
            let mut nums = [0i64; 3];
            for (i, a) in args.iter().enumerate() {
                nums[i] = match a {
                    Value::Int(n) => *n,
                    Value::Bool(b) => *b as i64,
                    Value::Instance(_) => vm.index_value(a)?,
                    Value::BigInt(_) => {
                        return Err(Exc::new(
                            ExcKind::OverflowError,
                            "Python int too large to convert to C ssize_t",
                        ))
                    }
                    other => {
                        return Err(Exc::type_error(alloc::format!(
                            "'{}' object cannot be interpreted as an integer",
                            other.type_name()
                        )))
                    }
                };
            }
            let (start, stop, step) = match args.len() {
                1 => (0, nums[0], 1),
                2 => (nums[0], nums[1], 1),
                _ => (nums[0], nums[1], nums[2]),
            };
            if step == 0 {
                return Err(Exc::value_error("range() arg 3 must not be zero"));
            }
            Ok(Value::Range(Rc::new(Range { start, stop, step })))
        }
        TypeKind::Slice => {
            arg_count("slice", args, 1, 3)?;
            let (start, stop, step) = match args.len() {
                1 => (Value::None, args[0].clone(), Value::None),
                2 => (args[0].clone(), args[1].clone(), Value::None),
                _ => (args[0].clone(), args[1].clone(), args[2].clone()),
            };
            Ok(Value::Slice(Rc::new(Slice { start, stop, step })))
        }
        TypeKind::Object => {
            if !args.is_empty() {
                return Err(Exc::type_error("object() takes no arguments"));
            }
            Ok(vm.new_instance(c, &[]))
        }
        TypeKind::Type => {
            if args.len() == 1 {
                return Ok(Value::Class(vm.types.type_of(&args[0])));
            }
            if args.len() != 3 {
                return Err(Exc::type_error("type() takes 1 or 3 arguments"));
            }
            let Value::Str(n) = &args[0] else {
                return Err(Exc::type_error("type.__new__() argument 1 must be str"));
            };
            let bases = match &args[1] {
                Value::Tuple(t) => t
                    .iter()
                    .filter_map(|b| match b {
                        Value::Class(c) => Some(c.clone()),
                        _ => None,
                    })
                    .collect(),
                _ => return Err(Exc::type_error("type.__new__() argument 2 must be tuple")),
            };
            let Value::Dict(ns) = &args[2] else {
                return Err(Exc::type_error("type.__new__() argument 3 must be dict"));
            };
            let d = ns.borrow().clone();
            vm.new_class(n.as_str(), bases, d)
        }
        TypeKind::Property => {
            check_kwargs("property", kw, &["fget", "fset", "fdel", "doc"])?;
            let get =
                |i: usize, n: &str| args.get(i).or(kwarg(kw, n)).cloned().unwrap_or(Value::None);
            Ok(Value::Property(Rc::new(Property {
                fget: get(0, "fget"),
                fset: get(1, "fset"),
                fdel: get(2, "fdel"),
                doc: get(3, "doc"),
            })))
        }
        TypeKind::StaticMethod => {
            arg_count("staticmethod", args, 1, 1)?;
            Ok(Value::StaticMethod(Rc::new(args[0].clone())))
        }
        TypeKind::ClassMethod => {
            arg_count("classmethod", args, 1, 1)?;
            Ok(Value::ClassMethod(Rc::new(args[0].clone())))
        }
        TypeKind::Super => {
            if args.len() != 2 {
                return Err(Exc::new(ExcKind::RuntimeError, "super(): no arguments"));
            }
            let Value::Class(cls) = &args[0] else {
                return Err(Exc::type_error(alloc::format!(
                    "super() argument 1 must be a type, not {}",
                    args[0].type_name()
                )));
            };
            Ok(Value::Super(Rc::new((cls.clone(), args[1].clone()))))
        }
        _ => Err(Exc::type_error(alloc::format!(
            "cannot create '{}' instances",
            name
        ))),
    }
}

pub fn to_int(vm: &mut Vm, x: &Value) -> PyResult {
    match x {
        Value::Int(_) | Value::BigInt(_) => Ok(x.clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Float(f) => {
            if f.is_nan() {
                return Err(Exc::value_error("cannot convert float NaN to integer"));
            }
            if f.is_infinite() {
                return Err(Exc::new(
                    ExcKind::OverflowError,
                    "cannot convert float infinity to integer",
                ));
            }
            let t = libm::trunc(*f);
            if t.abs() < 9.0e18 {
                Ok(Value::Int(t as i64))
            } else {
                Ok(Value::from_big(BigInt::from_f64(t)))
            }
        }
        Value::Str(s) => int_from_str(s.as_str(), 10),
        Value::Bytes(b) => {
            let s = String::from_utf8_lossy(b).to_string();
            parse_int(&s, 10).ok_or_else(|| {
                Exc::value_error(alloc::format!(
                    "invalid literal for int() with base 10: {}",
                    crate::vm::bytes_repr_pub(b)
                ))
            })
        }
        Value::Instance(_)
            if base_of(x).is_some()
                && matches!(
                    base_of(x),
                    Some(Value::Int(_) | Value::BigInt(_) | Value::Float(_) | Value::Str(_))
                ) =>
        {
            let b = base_of(x).unwrap_or(Value::Int(0));
            to_int(vm, &b)
        }
        Value::Instance(_) => {
            for name in ["__int__", "__index__", "__trunc__"] {
                if let Some(r) = vm.call_dunder(x, name, &[])? {
                    return Ok(r);
                }
            }
            Err(Exc::type_error(alloc::format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                x.type_name()
            )))
        }
        other => Err(Exc::type_error(alloc::format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            other.type_name()
        ))),
    }
}

pub fn to_float(vm: &mut Vm, x: &Value) -> PyResult<f64> {
    match x {
        Value::Float(f) => Ok(*f),
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(*b as i64 as f64),
        Value::BigInt(b) => {
            let f = b.to_f64();
            if f.is_infinite() {
                return Err(Exc::new(
                    ExcKind::OverflowError,
                    "int too large to convert to float",
                ));
            }
            Ok(f)
        }
        Value::Str(s) => parse_float(s.as_str()).ok_or_else(|| {
            Exc::value_error(alloc::format!(
                "could not convert string to float: {}",
                crate::vm::str_repr_pub(s.as_str())
            ))
        }),
        Value::Instance(_)
            if matches!(
                base_of(x),
                Some(Value::Int(_) | Value::BigInt(_) | Value::Float(_) | Value::Str(_))
            ) =>
        {
            let b = base_of(x).unwrap_or(Value::Int(0));
            to_float(vm, &b)
        }
        Value::Instance(_) => match vm.call_dunder(x, "__float__", &[])? {
            Some(Value::Float(f)) => Ok(f),
            Some(_) => Err(Exc::type_error("__float__ returned non-float")),
            None => match vm.call_dunder(x, "__index__", &[])? {
                Some(Value::Int(i)) => Ok(i as f64),
                _ => Err(Exc::type_error(alloc::format!(
                    "float() argument must be a string or a real number, not '{}'",
                    x.type_name()
                ))),
            },
        },
        other => Err(Exc::type_error(alloc::format!(
            "float() argument must be a string or a real number, not '{}'",
            other.type_name()
        ))),
    }
}

pub fn _unused() -> String {
    "".to_string()
}
