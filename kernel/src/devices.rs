//! Finding the machine's devices and starting a driver for each one we know.
//!
//! The PCI scan lists every function; VirtIO functions (vendor 0x1af4) get a transport and the
//! driver for their device id (VirtIO 1.2 §4.1.2: modern ids are 0x1040 + device type;
//! transitional ids 0x1000.. are accepted for the network card). A device whose driver fails
//! is logged and skipped: the desktop comes up with whatever works.

use crate::pci::{self, PciDevice, PortConfig};
use crate::virtio::gpu::Gpu;
use crate::virtio::input::InputDevice;
use crate::virtio::pci::PciTransport;
use crate::{log, virtio::Transport};
use alloc::boxed::Box;
use alloc::vec::Vec;

/// The drivers that came up.
pub struct Devices {
    pub pci: Vec<PciDevice>,
    pub gpu: Option<Gpu>,
    pub inputs: Vec<InputDevice>,
}

const VIRTIO_VENDOR: u16 = 0x1af4;
const VIRTIO_GPU: u16 = 0x1050;
const VIRTIO_INPUT: u16 = 0x1052;

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
                    let Some(transport) = transport_for(device) else {
                        continue;
                    };
                    match InputDevice::new(transport) {
                        Ok(input) => {
                            log!("input: {:?} \"{}\"", input.kind, input.name);
                            inputs.push(input);
                        }
                        Err(error) => log!("input: virtio-input failed to start ({:?})", error),
                    }
                }
                _ => {}
            }
        }
        if gpu.is_none() {
            log!("gpu: no virtio-gpu found; running without a display");
        }
        use crate::virtio::input::InputKind;
        for (kind, name) in [
            (InputKind::Keyboard, "keyboard"),
            (InputKind::Tablet, "tablet"),
            (InputKind::Mouse, "mouse"),
        ] {
            if !inputs.iter().any(|i| i.kind == kind) {
                log!("input: no {} found", name);
            }
        }
        if !pci
            .iter()
            .any(|d| d.vendor == VIRTIO_VENDOR && matches!(d.device, 0x1000 | 0x1041))
        {
            log!("net: no network device found");
        }
        Devices { pci, gpu, inputs }
    }
}
