//! Fuel per stage of the page pipeline under wasmi (the interpreter the kernel runs apps
//! with, metering wasm instructions as fuel).
//!
//! Runs the `pipeline_bench` example built for wasm32-wasip1 in a minimal WASI host: each
//! `stage NAME ...` line the example writes to stdout records the fuel used since the
//! previous one. Build it first:
//!
//! ```text
//! cargo build --release --example pipeline_bench --target wasm32-wasip1 -p browser
//! cargo test --release -p browser --test wasm_pipeline -- --nocapture
//! ```
//!
//! The module is looked up in `$APPS_WASM_DIR/examples`, else
//! `$CARGO_TARGET_DIR/wasm32-wasip1/release/examples` (or the workspace's `target/`); when
//! it is missing the test says so and passes.

use std::path::PathBuf;
use std::time::Instant;
use wasmi::{Caller, Config, Engine, Error, Extern, Linker, Module, Store};

/// Fuel the whole run may use (far more than it needs).
const FUEL: u64 = 1 << 40;

#[derive(Default)]
struct Host {
    /// Text written to stdout not yet ended by a newline.
    partial: String,
    /// Each stage line and the fuel left when it was written.
    stages: Vec<(String, u64)>,
    start: Option<Instant>,
}

fn wasm() -> Option<Vec<u8>> {
    let dir = match std::env::var_os("APPS_WASM_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"))
            .join("wasm32-wasip1/release"),
    };
    let path = dir.join("examples/pipeline_bench.wasm");
    std::fs::read(&path)
        .map_err(|_| eprintln!("skipped: {} is not built", path.display()))
        .ok()
}

fn memory(c: &Caller<'_, Host>) -> Option<wasmi::Memory> {
    match c.get_export("memory") {
        Some(Extern::Memory(m)) => Some(m),
        _ => None,
    }
}

fn le32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The WASI preview1 calls Rust's standard library makes in this program.
fn define(linker: &mut Linker<Host>) -> Result<(), Error> {
    const WASI: &str = "wasi_snapshot_preview1";
    const INVAL: i32 = 28;
    linker.func_wrap(
        WASI,
        "fd_write",
        |mut c: Caller<'_, Host>, _fd: i32, iovs: i32, count: i32, written: i32| -> i32 {
            let fuel = c.get_fuel().unwrap_or(0);
            let Some(mem) = memory(&c) else {
                return INVAL;
            };
            let (bytes, host) = mem.data_and_store_mut(&mut c);
            let mut total = 0u32;
            for i in 0..count.max(0) as usize {
                let at = iovs as u32 as usize + i * 8;
                let (Some(ptr), Some(len)) = (le32(bytes, at), le32(bytes, at + 4)) else {
                    return INVAL;
                };
                let Some(text) = bytes.get(ptr as usize..(ptr as usize + len as usize)) else {
                    return INVAL;
                };
                host.partial.push_str(&String::from_utf8_lossy(text));
                total += len;
            }
            while let Some(end) = host.partial.find('\n') {
                let line: String = host.partial.drain(..=end).collect();
                host.stages.push((line.trim_end().to_string(), fuel));
            }
            let out = written as u32 as usize;
            match bytes.get_mut(out..out + 4) {
                Some(slot) => slot.copy_from_slice(&total.to_le_bytes()),
                None => return INVAL,
            }
            0
        },
    )?;
    linker.func_wrap(
        WASI,
        "clock_time_get",
        |mut c: Caller<'_, Host>, _id: i32, _precision: i64, out: i32| -> i32 {
            let start = *c.data_mut().start.get_or_insert_with(Instant::now);
            let ns = start.elapsed().as_nanos() as u64 + 1;
            let Some(mem) = memory(&c) else {
                return INVAL;
            };
            match mem.write(&mut c, out as u32 as usize, &ns.to_le_bytes()) {
                Ok(()) => 0,
                Err(_) => INVAL,
            }
        },
    )?;
    let zero_pair = |mut c: Caller<'_, Host>, a: i32, b: i32| -> i32 {
        let Some(mem) = memory(&c) else {
            return INVAL;
        };
        let ok = mem.write(&mut c, a as u32 as usize, &[0; 4]).is_ok()
            && mem.write(&mut c, b as u32 as usize, &[0; 4]).is_ok();
        if ok {
            0
        } else {
            INVAL
        }
    };
    linker.func_wrap(WASI, "environ_sizes_get", zero_pair)?;
    linker.func_wrap(WASI, "args_sizes_get", zero_pair)?;
    linker.func_wrap(WASI, "environ_get", |_: i32, _: i32| 0)?;
    linker.func_wrap(WASI, "args_get", |_: i32, _: i32| 0)?;
    linker.func_wrap(WASI, "random_get", |_: i32, _: i32| 0)?;
    linker.func_wrap(WASI, "sched_yield", || 0)?;
    linker.func_wrap(WASI, "proc_exit", |code: i32| -> Result<(), Error> {
        Err(Error::new(format!("exit {code}")))
    })?;
    Ok(())
}

#[test]
fn pipeline_fuel_per_stage() {
    let Some(bytes) = wasm() else {
        return;
    };
    let mut config = Config::default();
    config.consume_fuel(true);
    let engine = Engine::new(&config);
    let module = Module::new(&engine, &bytes).expect("the example is valid wasm");
    let mut store = Store::new(&engine, Host::default());
    store.set_fuel(FUEL).expect("fuel is on");
    let mut linker = Linker::new(&engine);
    define(&mut linker).expect("the WASI subset links");
    let instance = linker
        .instantiate_and_start(&mut store, &module)
        .expect("the example instantiates");
    let start = instance
        .get_typed_func::<(), ()>(&store, "_start")
        .expect("a command module");
    let wall = Instant::now();
    if let Err(e) = start.call(&mut store, ()) {
        assert!(e.to_string().contains("exit 0"), "the example failed: {e}");
    }
    let wall = wall.elapsed();
    let stages = &store.data().stages;
    let mut before = FUEL;
    println!("stage                     Mfuel  (line written by the example)");
    for (line, left) in stages {
        let name = line.split_whitespace().nth(1).unwrap_or("?");
        println!("{name:<24} {:>7.1}  {line}", (before - left) as f64 / 1e6);
        before = *left;
    }
    println!(
        "total {:.1} Mfuel in {:.2} s of wasmi on the host",
        (FUEL - before) as f64 / 1e6,
        wall.as_secs_f64()
    );
    let names: Vec<&str> = stages
        .iter()
        .filter_map(|(l, _)| l.split_whitespace().nth(1))
        .collect();
    assert!(
        names.contains(&"parse") && names.contains(&"full-layout"),
        "{names:?}"
    );
    assert!(
        stages.iter().any(|(l, _)| l.contains("job=layout")),
        "the stepped job and layout() disagree: {stages:?}"
    );
}
