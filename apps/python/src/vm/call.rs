//! Calls: binding arguments to parameters (Python Language Reference §6.3.4), creating
//! frames, instantiating classes, and `__build_class__` (§8.8, "Class definitions").

use super::{Frame, FrameExit, Vm};
use crate::dict::Dict;
use crate::pystr::PyStr;
use crate::value::*;
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::cell::RefCell;

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        alloc::format!("{} {}", n, word)
    } else {
        alloc::format!("{} {}s", n, word)
    }
}

/// `'a', 'b' and 'c'` as CPython lists missing arguments.
fn name_list(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| alloc::format!("'{}'", n)).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        2 => alloc::format!("{} and {}", quoted[0], quoted[1]),
        n => alloc::format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

impl Vm {
    /// Calls any callable value.
    pub fn call(&mut self, func: &Value, args: &[Value], kw: &[(Rc<PyStr>, Value)]) -> PyResult {
        match func {
            Value::Function(f) => self.call_function(f, args, kw),
            Value::Builtin(b) => {
                if let Some(r) = &b.receiver {
                    let mut all = Vec::with_capacity(args.len() + 1);
                    all.push(r.clone());
                    all.extend_from_slice(args);
                    (b.func)(self, &all, kw)
                } else {
                    (b.func)(self, args, kw)
                }
            }
            Value::Method(m) => {
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(m.receiver.clone());
                all.extend_from_slice(args);
                let f = m.func.clone();
                self.call(&f, &all, kw)
            }
            Value::NativeMethod(nm) => {
                let (recv, name) = (&nm.0, &nm.1);
                if let Value::Class(c) = recv {
                    if c.builtin && !crate::builtins::is_class_method(c.kind, name.as_str()) {
                        // `str.upper(s)`: the first argument is the receiver.
                        let Some((first, rest)) = args.split_first() else {
                            return Err(Exc::type_error(alloc::format!(
                                "unbound method {}.{}() needs an argument",
                                c.name.as_str(),
                                name.as_str()
                            )));
                        };
                        return self.call_method(first, name, rest, kw);
                    }
                }
                self.call_method(recv, name, args, kw)
            }
            Value::Class(c) => self.instantiate(c, args, kw),
            Value::Instance(i) => {
                let Some(call) = i.class.lookup(&PyStr::new("__call__")) else {
                    return Err(Exc::type_error(alloc::format!(
                        "'{}' object is not callable",
                        i.class.name.as_str()
                    )));
                };
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(func.clone());
                all.extend_from_slice(args);
                self.call(&call, &all, kw)
            }
            Value::StaticMethod(inner) => {
                let inner = (**inner).clone();
                self.call(&inner, args, kw)
            }
            other => Err(Exc::type_error(alloc::format!(
                "'{}' object is not callable",
                self.type_name_of(other)
            ))),
        }
    }

    pub fn type_name_of(&self, v: &Value) -> String {
        String::from(v.type_name())
    }

    /// Calls a Python function: binds arguments into a new frame and runs it.
    pub fn call_function(
        &mut self,
        f: &Rc<Function>,
        args: &[Value],
        kw: &[(Rc<PyStr>, Value)],
    ) -> PyResult {
        let code = &f.code;
        let nlocals = code.local_names.len();
        let locals = if kw.is_empty()
            && !code.varargs
            && !code.varkw
            && code.kwonly == 0
            && args.len() == code.argcount
        {
            let mut l = self.spare_vecs.pop().unwrap_or_default();
            l.reserve(nlocals);
            l.extend_from_slice(args);
            l.resize(nlocals, Value::Null);
            l
        } else {
            self.bind_args(f, args, kw)?
        };
        let mut cells = Vec::new();
        if !code.cell_names.is_empty() || !f.closure.is_empty() {
            cells.reserve(code.cell_names.len() + f.closure.len());
            for _ in 0..code.cell_names.len() {
                cells.push(Rc::new(RefCell::new(Value::Null)));
            }
            for &(ci, slot) in &code.arg_cells {
                if let (Some(c), Some(v)) = (cells.get(ci), locals.get(slot)) {
                    *c.borrow_mut() = v.clone();
                }
            }
            cells.extend(f.closure.iter().cloned());
        }
        let id = self.fresh_id();
        let stack = self.spare_vecs.pop().unwrap_or_default();
        let mut frame = Frame {
            code: code.clone(),
            pc: 0,
            stack,
            locals,
            cells,
            globals: f.globals.clone(),
            ns: None,
            blocks: Vec::new(),
            func: Some(f.clone()),
            id,
        };
        if code.is_generator {
            return Ok(crate::generator::new_generator(frame));
        }
        if self.depth >= self.recursion_limit {
            return Err(Exc::new(
                ExcKind::RecursionError,
                "maximum recursion depth exceeded",
            ));
        }
        self.depth += 1;
        let r = self.run_frame(&mut frame);
        self.depth -= 1;
        // Keep the frame's buffers for the next call (saves two allocations per call).
        if self.spare_vecs.len() < 64 {
            for mut v in [
                core::mem::take(&mut frame.stack),
                core::mem::take(&mut frame.locals),
            ] {
                if v.capacity() <= 256 {
                    v.clear();
                    self.spare_vecs.push(v);
                }
            }
        }
        match r? {
            FrameExit::Return(v) | FrameExit::Yield(v) => Ok(v),
        }
    }

    #[inline(never)]
    fn bind_args(
        &mut self,
        f: &Rc<Function>,
        args: &[Value],
        kw: &[(Rc<PyStr>, Value)],
    ) -> PyResult<Vec<Value>> {
        let code = &f.code;
        let qual = code.qualname.as_str();
        let mut locals = alloc::vec![Value::Null; code.local_names.len()];
        let argc = code.argcount;
        let npos = args.len().min(argc);
        locals[..npos].clone_from_slice(&args[..npos]);
        let vararg_slot = argc + code.kwonly;
        let varkw_slot = vararg_slot + code.varargs as usize;
        if args.len() > argc {
            if code.varargs {
                if let Some(slot) = locals.get_mut(vararg_slot) {
                    *slot = Value::tuple(args[argc..].to_vec());
                }
            } else {
                let ndef = f.defaults.len();
                let takes = if ndef > 0 {
                    alloc::format!("from {} to {} positional arguments", argc - ndef, argc)
                } else {
                    plural(argc, "positional argument")
                };
                let given = args.len();
                return Err(Exc::type_error(alloc::format!(
                    "{}() takes {} but {} {} given",
                    qual,
                    takes,
                    given,
                    if given == 1 { "was" } else { "were" }
                )));
            }
        } else if code.varargs {
            if let Some(slot) = locals.get_mut(vararg_slot) {
                *slot = Value::tuple(Vec::new());
            }
        }
        let mut extra_kw = Dict::new();
        for (name, value) in kw {
            let pos = code.local_names[..argc + code.kwonly]
                .iter()
                .position(|n| n.as_str() == name.as_str());
            match pos {
                Some(p) if p >= code.posonly => {
                    if !matches!(locals[p], Value::Null) {
                        return Err(Exc::type_error(alloc::format!(
                            "{}() got multiple values for argument '{}'",
                            qual,
                            name.as_str()
                        )));
                    }
                    locals[p] = value.clone();
                }
                _ => {
                    if code.varkw {
                        extra_kw.set_str(name.clone(), value.clone());
                    } else if pos.is_some() {
                        return Err(Exc::type_error(alloc::format!(
                            "{}() got some positional-only arguments passed as keyword arguments: '{}'",
                            qual,
                            name.as_str()
                        )));
                    } else {
                        return Err(Exc::type_error(alloc::format!(
                            "{}() got an unexpected keyword argument '{}'",
                            qual,
                            name.as_str()
                        )));
                    }
                }
            }
        }
        if code.varkw {
            if let Some(slot) = locals.get_mut(varkw_slot) {
                *slot = Value::dict(extra_kw);
            }
        }
        let ndef = f.defaults.len();
        let first_default = argc.saturating_sub(ndef);
        let mut missing = Vec::new();
        for i in 0..argc {
            if matches!(locals[i], Value::Null) {
                if i >= first_default {
                    locals[i] = f.defaults[i - first_default].clone();
                } else {
                    missing.push(code.local_names[i].as_str().to_string());
                }
            }
        }
        if !missing.is_empty() {
            return Err(Exc::type_error(alloc::format!(
                "{}() missing {}: {}",
                qual,
                plural(missing.len(), "required positional argument"),
                name_list(&missing)
            )));
        }
        for i in argc..argc + code.kwonly {
            if matches!(locals[i], Value::Null) {
                let name = &code.local_names[i];
                match f
                    .kwdefaults
                    .iter()
                    .find(|(k, _)| k.as_str() == name.as_str())
                {
                    Some((_, v)) => locals[i] = v.clone(),
                    None => missing.push(name.as_str().to_string()),
                }
            }
        }
        if !missing.is_empty() {
            return Err(Exc::type_error(alloc::format!(
                "{}() missing {}: {}",
                qual,
                plural(missing.len(), "required keyword-only argument"),
                name_list(&missing)
            )));
        }
        Ok(locals)
    }

    /// `Class(args)`: built-in constructors or `__new__` + `__init__`.
    #[inline(never)]
    pub fn instantiate(
        &mut self,
        c: &Rc<Class>,
        args: &[Value],
        kw: &[(Rc<PyStr>, Value)],
    ) -> PyResult {
        if c.builtin && c.kind != TypeKind::BaseException && c.kind != TypeKind::Object {
            return crate::builtins::construct(self, c, args, kw);
        }
        if c.kind == TypeKind::Type {
            return crate::builtins::construct(self, c, args, kw);
        }
        let new = c.lookup(&PyStr::new("__new__"));
        let new_func = match &new {
            Some(Value::StaticMethod(f)) | Some(Value::ClassMethod(f)) => Some((**f).clone()),
            Some(f @ Value::Function(_)) => Some(f.clone()),
            _ => None,
        };
        let obj = match new_func {
            Some(f) => {
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(Value::Class(c.clone()));
                all.extend_from_slice(args);
                let o = self.call(&f, &all, kw)?;
                let is_inst = matches!(&o, Value::Instance(i) if i.class.is_subclass(c));
                if !is_inst {
                    return Ok(o);
                }
                o
            }
            None => self.new_instance(c, args),
        };
        if !c.builtin && is_value_kind(c.kind) {
            if let Value::Instance(inst) = &obj {
                let base_class = self.builtin_class_for(c.kind);
                let mutable = matches!(c.kind, TypeKind::List | TypeKind::Dict | TypeKind::Set);
                let user_init = c.lookup(&PyStr::new("__init__")).is_some();
                let base = if mutable && user_init {
                    crate::builtins::construct(self, &base_class, &[], &[])?
                } else {
                    crate::builtins::construct(self, &base_class, args, kw)?
                };
                *inst.base_value.borrow_mut() = Some(base);
                if !user_init {
                    return Ok(obj);
                }
            }
        }
        let init = c.lookup(&PyStr::new("__init__"));
        match init {
            Some(init @ Value::Function(_)) => {
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(obj.clone());
                all.extend_from_slice(args);
                let r = self.call(&init, &all, kw)?;
                if !r.is_none() {
                    return Err(Exc::type_error(alloc::format!(
                        "__init__() should return None, not '{}'",
                        r.type_name()
                    )));
                }
            }
            Some(init @ Value::Builtin(_)) => {
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(obj.clone());
                all.extend_from_slice(args);
                self.call(&init, &all, kw)?;
            }
            _ => {
                if (!args.is_empty() || !kw.is_empty())
                    && c.kind == TypeKind::Object
                    && new.is_none()
                {
                    return Err(Exc::type_error(alloc::format!(
                        "{}() takes no arguments",
                        c.name.as_str()
                    )));
                }
            }
        }
        Ok(obj)
    }

    pub fn new_instance(&mut self, c: &Rc<Class>, args: &[Value]) -> Value {
        if c.kind == TypeKind::BaseException {
            return self.new_exception(c.clone(), args.to_vec());
        }
        Value::Instance(Rc::new(Instance {
            class: c.clone(),
            dict: RefCell::new(Dict::new()),
            traceback: RefCell::new(Vec::new()),
            base_value: RefCell::new(None),
        }))
    }

    /// `__build_class__(body, name, *bases)`: runs the body in a fresh namespace.
    pub fn build_class(&mut self, args: &[Value], kw: &[(Rc<PyStr>, Value)]) -> PyResult {
        let (Some(Value::Function(body)), Some(Value::Str(name))) = (args.first(), args.get(1))
        else {
            return Err(Exc::type_error("__build_class__: bad arguments"));
        };
        let mut bases = Vec::new();
        for b in &args[2..] {
            match b {
                Value::Class(c) => bases.push(c.clone()),
                other => {
                    return Err(Exc::type_error(alloc::format!(
                        "bases must be types, not {}",
                        other.type_name()
                    )))
                }
            }
        }
        let ns = Rc::new(RefCell::new(Dict::new()));
        let mut cells = Vec::new();
        for _ in 0..body.code.cell_names.len() {
            cells.push(Rc::new(RefCell::new(Value::Null)));
        }
        cells.extend(body.closure.iter().cloned());
        let id = self.fresh_id();
        let mut frame = Frame {
            code: body.code.clone(),
            pc: 0,
            stack: Vec::new(),
            locals: Vec::new(),
            cells,
            globals: body.globals.clone(),
            ns: Some(ns.clone()),
            blocks: Vec::new(),
            func: Some(body.clone()),
            id,
        };
        if self.depth >= self.recursion_limit {
            return Err(Exc::new(
                ExcKind::RecursionError,
                "maximum recursion depth exceeded",
            ));
        }
        self.depth += 1;
        let r = self.run_frame(&mut frame);
        self.depth -= 1;
        r?;
        let dict = core::mem::take(&mut *ns.borrow_mut());
        let class = self.new_class(name.as_str(), bases, dict)?;
        // Hook up zero-argument super() for the methods.
        if let Value::Class(c) = &class {
            let values: Vec<Value> = c.dict.borrow().iter().map(|e| e.value.clone()).collect();
            for v in values {
                let f = match &v {
                    Value::Function(f) => Some(f.clone()),
                    Value::StaticMethod(i) | Value::ClassMethod(i) => match &**i {
                        Value::Function(f) => Some(f.clone()),
                        _ => None,
                    },
                    Value::Property(p) => {
                        for g in [&p.fget, &p.fset, &p.fdel] {
                            if let Value::Function(f) = g {
                                *f.owner.borrow_mut() = Some(c.clone());
                            }
                        }
                        None
                    }
                    _ => None,
                };
                if let Some(f) = f {
                    *f.owner.borrow_mut() = Some(c.clone());
                }
            }
            // PEP 487: the nearest base's __init_subclass__ sees the new class.
            let hook = c
                .mro
                .iter()
                .find_map(|b| b.dict.borrow().get_by_str("__init_subclass__"));
            let hook = match hook {
                Some(Value::ClassMethod(f)) => Some((*f).clone()),
                Some(f @ Value::Function(_)) => Some(f),
                _ => None,
            };
            if let Some(h) = hook {
                let kw: Vec<(Rc<PyStr>, Value)> = kw
                    .iter()
                    .filter(|(k, _)| k.as_str() != "metaclass")
                    .cloned()
                    .collect();
                self.call(&h, &[class.clone()], &kw)?;
            }
        }
        Ok(class)
    }

    pub fn new_class(&mut self, name: &str, mut bases: Vec<Rc<Class>>, dict: Dict) -> PyResult {
        if bases.is_empty() {
            bases.push(self.types.object.clone());
        }
        let Some(mro) = super::types::compute_mro(&bases) else {
            let names: Vec<&str> = bases.iter().map(|b| b.name.as_str()).collect();
            return Err(Exc::type_error(alloc::format!(
                "Cannot create a consistent method resolution order (MRO) for bases {}",
                names.join(", ")
            )));
        };
        let mut kind = TypeKind::Object;
        for c in &mro {
            if c.kind != TypeKind::Object {
                kind = c.kind;
                break;
            }
        }
        for b in &bases {
            if b.builtin
                && matches!(
                    b.kind,
                    TypeKind::Bool
                        | TypeKind::Range
                        | TypeKind::Slice
                        | TypeKind::Function
                        | TypeKind::Generator
                        | TypeKind::NoneType
                )
            {
                return Err(Exc::type_error(alloc::format!(
                    "type '{}' is not an acceptable base type",
                    b.name.as_str()
                )));
            }
        }
        let qualname = match dict.get_by_str("__qualname__") {
            Some(Value::Str(q)) => q.as_str().to_string(),
            _ => name.to_string(),
        };
        let module = match dict.get_by_str("__module__") {
            Some(Value::Str(m)) => m.as_str().to_string(),
            _ => String::from("__main__"),
        };
        let id = self.fresh_id();
        let descriptors = bases.iter().any(|b| b.descriptors.get())
            || dict.iter().any(|e| {
                matches!(e.value, Value::Property(_) | Value::Instance(_))
                    || matches!(&e.key, Value::Str(k) if matches!(k.as_str(), "__setattr__" | "__delattr__" | "__getattribute__"))
            });
        Ok(Value::Class(Rc::new(Class {
            name: Rc::new(PyStr::new(name)),
            qualname,
            module,
            bases,
            mro,
            dict: RefCell::new(dict),
            kind,
            builtin: false,
            id,
            descriptors: core::cell::Cell::new(descriptors),
        })))
    }

    /// Converts a `**mapping` argument into keyword pairs.
    pub fn kwargs_from(&mut self, v: &Value) -> PyResult<Vec<(Rc<PyStr>, Value)>> {
        let Value::Dict(d) = v else {
            return Err(Exc::type_error(alloc::format!(
                "argument after ** must be a mapping, not {}",
                v.type_name()
            )));
        };
        let mut out = Vec::new();
        for e in d.borrow().iter() {
            match &e.key {
                Value::Str(s) => out.push((s.clone(), e.value.clone())),
                _ => return Err(Exc::type_error("keywords must be strings")),
            }
        }
        Ok(out)
    }

    /// `LoadMethod`: (function, self) for plain methods, (name, receiver) for built-in
    /// methods, (Null, bound value) otherwise.
    pub fn load_method(&mut self, obj: Value, name: Rc<PyStr>) -> PyResult<(Value, Value)> {
        match &obj {
            Value::Instance(inst) => {
                if inst.dict.borrow().get_str(&name).is_none() {
                    if let Some(f @ Value::Function(_)) = inst.class.lookup(&name) {
                        return Ok((f, obj));
                    }
                }
            }
            Value::Module(_) | Value::Class(_) | Value::Super(_) | Value::Function(_) => {}
            _ => {
                if crate::builtins::has_method(&obj, name.as_str()) {
                    return Ok((Value::Str(name), obj));
                }
            }
        }
        let v = self.getattr(&obj, &name)?;
        Ok((Value::Null, v))
    }
}
