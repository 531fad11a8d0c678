//! Finding the machine's devices and starting a driver for each one we know.
//!
//! The PCI scan lists every function; VirtIO functions (vendor 0x1af4) get a transport and the
//! driver for their device id (VirtIO 1.2 §4.1.2: modern ids are 0x1040 + device type;
//! transitional ids 0x1000.. are accepted for the network card). A device whose driver fails
//! is logged and skipped: the desktop comes up with whatever works.

use crate::pci::{self, PciDevice, PortConfig};
use crate::virtio::gpu::Gpu;
use crate::virtio::input::{InputDevice, InputKind};
use crate::virtio::net::NetDevice;
use crate::virtio::pci::PciTransport;
use crate::{log, virtio::Transport};
use alloc::boxed::Box;
use alloc::vec::Vec;

/// The drivers that came up.
pub struct Devices {
    pub pci: Vec<PciDevice>,
    pub gpu: Option<Gpu>,
    pub inputs: Vec<InputDevice>,
    pub net: Option<NetDevice>,
}

const VIRTIO_VENDOR: u16 = 0x1af4;
const VIRTIO_GPU: u16 = 0x1050;
const VIRTIO_INPUT: u16 = 0x1052;
const VIRTIO_NET: u16 = 0x1041;
const VIRTIO_NET_TRANSITIONAL: u16 = 0x1000;

fn transport_for(device: &PciDevice) -> Option<Box<dyn Transport>> {
    match PciTransport::new(&PortConfig, device.address) {
        Ok(transport) => Some(Box::new(transport)),
        Err(error) => {
            log!(
                "pci: {:02x}:{:02x}.{} {:04x}:{:04x} has no usable virtio transport ({:?})",
                device.address.bus,
                device.address.device,
                device.address.function,
                device.vendor,
                device.device,
                error
            );
            None
        }
    }
}

impl Devices {
    /// Scans PCI and starts the GPU (at `width` x `height`) and every input device.
    pub fn probe(width: u32, height: u32) -> Devices {
        let pci = pci::enumerate(&PortConfig);
        let mut gpu = None;
        let mut inputs = Vec::new();
        let mut net = None;
        let mut pending_inputs = Vec::new();
        for device in pci.iter().filter(|d| d.vendor == VIRTIO_VENDOR) {
            match device.device {
                VIRTIO_GPU if gpu.is_none() => {
                    let Some(transport) = transport_for(device) else {
                        continue;
                    };
                    match Gpu::new(transport, width, height) {
                        Ok(started) => {
                            log!(
                                "gpu: virtio-gpu {}x{} (host display {:?})",
                                width,
                                height,
                                started.display_size
                            );
                            gpu = Some(started);
                        }
                        Err(error) => log!("gpu: virtio-gpu failed to start ({:?})", error),
                    }
                }
                VIRTIO_INPUT => {
                    let Some(mut transport) = transport_for(device) else {
                        continue;
                    };
                    match crate::virtio::input::identify(transport.as_mut()) {
                        Ok(kind) => pending_inputs.push((kind == InputKind::Tablet, transport)),
                        Err(error) => log!("input: virtio-input failed to start ({:?})", error),
                    }
                }
                VIRTIO_NET_TRANSITIONAL | VIRTIO_NET if net.is_none() => {
                    let Some(transport) = transport_for(device) else {
                        continue;
                    };
                    match NetDevice::new(transport) {
                        Ok(card) => {
                            log!("net: virtio-net {}", net::Device::mac(&card));
                            net = Some(card);
                        }
                        Err(error) => log!("net: virtio-net failed to start ({:?})", error),
                    }
                }
                _ => {}
            }
        }
        // Tablets start last (see `virtio::input::identify`).
        pending_inputs.sort_by_key(|(tablet, _)| *tablet);
        for (_, transport) in pending_inputs {
            match InputDevice::new(transport) {
                Ok(input) => {
                    log!("input: {:?} \"{}\"", input.kind, input.name);
                    inputs.push(input);
                }
                Err(error) => log!("input: virtio-input failed to start ({:?})", error),
            }
        }
        if gpu.is_none() {
            log!("gpu: no virtio-gpu found; running without a display");
        }
        for (kind, name) in [
            (InputKind::Keyboard, "keyboard"),
            (InputKind::Tablet, "tablet"),
            (InputKind::Mouse, "mouse"),
        ] {
            if !inputs.iter().any(|i| i.kind == kind) {
                log!("input: no {} found", name);
            }
        }
        if net.is_none() {
            log!("net: no network device found");
        }
        Devices {
            pci,
            gpu,
            inputs,
            net,
        }
    }
}
