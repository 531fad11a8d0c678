//! `repr()` and `str()` of every value (Python Library Reference, "Built-in Types").
//!
//! Floats use the shortest representation that round-trips (Rust's `{:e}` gives the same
//! digits as CPython's `repr`, David Gay's algorithm), laid out by CPython's rule: positional
//! notation for exponents from -4 to 15, scientific otherwise. Containers guard against
//! cycles (`[...]`) and excessive depth.

use super::Vm;
use crate::pystr::PyStr;
use crate::value::*;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

/// Shortest round-trip digits and decimal exponent of a finite, non-zero float:
/// value = 0.d1d2d3... * 10^exp10 with `exp10` = position of the decimal point.
pub fn shortest_digits(f: f64) -> (String, i32) {
    let s = alloc::format!("{:e}", f.abs());
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let exp: i32 = exp.parse().unwrap_or(0);
    (digits, exp + 1)
}

pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 {
            "inf".to_string()
        } else {
            "-inf".to_string()
        };
    }
    if f == 0.0 {
        return if f.is_sign_negative() {
            "-0.0".to_string()
        } else {
            "0.0".to_string()
        };
    }
    let (digits, point) = shortest_digits(f);
    let mut out = String::new();
    if f < 0.0 {
        out.push('-');
    }
    let exp = point - 1;
    if (-4..16).contains(&exp) {
        if point <= 0 {
            out.push_str("0.");
            for _ in 0..(-point) {
                out.push('0');
            }
            out.push_str(&digits);
        } else if point as usize >= digits.len() {
            out.push_str(&digits);
            for _ in 0..(point as usize - digits.len()) {
                out.push('0');
            }
            out.push_str(".0");
        } else {
            out.push_str(&digits[..point as usize]);
            out.push('.');
            out.push_str(&digits[point as usize..]);
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if exp < 0 { '-' } else { '+' });
        let e = exp.unsigned_abs();
        if e < 10 {
            out.push('0');
        }
        out.push_str(&e.to_string());
    }
    out
}

/// `repr()` of a str: single quotes unless the text contains ' and no ".
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&alloc::format!("\\x{:02x}", c as u32))
            }
            c if (0x80..0xa0).contains(&(c as u32)) => {
                out.push_str(&alloc::format!("\\x{:02x}", c as u32))
            }
            c if is_unprintable(c) => {
                let v = c as u32;
                if v <= 0xff {
                    out.push_str(&alloc::format!("\\x{:02x}", v));
                } else if v <= 0xffff {
                    out.push_str(&alloc::format!("\\u{:04x}", v));
                } else {
                    out.push_str(&alloc::format!("\\U{:08x}", v));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

fn is_unprintable(c: char) -> bool {
    let v = c as u32;
    v == 0xad
        || (0x2028..=0x2029).contains(&v)
        || (0xd800..=0xdfff).contains(&v)
        || v == 0xfeff
        || (0x200b..=0x200f).contains(&v)
        || (0xe000..=0xf8ff).contains(&v)
}

pub fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::from("b");
    out.push(quote);
    for &x in b {
        match x {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            x if x as char == quote => {
                out.push('\\');
                out.push(x as char);
            }
            0x20..=0x7e => out.push(x as char),
            x => out.push_str(&alloc::format!("\\x{:02x}", x)),
        }
    }
    out.push(quote);
    out
}

impl Vm {
    pub fn repr(&mut self, v: &Value) -> PyResult<String> {
        Ok(match v {
            Value::None => "None".to_string(),
            Value::Bool(true) => "True".to_string(),
            Value::Bool(false) => "False".to_string(),
            Value::Int(i) => i.to_string(),
            Value::BigInt(b) => {
                // CPython refuses decimal conversions of more than 4300 digits.
                let too_long = || {
                    Exc::value_error(
                        "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
                    )
                };
                if b.bit_length() > 14300 {
                    return Err(too_long());
                }
                let s = b.to_string_radix(10);
                if s.trim_start_matches('-').len() > 4300 {
                    return Err(too_long());
                }
                s
            }
            Value::Float(f) => float_repr(*f),
            Value::Str(s) => str_repr(s.as_str()),
            Value::Bytes(b) => bytes_repr(b),
            Value::List(_)
            | Value::Tuple(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::FrozenSet(_)
            | Value::View(_) => return self.container_repr(v),
            Value::Range(r) => {
                if r.step == 1 {
                    alloc::format!("range({}, {})", r.start, r.stop)
                } else {
                    alloc::format!("range({}, {}, {})", r.start, r.stop, r.step)
                }
            }
            Value::Slice(s) => {
                let (a, b, c) = (
                    self.repr(&s.start)?,
                    self.repr(&s.stop)?,
                    self.repr(&s.step)?,
                );
                alloc::format!("slice({}, {}, {})", a, b, c)
            }
            Value::Function(f) => alloc::format!(
                "<function {} at 0x{:x}>",
                f.code.qualname.as_str(),
                v.ptr().unwrap_or(0)
            ),
            Value::Builtin(b) => match &b.receiver {
                Some(Value::Module(_)) | None => alloc::format!("<built-in function {}>", b.name),
                Some(r) => alloc::format!(
                    "<built-in method {} of {} object at 0x{:x}>",
                    b.name,
                    r.type_name(),
                    r.ptr().unwrap_or(0)
                ),
            },
            Value::NativeMethod(nm) => match &nm.0 {
                Value::Class(c) => alloc::format!(
                    "<method '{}' of '{}' objects>",
                    nm.1.as_str(),
                    c.name.as_str()
                ),
                r => alloc::format!(
                    "<built-in method {} of {} object at 0x{:x}>",
                    nm.1.as_str(),
                    r.type_name(),
                    r.ptr().unwrap_or(0)
                ),
            },
            Value::Method(m) => {
                let fname = match &m.func {
                    Value::Function(f) => f.code.qualname.as_str().to_string(),
                    other => other.type_name().to_string(),
                };
                let recv = self.repr(&m.receiver)?;
                alloc::format!("<bound method {} of {}>", fname, recv)
            }
            Value::Class(c) => {
                if c.builtin {
                    alloc::format!("<class '{}'>", c.qualname)
                } else {
                    alloc::format!("<class '{}.{}'>", c.module, c.qualname)
                }
            }
            Value::Instance(inst) => {
                if let Some(f) = inst.class.lookup(&PyStr::new("__repr__")) {
                    if matches!(f, Value::Function(_)) {
                        if self.repr_guard.len() > 200 {
                            return Err(Exc::new(ExcKind::RecursionError, "maximum recursion depth exceeded while getting the repr of an object"));
                        }
                        self.repr_guard.push(0);
                        let r = self.call(&f, &[v.clone()], &[]);
                        self.repr_guard.pop();
                        return match r? {
                            Value::Str(s) => Ok(s.as_str().to_string()),
                            other => Err(Exc::type_error(alloc::format!(
                                "__repr__ returned non-string (type {})",
                                other.type_name()
                            ))),
                        };
                    }
                }
                if let Some(b) = base_of(v) {
                    return self.repr(&b);
                }
                if inst.class.kind == TypeKind::BaseException {
                    let args = inst.dict.borrow().get_by_str("args");
                    let inner = match args {
                        Some(Value::Tuple(t)) if t.len() == 1 => self.repr(&t[0])?,
                        Some(Value::Tuple(t)) => {
                            let r = self.repr(&Value::Tuple(t))?;
                            r[1..r.len() - 1].trim_end_matches(',').to_string()
                        }
                        _ => String::new(),
                    };
                    return Ok(alloc::format!("{}({})", inst.class.name.as_str(), inner));
                }
                alloc::format!(
                    "<{}.{} object at 0x{:x}>",
                    inst.class.module,
                    inst.class.qualname,
                    v.ptr().unwrap_or(0)
                )
            }
            Value::Iter(it) => alloc::format!(
                "<{} object at 0x{:x}>",
                it.borrow().type_name(),
                v.ptr().unwrap_or(0)
            ),
            Value::Generator(g) => alloc::format!(
                "<generator object {} at 0x{:x}>",
                g.borrow().qualname,
                v.ptr().unwrap_or(0)
            ),
            Value::Module(m) => {
                if crate::builtins::is_builtin_module(m.name.as_str()) {
                    alloc::format!("<module '{}' (built-in)>", m.name.as_str())
                } else {
                    alloc::format!("<module '{}'>", m.name.as_str())
                }
            }
            Value::Property(_) => {
                alloc::format!("<property object at 0x{:x}>", v.ptr().unwrap_or(0))
            }
            Value::StaticMethod(_) => {
                alloc::format!("<staticmethod object at 0x{:x}>", v.ptr().unwrap_or(0))
            }
            Value::ClassMethod(_) => {
                alloc::format!("<classmethod object at 0x{:x}>", v.ptr().unwrap_or(0))
            }
            Value::Super(s) => alloc::format!(
                "<super: <class '{}'>, <{} object>>",
                s.0.name.as_str(),
                s.1.type_name()
            ),
            Value::Cell(_) => "<cell>".to_string(),
            Value::Code(c) => alloc::format!("<code object {}>", c.name.as_str()),
            Value::NotImplemented => "NotImplemented".to_string(),
            Value::Ellipsis => "Ellipsis".to_string(),
            Value::Null => "<NULL>".to_string(),
        })
    }

    fn container_repr(&mut self, v: &Value) -> PyResult<String> {
        let id = v.ptr().unwrap_or(0);
        if self.repr_guard.contains(&id) {
            return Ok(match v {
                Value::List(_) => "[...]",
                Value::Dict(_) => "{...}",
                _ => "...",
            }
            .to_string());
        }
        if self.repr_guard.len() > 300 {
            return Err(Exc::new(
                ExcKind::RecursionError,
                "maximum recursion depth exceeded while getting the repr of an object",
            ));
        }
        self.repr_guard.push(id);
        let r = self.container_repr_inner(v);
        self.repr_guard.pop();
        r
    }

    fn join_reprs(&mut self, items: &[Value]) -> PyResult<String> {
        let mut s = String::new();
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            s.push_str(&self.repr(x)?);
        }
        Ok(s)
    }

    fn container_repr_inner(&mut self, v: &Value) -> PyResult<String> {
        Ok(match v {
            Value::List(l) => {
                let items = l.borrow().clone();
                alloc::format!("[{}]", self.join_reprs(&items)?)
            }
            Value::Tuple(t) => {
                if t.len() == 1 {
                    alloc::format!("({},)", self.repr(&t[0])?)
                } else {
                    alloc::format!("({})", self.join_reprs(t)?)
                }
            }
            Value::Dict(d) => {
                let items: Vec<(Value, Value)> = d
                    .borrow()
                    .iter()
                    .map(|e| (e.key.clone(), e.value.clone()))
                    .collect();
                let mut s = String::from("{");
                for (i, (k, val)) in items.iter().enumerate() {
                    if i > 0 {
                        s.push_str(", ");
                    }
                    s.push_str(&self.repr(k)?);
                    s.push_str(": ");
                    s.push_str(&self.repr(val)?);
                }
                s.push('}');
                s
            }
            Value::Set(d) => {
                let items: Vec<Value> = d.borrow().set_order_keys();
                if items.is_empty() {
                    "set()".to_string()
                } else {
                    alloc::format!("{{{}}}", self.join_reprs(&items)?)
                }
            }
            Value::FrozenSet(d) => {
                let items: Vec<Value> = d.set_order_keys();
                if items.is_empty() {
                    "frozenset()".to_string()
                } else {
                    alloc::format!("frozenset({{{}}})", self.join_reprs(&items)?)
                }
            }
            Value::View(view) => {
                let d = view.0.borrow().clone();
                let (name, items): (&str, Vec<Value>) = match view.1 {
                    ViewKind::Keys => ("dict_keys", d.keys().cloned().collect()),
                    ViewKind::Values => {
                        ("dict_values", d.iter().map(|e| e.value.clone()).collect())
                    }
                    ViewKind::Items => (
                        "dict_items",
                        d.iter()
                            .map(|e| Value::tuple(alloc::vec![e.key.clone(), e.value.clone()]))
                            .collect(),
                    ),
                };
                alloc::format!("{}([{}])", name, self.join_reprs(&items)?)
            }
            _ => String::new(),
        })
    }

    /// `str(v)`.
    pub fn to_str(&mut self, v: &Value) -> PyResult<String> {
        match v {
            Value::Str(s) => Ok(s.as_str().to_string()),
            Value::Instance(inst) => {
                if let Some(f) = inst.class.lookup(&PyStr::new("__str__")) {
                    if matches!(f, Value::Function(_)) {
                        return match self.call(&f, &[v.clone()], &[])? {
                            Value::Str(s) => Ok(s.as_str().to_string()),
                            other => Err(Exc::type_error(alloc::format!(
                                "__str__ returned non-string (type {})",
                                other.type_name()
                            ))),
                        };
                    }
                }
                if inst.class.kind == TypeKind::BaseException
                    && inst.class.lookup(&PyStr::new("__repr__")).is_none()
                {
                    return self.exception_message(v);
                }
                if inst.class.kind == TypeKind::BaseException {
                    return self.exception_message(v);
                }
                if inst.class.kind == TypeKind::Str {
                    if let Some(b) = base_of(v) {
                        return self.to_str(&b);
                    }
                }
                self.repr(v)
            }
            _ => self.repr(v),
        }
    }
}
