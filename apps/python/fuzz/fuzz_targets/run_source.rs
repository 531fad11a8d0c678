//! Runs arbitrary programs under tight limits: any Python error is fine, panics are not.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    let mut interp = python::Interpreter::new(Box::new(python::BufferOutput::default()));
    interp.set_recursion_limit(60);
    interp.set_max_recursion_limit(60);
    interp.set_memory_limit(64 * 1024);
    interp.set_step_budget(Some(20_000));
    let _ = interp.run(&src, "<fuzz>");
});
