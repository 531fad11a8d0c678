//! Generated programs (see `python_fuzz::program`) run under the fuzz limits: every input
//! parses, so the bytes exercise the compiler, the VM and the builtins rather than the lexer.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = python_fuzz::program(data);
    let mut interp = python_fuzz::limited_interpreter();
    let _ = interp.run(&src, "<fuzz>");
});
