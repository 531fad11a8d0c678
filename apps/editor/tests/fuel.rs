//! Fuel per frame of the built `editor.wasm` under wasmi (what the kernel's slices count):
//! idle, typing into a small document, and typing at the end of a 1 MB document.
//!
//! Build it first: `cargo build --release --target wasm32-wasip1 -p editor`. The module is
//! looked up in `$APPS_WASM_DIR`, else `$CARGO_TARGET_DIR/wasm32-wasip1/release` (or the
//! workspace's `target/`); when it is missing the test says so and passes.

mod wasmi_host;

use sdk::abi::{modifiers, Event};
use std::path::PathBuf;
use wasmi_host::App;

fn wasm() -> Option<Vec<u8>> {
    let dir = match std::env::var_os("APPS_WASM_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"))
            .join("wasm32-wasip1/release"),
    };
    let path = dir.join("editor.wasm");
    std::fs::read(&path)
        .map_err(|_| eprintln!("skipped: {} is not built", path.display()))
        .ok()
}

fn char_event(c: char) -> Event {
    Event::char(c)
}

fn key(code: u32, mods: u32) -> Event {
    Event::key_down(code, mods)
}

/// Types `text` one character per frame; returns the largest fuel of those frames.
fn type_slowly(app: &mut App, text: &str) -> u64 {
    let mut worst = 0;
    for c in text.chars() {
        app.state().events.push(char_event(c));
        worst = worst.max(app.frame().expect("the frame yields"));
    }
    worst
}

#[test]
fn fuel_per_frame_idle_typing_and_with_a_megabyte() {
    let Some(bytes) = wasm() else {
        return;
    };
    let mut app = App::load(&bytes, (1280, 800)).expect("editor.wasm loads");
    let first = app.frame().expect("first frame yields");
    let idle = app.frame().expect("idle frame yields");
    let typing = type_slowly(&mut app, "hello world");
    // A megabyte through the clipboard: paste it, go to the end, type.
    let line = "the quick brown fox jumps over the lazy dog 0123456789 abcdefgh\n";
    app.state().clipboard = line.repeat((1 << 20) / line.len()).into_bytes();
    app.state().events.push(key(47, modifiers::CTRL));
    let mut paste = 0;
    while paste == 0 {
        paste = app.frame().unwrap_or(0);
    }
    app.state().events.push(key(107, modifiers::CTRL));
    let jump = app.frame().expect("yields");
    let big_typing = type_slowly(&mut app, "more text");
    let big_idle = app.frame().expect("yields");
    let log = app.state().log.clone();
    assert!(
        log.iter().any(|l| l.starts_with("editor: pasted")),
        "{log:#?}"
    );
    eprintln!(
        "editor fuel: first frame {first}, idle {idle}, typing (worst) {typing}; 1 MB: paste \
         {paste}, ctrl+end {jump}, typing at the end (worst) {big_typing}, idle {big_idle}"
    );
    assert!(idle < 50_000, "an idle frame costs {idle} fuel");
    assert!(
        big_typing < 5_000_000,
        "typing in 1 MB costs {big_typing} fuel"
    );
}
