//! Gives the wasm app an 8 MiB stack (the default is 1 MiB): the interpreter recurses on the
//! native stack for each Python call, some of whose wasm frames (the instruction loop) keep a
//! few KB on it, and `main.rs` allows CPython's 1000 Python frames. `wasm-ld` takes
//! `-z stack-size=N`; other targets keep their defaults.

fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bins=-zstack-size=8388608");
    }
}
