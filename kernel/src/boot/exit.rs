//! Leaving the firmware: fetch the memory map and call ExitBootServices.
//!
//! UEFI 2.10 §7.4.6: ExitBootServices takes the key of the *current* memory map. Any
//! allocation in between (even the firmware's own) changes the key, and the call then fails
//! with EFI_INVALID_PARAMETER; the loader must fetch the map again and retry. The buffer for
//! the map is allocated once with room to spare, so the retry allocates nothing.

use super::uefi::{BootServices, Handle, MemoryDescriptor, MemoryType, Status};

/// The firmware's memory map, as it was when boot services ended.
pub struct MemoryMap {
    buffer: *const u8,
    size: usize,
    descriptor_size: usize,
}

impl MemoryMap {
    /// Walks the descriptors, stepping by the size the firmware reported.
    pub fn descriptors(&self) -> impl Iterator<Item = MemoryDescriptor> + '_ {
        let count = self.size / self.descriptor_size;
        (0..count).map(move |i| {
            // SAFETY: `buffer` holds `size` bytes written by GetMemoryMap and is never freed
            // (it is LoaderData, which the heap does not claim); each descriptor starts at a
            // multiple of `descriptor_size` < `size`, and `read_unaligned` has no alignment
            // requirement.
            unsafe {
                (self.buffer.add(i * self.descriptor_size) as *const MemoryDescriptor)
                    .read_unaligned()
            }
        })
    }
}

/// Why the firmware could not be left (each with the firmware's status).
#[derive(Debug)]
pub enum ExitError {
    /// GetMemoryMap failed with this status.
    MemoryMap(Status),
    /// AllocatePool for the map buffer failed.
    Allocate(Status),
    /// ExitBootServices kept failing.
    Exit(Status),
}

impl ExitError {
    /// The failing call's name and its EFI_STATUS.
    pub fn describe(&self) -> (&'static str, usize) {
        match self {
            ExitError::MemoryMap(s) => ("GetMemoryMap", s.0),
            ExitError::Allocate(s) => ("AllocatePool", s.0),
            ExitError::Exit(s) => ("ExitBootServices", s.0),
        }
    }
}

/// Fetches the memory map and exits boot services, retrying when the map key goes stale.
///
/// # Safety
/// `boot_services` must be the firmware's live table and `image` our image handle. After a
/// successful return no boot service may be called again.
pub unsafe fn exit_boot_services(
    boot_services: &BootServices,
    image: Handle,
) -> Result<MemoryMap, ExitError> {
    let mut size = 0usize;
    let mut key = 0usize;
    let mut descriptor_size = 0usize;
    let mut version = 0u32;
    // SAFETY: a size of zero asks only for the required size; no buffer is written.
    let status = unsafe {
        (boot_services.get_memory_map)(
            &mut size,
            core::ptr::null_mut(),
            &mut key,
            &mut descriptor_size,
            &mut version,
        )
    };
    if status != Status::BUFFER_TOO_SMALL {
        return Err(ExitError::MemoryMap(status));
    }
    // The pool allocation itself adds descriptors: leave room for a few more.
    let capacity = size + 8 * descriptor_size.max(48);
    let mut buffer = core::ptr::null_mut();
    // SAFETY: boot services are still active; `buffer` receives a pool pointer.
    let status =
        unsafe { (boot_services.allocate_pool)(MemoryType::LOADER_DATA, capacity, &mut buffer) };
    if status.is_error() {
        return Err(ExitError::Allocate(status));
    }
    let mut last = Status::SUCCESS;
    for _attempt in 0..8 {
        size = capacity;
        // SAFETY: `buffer` has `capacity` bytes and `size` says so.
        let status = unsafe {
            (boot_services.get_memory_map)(
                &mut size,
                buffer,
                &mut key,
                &mut descriptor_size,
                &mut version,
            )
        };
        if status.is_error() {
            return Err(ExitError::MemoryMap(status));
        }
        // SAFETY: `key` is the key of the map just read; nothing was allocated since.
        last = unsafe { (boot_services.exit_boot_services)(image, key) };
        if last == Status::SUCCESS {
            return Ok(MemoryMap {
                buffer,
                size,
                descriptor_size,
            });
        }
    }
    Err(ExitError::Exit(last))
}
