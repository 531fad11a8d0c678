//! In-guest tests: checks that only mean something on the real (emulated) machine.
//!
//! Booted with `-fw_cfg name=opt/os/selftest,string=1` and `-device isa-debug-exit,
//! iobase=0xf4,iosize=0x04`, the kernel runs these checks right after bringing up its
//! devices, prints one `selftest:` line per check and a `selftest: N passed, M failed`
//! summary, and ends QEMU with status 1 (all passed: exit code 0 << 1 | 1) or 3 (a failure).
//! The same image boots normally without the fw_cfg file.

use crate::log;
use crate::system::System;
use crate::virtio::gpu::DamageRect;
use alloc::string::String;
use alloc::vec::Vec;

type Check = fn(&mut System) -> Result<(), String>;

const CHECKS: &[(&str, Check)] = &[
    (
        "pci_enumerates_virtio_functions",
        pci_enumerates_virtio_functions,
    ),
    ("gpu_round_trips_commands", gpu_round_trips_commands),
    (
        "input_devices_identify_themselves",
        input_devices_identify_themselves,
    ),
    (
        "heap_gives_and_takes_back_large_blocks",
        heap_gives_and_takes_back_large_blocks,
    ),
    (
        "clock_is_monotonic_and_plausible",
        clock_is_monotonic_and_plausible,
    ),
    ("fwcfg_reads_named_files", fwcfg_reads_named_files),
];

/// Runs every check, reports, and ends the QEMU run.
pub fn run(system: &mut System) -> ! {
    let mut failed = 0;
    for (name, check) in CHECKS {
        match check(system) {
            Ok(()) => log!("selftest: ok {}", name),
            Err(reason) => {
                failed += 1;
                log!("selftest: FAIL {} ({})", name, reason);
            }
        }
    }
    log!(
        "selftest: {} passed, {} failed",
        CHECKS.len() - failed,
        failed
    );
    crate::arch::qemu_exit(if failed == 0 { 0 } else { 1 });
    crate::arch::halt_forever()
}

fn pci_enumerates_virtio_functions(system: &mut System) -> Result<(), String> {
    let virtio: Vec<_> = system
        .devices
        .pci
        .iter()
        .filter(|d| d.vendor == 0x1af4)
        .collect();
    if virtio.is_empty() {
        return Err("no virtio function on the bus".into());
    }
    let host_bridge = system
        .devices
        .pci
        .iter()
        .any(|d| d.address.bus == 0 && d.address.device == 0);
    host_bridge
        .then_some(())
        .ok_or_else(|| "no host bridge at 00:00.0".into())
}

fn gpu_round_trips_commands(system: &mut System) -> Result<(), String> {
    let gpu = system.devices.gpu.as_mut().ok_or("no gpu")?;
    let (w, h) = (gpu.width(), gpu.height());
    for (i, pixel) in gpu.framebuffer().iter_mut().enumerate() {
        *pixel = 0xff00_0000 | (i as u32 & 0xff);
    }
    // Hundreds of commands: the queue's indices and free list wrap several times.
    for round in 0..100 {
        let rects = [
            DamageRect {
                x: 0,
                y: 0,
                width: w,
                height: h,
            },
            DamageRect {
                x: round,
                y: round,
                width: 10,
                height: 10,
            },
        ];
        gpu.flush(&rects)
            .map_err(|e| alloc::format!("flush {round}: {e:?}"))?;
    }
    Ok(())
}

fn input_devices_identify_themselves(system: &mut System) -> Result<(), String> {
    for device in &system.devices.inputs {
        if device.name.is_empty() {
            return Err("an input device has no name".into());
        }
        if device.kind == crate::virtio::input::InputKind::Tablet && device.abs_max.0 == 0 {
            return Err("tablet reports no axis range".into());
        }
    }
    Ok(())
}

fn heap_gives_and_takes_back_large_blocks(system: &mut System) -> Result<(), String> {
    let (used_before, total) = (system.boot.memory)();
    if total < 64 << 20 {
        return Err(alloc::format!("heap is only {} MiB", total >> 20));
    }
    for _ in 0..4 {
        let mut block = alloc::vec![0u8; 32 << 20];
        block[12345] = 7;
        core::hint::black_box(&mut block);
    }
    let (used_after, _) = (system.boot.memory)();
    (used_after <= used_before + (1 << 20))
        .then_some(())
        .ok_or_else(|| alloc::format!("leaked {} bytes", used_after - used_before))
}

fn clock_is_monotonic_and_plausible(system: &mut System) -> Result<(), String> {
    let clock = system.boot.clock;
    let mhz = clock.tsc_mhz();
    if !(100..=10_000).contains(&mhz) {
        return Err(alloc::format!("TSC rate {mhz} MHz is implausible"));
    }
    let mut last = clock.now_us();
    for _ in 0..10_000 {
        let now = clock.now_us();
        if now < last {
            return Err("clock went backwards".into());
        }
        last = now;
    }
    let year = system.boot.firmware.time().map(|t| t.year).unwrap_or(0);
    (2020..2200)
        .contains(&year)
        .then_some(())
        .ok_or_else(|| alloc::format!("RTC year {year}"))
}

fn fwcfg_reads_named_files(system: &mut System) -> Result<(), String> {
    let fwcfg = system.fwcfg.as_ref().ok_or("no fw_cfg device")?;
    match fwcfg.read_string("opt/os/selftest") {
        Some(text) if !text.is_empty() => Ok(()),
        _ => Err("opt/os/selftest unreadable".into()),
    }
}
