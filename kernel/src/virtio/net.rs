//! The virtio-net driver (VirtIO 1.2 §5.1): Ethernet frames in and out, polled.
//!
//! QEMU device: `-device virtio-net-pci,netdev=n0,romfile=` (PCI id 1af4:1041, or the
//! transitional 1af4:1000 on q35's root bus; both expose the modern capabilities).
//!
//! Queue 0 receives, queue 1 transmits. Every buffer starts with a `virtio_net_hdr` (§5.1.6):
//! with VERSION_1 it is 12 bytes (flags, gso_type, hdr_len, gso_size, csum_start, csum_offset,
//! num_buffers). We offer no offloads, so outgoing headers are all zero and incoming ones are
//! skipped. The receive queue is kept full of 1536-byte buffers (pre-filled at start and
//! re-posted as soon as a frame is taken); transmit buffers are recycled when the device
//! returns them. The MAC address comes from the device configuration (VIRTIO_NET_F_MAC).
//!
//! The driver implements `net::Device`: the stack in `net/` does everything else.

use super::queue::{Buffer, SplitQueue};
use super::{InitError, Transport};
use alloc::boxed::Box;
use alloc::vec;
use alloc::vec::Vec;
use net::wire::MacAddr;

const RECEIVE_QUEUE: u16 = 0;
const TRANSMIT_QUEUE: u16 = 1;
/// Feature bit: the device configuration holds the MAC address (§5.1.3).
const FEATURE_MAC: u64 = 1 << 5;
/// Size of `struct virtio_net_hdr` with VERSION_1 (§5.1.6).
const HEADER: usize = 12;
/// A full Ethernet frame without FCS (1514) plus VLAN tag, rounded up.
const BUFFER: usize = HEADER + 1524;

/// A running virtio-net device.
pub struct NetDevice {
    transport: Box<dyn Transport>,
    receive: SplitQueue,
    transmit: SplitQueue,
    /// Receive buffers, and which buffer the chain with each head descriptor carries (the
    /// queue's free list hands descriptors out in its own order).
    rx_buffers: Vec<[u8; BUFFER]>,
    rx_buffer_of_head: Vec<usize>,
    /// Transmit buffers, indexed by descriptor; `tx_busy` marks those the device holds.
    tx_buffers: Vec<[u8; BUFFER]>,
    tx_busy: Vec<bool>,
    /// Which transmit buffer the chain with each head descriptor carries.
    tx_slot_of_head: Vec<Option<usize>>,
    /// Frames received but not yet taken by the stack: (buffer index, frame length).
    ready: alloc::collections::VecDeque<(usize, usize)>,
    mac: MacAddr,
    /// Frames the device had no room for.
    pub tx_dropped: u64,
}

impl NetDevice {
    /// Brings the device up and fills the receive queue.
    pub fn new(mut transport: Box<dyn Transport>) -> Result<NetDevice, InitError> {
        let features = super::negotiate(transport.as_mut(), FEATURE_MAC)?;
        let receive = super::setup_queue(transport.as_mut(), RECEIVE_QUEUE, 128)?;
        let transmit = super::setup_queue(transport.as_mut(), TRANSMIT_QUEUE, 128)?;
        super::finish(transport.as_mut());
        let mut mac = [0u8; 6];
        if features & FEATURE_MAC != 0 {
            for (i, byte) in mac.iter_mut().enumerate() {
                *byte = transport.config_read_u8(i);
            }
        } else {
            mac = [0x52, 0x54, 0x00, 0x12, 0x34, 0x56]; // a locally administered default
        }
        let (rx, tx) = (receive.size() as usize, transmit.size() as usize);
        let mut device = NetDevice {
            transport,
            receive,
            transmit,
            rx_buffers: vec![[0; BUFFER]; rx],
            rx_buffer_of_head: vec![0; rx],
            tx_buffers: vec![[0; BUFFER]; tx],
            tx_busy: vec![false; tx],
            tx_slot_of_head: vec![None; tx],
            ready: Default::default(),
            mac: MacAddr(mac),
            tx_dropped: 0,
        };
        for index in 0..rx {
            device.post_receive(index);
        }
        device.transport.notify(RECEIVE_QUEUE);
        Ok(device)
    }

    fn post_receive(&mut self, index: usize) {
        let buffer = Buffer {
            address: self.rx_buffers[index].as_mut_ptr() as u64,
            length: BUFFER as u32,
            device_writes: true,
        };
        // SAFETY: the buffer lives in `self.rx_buffers`, which is never reallocated, and is
        // read only after the device returns it.
        if let Ok(head) = unsafe { self.receive.push(&[buffer]) } {
            if let Some(entry) = self.rx_buffer_of_head.get_mut(head as usize) {
                *entry = index;
            }
        }
    }

    /// Collects received frames and recycles finished transmit buffers.
    fn reap(&mut self) {
        while let Some(used) = self.receive.pop_used() {
            let index = self
                .rx_buffer_of_head
                .get(used.head as usize)
                .copied()
                .unwrap_or(0);
            let length = (used.written as usize).min(BUFFER);
            if length > HEADER {
                self.ready.push_back((index, length - HEADER));
            } else {
                self.post_receive(index);
            }
        }
        while let Some(used) = self.transmit.pop_used() {
            let slot = self
                .tx_slot_of_head
                .get_mut(used.head as usize)
                .and_then(Option::take);
            if let Some(busy) = slot.and_then(|slot| self.tx_busy.get_mut(slot)) {
                *busy = false;
            }
        }
    }
}

impl net::Device for NetDevice {
    fn mac(&self) -> MacAddr {
        self.mac
    }

    fn receive(&mut self, out: &mut [u8]) -> Option<usize> {
        if self.ready.is_empty() {
            self.reap();
        }
        let (index, length) = self.ready.pop_front()?;
        let n = length.min(out.len());
        out[..n].copy_from_slice(&self.rx_buffers[index][HEADER..HEADER + n]);
        self.post_receive(index);
        self.transport.notify(RECEIVE_QUEUE);
        Some(n)
    }

    fn transmit(&mut self, frame: &[u8]) -> bool {
        self.reap();
        if frame.len() > BUFFER - HEADER {
            self.tx_dropped += 1;
            return false;
        }
        let Some(slot) = self.tx_busy.iter().position(|busy| !busy) else {
            self.tx_dropped += 1;
            return false;
        };
        let mut staging = [0u8; BUFFER];
        staging[HEADER..HEADER + frame.len()].copy_from_slice(frame);
        self.tx_buffers[slot] = staging;
        let buffer = Buffer {
            address: self.tx_buffers[slot].as_ptr() as u64,
            length: (HEADER + frame.len()) as u32,
            device_writes: false,
        };
        // SAFETY: the buffer lives in `self.tx_buffers` and is marked busy until the device
        // returns it; it is not written meanwhile.
        match unsafe { self.transmit.push(&[buffer]) } {
            Ok(head) => {
                self.tx_busy[slot] = true;
                if let Some(entry) = self.tx_slot_of_head.get_mut(head as usize) {
                    *entry = Some(slot);
                }
                self.transport.notify(TRANSMIT_QUEUE);
                true
            }
            Err(_) => {
                self.tx_dropped += 1;
                false
            }
        }
    }
}
