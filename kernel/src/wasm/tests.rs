//! Host tests of the app host: small modules written in WAT exercise scheduling, traps and
//! the system calls' argument checks, as the hostile-app suite does in QEMU.

use super::*;

fn apps_with(name: &str, wat: &str) -> Apps {
    let mut apps = Apps::new(42, "name = value".into(), Default::default());
    let bytes = wat::parse_str(wat).expect("valid wat");
    apps.register(name, bytes.into(), true).expect("validates");
    apps
}

fn step(apps: &mut Apps, fuel: u64) -> Step {
    let app = &mut apps.running[0];
    app.step(fuel)
}

fn log_of(apps: &Apps) -> Vec<String> {
    apps.running[0]
        .store
        .data()
        .log
        .lines
        .iter()
        .cloned()
        .collect()
}

const YIELDER: &str = r#"
(module
  (import "sys" "log" (func $log (param i32 i32) (result i32)))
  (import "sys" "yield" (func $yield (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "tick")
  (func (export "_start")
    (loop $forever
      (drop (call $log (i32.const 0) (i32.const 4)))
      (drop (call $yield))
      (br $forever))))
"#;

#[test]
fn an_app_yields_once_per_step_and_resumes() {
    let mut apps = apps_with("ticker", YIELDER);
    apps.open("ticker", &[]).unwrap();
    for _ in 0..5 {
        assert_eq!(step(&mut apps, 10_000), Step::Yielded);
    }
    assert_eq!(log_of(&apps), ["tick"; 5]);
    assert!(!apps.running[0].windowed);
}

#[test]
fn an_endless_loop_is_throttled_not_stopped() {
    let wat = r#"(module (memory (export "memory") 1)
        (func (export "_start") (loop $l (br $l))))"#;
    let mut apps = apps_with("spin", wat);
    apps.open("spin", &[]).unwrap();
    for _ in 0..3 {
        assert_eq!(step(&mut apps, 50_000), Step::Throttled);
    }
    let stats = apps.running[0].stats;
    assert_eq!(stats.throttled_steps, 3);
    assert!(stats.fuel_total >= 140_000);
    assert!(apps.kill("spin"));
    assert_eq!(step(&mut apps, 50_000), Step::Idle);
}

#[test]
fn traps_stop_the_app_with_a_reason() {
    let cases = [
        (
            "unreachable",
            "(func (export \"_start\") unreachable)",
            "unreachable",
        ),
        (
            "oob",
            "(func (export \"_start\") (drop (i32.load (i32.const 70000))))",
            "out of bounds",
        ),
        (
            "recursion",
            "(func $f (export \"_start\") (call $f))",
            "stack",
        ),
    ];
    for (name, body, expected) in cases {
        let wat = format!("(module (memory (export \"memory\") 1) {body})");
        let mut apps = apps_with(name, &wat);
        apps.open(name, &[]).unwrap();
        let mut outcome = step(&mut apps, 50_000_000);
        while outcome == Step::Throttled {
            outcome = step(&mut apps, 50_000_000);
        }
        let Step::Stopped(reason) = outcome else {
            panic!("{name}: {outcome:?}")
        };
        assert!(reason.to_lowercase().contains(expected), "{name}: {reason}");
        assert!(log_of(&apps).last().unwrap().starts_with("stopped ("));
    }
}

#[test]
fn memory_stops_growing_at_the_cap() {
    let wat = r#"(module (memory (export "memory") 1)
        (func (export "_start") (loop $l (drop (memory.grow (i32.const 256))) (br $l))))"#;
    let mut apps = apps_with("hog", wat);
    apps.open("hog", &[]).unwrap();
    // memory.grow answers -1 at the cap; this module ignores that and loops on, throttled.
    assert_eq!(step(&mut apps, 10_000_000), Step::Throttled);
    // It grows 16 MiB at a time, so it stops within one step of the cap.
    let size = apps.running[0].memory_bytes();
    assert!(
        size <= MEMORY_CAP && size > MEMORY_CAP - (16 << 20) - 65536,
        "{size}"
    );
}

#[test]
fn hostile_pointers_get_errors_not_faults() {
    // Every call with ptr/len pairs that are negative, past the end, or overflow.
    let wat = r#"
(module
  (import "sys" "log" (func $log (param i32 i32) (result i32)))
  (import "sys" "events" (func $events (param i32 i32) (result i32)))
  (import "sys" "present" (func $present (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "sys" "random" (func $random (param i32 i32) (result i32)))
  (import "sys" "clipboard_set" (func $clip (param i32 i32) (result i32)))
  (import "sys" "dns_resolve" (func $dns (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (global $r (export "results") (mut i32) (i32.const 0))
  (func $record (param i32)
    (i32.store (i32.add (i32.const 1024) (i32.mul (global.get $r) (i32.const 4))) (local.get 0))
    (global.set $r (i32.add (global.get $r) (i32.const 1))))
  (func (export "_start")
    (call $record (call $log (i32.const -1) (i32.const 4)))
    (call $record (call $log (i32.const 65530) (i32.const 100)))
    (call $record (call $log (i32.const 0x7fffffff) (i32.const 0x7fffffff)))
    (call $record (call $events (i32.const 65535) (i32.const 10)))
    (call $record (call $present (i32.const 0) (i32.const 4096) (i32.const 4096) (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 1)))
    (call $record (call $present (i32.const 0) (i32.const 10) (i32.const 10) (i32.const 0x7fffffff) (i32.const 0) (i32.const 10) (i32.const 1)))
    (call $record (call $random (i32.const 65000) (i32.const 1000)))
    (call $record (call $clip (i32.const -5) (i32.const 5)))
    (call $record (call $dns (i32.const 65536) (i32.const 1)))
    (call $record (call $fd_write (i32.const 1) (i32.const 65534) (i32.const 1) (i32.const 0)))))
"#;
    let mut apps = apps_with("hostile", wat);
    apps.open("hostile", &[]).unwrap();
    assert_eq!(step(&mut apps, 1_000_000), Step::Stopped("finished".into()));
    let app = &apps.running[0];
    let memory = app.store.data().memory.unwrap().data(&app.store);
    let results: Vec<i32> = (0..10)
        .map(|i| i32::from_le_bytes(memory[1024 + i * 4..1028 + i * 4].try_into().unwrap()))
        .collect();
    let bad = abi::Error::BadPointer.code();
    let invalid = abi::Error::InvalidArgument.code();
    assert_eq!(
        results,
        [bad, bad, bad, bad, bad, invalid, bad, bad, bad, 21]
    );
}

#[test]
fn a_wasi_command_prints_and_exits() {
    let wat = r#"
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (import "wasi_snapshot_preview1" "path_open" (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hello from wasi\n")
  (data (i32.const 0) "\10\00\00\00\10\00\00\00")
  (func (export "_start")
    (drop (call $w (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 100)))
    (if (i32.ne (call $open (i32.const 3) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i64.const 0) (i64.const 0) (i32.const 0) (i32.const 0)) (i32.const 52))
      (then unreachable))
    (call $exit (i32.const 3))))
"#;
    let mut apps = apps_with("cmd", wat);
    apps.open("cmd", &[]).unwrap();
    assert_eq!(step(&mut apps, 1_000_000), Step::Stopped("exit 3".into()));
    assert_eq!(log_of(&apps)[0], "hello from wasi");
}

#[test]
fn modules_that_import_unknown_things_are_refused() {
    let mut apps = Apps::new(1, String::new(), Default::default());
    let bad = wat::parse_str(r#"(module (import "env" "boom" (func)) (memory (export "memory") 1) (func (export "_start")))"#).unwrap();
    apps.register("bad", bad.into(), true).unwrap();
    let error = apps.open("bad", &[]).unwrap_err();
    assert!(error.contains("env.boom"), "{error}");
    assert!(apps
        .register("junk", Rc::from(&b"not wasm"[..]), true)
        .is_err());
    let no_start = wat::parse_str(r#"(module (memory (export "memory") 1))"#).unwrap();
    apps.register("nostart", no_start.into(), true).unwrap();
    assert!(apps.open("nostart", &[]).unwrap_err().contains("_start"));
}

#[test]
fn the_session_store_outlives_the_app() {
    let wat = r#"
(module
  (import "sys" "store_set" (func $set (param i32 i32 i32 i32) (result i32)))
  (import "sys" "store_get" (func $get (param i32 i32 i32 i32) (result i32)))
  (import "sys" "yield" (func $yield (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "docnotes")
  (func (export "_start")
    ;; result of get("doc") -> mem[100]; if absent, set("doc", "notes")
    (i32.store (i32.const 100) (call $get (i32.const 0) (i32.const 3) (i32.const 200) (i32.const 16)))
    (if (i32.lt_s (i32.load (i32.const 100)) (i32.const 0))
      (then (drop (call $set (i32.const 0) (i32.const 3) (i32.const 3) (i32.const 5)))))
    (drop (call $yield))))
"#;
    let mut apps = apps_with("notes", wat);
    apps.open("notes", &[]).unwrap();
    assert_eq!(step(&mut apps, 100_000), Step::Yielded);
    let first = &apps.running[0];
    let memory = first.store.data().memory.unwrap().data(&first.store);
    assert_eq!(
        i32::from_le_bytes(memory[100..104].try_into().unwrap()),
        abi::Error::NotFound.code()
    );
    assert!(apps.kill("notes"));
    apps.open("notes", &[]).unwrap();
    assert_eq!(step(&mut apps, 100_000), Step::Yielded);
    let second = &apps.running[0];
    let memory = second.store.data().memory.unwrap().data(&second.store);
    assert_eq!(i32::from_le_bytes(memory[100..104].try_into().unwrap()), 5);
    assert_eq!(&memory[200..205], b"notes");
}

#[test]
fn args_reach_the_app_and_config_get_answers_only_allowed_names() {
    // Writes argc, the argument bytes (NULs turned into '|') and the results of three
    // config_get calls to stdout.
    let wat = r#"
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $sizes (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args (param i32 i32) (result i32)))
  (import "sys" "config_get" (func $config (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 1000) "opt/os/caopt/os/autostart\n")
  (func $print (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $w (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
  (func (export "_start")
    (local $i i32)
    (drop (call $sizes (i32.const 16) (i32.const 20)))
    (drop (call $args (i32.const 100) (i32.const 200)))
    ;; NULs to '|'
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (i32.load (i32.const 20))))
      (if (i32.eqz (i32.load8_u (i32.add (i32.const 200) (local.get $i))))
        (then (i32.store8 (i32.add (i32.const 200) (local.get $i)) (i32.const 124))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (call $print (i32.const 200) (i32.load (i32.const 20)))
    ;; config_get("opt/os/ca") into 300, its length at 24
    (i32.store (i32.const 24) (call $config (i32.const 1000) (i32.const 9) (i32.const 300) (i32.const 64)))
    (call $print (i32.const 300) (i32.load (i32.const 24)))
    ;; a name outside the allowlist: NotFound (-13) at 28; a bad pointer: BadPointer (-2) at 32
    (i32.store (i32.const 28) (call $config (i32.const 1009) (i32.const 16) (i32.const 300) (i32.const 64)))
    (i32.store (i32.const 32) (call $config (i32.const 1000) (i32.const 9) (i32.const 65530) (i32.const 64)))
    (if (i32.ne (i32.load (i32.const 28)) (i32.const -13)) (then unreachable))
    (if (i32.ne (i32.load (i32.const 32)) (i32.const -2)) (then unreachable))
    ;; the pointer array must point at the strings
    (if (i32.ne (i32.load (i32.const 100)) (i32.const 200)) (then unreachable))
    (call $print (i32.const 1025) (i32.const 1)))
)
"#;
    let mut apps = apps_with("args", wat);
    apps.config = Rc::new(alloc::vec![
        ("opt/os/ca".into(), b"PEM".to_vec()),
        ("opt/os/autostart".into(), b"secret".to_vec()),
    ]);
    apps.open("args", &["one", "two words"]).unwrap();
    assert_eq!(step(&mut apps, 1_000_000), Step::Stopped("finished".into()));
    assert_eq!(log_of(&apps)[0], "args|one|two words|PEM");
}
