//! Unit tests for lexer, parser and VM corners that the corpus cannot reach: the host API
//! (limits, interrupt, REPL), exact error texts, and bad input that must not panic.

use python::lexer::{tokenize, Tok};
use python::{BufferOutput, Interpreter, Output, Repl, ReplStatus};
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::Ordering;

/// An output sink the test can read after the run.
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<String>>);

impl Output for Shared {
    fn write_out(&mut self, s: &str) {
        self.0.borrow_mut().push_str(s);
    }
    fn write_err(&mut self, s: &str) {
        self.0.borrow_mut().push_str(s);
    }
}

fn run(src: &str) -> (String, Result<(), python::RunError>) {
    let src = src.to_string();
    big_stack(move || {
        let out = Shared::default();
        let mut i = Interpreter::new(Box::new(out.clone()));
        let r = i.run(&src, "test.py");
        let text = out.0.borrow().clone();
        (text, r)
    })
}

/// Python recursion runs on the host stack: give tests the room `pyrun` gives programs.
fn big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

fn last_line(r: &Result<(), python::RunError>) -> String {
    match r {
        Ok(()) => String::new(),
        Err(e) => e.traceback.lines().last().unwrap_or("").to_string(),
    }
}

#[test]
fn lexer_indentation_and_tokens() {
    let toks: Vec<Tok> = tokenize("if x:\n    y = 1\nz\n")
        .unwrap()
        .into_iter()
        .map(|t| t.tok)
        .collect();
    assert!(toks.contains(&Tok::Indent));
    assert!(toks.contains(&Tok::Dedent));
    assert_eq!(toks.last(), Some(&Tok::Eof));
    // Brackets join lines; comments and blank lines vanish.
    let toks = tokenize("f(1,\n  2)  # c\n\n").unwrap();
    assert_eq!(toks.iter().filter(|t| t.tok == Tok::Newline).count(), 1);
}

#[test]
fn lexer_strings_and_numbers() {
    let toks: Vec<Tok> = tokenize(r#"'a\n' b'\x41' 0x_1F 1_000 1.5e3 r'\d'"#)
        .unwrap()
        .into_iter()
        .map(|t| t.tok)
        .collect();
    assert_eq!(toks[0], Tok::Str("a\n".into()));
    assert_eq!(toks[1], Tok::Bytes(vec![0x41]));
    assert_eq!(toks[2], Tok::Int("1F".into(), 16));
    assert_eq!(toks[3], Tok::Int("1000".into(), 10));
    assert_eq!(toks[4], Tok::Float(1500.0));
    assert_eq!(toks[5], Tok::Str("\\d".into()));
}

#[test]
fn syntax_errors_have_cpython_messages() {
    let cases = [
        ("x = (1,\n", "SyntaxError: '(' was never closed"),
        ("if x\n  pass\n", "SyntaxError: expected ':'"),
        ("def f():\nreturn 1\n", "IndentationError: expected an indented block after function definition on line 1"),
        ("  x = 1\n", "IndentationError: unexpected indent"),
        ("s = 'abc\n", "SyntaxError: unterminated string literal (detected at line 1)"),
        ("1 = x\n", "SyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='?"),
        ("return 5\n", "SyntaxError: 'return' outside function"),
        ("break\n", "SyntaxError: 'break' outside loop"),
        ("x = 0777\n", "SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"),
        ("print 'hi'\n", "SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?"),
        ("if x = 1:\n    pass\n", "SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?"),
        ("def f(:\n    pass\n", "SyntaxError: invalid syntax"),
        ("f(x for x in y, 1)\n", "SyntaxError: Generator expression must be parenthesized"),
        ("x = f'{'\n", "SyntaxError: f-string: expecting '}'"),
    ];
    for (src, want) in cases {
        let (_, r) = run(src);
        assert_eq!(last_line(&r), want, "source {:?}", src);
    }
}

#[test]
fn syntax_error_shows_line_and_caret() {
    let (_, r) = run("a = 1\nb = (2 +\n");
    let tb = r.unwrap_err().traceback;
    assert!(tb.contains("line 2"), "{}", tb);
    assert!(tb.contains('^'), "{}", tb);
}

#[test]
fn traceback_lists_frames_with_lines() {
    let (out, r) = run("def f():\n    return 1 / 0\nprint('x')\nf()\n");
    assert_eq!(out, "x\n");
    let tb = r.unwrap_err().traceback;
    assert!(tb.starts_with("Traceback (most recent call last):\n"));
    assert!(tb.contains("File \"test.py\", line 4, in <module>"));
    assert!(tb.contains("File \"test.py\", line 2, in f"));
    assert!(tb.contains("    return 1 / 0\n"));
    assert!(tb.ends_with("ZeroDivisionError: division by zero\n"));
}

#[test]
fn recursion_limit_raises() {
    let (_, r) = run("def f(n): return f(n + 1)\nf(0)\n");
    assert_eq!(
        last_line(&r),
        "RecursionError: maximum recursion depth exceeded"
    );
}

#[test]
fn memory_limit_raises() {
    let out = Shared::default();
    let mut i = Interpreter::new(Box::new(out));
    i.set_memory_limit(1 << 20);
    let r = i.run("x = 'a' * (10 ** 9)\n", "m.py");
    assert_eq!(last_line(&r), "MemoryError");
    let r = i.run("x = [0] * (10 ** 9)\n", "m.py");
    assert_eq!(last_line(&r), "MemoryError");
    let r = i.run("x = 10 ** (10 ** 9)\n", "m.py");
    assert_eq!(last_line(&r), "MemoryError");
}

#[test]
fn heap_probe_caps_the_whole_heap() {
    let out = Shared::default();
    let mut i = Interpreter::new(Box::new(out));
    let used = Rc::new(RefCell::new(0usize));
    let counter = used.clone();
    // A fake allocator counter that grows with every check.
    i.set_heap_probe(
        Box::new(move || {
            *counter.borrow_mut() += 1 << 20;
            *counter.borrow()
        }),
        64 << 20,
    );
    let r = i.run("l = []\nwhile True:\n    l.append(1)\n", "heap.py");
    assert_eq!(last_line(&r), "MemoryError");
    assert!(*used.borrow() > 64 << 20);
}

#[test]
fn interrupt_flag_raises_keyboard_interrupt() {
    let out = Shared::default();
    let mut i = Interpreter::new(Box::new(out));
    let flag = i.interrupt_flag();
    flag.store(true, Ordering::Relaxed);
    let r = i.run("while True:\n    pass\n", "loop.py");
    assert_eq!(last_line(&r), "KeyboardInterrupt");
    // The flag is consumed: the next run is unaffected.
    assert!(i.run("print(1)\n", "ok.py").is_ok());
}

#[test]
fn step_budget_stops_long_loops() {
    let out = Shared::default();
    let mut i = Interpreter::new(Box::new(out));
    i.set_step_budget(Some(1000));
    let r = i.run("while True:\n    pass\n", "loop.py");
    assert_eq!(last_line(&r), "KeyboardInterrupt: step budget exhausted");
}

#[test]
fn input_hook_feeds_input() {
    let out = Shared::default();
    let mut i = Interpreter::new(Box::new(out.clone()));
    let mut lines = vec!["world".to_string()];
    i.set_input_hook(Box::new(move |_prompt| lines.pop()));
    i.run("name = input('who? ')\nprint('hello', name)\n", "in.py")
        .unwrap();
    assert_eq!(*out.0.borrow(), "hello world\n");
    let r = i.run("input()\n", "in.py");
    assert_eq!(last_line(&r), "EOFError: EOF when reading a line");
}

#[test]
fn repl_collects_blocks_and_prints_values() {
    let out = Shared::default();
    let mut i = Interpreter::new(Box::new(out.clone()));
    let mut repl = Repl::new();
    assert_eq!(repl.feed_line(&mut i, "x = 6 * 7"), ReplStatus::Done);
    assert_eq!(repl.feed_line(&mut i, "x"), ReplStatus::Done);
    assert_eq!(repl.feed_line(&mut i, "def f(a):"), ReplStatus::NeedMore);
    assert_eq!(
        repl.feed_line(&mut i, "    return a + 1"),
        ReplStatus::NeedMore
    );
    assert_eq!(repl.feed_line(&mut i, ""), ReplStatus::Done);
    assert_eq!(repl.feed_line(&mut i, "f(x)"), ReplStatus::Done);
    assert_eq!(repl.feed_line(&mut i, "(1,"), ReplStatus::NeedMore);
    assert_eq!(repl.feed_line(&mut i, " 2)"), ReplStatus::Done);
    assert_eq!(repl.feed_line(&mut i, "None"), ReplStatus::Done);
    match repl.feed_line(&mut i, "1/0") {
        ReplStatus::Error(t) => assert!(t.ends_with("ZeroDivisionError: division by zero\n")),
        other => panic!("{:?}", other),
    }
    assert_eq!(*out.0.borrow(), "42\n43\n(1, 2)\n");
}

#[test]
fn float_repr_is_shortest_round_trip() {
    let (out, _) = run("print(0.1, 1e16, 1e-5, 1.5e300, 123.456, 2.0**0.5, 1/3, 5e-324, -0.0)\n");
    assert_eq!(
        out,
        "0.1 1e+16 1e-05 1.5e+300 123.456 1.4142135623730951 0.3333333333333333 5e-324 -0.0\n"
    );
}

#[test]
fn bad_input_never_panics() {
    let inputs = [
        "", "(", ")", "[", "{{{{", "\"\"\"", "'''abc", "def", "class", "lambda", "x = ", "@", "@@x\n", "if:", "else:",
        "try:\n pass", "for in", "match x:\n case", "f(**)", "a[::]", "x = yield", "*a = 1", "del 1", "import", "from",
        "\t\n  \tx", "\\", "x = 1 \\\n", "f'{'", "f'{x!z}'", "f'{}'", "b'é'", "0x", "1e", "1__0", "'\\N{x}'",
        "global x\nx = 1\ndef f():\n  x = 2\n  global x", "nonlocal x", "return", "yield", "await x", "async def f(): await g()",
        "((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((",
        "-----------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------1",
        "not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not 1",
        "x=[]\nx.append(x)\nprint(x)\nd={}\nd[1]=d\nprint(d)",
        "class A:\n def __repr__(self): return repr(self)\nprint(A())",
        "class A:\n def __eq__(s, o): return s == o\n def __hash__(s): return 1\n{A(): 1}[A()]",
        "l = [1]\nfor x in l: l.append(x)",
        "d = {1: 1}\nfor k in d: d[k + 1] = 1",
        "def g():\n yield from g()\nlist(g())",
        "def g():\n x = yield\n yield x\nq = g(); q.send(1)",
        "a = 2 ** 100000\nb = str(a)",
        "[*range(10**9)]",
        "sorted([3, 'a', 1])",
        "class K:\n def __lt__(s, o): raise ValueError\nsorted([K(), K()])",
        "int('9' * 5000)",
        "'%s %s' % (1,)",
        "'{0}{1}'.format(1)",
        "x = 1\nx()",
        "import sys\nsys.setrecursionlimit(10**9)\ndef f(): f()\nf()",
    ];
    for src in inputs {
        big_stack(move || {
            let mut i = Interpreter::new(Box::new(BufferOutput::default()));
            i.set_step_budget(Some(200_000));
            i.set_memory_limit(1 << 20);
            let _ = i.run(src, "bad.py");
        });
    }
}

#[test]
fn soft_keywords_stay_names() {
    let (out, r) = run("match = 3\ncase = [match]\nprint(match, case)\nmatch case:\n    case [3]:\n        print('matched')\n");
    assert!(r.is_ok(), "{:?}", r);
    assert_eq!(out, "3 [3]\nmatched\n");
}

#[test]
fn scopes_resolve_like_cpython() {
    let src = "\
x = 'global'
def outer():
    x = 'enclosing'
    class C:
        y = x
        def m(self):
            return x
    return C.y, C().m(), [x for _ in range(1)][0]
print(outer())
def walrus():
    [y := i for i in range(3)]
    return y
print(walrus())
def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc
c = counter(); c(); print(c())
";
    let (out, r) = run(src);
    assert!(r.is_ok(), "{:?}", r);
    assert_eq!(out, "('enclosing', 'enclosing', 'enclosing')\n2\n2\n");
}

#[test]
fn nested_fstrings_and_conversions() {
    let (out, _) =
        run("w = 6\nv = 3.14159\nprint(f\"{v:{w}.{2}f}|{'a'!r}|{f'{1+1}'}|{v=:.1f}\")\n");
    assert_eq!(out, "  3.14|'a'|2|v=3.1\n");
}

#[test]
fn deep_structures_raise_instead_of_crashing() {
    let (_, r) = run("a = []\nfor i in range(100000):\n    a = [a]\nprint(a)\n");
    assert_eq!(
        last_line(&r),
        "RecursionError: maximum recursion depth exceeded while getting the repr of an object"
    );
    let (_, r) = run("x = eval('(' * 300 + ')' * 300)\n");
    assert!(
        last_line(&r).starts_with("SyntaxError: too many nested parentheses"),
        "{:?}",
        r
    );
}

#[test]
fn generators_send_throw_close() {
    let src = "\
def g():
    try:
        x = yield 1
        yield x * 2
    finally:
        print('closed')
it = g()
print(next(it), it.send(5))
it.close()
def h():
    try:
        yield 1
    except KeyError:
        yield 'handled'
k = h(); next(k)
print(k.throw(KeyError))
";
    let (out, r) = run(src);
    assert!(r.is_ok(), "{:?}", r);
    assert_eq!(out, "1 10\nclosed\nhandled\n");
}
