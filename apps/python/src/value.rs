//! The value representation.
//!
//! Every Python object is a `Value`: a 16-byte enum whose immediate variants (`None`, `bool`,
//! small `int`, `float`) need no allocation, so arithmetic on small integers never touches the
//! heap; everything else is a reference-counted pointer. Mutable containers sit behind a
//! `RefCell`; the VM never holds a borrow across a call back into Python code, and mutation
//! during iteration is detected rather than allowed to panic. Reference cycles are not
//! collected (a known limit: memory is reclaimed when the interpreter is dropped).

use crate::bigint::BigInt;
use crate::bytecode::Code;
use crate::dict::Dict;
use crate::pystr::PyStr;
use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::{Cell, RefCell};

pub type PyResult<T = Value> = Result<T, Exc>;

/// A native function: positional arguments and keyword arguments.
pub type NativeFn = fn(&mut crate::vm::Vm, &[Value], &[(Rc<PyStr>, Value)]) -> PyResult;

#[derive(Clone)]
pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    BigInt(Rc<BigInt>),
    Float(f64),
    Str(Rc<PyStr>),
    Bytes(Rc<Vec<u8>>),
    List(Rc<RefCell<Vec<Value>>>),
    Tuple(Rc<Vec<Value>>),
    Dict(Rc<RefCell<Dict>>),
    Set(Rc<RefCell<Dict>>),
    FrozenSet(Rc<Dict>),
    Range(Rc<Range>),
    Slice(Rc<Slice>),
    Function(Rc<Function>),
    Builtin(Rc<Builtin>),
    /// A function bound to its first argument (instance methods, classmethods).
    Method(Rc<Method>),
    /// A method of a built-in type bound to its receiver, called by name.
    NativeMethod(Rc<(Value, Rc<PyStr>)>),
    Class(Rc<Class>),
    Instance(Rc<Instance>),
    Iter(Rc<RefCell<crate::iter::IterObj>>),
    Generator(Rc<RefCell<crate::generator::GenObj>>),
    Module(Rc<Module>),
    Property(Rc<Property>),
    StaticMethod(Rc<Value>),
    ClassMethod(Rc<Value>),
    /// `dict.keys()`, `.values()`, `.items()`.
    View(Rc<(Rc<RefCell<Dict>>, ViewKind)>),
    /// `super()` bound to a class and an object.
    Super(Rc<(Rc<Class>, Value)>),
    Cell(Rc<RefCell<Value>>),
    Code(Rc<Code>),
    NotImplemented,
    Ellipsis,
    /// Marks "no value" on the VM stack (never visible to Python code).
    Null,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewKind {
    Keys,
    Values,
    Items,
}

pub struct Range {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl Range {
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn len(&self) -> i64 {
        let (start, stop, step) = (self.start as i128, self.stop as i128, self.step as i128);
        let n = if step > 0 && start < stop {
            (stop - start + step - 1) / step
        } else if step < 0 && start > stop {
            (start - stop - step - 1) / (-step)
        } else {
            0
        };
        n as i64
    }
}

pub struct Slice {
    pub start: Value,
    pub stop: Value,
    pub step: Value,
}

pub struct Function {
    pub code: Rc<Code>,
    pub globals: Rc<RefCell<Dict>>,
    pub defaults: Vec<Value>,
    pub kwdefaults: Vec<(Rc<PyStr>, Value)>,
    pub closure: Vec<Rc<RefCell<Value>>>,
    pub name: RefCell<Rc<PyStr>>,
    /// The class whose body defined this function (for zero-argument `super()`).
    pub owner: RefCell<Option<Rc<Class>>>,
    pub attrs: RefCell<Dict>,
}

pub struct Builtin {
    pub name: &'static str,
    pub func: NativeFn,
    /// Bound receiver, e.g. the module or the object for bound natives.
    pub receiver: Option<Value>,
}

pub struct Method {
    pub func: Value,
    pub receiver: Value,
}

/// Which built-in type a class stands for; user classes are `Object` subclasses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeKind {
    Object,
    Type,
    NoneType,
    Bool,
    Int,
    Float,
    Complex,
    Str,
    Bytes,
    List,
    Tuple,
    Dict,
    Set,
    FrozenSet,
    Range,
    Slice,
    Function,
    BuiltinFunction,
    Method,
    Generator,
    Module,
    Property,
    StaticMethod,
    ClassMethod,
    Iterator,
    Super,
    NotImplementedType,
    Ellipsis,
    DictView,
    BaseException,
}

pub struct Class {
    pub name: Rc<PyStr>,
    pub qualname: String,
    pub module: String,
    pub bases: Vec<Rc<Class>>,
    /// Method resolution order without the class itself.
    pub mro: Vec<Rc<Class>>,
    pub dict: RefCell<Dict>,
    /// The nearest built-in type this class derives from.
    pub kind: TypeKind,
    /// Built-in types refuse new attributes.
    pub builtin: bool,
    pub id: usize,
    /// True when attribute access must consult the class first: a property (or other
    /// descriptor) or a custom `__setattr__` lives somewhere along the MRO.
    pub descriptors: Cell<bool>,
}

impl Class {
    /// The class followed by its MRO.
    pub fn mro_iter(self: &Rc<Self>) -> impl Iterator<Item = &Rc<Class>> {
        core::iter::once(self).chain(self.mro.iter())
    }

    pub fn is_subclass(self: &Rc<Self>, other: &Rc<Class>) -> bool {
        Rc::ptr_eq(self, other) || self.mro.iter().any(|c| Rc::ptr_eq(c, other))
    }

    /// Finds an attribute along the MRO.
    pub fn lookup(self: &Rc<Self>, name: &PyStr) -> Option<Value> {
        for c in self.mro_iter() {
            if let Some(v) = c.dict.borrow().get_str(name) {
                return Some(v);
            }
        }
        None
    }
}

pub struct TraceEntry {
    pub filename: Rc<str>,
    pub line: u32,
    pub name: Rc<PyStr>,
    pub frame_id: usize,
}

pub struct Instance {
    pub class: Rc<Class>,
    pub dict: RefCell<Dict>,
    /// Traceback entries, innermost last (only exceptions use this).
    pub traceback: RefCell<Vec<TraceEntry>>,
    /// The payload when a user class derives from a built-in container (e.g. `list`).
    pub base_value: RefCell<Option<Value>>,
}

pub struct Module {
    pub name: Rc<PyStr>,
    pub dict: Rc<RefCell<Dict>>,
}

pub struct Property {
    pub fget: Value,
    pub fset: Value,
    pub fdel: Value,
    pub doc: Value,
}

/// Built-in exception kinds raised by native code before a Python object exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExcKind {
    TypeError,
    ValueError,
    IndexError,
    KeyError,
    AttributeError,
    NameError,
    UnboundLocalError,
    ZeroDivisionError,
    OverflowError,
    RuntimeError,
    RecursionError,
    StopIteration,
    NotImplementedError,
    AssertionError,
    ImportError,
    ModuleNotFoundError,
    MemoryError,
    KeyboardInterrupt,
    SyntaxError,
    IndentationError,
    UnicodeError,
    LookupError,
    ArithmeticError,
    EOFError,
    OSError,
    SystemExit,
    GeneratorExit,
    Exception,
}

pub enum ExcRepr {
    Native(ExcKind, String),
    /// A raised exception instance.
    Object(Value),
}

/// A raised exception travelling up the Rust stack (boxed so results stay small).
pub struct Exc(pub Box<ExcRepr>);

impl Exc {
    pub fn new(kind: ExcKind, msg: impl Into<String>) -> Exc {
        Exc(Box::new(ExcRepr::Native(kind, msg.into())))
    }

    pub fn object(v: Value) -> Exc {
        Exc(Box::new(ExcRepr::Object(v)))
    }

    pub fn type_error(msg: impl Into<String>) -> Exc {
        Exc::new(ExcKind::TypeError, msg)
    }

    pub fn value_error(msg: impl Into<String>) -> Exc {
        Exc::new(ExcKind::ValueError, msg)
    }

    pub fn index_error(msg: impl Into<String>) -> Exc {
        Exc::new(ExcKind::IndexError, msg)
    }

    pub fn zero_div(msg: impl Into<String>) -> Exc {
        Exc::new(ExcKind::ZeroDivisionError, msg)
    }

    pub fn kind(&self) -> Option<ExcKind> {
        match &*self.0 {
            ExcRepr::Native(k, _) => Some(*k),
            ExcRepr::Object(_) => None,
        }
    }
}

/// Built-in types a user class may derive from, keeping the built-in value inside.
pub fn is_value_kind(k: TypeKind) -> bool {
    matches!(
        k,
        TypeKind::List
            | TypeKind::Dict
            | TypeKind::Set
            | TypeKind::FrozenSet
            | TypeKind::Tuple
            | TypeKind::Str
            | TypeKind::Int
            | TypeKind::Float
            | TypeKind::Bytes
    )
}

/// The built-in value inside an instance of a user subclass of list, dict, str, ...
pub fn base_of(v: &Value) -> Option<Value> {
    match v {
        Value::Instance(i) => i.base_value.borrow().clone(),
        _ => None,
    }
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Str(Rc::new(PyStr::new(s)))
    }

    pub fn string(s: String) -> Value {
        Value::Str(Rc::new(PyStr::from_string(s)))
    }

    pub fn list(v: Vec<Value>) -> Value {
        Value::List(Rc::new(RefCell::new(v)))
    }

    pub fn tuple(v: Vec<Value>) -> Value {
        Value::Tuple(Rc::new(v))
    }

    pub fn dict(d: Dict) -> Value {
        Value::Dict(Rc::new(RefCell::new(d)))
    }

    pub fn from_big(b: BigInt) -> Value {
        match b.to_i64() {
            Some(i) => Value::Int(i),
            None => Value::BigInt(Rc::new(b)),
        }
    }

    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// Identity (`is`): same immediate value or same allocation.
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::NotImplemented, Value::NotImplemented) | (Value::Ellipsis, Value::Ellipsis) => {
                true
            }
            _ => match (self.ptr(), other.ptr()) {
                (Some(a), Some(b)) => a == b,
                _ => false,
            },
        }
    }

    /// The address of the heap object, used for `id()` and identity.
    pub fn ptr(&self) -> Option<usize> {
        Some(match self {
            Value::BigInt(r) => Rc::as_ptr(r) as usize,
            Value::Str(r) => Rc::as_ptr(r) as usize,
            Value::Bytes(r) => Rc::as_ptr(r) as usize,
            Value::List(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Tuple(r) => Rc::as_ptr(r) as usize,
            Value::Dict(r) | Value::Set(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::FrozenSet(r) => Rc::as_ptr(r) as usize,
            Value::Range(r) => Rc::as_ptr(r) as usize,
            Value::Slice(r) => Rc::as_ptr(r) as usize,
            Value::Function(r) => Rc::as_ptr(r) as usize,
            Value::Builtin(r) => Rc::as_ptr(r) as usize,
            Value::Method(r) => Rc::as_ptr(r) as usize,
            Value::NativeMethod(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Class(r) => Rc::as_ptr(r) as usize,
            Value::Instance(r) => Rc::as_ptr(r) as usize,
            Value::Iter(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Generator(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Module(r) => Rc::as_ptr(r) as usize,
            Value::Property(r) => Rc::as_ptr(r) as usize,
            Value::StaticMethod(r) | Value::ClassMethod(r) => Rc::as_ptr(r) as usize,
            Value::View(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Super(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Cell(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Code(r) => Rc::as_ptr(r) as usize,
            _ => return None,
        })
    }

    /// The name `type(x).__name__` reports for built-in values.
    pub fn type_name(&self) -> &str {
        match self {
            Value::None => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) | Value::BigInt(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::Bytes(_) => "bytes",
            Value::List(_) => "list",
            Value::Tuple(_) => "tuple",
            Value::Dict(_) => "dict",
            Value::Set(_) => "set",
            Value::FrozenSet(_) => "frozenset",
            Value::Range(_) => "range",
            Value::Slice(_) => "slice",
            Value::Function(_) => "function",
            Value::Builtin(_) | Value::NativeMethod(_) => "builtin_function_or_method",
            Value::Method(_) => "method",
            Value::Class(_) => "type",
            Value::Instance(i) => i.class.name.as_str(),
            Value::Iter(it) => it.borrow().type_name(),
            Value::Generator(_) => "generator",
            Value::Module(_) => "module",
            Value::Property(_) => "property",
            Value::StaticMethod(_) => "staticmethod",
            Value::ClassMethod(_) => "classmethod",
            Value::View(v) => match v.1 {
                ViewKind::Keys => "dict_keys",
                ViewKind::Values => "dict_values",
                ViewKind::Items => "dict_items",
            },
            Value::Super(_) => "super",
            Value::Cell(_) => "cell",
            Value::Code(_) => "code",
            Value::NotImplemented => "NotImplementedType",
            Value::Ellipsis => "ellipsis",
            Value::Null => "NULL",
        }
    }
}

/// A counter for `id()` of classes (stable, unique).
pub struct IdCounter(pub Cell<usize>);
