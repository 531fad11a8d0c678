//! The x86_64 instructions the kernel needs: port I/O, the time-stamp counter, halting.
//!
//! Port I/O reaches the legacy devices (COM1 at 0x3f8, PCI configuration at 0xcf8/0xcfc,
//! fw_cfg at 0x510, the ACPI/debug-exit ports). Every function here is a single instruction;
//! callers decide whether touching a port is sound.

use core::arch::asm;

/// Writes a byte to an I/O port.
///
/// # Safety
/// The port must belong to a device whose protocol allows this write now.
pub unsafe fn outb(port: u16, value: u8) {
    // SAFETY: the caller guarantees the write is meaningful for the device at `port`.
    unsafe { asm!("out dx, al", in("dx") port, in("al") value, options(nomem, nostack)) }
}

/// Reads a byte from an I/O port.
///
/// # Safety
/// The port must belong to a device whose protocol allows this read now.
pub unsafe fn inb(port: u16) -> u8 {
    let value: u8;
    // SAFETY: the caller guarantees the read is meaningful for the device at `port`.
    unsafe { asm!("in al, dx", out("al") value, in("dx") port, options(nomem, nostack)) }
    value
}

/// Writes a 16-bit word to an I/O port.
///
/// # Safety
/// As for [`outb`].
pub unsafe fn outw(port: u16, value: u16) {
    // SAFETY: the caller guarantees the write is meaningful for the device at `port`.
    unsafe { asm!("out dx, ax", in("dx") port, in("ax") value, options(nomem, nostack)) }
}

/// Writes a 32-bit word to an I/O port.
///
/// # Safety
/// As for [`outb`].
pub unsafe fn outl(port: u16, value: u32) {
    // SAFETY: the caller guarantees the write is meaningful for the device at `port`.
    unsafe { asm!("out dx, eax", in("dx") port, in("eax") value, options(nomem, nostack)) }
}

/// Reads a 32-bit word from an I/O port.
///
/// # Safety
/// As for [`inb`].
pub unsafe fn inl(port: u16) -> u32 {
    let value: u32;
    // SAFETY: the caller guarantees the read is meaningful for the device at `port`.
    unsafe { asm!("in eax, dx", out("eax") value, in("dx") port, options(nomem, nostack)) }
    value
}

/// Reads the time-stamp counter (constant rate on every CPU QEMU models).
pub fn rdtsc() -> u64 {
    // SAFETY: RDTSC only reads a counter; it has no side effects.
    unsafe { core::arch::x86_64::_rdtsc() }
}

/// Stops the CPU for good: interrupts are off, so nothing wakes it.
pub fn halt_forever() -> ! {
    loop {
        // SAFETY: CLI;HLT touches no memory; with interrupts masked the CPU stays halted.
        unsafe { asm!("cli", "hlt", options(nomem, nostack)) }
    }
}

/// Ends a QEMU run with `isa-debug-exit` (iobase 0xf4): QEMU exits with `(code << 1) | 1`.
pub fn qemu_exit(code: u8) {
    // SAFETY: writing to port 0xf4 only has an effect when QEMU has an isa-debug-exit device
    // there; on other machines the port is unused and the write is ignored.
    unsafe { outl(0xf4, code as u32) }
}

/// A CPU hint for spin-wait loops.
pub fn spin_hint() {
    core::hint::spin_loop();
}
