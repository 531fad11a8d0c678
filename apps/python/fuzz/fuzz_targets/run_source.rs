//! Runs arbitrary programs under tight limits: any Python error is fine, panics are not.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    let mut interp = python_fuzz::limited_interpreter();
    let _ = interp.run(&src, "<fuzz>");
});
