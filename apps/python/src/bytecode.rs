//! Bytecode: the instruction set the compiler emits and the VM runs.
//!
//! A stack machine in the spirit of CPython's (the `dis` module documents the originals):
//! each `Op` is 8 bytes with its operand inline, locals are numbered slots, closures go
//! through cells, and names resolved at run time (globals, attributes) index the code
//! object's `names` table. Exception handling uses a block stack: `SetupExcept` records a
//! handler address and stack depth; `finally` bodies are compiled inline on every exit path.

use crate::ast::{BinOp, CmpOp, UnaryOp};
use crate::pystr::PyStr;
use crate::value::Value;
use alloc::rc::Rc;
use alloc::vec::Vec;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Op {
    Nop,
    Pop,
    Dup,
    /// Duplicates the top two values.
    Dup2,
    Rot2,
    Rot3,
    LoadConst(u32),
    LoadFast(u32),
    StoreFast(u32),
    DeleteFast(u32),
    LoadDeref(u32),
    StoreDeref(u32),
    DeleteDeref(u32),
    /// Pushes the cell itself (for building closures).
    LoadClosure(u32),
    LoadGlobal(u32),
    StoreGlobal(u32),
    DeleteGlobal(u32),
    /// Class-body and module-level name access through the namespace dict.
    LoadName(u32),
    StoreName(u32),
    DeleteName(u32),
    /// Class body reading a variable of an enclosing function: namespace first, then cell.
    LoadClassDeref(u32, u32),
    LoadAttr(u32),
    StoreAttr(u32),
    DeleteAttr(u32),
    /// Pushes (method, self) or (Null, callable).
    LoadMethod(u32),
    CallMethod(u32),
    Subscr,
    StoreSubscr,
    DeleteSubscr,
    Binary(BinOp),
    Inplace(BinOp),
    /// `local += TOS` with in-place growth of a uniquely owned str/list.
    InplaceAddFast(u32),
    Unary(UnaryOp),
    Compare(CmpOp),
    Jump(u32),
    PopJumpIfFalse(u32),
    PopJumpIfTrue(u32),
    JumpIfFalseOrPop(u32),
    JumpIfTrueOrPop(u32),
    GetIter,
    /// Next item of the iterator at TOS, or pop it and jump when exhausted.
    ForIter(u32),
    BuildList(u32),
    BuildTuple(u32),
    BuildSet(u32),
    BuildMap(u32),
    BuildSlice(u32),
    BuildString(u32),
    ListAppend(u32),
    SetAdd(u32),
    MapAdd(u32),
    ListExtend(u32),
    SetUpdate(u32),
    DictUpdate(u32),
    ListToTuple,
    UnpackSequence(u32),
    /// Star unpacking: (count before, count after).
    UnpackEx(u16, u16),
    /// Conversion: 0 none, 1 str, 2 repr, 3 ascii; bit 4 set when a spec is on the stack.
    FormatValue(u32),
    /// Flags: 1 defaults tuple, 2 kw-defaults dict, 4 closure tuple; code on TOS.
    MakeFunction(u32),
    CallFunction(u32),
    /// Keyword names tuple on TOS.
    CallFunctionKw(u32),
    /// 1 when a kwargs dict is on the stack above the args tuple.
    CallFunctionEx(u32),
    Return,
    Yield,
    YieldFrom,
    SetupExcept(u32),
    PopBlock,
    /// Start of an exception handler: records the exception being handled.
    PushExcInfo,
    PopExcept,
    /// Raise with 0 (re-raise), 1 (exc) or 2 (exc from cause) operands.
    Raise(u32),
    /// Re-raise the exception at TOS (end of a handler chain or finally).
    Reraise,
    /// [exc, type] -> [bool] (the handler duplicates the exception first).
    ExcMatch,
    /// [cm] -> [exit, enter_result].
    EnterWith,
    /// [exit, exc] -> [exit, exc, suppress?].
    WithExitExc,
    LoadBuildClass,
    ImportName(u32),
    ImportFrom(u32),
    ImportStar,
    /// Pushes the class that owns the running function (zero-argument super()).
    LoadOwnerClass,
    /// Runs pattern `n` of the code object against TOS: pushes captures then a bool.
    MatchPattern(u32),
    /// REPL: print the repr of TOS unless None.
    PrintExpr,
    LoadAssertionError,
    /// Pushes Null (marks an absent optional operand).
    PushNull,
}

/// A compiled `match` pattern: the runtime matcher walks it (see vm/matching.rs).
#[derive(Clone, Debug)]
pub enum MatchPat {
    /// Compare with the value at this index among the pattern's evaluated values.
    Value(usize),
    Singleton(u8),
    Capture(Option<usize>),
    Star(Option<usize>),
    Sequence(Vec<MatchPat>),
    Mapping {
        keys: Vec<usize>,
        values: Vec<MatchPat>,
        rest: Option<usize>,
    },
    Class {
        cls: usize,
        args: Vec<MatchPat>,
        kwargs: Vec<(Rc<PyStr>, MatchPat)>,
    },
    Or(Vec<MatchPat>),
    As(alloc::boxed::Box<MatchPat>, usize),
}

pub struct CompiledPattern {
    pub pat: MatchPat,
    /// How many evaluated values (literals, dotted names, classes) sit under the subject.
    pub nvalues: usize,
    /// How many capture slots the pattern fills.
    pub ncaptures: usize,
}

pub struct Code {
    pub name: Rc<PyStr>,
    pub qualname: Rc<PyStr>,
    pub filename: Rc<str>,
    pub first_line: u32,
    pub ops: Vec<Op>,
    /// Source line of each op.
    pub lines: Vec<u32>,
    pub consts: Vec<Value>,
    pub names: Vec<Rc<PyStr>>,
    pub local_names: Vec<Rc<PyStr>>,
    /// Positional parameters (including positional-only).
    pub argcount: usize,
    pub posonly: usize,
    pub kwonly: usize,
    pub varargs: bool,
    pub varkw: bool,
    pub cell_names: Vec<Rc<PyStr>>,
    pub free_names: Vec<Rc<PyStr>>,
    /// For parameters captured by inner functions: (cell index, local slot).
    pub arg_cells: Vec<(usize, usize)>,
    pub is_generator: bool,
    /// Class bodies and module code use a namespace dict instead of fast locals.
    pub uses_namespace: bool,
    pub patterns: Vec<CompiledPattern>,
}

impl Code {
    pub fn line_at(&self, pc: usize) -> u32 {
        self.lines.get(pc).copied().unwrap_or(self.first_line)
    }
}
