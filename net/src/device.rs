//! The device boundary. The kernel's virtio-net driver (or a test's TAP device, or an
//! in-memory link) implements [`Device`]; [`crate::Interface::poll_device`] moves frames
//! between it and the stack. Frames are whole Ethernet II frames without the FCS.

use crate::wire::MacAddr;

/// A network card as the stack sees it.
pub trait Device {
    /// The card's hardware address.
    fn mac(&self) -> MacAddr;
    /// Copies the next received frame into `buf` and returns its length, or `None` if no
    /// frame is waiting. Frames longer than `buf` may be truncated (and will be dropped).
    fn receive(&mut self, buf: &mut [u8]) -> Option<usize>;
    /// Queues one frame for transmission. Returns false if the device had no room; the
    /// stack then drops the frame (TCP retransmits, UDP is best effort).
    fn transmit(&mut self, frame: &[u8]) -> bool;
}
