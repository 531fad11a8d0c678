//! Reading the boot drive's `\apps\*.wasm` before the firmware goes away.
//!
//! The drive we booted from is reached through three UEFI protocols: the Loaded Image
//! protocol (UEFI 2.10 §9.1) names our device handle; that handle carries the Simple File
//! System protocol (§13.4), whose volume root is an EFI_FILE_PROTOCOL (§13.5). Reading a
//! directory with `Read` yields one EFI_FILE_INFO (§13.5.16) per entry.
//!
//! This runs before the kernel has a heap, so buffers come from the firmware's pool as
//! LoaderData, which the heap never claims: they stay valid after ExitBootServices.

use super::uefi::{BootServices, Guid, Handle, MemoryType, Status};
use core::ffi::c_void;

const LOADED_IMAGE: Guid = Guid(
    0x5b1b31a1,
    0x9562,
    0x11d2,
    [0x8e, 0x3f, 0x00, 0xa0, 0xc9, 0x69, 0x72, 0x3b],
);
const SIMPLE_FILE_SYSTEM: Guid = Guid(
    0x964e5b22,
    0x6459,
    0x11d2,
    [0x8e, 0x39, 0x00, 0xa0, 0xc9, 0x69, 0x72, 0x3b],
);

/// `EFI_LOADED_IMAGE_PROTOCOL` (§9.1), up to the field we need.
#[repr(C)]
struct LoadedImage {
    revision: u32,
    parent_handle: Handle,
    system_table: *const c_void,
    device_handle: Handle,
}

/// `EFI_SIMPLE_FILE_SYSTEM_PROTOCOL` (§13.4).
#[repr(C)]
struct SimpleFileSystem {
    revision: u64,
    open_volume:
        unsafe extern "efiapi" fn(this: *mut SimpleFileSystem, root: *mut *mut File) -> Status,
}

/// `EFI_FILE_PROTOCOL` (§13.5), up to `Read`.
#[repr(C)]
struct File {
    revision: u64,
    open: unsafe extern "efiapi" fn(
        this: *mut File,
        new: *mut *mut File,
        name: *const u16,
        mode: u64,
        attributes: u64,
    ) -> Status,
    close: unsafe extern "efiapi" fn(this: *mut File) -> Status,
    delete: usize,
    read: unsafe extern "efiapi" fn(this: *mut File, size: *mut usize, buffer: *mut u8) -> Status,
}

const MODE_READ: u64 = 1;
const ATTRIBUTE_DIRECTORY: u64 = 0x10;
/// Offset of `FileName` in EFI_FILE_INFO: Size, FileSize, PhysicalSize, three EFI_TIMEs,
/// Attribute.
const INFO_NAME: usize = 8 * 3 + 16 * 3 + 8;

/// Files found; fixed capacity because there is no heap yet.
pub const MAX_FILES: usize = 32;

/// One file read from `\apps`.
#[derive(Clone, Copy)]
pub struct BootFile {
    /// The name without `.wasm`, ASCII.
    pub name: [u8; 48],
    pub name_len: usize,
    /// Pool memory holding the contents (LoaderData, never freed).
    pub data: *const u8,
    pub len: usize,
}

impl BootFile {
    pub fn name(&self) -> &str {
        core::str::from_utf8(&self.name[..self.name_len]).unwrap_or("?")
    }

    /// The file's bytes.
    pub fn bytes(&self) -> &[u8] {
        // SAFETY: `data` points at `len` bytes of LoaderData pool memory filled by `Read`,
        // which nothing frees or reuses.
        unsafe { core::slice::from_raw_parts(self.data, self.len) }
    }
}

/// Everything read, plus what went wrong (for the log once it is up).
pub struct BootFiles {
    pub files: [Option<BootFile>; MAX_FILES],
    /// A short description of the first failure, if any ("no \apps folder" is not one).
    pub problem: Option<&'static str>,
}

fn utf16(text: &str, out: &mut [u16; 64]) -> *const u16 {
    let mut i = 0;
    for unit in text.encode_utf16().take(63) {
        out[i] = unit;
        i += 1;
    }
    out[i] = 0;
    out.as_ptr()
}

/// Reads every `\apps\*.wasm` of the boot drive (up to [`MAX_FILES`], 16 MiB each).
///
/// # Safety
/// Boot services must still be active and `image` must be our image handle.
pub unsafe fn read_apps(bs: &BootServices, image: Handle) -> BootFiles {
    let mut result = BootFiles {
        files: [None; MAX_FILES],
        problem: None,
    };
    let mut loaded: *mut c_void = core::ptr::null_mut();
    // SAFETY: HandleProtocol on our own image handle with the Loaded Image GUID.
    if unsafe { (bs.handle_protocol)(image, &LOADED_IMAGE, &mut loaded) }.is_error() {
        result.problem = Some("no loaded-image protocol");
        return result;
    }
    // SAFETY: the firmware returned a Loaded Image protocol instance.
    let device = unsafe { (*(loaded as *const LoadedImage)).device_handle };
    let mut fs: *mut c_void = core::ptr::null_mut();
    // SAFETY: HandleProtocol on the boot device handle.
    if unsafe { (bs.handle_protocol)(device, &SIMPLE_FILE_SYSTEM, &mut fs) }.is_error() {
        result.problem = Some("boot device has no file system");
        return result;
    }
    let fs = fs as *mut SimpleFileSystem;
    let mut root: *mut File = core::ptr::null_mut();
    // SAFETY: `fs` is a live Simple File System protocol.
    if unsafe { ((*fs).open_volume)(fs, &mut root) }.is_error() {
        result.problem = Some("cannot open the boot volume");
        return result;
    }
    let mut name16 = [0u16; 64];
    let mut apps: *mut File = core::ptr::null_mut();
    // SAFETY: `root` is an open directory; the name is NUL-terminated UCS-2.
    let status =
        unsafe { ((*root).open)(root, &mut apps, utf16("apps", &mut name16), MODE_READ, 0) };
    if status.is_error() {
        return result; // no \apps folder: nothing to load
    }
    let mut info = [0u64; 128]; // 1 KiB, 8-aligned
    let mut count = 0;
    loop {
        let mut size = core::mem::size_of_val(&info);
        // SAFETY: `apps` is an open directory; `info` has `size` bytes.
        let status = unsafe { ((*apps).read)(apps, &mut size, info.as_mut_ptr() as *mut u8) };
        if status.is_error() || size == 0 || count == MAX_FILES {
            break;
        }
        // SAFETY: `info` holds `size` bytes of EFI_FILE_INFO; reading it as bytes is fine.
        let bytes = unsafe { core::slice::from_raw_parts(info.as_ptr() as *const u8, size) };
        let field = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap_or([0; 8]));
        let (file_size, attributes) = (field(8), field(INFO_NAME - 8));
        let name: &[u16] = &bytemuck_u16(&bytes[INFO_NAME.min(bytes.len())..]);
        let mut ascii = [0u8; 48];
        let mut len = 0;
        for &unit in name.iter().take_while(|&&u| u != 0) {
            if len == ascii.len() || !(0x20..0x7f).contains(&unit) {
                len = usize::MAX;
                break;
            }
            ascii[len] = unit as u8;
            len += 1;
        }
        if attributes & ATTRIBUTE_DIRECTORY != 0 || len == usize::MAX || len < 6 {
            continue;
        }
        if !ascii[..len].ends_with(b".wasm") || file_size == 0 || file_size > 16 << 20 {
            continue;
        }
        // SAFETY: boot services are active and `apps` is an open directory.
        if let Some(file) = unsafe { read_file(bs, apps, &ascii[..len], file_size as usize) } {
            let mut name = [0u8; 48];
            name[..len - 5].copy_from_slice(&ascii[..len - 5]);
            result.files[count] = Some(BootFile {
                name,
                name_len: len - 5,
                data: file.0,
                len: file.1,
            });
            count += 1;
        } else {
            result.problem = Some("a file in \\apps could not be read");
        }
    }
    result
}

/// The UCS-2 units of a byte slice (pairs of little-endian bytes).
fn bytemuck_u16(bytes: &[u8]) -> [u16; 256] {
    let mut units = [0u16; 256];
    for (unit, pair) in units.iter_mut().zip(bytes.chunks_exact(2)) {
        *unit = u16::from_le_bytes([pair[0], pair[1]]);
    }
    units
}

/// Reads one file of `dir` into pool memory.
///
/// # Safety
/// Boot services are active and `dir` is an open directory.
unsafe fn read_file(
    bs: &BootServices,
    dir: *mut File,
    name: &[u8],
    size: usize,
) -> Option<(*const u8, usize)> {
    let mut name16 = [0u16; 64];
    for (unit, &byte) in name16.iter_mut().zip(name.iter().take(63)) {
        *unit = byte as u16;
    }
    let mut file: *mut File = core::ptr::null_mut();
    // SAFETY: `dir` is open; the name is NUL-terminated (the array is zero past `name`).
    if unsafe { ((*dir).open)(dir, &mut file, name16.as_ptr(), MODE_READ, 0) }.is_error() {
        return None;
    }
    let mut buffer: *mut u8 = core::ptr::null_mut();
    // SAFETY: a pool allocation of `size` bytes as LoaderData.
    let status = unsafe { (bs.allocate_pool)(MemoryType::LOADER_DATA, size, &mut buffer) };
    let mut read = size;
    // SAFETY: `file` is open and `buffer` has `size` bytes.
    let ok = !status.is_error() && !unsafe { ((*file).read)(file, &mut read, buffer) }.is_error();
    // SAFETY: closing the file we opened.
    unsafe { ((*file).close)(file) };
    (ok && read == size).then_some((buffer as *const u8, size))
}
