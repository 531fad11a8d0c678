//! Checked access to an app's linear memory.
//!
//! Every `(ptr, len)` an app passes is an untrusted pair of i32s. [`range`] turns it into a
//! byte range only if it lies wholly inside the memory (no negative values, no overflow when
//! added); every system call goes through it before touching app memory, so a hostile app
//! gets `Error::BadPointer`, never a kernel fault.

use abi::Error;
use core::ops::Range;

/// The byte range `ptr..ptr + len` of a memory of `size` bytes, if it fits.
pub fn range(ptr: i32, len: i32, size: usize) -> Result<Range<usize>, Error> {
    if ptr < 0 || len < 0 {
        return Err(Error::BadPointer);
    }
    let start = ptr as usize;
    let end = start.checked_add(len as usize).ok_or(Error::BadPointer)?;
    if end > size {
        return Err(Error::BadPointer);
    }
    Ok(start..end)
}

/// Reads `len` bytes at `ptr`.
pub fn read(memory: &[u8], ptr: i32, len: i32) -> Result<&[u8], Error> {
    Ok(&memory[range(ptr, len, memory.len())?])
}

/// A mutable view of `len` bytes at `ptr`.
pub fn write(memory: &mut [u8], ptr: i32, len: i32) -> Result<&mut [u8], Error> {
    let r = range(ptr, len, memory.len())?;
    Ok(&mut memory[r])
}

/// Writes `bytes` at `ptr`.
pub fn put(memory: &mut [u8], ptr: i32, bytes: &[u8]) -> Result<(), Error> {
    let len = i32::try_from(bytes.len()).map_err(|_| Error::InvalidArgument)?;
    write(memory, ptr, len)?.copy_from_slice(bytes);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_ranges_are_rejected() {
        let memory = [0u8; 100];
        assert_eq!(range(0, 100, 100), Ok(0..100));
        assert_eq!(range(100, 0, 100), Ok(100..100));
        assert_eq!(range(99, 2, 100), Err(Error::BadPointer));
        assert_eq!(range(-1, 1, 100), Err(Error::BadPointer));
        assert_eq!(range(1, -1, 100), Err(Error::BadPointer));
        assert_eq!(range(i32::MAX, i32::MAX, 100), Err(Error::BadPointer));
        assert_eq!(read(&memory, 101, 0).err(), Some(Error::BadPointer));
        let mut memory = [0u8; 8];
        put(&mut memory, 4, &[1, 2, 3, 4]).unwrap();
        assert_eq!(memory, [0, 0, 0, 0, 1, 2, 3, 4]);
        assert_eq!(put(&mut memory, 5, &[1, 2, 3, 4]), Err(Error::BadPointer));
    }
}
