//! The VirtIO modern PCI transport (VirtIO 1.2 §4.1).
//!
//! A modern VirtIO PCI function describes where its registers are with vendor-specific PCI
//! capabilities (id 0x09, §4.1.4), each naming a BAR, an offset and a length:
//!
//! | cfg_type | structure                        | §        |
//! |----------|----------------------------------|----------|
//! | 1        | common configuration             | 4.1.4.3  |
//! | 2        | notifications (+ multiplier)     | 4.1.4.4  |
//! | 3        | ISR status (unused: we poll)     | 4.1.4.5  |
//! | 4        | device-specific configuration    | 4.1.4.6  |
//!
//! Registers are memory-mapped; with UEFI's identity map the BAR address is used directly.
//! Transitional devices (e.g. virtio-net 1af4:1000 on q35's root bus) expose the same
//! capabilities, so they are driven the same way.

use super::Transport;
use crate::pci::{self, ConfigAccess, PciAddress};
use core::ptr::{read_volatile, write_volatile};

/// Offsets in the common configuration structure (§4.1.4.3).
mod common {
    pub const DEVICE_FEATURE_SELECT: usize = 0;
    pub const DEVICE_FEATURE: usize = 4;
    pub const DRIVER_FEATURE_SELECT: usize = 8;
    pub const DRIVER_FEATURE: usize = 12;
    pub const DEVICE_STATUS: usize = 20;
    pub const QUEUE_SELECT: usize = 22;
    pub const QUEUE_SIZE: usize = 24;
    pub const QUEUE_ENABLE: usize = 28;
    pub const QUEUE_NOTIFY_OFF: usize = 30;
    pub const QUEUE_DESC: usize = 32;
    pub const QUEUE_DRIVER: usize = 40;
    pub const QUEUE_DEVICE: usize = 48;
}

/// Capability structure types (§4.1.4).
const CAP_VENDOR: u8 = 0x09;
const CFG_COMMON: u8 = 1;
const CFG_NOTIFY: u8 = 2;
const CFG_DEVICE: u8 = 4;

/// A window of memory-mapped registers.
#[derive(Clone, Copy)]
struct Mmio {
    base: usize,
}

impl Mmio {
    fn read<T: Copy>(&self, offset: usize) -> T {
        // SAFETY: `base` is a register window from a virtio capability of a device whose
        // memory decoding we enabled; offsets come from the spec's layout of that window.
        unsafe { read_volatile((self.base + offset) as *const T) }
    }

    fn write<T: Copy>(&self, offset: usize, value: T) {
        // SAFETY: as for `read`.
        unsafe { write_volatile((self.base + offset) as *mut T, value) }
    }
}

/// A VirtIO device reached over PCI.
pub struct PciTransport {
    common: Mmio,
    notify: Mmio,
    notify_multiplier: u32,
    device: Mmio,
}

/// Why a PCI function could not serve as a VirtIO transport.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransportError {
    /// A required capability (common, notify or device config) is missing.
    MissingCapability(u8),
    /// The capability points at a BAR that is not a mapped memory BAR.
    BadBar(u8),
}

impl PciTransport {
    /// Reads the function's virtio capabilities and enables it on the bus.
    pub fn new(access: &impl ConfigAccess, address: PciAddress) -> Result<Self, TransportError> {
        let mut common = None;
        let mut notify = None;
        let mut device = None;
        for capability in pci::capabilities(access, address) {
            if capability.id != CAP_VENDOR {
                continue;
            }
            let at = capability.offset;
            let cfg_type = access.read8(address, at + 3);
            let bar = access.read8(address, at + 4);
            let offset = access.read32(address, at + 8) as u64;
            let window = || match pci::memory_bar(access, address, bar) {
                Some(base) => Ok(Mmio {
                    base: (base + offset) as usize,
                }),
                None => Err(TransportError::BadBar(bar)),
            };
            match cfg_type {
                CFG_COMMON if common.is_none() => common = Some(window()?),
                CFG_NOTIFY if notify.is_none() => {
                    notify = Some((window()?, access.read32(address, at + 16)))
                }
                CFG_DEVICE if device.is_none() => device = Some(window()?),
                _ => {}
            }
        }
        let common = common.ok_or(TransportError::MissingCapability(CFG_COMMON))?;
        let (notify, notify_multiplier) =
            notify.ok_or(TransportError::MissingCapability(CFG_NOTIFY))?;
        // Some devices (e.g. entropy) have no device config; use the common window then.
        let device = device.unwrap_or(common);
        pci::enable(access, address);
        Ok(PciTransport {
            common,
            notify,
            notify_multiplier,
            device,
        })
    }
}

impl Transport for PciTransport {
    fn device_features(&mut self) -> u64 {
        self.common.write::<u32>(common::DEVICE_FEATURE_SELECT, 0);
        let low = self.common.read::<u32>(common::DEVICE_FEATURE) as u64;
        self.common.write::<u32>(common::DEVICE_FEATURE_SELECT, 1);
        let high = self.common.read::<u32>(common::DEVICE_FEATURE) as u64;
        high << 32 | low
    }

    fn set_driver_features(&mut self, features: u64) {
        self.common.write::<u32>(common::DRIVER_FEATURE_SELECT, 0);
        self.common
            .write::<u32>(common::DRIVER_FEATURE, features as u32);
        self.common.write::<u32>(common::DRIVER_FEATURE_SELECT, 1);
        self.common
            .write::<u32>(common::DRIVER_FEATURE, (features >> 32) as u32);
    }

    fn status(&mut self) -> u8 {
        self.common.read::<u8>(common::DEVICE_STATUS)
    }

    fn set_status(&mut self, status: u8) {
        self.common.write::<u8>(common::DEVICE_STATUS, status);
        if status == 0 {
            // §4.1.4.3.2: after writing 0 the driver waits until the device reads back 0.
            while self.common.read::<u8>(common::DEVICE_STATUS) != 0 {
                crate::arch::spin_hint();
            }
        }
    }

    fn max_queue_size(&mut self, index: u16) -> u16 {
        self.common.write::<u16>(common::QUEUE_SELECT, index);
        self.common.read::<u16>(common::QUEUE_SIZE)
    }

    fn enable_queue(&mut self, index: u16, size: u16, addresses: (u64, u64, u64)) {
        self.common.write::<u16>(common::QUEUE_SELECT, index);
        self.common.write::<u16>(common::QUEUE_SIZE, size);
        // 64-bit fields are written as two 32-bit halves (§4.1.3.1).
        for (field, address) in [
            (common::QUEUE_DESC, addresses.0),
            (common::QUEUE_DRIVER, addresses.1),
            (common::QUEUE_DEVICE, addresses.2),
        ] {
            self.common.write::<u32>(field, address as u32);
            self.common.write::<u32>(field + 4, (address >> 32) as u32);
        }
        self.common.write::<u16>(common::QUEUE_ENABLE, 1);
    }

    fn notify(&mut self, index: u16) {
        self.common.write::<u16>(common::QUEUE_SELECT, index);
        let offset = self.common.read::<u16>(common::QUEUE_NOTIFY_OFF) as usize;
        // §4.1.4.4: the queue's notify address is offset * multiplier into the window.
        self.notify
            .write::<u16>(offset * self.notify_multiplier as usize, index);
    }

    fn config_read_u8(&mut self, offset: usize) -> u8 {
        self.device.read::<u8>(offset)
    }

    fn config_write_u8(&mut self, offset: usize, value: u8) {
        self.device.write::<u8>(offset, value)
    }
}
