//! `pyrun FILE`: runs a Python program like `python3 FILE` — its output on stdout, and on an
//! uncaught exception a CPython-style traceback on stderr and exit status 1.

use python::{Interpreter, Output};
use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The system allocator, counting live bytes so the interpreter can raise MemoryError at a
/// heap cap (`PYRUN_MEMORY_LIMIT` bytes, default 8 GiB) instead of exhausting the machine.
struct CountingAlloc;

static LIVE_BYTES: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every method forwards to `System` with the caller's layout and pointer unchanged,
// so System's guarantees hold; the counter is only bookkeeping.
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: same contract as our caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` came from `alloc`/`realloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE_BYTES.fetch_add(new_size, Ordering::Relaxed);
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` was allocated by us with `layout`; `new_size` is the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: CountingAlloc = CountingAlloc;

struct StdOutput {
    out: std::io::BufWriter<std::io::Stdout>,
}

impl Output for StdOutput {
    fn write_out(&mut self, s: &str) {
        let _ = self.out.write_all(s.as_bytes());
    }
    fn write_err(&mut self, s: &str) {
        let _ = self.out.flush();
        let _ = std::io::stderr().write_all(s.as_bytes());
    }
}

impl Drop for StdOutput {
    fn drop(&mut self) {
        let _ = self.out.flush();
    }
}

fn run(path: String) -> i32 {
    let source = match std::fs::read(&path) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) => {
            eprintln!("pyrun: can't open file '{}': {}", path, e);
            return 2;
        }
    };
    let out = StdOutput {
        out: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout()),
    };
    let mut interp = Interpreter::new(Box::new(out));
    interp.set_recursion_limit(1000);
    let cap = std::env::var("PYRUN_MEMORY_LIMIT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(8usize << 30);
    interp.set_heap_probe(Box::new(|| LIVE_BYTES.load(Ordering::Relaxed)), cap);
    interp.set_max_recursion_limit(20_000);
    let start = std::time::SystemTime::now();
    interp.set_clock(Box::new(move || {
        let now = std::time::SystemTime::now();
        let since = now
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        let _ = start;
        since.as_secs_f64()
    }));
    interp.set_input_hook(Box::new(|prompt: &str| {
        print!("{}", prompt);
        let _ = std::io::stdout().flush();
        let mut line = String::new();
        match std::io::stdin().read_line(&mut line) {
            Ok(0) | Err(_) => None,
            Ok(_) => Some(line.trim_end_matches(['\n', '\r']).to_string()),
        }
    }));
    // CPython reports the script by its absolute path in tracebacks.
    let shown = std::path::absolute(&path)
        .map(|p| p.display().to_string())
        .unwrap_or(path);
    let result = interp.run(&source, &shown);
    // Flush stdout before the traceback goes to stderr.
    interp.vm.out.write_err("");
    match result {
        Ok(()) => 0,
        Err(e) => {
            if let Some(code) = e.exit_code {
                let _ = std::io::stderr().write_all(e.traceback.as_bytes());
                return code;
            }
            let _ = std::io::stderr().write_all(e.traceback.as_bytes());
            1
        }
    }
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: pyrun FILE");
        std::process::exit(2);
    };
    // Deep Python recursion needs a deep host stack.
    let child = std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(move || run(path));
    let code = match child {
        Ok(h) => h.join().unwrap_or(70),
        Err(_) => 70,
    };
    std::process::exit(code);
}
