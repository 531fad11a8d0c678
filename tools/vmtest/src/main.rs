//! `vmtest` on the command line: `vmtest run` boots the image interactively-headless and
//! streams its serial log; `vmtest bench` measures the numbers `make bench` reports.

use std::time::{Duration, Instant};
use vmtest::{Options, Vm};

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_default();
    let result = match mode.as_str() {
        "bench" => bench(),
        _ => {
            eprintln!("usage: vmtest bench");
            std::process::exit(2);
        }
    };
    if let Err(error) = result {
        eprintln!("vmtest: {error}");
        std::process::exit(1);
    }
}

/// Parses `key=value` out of a `stats:` line.
fn field(line: &str, key: &str) -> Option<f64> {
    line.split_whitespace()
        .find_map(|word| word.strip_prefix(key)?.strip_prefix('=')?.parse().ok())
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

/// Collects `frame_ms` of the `stats:` lines that arrive during `seconds`.
fn frame_times(vm: &Vm, seconds: u64, mut during: impl FnMut(u64)) -> Vec<f64> {
    let mark = vm.mark();
    let start = Instant::now();
    let mut step = 0;
    while start.elapsed() < Duration::from_secs(seconds) {
        during(step);
        step += 1;
        std::thread::sleep(Duration::from_millis(20));
    }
    vm.log()[mark..]
        .iter()
        .filter(|l| l.starts_with("stats: fps="))
        .filter_map(|l| field(l, "frame_ms"))
        .collect()
}

fn bench() -> vmtest::Result<()> {
    let options = Options::default();
    let efi = options.esp.join("EFI/BOOT/BOOTX64.EFI");
    let size = std::fs::metadata(&efi).map(|m| m.len()).unwrap_or(0);
    let wall = Instant::now();
    let mut vm = Vm::boot(&options)?;
    let wall_boot = wall.elapsed();
    let ready = vm.wait_for("boot: desktop ready ", Duration::from_secs(5))?;
    let kernel_ms = ready
        .split_whitespace()
        .nth(3)
        .and_then(|n| n.parse::<f64>().ok())
        .unwrap_or(f64::NAN);
    // Let the first-second statistics settle.
    vm.wait_for_after(vm.mark(), "stats: fps=", Duration::from_secs(5))?;
    let idle = frame_times(&vm, 10, |_| {});
    let (w, h) = vm.screen;
    let mut moving = Vec::new();
    let mark = vm.mark();
    let start = Instant::now();
    let mut step = 0u32;
    while start.elapsed() < Duration::from_secs(6) {
        let x = (step * 37) % w;
        let y = (step * 23) % h;
        vm.tablet_move(x, y)?;
        step += 1;
        std::thread::sleep(Duration::from_millis(10));
    }
    for line in &vm.log()[mark..] {
        if let Some(ms) = line
            .starts_with("stats: fps=")
            .then(|| field(line, "frame_ms"))
            .flatten()
        {
            moving.push(ms);
        }
    }
    vm.assert_no_panic()?;
    println!(
        "bench: boot_to_desktop_s={:.3} (kernel's first line to desktop: ready)",
        kernel_ms / 1000.0
    );
    println!(
        "bench: qemu_start_to_desktop_s={:.2} (includes OVMF under TCG)",
        wall_boot.as_secs_f64()
    );
    println!(
        "bench: idle_frame_ms_median={:.3} over {} seconds",
        median(idle.clone()),
        idle.len()
    );
    println!(
        "bench: pointer_moving_frame_ms_median={:.3} over {} seconds ({} moves)",
        median(moving.clone()),
        moving.len(),
        step
    );
    println!(
        "bench: efi_size_bytes={size} ({:.2} MiB)",
        size as f64 / 1048576.0
    );
    Ok(())
}
