//! Attribute access (Python Language Reference §3.3.2 "Customizing attribute access",
//! §3.3.2.2 "Implementing Descriptors"): instance dictionaries, class MROs, properties,
//! bound methods, `super()`, and the attributes of built-in values.

use super::Vm;
use crate::pystr::PyStr;
use crate::value::*;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;

impl Vm {
    /// Binds a class attribute found for `obj` (functions become methods).
    fn bind(&mut self, attr: Value, obj: &Value, class: &Rc<Class>) -> PyResult {
        Ok(match attr {
            Value::Function(_) => Value::Method(Rc::new(Method {
                func: attr,
                receiver: obj.clone(),
            })),
            Value::ClassMethod(f) => Value::Method(Rc::new(Method {
                func: (*f).clone(),
                receiver: Value::Class(class.clone()),
            })),
            Value::StaticMethod(f) => (*f).clone(),
            Value::Property(p) => {
                if p.fget.is_none() {
                    return Err(Exc::new(ExcKind::AttributeError, "property has no getter"));
                }
                let g = p.fget.clone();
                self.call(&g, &[obj.clone()], &[])?
            }
            Value::Instance(ref i) => {
                // Descriptor protocol for user objects with __get__.
                if let Some(get) = i.class.lookup(&PyStr::new("__get__")) {
                    self.call(
                        &get,
                        &[attr.clone(), obj.clone(), Value::Class(class.clone())],
                        &[],
                    )?
                } else {
                    attr
                }
            }
            other => other,
        })
    }

    pub fn getattr_opt(&mut self, obj: &Value, name: &str) -> PyResult<Option<Value>> {
        match self.getattr(obj, &Rc::new(PyStr::new(name))) {
            Ok(v) => Ok(Some(v)),
            Err(e) => {
                let is_attr = match &*e.0 {
                    ExcRepr::Native(k, _) => *k == ExcKind::AttributeError,
                    ExcRepr::Object(v) => self.is_exception_instance(v, ExcKind::AttributeError),
                };
                if is_attr {
                    Ok(None)
                } else {
                    Err(e)
                }
            }
        }
    }

    pub fn getattr(&mut self, obj: &Value, name: &Rc<PyStr>) -> PyResult {
        match obj {
            Value::Instance(inst) => {
                if !inst.class.descriptors.get() {
                    if let Some(v) = inst.dict.borrow().get_str(name) {
                        return Ok(v);
                    }
                }
                let cattr = inst.class.lookup(name);
                if let Some(Value::Property(_)) = &cattr {
                    let class = inst.class.clone();
                    return self.bind(cattr.unwrap_or(Value::None), obj, &class);
                }
                if let Some(v) = inst.dict.borrow().get_str(name) {
                    return Ok(v);
                }
                if let Some(a) = cattr {
                    let class = inst.class.clone();
                    return self.bind(a, obj, &class);
                }
                match name.as_str() {
                    "__class__" => return Ok(Value::Class(inst.class.clone())),
                    "__dict__" => return Ok(Value::dict(inst.dict.borrow().clone())),
                    "__traceback__" => return Ok(Value::None),
                    "__cause__" | "__context__" if inst.class.kind == TypeKind::BaseException => {
                        return Ok(Value::None)
                    }
                    "__suppress_context__" if inst.class.kind == TypeKind::BaseException => {
                        return Ok(Value::Bool(false))
                    }
                    _ => {}
                }
                if let Some(base) = base_of(obj) {
                    if crate::builtins::has_method(&base, name.as_str()) {
                        return Ok(crate::builtins::bound_native(base, name.clone()));
                    }
                }
                if let Some(ga) = inst.class.lookup(&PyStr::new("__getattr__")) {
                    return self.call(&ga, &[obj.clone(), Value::Str(name.clone())], &[]);
                }
                Err(Exc::new(
                    ExcKind::AttributeError,
                    alloc::format!(
                        "'{}' object has no attribute '{}'",
                        inst.class.name.as_str(),
                        name.as_str()
                    ),
                ))
            }
            Value::Class(c) => {
                if let Some(a) = c.lookup(name) {
                    return Ok(match a {
                        Value::ClassMethod(f) => Value::Method(Rc::new(Method {
                            func: (*f).clone(),
                            receiver: obj.clone(),
                        })),
                        Value::StaticMethod(f) => (*f).clone(),
                        other => other,
                    });
                }
                if c.builtin
                    && c.kind == TypeKind::Object
                    && matches!(
                        name.as_str(),
                        "__setattr__"
                            | "__new__"
                            | "__init__"
                            | "__getattribute__"
                            | "__delattr__"
                            | "__repr__"
                            | "__str__"
                            | "__eq__"
                            | "__ne__"
                            | "__hash__"
                    )
                {
                    return Ok(crate::builtins::object_method(obj.clone(), name.clone()));
                }
                match name.as_str() {
                    "__name__" => return Ok(Value::Str(c.name.clone())),
                    "__qualname__" => return Ok(Value::str(&c.qualname)),
                    "__module__" => return Ok(Value::str(&c.module)),
                    "__doc__" => return Ok(Value::None),
                    "__bases__" => {
                        return Ok(Value::tuple(
                            c.bases.iter().map(|b| Value::Class(b.clone())).collect(),
                        ))
                    }
                    "__base__" => {
                        return Ok(c
                            .bases
                            .first()
                            .map_or(Value::None, |b| Value::Class(b.clone())))
                    }
                    "__mro__" => {
                        return Ok(Value::tuple(
                            c.mro_iter().map(|b| Value::Class(b.clone())).collect(),
                        ))
                    }
                    "__dict__" => return Ok(Value::dict(c.dict.borrow().clone())),
                    "__class__" => return Ok(Value::Class(self.types.type_.clone())),
                    "mro" => return Ok(crate::builtins::bound_native(obj.clone(), name.clone())),
                    _ => {}
                }
                if c.builtin
                    || c.mro
                        .iter()
                        .any(|b| b.builtin && b.kind != TypeKind::Object)
                {
                    let kind = c.kind;
                    if crate::builtins::type_has_method(kind, name.as_str()) {
                        let base = self.builtin_class_for(kind);
                        return Ok(crate::builtins::bound_native(
                            Value::Class(base),
                            name.clone(),
                        ));
                    }
                }
                Err(Exc::new(
                    ExcKind::AttributeError,
                    alloc::format!(
                        "type object '{}' has no attribute '{}'",
                        c.name.as_str(),
                        name.as_str()
                    ),
                ))
            }
            Value::Module(m) => {
                if let Some(v) = m.dict.borrow().get_str(name) {
                    return Ok(v);
                }
                if name.as_str() == "__dict__" {
                    return Ok(Value::Dict(m.dict.clone()));
                }
                Err(Exc::new(
                    ExcKind::AttributeError,
                    alloc::format!(
                        "module '{}' has no attribute '{}'",
                        m.name.as_str(),
                        name.as_str()
                    ),
                ))
            }
            Value::Function(f) => {
                match name.as_str() {
                    "__name__" => return Ok(Value::Str(f.name.borrow().clone())),
                    "__qualname__" => return Ok(Value::Str(f.code.qualname.clone())),
                    "__module__" => {
                        return Ok(f
                            .globals
                            .borrow()
                            .get_by_str("__name__")
                            .unwrap_or(Value::None))
                    }
                    "__defaults__" => {
                        return Ok(if f.defaults.is_empty() {
                            Value::None
                        } else {
                            Value::tuple(f.defaults.clone())
                        })
                    }
                    "__code__" => return Ok(Value::Code(f.code.clone())),
                    _ => {}
                }
                if let Some(v) = f.attrs.borrow().get_str(name) {
                    return Ok(v);
                }
                if name.as_str() == "__doc__" {
                    return Ok(Value::None);
                }
                if name.as_str() == "__dict__" {
                    return Ok(Value::dict(f.attrs.borrow().clone()));
                }
                Err(Exc::new(
                    ExcKind::AttributeError,
                    alloc::format!("'function' object has no attribute '{}'", name.as_str()),
                ))
            }
            Value::Method(m) => match name.as_str() {
                "__self__" => Ok(m.receiver.clone()),
                "__func__" => Ok(m.func.clone()),
                _ => {
                    let f = m.func.clone();
                    self.getattr(&f, name)
                }
            },
            Value::Super(s) => {
                let (start, target) = (&s.0, &s.1);
                let cls = match target {
                    Value::Class(c) => c.clone(),
                    other => self.types.type_of(other),
                };
                let mut found = false;
                for c in cls.mro_iter() {
                    if found {
                        if let Some(v) = c.dict.borrow().get_str(name) {
                            let v = v.clone();
                            return match (v, target) {
                                (Value::Function(f), Value::Class(_)) => Ok(Value::Function(f)),
                                (v, _) => {
                                    let cls = cls.clone();
                                    self.bind(v, target, &cls)
                                }
                            };
                        }
                        if c.builtin && is_value_kind(c.kind) {
                            if name.as_str() == "__init__" {
                                return Ok(crate::builtins::object_method(
                                    target.clone(),
                                    Rc::new(PyStr::new("base_init")),
                                ));
                            }
                            if let Some(base) = base_of(target) {
                                return Ok(crate::builtins::bound_native(base, name.clone()));
                            }
                        }
                        if c.builtin && c.kind == TypeKind::BaseException {
                            let special = match name.as_str() {
                                "__init__" => Some("exc_init"),
                                "__str__" => Some("exc_str"),
                                "__repr__" => Some("exc_repr"),
                                _ => None,
                            };
                            if let Some(s) = special {
                                return Ok(crate::builtins::object_method(
                                    target.clone(),
                                    Rc::new(PyStr::new(s)),
                                ));
                            }
                        }
                    }
                    if Rc::ptr_eq(c, start) {
                        found = true;
                    }
                }
                // object's defaults: __init__, __repr__, ...
                match name.as_str() {
                    "__init__" | "__init_subclass__" | "__setattr__" | "__repr__" | "__str__"
                    | "__eq__" | "__hash__" | "__new__" | "__getattribute__" | "__delattr__"
                    | "__ne__" => Ok(crate::builtins::object_method(target.clone(), name.clone())),
                    _ => Err(Exc::new(
                        ExcKind::AttributeError,
                        alloc::format!("'super' object has no attribute '{}'", name.as_str()),
                    )),
                }
            }
            Value::Property(p) => match name.as_str() {
                "setter" | "getter" | "deleter" => {
                    Ok(crate::builtins::bound_native(obj.clone(), name.clone()))
                }
                "fget" => Ok(p.fget.clone()),
                "fset" => Ok(p.fset.clone()),
                "__doc__" => Ok(p.doc.clone()),
                _ => Err(Exc::new(
                    ExcKind::AttributeError,
                    alloc::format!("'property' object has no attribute '{}'", name.as_str()),
                )),
            },
            Value::Builtin(b) => match name.as_str() {
                "__name__" | "__qualname__" => Ok(Value::str(b.name)),
                "__self__" => Ok(b.receiver.clone().unwrap_or(Value::None)),
                _ => Err(Exc::new(
                    ExcKind::AttributeError,
                    alloc::format!(
                        "'builtin_function_or_method' object has no attribute '{}'",
                        name.as_str()
                    ),
                )),
            },
            _ => {
                if let Some(v) = self.value_attr(obj, name.as_str())? {
                    return Ok(v);
                }
                if crate::builtins::has_method(obj, name.as_str()) {
                    return Ok(crate::builtins::bound_native(obj.clone(), name.clone()));
                }
                Err(Exc::new(
                    ExcKind::AttributeError,
                    alloc::format!(
                        "'{}' object has no attribute '{}'",
                        obj.type_name(),
                        name.as_str()
                    ),
                ))
            }
        }
    }

    pub fn builtin_class_for(&self, kind: TypeKind) -> Rc<Class> {
        let t = &self.types;
        match kind {
            TypeKind::Int => t.int.clone(),
            TypeKind::Bool => t.bool_.clone(),
            TypeKind::Float => t.float.clone(),
            TypeKind::Str => t.str_.clone(),
            TypeKind::Bytes => t.bytes.clone(),
            TypeKind::List => t.list.clone(),
            TypeKind::Tuple => t.tuple.clone(),
            TypeKind::Dict => t.dict.clone(),
            TypeKind::Set => t.set.clone(),
            TypeKind::FrozenSet => t.frozenset.clone(),
            _ => t.object.clone(),
        }
    }

    /// Data attributes of built-in values (`x.real`, `r.start`, `__class__`, ...).
    fn value_attr(&mut self, obj: &Value, name: &str) -> PyResult<Option<Value>> {
        if name == "__class__" {
            return Ok(Some(Value::Class(self.types.type_of(obj))));
        }
        Ok(match (obj, name) {
            (Value::Int(_) | Value::BigInt(_), "real" | "numerator") => Some(obj.clone()),
            (Value::Bool(b), "real" | "numerator") => Some(Value::Int(*b as i64)),
            (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), "imag") => Some(Value::Int(0)),
            (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), "denominator") => {
                Some(Value::Int(1))
            }
            (Value::Float(_), "real") => Some(obj.clone()),
            (Value::Float(_), "imag") => Some(Value::Float(0.0)),
            (Value::Range(r), "start") => Some(Value::Int(r.start)),
            (Value::Range(r), "stop") => Some(Value::Int(r.stop)),
            (Value::Range(r), "step") => Some(Value::Int(r.step)),
            (Value::Slice(s), "start") => Some(s.start.clone()),
            (Value::Slice(s), "stop") => Some(s.stop.clone()),
            (Value::Slice(s), "step") => Some(s.step.clone()),
            (Value::Generator(g), "__name__") => Some(Value::str(&g.borrow().name)),
            (_, "__doc__") => Some(Value::None),
            _ => None,
        })
    }

    pub fn setattr(&mut self, obj: &Value, name: &Rc<PyStr>, value: Value) -> PyResult<()> {
        match obj {
            Value::Instance(inst) => {
                if !inst.class.descriptors.get() {
                    if let Ok(mut d) = inst.dict.try_borrow_mut() {
                        d.set_str(name.clone(), value);
                        return Ok(());
                    }
                }
                let cattr = inst.class.lookup(name);
                if let Some(Value::Property(p)) = cattr {
                    if p.fset.is_none() {
                        return Err(Exc::new(
                            ExcKind::AttributeError,
                            alloc::format!(
                                "property '{}' of '{}' object has no setter",
                                name.as_str(),
                                inst.class.name.as_str()
                            ),
                        ));
                    }
                    let s = p.fset.clone();
                    self.call(&s, &[obj.clone(), value], &[])?;
                    return Ok(());
                }
                if let Some(sa) = inst.class.lookup(&PyStr::new("__setattr__")) {
                    if matches!(sa, Value::Function(_)) {
                        self.call(&sa, &[obj.clone(), Value::Str(name.clone()), value], &[])?;
                        return Ok(());
                    }
                }
                match inst.dict.try_borrow_mut() {
                    Ok(mut d) => d.set_str(name.clone(), value),
                    Err(_) => {
                        return Err(Exc::new(
                            ExcKind::RuntimeError,
                            "instance dictionary is busy",
                        ))
                    }
                }
                Ok(())
            }
            Value::Class(c) if !c.builtin => {
                if matches!(value, Value::Property(_) | Value::Instance(_))
                    || matches!(name.as_str(), "__setattr__" | "__delattr__")
                {
                    c.descriptors.set(true);
                }
                c.dict.borrow_mut().set_str(name.clone(), value);
                Ok(())
            }
            Value::Function(f) => {
                if name.as_str() == "__name__" {
                    if let Value::Str(s) = &value {
                        *f.name.borrow_mut() = s.clone();
                    }
                    return Ok(());
                }
                f.attrs.borrow_mut().set_str(name.clone(), value);
                Ok(())
            }
            Value::Module(m) => {
                m.dict.borrow_mut().set_str(name.clone(), value);
                Ok(())
            }
            Value::Class(c) => Err(Exc::type_error(alloc::format!(
                "cannot set '{}' attribute of immutable type '{}'",
                name.as_str(),
                c.name.as_str()
            ))),
            _ => {
                let has = crate::builtins::has_method(obj, name.as_str());
                Err(Exc::new(
                    ExcKind::AttributeError,
                    if has {
                        alloc::format!(
                            "'{}' object attribute '{}' is read-only",
                            obj.type_name(),
                            name.as_str()
                        )
                    } else {
                        alloc::format!(
                            "'{}' object has no attribute '{}'",
                            obj.type_name(),
                            name.as_str()
                        )
                    },
                ))
            }
        }
    }

    /// Default `object.__setattr__` used by `super().__setattr__`.
    pub fn object_setattr(&mut self, obj: &Value, name: &Rc<PyStr>, value: Value) -> PyResult<()> {
        if let Value::Instance(inst) = obj {
            inst.dict.borrow_mut().set_str(name.clone(), value);
            return Ok(());
        }
        self.setattr(obj, name, value)
    }

    pub fn delattr(&mut self, obj: &Value, name: &Rc<PyStr>) -> PyResult<()> {
        let target = match obj {
            Value::Instance(inst) => {
                if let Some(Value::Property(p)) = inst.class.lookup(name) {
                    if !p.fdel.is_none() {
                        let d = p.fdel.clone();
                        self.call(&d, &[obj.clone()], &[])?;
                        return Ok(());
                    }
                }
                if let Some(da) = inst.class.lookup(&PyStr::new("__delattr__")) {
                    self.call(&da, &[obj.clone(), Value::Str(name.clone())], &[])?;
                    return Ok(());
                }
                Some(&inst.dict)
            }
            Value::Class(c) if !c.builtin => Some(&c.dict),
            _ => None,
        };
        if let Some(d) = target {
            let rc = Rc::new(core::cell::RefCell::new(d.borrow().clone()));
            if super::interp::dict_remove_str(&rc, name) {
                *d.borrow_mut() = rc.borrow().clone();
                return Ok(());
            }
        }
        let tn: String = match obj {
            Value::Class(c) => alloc::format!("type object '{}'", c.name.as_str()),
            other => alloc::format!("'{}' object", other.type_name()),
        };
        let _ = Vec::<u8>::new();
        Err(Exc::new(
            ExcKind::AttributeError,
            alloc::format!("{} has no attribute '{}'", tn, name.as_str()),
        ))
    }
}
