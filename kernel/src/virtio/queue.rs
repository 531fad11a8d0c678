//! The split virtqueue (VirtIO 1.2 §2.7): how a driver and a device share buffers.
//!
//! A queue of `size` entries lives in three areas of memory both sides can see:
//!
//! - the **descriptor table** (§2.7.5): `size` descriptors, each an address, a length, flags
//!   (`NEXT`: the chain goes on at `next`; `WRITE`: the device writes this buffer);
//! - the **available ring** (§2.7.6), written by the driver: the head descriptor of each chain
//!   it offers, and an index counting them;
//! - the **used ring** (§2.7.8), written by the device: the head of each chain it finished,
//!   the number of bytes it wrote, and an index counting them.
//!
//! The driver never waits on an interrupt: it polls the used index (§2.7.13 describes the
//! driver side; §2.7.14 polling). Free descriptors are kept in a list threaded through their
//! `next` fields. Memory barriers order the ring writes as §2.7.13.3 requires.
//!
//! The queue is plain memory logic; it is tested on the host against a simulated device
//! ([`tests`]) that reads and writes the same rings.

use alloc::alloc::{alloc_zeroed, dealloc};
use core::alloc::Layout;
use core::ptr::{read_volatile, write_volatile};
use core::sync::atomic::{fence, Ordering};

/// Descriptor flag: the chain continues at `next` (§2.7.5).
pub const DESC_NEXT: u16 = 1;
/// Descriptor flag: the device writes this buffer (§2.7.5).
pub const DESC_WRITE: u16 = 2;

/// One descriptor-table entry (§2.7.5).
#[repr(C)]
#[derive(Clone, Copy, Default, Debug)]
pub struct Descriptor {
    /// Guest-physical address of the buffer.
    pub address: u64,
    /// Length of the buffer in bytes.
    pub length: u32,
    /// `DESC_NEXT`, `DESC_WRITE`.
    pub flags: u16,
    /// Index of the next descriptor when `DESC_NEXT` is set.
    pub next: u16,
}

const _: () = assert!(core::mem::size_of::<Descriptor>() == 16);

/// One buffer of a chain offered to the device.
#[derive(Clone, Copy, Debug)]
pub struct Buffer {
    pub address: u64,
    pub length: u32,
    /// True when the device writes it (a response or received data).
    pub device_writes: bool,
}

/// A chain the device has finished with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Used {
    /// The head descriptor returned by [`SplitQueue::push`].
    pub head: u16,
    /// Bytes the device wrote into the chain's writable buffers.
    pub written: u32,
}

/// Why a chain could not be offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueueError {
    /// Not enough free descriptors for the chain.
    Full,
    /// A chain needs at least one buffer.
    Empty,
}

/// A split virtqueue owned by a driver.
pub struct SplitQueue {
    size: u16,
    memory: *mut u8,
    layout: Layout,
    descriptors: *mut Descriptor,
    available: *mut u16,
    used: *mut u8,
    free_head: u16,
    free_count: u16,
    available_index: u16,
    last_used: u16,
}

/// Byte offsets of the three areas inside one allocation.
fn areas(size: u16) -> (usize, usize, usize) {
    let size = size as usize;
    let descriptors = 0;
    let available = descriptors + 16 * size;
    // flags, idx, ring[size], used_event
    let used = (available + 4 + 2 * size + 2 + 3) & !3;
    // flags, idx, ring[size] of (id u32, len u32), avail_event
    let end = used + 4 + 8 * size + 2;
    (available, used, end)
}

impl SplitQueue {
    /// Allocates a zeroed queue of `size` entries (a power of two, at most 32768).
    pub fn new(size: u16) -> Option<SplitQueue> {
        if size == 0 || !size.is_power_of_two() || size > 32768 {
            return None;
        }
        let (available, used, end) = areas(size);
        let layout = Layout::from_size_align(end, 4096).ok()?;
        // SAFETY: the layout has a non-zero size.
        let memory = unsafe { alloc_zeroed(layout) };
        if memory.is_null() {
            return None;
        }
        let descriptors = memory as *mut Descriptor;
        // Thread the free list through every descriptor.
        for i in 0..size {
            // SAFETY: `i < size`, inside the descriptor table we just allocated.
            unsafe { (*descriptors.add(i as usize)).next = i.wrapping_add(1) };
        }
        Some(SplitQueue {
            size,
            memory,
            layout,
            descriptors,
            // SAFETY: both offsets are inside the allocation (see `areas`).
            available: unsafe { memory.add(available) } as *mut u16,
            // SAFETY: as above.
            used: unsafe { memory.add(used) },
            free_head: 0,
            free_count: size,
            available_index: 0,
            last_used: 0,
        })
    }

    /// Number of entries.
    pub fn size(&self) -> u16 {
        self.size
    }

    /// Free descriptors left.
    #[cfg(test)]
    pub fn free_descriptors(&self) -> u16 {
        self.free_count
    }

    /// Physical addresses of the descriptor table, available ring and used ring, for the
    /// transport's queue registers (the identity map makes pointers physical addresses).
    pub fn addresses(&self) -> (u64, u64, u64) {
        (
            self.descriptors as u64,
            self.available as u64,
            self.used as u64,
        )
    }

    /// Offers a chain of buffers to the device; returns its head descriptor.
    ///
    /// # Safety
    /// Every buffer must stay valid (and, for `device_writes`, unaliased) until the chain
    /// comes back from [`SplitQueue::pop_used`]: the device reads or writes it meanwhile.
    pub unsafe fn push(&mut self, buffers: &[Buffer]) -> Result<u16, QueueError> {
        if buffers.is_empty() {
            return Err(QueueError::Empty);
        }
        if buffers.len() > self.free_count as usize {
            return Err(QueueError::Full);
        }
        let head = self.free_head;
        let mut index = head;
        for (i, buffer) in buffers.iter().enumerate() {
            // SAFETY: `index` came from the free list, so it is < size.
            let descriptor = unsafe { &mut *self.descriptors.add(index as usize) };
            let next_free = descriptor.next;
            descriptor.address = buffer.address;
            descriptor.length = buffer.length;
            descriptor.flags = if buffer.device_writes { DESC_WRITE } else { 0 };
            if i + 1 < buffers.len() {
                descriptor.flags |= DESC_NEXT;
                descriptor.next = next_free;
            }
            index = next_free;
        }
        self.free_head = index;
        self.free_count -= buffers.len() as u16;
        // §2.7.13.2: place the head in the ring, then (after a barrier) bump the index.
        let slot = (self.available_index % self.size) as usize;
        // SAFETY: ring entries are at `available + 2 + slot` (u16 units), slot < size.
        unsafe { write_volatile(self.available.add(2 + slot), head) };
        fence(Ordering::SeqCst);
        self.available_index = self.available_index.wrapping_add(1);
        // SAFETY: the available index is the second u16 of the ring.
        unsafe { write_volatile(self.available.add(1), self.available_index) };
        fence(Ordering::SeqCst);
        Ok(head)
    }

    /// Takes the next chain the device finished, if any, and frees its descriptors.
    pub fn pop_used(&mut self) -> Option<Used> {
        fence(Ordering::SeqCst);
        // SAFETY: the used index is the u16 at offset 2 of the used ring.
        let device_index = unsafe { read_volatile(self.used.add(2) as *const u16) };
        if device_index == self.last_used {
            return None;
        }
        fence(Ordering::SeqCst);
        let slot = (self.last_used % self.size) as usize;
        // SAFETY: used elements (id u32, len u32) start at offset 4; slot < size.
        let (id, written) = unsafe {
            let element = self.used.add(4 + 8 * slot) as *const u32;
            (read_volatile(element), read_volatile(element.add(1)))
        };
        self.last_used = self.last_used.wrapping_add(1);
        let head = (id as u16) % self.size;
        self.free_chain(head);
        Some(Used { head, written })
    }

    /// Puts a finished chain back on the free list.
    fn free_chain(&mut self, head: u16) {
        let mut index = head;
        let mut freed = 0u16;
        loop {
            // SAFETY: `index < size` (head is reduced modulo size; `next` values we wrote are
            // free-list indices < size).
            let descriptor = unsafe { &mut *self.descriptors.add(index as usize) };
            freed += 1;
            if descriptor.flags & DESC_NEXT == 0 || freed >= self.size {
                descriptor.next = self.free_head;
                break;
            }
            index = descriptor.next % self.size;
        }
        self.free_head = head;
        self.free_count = (self.free_count + freed).min(self.size);
    }
}

impl Drop for SplitQueue {
    fn drop(&mut self) {
        // SAFETY: `memory` was allocated with `layout` in `new`. Drivers drop a queue only
        // after resetting the device, so the device no longer touches it.
        unsafe { dealloc(self.memory, self.layout) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A device model that works on the same rings, as QEMU's would.
    struct SimulatedDevice {
        size: u16,
        descriptors: *const Descriptor,
        available: *const u16,
        used: *mut u8,
        seen: u16,
    }

    impl SimulatedDevice {
        fn attach(queue: &SplitQueue) -> SimulatedDevice {
            let (d, a, u) = queue.addresses();
            SimulatedDevice {
                size: queue.size(),
                descriptors: d as *const Descriptor,
                available: a as *const u16,
                used: u as *mut u8,
                seen: 0,
            }
        }

        /// Serves every offered chain: readable buffers are summed, and the sum is written
        /// as text into the writable buffers.
        fn serve(&mut self) -> usize {
            let mut served = 0;
            // SAFETY: the rings are the queue's live allocation and the buffers the test's locals.
            unsafe {
                let index = read_volatile(self.available.add(1));
                while self.seen != index {
                    let head =
                        read_volatile(self.available.add(2 + (self.seen % self.size) as usize));
                    let mut sum = 0u64;
                    let mut outputs = Vec::new();
                    let mut d = head;
                    loop {
                        let desc = *self.descriptors.add(d as usize);
                        if desc.flags & DESC_WRITE != 0 {
                            outputs.push(desc);
                        } else {
                            let bytes = core::slice::from_raw_parts(
                                desc.address as *const u8,
                                desc.length as usize,
                            );
                            sum += bytes.iter().map(|&b| b as u64).sum::<u64>();
                        }
                        if desc.flags & DESC_NEXT == 0 {
                            break;
                        }
                        d = desc.next;
                    }
                    let text = format!("{sum}");
                    let mut written = 0u32;
                    if let Some(out) = outputs.first() {
                        let n = text.len().min(out.length as usize);
                        core::ptr::copy_nonoverlapping(text.as_ptr(), out.address as *mut u8, n);
                        written = n as u32;
                    }
                    let used_index = read_volatile(self.used.add(2) as *const u16);
                    let element =
                        self.used.add(4 + 8 * (used_index % self.size) as usize) as *mut u32;
                    write_volatile(element, head as u32);
                    write_volatile(element.add(1), written);
                    write_volatile(self.used.add(2) as *mut u16, used_index.wrapping_add(1));
                    self.seen = self.seen.wrapping_add(1);
                    served += 1;
                }
            }
            served
        }
    }

    #[test]
    fn round_trips_through_a_simulated_device() {
        let mut queue = SplitQueue::new(8).unwrap();
        let mut device = SimulatedDevice::attach(&queue);
        // Many more requests than entries: the free list and ring indices must wrap.
        for round in 0..1000u32 {
            let request = [1u8, 2, 3, (round % 200) as u8];
            let mut response = [0u8; 16];
            let buffers = [
                Buffer {
                    address: request.as_ptr() as u64,
                    length: 2,
                    device_writes: false,
                },
                Buffer {
                    address: request[2..].as_ptr() as u64,
                    length: 2,
                    device_writes: false,
                },
                Buffer {
                    address: response.as_mut_ptr() as u64,
                    length: 16,
                    device_writes: true,
                },
            ];
            // SAFETY: the three buffers are locals that outlive the round trip.
            let head = unsafe { queue.push(&buffers) }.unwrap();
            assert_eq!(queue.free_descriptors(), 5);
            assert_eq!(
                queue.pop_used(),
                None,
                "nothing is used before the device runs"
            );
            assert_eq!(device.serve(), 1);
            let used = queue.pop_used().unwrap();
            assert_eq!(used.head, head);
            let expected = format!("{}", 6 + round % 200);
            assert_eq!(&response[..used.written as usize], expected.as_bytes());
            assert_eq!(queue.free_descriptors(), 8);
        }
    }

    #[test]
    fn full_queue_is_an_error_and_recovers() {
        let mut queue = SplitQueue::new(4).unwrap();
        let mut device = SimulatedDevice::attach(&queue);
        let data = [7u8; 4];
        let one = [Buffer {
            address: data.as_ptr() as u64,
            length: 4,
            device_writes: false,
        }];
        for _ in 0..4 {
            // SAFETY: `data` outlives every chain pushed here.
            unsafe { queue.push(&one) }.unwrap();
        }
        // SAFETY: as above.
        assert_eq!(unsafe { queue.push(&one) }, Err(QueueError::Full));
        // SAFETY: as above.
        assert_eq!(unsafe { queue.push(&[]) }, Err(QueueError::Empty));
        assert_eq!(device.serve(), 4);
        let mut heads: Vec<u16> = core::iter::from_fn(|| queue.pop_used())
            .map(|u| u.head)
            .collect();
        heads.sort();
        assert_eq!(heads, [0, 1, 2, 3]);
        // SAFETY: as above.
        unsafe { queue.push(&one) }.unwrap();
        assert!(SplitQueue::new(6).is_none());
    }
}
