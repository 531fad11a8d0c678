//! Built-in functions (Python Library Reference, "Built-in Functions") and the table that
//! installs them, the built-in types and the exception classes into the `builtins`
//! namespace. Type constructors live in `construct.rs`, methods of built-in types in
//! `methods.rs` and `strmethods.rs`, formatting in `format.rs`, modules in `modules.rs`.

mod construct;
pub mod format;
mod functions;
mod methods;
mod modules;
mod strmethods;

pub use construct::construct;
pub use methods::{has_method, is_class_method, type_has_method};
pub use modules::is_builtin_module;

use crate::pystr::PyStr;
use crate::value::*;
use crate::vm::Vm;
use alloc::rc::Rc;
use alloc::string::String;

/// Adds a native function to a namespace.
pub fn def(d: &mut crate::dict::Dict, name: &'static str, func: NativeFn) {
    d.set_str(
        Rc::new(PyStr::new(name)),
        Value::Builtin(Rc::new(Builtin {
            name,
            func,
            receiver: None,
        })),
    );
}

pub fn install(vm: &mut Vm) {
    let mut d = crate::dict::Dict::new();
    functions::install(&mut d);
    let t = &vm.types;
    let classes = [
        ("object", &t.object),
        ("type", &t.type_),
        ("int", &t.int),
        ("bool", &t.bool_),
        ("float", &t.float),
        ("complex", &t.complex),
        ("str", &t.str_),
        ("bytes", &t.bytes),
        ("list", &t.list),
        ("tuple", &t.tuple),
        ("dict", &t.dict),
        ("set", &t.set),
        ("frozenset", &t.frozenset),
        ("range", &t.range),
        ("slice", &t.slice),
        ("property", &t.property),
        ("staticmethod", &t.staticmethod),
        ("classmethod", &t.classmethod),
        ("super", &t.super_),
    ];
    for (name, c) in classes {
        d.set_str(Rc::new(PyStr::new(name)), Value::Class(c.clone()));
    }
    for c in &t.all_exceptions {
        d.set_str(c.name.clone(), Value::Class(c.clone()));
    }
    d.set_str(Rc::new(PyStr::new("NotImplemented")), Value::NotImplemented);
    d.set_str(Rc::new(PyStr::new("Ellipsis")), Value::Ellipsis);
    d.set_str(Rc::new(PyStr::new("__name__")), Value::str("builtins"));
    d.set_str(Rc::new(PyStr::new("__debug__")), Value::Bool(true));
    *vm.builtins.borrow_mut() = d;
}

/// A built-in method bound to its receiver (`[].append`, `"".join`).
pub fn bound_native(recv: Value, name: Rc<PyStr>) -> Value {
    Value::NativeMethod(Rc::new((recv, name)))
}

/// `object.__init__` and friends, reached through `super()`.
pub fn object_method(recv: Value, name: Rc<PyStr>) -> Value {
    let mut n = String::from("object.");
    n.push_str(name.as_str());
    bound_native(recv, Rc::new(PyStr::from_string(n)))
}

/// `ascii()`: non-ASCII characters as escapes.
pub fn ascii_of(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let v = c as u32;
        if v < 0x80 {
            out.push(c);
        } else if v <= 0xff {
            out.push_str(&alloc::format!("\\x{:02x}", v));
        } else if v <= 0xffff {
            out.push_str(&alloc::format!("\\u{:04x}", v));
        } else {
            out.push_str(&alloc::format!("\\U{:08x}", v));
        }
    }
    out
}

/// Looks up a keyword argument by name.
pub fn kwarg<'a>(kw: &'a [(Rc<PyStr>, Value)], name: &str) -> Option<&'a Value> {
    kw.iter().find(|(k, _)| k.as_str() == name).map(|(_, v)| v)
}

/// Rejects unknown keyword arguments.
pub fn check_kwargs(fname: &str, kw: &[(Rc<PyStr>, Value)], allowed: &[&str]) -> PyResult<()> {
    for (k, _) in kw {
        if !allowed.contains(&k.as_str()) {
            return Err(Exc::type_error(alloc::format!(
                "{}() got an unexpected keyword argument '{}'",
                fname,
                k.as_str()
            )));
        }
    }
    Ok(())
}

pub fn arg_count(fname: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
    if args.len() < min || args.len() > max {
        if min == max {
            if min == 0 {
                return Err(Exc::type_error(alloc::format!(
                    "{}() takes no arguments ({} given)",
                    fname,
                    args.len()
                )));
            }
            if min == 1 {
                return Err(Exc::type_error(alloc::format!(
                    "{}() takes exactly one argument ({} given)",
                    fname,
                    args.len()
                )));
            }
            return Err(Exc::type_error(alloc::format!(
                "{} expected {} arguments, got {}",
                fname,
                min,
                args.len()
            )));
        }
        if args.len() < min {
            return Err(Exc::type_error(alloc::format!(
                "{} expected at least {} argument{}, got {}",
                fname,
                min,
                if min == 1 { "" } else { "s" },
                args.len()
            )));
        }
        return Err(Exc::type_error(alloc::format!(
            "{} expected at most {} argument{}, got {}",
            fname,
            max,
            if max == 1 { "" } else { "s" },
            args.len()
        )));
    }
    Ok(())
}
