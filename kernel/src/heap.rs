//! The kernel heap: every byte of conventional memory the firmware left free.
//!
//! There is no paging, so the heap hands out physical memory directly (UEFI's identity map is
//! kept: a pointer is also the address a device uses for DMA). Two allocators share it:
//!
//! - **Small blocks** (up to 2 KiB) come from segregated free lists, one per power-of-two size
//!   class. A class with no free block carves a 64 KiB chunk from the large allocator. Freed
//!   small blocks go back to their class list; allocation and free are O(1).
//! - **Large blocks** come from an address-ordered free list (first fit). Freeing inserts the
//!   block in order and merges it with its neighbours, so memory does not fragment into dust.
//!
//! Rust's `GlobalAlloc` passes the layout to `dealloc`, so blocks carry no header: a block's
//! size is its layout size rounded up to 16 bytes. The heap is single-threaded (there is one
//! CPU and no interrupts); [`LockedHeap`] only guards against re-entry.

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::ptr::{self, NonNull};
use core::sync::atomic::{AtomicBool, Ordering};

/// Every block is a multiple of this many bytes and at least this aligned.
const GRANULE: usize = 16;
/// Size classes 16, 32, ..., 2048.
const SMALL_CLASSES: usize = 8;
const SMALL_MAX: usize = GRANULE << (SMALL_CLASSES - 1);
/// How much a small class takes from the large allocator at a time.
const SMALL_CHUNK: usize = 64 * 1024;

/// A free large block, stored in the block itself.
struct FreeBlock {
    size: usize,
    next: Option<NonNull<FreeBlock>>,
}

/// A free small block, stored in the block itself.
struct SmallBlock {
    next: Option<NonNull<SmallBlock>>,
}

/// The allocator state (see the module docs).
pub struct Heap {
    free: Option<NonNull<FreeBlock>>,
    small: [Option<NonNull<SmallBlock>>; SMALL_CLASSES],
    total: usize,
    used: usize,
}

fn round_up(value: usize, align: usize) -> usize {
    (value + align - 1) & !(align - 1)
}

fn small_class(layout: &Layout) -> Option<usize> {
    let size = layout.size().max(layout.align()).max(GRANULE);
    if size > SMALL_MAX {
        return None;
    }
    let class = size.next_power_of_two().trailing_zeros() - GRANULE.trailing_zeros();
    Some(class as usize)
}

impl Heap {
    /// An empty heap; add memory with [`Heap::add_region`].
    pub const fn new() -> Heap {
        Heap {
            free: None,
            small: [None; SMALL_CLASSES],
            total: 0,
            used: 0,
        }
    }

    /// Bytes the heap manages.
    pub fn total(&self) -> usize {
        self.total
    }

    /// Bytes handed out (small-class chunks count as used once carved).
    pub fn used(&self) -> usize {
        self.used
    }

    /// Gives the heap the memory `start..start + size`.
    ///
    /// # Safety
    /// The range must be unused, writable memory that nothing else will touch, and must not
    /// overlap a range given before.
    pub unsafe fn add_region(&mut self, start: usize, size: usize) {
        let aligned = round_up(start, GRANULE);
        let end = (start + size) & !(GRANULE - 1);
        if end <= aligned || end - aligned < GRANULE {
            return;
        }
        self.total += end - aligned;
        // SAFETY: the caller gives us the range; it is aligned and large enough for a block.
        unsafe { self.insert_free(aligned, end - aligned) };
    }

    /// Allocates a block for `layout`, or returns null when memory is exhausted.
    pub fn allocate(&mut self, layout: Layout) -> *mut u8 {
        match small_class(&layout) {
            Some(class) => self.allocate_small(class),
            None => self.allocate_large(round_up(layout.size(), GRANULE), layout.align()),
        }
    }

    /// Returns a block.
    ///
    /// # Safety
    /// `pointer` must come from `allocate` on this heap with the same `layout`.
    pub unsafe fn deallocate(&mut self, pointer: *mut u8, layout: Layout) {
        match small_class(&layout) {
            Some(class) => {
                let block = pointer as *mut SmallBlock;
                // SAFETY: the block is at least 16 bytes and 16-aligned, and ours again.
                unsafe {
                    block.write(SmallBlock {
                        next: self.small[class],
                    })
                };
                self.small[class] = NonNull::new(block);
            }
            None => {
                let size = round_up(layout.size(), GRANULE);
                self.used -= size;
                // SAFETY: the caller returns a block we handed out, of this size.
                unsafe { self.insert_free(pointer as usize, size) };
            }
        }
    }

    fn allocate_small(&mut self, class: usize) -> *mut u8 {
        if self.small[class].is_none() {
            // Aligning the chunk to the largest class aligns every block to its own size.
            let chunk = self.allocate_large(SMALL_CHUNK, SMALL_MAX);
            if chunk.is_null() {
                return ptr::null_mut();
            }
            let block_size = GRANULE << class;
            for offset in (0..SMALL_CHUNK).step_by(block_size).rev() {
                // SAFETY: the chunk is ours; each block lies inside it and is aligned.
                let block = unsafe { chunk.add(offset) } as *mut SmallBlock;
                // SAFETY: as above.
                unsafe {
                    block.write(SmallBlock {
                        next: self.small[class],
                    })
                };
                self.small[class] = NonNull::new(block);
            }
        }
        match self.small[class] {
            Some(block) => {
                // SAFETY: blocks on the list are free and hold a valid `SmallBlock`.
                self.small[class] = unsafe { block.as_ref().next };
                block.as_ptr() as *mut u8
            }
            None => ptr::null_mut(),
        }
    }

    fn allocate_large(&mut self, size: usize, align: usize) -> *mut u8 {
        let align = align.max(GRANULE);
        let mut previous: Option<NonNull<FreeBlock>> = None;
        let mut cursor = self.free;
        while let Some(block) = cursor {
            // SAFETY: list blocks are free memory holding a valid `FreeBlock`.
            let (block_size, next) = unsafe { (block.as_ref().size, block.as_ref().next) };
            let start = block.as_ptr() as usize;
            let aligned = round_up(start, align);
            let end = start + block_size;
            if aligned + size <= end {
                // Unlink the block, then give back what is left before and after.
                match previous {
                    // SAFETY: `previous` is a live list block.
                    Some(mut p) => unsafe { p.as_mut().next = next },
                    None => self.free = next,
                }
                // SAFETY: both pieces are inside the block we just took from the list.
                unsafe {
                    self.insert_free(start, aligned - start);
                    self.insert_free(aligned + size, end - (aligned + size));
                }
                self.used += size;
                return aligned as *mut u8;
            }
            previous = cursor;
            cursor = next;
        }
        ptr::null_mut()
    }

    /// Puts `start..start + size` on the free list in address order, merging neighbours.
    ///
    /// # Safety
    /// The range must be free heap memory, 16-aligned; a zero size is ignored.
    unsafe fn insert_free(&mut self, start: usize, size: usize) {
        if size == 0 {
            return;
        }
        let mut previous: Option<NonNull<FreeBlock>> = None;
        let mut cursor = self.free;
        while let Some(block) = cursor {
            if block.as_ptr() as usize > start {
                break;
            }
            previous = cursor;
            // SAFETY: list blocks hold a valid `FreeBlock`.
            cursor = unsafe { block.as_ref().next };
        }
        let mut size = size;
        let mut next = cursor;
        // Merge with the following block when they touch.
        if let Some(following) = next {
            if start + size == following.as_ptr() as usize {
                // SAFETY: `following` is a live list block being absorbed.
                unsafe {
                    size += following.as_ref().size;
                    next = following.as_ref().next;
                }
            }
        }
        // Merge into the preceding block when they touch.
        if let Some(mut before) = previous {
            // SAFETY: `before` is a live list block.
            let before_ref = unsafe { before.as_mut() };
            if before.as_ptr() as usize + before_ref.size == start {
                before_ref.size += size;
                before_ref.next = next;
                return;
            }
        }
        let block = start as *mut FreeBlock;
        // SAFETY: the range is free and large enough for a `FreeBlock` (16 bytes).
        unsafe { block.write(FreeBlock { size, next }) };
        match previous {
            // SAFETY: `previous` is a live list block.
            Some(mut p) => unsafe { p.as_mut().next = NonNull::new(block) },
            None => self.free = NonNull::new(block),
        }
    }

    /// Bytes on the large free list (what `used` has not taken), the number of blocks they
    /// are split into, and the largest block (measures of fragmentation).
    pub fn free_blocks(&self) -> (usize, usize, usize) {
        let (mut bytes, mut blocks, mut largest) = (0, 0, 0);
        let mut cursor = self.free;
        while let Some(block) = cursor {
            // SAFETY: list blocks hold a valid `FreeBlock`.
            let block = unsafe { block.as_ref() };
            bytes += block.size;
            blocks += 1;
            largest = largest.max(block.size);
            cursor = block.next;
        }
        (bytes, blocks, largest)
    }
}

impl Default for Heap {
    fn default() -> Self {
        Heap::new()
    }
}

/// The heap as the global allocator: a `Heap` behind a re-entry guard.
pub struct LockedHeap {
    busy: AtomicBool,
    heap: UnsafeCell<Heap>,
}

// SAFETY: access to the inner heap is serialised by the `busy` flag.
unsafe impl Sync for LockedHeap {}

impl LockedHeap {
    pub const fn new() -> LockedHeap {
        LockedHeap {
            busy: AtomicBool::new(false),
            heap: UnsafeCell::new(Heap::new()),
        }
    }

    /// Runs `f` with exclusive access to the heap.
    pub fn with<R>(&self, f: impl FnOnce(&mut Heap) -> R) -> R {
        while self.busy.swap(true, Ordering::Acquire) {
            core::hint::spin_loop();
        }
        // SAFETY: the flag gives us exclusive access until we clear it.
        let result = f(unsafe { &mut *self.heap.get() });
        self.busy.store(false, Ordering::Release);
        result
    }
}

impl Default for LockedHeap {
    fn default() -> Self {
        LockedHeap::new()
    }
}

// SAFETY: `allocate` returns blocks of at least `layout.size()` bytes aligned to
// `layout.align()` that no other live allocation overlaps; `deallocate` takes them back.
unsafe impl GlobalAlloc for LockedHeap {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        self.with(|heap| heap.allocate(layout))
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: GlobalAlloc's contract: `pointer` came from `alloc` with this layout.
        self.with(|heap| unsafe { heap.deallocate(pointer, layout) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heap_over(memory: &mut Vec<u128>) -> Heap {
        let mut heap = Heap::new();
        // SAFETY: the vector outlives the heap in each test and is used by nothing else.
        unsafe { heap.add_region(memory.as_mut_ptr() as usize, memory.len() * 16) };
        heap
    }

    #[test]
    fn blocks_never_overlap_and_memory_comes_back() {
        let mut memory = vec![0u128; 1 << 16]; // 1 MiB
        let mut heap = heap_over(&mut memory);
        let mut live: Vec<(usize, Layout)> = Vec::new();
        let mut seed = 12345u32;
        for step in 0..20_000 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            let free_one = !live.is_empty() && (seed >> 16).is_multiple_of(3);
            if free_one {
                let index = (seed as usize >> 8) % live.len();
                let (pointer, layout) = live.swap_remove(index);
                // SAFETY: the block came from this heap with this layout and is freed once.
                unsafe { heap.deallocate(pointer as *mut u8, layout) };
            } else {
                let size = 1 + (seed as usize >> 4) % if step % 7 == 0 { 20_000 } else { 300 };
                let align = 1 << ((seed >> 24) % 7);
                let layout = Layout::from_size_align(size, align).unwrap();
                let pointer = heap.allocate(layout) as usize;
                if pointer == 0 {
                    continue;
                }
                assert_eq!(pointer % align, 0);
                for &(other, other_layout) in &live {
                    let disjoint =
                        pointer + size <= other || other + other_layout.size() <= pointer;
                    assert!(disjoint, "overlap at step {step}");
                }
                live.push((pointer, layout));
            }
        }
        for (pointer, layout) in live.drain(..) {
            // SAFETY: as above: each live block is freed exactly once.
            unsafe { heap.deallocate(pointer as *mut u8, layout) };
        }
        // Large blocks all merged back; small chunks stay with their classes.
        let (free, _, _) = heap.free_blocks();
        assert_eq!(
            heap.used() % SMALL_CHUNK,
            0,
            "only small-class chunks stay taken"
        );
        assert_eq!(
            free + heap.used(),
            heap.total(),
            "every byte is free or in a chunk"
        );
    }

    #[test]
    fn exhaustion_returns_null() {
        let mut memory = vec![0u128; 4096]; // 64 KiB
        let mut heap = heap_over(&mut memory);
        let layout = Layout::from_size_align(1 << 20, 16).unwrap();
        assert!(heap.allocate(layout).is_null());
        let layout = Layout::from_size_align(60_000, 4096).unwrap();
        let first = heap.allocate(layout);
        let second = heap.allocate(layout);
        assert!(!first.is_null() || !second.is_null() || memory.len() * 16 < 64_000);
        assert!(first.is_null() || second.is_null());
    }
}

#[cfg(test)]
mod growth_tests {
    use super::*;

    #[test]
    fn large_blocks_grow_like_a_vector() {
        let mut memory = vec![0u128; 16 << 20]; // 256 MiB
        let mut heap = Heap::new();
        // SAFETY: the vector outlives the heap and nothing else uses it.
        unsafe { heap.add_region(memory.as_mut_ptr() as usize, memory.len() * 16) };
        let mut size = 1 << 20;
        let mut block = heap.allocate(Layout::from_size_align(size, 1).unwrap());
        let small = heap.allocate(Layout::from_size_align(100, 8).unwrap());
        assert!(!small.is_null());
        while size < 64 << 20 {
            let bigger = heap.allocate(Layout::from_size_align(size * 2, 1).unwrap());
            assert!(!bigger.is_null(), "no block of {} bytes", size * 2);
            // SAFETY: `block` came from this heap with this layout.
            unsafe { heap.deallocate(block, Layout::from_size_align(size, 1).unwrap()) };
            block = bigger;
            size *= 2;
        }
    }
}
