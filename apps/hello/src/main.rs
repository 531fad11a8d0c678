//! `hello`: the smallest useful WASI command, to check the kernel's WASI preview1 subset.
//!
//! It uses only Rust's standard library, which on `wasm32-wasip1` is built on these WASI
//! functions (WASI preview1, `wasi_snapshot_preview1`): `fd_write` for `println!`,
//! `clock_time_get` for `SystemTime` and `Instant`, `random_get` for the keys of
//! `HashMap`'s hasher, `environ_*`/`args_*` at start-up (it prints its arguments), and `proc_exit`. It prints a few
//! lines and returns from `main`, which ends the program with exit status 0.
//!
//! The summary line is the same on every run, although the `HashMap`'s iteration order is
//! random: it only prints things that do not depend on that order (sums, counts, and the
//! entries after sorting). A test can therefore compare the whole log.

use std::collections::HashMap;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// Words to count; some repeat.
const TEXT: &str = "the quick brown fox jumps over the lazy dog the fox";

fn main() {
    println!("hello from wasi");
    let args: Vec<String> = std::env::args().collect();
    println!("args: {}", args.join(" | "));
    let started = Instant::now();

    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(since) => println!("wall clock: {} s since the epoch", since.as_secs()),
        Err(_) => println!("wall clock: before the epoch"),
    }

    let mut counts: HashMap<&str, u32> = HashMap::new();
    for word in TEXT.split_whitespace() {
        *counts.entry(word).or_insert(0) += 1;
    }
    let mut entries: Vec<(&str, u32)> = counts.iter().map(|(w, n)| (*w, *n)).collect();
    entries.sort_unstable();
    let listed: Vec<String> = entries.iter().map(|(w, n)| format!("{w}={n}")).collect();
    let total: u32 = counts.values().sum();
    println!(
        "summary: {} distinct words, {} in all: {}",
        counts.len(),
        total,
        listed.join(" ")
    );

    let args = std::env::args().count();
    let vars = std::env::vars().count();
    println!("args: {args}, environment variables: {vars}");
    eprintln!("hello on stderr");

    let elapsed = started.elapsed();
    println!("monotonic clock: {} us since start", elapsed.as_micros());
    println!("goodbye");
}
