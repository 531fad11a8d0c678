//! Statements (Python Language Reference §7 simple statements, §8 compound statements):
//! assignments, `if`/`for`/`while`/`try`/`with`/`match`, `def` (plain and generator), and
//! `class` with dunder methods.

use crate::expr::NAMES;
use crate::{indent, Choices};

/// Binds every name of `NAMES`, so most generated code starts from live values.
pub const PRELUDE: &str = "\
import math, sys
a = 1
b = 2.5
c = 'xyz'
s = {1, 2}
l = [1, 2, 3]
d = {'k': 1, 2: 'v'}
t = (1, 'a', None)
n = None
def f(x=1, *args, **kw):
    return x
def g():
    yield 1
    yield 2
class C:
    x = 1
    def __init__(self, y=0):
        self.y = y
o = C()
";

#[rustfmt::skip]
const DUNDERS: &[(&str, &str)] = &[
    ("__init__", "self, *args"),
    ("__repr__", "self"),
    ("__str__", "self"),
    ("__eq__", "self, other"),
    ("__lt__", "self, other"),
    ("__hash__", "self"),
    ("__len__", "self"),
    ("__bool__", "self"),
    ("__iter__", "self"),
    ("__next__", "self"),
    ("__getitem__", "self, key"),
    ("__setitem__", "self, key, value"),
    ("__contains__", "self, item"),
    ("__add__", "self, other"),
    ("__radd__", "self, other"),
    ("__mul__", "self, other"),
    ("__call__", "self, *args, **kw"),
    ("__enter__", "self"),
    ("__exit__", "self, *exc"),
    ("__getattr__", "self, name"),
    ("__setattr__", "self, name, value"),
    ("__index__", "self"),
    ("__int__", "self"),
    ("__float__", "self"),
    ("__format__", "self, spec"),
    ("__del__", "self"),
    ("__init_subclass__", "cls, **kw"),
    ("__class_getitem__", "cls, item"),
    ("method", "self, x=0"),
];
/// Snippets aimed at the interpreter's re-entrancy and self-reference corners: containers
/// changed while iterated or sorted, dunders that recurse or return the wrong type,
/// generators that resume themselves. `X` is replaced by a generated expression.
#[rustfmt::skip]
const HAZARDS: &[&str] = &[
    "for _i in l:\n    l.append(X)\n",
    "for _k in d:\n    d[str(_k) + 'x'] = X\n",
    "for _k in s:\n    s.add(X)\n",
    "l.sort(key=lambda v: l.append(X) or 0)\n",
    "l.sort(key=lambda v: l.clear() or X)\n",
    "l.append(l)\nd['self'] = d\nprint(l, d, l == l, X)\n",
    "class R:\n    def __repr__(self):\n        return repr(self)\nprint(R(), X)\n",
    "class E:\n    def __eq__(self, o):\n        return l.pop() if l else X\n    __hash__ = None\nprint(E() in [1, E(), 2], l.count(E()))\n",
    "class H:\n    def __hash__(self):\n        return X\nprint({H(): 1})\n",
    "class L:\n    def __len__(self):\n        return X\nprint(len(L()), bool(L()))\n",
    "class I:\n    def __index__(self):\n        return X\nprint([1, 2][I()], range(I()), hex(I()))\n",
    "class It:\n    def __iter__(self):\n        return X\nprint(list(It()))\n",
    "def _gen():\n    yield next(_it)\n    yield X\n_it = _gen()\nprint(list(_it))\n",
    "def _gen():\n    try:\n        yield X\n    finally:\n        yield 2\n_it = _gen()\nnext(_it)\n_it.close()\n",
    "_it = g()\nnext(_it)\nprint(_it.throw(ValueError(X)))\n",
    "class W:\n    def __enter__(self):\n        return X\n    def __exit__(self, *a):\n        return X\nwith W() as w:\n    raise ValueError(w)\n",
    "class D(dict):\n    def __missing__(self, k):\n        return self[k + 1] if k < 100 else X\nprint(D()[0])\n",
    "x = X\ntry:\n    raise x\nexcept BaseException as e:\n    e.__context__ = e\n    print(repr(e))\n",
    "try:\n    try:\n        raise ValueError(X)\n    finally:\n        return_value = [][0]\nexcept IndexError as e:\n    print(e.__context__)\n",
    "print(sorted([X, X, X], key=lambda v: (type(v).__name__, str(v))))\n",
    "print(eval(repr(X)), exec('y = ' + repr(X)))\n",
    "print(str(X).format(X, k=X), '%r %s' % (X, X), format(X, str(X)))\n",
    "print(int(str(X)), float(str(X)), int(X, 0), bytes(str(X), 'utf-8'))\n",
    "print(*map(X, l), *zip(X, l), *filter(X, l), *enumerate(X, 1))\n",
    "print(l[X], l[X:X], t[X], c[X:X:X], X[1:2], s & X, d | X)\n",
    "l[X:X] = X\ndel l[X::X]\nprint(l)\n",
    "print(round(X, X), divmod(X, X), pow(X, X, X), abs(X), -X, ~X)\n",
    "print(X.to_bytes(X, 'little'), int.from_bytes(X, 'big'), X.bit_length())\n",
];

#[rustfmt::skip]
const BASES: &[&str] = &[
    "", "C", "Exception", "int", "str", "list", "dict", "tuple", "object", "ValueError",
    "C, Exception",
];
#[rustfmt::skip]
const PARAMS: &[&str] = &[
    "", "x", "x, y", "x=1, y=[]", "*args", "**kw", "x, *args, y=2, **kw", "x, /, y", "*, k",
];
#[rustfmt::skip]
const EXCEPTIONS: &[&str] = &[
    "Exception", "ValueError", "TypeError", "KeyError", "IndexError", "ZeroDivisionError",
    "StopIteration", "AttributeError", "RuntimeError", "ArithmeticError", "LookupError",
    "OverflowError", "NameError", "RecursionError", "(TypeError, ValueError)", "C",
];
#[rustfmt::skip]
const MODULES: &[&str] = &[
    "itertools", "functools", "collections", "heapq", "bisect", "copy", "operator", "string",
    "dataclasses", "enum", "typing", "abc", "time",
];

/// Generator state: the choices, plus what the enclosing code allows (`return` and `yield`
/// only in functions, `break` only in loops).
pub struct Gen<'c, 'a> {
    pub c: &'c mut Choices<'a>,
    pub in_function: bool,
    pub in_generator: bool,
    /// Inside a comprehension or lambda: no `:=` (CPython rejects it in comprehension
    /// iterables and class-body comprehensions).
    pub no_walrus: bool,
    in_loop: bool,
    nesting: u32,
    /// Modules named by generated calls (`itertools.chain(...)`): the program imports them.
    pub modules: Vec<&'static str>,
}

impl<'c, 'a> Gen<'c, 'a> {
    pub fn new(c: &'c mut Choices<'a>) -> Gen<'c, 'a> {
        Gen {
            c,
            in_function: false,
            in_generator: false,
            no_walrus: false,
            in_loop: false,
            nesting: 0,
            modules: Vec::new(),
        }
    }

    /// One to three statements at this nesting level, each ending in a newline.
    pub fn block(&mut self, depth: u32) -> String {
        let mut out = String::new();
        for _ in 0..=self.c.below(3) {
            out.push_str(&self.stmt(depth));
        }
        out
    }

    /// An indented block (the body of a compound statement).
    fn body(&mut self, depth: u32) -> String {
        self.nesting += 1;
        let b = if self.nesting > 6 {
            "pass\n".to_string()
        } else {
            self.block(depth)
        };
        self.nesting -= 1;
        indent(&b)
    }

    fn stmt(&mut self, depth: u32) -> String {
        let e = 3;
        let d = depth.saturating_sub(1);
        match self.c.below(31) {
            0..=2 => format!("print({})\n", self.expr(e)),
            3..=5 => format!("{} = {}\n", self.c.pick(NAMES), self.expr(e)),
            6 => {
                let op = self
                    .c
                    .pick(&["+=", "-=", "*=", "//=", "%=", "**=", "|=", "&=", "<<="]);
                format!("{} {} {}\n", self.c.pick(NAMES), op, self.expr(e))
            }
            7 => {
                let target = self
                    .c
                    .pick(&["a, b", "a, *b", "*a, b", "(a, b), c", "a, = "]);
                let target = target.trim_end_matches(" = ");
                format!("{} = {}\n", target, self.expr(e))
            }
            8 => {
                let target = self.c.pick(&["l", "d", "o", "s", "t", "c"]);
                match self.c.below(3) {
                    0 => format!("{}[{}] = {}\n", target, self.expr(2), self.expr(e)),
                    1 => format!(
                        "{}[{}:{}] = {}\n",
                        target,
                        self.expr(1),
                        self.expr(1),
                        self.expr(e)
                    ),
                    _ => format!("del {}[{}]\n", target, self.expr(2)),
                }
            }
            9 => format!(
                "{}.{} = {}\n",
                self.c.pick(NAMES),
                self.c.pick(&["x", "y", "__class__"]),
                self.expr(e)
            ),
            10 if depth > 0 => {
                let mut s = format!("if {}:\n{}", self.expr(e), self.body(d));
                if self.c.below(2) == 0 {
                    s.push_str(&format!("elif {}:\n{}", self.expr(e), self.body(d)));
                }
                if self.c.below(2) == 0 {
                    s.push_str(&format!("else:\n{}", self.body(d)));
                }
                s
            }
            11 | 12 if depth > 0 => self.for_loop(d),
            13 if depth > 0 => {
                let saved = self.in_loop;
                self.in_loop = true;
                let k = self.c.below(5);
                let body = self.body(d);
                self.in_loop = saved;
                format!("_w{k} = 0\nwhile _w{k} < {k}:\n    _w{k} += 1\n{body}")
            }
            14 | 15 if depth > 0 => self.try_stmt(d),
            16 => {
                let exc = self.c.pick(&EXCEPTIONS[..14]);
                if self.c.below(3) == 0 {
                    format!("raise {}({}) from {}\n", exc, self.expr(1), self.expr(1))
                } else {
                    format!("raise {}({})\n", exc, self.expr(2))
                }
            }
            17 => format!("assert {}, {}\n", self.expr(e), self.expr(1)),
            18 | 19 if depth > 0 => self.def_stmt(d),
            20 if depth > 0 => self.class_stmt(d),
            21 if depth > 0 => {
                let item = self.c.pick(&["o", "C()", "open", "f"]);
                format!(
                    "with {}() as w:\n{}",
                    item.trim_end_matches("()"),
                    self.body(d)
                )
            }
            22 if depth > 0 => self.match_stmt(d),
            23 => format!("import {}\n", self.c.pick(MODULES)),
            24 if self.in_loop => self.c.pick(&["break\n", "continue\n"]).into(),
            25 if self.in_function => format!("return {}\n", self.expr(e)),
            26 if self.in_function => {
                self.in_generator = true;
                format!("yield {}\n", self.expr(e))
            }
            27 => format!("del {}\n", self.c.pick(NAMES)),
            28 => {
                let f = self.c.pick(&["f", "g", "C", "o"]);
                let wrap = self.c.pick(&["", "list", "next", "iter", "repr", "sum"]);
                format!("print({}({}({})))\n", wrap, f, self.expr(2))
            }
            29 => {
                let x = format!("({})", self.expr(2));
                self.c.pick(HAZARDS).replace('X', &x)
            }
            _ => "pass\n".into(),
        }
    }

    fn for_loop(&mut self, d: u32) -> String {
        let var = self.c.pick(&["i", "i, j", "a", "*a, b"]);
        let src = match self.c.below(3) {
            0 => format!("range({})", self.c.below(6)),
            1 => self
                .c
                .pick(&["l", "d", "s", "t", "c", "g()", "enumerate(l)", "d.items()"])
                .into(),
            _ => self.expr(2),
        };
        let saved = self.in_loop;
        self.in_loop = true;
        let body = self.body(d);
        self.in_loop = saved;
        let mut s = format!("for {} in {}:\n{}", var, src, body);
        if self.c.below(3) == 0 {
            s.push_str(&format!("else:\n{}", self.body(d)));
        }
        s
    }

    fn try_stmt(&mut self, d: u32) -> String {
        let mut s = format!("try:\n{}", self.body(d));
        let handlers = self.c.below(3);
        for _ in 0..handlers {
            let exc = self.c.pick(EXCEPTIONS);
            let star = "";
            s.push_str(&format!("except{} {} as ex:\n{}", star, exc, self.body(d)));
        }
        if handlers > 0 && self.c.below(2) == 0 {
            s.push_str(&format!("else:\n{}", self.body(d)));
        }
        if handlers == 0 || self.c.below(2) == 0 {
            s.push_str(&format!("finally:\n{}", self.body(d)));
        }
        s
    }

    fn def_stmt(&mut self, d: u32) -> String {
        let name = self.c.pick(&["f", "g", "h"]);
        let params = self.c.pick(PARAMS);
        let deco = self
            .c
            .pick(&["", "", "", "@functools.lru_cache\n", "@staticmethod\n"]);
        let saved = (self.in_function, self.in_generator, self.in_loop);
        self.in_function = true;
        self.in_generator = false;
        self.in_loop = false;
        let mut body = self.body(d);
        if self.c.below(3) == 0 {
            body = indent("global a\n") + &body;
        }
        (self.in_function, self.in_generator, self.in_loop) = saved;
        let call = format!("print({}({}))\n", name, self.expr(2));
        let deco = if deco.contains("functools") { "" } else { deco };
        format!("{}def {}({}):\n{}{}", deco, name, params, body, call)
    }

    fn class_stmt(&mut self, d: u32) -> String {
        let base = self.c.pick(BASES);
        let saved = (self.in_function, self.in_generator, self.in_loop);
        let x = self.outside_function(|g| g.expr(1));
        let mut s = format!("class C({}):\n    x = {}\n", base, x);
        for _ in 0..=self.c.below(4) {
            let (name, params) = self.c.pick(DUNDERS);
            self.in_function = true;
            self.in_generator = false;
            self.in_loop = false;
            let body = self.body(d);
            let body = if self.c.below(2) == 0 {
                format!("{}    return {}\n", body, self.expr(2))
            } else {
                body
            };
            let deco = if name.starts_with("__init_sub") || name.starts_with("__class_g") {
                "    @classmethod\n"
            } else {
                ""
            };
            s.push_str(&format!(
                "{}    def {}({}):\n{}",
                deco,
                name,
                params,
                indent(&body)
            ));
        }
        (self.in_function, self.in_generator, self.in_loop) = saved;
        s.push_str(&format!("o = C({})\n", self.expr(1)));
        s
    }

    fn match_stmt(&mut self, d: u32) -> String {
        let mut s = format!("match {}:\n", self.expr(2));
        for _ in 0..=self.c.below(3) {
            let pat = self.c.pick(&[
                "1",
                "'a'",
                "None",
                "[x, y]",
                "[x, *rest]",
                "(1 | 2) as z",
                "{'k': v}",
                "{'k': v, **kw}",
                "C(x=1)",
                "C()",
                "int(q)",
                "str() | bytes()",
                "[1, [2, _]]",
                "[x] if x",
                "-1",
                "1.5 | 2.5",
                "(a, b, *_)",
            ]);
            let (pat, guard) = match pat.split_once(" if ") {
                Some((p, g)) => (p, format!(" if {}", g)),
                None => (pat, String::new()),
            };
            s.push_str(&format!(
                "    case {}{}:\n{}",
                pat,
                guard,
                indent(&self.body(d))
            ));
        }
        if self.c.below(2) == 0 {
            let last = self.c.pick(&["_", "other"]);
            s.push_str(&format!("    case {}:\n{}", last, indent(&self.body(d))));
        }
        s
    }
}
