//! The virtio-gpu 2D driver (VirtIO 1.2 §5.7): one framebuffer in guest memory, scanned out.
//!
//! QEMU device: `-device virtio-gpu-pci,xres=1920,yres=1080` (PCI id 1af4:1050).
//!
//! Bring-up (§5.7.6.2 "device operation"): ask for the display info, create a 2D resource in
//! the host (`RESOURCE_CREATE_2D`, format B8G8R8X8), attach our framebuffer as its backing
//! store (`RESOURCE_ATTACH_BACKING`, one contiguous entry: there is no paging, so a heap block
//! is physically contiguous), and point scanout 0 at it (`SET_SCANOUT`).
//!
//! Each frame, for every damaged rectangle: `TRANSFER_TO_HOST_2D` copies that part of our
//! memory into the host resource and `RESOURCE_FLUSH` shows it. All commands of a frame go
//! into the control queue at once with one notification; the driver then polls until the
//! device has answered them all. A frame with no damage sends nothing.

use super::queue::{Buffer, SplitQueue};
use super::{InitError, Transport};
use alloc::boxed::Box;
use alloc::vec;
use alloc::vec::Vec;

/// Control-command and response types (§5.7.6.7).
mod command {
    pub const GET_DISPLAY_INFO: u32 = 0x0100;
    pub const RESOURCE_CREATE_2D: u32 = 0x0101;
    pub const SET_SCANOUT: u32 = 0x0103;
    pub const RESOURCE_FLUSH: u32 = 0x0104;
    pub const TRANSFER_TO_HOST_2D: u32 = 0x0105;
    pub const RESOURCE_ATTACH_BACKING: u32 = 0x0106;
    pub const RESPONSE_OK_NODATA: u32 = 0x1100;
    pub const RESPONSE_OK_DISPLAY_INFO: u32 = 0x1101;
}

/// `VIRTIO_GPU_FORMAT_B8G8R8X8_UNORM` (§5.7.6.8): matches gfx's 0xAARRGGBB pixels.
const FORMAT_B8G8R8X8: u32 = 2;
/// The one resource and scanout this driver uses.
const RESOURCE_ID: u32 = 1;
const CONTROL_QUEUE: u16 = 0;
/// Size of `struct virtio_gpu_ctrl_hdr` (§5.7.6.7).
const HEADER_SIZE: usize = 24;
/// Room for the largest request and its response.
const SLOT_SIZE: usize = 64;
/// Commands in flight at once (two descriptors each).
const SLOTS: usize = 64;

/// A rectangle of the screen, in pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DamageRect {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

/// Builds a little-endian request in a slot: header, then 32/64-bit fields.
struct Request<'a> {
    bytes: &'a mut [u8],
    length: usize,
}

impl<'a> Request<'a> {
    fn new(bytes: &'a mut [u8], kind: u32) -> Self {
        bytes[..HEADER_SIZE].fill(0);
        bytes[..4].copy_from_slice(&kind.to_le_bytes());
        Request {
            bytes,
            length: HEADER_SIZE,
        }
    }

    fn u32(mut self, value: u32) -> Self {
        self.bytes[self.length..self.length + 4].copy_from_slice(&value.to_le_bytes());
        self.length += 4;
        self
    }

    fn u64(mut self, value: u64) -> Self {
        self.bytes[self.length..self.length + 8].copy_from_slice(&value.to_le_bytes());
        self.length += 8;
        self
    }

    fn rect(self, r: DamageRect) -> Self {
        self.u32(r.x).u32(r.y).u32(r.width).u32(r.height)
    }
}

/// Why a GPU command failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GpuError {
    Init(InitError),
    /// The device answered with this response type instead of OK.
    Response(u32),
    /// The control queue refused the chain.
    QueueFull,
}

/// A running virtio-gpu with one framebuffer on scanout 0.
pub struct Gpu {
    transport: Box<dyn Transport>,
    control: SplitQueue,
    /// Request bytes of each slot (device reads).
    requests: Vec<[u8; SLOT_SIZE]>,
    /// Response bytes of each slot (device writes).
    responses: Vec<[u8; SLOT_SIZE]>,
    width: u32,
    height: u32,
    framebuffer: Vec<u32>,
    /// The size the host's display reported for scanout 0 (for the log).
    pub display_size: Option<(u32, u32)>,
}

impl Gpu {
    /// Brings the device up with a `width` x `height` framebuffer shown on scanout 0.
    pub fn new(
        mut transport: Box<dyn Transport>,
        width: u32,
        height: u32,
    ) -> Result<Gpu, GpuError> {
        super::negotiate(transport.as_mut(), 0).map_err(GpuError::Init)?;
        let control =
            super::setup_queue(transport.as_mut(), CONTROL_QUEUE, 256).map_err(GpuError::Init)?;
        super::finish(transport.as_mut());
        let mut gpu = Gpu {
            transport,
            control,
            requests: vec![[0; SLOT_SIZE]; SLOTS],
            responses: vec![[0; SLOT_SIZE]; SLOTS],
            width,
            height,
            framebuffer: vec![0; (width * height) as usize],
            display_size: None,
        };
        gpu.display_size = gpu.display_info()?;
        let backing = gpu.framebuffer.as_ptr() as u64;
        let bytes = width * height * 4;
        let full = DamageRect {
            x: 0,
            y: 0,
            width,
            height,
        };
        gpu.run(|r| {
            Request::new(r, command::RESOURCE_CREATE_2D)
                .u32(RESOURCE_ID)
                .u32(FORMAT_B8G8R8X8)
                .u32(width)
                .u32(height)
                .length
        })?;
        gpu.run(|r| {
            // One backing entry: address, length, padding (§5.7.6.8, attach_backing).
            Request::new(r, command::RESOURCE_ATTACH_BACKING)
                .u32(RESOURCE_ID)
                .u32(1)
                .u64(backing)
                .u32(bytes)
                .u32(0)
                .length
        })?;
        gpu.run(|r| {
            Request::new(r, command::SET_SCANOUT)
                .rect(full)
                .u32(0)
                .u32(RESOURCE_ID)
                .length
        })?;
        Ok(gpu)
    }

    /// Screen width in pixels.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Screen height in pixels.
    pub fn height(&self) -> u32 {
        self.height
    }

    /// The pixels, row after row (stride = width), 0xAARRGGBB.
    pub fn framebuffer(&mut self) -> &mut [u32] {
        &mut self.framebuffer
    }

    /// Asks for the host display's size on scanout 0 (`GET_DISPLAY_INFO`, §5.7.6.8).
    fn display_info(&mut self) -> Result<Option<(u32, u32)>, GpuError> {
        self.submit(&[0], |r, _| {
            Request::new(r, command::GET_DISPLAY_INFO).length
        })?;
        let response = &self.responses[0];
        let kind = u32::from_le_bytes([response[0], response[1], response[2], response[3]]);
        if kind != command::RESPONSE_OK_DISPLAY_INFO {
            return Err(GpuError::Response(kind));
        }
        // pmodes[0]: rect (x, y, width, height), enabled, flags — right after the header.
        let field = |at: usize| {
            u32::from_le_bytes([
                response[at],
                response[at + 1],
                response[at + 2],
                response[at + 3],
            ])
        };
        let enabled = field(HEADER_SIZE + 16) != 0;
        Ok(enabled.then(|| (field(HEADER_SIZE + 8), field(HEADER_SIZE + 12))))
    }

    /// Sends one command and checks for `RESPONSE_OK_NODATA`.
    fn run(&mut self, build: impl Fn(&mut [u8]) -> usize) -> Result<(), GpuError> {
        self.submit(&[0], |r, _| build(r))?;
        self.check(0)
    }

    fn check(&self, slot: usize) -> Result<(), GpuError> {
        let r = &self.responses[slot];
        let kind = u32::from_le_bytes([r[0], r[1], r[2], r[3]]);
        if kind == command::RESPONSE_OK_NODATA {
            Ok(())
        } else {
            Err(GpuError::Response(kind))
        }
    }

    /// Builds a request in each of `slots`, submits them all, notifies once and waits until
    /// the device has answered every one.
    fn submit(
        &mut self,
        slots: &[usize],
        build: impl Fn(&mut [u8], usize) -> usize,
    ) -> Result<(), GpuError> {
        for (n, &slot) in slots.iter().enumerate() {
            let length = build(&mut self.requests[slot], n);
            self.responses[slot] = [0; SLOT_SIZE];
            let chain = [
                Buffer {
                    address: self.requests[slot].as_ptr() as u64,
                    length: length as u32,
                    device_writes: false,
                },
                Buffer {
                    address: self.responses[slot].as_mut_ptr() as u64,
                    length: SLOT_SIZE as u32,
                    device_writes: true,
                },
            ];
            // SAFETY: the slot buffers live in `self` and are not touched until the device
            // returns the chain below.
            unsafe { self.control.push(&chain) }.map_err(|_| GpuError::QueueFull)?;
        }
        self.transport.notify(CONTROL_QUEUE);
        let mut answered = 0;
        while answered < slots.len() {
            match self.control.pop_used() {
                Some(_) => answered += 1,
                None => crate::arch::spin_hint(),
            }
        }
        Ok(())
    }

    /// Shows the damaged rectangles: transfer then flush for each, batched.
    pub fn flush(&mut self, damage: &[DamageRect]) -> Result<(), GpuError> {
        let (width, height) = (self.width, self.height);
        let clipped: Vec<DamageRect> = damage
            .iter()
            .filter_map(|r| {
                let x = r.x.min(width);
                let y = r.y.min(height);
                let w = r.width.min(width - x);
                let h = r.height.min(height - y);
                (w > 0 && h > 0).then_some(DamageRect {
                    x,
                    y,
                    width: w,
                    height: h,
                })
            })
            .collect();
        for batch in clipped.chunks(SLOTS / 2) {
            let slots: Vec<usize> = (0..batch.len() * 2).collect();
            self.submit(&slots, |r, n| {
                let rect = batch[n / 2];
                if n % 2 == 0 {
                    let offset = (rect.y as u64 * width as u64 + rect.x as u64) * 4;
                    Request::new(r, command::TRANSFER_TO_HOST_2D)
                        .rect(rect)
                        .u64(offset)
                        .u32(RESOURCE_ID)
                        .u32(0)
                        .length
                } else {
                    Request::new(r, command::RESOURCE_FLUSH)
                        .rect(rect)
                        .u32(RESOURCE_ID)
                        .u32(0)
                        .length
                }
            })?;
            for slot in slots {
                self.check(slot)?;
            }
        }
        Ok(())
    }
}
