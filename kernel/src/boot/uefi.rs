//! The raw UEFI layer: the few firmware tables and calls the kernel uses, written by hand.
//!
//! UEFI 2.10 §4 describes the tables the firmware hands to an application: the System Table
//! (§4.3) points at the Boot Services (§4.4, usable until ExitBootServices) and the Runtime
//! Services (§4.5, usable for the whole life of the machine). Each table is a `repr(C)` struct
//! that mirrors the spec field by field. Slots we never call are kept as plain `usize` so the
//! offsets of the ones we do call stay right.
//!
//! Values the firmware returns (status codes, memory types) are integer newtypes with named
//! constants, never Rust enums: firmware may return values we do not know.

use core::ffi::c_void;

/// An opaque firmware handle (UEFI §4.1, `EFI_HANDLE`).
pub type Handle = *mut c_void;

/// `EFI_STATUS` (UEFI Appendix D): zero is success, the high bit marks errors.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(transparent)]
pub struct Status(pub usize);

impl Status {
    pub const SUCCESS: Status = Status(0);
    pub const BUFFER_TOO_SMALL: Status = Status(usize::MAX / 2 + 1 + 5);

    /// True for every error code (the high bit is set).
    pub fn is_error(self) -> bool {
        self.0 & (1 << (usize::BITS - 1)) != 0
    }
}

/// `EFI_TABLE_HEADER` (UEFI §4.2), at the start of every table.
#[repr(C)]
pub struct TableHeader {
    /// A 64-bit value identifying the table type.
    pub signature: u64,
    /// The UEFI revision the table conforms to.
    pub revision: u32,
    /// Size of the whole table in bytes.
    pub header_size: u32,
    /// CRC32 of the table.
    pub crc32: u32,
    /// Must be zero.
    pub reserved: u32,
}

/// `EFI_SYSTEM_TABLE` (UEFI §4.3).
#[repr(C)]
pub struct SystemTable {
    pub header: TableHeader,
    /// Null-terminated UCS-2 vendor name.
    pub firmware_vendor: *const u16,
    pub firmware_revision: u32,
    pub console_in_handle: Handle,
    pub con_in: *mut c_void,
    pub console_out_handle: Handle,
    pub con_out: *mut c_void,
    pub standard_error_handle: Handle,
    pub std_err: *mut c_void,
    pub runtime_services: *const RuntimeServices,
    pub boot_services: *const BootServices,
    pub number_of_table_entries: usize,
    pub configuration_table: *const c_void,
}

/// `EFI_BOOT_SERVICES` (UEFI §4.4). Only the calls we use have a type.
#[repr(C)]
pub struct BootServices {
    pub header: TableHeader,
    raise_tpl: usize,
    restore_tpl: usize,
    pub allocate_pages: unsafe extern "efiapi" fn(
        alloc_type: u32,
        memory_type: MemoryType,
        pages: usize,
        memory: *mut u64,
    ) -> Status,
    free_pages: usize,
    pub get_memory_map: unsafe extern "efiapi" fn(
        map_size: *mut usize,
        map: *mut u8,
        map_key: *mut usize,
        descriptor_size: *mut usize,
        descriptor_version: *mut u32,
    ) -> Status,
    pub allocate_pool: unsafe extern "efiapi" fn(
        pool_type: MemoryType,
        size: usize,
        buffer: *mut *mut u8,
    ) -> Status,
    pub free_pool: unsafe extern "efiapi" fn(buffer: *mut u8) -> Status,
    create_event: usize,
    set_timer: usize,
    wait_for_event: usize,
    signal_event: usize,
    close_event: usize,
    check_event: usize,
    install_protocol_interface: usize,
    reinstall_protocol_interface: usize,
    uninstall_protocol_interface: usize,
    pub handle_protocol: unsafe extern "efiapi" fn(
        handle: Handle,
        protocol: *const Guid,
        interface: *mut *mut c_void,
    ) -> Status,
    reserved: usize,
    register_protocol_notify: usize,
    locate_handle: usize,
    locate_device_path: usize,
    install_configuration_table: usize,
    load_image: usize,
    start_image: usize,
    exit: usize,
    unload_image: usize,
    pub exit_boot_services: unsafe extern "efiapi" fn(image: Handle, map_key: usize) -> Status,
    get_next_monotonic_count: usize,
    /// Busy-waits at least `microseconds` (UEFI §7.5.2).
    pub stall: unsafe extern "efiapi" fn(microseconds: usize) -> Status,
    pub set_watchdog_timer: unsafe extern "efiapi" fn(
        timeout: usize,
        code: u64,
        data_size: usize,
        data: *const u16,
    ) -> Status,
}

/// `EFI_RUNTIME_SERVICES` (UEFI §4.5). Only the calls we use have a type.
#[repr(C)]
pub struct RuntimeServices {
    pub header: TableHeader,
    pub get_time: unsafe extern "efiapi" fn(time: *mut Time, capabilities: *mut c_void) -> Status,
    set_time: usize,
    get_wakeup_time: usize,
    set_wakeup_time: usize,
    set_virtual_address_map: usize,
    convert_pointer: usize,
    get_variable: usize,
    get_next_variable_name: usize,
    set_variable: usize,
    get_next_high_monotonic_count: usize,
    pub reset_system: unsafe extern "efiapi" fn(
        reset_type: u32,
        status: Status,
        data_size: usize,
        data: *const c_void,
    ) -> !,
}

/// `EFI_RESET_TYPE` values (UEFI §8.5.1).
pub const RESET_COLD: u32 = 0;

/// `EFI_TIME` (UEFI §8.3): a calendar time as the real-time clock keeps it.
#[repr(C)]
#[derive(Clone, Copy, Default, Debug)]
pub struct Time {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    pad1: u8,
    pub nanosecond: u32,
    /// Minutes from UTC, or 2047 when unspecified.
    pub time_zone: i16,
    pub daylight: u8,
    pad2: u8,
}

/// `EFI_MEMORY_TYPE` (UEFI §7.2.1).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(transparent)]
pub struct MemoryType(pub u32);

impl MemoryType {
    pub const LOADER_DATA: MemoryType = MemoryType(2);
    pub const CONVENTIONAL: MemoryType = MemoryType(7);
}

/// `EFI_MEMORY_DESCRIPTOR` (UEFI §7.2.3). The firmware's descriptors may be larger than this
/// struct (48 bytes on OVMF): always step through a map by the size the firmware reports.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct MemoryDescriptor {
    pub memory_type: MemoryType,
    pub physical_start: u64,
    pub virtual_start: u64,
    pub number_of_pages: u64,
    pub attribute: u64,
}

/// A UEFI page is always 4 KiB.
pub const PAGE_SIZE: u64 = 4096;

/// `EFI_GUID` (UEFI Appendix A).
#[repr(C)]
pub struct Guid(pub u32, pub u16, pub u16, pub [u8; 8]);

const _: () = assert!(core::mem::size_of::<Time>() == 16);
const _: () = assert!(core::mem::size_of::<MemoryDescriptor>() == 40);
const _: () = assert!(core::mem::size_of::<TableHeader>() == 24);
