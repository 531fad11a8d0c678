//! Lexer, parser and compiler on arbitrary text: errors are fine, panics are not.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    if let Ok(module) = python::parser::parse_module(&src) {
        let _ = python::compiler::compile_module(&module, "<fuzz>", false);
    }
});
