//! Programs the fuzzers (`apps/python/fuzz`) found to panic, abort or hang, minimized, each
//! run under the same limits as the fuzz targets (`python_fuzz::limited_interpreter`): a
//! step budget, recursion limit 60, 64 KiB per object, and the 8 MiB stack of a main thread.
//! Each must end on its own, quickly, with the Python outcome asserted.

use python::{Interpreter, Output};
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::mpsc;
use std::time::Duration;

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

/// Runs `src` under the fuzz limits; returns the printed text and the uncaught exception's
/// class name (empty when the program finished). Fails the test after 20 s (a hang).
fn run_limited(src: &str) -> (String, String) {
    let src = src.to_string();
    let (send, recv) = mpsc::channel();
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            let out = Shared::default();
            let mut interp = Interpreter::new(Box::new(out.clone()));
            interp.set_recursion_limit(60);
            interp.set_max_recursion_limit(60);
            interp.set_memory_limit(64 * 1024);
            interp.set_step_budget(Some(20_000));
            let err = match interp.run(&src, "<fuzz>") {
                Ok(()) => String::new(),
                Err(e) => e.type_name,
            };
            let text = out.0.borrow().clone();
            let _ = send.send((text, err));
        })
        .expect("spawn");
    recv.recv_timeout(Duration::from_secs(20))
        .expect("program did not finish within 20 s (hang) or panicked")
}

/// `math.perm(2**31)` multiplied two billion factors before checking any limit.
#[test]
fn perm_of_huge_n_is_memory_error_not_hang() {
    let (_, err) = run_limited("import math\nmath.perm(2**31)\n");
    assert_eq!(err, "MemoryError");
    let (_, err) = run_limited("import math\nmath.comb(2**40, 2**39)\n");
    assert_eq!(err, "MemoryError");
    let (out, err) = run_limited("import math\nprint(math.perm(10, 3), math.comb(60, 30))\n");
    assert_eq!(
        (out.as_str(), err.as_str()),
        ("720 118264581564861424\n", "")
    );
}

/// `7 ** 0x7fffffffffffffff`: the size estimate `bits * exponent` overflowed u64 (a panic
/// with overflow checks). Now MemoryError; and 0, 1, -1 to a huge power stay exact.
#[test]
fn pow_with_huge_exponent_does_not_overflow() {
    let (_, err) = run_limited("x = 7 ** 0x7fffffffffffffff\n");
    assert_eq!(err, "MemoryError");
    let (_, err) = run_limited("x = (-3) ** 2**63\n");
    assert_eq!(err, "MemoryError");
    let (out, err) = run_limited(
        "print(1 ** 2**100, (-1) ** 2**100, (-1) ** (2**100+1), 0 ** 2**100)\n\
         print(1 ** 0x7fffffffffffffff, (-1) ** 0x7fffffffffffffff)\n",
    );
    assert_eq!((out.as_str(), err.as_str()), ("1 1 -1 0\n1 -1\n", ""));
}

/// `[] * 2**62` passed the size check (0 bytes) and then looped 2**62 times appending
/// nothing; `l *= 2**62` also multiplied the byte estimate by 16 without saturating.
#[test]
fn repeating_sequences_by_huge_counts_ends() {
    let (out, err) = run_limited(
        "x = []\nx *= 2**62\n\
         print([] * 2**62, () * 2**62, '' * 2**62, b'' * 2**62, 2**62 * [], x)\n",
    );
    assert_eq!((out.as_str(), err.as_str()), ("[] ()  b'' [] []\n", ""));
    let (_, err) = run_limited("z = [1]\nz *= 2**62\n");
    assert_eq!(err, "MemoryError");
    let (out, _) = run_limited("y = [1, 2]\ny *= 2\nprint(y, [0] * 3, (1,) * 2)\n");
    assert_eq!(out, "[1, 2, 1, 2] [0, 0, 0] (1, 1)\n");
}

/// The fuzzer's process grew by ~80 KB per run until it hit libFuzzer's 4 GB RSS limit:
/// functions and classes form `Rc` cycles through their module's globals, which nothing
/// broke when the interpreter was dropped. Now dropping it frees them.
#[test]
fn dropping_the_interpreter_frees_functions_and_classes() {
    use python::pystr::PyStr;
    use python::value::Value;
    let mut interp = Interpreter::new(Box::new(python::BufferOutput::default()));
    let src = "import collections, functools\n\
               def f():\n    return f\n\
               class C:\n    def m(self):\n        return C\nC.me = C()\n";
    assert!(interp.run(src, "<fuzz>").is_ok());
    let globals = interp.vm.main_globals.clone();
    // Weak references only: the test must not keep f or C alive itself.
    let (f, c) = {
        let g = globals.borrow();
        let f = g.get_str(&PyStr::new("f"));
        let c = g.get_str(&PyStr::new("C"));
        let (Some(Value::Function(f)), Some(Value::Class(c))) = (f, c) else {
            panic!("f and C are defined");
        };
        (std::rc::Rc::downgrade(&f), std::rc::Rc::downgrade(&c))
    };
    drop(globals);
    drop(interp);
    assert!(f.upgrade().is_none(), "function f leaked");
    assert!(c.upgrade().is_none(), "class C leaked");
}
