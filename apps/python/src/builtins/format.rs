//! String formatting: the format-specification mini-language used by `format()`, f-strings
//! and `str.format` (Python Library Reference §string "Format Specification Mini-Language"),
//! `str.format` field parsing ("Format String Syntax"), and printf-style `%` formatting
//! ("printf-style String Formatting").

use crate::pystr::PyStr;
use crate::value::*;
use crate::vm::Vm;
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

#[derive(Default, Debug)]
struct Spec {
    fill: Option<char>,
    align: Option<char>,
    sign: Option<char>,
    alt: bool,
    zero: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    ty: Option<char>,
}

fn parse_spec(spec: &str) -> PyResult<Spec> {
    let cs: Vec<char> = spec.chars().collect();
    let mut s = Spec::default();
    let mut i = 0;
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    if cs.len() >= 2 && is_align(cs[1]) {
        s.fill = Some(cs[0]);
        s.align = Some(cs[1]);
        i = 2;
    } else if !cs.is_empty() && is_align(cs[0]) {
        s.align = Some(cs[0]);
        i = 1;
    }
    if i < cs.len() && matches!(cs[i], '+' | '-' | ' ') {
        s.sign = Some(cs[i]);
        i += 1;
    }
    if i < cs.len() && cs[i] == 'z' {
        i += 1;
    }
    if i < cs.len() && cs[i] == '#' {
        s.alt = true;
        i += 1;
    }
    if i < cs.len() && cs[i] == '0' {
        s.zero = true;
        i += 1;
    }
    let mut w = String::new();
    while i < cs.len() && cs[i].is_ascii_digit() {
        w.push(cs[i]);
        i += 1;
    }
    if !w.is_empty() {
        s.width = w
            .parse()
            .map_err(|_| Exc::value_error("Too many decimal digits in format string"))?;
    }
    if i < cs.len() && matches!(cs[i], ',' | '_') {
        s.grouping = Some(cs[i]);
        i += 1;
    }
    if i < cs.len() && cs[i] == '.' {
        i += 1;
        let mut p = String::new();
        while i < cs.len() && cs[i].is_ascii_digit() {
            p.push(cs[i]);
            i += 1;
        }
        if p.is_empty() {
            return Err(Exc::value_error("Format specifier missing precision"));
        }
        s.precision = Some(
            p.parse()
                .map_err(|_| Exc::value_error("Too many decimal digits in format string"))?,
        );
    }
    if i < cs.len() {
        s.ty = Some(cs[i]);
        i += 1;
    }
    if i < cs.len() {
        return Err(Exc::value_error("Invalid format specifier"));
    }
    if s.width > 100_000_000 {
        return Err(Exc::value_error("Too many decimal digits in format string"));
    }
    Ok(s)
}

fn group(digits: &str, sep: char, every: usize) -> String {
    let n = digits.len();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(every) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// Pads `sign` + `body` to the spec's width.
fn finish(s: &Spec, sign: &str, body: &str, default_align: char) -> String {
    let fill = s.fill.unwrap_or(if s.zero && s.align.is_none() {
        '0'
    } else {
        ' '
    });
    let align = s.align.unwrap_or(if s.zero { '=' } else { default_align });
    let len = sign.chars().count() + body.chars().count();
    if len >= s.width {
        return alloc::format!("{}{}", sign, body);
    }
    let pad = s.width - len;
    let fills = |n: usize| -> String { core::iter::repeat_n(fill, n).collect() };
    match align {
        '<' => alloc::format!("{}{}{}", sign, body, fills(pad)),
        '>' => alloc::format!("{}{}{}", fills(pad), sign, body),
        '^' => alloc::format!("{}{}{}{}", fills(pad / 2), sign, body, fills(pad - pad / 2)),
        _ => alloc::format!("{}{}{}", sign, fills(pad), body),
    }
}

fn sign_str(neg: bool, s: &Spec) -> &'static str {
    if neg {
        "-"
    } else {
        match s.sign {
            Some('+') => "+",
            Some(' ') => " ",
            _ => "",
        }
    }
}

/// `{:.Ne}` in Python's layout (`1.50e+03`).
pub fn fmt_exp(x: f64, prec: usize, upper: bool, alt: bool) -> String {
    let s = alloc::format!("{:.*e}", prec, x);
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    let mut m = m.to_string();
    if alt && !m.contains('.') {
        m.push('.');
    }
    alloc::format!(
        "{}{}{}{:02}",
        m,
        if upper { 'E' } else { 'e' },
        if e < 0 { '-' } else { '+' },
        e.unsigned_abs()
    )
}

/// The `g` presentation type.
pub fn fmt_general(x: f64, prec: usize, upper: bool, alt: bool, min_one_decimal: bool) -> String {
    let p = prec.max(1);
    if x == 0.0 {
        let mut out = String::from("0");
        if alt {
            out.push('.');
            for _ in 1..p {
                out.push('0');
            }
        } else if min_one_decimal {
            out.push_str(".0");
        }
        return out;
    }
    let probe = alloc::format!("{:.*e}", p - 1, x);
    let exp: i32 = probe
        .split_once('e')
        .map_or(0, |(_, e)| e.parse().unwrap_or(0));
    // The unnamed presentation type switches to exponent form one digit earlier.
    let limit = if min_one_decimal {
        p as i32 - 1
    } else {
        p as i32
    };
    if exp >= -4 && exp < limit {
        let decimals = (p as i32 - 1 - exp).max(0) as usize;
        let mut s = alloc::format!("{:.*}", decimals, x);
        if alt && !s.contains('.') {
            s.push('.');
        }
        if !alt && s.contains('.') {
            while s.ends_with('0') {
                s.pop();
            }
            if s.ends_with('.') {
                s.pop();
            }
        }
        if min_one_decimal && !s.contains('.') {
            s.push_str(".0");
        }
        s
    } else {
        let mut s = fmt_exp(x, p - 1, upper, alt);
        if !alt {
            if let Some(epos) = s.find(['e', 'E']) {
                let (m, e) = s.split_at(epos);
                let mut m = m.to_string();
                if m.contains('.') {
                    while m.ends_with('0') {
                        m.pop();
                    }
                    if m.ends_with('.') {
                        m.pop();
                    }
                }
                s = alloc::format!("{}{}", m, e);
            }
        }
        s
    }
}

fn format_float(x: f64, s: &Spec, spec: &str) -> PyResult<String> {
    let neg = x.is_sign_negative() && !(x.is_nan());
    let a = x.abs();
    let upper = matches!(s.ty, Some('E' | 'F' | 'G'));
    let mut body = if !a.is_finite() {
        let t = if a.is_nan() { "nan" } else { "inf" };
        let mut t = if upper {
            t.to_uppercase()
        } else {
            t.to_string()
        };
        if s.ty == Some('%') {
            t.push('%');
        }
        t
    } else {
        match s.ty {
            Some('f' | 'F') => alloc::format!("{:.*}", s.precision.unwrap_or(6), a),
            Some('e' | 'E') => fmt_exp(a, s.precision.unwrap_or(6), upper, s.alt),
            Some('g' | 'G') => fmt_general(a, s.precision.unwrap_or(6), upper, s.alt, false),
            Some('%') => {
                let mut t = alloc::format!("{:.*}", s.precision.unwrap_or(6), a * 100.0);
                t.push('%');
                t
            }
            Some('n') => fmt_general(a, s.precision.unwrap_or(6), false, s.alt, false),
            None => match s.precision {
                None => crate::vm::float_repr_pub(a),
                Some(p) => fmt_general(a, p, false, s.alt, true),
            },
            Some(c) => {
                return Err(Exc::value_error(alloc::format!(
                    "Unknown format code '{}' for object of type 'float'",
                    c
                )))
            }
        }
    };
    if s.alt && a.is_finite() && matches!(s.ty, Some('f' | 'F')) && s.precision == Some(0) {
        body.push('.');
    }
    if let Some(g) = s.grouping {
        let split = body
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(body.len());
        let (int, rest) = body.split_at(split);
        body = alloc::format!("{}{}", group(int, g, 3), rest);
    }
    let _ = spec;
    let neg = neg && (a != 0.0 || x.is_sign_negative());
    Ok(finish(s, sign_str(neg, s), &body, '>'))
}

impl Vm {
    /// `format(value, spec)`.
    pub fn format_value(&mut self, v: &Value, spec: &str) -> PyResult<String> {
        if let Value::Instance(inst) = v {
            if let Some(f) = inst.class.lookup(&PyStr::new("__format__")) {
                let r = self.call(&f, &[v.clone(), Value::str(spec)], &[])?;
                return match r {
                    Value::Str(s) => Ok(s.as_str().to_string()),
                    _ => Err(Exc::type_error("__format__ must return a str")),
                };
            }
            if spec.is_empty() {
                return self.to_str(v);
            }
            return Err(Exc::type_error(alloc::format!(
                "unsupported format string passed to {}.__format__",
                inst.class.name.as_str()
            )));
        }
        if spec.is_empty() {
            return self.to_str(v);
        }
        let s = parse_spec(spec)?;
        self.check_size(s.width)?;
        match v {
            Value::Str(t) => {
                if let Some(ty) = s.ty {
                    if ty != 's' {
                        return Err(Exc::value_error(alloc::format!(
                            "Unknown format code '{}' for object of type 'str'",
                            ty
                        )));
                    }
                }
                if s.sign.is_some() {
                    return Err(Exc::value_error(
                        "Sign not allowed in string format specifier",
                    ));
                }
                if s.align == Some('=') {
                    return Err(Exc::value_error(
                        "'=' alignment not allowed in string format specifier",
                    ));
                }
                let text: String = match s.precision {
                    Some(p) => t.as_str().chars().take(p).collect(),
                    None => t.as_str().to_string(),
                };
                Ok(finish(&s, "", &text, '<'))
            }
            Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => {
                if matches!(s.ty, Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%')) {
                    let f = crate::vm::to_f64_pub(v).unwrap_or(0.0);
                    return format_float(f, &s, spec);
                }
                if matches!(v, Value::Bool(_)) && s.ty.is_none() {
                    let t = self.to_str(v)?;
                    return Ok(finish(&s, "", &t, '<'));
                }
                let b = crate::vm::to_big_pub(v).unwrap_or_else(crate::bigint::BigInt::zero);
                if s.precision.is_some() {
                    return Err(Exc::value_error(
                        "Precision not allowed in integer format specifier",
                    ));
                }
                let (radix, prefix) = match s.ty {
                    None | Some('d') | Some('n') => (10, ""),
                    Some('x') => (16, "0x"),
                    Some('X') => (16, "0X"),
                    Some('o') => (8, "0o"),
                    Some('b') => (2, "0b"),
                    Some('c') => {
                        let c = b
                            .to_i64()
                            .and_then(|i| u32::try_from(i).ok())
                            .and_then(char::from_u32)
                            .ok_or_else(|| {
                                Exc::new(ExcKind::OverflowError, "%c arg not in range(0x110000)")
                            })?;
                        return Ok(finish(&s, "", &c.to_string(), '>'));
                    }
                    Some(c) => {
                        return Err(Exc::value_error(alloc::format!(
                            "Unknown format code '{}' for object of type 'int'",
                            c
                        )))
                    }
                };
                let mut digits = b.abs().to_string_radix(radix);
                if s.ty == Some('X') {
                    digits = digits.to_uppercase();
                }
                if let Some(g) = s.grouping {
                    digits = group(&digits, g, if radix == 10 { 3 } else { 4 });
                }
                let sign = sign_str(b.is_negative(), &s);
                let sign = if s.alt {
                    alloc::format!("{}{}", sign, prefix)
                } else {
                    sign.to_string()
                };
                Ok(finish(&s, &sign, &digits, '>'))
            }
            Value::Float(f) => format_float(*f, &s, spec),
            other => {
                if spec.is_empty() {
                    return self.to_str(other);
                }
                Err(Exc::type_error(alloc::format!(
                    "unsupported format string passed to {}.__format__",
                    other.type_name()
                )))
            }
        }
    }
}

/// `str.format(*args, **kwargs)`.
pub fn str_format(
    vm: &mut Vm,
    fmt: &str,
    args: &[Value],
    kw: &[(Rc<PyStr>, Value)],
) -> PyResult<String> {
    let cs: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut auto = 0usize;
    let mut manual = false;
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if c == '{' {
            if cs.get(i + 1) == Some(&'{') {
                out.push('{');
                i += 2;
                continue;
            }
            // Find the matching close brace (specs may nest one level).
            let mut depth = 1;
            let mut j = i + 1;
            while j < cs.len() && depth > 0 {
                match cs[j] {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                j += 1;
            }
            if depth != 0 {
                return Err(Exc::value_error("expected '}' before end of string"));
            }
            let field: String = cs[i + 1..j - 1].iter().collect();
            i = j;
            let (name_part, spec_part) = match field.find(':') {
                Some(p) => (&field[..p], &field[p + 1..]),
                None => (&field[..], ""),
            };
            let (name_part, conv) = match name_part.find('!') {
                Some(p) => (&name_part[..p], name_part[p + 1..].chars().next()),
                None => (name_part, None),
            };
            // Resolve the first component.
            let first_end = name_part.find(['.', '[']).unwrap_or(name_part.len());
            let first = &name_part[..first_end];
            let mut value = if first.is_empty() {
                if manual {
                    return Err(Exc::value_error("cannot switch from manual field specification to automatic field numbering"));
                }
                let v = args.get(auto).cloned().ok_or_else(|| {
                    Exc::index_error(alloc::format!(
                        "Replacement index {} out of range for positional args tuple",
                        auto
                    ))
                })?;
                auto += 1;
                v
            } else if let Ok(n) = first.parse::<usize>() {
                manual = true;
                args.get(n).cloned().ok_or_else(|| {
                    Exc::index_error(alloc::format!(
                        "Replacement index {} out of range for positional args tuple",
                        n
                    ))
                })?
            } else {
                match super::kwarg(kw, first) {
                    Some(v) => v.clone(),
                    None => {
                        return Err(Exc::new(ExcKind::KeyError, crate::vm::str_repr_pub(first)))
                    }
                }
            };
            let mut rest = &name_part[first_end..];
            while !rest.is_empty() {
                if let Some(r) = rest.strip_prefix('.') {
                    let end = r.find(['.', '[']).unwrap_or(r.len());
                    value = vm.getattr(&value, &Rc::new(PyStr::new(&r[..end])))?;
                    rest = &r[end..];
                } else if let Some(r) = rest.strip_prefix('[') {
                    let end = r
                        .find(']')
                        .ok_or_else(|| Exc::value_error("Missing ']' in format string"))?;
                    let key = &r[..end];
                    let k = match key.parse::<i64>() {
                        Ok(n) => Value::Int(n),
                        Err(_) => Value::str(key),
                    };
                    value = vm.getitem(&value, &k)?;
                    rest = &r[end + 1..];
                } else {
                    break;
                }
            }
            let value = match conv {
                Some('r') => Value::string(vm.repr(&value)?),
                Some('s') => Value::string(vm.to_str(&value)?),
                Some('a') => Value::string(super::ascii_of(&vm.repr(&value)?)),
                Some(_) => return Err(Exc::value_error("Unknown conversion specifier")),
                None => value,
            };
            let spec = if spec_part.contains('{') {
                // Nested fields inside the spec share the numbering.
                let sub_args: Vec<Value> = args[auto.min(args.len())..].to_vec();
                let s = str_format(vm, spec_part, &sub_args, kw)?;
                auto += spec_part.matches("{}").count();
                s
            } else {
                spec_part.to_string()
            };
            out.push_str(&vm.format_value(&value, &spec)?);
            continue;
        }
        if c == '}' {
            if cs.get(i + 1) == Some(&'}') {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(Exc::value_error("Single '}' encountered in format string"));
        }
        out.push(c);
        i += 1;
    }
    Ok(out)
}

/// `format % values`.
pub fn percent_format(vm: &mut Vm, fmt: &str, values: &Value) -> PyResult<String> {
    let args: Vec<Value> = match values {
        Value::Tuple(t) => (**t).clone(),
        other => alloc::vec![other.clone()],
    };
    let mapping = match values {
        Value::Dict(_) => Some(values.clone()),
        Value::Instance(_) => Some(values.clone()),
        _ => None,
    };
    let cs: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut ai = 0usize;
    let mut i = 0;
    let mut used_mapping = false;
    let next_arg = |ai: &mut usize| -> PyResult<Value> {
        let v = args
            .get(*ai)
            .cloned()
            .ok_or_else(|| Exc::type_error("not enough arguments for format string"))?;
        *ai += 1;
        Ok(v)
    };
    while i < cs.len() {
        let c = cs[i];
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
        let mut key: Option<String> = None;
        if cs.get(i) == Some(&'(') {
            let mut j = i + 1;
            let mut depth = 1;
            while j < cs.len() && depth > 0 {
                if cs[j] == '(' {
                    depth += 1;
                } else if cs[j] == ')' {
                    depth -= 1;
                }
                j += 1;
            }
            key = Some(cs[i + 1..j - 1].iter().collect());
            i = j;
        }
        let mut flags = String::new();
        while i < cs.len() && matches!(cs[i], '-' | '+' | ' ' | '#' | '0') {
            flags.push(cs[i]);
            i += 1;
        }
        let mut width = String::new();
        if cs.get(i) == Some(&'*') {
            let w = next_arg(&mut ai)?;
            width = vm.to_str(&w)?;
            i += 1;
        }
        while i < cs.len() && cs[i].is_ascii_digit() {
            width.push(cs[i]);
            i += 1;
        }
        let mut prec: Option<String> = None;
        if cs.get(i) == Some(&'.') {
            i += 1;
            let mut p = String::new();
            if cs.get(i) == Some(&'*') {
                let w = next_arg(&mut ai)?;
                p = vm.to_str(&w)?;
                i += 1;
            }
            while i < cs.len() && cs[i].is_ascii_digit() {
                p.push(cs[i]);
                i += 1;
            }
            prec = Some(if p.is_empty() { "0".to_string() } else { p });
        }
        while i < cs.len() && matches!(cs[i], 'h' | 'l' | 'L') {
            i += 1;
        }
        let Some(&ty) = cs.get(i) else {
            return Err(Exc::value_error("incomplete format"));
        };
        i += 1;
        if ty == '%' {
            out.push('%');
            continue;
        }
        let arg = match &key {
            Some(k) => {
                used_mapping = true;
                let m = mapping
                    .clone()
                    .ok_or_else(|| Exc::type_error("format requires a mapping"))?;
                vm.getitem(&m, &Value::str(k))?
            }
            None => next_arg(&mut ai)?,
        };
        let left = flags.contains('-');
        let mut spec = String::new();
        if left {
            spec.push('<');
        }
        if flags.contains('+') {
            spec.push('+');
        } else if flags.contains(' ') {
            spec.push(' ');
        }
        if flags.contains('#') {
            spec.push('#');
        }
        if flags.contains('0') && !left && !matches!(ty, 's' | 'r' | 'a' | 'c') {
            spec.push('0');
        }
        spec.push_str(&width);
        let piece = match ty {
            's' | 'r' | 'a' => {
                let mut t = match ty {
                    's' => vm.to_str(&arg)?,
                    'r' => vm.repr(&arg)?,
                    _ => super::ascii_of(&vm.repr(&arg)?),
                };
                if let Some(p) = &prec {
                    let n: usize = p.parse().unwrap_or(0);
                    t = t.chars().take(n).collect();
                }
                let mut sp = String::new();
                sp.push(if left { '<' } else { '>' });
                sp.push_str(&width);
                vm.format_value(&Value::string(t), &sp)?
            }
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                let n = match &arg {
                    Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => arg.clone(),
                    Value::Float(f) if matches!(ty, 'd' | 'i' | 'u') => {
                        super::construct::to_int(vm, &Value::Float(*f))?
                    }
                    Value::Instance(_) => super::construct::to_int(vm, &arg)?,
                    other => {
                        let what = if matches!(ty, 'd' | 'i' | 'u') {
                            "a real number is required"
                        } else {
                            "an integer is required"
                        };
                        return Err(Exc::type_error(alloc::format!(
                            "%{} format: {}, not {}",
                            ty,
                            what,
                            other.type_name()
                        )));
                    }
                };
                let t = match ty {
                    'x' => 'x',
                    'X' => 'X',
                    'o' => 'o',
                    _ => 'd',
                };
                let mut sp = spec.clone();
                if let Some(p) = &prec {
                    // Precision on ints means minimum digits.
                    let digits = vm.format_value(&n, &alloc::format!("{}", t))?;
                    let neg = digits.starts_with('-');
                    let d = digits.trim_start_matches('-');
                    let want: usize = p.parse().unwrap_or(0);
                    let mut z = String::new();
                    for _ in d.len()..want {
                        z.push('0');
                    }
                    let body = alloc::format!("{}{}{}", if neg { "-" } else { "" }, z, d);
                    let mut ws = String::new();
                    ws.push(if left { '<' } else { '>' });
                    ws.push_str(&width);
                    vm.format_value(&Value::string(body), &ws)?
                } else {
                    sp.push(t);
                    vm.format_value(&n, &sp)?
                }
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let f = match &arg {
                    Value::Int(_) | Value::BigInt(_) | Value::Bool(_) | Value::Float(_) => {
                        crate::vm::to_f64_pub(&arg).unwrap_or(0.0)
                    }
                    Value::Instance(_) => super::construct::to_float(vm, &arg)?,
                    other => {
                        return Err(Exc::type_error(alloc::format!(
                            "must be real number, not {}",
                            other.type_name()
                        )))
                    }
                };
                spec.push('.');
                spec.push_str(prec.as_deref().unwrap_or("6"));
                spec.push(ty);
                vm.format_value(&Value::Float(f), &spec)?
            }
            'c' => {
                let ch = match &arg {
                    Value::Int(i) => char::from_u32(*i as u32)
                        .map(|c| c.to_string())
                        .unwrap_or_default(),
                    Value::Str(s) if s.char_len() == 1 => s.as_str().to_string(),
                    _ => return Err(Exc::type_error("%c requires int or char")),
                };
                let mut sp = String::new();
                sp.push(if left { '<' } else { '>' });
                sp.push_str(&width);
                vm.format_value(&Value::string(ch), &sp)?
            }
            other => {
                return Err(Exc::value_error(alloc::format!(
                    "unsupported format character '{}' (0x{:x}) at index {}",
                    other,
                    other as u32,
                    i - 1
                )))
            }
        };
        out.push_str(&piece);
    }
    if !used_mapping && ai < args.len() && mapping.is_none() {
        return Err(Exc::type_error(
            "not all arguments converted during string formatting",
        ));
    }
    Ok(out)
}
