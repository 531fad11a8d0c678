//! Tessera: a unikernel desktop that boots as one UEFI application.
//!
//! The firmware (OVMF under QEMU) loads this image and calls [`efi_main`]. From there the
//! kernel reads the boot sequence below top to bottom: it measures the clock, leaves the
//! firmware, takes over memory and its own stack, finds its devices and runs one loop forever.
//! There is no paging (UEFI's identity map stays), no interrupts and one CPU: the loop polls
//! every device once per frame.
//!
//! On the host this file builds as an empty program so `cargo test -p kernel` can test every
//! module that does not touch hardware.

#![cfg_attr(target_os = "uefi", no_std, no_main)]
#![cfg_attr(not(target_os = "uefi"), allow(dead_code, unused_imports))]

extern crate alloc;

mod arch;
mod boot;
mod clock;
mod console;
mod desktop;
mod devices;
mod fwcfg;
mod heap;
mod input;
mod nettools;
mod pci;
mod selftest;
mod serial;
mod stats;
mod system;
mod virtio;
mod wasm;

#[cfg(not(target_os = "uefi"))]
fn main() {}

#[cfg(target_os = "uefi")]
mod entry {
    use crate::boot::exit::{exit_boot_services, MemoryMap};
    use crate::boot::uefi::{Handle, MemoryType, Status, SystemTable, PAGE_SIZE};
    use crate::boot::Firmware;
    use crate::clock::{Clock, WallClock};
    use crate::heap::LockedHeap;
    use crate::system::{self, Boot};
    use crate::{arch, log, serial};

    #[global_allocator]
    static HEAP: LockedHeap = LockedHeap::new();

    /// Our own stack: OVMF's is about 1 MiB and belongs to boot-services memory.
    const STACK_SIZE: usize = 8 << 20;

    /// How long the TSC is measured against the firmware's Stall().
    const CALIBRATION_US: usize = 5_000;

    /// The firmware's entry point into our image (UEFI §4.1).
    #[no_mangle]
    pub extern "efiapi" fn efi_main(image: Handle, system_table: *const SystemTable) -> Status {
        let boot_tsc = arch::rdtsc();
        // SAFETY: the firmware passes a valid system table that lives until ExitBootServices
        // (its runtime part for ever).
        let table = unsafe { &*system_table };
        // SAFETY: as above; boot services are live until we exit them below.
        let boot_services = unsafe { &*table.boot_services };
        serial::init(); // COM1 for the log and the console
        log!("boot: tessera starting");
        // SAFETY: disabling the watchdog (timeout 0) is always allowed before exit.
        unsafe { (boot_services.set_watchdog_timer)(0, 0, 0, core::ptr::null()) };
        let clock = calibrate_clock(boot_services, boot_tsc); // TSC rate against Stall()
                                                              // SAFETY: the runtime-services table stays valid after ExitBootServices.
        let firmware = unsafe { Firmware::new(table.runtime_services) };
        let wall = WallClock::new(
            firmware
                .time()
                .unwrap_or(crate::clock::DateTime::from_unix(0)),
        );
        // SAFETY: boot services are live and `image` is our handle.
        let boot_files = unsafe { crate::boot::files::read_apps(boot_services, image) }; // \apps\*.wasm
                                                                                         // SAFETY: boot services are live and `image` is our handle; nothing calls them after.
        let map = match unsafe { exit_boot_services(boot_services, image) } {
            Ok(map) => map,
            Err(error) => {
                let (call, status) = error.describe();
                log!(
                    "panic: could not exit boot services: {} returned {:#x}",
                    call,
                    status
                );
                arch::halt_forever();
            }
        };
        log!("boot: exited boot services");
        init_heap(&map); // conventional memory becomes the heap
        let boot = alloc::boxed::Box::new(Boot {
            clock,
            wall,
            firmware,
            memory,
            heap_free,
            boot_files,
        });
        // SAFETY: the stack is a fresh heap block that is never freed; `kernel_main` never
        // returns, so nothing uses the firmware's stack again.
        unsafe { switch_stack(alloc::boxed::Box::into_raw(boot)) }
    }

    /// Measures the TSC rate over a few milliseconds of the firmware's Stall().
    fn calibrate_clock(boot_services: &crate::boot::uefi::BootServices, boot_tsc: u64) -> Clock {
        let before = arch::rdtsc();
        // SAFETY: boot services are live; Stall only waits.
        unsafe { (boot_services.stall)(CALIBRATION_US) };
        let ticks = arch::rdtsc() - before;
        Clock::from_measurement(boot_tsc, ticks, CALIBRATION_US as u64)
    }

    /// Gives every conventional-memory region to the heap (regions below 1 MiB are left alone).
    fn init_heap(map: &MemoryMap) {
        HEAP.with(|heap| {
            for descriptor in map.descriptors() {
                if descriptor.memory_type != MemoryType::CONVENTIONAL {
                    continue;
                }
                let start = descriptor.physical_start.max(0x10_0000);
                let end = descriptor.physical_start + descriptor.number_of_pages * PAGE_SIZE;
                if end > start {
                    // SAFETY: the firmware reports this range as free conventional memory and
                    // boot services are gone, so nothing else will use it.
                    unsafe { heap.add_region(start as usize, (end - start) as usize) };
                }
            }
        });
    }

    /// The heap's size and use in bytes.
    pub fn memory() -> (usize, usize) {
        HEAP.with(|heap| (heap.used(), heap.total()))
    }

    /// The heap's free bytes and free-block count.
    pub fn heap_free() -> (usize, usize, usize) {
        HEAP.with(|heap| heap.free_blocks())
    }

    /// Moves onto a fresh stack and continues in `kernel_main`.
    ///
    /// # Safety
    /// Must be called once; the current stack is abandoned.
    unsafe fn switch_stack(boot: *mut Boot) -> ! {
        let stack = alloc::vec![0u8; STACK_SIZE].leak();
        let top = (stack.as_mut_ptr() as usize + STACK_SIZE) & !0xf;
        // SAFETY: `top` is the 16-byte-aligned end of a leaked block of STACK_SIZE bytes;
        // `kernel_main` uses the System V convention (argument in rdi) and never returns.
        unsafe {
            core::arch::asm!(
                "mov rsp, {top}",
                "xor ebp, ebp",
                "call {entry}",
                "ud2",
                top = in(reg) top,
                entry = sym kernel_main,
                in("rdi") boot,
                options(noreturn)
            )
        }
    }

    /// The kernel proper, on its own stack.
    extern "sysv64" fn kernel_main(boot: *mut Boot) -> ! {
        // SAFETY: `boot` is the leaked box made in `efi_main`, passed exactly once.
        let boot = unsafe { alloc::boxed::Box::from_raw(boot) };
        system::run(*boot)
    }

    #[panic_handler]
    fn panic(info: &core::panic::PanicInfo) -> ! {
        log!("panic: {}", info);
        arch::halt_forever()
    }
}
