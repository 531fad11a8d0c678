//! PCI: finding the devices on the bus and reading their capabilities.
//!
//! The kernel uses the legacy configuration mechanism #1 (PCI Local Bus 3.0 §3.2.2.3.2):
//! write the address of a 32-bit configuration register to port 0xcf8, then read or write it
//! at port 0xcfc. QEMU's q35 machine supports it besides ECAM. Enumeration starts at bus 0 and
//! follows PCI-to-PCI bridges (header type 1) to their secondary buses.
//!
//! Everything above the two ports is written against the [`ConfigAccess`] trait, so the
//! enumeration and the capability walk are tested on the host against a fake configuration
//! space, and a port to a machine with only ECAM swaps one small type.

use alloc::vec::Vec;

/// The location of a function on the bus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PciAddress {
    pub bus: u8,
    pub device: u8,
    pub function: u8,
}

/// Reads and writes 32-bit configuration registers.
pub trait ConfigAccess {
    /// Reads the register at `offset` (a multiple of 4) of function `address`.
    fn read32(&self, address: PciAddress, offset: u8) -> u32;
    /// Writes the register at `offset` (a multiple of 4) of function `address`.
    fn write32(&self, address: PciAddress, offset: u8, value: u32);

    /// Reads a 16-bit field at any even offset.
    fn read16(&self, address: PciAddress, offset: u8) -> u16 {
        (self.read32(address, offset & !3) >> ((offset & 2) * 8)) as u16
    }

    /// Reads an 8-bit field at any offset.
    fn read8(&self, address: PciAddress, offset: u8) -> u8 {
        (self.read32(address, offset & !3) >> ((offset & 3) * 8)) as u8
    }
}

/// Configuration mechanism #1 through I/O ports 0xcf8/0xcfc.
pub struct PortConfig;

impl PortConfig {
    fn select(address: PciAddress, offset: u8) {
        let value = 1 << 31
            | (address.bus as u32) << 16
            | (address.device as u32) << 11
            | (address.function as u32) << 8
            | (offset & 0xfc) as u32;
        // SAFETY: 0xcf8 is the configuration-address register of the host bridge.
        unsafe { crate::arch::outl(0xcf8, value) }
    }
}

impl ConfigAccess for PortConfig {
    fn read32(&self, address: PciAddress, offset: u8) -> u32 {
        Self::select(address, offset);
        // SAFETY: 0xcfc returns the register selected just above.
        unsafe { crate::arch::inl(0xcfc) }
    }

    fn write32(&self, address: PciAddress, offset: u8, value: u32) {
        Self::select(address, offset);
        // SAFETY: 0xcfc writes the register selected just above; callers write only the
        // command register and BARs of devices they drive.
        unsafe { crate::arch::outl(0xcfc, value) }
    }
}

/// Configuration-header offsets (PCI Local Bus 3.0 §6.1).
mod offset {
    pub const VENDOR_ID: u8 = 0x00;
    pub const DEVICE_ID: u8 = 0x02;
    pub const COMMAND: u8 = 0x04;
    pub const STATUS: u8 = 0x06;
    pub const CLASS: u8 = 0x08;
    pub const HEADER_TYPE: u8 = 0x0e;
    pub const BAR0: u8 = 0x10;
    pub const SECONDARY_BUS: u8 = 0x19;
    pub const CAPABILITIES: u8 = 0x34;
}

/// Command-register bits.
const COMMAND_MEMORY: u16 = 1 << 1;
const COMMAND_BUS_MASTER: u16 = 1 << 2;
/// Status bit: the function has a capability list.
const STATUS_CAPABILITIES: u16 = 1 << 4;

/// One function found on the bus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PciDevice {
    pub address: PciAddress,
    pub vendor: u16,
    pub device: u16,
    pub class: u8,
    pub subclass: u8,
}

impl PciDevice {
    /// A short human name for the console's `pci` command.
    pub fn description(&self) -> &'static str {
        match (self.vendor, self.device) {
            (0x1af4, 0x1000) => "virtio-net (transitional)",
            (0x1af4, 0x1041) => "virtio-net",
            (0x1af4, 0x1050) => "virtio-gpu",
            (0x1af4, 0x1052) => "virtio-input (keyboard, mouse or tablet)",
            (0x1af4, 0x1001) | (0x1af4, 0x1042) => "virtio-block",
            (0x8086, 0x29c0) => "q35 host bridge",
            (0x8086, 0x2918) => "ICH9 LPC bridge",
            (0x8086, 0x2922) => "ICH9 SATA controller",
            (0x8086, 0x2930) => "ICH9 SMBus controller",
            (0x1234, 0x1111) => "VGA display",
            _ => match (self.class, self.subclass) {
                (0x01, _) => "storage controller",
                (0x02, _) => "network controller",
                (0x03, _) => "display controller",
                (0x06, 0x04) => "PCI-to-PCI bridge",
                (0x06, _) => "bridge",
                (0x0c, 0x03) => "USB controller",
                _ => "other",
            },
        }
    }
}

/// Lists every function on every bus reachable from bus 0.
pub fn enumerate(access: &impl ConfigAccess) -> Vec<PciDevice> {
    let mut found = Vec::new();
    let mut buses = Vec::from([0u8]);
    let mut visited = [false; 256];
    while let Some(bus) = buses.pop() {
        if core::mem::replace(&mut visited[bus as usize], true) {
            continue;
        }
        for device in 0..32 {
            for function in 0..8 {
                let address = PciAddress {
                    bus,
                    device,
                    function,
                };
                let vendor = access.read16(address, offset::VENDOR_ID);
                if vendor == 0xffff {
                    if function == 0 {
                        break;
                    }
                    continue;
                }
                let class_register = access.read32(address, offset::CLASS);
                let header_type = access.read8(address, offset::HEADER_TYPE);
                found.push(PciDevice {
                    address,
                    vendor,
                    device: access.read16(address, offset::DEVICE_ID),
                    class: (class_register >> 24) as u8,
                    subclass: (class_register >> 16) as u8,
                });
                if header_type & 0x7f == 1 {
                    buses.push(access.read8(address, offset::SECONDARY_BUS));
                }
                if function == 0 && header_type & 0x80 == 0 {
                    break; // not a multi-function device
                }
            }
        }
    }
    found
}

/// One entry of a function's capability list (PCI Local Bus 3.0 §6.7).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Capability {
    pub id: u8,
    /// Offset of the capability in configuration space.
    pub offset: u8,
}

/// Walks the capability list; at most 48 entries, so a looping list ends.
pub fn capabilities(access: &impl ConfigAccess, address: PciAddress) -> Vec<Capability> {
    let mut list = Vec::new();
    if access.read16(address, offset::STATUS) & STATUS_CAPABILITIES == 0 {
        return list;
    }
    let mut next = access.read8(address, offset::CAPABILITIES) & 0xfc;
    while next >= 0x40 && list.len() < 48 {
        list.push(Capability {
            id: access.read8(address, next),
            offset: next,
        });
        next = access.read8(address, next + 1) & 0xfc;
    }
    list
}

/// The base address of a memory BAR (64-bit BARs span two registers), or None for I/O BARs
/// and unassigned ones.
pub fn memory_bar(access: &impl ConfigAccess, address: PciAddress, index: u8) -> Option<u64> {
    if index > 5 {
        return None;
    }
    let low = access.read32(address, offset::BAR0 + index * 4);
    if low & 1 != 0 {
        return None; // I/O space
    }
    let base = match (low >> 1) & 3 {
        0 => (low & !0xf) as u64,
        2 if index < 5 => {
            let high = access.read32(address, offset::BAR0 + (index + 1) * 4);
            (high as u64) << 32 | (low & !0xf) as u64
        }
        _ => return None,
    };
    (base != 0).then_some(base)
}

/// Turns on memory decoding and bus mastering (the device may then DMA).
pub fn enable(access: &impl ConfigAccess, address: PciAddress) {
    let register = access.read32(address, offset::COMMAND);
    let command = register as u16 | COMMAND_MEMORY | COMMAND_BUS_MASTER;
    access.write32(
        address,
        offset::COMMAND,
        (register & 0xffff_0000) | command as u32,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::cell::RefCell;
    use std::collections::HashMap;

    /// A function's address as (bus, device, function) and its 256 bytes of configuration.
    type FakeFunction = ((u8, u8, u8), [u8; 256]);

    /// A fake configuration space: 256 bytes per function.
    struct FakeConfig(RefCell<HashMap<(u8, u8, u8), [u8; 256]>>);

    impl FakeConfig {
        fn with(functions: &[FakeFunction]) -> FakeConfig {
            FakeConfig(RefCell::new(functions.iter().cloned().collect()))
        }
    }

    impl ConfigAccess for FakeConfig {
        fn read32(&self, a: PciAddress, offset: u8) -> u32 {
            match self.0.borrow().get(&(a.bus, a.device, a.function)) {
                Some(space) => {
                    let o = offset as usize;
                    u32::from_le_bytes([space[o], space[o + 1], space[o + 2], space[o + 3]])
                }
                None => 0xffff_ffff,
            }
        }
        fn write32(&self, a: PciAddress, offset: u8, value: u32) {
            if let Some(space) = self.0.borrow_mut().get_mut(&(a.bus, a.device, a.function)) {
                space[offset as usize..offset as usize + 4].copy_from_slice(&value.to_le_bytes());
            }
        }
    }

    fn function(vendor: u16, device: u16, header: u8) -> [u8; 256] {
        let mut space = [0u8; 256];
        space[0..2].copy_from_slice(&vendor.to_le_bytes());
        space[2..4].copy_from_slice(&device.to_le_bytes());
        space[0x0e] = header;
        space
    }

    #[test]
    fn enumeration_follows_bridges_and_functions() {
        let mut bridge = function(0x1b36, 0x000c, 0x01);
        bridge[0x0b] = 0x06;
        bridge[0x0a] = 0x04;
        bridge[0x19] = 1;
        let config = FakeConfig::with(&[
            ((0, 0, 0), function(0x8086, 0x29c0, 0x80)),
            ((0, 0, 3), function(0x8086, 0x2930, 0)),
            ((0, 2, 0), bridge),
            ((1, 0, 0), function(0x1af4, 0x1041, 0)),
        ]);
        let devices = enumerate(&config);
        let ids: Vec<_> = devices
            .iter()
            .map(|d| (d.address.bus, d.vendor, d.device))
            .collect();
        assert_eq!(
            ids,
            [
                (0, 0x8086, 0x29c0),
                (0, 0x8086, 0x2930),
                (0, 0x1b36, 0x000c),
                (1, 0x1af4, 0x1041)
            ]
        );
        assert_eq!(devices[2].description(), "PCI-to-PCI bridge");
        assert_eq!(devices[3].description(), "virtio-net");
    }

    #[test]
    fn capability_walk_stops_on_loops_and_bars_decode() {
        let mut space = function(0x1af4, 0x1050, 0);
        space[0x06] = STATUS_CAPABILITIES as u8;
        space[0x34] = 0x40;
        space[0x40] = 0x09;
        space[0x41] = 0x50;
        space[0x50] = 0x11;
        space[0x51] = 0x40; // loops back
        space[0x20..0x24].copy_from_slice(&0xc000_000cu32.to_le_bytes()); // BAR4, 64-bit
        space[0x24..0x28].copy_from_slice(&0xe0u32.to_le_bytes());
        space[0x10..0x14].copy_from_slice(&0xc001u32.to_le_bytes()); // BAR0, I/O
        let config = FakeConfig::with(&[((0, 3, 0), space)]);
        let address = PciAddress {
            bus: 0,
            device: 3,
            function: 0,
        };
        let caps = capabilities(&config, address);
        assert_eq!(caps.len(), 48);
        assert_eq!(
            caps[0],
            Capability {
                id: 0x09,
                offset: 0x40
            }
        );
        assert_eq!(
            caps[1],
            Capability {
                id: 0x11,
                offset: 0x50
            }
        );
        assert_eq!(memory_bar(&config, address, 4), Some(0xe0_c000_0000));
        assert_eq!(memory_bar(&config, address, 0), None);
        assert_eq!(memory_bar(&config, address, 1), None);
        enable(&config, address);
        assert_eq!(config.read16(address, offset::COMMAND), 0b110);
    }
}
