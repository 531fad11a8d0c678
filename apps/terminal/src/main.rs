//! The terminal app's entry point: set the title, count the heap, run the REPL.

mod heap;

/// Python frames before RecursionError: CPython's default. Each Python call takes about 4
/// nested wasm calls (7 through a dunder method such as `__eq__`); the kernel lets an app
/// nest 20 000 (`kernel/src/wasm/mod.rs`), and `build.rs` gives the app's own stack room.
const RECURSION_LIMIT: u32 = 1000;
/// The kernel caps an app's memory at 128 MiB; MemoryError comes well before, leaving room
/// for a growing list's next doubling, the window's back buffer and the stack.
const HEAP_CAP: usize = 80 << 20;
const OBJECT_CAP: usize = 16 << 20;

fn main() {
    let _ = sdk::set_title("Python");
    sdk::log!("terminal: started");
    let limits = terminal::Limits {
        recursion: RECURSION_LIMIT,
        object_bytes: OBJECT_CAP,
        heap: Some((Box::new(heap::in_use), HEAP_CAP)),
    };
    terminal::Driver::new(limits).run();
}
