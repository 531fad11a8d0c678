//! The built-in classes: `object`, `type`, the value types and the exception hierarchy
//! (Python Library Reference, "Built-in Exceptions", the class hierarchy at its end).

use crate::dict::Dict;
use crate::pystr::PyStr;
use crate::value::{Class, ExcKind, TypeKind, Value};
use alloc::rc::Rc;
use alloc::string::ToString;
use alloc::vec::Vec;
use core::cell::RefCell;

pub struct Types {
    pub object: Rc<Class>,
    pub type_: Rc<Class>,
    pub none: Rc<Class>,
    pub bool_: Rc<Class>,
    pub int: Rc<Class>,
    pub float: Rc<Class>,
    pub complex: Rc<Class>,
    pub str_: Rc<Class>,
    pub bytes: Rc<Class>,
    pub list: Rc<Class>,
    pub tuple: Rc<Class>,
    pub dict: Rc<Class>,
    pub set: Rc<Class>,
    pub frozenset: Rc<Class>,
    pub range: Rc<Class>,
    pub slice: Rc<Class>,
    pub function: Rc<Class>,
    pub builtin_function: Rc<Class>,
    pub method: Rc<Class>,
    pub generator: Rc<Class>,
    pub module: Rc<Class>,
    pub property: Rc<Class>,
    pub staticmethod: Rc<Class>,
    pub classmethod: Rc<Class>,
    pub iterator: Rc<Class>,
    pub super_: Rc<Class>,
    pub not_implemented: Rc<Class>,
    pub ellipsis: Rc<Class>,
    pub dict_view: Rc<Class>,
    pub base_exception: Rc<Class>,
    /// Built-in exception classes by name, in definition order.
    pub exceptions: Vec<(ExcKind, Rc<Class>)>,
    pub all_exceptions: Vec<Rc<Class>>,
}

pub fn make_class(
    name: &str,
    bases: Vec<Rc<Class>>,
    kind: TypeKind,
    builtin: bool,
    id: usize,
) -> Rc<Class> {
    let mro = compute_mro(&bases).unwrap_or_default();
    Rc::new(Class {
        name: Rc::new(PyStr::new(name)),
        qualname: name.to_string(),
        module: "builtins".to_string(),
        bases,
        mro,
        dict: RefCell::new(Dict::new()),
        kind,
        builtin,
        id,
        descriptors: core::cell::Cell::new(false),
    })
}

/// C3 linearisation of the bases (the MRO without the class itself); `None` when the bases
/// admit no consistent order.
pub fn compute_mro(bases: &[Rc<Class>]) -> Option<Vec<Rc<Class>>> {
    let mut seqs: Vec<Vec<Rc<Class>>> = bases
        .iter()
        .map(|b| b.mro_iter().cloned().collect())
        .collect();
    seqs.push(bases.to_vec());
    let mut out: Vec<Rc<Class>> = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Some(out);
        }
        let mut chosen = None;
        for s in &seqs {
            let cand = &s[0];
            let in_tail = seqs
                .iter()
                .any(|t| t[1..].iter().any(|c| Rc::ptr_eq(c, cand)));
            if !in_tail {
                chosen = Some(cand.clone());
                break;
            }
        }
        let c = chosen?;
        for s in seqs.iter_mut() {
            if Rc::ptr_eq(&s[0], &c) {
                s.remove(0);
            }
        }
        out.push(c);
    }
}

impl Types {
    pub fn new() -> Types {
        let mut id = 0;
        let mut next = || {
            id += 1;
            id
        };
        let object = make_class("object", Vec::new(), TypeKind::Object, true, next());
        let o = || alloc::vec![object.clone()];
        let mk = |name: &str, kind: TypeKind, id: usize| {
            make_class(name, alloc::vec![object.clone()], kind, true, id)
        };
        let int = mk("int", TypeKind::Int, next());
        let bool_ = make_class(
            "bool",
            alloc::vec![int.clone()],
            TypeKind::Bool,
            true,
            next(),
        );
        let base_exception =
            make_class("BaseException", o(), TypeKind::BaseException, true, next());
        let mut exceptions: Vec<(ExcKind, Rc<Class>)> = Vec::new();
        let mut all: Vec<Rc<Class>> = alloc::vec![base_exception.clone()];
        let mut by_name = |name: &str,
                           parent: &Rc<Class>,
                           kind: Option<ExcKind>,
                           id: usize,
                           all: &mut Vec<Rc<Class>>| {
            let c = make_class(
                name,
                alloc::vec![parent.clone()],
                TypeKind::BaseException,
                true,
                id,
            );
            if let Some(k) = kind {
                exceptions.push((k, c.clone()));
            }
            all.push(c.clone());
            c
        };
        use ExcKind as K;
        let exception = by_name(
            "Exception",
            &base_exception,
            Some(K::Exception),
            next(),
            &mut all,
        );
        by_name(
            "SystemExit",
            &base_exception,
            Some(K::SystemExit),
            next(),
            &mut all,
        );
        by_name(
            "KeyboardInterrupt",
            &base_exception,
            Some(K::KeyboardInterrupt),
            next(),
            &mut all,
        );
        by_name(
            "GeneratorExit",
            &base_exception,
            Some(K::GeneratorExit),
            next(),
            &mut all,
        );
        let arith = by_name(
            "ArithmeticError",
            &exception,
            Some(K::ArithmeticError),
            next(),
            &mut all,
        );
        by_name(
            "ZeroDivisionError",
            &arith,
            Some(K::ZeroDivisionError),
            next(),
            &mut all,
        );
        by_name(
            "OverflowError",
            &arith,
            Some(K::OverflowError),
            next(),
            &mut all,
        );
        by_name("FloatingPointError", &arith, None, next(), &mut all);
        by_name(
            "AssertionError",
            &exception,
            Some(K::AssertionError),
            next(),
            &mut all,
        );
        by_name(
            "AttributeError",
            &exception,
            Some(K::AttributeError),
            next(),
            &mut all,
        );
        by_name("EOFError", &exception, Some(K::EOFError), next(), &mut all);
        let import = by_name(
            "ImportError",
            &exception,
            Some(K::ImportError),
            next(),
            &mut all,
        );
        by_name(
            "ModuleNotFoundError",
            &import,
            Some(K::ModuleNotFoundError),
            next(),
            &mut all,
        );
        let lookup = by_name(
            "LookupError",
            &exception,
            Some(K::LookupError),
            next(),
            &mut all,
        );
        by_name("IndexError", &lookup, Some(K::IndexError), next(), &mut all);
        by_name("KeyError", &lookup, Some(K::KeyError), next(), &mut all);
        by_name(
            "MemoryError",
            &exception,
            Some(K::MemoryError),
            next(),
            &mut all,
        );
        let name_error = by_name(
            "NameError",
            &exception,
            Some(K::NameError),
            next(),
            &mut all,
        );
        by_name(
            "UnboundLocalError",
            &name_error,
            Some(K::UnboundLocalError),
            next(),
            &mut all,
        );
        let os = by_name("OSError", &exception, Some(K::OSError), next(), &mut all);
        by_name("FileNotFoundError", &os, None, next(), &mut all);
        let runtime = by_name(
            "RuntimeError",
            &exception,
            Some(K::RuntimeError),
            next(),
            &mut all,
        );
        by_name(
            "NotImplementedError",
            &runtime,
            Some(K::NotImplementedError),
            next(),
            &mut all,
        );
        by_name(
            "RecursionError",
            &runtime,
            Some(K::RecursionError),
            next(),
            &mut all,
        );
        by_name(
            "StopIteration",
            &exception,
            Some(K::StopIteration),
            next(),
            &mut all,
        );
        by_name("StopAsyncIteration", &exception, None, next(), &mut all);
        let syntax = by_name(
            "SyntaxError",
            &exception,
            Some(K::SyntaxError),
            next(),
            &mut all,
        );
        by_name(
            "IndentationError",
            &syntax,
            Some(K::IndentationError),
            next(),
            &mut all,
        );
        by_name(
            "TypeError",
            &exception,
            Some(K::TypeError),
            next(),
            &mut all,
        );
        let value = by_name(
            "ValueError",
            &exception,
            Some(K::ValueError),
            next(),
            &mut all,
        );
        let unicode = by_name(
            "UnicodeError",
            &value,
            Some(K::UnicodeError),
            next(),
            &mut all,
        );
        by_name("UnicodeDecodeError", &unicode, None, next(), &mut all);
        by_name("UnicodeEncodeError", &unicode, None, next(), &mut all);
        let warning = by_name("Warning", &exception, None, next(), &mut all);
        by_name("UserWarning", &warning, None, next(), &mut all);
        by_name("DeprecationWarning", &warning, None, next(), &mut all);
        Types {
            type_: mk("type", TypeKind::Type, next()),
            none: mk("NoneType", TypeKind::NoneType, next()),
            bool_,
            int,
            float: mk("float", TypeKind::Float, next()),
            complex: mk("complex", TypeKind::Complex, next()),
            str_: mk("str", TypeKind::Str, next()),
            bytes: mk("bytes", TypeKind::Bytes, next()),
            list: mk("list", TypeKind::List, next()),
            tuple: mk("tuple", TypeKind::Tuple, next()),
            dict: mk("dict", TypeKind::Dict, next()),
            set: mk("set", TypeKind::Set, next()),
            frozenset: mk("frozenset", TypeKind::FrozenSet, next()),
            range: mk("range", TypeKind::Range, next()),
            slice: mk("slice", TypeKind::Slice, next()),
            function: mk("function", TypeKind::Function, next()),
            builtin_function: mk(
                "builtin_function_or_method",
                TypeKind::BuiltinFunction,
                next(),
            ),
            method: mk("method", TypeKind::Method, next()),
            generator: mk("generator", TypeKind::Generator, next()),
            module: mk("module", TypeKind::Module, next()),
            property: mk("property", TypeKind::Property, next()),
            staticmethod: mk("staticmethod", TypeKind::StaticMethod, next()),
            classmethod: mk("classmethod", TypeKind::ClassMethod, next()),
            iterator: mk("iterator", TypeKind::Iterator, next()),
            super_: mk("super", TypeKind::Super, next()),
            not_implemented: mk("NotImplementedType", TypeKind::NotImplementedType, next()),
            ellipsis: mk("ellipsis", TypeKind::Ellipsis, next()),
            dict_view: mk("dict_keys", TypeKind::DictView, next()),
            object,
            base_exception,
            exceptions,
            all_exceptions: all,
        }
    }

    pub fn exception(&self, kind: ExcKind) -> Rc<Class> {
        for (k, c) in &self.exceptions {
            if *k == kind {
                return c.clone();
            }
        }
        self.base_exception.clone()
    }

    /// `type(v)` for every value.
    pub fn type_of(&self, v: &Value) -> Rc<Class> {
        match v {
            Value::None => self.none.clone(),
            Value::Bool(_) => self.bool_.clone(),
            Value::Int(_) | Value::BigInt(_) => self.int.clone(),
            Value::Float(_) => self.float.clone(),
            Value::Str(_) => self.str_.clone(),
            Value::Bytes(_) => self.bytes.clone(),
            Value::List(_) => self.list.clone(),
            Value::Tuple(_) => self.tuple.clone(),
            Value::Dict(_) => self.dict.clone(),
            Value::Set(_) => self.set.clone(),
            Value::FrozenSet(_) => self.frozenset.clone(),
            Value::Range(_) => self.range.clone(),
            Value::Slice(_) => self.slice.clone(),
            Value::Function(_) => self.function.clone(),
            Value::Builtin(_) | Value::NativeMethod(_) => self.builtin_function.clone(),
            Value::Method(_) => self.method.clone(),
            Value::Class(_) => self.type_.clone(),
            Value::Instance(i) => i.class.clone(),
            Value::Iter(_) => self.iterator.clone(),
            Value::Generator(_) => self.generator.clone(),
            Value::Module(_) => self.module.clone(),
            Value::Property(_) => self.property.clone(),
            Value::StaticMethod(_) => self.staticmethod.clone(),
            Value::ClassMethod(_) => self.classmethod.clone(),
            Value::View(_) => self.dict_view.clone(),
            Value::Super(_) => self.super_.clone(),
            Value::NotImplemented => self.not_implemented.clone(),
            Value::Ellipsis => self.ellipsis.clone(),
            Value::Cell(_) | Value::Code(_) | Value::Null => self.object.clone(),
        }
    }
}

impl Default for Types {
    fn default() -> Self {
        Types::new()
    }
}
