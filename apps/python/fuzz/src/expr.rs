//! Expressions (Python Language Reference §6): literals, names, operators, calls of
//! builtins and methods, subscripts and slices, lambdas, comprehensions, f-strings.

use crate::stmt::Gen;

/// Names every program may use; the prelude binds all of them.
pub const NAMES: &[&str] = &["a", "b", "c", "s", "l", "d", "t", "n", "f", "g", "C", "o"];

#[rustfmt::skip]
const INTS: &[&str] = &[
    "0", "1", "-1", "2", "3", "7", "10", "255", "256", "-129", "2**31", "2**63", "-2**63",
    "2**64", "10**20", "-10**30", "0x7fffffffffffffff", "1_000", "0b101", "0o17", "True",
];
#[rustfmt::skip]
const FLOATS: &[&str] = &[
    "0.0", "-0.0", "1.5", "1e308", "1e-308", "float('inf')", "float('-inf')", "float('nan')",
    "3.14", "2.5e-3", "1e16", "0.1",
];
#[rustfmt::skip]
const STRS: &[&str] = &[
    "''", "'a'", "'abc'", "'héllo'", "'\\n'", "'{}'", "'%s'", "'%d %x'", "'a,b,,c'",
    "'  pad  '", "'Ab1_'", "'\\x00'", "'€'", "'{0}{1}'", "'{:>5}'", "\"'\"",
];
#[rustfmt::skip]
const BYTES: &[&str] = &["b''", "b'ab'", "b'\\xff\\x00'", "bytes(3)", "b'%d'"];
#[rustfmt::skip]
const BINOPS: &[&str] = &[
    "+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "@",
];
#[rustfmt::skip]
const CMPOPS: &[&str] = &[
    "<", "<=", ">", ">=", "==", "!=", "in", "not in", "is", "is not",
];
#[rustfmt::skip]
const BUILTINS: &[&str] = &[
    "len", "str", "repr", "int", "float", "abs", "min", "max", "sum", "sorted", "reversed",
    "list", "tuple", "dict", "set", "frozenset", "range", "enumerate", "zip", "map", "filter",
    "any", "all", "chr", "ord", "hex", "bin", "oct", "round", "divmod", "pow", "hash",
    "isinstance", "type", "bool", "bytes", "format", "iter", "next", "getattr",
    "hasattr", "setattr", "callable", "slice", "ascii", "print", "id", "vars",
    "dir", "issubclass", "super", "object", "property", "staticmethod", "classmethod",
    "divmod", "eval", "exec", "globals", "locals", "delattr",
];
#[rustfmt::skip]
const METHODS: &[&str] = &[
    "append", "pop", "insert", "extend", "remove", "index", "count", "sort", "reverse",
    "copy", "clear", "keys", "values", "items", "get", "setdefault", "update", "popitem",
    "add", "discard", "union", "intersection", "difference", "issubset", "split", "rsplit",
    "join", "replace", "strip", "lstrip", "upper", "lower", "title", "find", "rfind",
    "startswith", "endswith", "encode", "decode", "format", "zfill", "center", "ljust",
    "rjust", "partition", "splitlines", "expandtabs", "isdigit", "isalpha", "bit_length",
    "to_bytes", "from_bytes", "hex", "fromhex", "as_integer_ratio", "is_integer", "conjugate",
    "translate", "maketrans", "casefold", "swapcase", "__len__", "__add__", "__getitem__",
    "__class__", "__dict__", "__name__", "__mro__", "send", "throw", "close", "fromkeys",
];
#[rustfmt::skip]
const MODULE_CALLS: &[&str] = &[
    "math.sqrt", "math.floor", "math.ceil", "math.gcd", "math.factorial", "math.log",
    "math.isqrt", "math.comb", "math.perm", "math.fsum", "math.prod", "math.pow",
    "math.exp", "math.trunc", "math.copysign", "math.fmod", "math.isclose", "math.atan2",
    "sys.getrecursionlimit", "sys.setrecursionlimit", "sys.exit", "itertools.count",
    "itertools.chain", "itertools.permutations", "itertools.product", "itertools.islice",
    "itertools.accumulate", "itertools.cycle", "itertools.repeat", "itertools.groupby",
    "functools.reduce", "functools.partial", "functools.lru_cache", "collections.Counter",
    "collections.deque", "collections.defaultdict", "collections.OrderedDict",
    "collections.namedtuple", "heapq.heappush", "heapq.heappop", "heapq.heapify",
    "heapq.nlargest", "bisect.bisect", "bisect.insort", "copy.copy", "copy.deepcopy",
    "operator.add", "operator.itemgetter", "operator.attrgetter", "string.capwords",
];
#[rustfmt::skip]
const SPECS: &[&str] = &[
    "", ":>8", ":<3", ":^9", ":08.3f", ":x", ":#b", ":,", ":e", ":g", ":%", ":+d", ":_",
    "!r", "!s", "!a", ":.2", ":*^12", ":=10", ":.0f", ":c", ":n",
];

impl Gen<'_, '_> {
    /// One expression; `depth` bounds the nesting.
    pub fn expr(&mut self, depth: u32) -> String {
        if depth == 0 {
            return self.atom();
        }
        let d = depth - 1;
        match self.c.below(24) {
            0..=3 => self.atom(),
            4 | 5 => {
                let op = self.c.pick(BINOPS);
                format!("({} {} {})", self.expr(d), op, self.expr(d))
            }
            6 => {
                let op = self.c.pick(&["-", "+", "~", "not "]);
                format!("({}{})", op, self.expr(d))
            }
            7 => {
                let mut s = self.expr(d);
                for _ in 0..=self.c.below(3) {
                    let op = self.c.pick(CMPOPS);
                    s = format!("{} {} {}", s, op, self.expr(d));
                }
                format!("({})", s)
            }
            8 => {
                let op = self.c.pick(&["and", "or"]);
                format!("({} {} {})", self.expr(d), op, self.expr(d))
            }
            9 => format!(
                "({} if {} else {})",
                self.expr(d),
                self.expr(d),
                self.expr(d)
            ),
            10 | 11 => {
                let name = self.c.pick(BUILTINS);
                format!("{}({})", name, self.args(d))
            }
            12 | 13 => {
                let m = self.c.pick(METHODS);
                format!("({}).{}({})", self.expr(d), m, self.args(d))
            }
            14 => format!("{}[{}]", self.expr(d), self.expr(d)),
            15 => {
                let parts = [self.opt_expr(d), self.opt_expr(d), self.opt_expr(d)];
                format!("{}[{}:{}:{}]", self.expr(d), parts[0], parts[1], parts[2])
            }
            16 => self.display(d),
            17 => self.outside_function(|g| g.comprehension(d)),
            18 => {
                let params = self.c.pick(&["", "x", "x, y=1", "*a", "x, **k", "x=[]"]);
                let body = self.outside_function(|g| g.expr(d));
                format!("(lambda {}: {})", params, body)
            }
            19 => self.fstring(d),
            20 => {
                let f = self.c.pick(MODULE_CALLS);
                let module = f.split('.').next().unwrap_or("math");
                if !self.modules.contains(&module) {
                    self.modules.push(module);
                }
                format!("{}({})", f, self.args(d))
            }
            21 if !self.no_walrus => {
                let n = self.c.pick(NAMES);
                format!("({} := {})", n, self.expr(d))
            }
            22 => format!("({} % {})", self.c.pick(STRS), self.expr(d)),
            _ => {
                if self.in_function && self.c.below(2) == 0 {
                    self.in_generator = true;
                    if self.c.below(3) == 0 {
                        format!("(yield from {})", self.expr(d))
                    } else {
                        format!("(yield {})", self.expr(d))
                    }
                } else {
                    let a = self
                        .c
                        .pick(&["__class__", "real", "imag", "x", "y", "__doc__"]);
                    format!("({}).{}", self.expr(d), a)
                }
            }
        }
    }

    /// Runs `f` with yield disallowed (comprehensions and lambdas have their own scope).
    pub fn outside_function<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        let saved = (self.in_function, self.no_walrus);
        self.in_function = false;
        self.no_walrus = true;
        let out = f(self);
        (self.in_function, self.no_walrus) = saved;
        out
    }

    fn opt_expr(&mut self, depth: u32) -> String {
        if self.c.below(2) == 0 {
            String::new()
        } else {
            self.expr(depth)
        }
    }

    /// A literal or a name.
    pub fn atom(&mut self) -> String {
        match self.c.below(10) {
            0 | 1 => self.c.pick(INTS).to_string(),
            2 => self.c.pick(FLOATS).to_string(),
            3 | 4 => self.c.pick(STRS).to_string(),
            5 => self.c.pick(BYTES).to_string(),
            6 => self
                .c
                .pick(&["None", "True", "False", "...", "[]", "{}", "()", "0.5"])
                .into(),
            _ => self.c.pick(NAMES).to_string(),
        }
    }

    /// Call arguments in a legal order: positional and starred, then distinct keywords,
    /// then at most one `**` mapping.
    fn args(&mut self, depth: u32) -> String {
        let mut parts = Vec::new();
        for _ in 0..self.c.below(4) {
            if self.c.below(6) == 0 {
                parts.push(format!("*{}", self.expr(depth)));
            } else {
                parts.push(self.expr(depth));
            }
        }
        let mut used = Vec::new();
        for _ in 0..self.c.below(3) {
            let k = self
                .c
                .pick(&["key", "reverse", "default", "sep", "end", "x", "base"]);
            if !used.contains(&k) {
                used.push(k);
                parts.push(format!("{}={}", k, self.expr(depth)));
            }
        }
        if self.c.below(8) == 0 {
            parts.push(format!("**{{'start': {}}}", self.expr(depth)));
        }
        parts.join(", ")
    }

    fn display(&mut self, depth: u32) -> String {
        let n = self.c.below(4);
        let mut items = Vec::new();
        let kind = self.c.below(4);
        for _ in 0..n {
            items.push(match kind {
                3 => format!("{}: {}", self.expr(depth), self.expr(depth)),
                _ if self.c.below(6) == 0 => format!("*{}", self.expr(depth)),
                _ => self.expr(depth),
            });
        }
        let body = items.join(", ");
        match kind {
            0 => format!("[{}]", body),
            1 if n == 1 => format!("({},)", body),
            1 => format!("({})", body),
            2 if n == 0 => "set()".into(),
            2 => format!("{{{}}}", body),
            _ => format!("{{{}}}", body),
        }
    }

    fn comprehension(&mut self, depth: u32) -> String {
        let var = self.c.pick(&["i", "j", "(i, j)", "*i,"]);
        let src = if self.c.below(2) == 0 {
            format!("range({})", self.c.below(6))
        } else {
            self.expr(depth)
        };
        let mut tail = format!("for {} in {}", var.trim_end_matches(','), src);
        if var == "*i," {
            tail = format!("for i in {}", src);
        }
        if self.c.below(3) == 0 {
            tail = format!("{} if {}", tail, self.expr(depth));
        }
        if self.c.below(4) == 0 {
            tail = format!("{} for k in range({})", tail, self.c.below(4));
        }
        let elt = self.c.pick(&["i", "j", "k", "i * 2", "str(i)"]);
        match self.c.below(4) {
            0 => format!("[{} {}]", elt, tail),
            1 => format!("{{{} {}}}", elt, tail),
            2 => format!("{{{}: {} {}}}", elt, self.expr(depth), tail),
            _ => format!("({} {})", elt, tail),
        }
    }

    /// An f-string whose replacement fields hold simple expressions (no quotes inside, so
    /// the result parses on every Python version).
    fn fstring(&mut self, _depth: u32) -> String {
        let mut s = String::from("f'");
        for _ in 0..=self.c.below(3) {
            s.push_str(self.c.pick(&["", "x", "{{", "}}", " = "]));
            let e = match self.c.below(3) {
                0 => self.c.pick(INTS).to_string(),
                1 => self.c.pick(FLOATS).replace('\'', ""),
                _ => {
                    let (n, op, i) = (self.c.pick(NAMES), self.c.pick(BINOPS), self.c.pick(INTS));
                    format!("{} {} {}", n, op, i)
                }
            };
            let e = if e.contains('(') {
                "1.5".to_string()
            } else {
                e
            };
            let spec = self.c.pick(SPECS);
            s.push_str(&format!("{{{}{}}}", e, spec));
        }
        s.push('\'');
        s
    }
}
