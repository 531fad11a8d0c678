//! COM1, the serial console: the kernel's log goes out here and console commands come in.
//!
//! The 16550 UART (as QEMU models it at I/O port 0x3f8) needs only a few registers: the data
//! register (+0), the line-status register (+5, bit 0 "data ready", bit 5 "transmit holding
//! register empty"), and the divisor latch to set 115200 baud 8N1. QEMU's `-serial stdio`
//! ignores the baud rate, but real hardware would not.
//!
//! The log is the one global the kernel keeps (STYLE.md §9): `log!("topic: text")` writes one
//! line per event, the format tests parse.

use crate::arch::{inb, outb};
use core::fmt::{self, Write};

const COM1: u16 = 0x3f8;
const DATA: u16 = COM1;
const INTERRUPT_ENABLE: u16 = COM1 + 1;
const FIFO_CONTROL: u16 = COM1 + 2;
const LINE_CONTROL: u16 = COM1 + 3;
const MODEM_CONTROL: u16 = COM1 + 4;
const LINE_STATUS: u16 = COM1 + 5;

const DATA_READY: u8 = 1 << 0;
const TRANSMIT_EMPTY: u8 = 1 << 5;

/// Sets COM1 to 115200 baud, 8 data bits, no parity, one stop bit, no interrupts.
pub fn init() {
    // SAFETY: 0x3f8..0x3ff is COM1 on every PC-compatible machine; this is the documented
    // 16550 initialisation order (divisor latch, then line format, then FIFOs).
    unsafe {
        outb(INTERRUPT_ENABLE, 0x00);
        outb(LINE_CONTROL, 0x80); // divisor latch access
        outb(DATA, 0x01); // divisor low byte: 115200 / 1
        outb(INTERRUPT_ENABLE, 0x00); // divisor high byte
        outb(LINE_CONTROL, 0x03); // 8N1, latch off
        outb(FIFO_CONTROL, 0xc7); // enable and clear FIFOs
        outb(MODEM_CONTROL, 0x03); // DTR + RTS
    }
}

fn write_byte(byte: u8) {
    // SAFETY: reading the line status and writing the data register of COM1 is the transmit
    // protocol; we wait for the holding register to be empty first.
    unsafe {
        while inb(LINE_STATUS) & TRANSMIT_EMPTY == 0 {
            crate::arch::spin_hint();
        }
        outb(DATA, byte);
    }
}

/// Reads one received byte, if any (never waits).
pub fn read_byte() -> Option<u8> {
    // SAFETY: reading the line status and then the data register of COM1 is the receive
    // protocol; the data register is only read when "data ready" is set.
    unsafe {
        if inb(LINE_STATUS) & DATA_READY != 0 {
            Some(inb(DATA))
        } else {
            None
        }
    }
}

/// A `fmt::Write` sink for COM1 that turns `\n` into `\r\n`.
pub struct SerialWriter;

impl Write for SerialWriter {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        for byte in text.bytes() {
            if byte == b'\n' {
                write_byte(b'\r');
            }
            write_byte(byte);
        }
        Ok(())
    }
}

/// Writes formatted text to COM1 (used by the `log!` macro).
#[cfg(target_os = "uefi")]
pub fn print(args: fmt::Arguments) {
    let _ = SerialWriter.write_fmt(args);
}

/// In host tests the log goes to standard output instead of the UART.
#[cfg(not(target_os = "uefi"))]
pub fn print(args: fmt::Arguments) {
    std::print!("{args}");
}

/// Writes one line to the serial log: `log!("boot: exited boot services")`.
#[macro_export]
macro_rules! log {
    ($($arg:tt)*) => {{
        $crate::serial::print(format_args!($($arg)*));
        $crate::serial::print(format_args!("\n"));
    }};
}
