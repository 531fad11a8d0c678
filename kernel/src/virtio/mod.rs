//! VirtIO 1.x: the transport, the split virtqueue, and the device drivers on top.
//!
//! A VirtIO device (VirtIO 1.2 §2) is found through a transport (here PCI, §4.1; an MMIO
//! transport, §4.2, could replace it on other hypervisors), negotiates features, and exchanges
//! buffers with the driver through virtqueues. The drivers only speak to the [`Transport`]
//! trait and to [`queue::SplitQueue`], so they do not know which transport carries them.
//!
//! Device initialisation follows §3.1.1: reset, ACKNOWLEDGE, DRIVER, read the features and
//! accept the ones we know (always VERSION_1), FEATURES_OK and check it stuck, set up the
//! queues, DRIVER_OK. Any step that fails marks the device FAILED and the driver gives up.

pub mod gpu;
pub mod input;
pub mod net;
pub mod pci;
pub mod queue;

/// Device-status bits (§2.1).
pub mod status {
    pub const ACKNOWLEDGE: u8 = 1;
    pub const DRIVER: u8 = 2;
    pub const DRIVER_OK: u8 = 4;
    pub const FEATURES_OK: u8 = 8;
    pub const FAILED: u8 = 128;
}

/// Feature bit: the device follows VirtIO 1.x, not the legacy interface (§6).
pub const FEATURE_VERSION_1: u64 = 1 << 32;

/// What a driver needs from a transport.
pub trait Transport {
    /// The device's feature bits (all 64).
    fn device_features(&mut self) -> u64;
    /// Tells the device which features the driver uses.
    fn set_driver_features(&mut self, features: u64);
    /// Reads the device-status byte.
    fn status(&mut self) -> u8;
    /// Writes the device-status byte (0 resets the device).
    fn set_status(&mut self, status: u8);
    /// The largest size the device allows for queue `index` (0: the queue does not exist).
    fn max_queue_size(&mut self, index: u16) -> u16;
    /// Gives the device queue `index` of `size` entries at these physical addresses, and
    /// enables it.
    fn enable_queue(&mut self, index: u16, size: u16, addresses: (u64, u64, u64));
    /// Tells the device that queue `index` has new buffers.
    fn notify(&mut self, index: u16);
    /// Reads a byte of the device-specific configuration.
    fn config_read_u8(&mut self, offset: usize) -> u8;
    /// Writes a byte of the device-specific configuration.
    fn config_write_u8(&mut self, offset: usize, value: u8);

    /// Reads a little-endian u32 of the device configuration.
    fn config_read_u32(&mut self, offset: usize) -> u32 {
        u32::from_le_bytes(core::array::from_fn(|i| self.config_read_u8(offset + i)))
    }
}

/// Why a device could not be brought up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InitError {
    /// The device does not offer VERSION_1.
    NotModern,
    /// The device refused our feature selection.
    FeaturesRejected,
    /// A queue the driver needs is missing.
    NoQueue(u16),
    /// Queue memory could not be allocated.
    OutOfMemory,
}

/// Steps 1-6 of §3.1.1: reset, acknowledge, negotiate `wanted` features (VERSION_1 is
/// added). Returns the accepted features.
pub fn negotiate(transport: &mut dyn Transport, wanted: u64) -> Result<u64, InitError> {
    transport.set_status(0);
    transport.set_status(status::ACKNOWLEDGE);
    transport.set_status(status::ACKNOWLEDGE | status::DRIVER);
    let offered = transport.device_features();
    if offered & FEATURE_VERSION_1 == 0 {
        transport.set_status(status::FAILED);
        return Err(InitError::NotModern);
    }
    let accepted = offered & (wanted | FEATURE_VERSION_1);
    transport.set_driver_features(accepted);
    transport.set_status(status::ACKNOWLEDGE | status::DRIVER | status::FEATURES_OK);
    if transport.status() & status::FEATURES_OK == 0 {
        transport.set_status(status::FAILED);
        return Err(InitError::FeaturesRejected);
    }
    Ok(accepted)
}

/// Creates queue `index` with up to `wanted` entries and hands it to the device.
pub fn setup_queue(
    transport: &mut dyn Transport,
    index: u16,
    wanted: u16,
) -> Result<queue::SplitQueue, InitError> {
    let max = transport.max_queue_size(index);
    if max == 0 {
        return Err(InitError::NoQueue(index));
    }
    // Queue sizes must be powers of two for split queues (§2.7).
    let size = 1u16 << (15 - wanted.min(max).leading_zeros().min(15));
    let queue = queue::SplitQueue::new(size).ok_or(InitError::OutOfMemory)?;
    transport.enable_queue(index, size, queue.addresses());
    Ok(queue)
}

/// Step 8 of §3.1.1: the driver is ready.
pub fn finish(transport: &mut dyn Transport) {
    let current = transport.status();
    transport.set_status(current | status::DRIVER_OK);
}
