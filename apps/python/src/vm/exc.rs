//! Exception objects and tracebacks.
//!
//! Native code raises `Exc::new(kind, message)`; the first time the exception meets Python
//! code (a handler or a frame boundary) it becomes an instance of the built-in class, with
//! `args` set, exactly as if the program had raised it. The traceback printer follows
//! CPython's layout: "Traceback (most recent call last):", one `File "...", line N, in name`
//! entry per frame with the source line, then `Type: message`.

use super::Vm;
use crate::dict::Dict;
use crate::pystr::PyStr;
use crate::value::*;
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::cell::RefCell;

impl Vm {
    /// Makes a new instance of an exception class with the given args.
    pub fn new_exception(&mut self, class: Rc<Class>, args: Vec<Value>) -> Value {
        let mut d = Dict::new();
        if class.is_subclass(&self.types.exception(ExcKind::StopIteration)) {
            d.set_str(
                Rc::new(PyStr::new("value")),
                args.first().cloned().unwrap_or(Value::None),
            );
        }
        if class.is_subclass(&self.types.exception(ExcKind::SystemExit)) {
            let code = if args.len() == 1 {
                args[0].clone()
            } else if args.is_empty() {
                Value::None
            } else {
                Value::tuple(args.clone())
            };
            d.set_str(Rc::new(PyStr::new("code")), code);
        }
        d.set_str(Rc::new(PyStr::new("args")), Value::tuple(args));
        Value::Instance(Rc::new(Instance {
            class,
            dict: RefCell::new(d),
            traceback: RefCell::new(Vec::new()),
            base_value: RefCell::new(None),
        }))
    }

    /// Turns a native exception into an instance and links it to the one being handled.
    pub fn materialize(&mut self, exc: Exc) -> Value {
        let value = match *exc.0 {
            ExcRepr::Object(v) => v,
            ExcRepr::Native(kind, msg) => {
                let class = self.types.exception(kind);
                let args = if kind == ExcKind::StopIteration && msg.is_empty() {
                    Vec::new()
                } else {
                    alloc::vec![Value::string(msg)]
                };
                let v = self.new_exception(class, args);
                if let Some(ctx) = self.handling.last().cloned() {
                    set_attr_raw(&v, "__context__", ctx);
                }
                v
            }
        };
        value
    }

    /// Creates an exception instance from a class or instance given to `raise`.
    pub fn make_raisable(&mut self, v: Value) -> PyResult {
        match &v {
            Value::Class(c) if c.is_subclass(&self.types.base_exception) => self.call(&v, &[], &[]),
            Value::Instance(i) if i.class.is_subclass(&self.types.base_exception) => Ok(v),
            _ => Err(Exc::type_error("exceptions must derive from BaseException")),
        }
    }

    pub fn is_exception_instance(&self, v: &Value, kind: ExcKind) -> bool {
        match v {
            Value::Instance(i) => i.class.is_subclass(&self.types.exception(kind)),
            _ => false,
        }
    }

    /// `str(exc)`: the message as CPython prints it after the type name.
    pub fn exception_message(&mut self, v: &Value) -> PyResult<String> {
        if let Value::Instance(i) = v {
            if i.class
                .lookup(&PyStr::new("__str__"))
                .is_some_and(|m| matches!(m, Value::Function(_)))
            {
                return self.to_str(v);
            }
            if i.class
                .is_subclass(&self.types.exception(ExcKind::SyntaxError))
            {
                let d = i.dict.borrow();
                if let (Some(Value::Str(msg)), Some(Value::Str(file)), Some(Value::Int(line))) = (
                    d.get_by_str("msg"),
                    d.get_by_str("filename"),
                    d.get_by_str("lineno"),
                ) {
                    return Ok(alloc::format!(
                        "{} ({}, line {})",
                        msg.as_str(),
                        file.as_str(),
                        line
                    ));
                }
            }
            let args = i.dict.borrow().get_by_str("args");
            let is_key_error = i
                .class
                .is_subclass(&self.types.exception(ExcKind::KeyError));
            return match args {
                Some(Value::Tuple(t)) if t.is_empty() => Ok(String::new()),
                Some(Value::Tuple(t)) if t.len() == 1 => {
                    if is_key_error {
                        self.repr(&t[0])
                    } else {
                        self.to_str(&t[0])
                    }
                }
                Some(a) => self.repr(&a),
                None => Ok(String::new()),
            };
        }
        self.to_str(v)
    }

    /// The full CPython-style report for an uncaught exception.
    pub fn format_traceback(&mut self, exc: &Value, source: Option<&str>) -> String {
        let mut out = String::new();
        if let Value::Instance(i) = exc {
            let context = i
                .dict
                .borrow()
                .get_by_str("__cause__")
                .filter(|c| !c.is_none());
            let (chained, cause) = match context {
                Some(c) => (Some(c), true),
                None => {
                    let suppress = matches!(
                        i.dict.borrow().get_by_str("__suppress_context__"),
                        Some(Value::Bool(true))
                    );
                    (
                        if suppress {
                            None
                        } else {
                            i.dict
                                .borrow()
                                .get_by_str("__context__")
                                .filter(|c| !c.is_none())
                        },
                        false,
                    )
                }
            };
            if let Some(c) = chained {
                if self.repr_guard.len() < 20 {
                    self.repr_guard.push(0);
                    out.push_str(&self.format_traceback(&c, source));
                    self.repr_guard.pop();
                    out.push_str(if cause {
                        "\nThe above exception was the direct cause of the following exception:\n\n"
                    } else {
                        "\nDuring handling of the above exception, another exception occurred:\n\n"
                    });
                }
            }
            let tb = i.traceback.borrow();
            if !tb.is_empty() {
                out.push_str("Traceback (most recent call last):\n");
                for e in tb.iter().rev() {
                    out.push_str(&alloc::format!(
                        "  File \"{}\", line {}, in {}\n",
                        e.filename,
                        e.line,
                        e.name.as_str()
                    ));
                    if let Some(src) = source {
                        if &*e.filename == "<stdin>" || !e.filename.starts_with('<') {
                            if let Some(l) = src.lines().nth(e.line.saturating_sub(1) as usize) {
                                let t = l.trim();
                                if !t.is_empty() {
                                    out.push_str("    ");
                                    out.push_str(t);
                                    out.push('\n');
                                }
                            }
                        }
                    }
                }
            }
        }
        out.push_str(&format_exception_only(self, exc));
        out
    }
}

/// The last line of a traceback: `Type: message`, or `Type` when the message is empty.
pub fn format_exception_only(vm: &mut Vm, exc: &Value) -> String {
    let name = match exc {
        Value::Instance(i) => {
            let module = match i.class.dict.borrow().get_by_str("__module__") {
                Some(Value::Str(m)) if m.as_str() != "builtins" && m.as_str() != "__main__" => {
                    alloc::format!("{}.", m.as_str())
                }
                _ => String::new(),
            };
            alloc::format!("{}{}", module, i.class.qualname)
        }
        other => other.type_name().to_string(),
    };
    let mut msg = vm.exception_message(exc).unwrap_or_default();
    if let Value::Instance(i) = exc {
        if i.class
            .is_subclass(&vm.types.exception(ExcKind::SyntaxError))
        {
            if let Some(Value::Str(m)) = i.dict.borrow().get_by_str("msg") {
                msg = m.as_str().to_string();
            }
        }
    }
    let mut s = String::new();
    if let Value::Instance(i) = exc {
        if i.class
            .is_subclass(&vm.types.exception(ExcKind::SyntaxError))
        {
            let d = i.dict.borrow();
            if let (Some(Value::Int(line)), Some(Value::Str(file))) =
                (d.get_by_str("lineno"), d.get_by_str("filename"))
            {
                s.push_str(&alloc::format!(
                    "  File \"{}\", line {}\n",
                    file.as_str(),
                    line
                ));
                if let Some(Value::Str(text)) = d.get_by_str("text") {
                    let raw = text.as_str();
                    let trimmed = raw.trim_start();
                    let cut = raw.len() - trimmed.len();
                    let t = trimmed.trim_end();
                    if !t.is_empty() {
                        s.push_str("    ");
                        s.push_str(t);
                        s.push('\n');
                        if let Some(Value::Int(col)) = d.get_by_str("offset") {
                            let col = (col.max(1) as usize).saturating_sub(cut).max(1);
                            s.push_str("    ");
                            for _ in 1..col.min(t.chars().count() + 1) {
                                s.push(' ');
                            }
                            s.push_str("^\n");
                        }
                    }
                }
            }
        }
    }
    if msg.is_empty() {
        s.push_str(&name);
    } else {
        s.push_str(&alloc::format!("{}: {}", name, msg));
    }
    s.push('\n');
    s
}

pub fn set_attr_raw(v: &Value, name: &str, value: Value) {
    if let Value::Instance(i) = v {
        if let Ok(mut d) = i.dict.try_borrow_mut() {
            d.set_str(Rc::new(PyStr::new(name)), value);
        }
    }
}
