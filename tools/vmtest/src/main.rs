//! `vmtest` on the command line: `vmtest run` boots the image interactively-headless and
//! streams its serial log; `vmtest bench` measures the numbers `make bench` reports.

use std::time::{Duration, Instant};
use vmtest::{host, Options, Vm};

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_default();
    let result = match mode.as_str() {
        // `vmtest bench browser` runs only the browser's part.
        "bench" if std::env::args().nth(2).as_deref() == Some("browser") => browser_first_paint()
            .map(|lines| {
                for line in lines {
                    println!("bench: {line}");
                }
            }),
        "bench" => bench(),
        _ => {
            eprintln!("usage: vmtest bench [browser]");
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
    drop(vm);
    let download = http_download_rate(&mut Vm::boot(&Options::default())?)?;
    let syscall_ns = syscall_cost()?;
    let apps = app_frame_times()?;
    let browser = browser_first_paint()?;
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
    println!(
        "bench: http_download_mib_s={download:.2} (8 MiB from python http.server on the host)"
    );
    println!("bench: syscall_ns={syscall_ns:.0} (time_monotonic from a wasm app under wasmi, TCG)");
    for line in browser {
        println!("bench: {line}");
    }
    for (label, frame, apps_ms) in apps {
        println!(
            "bench: {label}: frame_ms_median={frame:.3} apps_ms_median={apps_ms:.3} desktop_ms={:.3}",
            frame - apps_ms
        );
    }
    Ok(())
}

/// Downloads 8 MiB with the console's `http` command; returns MiB/s.
fn http_download_rate(vm: &mut Vm) -> vmtest::Result<f64> {
    let dir = std::env::temp_dir().join(format!("vmtest-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let body: Vec<u8> = (0..8u32 << 20)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let _ = std::fs::write(dir.join("big.bin"), &body);
    let (server, port) = host::http_server(&dir);
    vm.wait_for("net: dhcp ", Duration::from_secs(20))?;
    let start = Instant::now();
    let mark = vm.console(&format!("http http://10.0.2.2:{port}/big.bin"))?;
    let line = vm.wait_for_after(mark, "http: ", Duration::from_secs(120));
    let seconds = start.elapsed().as_secs_f64();
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
    let line = line?;
    if !line.contains(&format!("bytes={}", body.len())) {
        return Err(vmtest::VmError(format!("download failed: {line}")));
    }
    Ok(8.0 / seconds)
}

/// Nanoseconds per `time_monotonic` call, measured by the bench-syscalls app.
fn syscall_cost() -> vmtest::Result<f64> {
    let options = Options {
        esp: vmtest::repo_root().join("build/test-esp"),
        fw_cfg: vec![("opt/os/autostart".into(), "bench-syscalls".into())],
        ..Options::default()
    };
    let vm = Vm::boot(&options)?;
    let deadline = Instant::now() + Duration::from_secs(40);
    while vm
        .log()
        .iter()
        .filter(|l| l.contains("ns per call"))
        .count()
        < 5
        && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(200));
    }
    let samples: Vec<f64> = vm
        .log()
        .iter()
        .filter(|l| l.contains("ns per call"))
        .filter_map(|l| {
            l.split(", ")
                .nth(1)?
                .split_whitespace()
                .next()?
                .parse()
                .ok()
        })
        .collect();
    Ok(median(samples))
}

/// Median frame and app times with nothing, the demos, and an endless loop open.
fn app_frame_times() -> vmtest::Result<Vec<(&'static str, f64, f64)>> {
    let mut results = Vec::new();
    for (label, autostart) in [
        ("idle", ""),
        ("cube+clock", "cube,clock"),
        ("clock", "clock"),
        ("clock+endless-loop", "clock,hostile-loop"),
    ] {
        let fw_cfg = if autostart.is_empty() {
            vec![]
        } else {
            vec![("opt/os/autostart".into(), autostart.into())]
        };
        let options = Options {
            esp: vmtest::repo_root().join("build/test-esp"),
            fw_cfg,
            ..Options::default()
        };
        let vm = Vm::boot(&options)?;
        std::thread::sleep(Duration::from_secs(4));
        let mark = vm.mark();
        std::thread::sleep(Duration::from_secs(8));
        let lines: Vec<String> = vm.log()[mark..]
            .iter()
            .filter(|l| l.starts_with("stats: fps="))
            .cloned()
            .collect();
        let frame = median(lines.iter().filter_map(|l| field(l, "frame_ms")).collect());
        let apps = median(lines.iter().filter_map(|l| field(l, "apps_ms")).collect());
        results.push((label, frame, apps));
    }
    Ok(results)
}

/// The number before " ms" in a `… N ms …` log line.
fn millis(line: &str) -> Option<f64> {
    let words: Vec<&str> = line.split_whitespace().collect();
    words
        .windows(2)
        .find(|w| w[1] == "ms" || w[1].starts_with("ms"))
        .and_then(|w| w[0].parse().ok())
}

/// Enter-to-first-paint times of a 100 KB page over HTTP and HTTPS (loaded, then reloaded
/// twice with F5), and the TLS handshake times, from the browser's log.
fn browser_first_paint() -> vmtest::Result<Vec<String>> {
    let dir = std::env::temp_dir().join(format!("vmtest-bench-web-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let page = host::article(100 * 1024);
    let _ = std::fs::write(dir.join("article.html"), &page);
    let ca = host::TestCa::new("bench");
    ca.signed("server", "tessera.test");
    let (_http, http_port) = host::http_server(&dir);
    let (_https, https_port) = ca.s_server("server", &dir);
    let Some(_dns) = host::dnsmasq(&[("tessera.test", "10.0.2.2")]) else {
        return Ok(vec!["browser: skipped (no port 53 for dnsmasq)".into()]);
    };
    let http_url = format!("http://10.0.2.2:{http_port}/article.html");
    let https_url = format!("https://tessera.test:{https_port}/article.html");
    let options = Options {
        fw_cfg: vec![
            ("opt/os/dns".into(), "10.0.2.2".into()),
            ("opt/os/autostart".into(), format!("browser {http_url}")),
        ],
        fw_cfg_files: vec![("opt/os/ca".into(), ca.ca_pem())],
        ..Options::default()
    };
    let mut vm = Vm::boot(&options)?;
    let long = Duration::from_secs(120);
    let mut results = Vec::new();
    for (label, url) in [("http", &http_url), ("https", &https_url)] {
        let mut paints = Vec::new();
        let mut handshakes = Vec::new();
        for round in 0..3 {
            let mark = vm.mark();
            if round == 0 && label == "https" {
                vm.chord(&["ctrl", "l"])?;
                std::thread::sleep(Duration::from_millis(300));
                vm.type_text(url)?;
                vm.key("ret")?;
            } else if round > 0 {
                vm.key("f5")?;
            }
            let from = if round == 0 && label == "http" {
                0
            } else {
                mark
            };
            let line = vm.wait_for_after(from, &format!("first paint of {url} "), long)?;
            paints.extend(millis(&line));
            if label == "https" {
                let line = vm.wait_for_after(from, "TLS handshake with tessera.test took", long)?;
                handshakes.extend(millis(&line));
            }
        }
        results.push(format!(
            "browser_{label}_100kb_enter_to_first_paint_ms_median={:.0} (runs: {paints:?})",
            median(paints.clone())
        ));
        if !handshakes.is_empty() {
            results.push(format!(
                "browser_tls_handshake_ms_median={:.0} (runs: {handshakes:?}, ECDHE with an RSA-2048 certificate, TCG)",
                median(handshakes.clone())
            ));
        }
    }
    // The whole page's layout ends after the first paint, a slice per frame (the last
    // load is left alone to finish it).
    let shown = vm.wait_for(&format!("browser: showing {https_url} "), long)?;
    results.push(format!(
        "browser_whole_page: {}",
        shown.split("browser: ").last().unwrap_or(&shown)
    ));
    for line in vm
        .log()
        .iter()
        .filter(|l| l.contains("browser: parsed"))
        .take(1)
    {
        results.push(format!(
            "browser_parse: {}",
            line.split("browser: ").last().unwrap_or(line)
        ));
    }
    vm.assert_no_panic()?;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(results)
}
