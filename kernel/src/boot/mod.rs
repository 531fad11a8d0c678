//! Everything that happens while the firmware still runs the machine, and the firmware calls
//! that stay available after it stops (the real-time clock and reset).

pub mod exit;
pub mod files;
pub mod uefi;

use crate::clock::DateTime;
use uefi::{RuntimeServices, Status, Time};

/// The UEFI runtime services, usable for the life of the machine (UEFI §8).
#[derive(Clone, Copy)]
pub struct Firmware {
    runtime: *const RuntimeServices,
}

impl Firmware {
    /// Wraps the runtime-services table from the system table.
    ///
    /// # Safety
    /// `runtime` must be the firmware's runtime-services table (it stays mapped: we keep the
    /// identity map and never call SetVirtualAddressMap).
    pub unsafe fn new(runtime: *const RuntimeServices) -> Firmware {
        Firmware { runtime }
    }

    /// Reads the real-time clock (GetTime, UEFI §8.3.1); None if the firmware fails.
    pub fn time(&self) -> Option<DateTime> {
        let mut time = Time::default();
        // SAFETY: `runtime` is the live table (see `new`); GetTime writes one EFI_TIME and
        // accepts a null capabilities pointer.
        let status = unsafe { ((*self.runtime).get_time)(&mut time, core::ptr::null_mut()) };
        if status != Status::SUCCESS || time.month == 0 || time.day == 0 {
            return None;
        }
        // EFI_TIME is local time `time_zone` minutes from UTC (2047: unspecified, take UTC).
        let local = DateTime {
            year: time.year as u32,
            month: time.month as u32,
            day: time.day as u32,
            hour: time.hour as u32,
            minute: time.minute as u32,
            second: time.second as u32,
        };
        let offset = if time.time_zone == 2047 {
            0
        } else {
            time.time_zone as i64 * 60
        };
        Some(DateTime::from_unix(local.to_unix() - offset))
    }

    /// Restarts the machine (ResetSystem, UEFI §8.5.1).
    pub fn reset(&self) -> ! {
        // SAFETY: ResetSystem with EfiResetCold never returns and takes no data.
        unsafe {
            ((*self.runtime).reset_system)(uefi::RESET_COLD, Status::SUCCESS, 0, core::ptr::null())
        }
    }
}
