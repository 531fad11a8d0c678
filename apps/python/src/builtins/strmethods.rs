//! `str` methods (Python Library Reference, "String Methods").

use super::{arg_count, kwarg};
use crate::dict::Dict;
use crate::pystr::PyStr;
use crate::value::*;
use crate::vm::Vm;
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::cell::RefCell;

type Kw<'a> = &'a [(Rc<PyStr>, Value)];

pub const NAMES: &[&str] = &[
    "upper",
    "lower",
    "title",
    "capitalize",
    "swapcase",
    "casefold",
    "strip",
    "lstrip",
    "rstrip",
    "split",
    "rsplit",
    "splitlines",
    "join",
    "replace",
    "find",
    "rfind",
    "index",
    "rindex",
    "count",
    "startswith",
    "endswith",
    "isdigit",
    "isdecimal",
    "isnumeric",
    "isalpha",
    "isalnum",
    "isspace",
    "isupper",
    "islower",
    "istitle",
    "isidentifier",
    "isprintable",
    "isascii",
    "center",
    "ljust",
    "rjust",
    "zfill",
    "format",
    "format_map",
    "partition",
    "rpartition",
    "encode",
    "expandtabs",
    "translate",
    "maketrans",
    "removeprefix",
    "removesuffix",
    "__len__",
    "__getitem__",
    "__contains__",
    "__iter__",
    "__add__",
    "__mul__",
    "__mod__",
];

fn str_arg<'a>(v: &'a Value, fname: &str) -> PyResult<&'a str> {
    match v {
        Value::Str(s) => Ok(s.as_str()),
        other => Err(Exc::type_error(alloc::format!(
            "{} arg must be None or str, not {}",
            fname,
            other.type_name()
        ))),
    }
}

fn must_str<'a>(v: &'a Value, what: &str) -> PyResult<&'a str> {
    match v {
        Value::Str(s) => Ok(s.as_str()),
        other => Err(Exc::type_error(alloc::format!(
            "{}, not {}",
            what,
            other.type_name()
        ))),
    }
}

fn strip_chars(args: &[Value], fname: &str) -> PyResult<Option<Vec<char>>> {
    match args.first() {
        None | Some(Value::None) => Ok(None),
        Some(v) => Ok(Some(str_arg(v, fname)?.chars().collect())),
    }
}

/// Converts optional start/end arguments into a char range, then to a byte range of `s`.
fn char_range(vm: &mut Vm, s: &PyStr, args: &[Value]) -> PyResult<(usize, usize)> {
    let len = s.char_len() as i64;
    let norm = |i: i64| if i < 0 { (i + len).max(0) } else { i.min(len) };
    let start = match args.first() {
        Some(Value::None) | None => 0,
        Some(v) => norm(vm.index_value(v)?),
    };
    let end = match args.get(1) {
        Some(Value::None) | None => len,
        Some(v) => norm(vm.index_value(v)?),
    };
    Ok((start as usize, end.max(start) as usize))
}

fn byte_to_char(s: &PyStr, b: usize) -> usize {
    if s.is_ascii() {
        b
    } else {
        s.as_str()[..b].chars().count()
    }
}

fn pad(s: &str, width: i64, fill: char, align: char) -> String {
    let n = s.chars().count() as i64;
    if width <= n {
        return s.to_string();
    }
    let total = (width - n) as usize;
    let (left, right) = match align {
        '<' => (0, total),
        '>' => (total, 0),
        _ => {
            // CPython's center puts the extra space on the right unless both are odd.
            let left = total / 2 + (total & width as usize & 1);
            (left, total - left)
        }
    };
    let mut out = String::new();
    for _ in 0..left {
        out.push(fill);
    }
    out.push_str(s);
    for _ in 0..right {
        out.push(fill);
    }
    out
}

fn fill_arg(args: &[Value]) -> PyResult<char> {
    match args.get(1) {
        None => Ok(' '),
        Some(Value::Str(f)) if f.char_len() == 1 => Ok(f.as_str().chars().next().unwrap_or(' ')),
        Some(_) => Err(Exc::type_error(
            "The fill character must be exactly one character long",
        )),
    }
}

fn split_whitespace(s: &str, maxsplit: i64) -> Vec<Value> {
    let mut out = Vec::new();
    let mut rest = s.trim_start();
    while !rest.is_empty() {
        if maxsplit >= 0 && out.len() as i64 >= maxsplit {
            out.push(Value::str(rest));
            return out;
        }
        match rest.find(char::is_whitespace) {
            Some(i) => {
                out.push(Value::str(&rest[..i]));
                rest = rest[i..].trim_start();
            }
            None => {
                out.push(Value::str(rest));
                break;
            }
        }
    }
    out
}

fn rsplit_whitespace(s: &str, maxsplit: i64) -> Vec<Value> {
    let mut out = Vec::new();
    let mut rest = s.trim_end();
    while !rest.is_empty() {
        if maxsplit >= 0 && out.len() as i64 >= maxsplit {
            out.push(Value::str(rest));
            break;
        }
        match rest.rfind(char::is_whitespace) {
            Some(i) => {
                let c = rest[i..].chars().next().map_or(1, |c| c.len_utf8());
                out.push(Value::str(&rest[i + c..]));
                rest = rest[..i].trim_end();
            }
            None => {
                out.push(Value::str(rest));
                break;
            }
        }
    }
    out.reverse();
    out
}

fn title(s: &str) -> String {
    let mut out = String::new();
    let mut prev_cased = false;
    for c in s.chars() {
        if prev_cased {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        prev_cased = c.is_alphabetic();
    }
    out
}

pub fn maketrans(vm: &mut Vm, args: &[Value]) -> PyResult {
    arg_count("maketrans", args, 1, 3)?;
    let d = Rc::new(RefCell::new(Dict::new()));
    if args.len() == 1 {
        if let Value::Dict(src) = &args[0] {
            let items: Vec<(Value, Value)> = src
                .borrow()
                .iter()
                .map(|e| (e.key.clone(), e.value.clone()))
                .collect();
            for (k, v) in items {
                let k = match k {
                    Value::Str(s) => Value::Int(s.as_str().chars().next().map_or(0, |c| c as i64)),
                    other => other,
                };
                vm.dict_set(&d, k, v)?;
            }
            return Ok(Value::Dict(d));
        }
        return Err(Exc::type_error(
            "if you give only one argument to maketrans it must be a dict",
        ));
    }
    let a: Vec<char> = must_str(&args[0], "maketrans() argument 1 must be str")?
        .chars()
        .collect();
    let b: Vec<char> = must_str(&args[1], "maketrans() argument 2 must be str")?
        .chars()
        .collect();
    if a.len() != b.len() {
        return Err(Exc::value_error(
            "the first two maketrans arguments must have equal length",
        ));
    }
    for (x, y) in a.iter().zip(b.iter()) {
        vm.dict_set(&d, Value::Int(*x as i64), Value::Int(*y as i64))?;
    }
    if let Some(Value::Str(z)) = args.get(2) {
        for c in z.as_str().chars() {
            vm.dict_set(&d, Value::Int(c as i64), Value::None)?;
        }
    }
    Ok(Value::Dict(d))
}

pub fn call(vm: &mut Vm, s: &Rc<PyStr>, n: &str, args: &[Value], kw: Kw) -> PyResult {
    let t = s.as_str();
    Ok(match n {
        "upper" => Value::string(t.to_uppercase()),
        "lower" | "casefold" => Value::string(t.to_lowercase()),
        "title" => Value::string(title(t)),
        "capitalize" => {
            let mut cs = t.chars();
            match cs.next() {
                Some(f) => {
                    let mut out: String = f.to_uppercase().collect();
                    out.push_str(&cs.as_str().to_lowercase());
                    Value::string(out)
                }
                None => Value::str(""),
            }
        }
        "swapcase" => Value::string(
            t.chars()
                .flat_map(|c| -> Vec<char> {
                    if c.is_uppercase() {
                        c.to_lowercase().collect()
                    } else {
                        c.to_uppercase().collect()
                    }
                })
                .collect(),
        ),
        "strip" | "lstrip" | "rstrip" => {
            let chars = strip_chars(args, n)?;
            let is_strip = |c: char| match &chars {
                Some(cs) => cs.contains(&c),
                None => c.is_whitespace(),
            };
            let r = match n {
                "strip" => t.trim_matches(is_strip),
                "lstrip" => t.trim_start_matches(is_strip),
                _ => t.trim_end_matches(is_strip),
            };
            Value::str(r)
        }
        "split" | "rsplit" => {
            let sep = args
                .first()
                .or(kwarg(kw, "sep"))
                .cloned()
                .unwrap_or(Value::None);
            let maxsplit = match args.get(1).or(kwarg(kw, "maxsplit")) {
                Some(v) => vm.index_value(v)?,
                None => -1,
            };
            match sep {
                Value::None => Value::list(if n == "split" {
                    split_whitespace(t, maxsplit)
                } else {
                    rsplit_whitespace(t, maxsplit)
                }),
                Value::Str(sep) => {
                    let sep = sep.as_str();
                    if sep.is_empty() {
                        return Err(Exc::value_error("empty separator"));
                    }
                    let parts: Vec<Value> = if maxsplit < 0 {
                        t.split(sep).map(Value::str).collect()
                    } else if n == "split" {
                        t.splitn(maxsplit as usize + 1, sep)
                            .map(Value::str)
                            .collect()
                    } else {
                        let mut v: Vec<Value> = t
                            .rsplitn(maxsplit as usize + 1, sep)
                            .map(Value::str)
                            .collect();
                        v.reverse();
                        v
                    };
                    Value::list(parts)
                }
                other => {
                    return Err(Exc::type_error(alloc::format!(
                        "must be str or None, not {}",
                        other.type_name()
                    )))
                }
            }
        }
        "splitlines" => {
            let keep = match args.first().or(kwarg(kw, "keepends")) {
                Some(v) => vm.truthy(v)?,
                None => false,
            };
            let mut out = Vec::new();
            let mut start = 0;
            let bytes: Vec<(usize, char)> = t.char_indices().collect();
            let mut i = 0;
            while i < bytes.len() {
                let (pos, c) = bytes[i];
                let is_break = matches!(
                    c,
                    '\n' | '\r'
                        | '\x0b'
                        | '\x0c'
                        | '\x1c'
                        | '\x1d'
                        | '\x1e'
                        | '\u{85}'
                        | '\u{2028}'
                        | '\u{2029}'
                );
                if is_break {
                    let mut end = pos + c.len_utf8();
                    if c == '\r' && i + 1 < bytes.len() && bytes[i + 1].1 == '\n' {
                        end += 1;
                        i += 1;
                    }
                    out.push(Value::str(if keep {
                        &t[start..end]
                    } else {
                        &t[start..pos]
                    }));
                    start = end;
                }
                i += 1;
            }
            if start < t.len() {
                out.push(Value::str(&t[start..]));
            }
            Value::list(out)
        }
        "join" => {
            arg_count("join", args, 1, 1)?;
            let items = vm.collect(&args[0])?;
            let mut out = String::new();
            for (i, it) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(t);
                }
                match it {
                    Value::Str(p) => out.push_str(p.as_str()),
                    other => {
                        return Err(Exc::type_error(alloc::format!(
                            "sequence item {}: expected str instance, {} found",
                            i,
                            other.type_name()
                        )))
                    }
                }
            }
            vm.check_size(out.len())?;
            Value::string(out)
        }
        "replace" => {
            arg_count("replace", args, 2, 3)?;
            let old = must_str(&args[0], "replace() argument 1 must be str")?;
            let new = must_str(&args[1], "replace() argument 2 must be str")?;
            let count = match args.get(2) {
                Some(v) => vm.index_value(v)?,
                None => -1,
            };
            if count < 0 {
                if old.is_empty() {
                    let mut out = String::from(new);
                    for c in t.chars() {
                        out.push(c);
                        out.push_str(new);
                    }
                    vm.check_size(out.len())?;
                    Value::string(out)
                } else {
                    Value::string(t.replace(old, new))
                }
            } else {
                Value::string(t.replacen(old, new, count as usize))
            }
        }
        "find" | "rfind" | "index" | "rindex" | "count" => {
            arg_count(n, args, 1, 3)?;
            let sub = must_str(&args[0], "must be str")?;
            let (a, b) = char_range(vm, s, &args[1..])?;
            let (ba, bb) = (s.byte_offset(a), s.byte_offset(b));
            let hay = &t[ba..bb];
            if n == "count" {
                if sub.is_empty() {
                    return Ok(Value::Int((b - a) as i64 + 1));
                }
                return Ok(Value::Int(hay.matches(sub).count() as i64));
            }
            let found = if n.starts_with('r') {
                hay.rfind(sub)
            } else {
                hay.find(sub)
            };
            match found {
                Some(p) => Value::Int(byte_to_char(s, ba + p) as i64),
                None => {
                    if n.ends_with("index") {
                        return Err(Exc::value_error("substring not found"));
                    }
                    Value::Int(-1)
                }
            }
        }
        "startswith" | "endswith" => {
            arg_count(n, args, 1, 3)?;
            let (a, b) = char_range(vm, s, &args[1..])?;
            let hay = &t[s.byte_offset(a)..s.byte_offset(b)];
            let check = |p: &str| {
                if n == "startswith" {
                    hay.starts_with(p)
                } else {
                    hay.ends_with(p)
                }
            };
            match &args[0] {
                Value::Str(p) => Value::Bool(check(p.as_str())),
                Value::Tuple(ps) => {
                    let mut r = false;
                    for p in ps.iter() {
                        if check(must_str(p, "tuple for startswith must only contain str")?) {
                            r = true;
                            break;
                        }
                    }
                    Value::Bool(r)
                }
                other => {
                    return Err(Exc::type_error(alloc::format!(
                        "{} first arg must be str or a tuple of str, not {}",
                        n,
                        other.type_name()
                    )))
                }
            }
        }
        "isdigit" | "isdecimal" | "isnumeric" => {
            Value::Bool(!t.is_empty() && t.chars().all(|c| c.is_numeric()))
        }
        "isalpha" => Value::Bool(!t.is_empty() && t.chars().all(char::is_alphabetic)),
        "isalnum" => Value::Bool(!t.is_empty() && t.chars().all(char::is_alphanumeric)),
        "isspace" => Value::Bool(!t.is_empty() && t.chars().all(char::is_whitespace)),
        "isupper" => {
            Value::Bool(t.chars().any(char::is_uppercase) && !t.chars().any(char::is_lowercase))
        }
        "islower" => {
            Value::Bool(t.chars().any(char::is_lowercase) && !t.chars().any(char::is_uppercase))
        }
        "istitle" => {
            Value::Bool(!t.is_empty() && title(t) == t && t.chars().any(char::is_alphabetic))
        }
        "isidentifier" => {
            let mut cs = t.chars();
            Value::Bool(
                cs.next().is_some_and(|c| c.is_alphabetic() || c == '_')
                    && cs.all(|c| c.is_alphanumeric() || c == '_'),
            )
        }
        "isprintable" => Value::Bool(t.chars().all(|c| !c.is_control())),
        "isascii" => Value::Bool(t.is_ascii()),
        "center" | "ljust" | "rjust" => {
            arg_count(n, args, 1, 2)?;
            let w = vm.index_value(&args[0])?;
            let fill = fill_arg(args)?;
            vm.check_size(w.max(0) as usize)?;
            let align = match n {
                "center" => '^',
                "ljust" => '<',
                _ => '>',
            };
            Value::string(pad(t, w, fill, align))
        }
        "zfill" => {
            arg_count("zfill", args, 1, 1)?;
            let w = vm.index_value(&args[0])?;
            vm.check_size(w.max(0) as usize)?;
            let n = t.chars().count() as i64;
            if w <= n {
                Value::str(t)
            } else {
                let (sign, rest) = if t.starts_with('-') || t.starts_with('+') {
                    t.split_at(1)
                } else {
                    ("", t)
                };
                let mut out = String::from(sign);
                for _ in 0..(w - n) {
                    out.push('0');
                }
                out.push_str(rest);
                Value::string(out)
            }
        }
        "format" => Value::string(super::format::str_format(vm, t, args, kw)?),
        "format_map" => {
            arg_count("format_map", args, 1, 1)?;
            let kws = vm.kwargs_from(&args[0])?;
            Value::string(super::format::str_format(vm, t, &[], &kws)?)
        }
        "partition" | "rpartition" => {
            arg_count(n, args, 1, 1)?;
            let sep = must_str(&args[0], "must be str")?;
            if sep.is_empty() {
                return Err(Exc::value_error("empty separator"));
            }
            let found = if n == "partition" {
                t.find(sep)
            } else {
                t.rfind(sep)
            };
            match found {
                Some(i) => Value::tuple(alloc::vec![
                    Value::str(&t[..i]),
                    Value::str(sep),
                    Value::str(&t[i + sep.len()..])
                ]),
                None => {
                    if n == "partition" {
                        Value::tuple(alloc::vec![Value::str(t), Value::str(""), Value::str("")])
                    } else {
                        Value::tuple(alloc::vec![Value::str(""), Value::str(""), Value::str(t)])
                    }
                }
            }
        }
        "encode" => Value::Bytes(Rc::new(t.as_bytes().to_vec())),
        "expandtabs" => {
            let size = match args.first() {
                Some(v) => vm.index_value(v)?,
                None => 8,
            };
            vm.check_size(t.len().saturating_mul(size.clamp(1, 1 << 20) as usize))?;
            let mut out = String::new();
            let mut col = 0i64;
            for c in t.chars() {
                match c {
                    '\t' => {
                        if size > 0 {
                            let spaces = size - col % size;
                            for _ in 0..spaces {
                                out.push(' ');
                            }
                            col += spaces;
                        }
                    }
                    '\n' | '\r' => {
                        out.push(c);
                        col = 0;
                    }
                    _ => {
                        out.push(c);
                        col += 1;
                    }
                }
            }
            Value::string(out)
        }
        "translate" => {
            arg_count("translate", args, 1, 1)?;
            let table = args[0].clone();
            let mut out = String::new();
            for c in t.chars() {
                match vm.getitem(&table, &Value::Int(c as i64)) {
                    Ok(Value::None) => {}
                    Ok(Value::Str(r)) => out.push_str(r.as_str()),
                    Ok(Value::Int(i)) => out.push(char::from_u32(i as u32).unwrap_or(c)),
                    Ok(_) => {
                        return Err(Exc::type_error(
                            "character mapping must return integer, None or str",
                        ))
                    }
                    Err(_) => out.push(c),
                }
            }
            Value::string(out)
        }
        "maketrans" => maketrans(vm, args)?,
        "removeprefix" => {
            arg_count(n, args, 1, 1)?;
            let p = must_str(&args[0], "removeprefix() argument must be str")?;
            Value::str(t.strip_prefix(p).unwrap_or(t))
        }
        "removesuffix" => {
            arg_count(n, args, 1, 1)?;
            let p = must_str(&args[0], "removesuffix() argument must be str")?;
            Value::str(t.strip_suffix(p).unwrap_or(t))
        }
        "__len__" => Value::Int(s.char_len() as i64),
        "__getitem__" if args.len() == 1 => vm.getitem(&Value::Str(s.clone()), &args[0])?,
        "__contains__" if args.len() == 1 => {
            Value::Bool(vm.contains(&Value::Str(s.clone()), &args[0])?)
        }
        "__iter__" => vm.get_iter(&Value::Str(s.clone()))?,
        "__add__" if args.len() == 1 => {
            vm.binary(crate::ast::BinOp::Add, &Value::Str(s.clone()), &args[0])?
        }
        "__mul__" if args.len() == 1 => {
            vm.binary(crate::ast::BinOp::Mul, &Value::Str(s.clone()), &args[0])?
        }
        "__mod__" if args.len() == 1 => {
            vm.binary(crate::ast::BinOp::Mod, &Value::Str(s.clone()), &args[0])?
        }
        "__str__" => Value::Str(s.clone()),
        "__repr__" => Value::string(vm.repr(&Value::Str(s.clone()))?),
        "__eq__" if args.len() == 1 => {
            vm.compare(crate::ast::CmpOp::Eq, &Value::Str(s.clone()), &args[0])?
        }
        "__hash__" => Value::Int(s.hash() as i64),
        "__format__" if args.len() == 1 => {
            let spec = must_str(&args[0], "format spec must be str")?.to_string();
            Value::string(vm.format_value(&Value::Str(s.clone()), &spec)?)
        }
        _ => {
            return Err(Exc::new(
                ExcKind::AttributeError,
                alloc::format!("'str' object has no attribute '{}'", n),
            ))
        }
    })
}
