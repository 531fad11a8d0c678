//! Built-in modules: `math` (Python Library Reference §math, on libm), `sys` and `time`
//! (the parts a host-independent interpreter can offer). `import` of anything else raises
//! ModuleNotFoundError: there is no file system to load modules from.

use super::{arg_count, def};
use crate::bigint::BigInt;
use crate::dict::Dict;
use crate::pystr::PyStr;
use crate::value::*;
use crate::vm::Vm;
use alloc::rc::Rc;
use alloc::vec::Vec;
use core::cell::RefCell;

type Kw<'a> = &'a [(Rc<PyStr>, Value)];

const MODULES: &[&str] = &["math", "sys", "time"];

/// Modules written in Python (`src/stdlib/*.py`), compiled on first import.
const PY_MODULES: &[(&str, &str)] = &[
    ("functools", include_str!("../stdlib/functools.py")),
    ("itertools", include_str!("../stdlib/itertools.py")),
    ("collections", include_str!("../stdlib/collections.py")),
    ("heapq", include_str!("../stdlib/heapq.py")),
    ("bisect", include_str!("../stdlib/bisect.py")),
    ("copy", include_str!("../stdlib/copy.py")),
    ("string", include_str!("../stdlib/string.py")),
    ("operator", include_str!("../stdlib/operator.py")),
    ("dataclasses", include_str!("../stdlib/dataclasses.py")),
    ("typing", include_str!("../stdlib/typing.py")),
    ("abc", include_str!("../stdlib/abc.py")),
    ("enum", include_str!("../stdlib/enum.py")),
    ("__future__", include_str!("../stdlib/future.py")),
];

pub fn is_builtin_module(name: &str) -> bool {
    MODULES.contains(&name)
}

impl Vm {
    pub fn import(&mut self, name: &str) -> PyResult {
        if let Some(m) = self.modules.get_by_str(name) {
            return Ok(m);
        }
        let mut d = Dict::new();
        d.set_str(Rc::new(PyStr::new("__name__")), Value::str(name));
        match name {
            "math" => math_module(&mut d),
            "sys" => self.sys_module(&mut d),
            "time" => {
                def(&mut d, "time", time_time);
                def(&mut d, "perf_counter", time_time);
                def(&mut d, "monotonic", time_time);
                def(&mut d, "process_time", time_time);
                def(&mut d, "sleep", time_sleep);
            }
            _ => {
                let Some((_, source)) = PY_MODULES.iter().find(|(n, _)| *n == name) else {
                    let top = name.split('.').next().unwrap_or(name);
                    return Err(Exc::new(
                        ExcKind::ModuleNotFoundError,
                        alloc::format!("No module named '{}'", top),
                    ));
                };
                let filename = alloc::format!("<stdlib {}>", name);
                let code = crate::parser::parse_module(source)
                    .and_then(|m| crate::compiler::compile_module(&m, &filename, false))
                    .map_err(|e| {
                        Exc::new(
                            ExcKind::ImportError,
                            alloc::format!("{} (line {})", e.msg, e.line),
                        )
                    })?;
                let globals = self.new_globals(name);
                self.run_code(code, globals.clone())?;
                let m = Value::Module(Rc::new(Module {
                    name: Rc::new(PyStr::new(name)),
                    dict: globals,
                }));
                self.modules.set_str(Rc::new(PyStr::new(name)), m.clone());
                return Ok(m);
            }
        }
        let m = Value::Module(Rc::new(Module {
            name: Rc::new(PyStr::new(name)),
            dict: Rc::new(RefCell::new(d)),
        }));
        self.modules.set_str(Rc::new(PyStr::new(name)), m.clone());
        Ok(m)
    }

    fn sys_module(&mut self, d: &mut Dict) {
        let mut set = |k: &str, v: Value| d.set_str(Rc::new(PyStr::new(k)), v);
        set("argv", Value::list(alloc::vec![Value::str("")]));
        set("maxsize", Value::Int(i64::MAX));
        set("version", Value::str("3.11.0 (our own interpreter)"));
        set(
            "version_info",
            Value::tuple(alloc::vec![Value::Int(3), Value::Int(11), Value::Int(0)]),
        );
        set("platform", Value::str("unikernel"));
        set("byteorder", Value::str("little"));
        set("path", Value::list(Vec::new()));
        for (name, err) in [("stdout", false), ("stderr", true)] {
            let mut sd = Dict::new();
            def(
                &mut sd,
                "write",
                if err { stderr_write } else { stdout_write },
            );
            def(&mut sd, "flush", noop);
            let full = if err { "sys.stderr" } else { "sys.stdout" };
            set(
                name,
                Value::Module(Rc::new(Module {
                    name: Rc::new(PyStr::new(full)),
                    dict: Rc::new(RefCell::new(sd)),
                })),
            );
        }
        def(d, "setrecursionlimit", set_recursion_limit);
        def(d, "getrecursionlimit", get_recursion_limit);
        def(d, "exit", sys_exit);
        def(d, "intern", identity);
    }
}

fn noop(_vm: &mut Vm, _a: &[Value], _k: Kw) -> PyResult {
    Ok(Value::None)
}

fn identity(_vm: &mut Vm, a: &[Value], _k: Kw) -> PyResult {
    Ok(a.first().cloned().unwrap_or(Value::None))
}

fn stdout_write(vm: &mut Vm, a: &[Value], _k: Kw) -> PyResult {
    arg_count("write", a, 1, 1)?;
    let Value::Str(s) = &a[0] else {
        return Err(Exc::type_error(alloc::format!(
            "write() argument must be str, not {}",
            a[0].type_name()
        )));
    };
    vm.out.write_out(s.as_str());
    Ok(Value::Int(s.char_len() as i64))
}

fn stderr_write(vm: &mut Vm, a: &[Value], _k: Kw) -> PyResult {
    arg_count("write", a, 1, 1)?;
    let s = vm.to_str(&a[0])?;
    vm.out.write_err(&s);
    Ok(Value::Int(s.chars().count() as i64))
}

fn set_recursion_limit(vm: &mut Vm, a: &[Value], _k: Kw) -> PyResult {
    arg_count("setrecursionlimit", a, 1, 1)?;
    let n = vm.index_value(&a[0])?;
    if n < 1 {
        return Err(Exc::value_error(
            "recursion limit must be greater or equal than 1",
        ));
    }
    vm.recursion_limit = (n as u64).min(vm.max_recursion_limit as u64) as u32;
    Ok(Value::None)
}

fn get_recursion_limit(vm: &mut Vm, _a: &[Value], _k: Kw) -> PyResult {
    Ok(Value::Int(vm.recursion_limit as i64))
}

fn sys_exit(vm: &mut Vm, a: &[Value], _k: Kw) -> PyResult {
    let class = vm.types.exception(ExcKind::SystemExit);
    let e = vm.new_exception(class, a.to_vec());
    Err(Exc::object(e))
}

fn time_time(vm: &mut Vm, _a: &[Value], _k: Kw) -> PyResult {
    Ok(Value::Float(match &vm.clock {
        Some(c) => c(),
        None => 0.0,
    }))
}

fn time_sleep(_vm: &mut Vm, _a: &[Value], _k: Kw) -> PyResult {
    Ok(Value::None)
}

fn num(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::Float(_) => {
            let f = crate::vm::to_f64_pub(v).unwrap_or(0.0);
            if f.is_infinite() && !matches!(v, Value::Float(_)) {
                return Err(Exc::new(
                    ExcKind::OverflowError,
                    "int too large to convert to float",
                ));
            }
            Ok(f)
        }
        Value::Instance(_) => super::construct::to_float(vm, v),
        other => Err(Exc::type_error(alloc::format!(
            "must be real number, not {}",
            other.type_name()
        ))),
    }
}

fn domain() -> Exc {
    Exc::value_error("math domain error")
}

fn range_err() -> Exc {
    Exc::new(ExcKind::OverflowError, "math range error")
}

macro_rules! unary {
    ($name:ident, $f:expr, $check:expr) => {
        fn $name(vm: &mut Vm, a: &[Value], _k: Kw) -> PyResult {
            arg_count(stringify!($name), a, 1, 1)?;
            let x = num(vm, &a[0])?;
            let check: fn(f64) -> bool = $check;
            if !check(x) {
                return Err(domain());
            }
            let f: fn(f64) -> f64 = $f;
            let r = f(x);
            if r.is_infinite() && x.is_finite() {
                return Err(range_err());
            }
            Ok(Value::Float(r))
        }
    };
}

unary!(sqrt, libm::sqrt, |x| x >= 0.0 || x.is_nan());
unary!(exp, libm::exp, |_| true);
unary!(sin, libm::sin, |x| !x.is_infinite());
unary!(cos, libm::cos, |x| !x.is_infinite());
unary!(tan, libm::tan, |x| !x.is_infinite());
unary!(asin, libm::asin, |x| (-1.0..=1.0).contains(&x)
    || x.is_nan());
unary!(acos, libm::acos, |x| (-1.0..=1.0).contains(&x)
    || x.is_nan());
unary!(atan, libm::atan, |_| true);
unary!(sinh, libm::sinh, |_| true);
unary!(cosh, libm::cosh, |_| true);
unary!(tanh, libm::tanh, |_| true);
unary!(log2, libm::log2, |x| x > 0.0 || x.is_nan());
unary!(log10, libm::log10, |x| x > 0.0 || x.is_nan());
unary!(log1p, libm::log1p, |x| x > -1.0 || x.is_nan());
unary!(expm1, libm::expm1, |_| true);
unary!(fabs, libm::fabs, |_| true);
unary!(degrees, |x| x * (180.0 / core::f64::consts::PI), |_| true);
unary!(radians, |x| x * (core::f64::consts::PI / 180.0), |_| true);
unary!(erf, libm::erf, |_| true);
unary!(erfc, libm::erfc, |_| true);
unary!(gamma, libm::tgamma, |x| !(x <= 0.0 && libm::trunc(x) == x));
unary!(lgamma, libm::lgamma, |x| !(x <= 0.0 && libm::trunc(x) == x));

fn log(vm: &mut Vm, a: &[Value], _k: Kw) -> PyResult {
    arg_count("log", a, 1, 2)?;
    let ln = |vm: &mut Vm, v: &Value| -> PyResult<f64> {
        if let Value::BigInt(b) = v {
            if b.is_negative() {
                return Err(domain());
            }
            // ln(b) = ln(b >> k) + k ln 2 for huge values.
            let bits = b.bit_length();
            if bits > 1000 {
                let k = bits - 64;
                let top = b.shr(k as usize).to_f64();
                return Ok(libm::log(top) + k as f64 * core::f64::consts::LN_2);
            }
        }
        let x = num(vm, v)?;
        if x <= 0.0 {
            return Err(domain());
        }
        Ok(libm::log(x))
    };
    let x = ln(vm, &a[0])?;
    match a.get(1) {
        Some(b) => {
            let lb = ln(vm, b)?;
            if lb == 0.0 {
                return Err(Exc::zero_div("float division by zero"));
            }
            Ok(Value::Float(x / lb))
        }
        None => Ok(Value::Float(x)),
    }
}

fn pow_(vm: &mut Vm, a: &[Value], _k: Kw) -> PyResult {
    arg_count("pow", a, 2, 2)?;
    let (x, y) = (num(vm, &a[0])?, num(vm, &a[1])?);
    if x == 0.0 && y < 0.0 {
        return Err(domain());
    }
    if x < 0.0 && libm::trunc(y) != y && y.is_finite() {
        return Err(domain());
    }
    let r = libm::pow(x, y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(range_err());
    }
    Ok(Value::Float(r))
}

fn atan2(vm: &mut Vm, a: &[Value], _k: Kw) -> PyResult {
    arg_count("atan2", a, 2, 2)?;
    Ok(Value::Float(libm::atan2(num(vm, &a[0])?, num(vm, &a[1])?)))
}

fn fmod(vm: &mut Vm, a: &[Value], _k: Kw) -> PyResult {
    arg_count("fmod", a, 2, 2)?;
    let (x, y) = (num(vm, &a[0])?, num(vm, &a[1])?);
    if y == 0.0 || x.is_infinite() {
        return Err(domain());
    }
    Ok(Value::Float(libm::fmod(x, y)))
}

fn copysign(vm: &mut Vm, a: &[Value], _k: Kw) -> PyResult {
    arg_count("copysign", a, 2, 2)?;
    Ok(Value::Float(libm::copysign(
        num(vm, &a[0])?,
        num(vm, &a[1])?,
    )))
}

fn hypot(vm: &mut Vm, a: &[Value], _k: Kw) -> PyResult {
    let mut acc = 0.0f64;
    for v in a {
        let x = num(vm, v)?;
        acc = libm::hypot(acc, x);
    }
    Ok(Value::Float(acc))
}

fn to_int_value(f: f64) -> PyResult {
    if f.is_nan() {
        return Err(Exc::value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(Exc::new(
            ExcKind::OverflowError,
            "cannot convert float infinity to integer",
        ));
    }
    if f.abs() < 9.0e18 {
        Ok(Value::Int(f as i64))
    } else {
        Ok(Value::from_big(BigInt::from_f64(f)))
    }
}

fn rounding(vm: &mut Vm, a: &[Value], name: &str, f: fn(f64) -> f64) -> PyResult {
    arg_count(name, a, 1, 1)?;
    match &a[0] {
        Value::Int(_) | Value::BigInt(_) => Ok(a[0].clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        v @ Value::Instance(_) => {
            let dunder = alloc::format!("__{}__", name);
            match vm.call_dunder(v, &dunder, &[])? {
                Some(r) => Ok(r),
                None => to_int_value(f(num(vm, v)?)),
            }
        }
        v => to_int_value(f(num(vm, v)?)),
    }
}

fn floor(vm: &mut Vm, a: &[Value], _k: Kw) -> PyResult {
    rounding(vm, a, "floor", libm::floor)
}

fn ceil(vm: &mut Vm, a: &[Value], _k: Kw) -> PyResult {
    rounding(vm, a, "ceil", libm::ceil)
}

fn trunc(vm: &mut Vm, a: &[Value], _k: Kw) -> PyResult {
    rounding(vm, a, "trunc", libm::trunc)
}

fn int_of(v: &Value, _fname: &str) -> PyResult<BigInt> {
    match v {
        Value::Int(i) => Ok(BigInt::from_i64(*i)),
        Value::Bool(b) => Ok(BigInt::from_i64(*b as i64)),
        Value::BigInt(b) => Ok((**b).clone()),
        other => Err(Exc::type_error(alloc::format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

fn factorial(vm: &mut Vm, a: &[Value], _k: Kw) -> PyResult {
    arg_count("factorial", a, 1, 1)?;
    if let Value::Float(_) = a[0] {
        return Err(Exc::type_error(
            "'float' object cannot be interpreted as an integer",
        ));
    }
    let n = int_of(&a[0], "factorial")?;
    if n.is_negative() {
        return Err(Exc::value_error(
            "factorial() not defined for negative values",
        ));
    }
    let n = n.to_i64().unwrap_or(i64::MAX);
    if n > 100_000 {
        return Err(Exc::new(
            ExcKind::OverflowError,
            "factorial() argument should not exceed 100000",
        ));
    }
    // n! < n^n: refuse results beyond the memory limit before spending the time.
    vm.check_size(approx_bytes(n, n))?;
    let mut acc = BigInt::from_i64(1);
    for i in 2..=n {
        acc = acc.mul(&BigInt::from_i64(i));
        if i % 256 == 0 {
            vm.tick()?;
        }
    }
    Ok(Value::from_big(acc))
}

fn gcd2(a: BigInt, b: BigInt) -> BigInt {
    let (mut a, mut b) = (a.abs(), b.abs());
    while !b.is_zero() {
        let r = a.divmod(&b).map(|x| x.1).unwrap_or_else(BigInt::zero);
        a = b;
        b = r;
    }
    a
}

fn gcd(_vm: &mut Vm, a: &[Value], _k: Kw) -> PyResult {
    let mut acc = BigInt::zero();
    for v in a {
        acc = gcd2(acc, int_of(v, "gcd")?);
    }
    Ok(Value::from_big(acc))
}

fn lcm(_vm: &mut Vm, a: &[Value], _k: Kw) -> PyResult {
    let mut acc = BigInt::from_i64(1);
    for v in a {
        let x = int_of(v, "lcm")?;
        if x.is_zero() {
            return Ok(Value::Int(0));
        }
        let g = gcd2(acc.clone(), x.clone());
        acc = acc
            .mul(&x)
            .abs()
            .divmod(&g)
            .map(|p| p.0)
            .unwrap_or_else(BigInt::zero);
    }
    Ok(Value::from_big(acc))
}

fn isqrt(_vm: &mut Vm, a: &[Value], _k: Kw) -> PyResult {
    arg_count("isqrt", a, 1, 1)?;
    let n = int_of(&a[0], "isqrt")?;
    if n.is_negative() {
        return Err(Exc::value_error("isqrt() argument must be nonnegative"));
    }
    if n.is_zero() {
        return Ok(Value::Int(0));
    }
    // Newton's method on big integers.
    let mut x = BigInt::from_i64(1).shl(n.bit_length().div_ceil(2) as usize);
    loop {
        let y = x
            .add(&n.divmod(&x).map(|p| p.0).unwrap_or_else(BigInt::zero))
            .shr(1);
        if y.cmp(&x) != core::cmp::Ordering::Less {
            return Ok(Value::from_big(x));
        }
        x = y;
    }
}

/// An upper bound on the bytes of a product of `factors` numbers each at most `n`.
fn approx_bytes(n: i64, factors: i64) -> usize {
    let bits = 64 - n.max(1).unsigned_abs().leading_zeros() as u64;
    (bits.saturating_mul(factors.max(0) as u64) / 8).min(usize::MAX as u64) as usize
}

fn comb_perm(vm: &mut Vm, a: &[Value], comb: bool) -> PyResult {
    let name = if comb { "comb" } else { "perm" };
    arg_count(name, a, 1, 2)?;
    let n = int_of(&a[0], name)?.to_i64().unwrap_or(i64::MAX);
    let k = match a.get(1) {
        Some(Value::None) | None if !comb => n,
        Some(v) => int_of(v, name)?.to_i64().unwrap_or(i64::MAX),
        None => return Err(Exc::type_error("comb expected 2 arguments, got 1")),
    };
    if n < 0 {
        return Err(Exc::value_error("n must be a non-negative integer"));
    }
    if k < 0 {
        return Err(Exc::value_error("k must be a non-negative integer"));
    }
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = if comb { k.min(n - k) } else { k };
    // perm(n, k) <= n^k and comb(n, k) <= 2^n: check the size before the long loop.
    let bound = approx_bytes(n, k);
    vm.check_size(if comb {
        bound.min((n / 8) as usize)
    } else {
        bound
    })?;
    let mut acc = BigInt::from_i64(1);
    for i in 0..k {
        if i % 256 == 255 {
            vm.tick()?;
        }
        acc = acc.mul(&BigInt::from_i64(n - i));
        if comb {
            acc = acc
                .divmod(&BigInt::from_i64(i + 1))
                .map(|p| p.0)
                .unwrap_or_else(BigInt::zero);
        }
    }
    Ok(Value::from_big(acc))
}

fn comb(vm: &mut Vm, a: &[Value], _k: Kw) -> PyResult {
    comb_perm(vm, a, true)
}

fn perm(vm: &mut Vm, a: &[Value], _k: Kw) -> PyResult {
    comb_perm(vm, a, false)
}

fn isnan(vm: &mut Vm, a: &[Value], _k: Kw) -> PyResult {
    arg_count("isnan", a, 1, 1)?;
    Ok(Value::Bool(num(vm, &a[0])?.is_nan()))
}

fn isinf(vm: &mut Vm, a: &[Value], _k: Kw) -> PyResult {
    arg_count("isinf", a, 1, 1)?;
    Ok(Value::Bool(num(vm, &a[0])?.is_infinite()))
}

fn isfinite(vm: &mut Vm, a: &[Value], _k: Kw) -> PyResult {
    arg_count("isfinite", a, 1, 1)?;
    Ok(Value::Bool(num(vm, &a[0])?.is_finite()))
}

fn isclose(vm: &mut Vm, a: &[Value], k: Kw) -> PyResult {
    arg_count("isclose", a, 2, 2)?;
    let (x, y) = (num(vm, &a[0])?, num(vm, &a[1])?);
    let rel = match super::kwarg(k, "rel_tol") {
        Some(v) => num(vm, v)?,
        None => 1e-9,
    };
    let abs = match super::kwarg(k, "abs_tol") {
        Some(v) => num(vm, v)?,
        None => 0.0,
    };
    if x == y {
        return Ok(Value::Bool(true));
    }
    if x.is_infinite() || y.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let d = (x - y).abs();
    Ok(Value::Bool(
        d <= (rel * y.abs()).max(rel * x.abs()) || d <= abs,
    ))
}

fn modf(vm: &mut Vm, a: &[Value], _k: Kw) -> PyResult {
    arg_count("modf", a, 1, 1)?;
    let x = num(vm, &a[0])?;
    let (f, i) = libm::modf(x);
    Ok(Value::tuple(alloc::vec![Value::Float(f), Value::Float(i)]))
}

fn frexp(vm: &mut Vm, a: &[Value], _k: Kw) -> PyResult {
    arg_count("frexp", a, 1, 1)?;
    let (m, e) = libm::frexp(num(vm, &a[0])?);
    Ok(Value::tuple(alloc::vec![
        Value::Float(m),
        Value::Int(e as i64)
    ]))
}

fn ldexp(vm: &mut Vm, a: &[Value], _k: Kw) -> PyResult {
    arg_count("ldexp", a, 2, 2)?;
    let x = num(vm, &a[0])?;
    let e = vm.index_value(&a[1])?.clamp(-100_000, 100_000) as i32;
    let r = libm::ldexp(x, e);
    if r.is_infinite() && x.is_finite() {
        return Err(range_err());
    }
    Ok(Value::Float(r))
}

fn fsum(vm: &mut Vm, a: &[Value], _k: Kw) -> PyResult {
    arg_count("fsum", a, 1, 1)?;
    // Shewchuk's exact partial sums (the algorithm CPython's fsum uses).
    let mut partials: Vec<f64> = Vec::new();
    for v in vm.collect(&a[0])? {
        let mut x = num(vm, &v)?;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                core::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        partials.push(x);
    }
    let mut hi = 0.0;
    if let Some(mut n) = partials.len().checked_sub(1) {
        hi = partials[n];
        let mut lo = 0.0;
        while n > 0 {
            n -= 1;
            let x = hi;
            let y = partials[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(Value::Float(hi))
}

fn prod(vm: &mut Vm, a: &[Value], k: Kw) -> PyResult {
    arg_count("prod", a, 1, 1)?;
    let mut acc = super::kwarg(k, "start").cloned().unwrap_or(Value::Int(1));
    for v in vm.collect(&a[0])? {
        acc = vm.binary(crate::ast::BinOp::Mul, &acc, &v)?;
    }
    Ok(acc)
}

fn dist(vm: &mut Vm, a: &[Value], _k: Kw) -> PyResult {
    arg_count("dist", a, 2, 2)?;
    let p = vm.collect(&a[0])?;
    let q = vm.collect(&a[1])?;
    if p.len() != q.len() {
        return Err(Exc::value_error(
            "both points must have the same number of dimensions",
        ));
    }
    let mut acc = 0.0f64;
    for (x, y) in p.iter().zip(q.iter()) {
        acc = libm::hypot(acc, num(vm, x)? - num(vm, y)?);
    }
    Ok(Value::Float(acc))
}

fn math_module(d: &mut Dict) {
    let mut set = |k: &str, v: f64| d.set_str(Rc::new(PyStr::new(k)), Value::Float(v));
    set("pi", core::f64::consts::PI);
    set("e", core::f64::consts::E);
    set("tau", core::f64::consts::TAU);
    set("inf", f64::INFINITY);
    set("nan", f64::NAN);
    let fns: [(&'static str, NativeFn); 47] = [
        ("sqrt", sqrt),
        ("exp", exp),
        ("sin", sin),
        ("cos", cos),
        ("tan", tan),
        ("asin", asin),
        ("acos", acos),
        ("atan", atan),
        ("sinh", sinh),
        ("cosh", cosh),
        ("tanh", tanh),
        ("log", log),
        ("log2", log2),
        ("log10", log10),
        ("log1p", log1p),
        ("expm1", expm1),
        ("fabs", fabs),
        ("degrees", degrees),
        ("radians", radians),
        ("erf", erf),
        ("erfc", erfc),
        ("gamma", gamma),
        ("lgamma", lgamma),
        ("pow", pow_),
        ("atan2", atan2),
        ("fmod", fmod),
        ("copysign", copysign),
        ("hypot", hypot),
        ("floor", floor),
        ("ceil", ceil),
        ("trunc", trunc),
        ("factorial", factorial),
        ("gcd", gcd),
        ("lcm", lcm),
        ("isqrt", isqrt),
        ("comb", comb),
        ("perm", perm),
        ("isnan", isnan),
        ("isinf", isinf),
        ("isfinite", isfinite),
        ("isclose", isclose),
        ("modf", modf),
        ("frexp", frexp),
        ("ldexp", ldexp),
        ("fsum", fsum),
        ("prod", prod),
        ("dist", dist),
    ];
    for (name, f) in fns {
        def(d, name, f);
    }
}
