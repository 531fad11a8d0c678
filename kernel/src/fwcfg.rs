//! QEMU's firmware configuration device: named files the host passes to the guest.
//!
//! `-fw_cfg name=opt/os/resolution,string=1366x768` makes a file `opt/os/resolution` readable
//! through two I/O ports (QEMU docs/specs/fw_cfg.rst): write a 16-bit *selector* to 0x510,
//! then read the item byte by byte from 0x511. Selector 0 holds the signature "QEMU";
//! selector 0x19 holds the file directory: a big-endian count, then 64-byte entries
//! (be32 size, be16 selector, be16 reserved, 56-byte NUL-terminated name). Selectors of
//! `opt/` files change between runs, so files are always looked up by name.

use alloc::string::String;
use alloc::vec::Vec;

const SELECTOR_PORT: u16 = 0x510;
const DATA_PORT: u16 = 0x511;
const SIGNATURE: u16 = 0x0000;
const FILE_DIRECTORY: u16 = 0x0019;
const ENTRY_SIZE: usize = 64;

/// One entry of the file directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileEntry {
    pub name: String,
    pub selector: u16,
    pub size: u32,
}

/// Parses the directory bytes (count + entries); a truncated directory yields what fits.
pub fn parse_directory(bytes: &[u8]) -> Vec<FileEntry> {
    let Some(count) = bytes.get(..4) else {
        return Vec::new();
    };
    let count = u32::from_be_bytes([count[0], count[1], count[2], count[3]]) as usize;
    bytes[4..]
        .chunks_exact(ENTRY_SIZE)
        .take(count)
        .map(|entry| {
            let name = &entry[8..];
            let end = name.iter().position(|&b| b == 0).unwrap_or(name.len());
            FileEntry {
                size: u32::from_be_bytes([entry[0], entry[1], entry[2], entry[3]]),
                selector: u16::from_be_bytes([entry[4], entry[5]]),
                name: String::from_utf8_lossy(&name[..end]).into_owned(),
            }
        })
        .collect()
}

/// The fw_cfg device, when present.
pub struct FwCfg {
    files: Vec<FileEntry>,
}

fn read_item(selector: u16, length: usize) -> Vec<u8> {
    // SAFETY: 0x510/0x511 are QEMU's fw_cfg ports: selecting an item and reading its bytes
    // has no other effect. Callers check the signature before trusting anything read.
    unsafe {
        crate::arch::outw(SELECTOR_PORT, selector);
        (0..length).map(|_| crate::arch::inb(DATA_PORT)).collect()
    }
}

impl FwCfg {
    /// Finds the device and reads its directory; None on machines without fw_cfg.
    pub fn probe() -> Option<FwCfg> {
        if read_item(SIGNATURE, 4) != b"QEMU" {
            return None;
        }
        let count_bytes = read_item(FILE_DIRECTORY, 4);
        let count = u32::from_be_bytes([
            count_bytes[0],
            count_bytes[1],
            count_bytes[2],
            count_bytes[3],
        ])
        .min(4096) as usize;
        let directory = read_item(FILE_DIRECTORY, 4 + count * ENTRY_SIZE);
        Some(FwCfg {
            files: parse_directory(&directory),
        })
    }

    /// Reads a whole file by name, at most `limit` bytes.
    pub fn read(&self, name: &str, limit: usize) -> Option<Vec<u8>> {
        let entry = self.files.iter().find(|f| f.name == name)?;
        Some(read_item(entry.selector, (entry.size as usize).min(limit)))
    }

    /// Reads a small text file (a setting), trimmed.
    pub fn read_string(&self, name: &str) -> Option<String> {
        let bytes = self.read(name, 4096)?;
        Some(String::from_utf8_lossy(&bytes).trim().into())
    }
}

/// Parses a `WIDTHxHEIGHT` setting within sane bounds.
pub fn parse_resolution(text: &str) -> Option<(u32, u32)> {
    let (w, h) = text.trim().split_once(['x', 'X'])?;
    let (w, h) = (w.trim().parse::<u32>().ok()?, h.trim().parse::<u32>().ok()?);
    ((320..=7680).contains(&w) && (200..=4320).contains(&h)).then_some((w, h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directory_parses_and_survives_truncation() {
        let mut bytes = 2u32.to_be_bytes().to_vec();
        for (name, selector, size) in [("opt/os/resolution", 0x20u16, 9u32), ("etc/e820", 0x21, 40)]
        {
            let mut entry = [0u8; 64];
            entry[..4].copy_from_slice(&size.to_be_bytes());
            entry[4..6].copy_from_slice(&selector.to_be_bytes());
            entry[8..8 + name.len()].copy_from_slice(name.as_bytes());
            bytes.extend_from_slice(&entry);
        }
        let files = parse_directory(&bytes);
        assert_eq!(
            files[0],
            FileEntry {
                name: "opt/os/resolution".into(),
                selector: 0x20,
                size: 9
            }
        );
        assert_eq!(files[1].name, "etc/e820");
        assert_eq!(parse_directory(&bytes[..70]).len(), 1);
        assert!(parse_directory(&bytes[..3]).is_empty());
    }

    #[test]
    fn resolutions() {
        assert_eq!(parse_resolution("1366x768"), Some((1366, 768)));
        assert_eq!(parse_resolution(" 1920X1080\n"), Some((1920, 1080)));
        assert_eq!(parse_resolution("99999x1"), None);
        assert_eq!(parse_resolution("wide"), None);
    }
}
