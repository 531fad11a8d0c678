//! The interpreter hooks the terminal relies on, tested on `python` directly.

use python::{BufferOutput, Interpreter};
use std::cell::Cell;
use std::rc::Rc;

#[test]
fn the_tick_hook_runs_during_a_loop_and_can_interrupt_it() {
    let mut interp = Interpreter::new(Box::new(BufferOutput::default()));
    let calls = Rc::new(Cell::new(0u32));
    let seen = calls.clone();
    interp.set_tick_hook(Box::new(move || {
        seen.set(seen.get() + 1);
        seen.get() == 50
    }));
    let err = interp.run("while True: pass", "loop.py").unwrap_err();
    assert_eq!(err.type_name, "KeyboardInterrupt");
    assert_eq!(calls.get(), 50);
    // A loop calls the hook once per `TICK_HOOK_EVERY` ticks; an iteration of this loop is
    // one or two ticks (the backward jump, the range iterator's step).
    calls.set(0);
    let n = python::vm::TICK_HOOK_EVERY * 10;
    interp
        .run(&format!("for i in range({n}): pass"), "short.py")
        .unwrap();
    assert!((9..=21).contains(&calls.get()), "{} calls", calls.get());
}

#[test]
fn input_raises_keyboard_interrupt_when_the_host_interrupted_the_read() {
    let mut interp = Interpreter::new(Box::new(BufferOutput::default()));
    let flag = interp.interrupt_flag();
    interp.set_input_hook(Box::new(move |_| {
        flag.store(true, std::sync::atomic::Ordering::Relaxed);
        None
    }));
    let err = interp.run("input('? ')", "in.py").unwrap_err();
    assert_eq!(err.type_name, "KeyboardInterrupt");
    interp.set_input_hook(Box::new(|_| None));
    let err = interp.run("input('? ')", "in.py").unwrap_err();
    assert_eq!(err.type_name, "EOFError");
}

#[test]
fn long_builtin_calls_reach_the_tick_hook_too() {
    // Ctrl+C must stop work done inside builtins, not only Python-level loops.
    for source in [
        "sum(range(10**12))",
        "any(x < 0 for x in range(10**12))",
        "max(range(10**12))",
        "sorted(range(10**7))",
        "[x for x in range(10**12)]",
        "'-'.join(str(i) for i in range(10**12))",
    ] {
        let mut interp = Interpreter::new(Box::new(BufferOutput::default()));
        let calls = Rc::new(Cell::new(0u32));
        let seen = calls.clone();
        interp.set_tick_hook(Box::new(move || {
            seen.set(seen.get() + 1);
            seen.get() == 20
        }));
        let err = interp.run(source, "builtin.py").unwrap_err();
        assert_eq!(err.type_name, "KeyboardInterrupt", "{source}");
    }
}
