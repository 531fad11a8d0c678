//! The virtio-input driver (VirtIO 1.2 §5.8): keyboards, mice and tablets.
//!
//! QEMU devices: `-device virtio-keyboard-pci`, `virtio-mouse-pci`, `virtio-tablet-pci`; all
//! three are PCI id 1af4:1052, so the driver asks the device what it is. Its configuration
//! space (§5.8.4) answers questions: write `select`/`subsel`, read `size` and the data. We read
//! the name (`ID_NAME`), which event types it sends (`EV_BITS`), and for a tablet the range of
//! its absolute axes (`ABS_INFO`).
//!
//! Events are Linux evdev triples (type, code, value), 8 bytes each, that the device writes
//! into buffers we keep posted on the event queue (queue 0). The driver only moves bytes; the
//! kernel's `input` module gives them meaning.

use super::queue::{Buffer, SplitQueue};
use super::{InitError, Transport};
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

/// Configuration selectors (§5.8.4).
mod select {
    pub const ID_NAME: u8 = 0x01;
    pub const EV_BITS: u8 = 0x11;
    pub const ABS_INFO: u8 = 0x12;
}

/// Offsets in the configuration space (§5.8.4).
const CONFIG_SELECT: usize = 0;
const CONFIG_SUBSEL: usize = 1;
const CONFIG_SIZE: usize = 2;
const CONFIG_DATA: usize = 8;

/// evdev event types and codes used here (Linux `input-event-codes.h`).
pub mod evdev {
    pub const EV_KEY: u16 = 0x01;
    pub const EV_REL: u16 = 0x02;
    pub const EV_ABS: u16 = 0x03;
    pub const REL_X: u16 = 0x00;
    pub const REL_Y: u16 = 0x01;
    pub const REL_WHEEL: u16 = 0x08;
    pub const ABS_X: u16 = 0x00;
    pub const ABS_Y: u16 = 0x01;
    pub const BTN_LEFT: u16 = 0x110;
    pub const BTN_RIGHT: u16 = 0x111;
    pub const BTN_MIDDLE: u16 = 0x112;
}

const EVENT_QUEUE: u16 = 0;
const EVENT_SIZE: usize = 8;

/// What kind of device this is, from the event types it reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    Keyboard,
    /// Relative motion.
    Mouse,
    /// Absolute position.
    Tablet,
}

/// One evdev event as the device sent it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawEvent {
    pub kind: u16,
    pub code: u16,
    pub value: u32,
}

impl RawEvent {
    /// Decodes the 8-byte wire form (§5.8.6.1): le16 type, le16 code, le32 value.
    pub fn parse(bytes: &[u8; EVENT_SIZE]) -> RawEvent {
        RawEvent {
            kind: u16::from_le_bytes([bytes[0], bytes[1]]),
            code: u16::from_le_bytes([bytes[2], bytes[3]]),
            value: u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]),
        }
    }
}

/// A running virtio-input device.
pub struct InputDevice {
    transport: Box<dyn Transport>,
    events: SplitQueue,
    /// One posted buffer per descriptor: the head index of a used chain is its buffer.
    buffers: Vec<[u8; EVENT_SIZE]>,
    pub kind: InputKind,
    pub name: String,
    /// Largest value of ABS_X and ABS_Y (tablets), for scaling to the screen.
    pub abs_max: (u32, u32),
}

impl InputDevice {
    /// Brings the device up and posts every event buffer.
    pub fn new(mut transport: Box<dyn Transport>) -> Result<InputDevice, InitError> {
        super::negotiate(transport.as_mut(), 0)?;
        let events = super::setup_queue(transport.as_mut(), EVENT_QUEUE, 64)?;
        super::finish(transport.as_mut());
        let name = read_string(transport.as_mut(), select::ID_NAME, 0);
        let kind = kind_of(transport.as_mut());
        let abs_max = if kind == InputKind::Tablet {
            (
                abs_max(transport.as_mut(), evdev::ABS_X),
                abs_max(transport.as_mut(), evdev::ABS_Y),
            )
        } else {
            (0, 0)
        };
        let size = events.size() as usize;
        let mut device = InputDevice {
            transport,
            events,
            buffers: vec![[0; EVENT_SIZE]; size],
            kind,
            name,
            abs_max,
        };
        for index in 0..size {
            device.post(index);
        }
        device.transport.notify(EVENT_QUEUE);
        Ok(device)
    }

    fn post(&mut self, index: usize) {
        let buffer = Buffer {
            address: self.buffers[index].as_mut_ptr() as u64,
            length: EVENT_SIZE as u32,
            device_writes: true,
        };
        // SAFETY: the buffer lives in `self.buffers` (never reallocated after `new`) and is
        // read again only after the device returns it.
        let _ = unsafe { self.events.push(&[buffer]) };
    }

    /// Appends every event the device has delivered since the last call.
    pub fn poll(&mut self, out: &mut Vec<RawEvent>) {
        let mut reposted = false;
        while let Some(used) = self.events.pop_used() {
            let index = used.head as usize;
            if used.written as usize >= EVENT_SIZE {
                out.push(RawEvent::parse(&self.buffers[index]));
            }
            self.post(index);
            reposted = true;
        }
        if reposted {
            self.transport.notify(EVENT_QUEUE);
        }
    }
}

/// What a device is, from the event types it reports (EV_BITS, §5.8.4).
fn kind_of(transport: &mut dyn Transport) -> InputKind {
    let has = |t: &mut dyn Transport, event_type: u16| {
        config_query(t, select::EV_BITS, event_type as u8) > 0
    };
    if has(transport, evdev::EV_ABS) {
        InputKind::Tablet
    } else if has(transport, evdev::EV_REL) {
        InputKind::Mouse
    } else {
        InputKind::Keyboard
    }
}

/// Asks a device what it is without starting it (it is reset afterwards).
///
/// The kernel starts tablets last because QEMU sends a button press to the pointing device
/// that became ready last: then a tablet's clicks travel in its own queue, in order with its
/// positions, instead of overtaking them through the mouse's queue.
pub fn identify(transport: &mut dyn Transport) -> Result<InputKind, InitError> {
    super::negotiate(transport, 0)?;
    let kind = kind_of(transport);
    transport.set_status(0);
    Ok(kind)
}

/// Selects a configuration field and returns its size (0: absent).
fn config_query(transport: &mut dyn Transport, select: u8, subsel: u8) -> u8 {
    transport.config_write_u8(CONFIG_SELECT, select);
    transport.config_write_u8(CONFIG_SUBSEL, subsel);
    transport.config_read_u8(CONFIG_SIZE)
}

fn read_string(transport: &mut dyn Transport, select: u8, subsel: u8) -> String {
    let size = config_query(transport, select, subsel).min(128) as usize;
    (0..size)
        .map(|i| transport.config_read_u8(CONFIG_DATA + i))
        .filter(|byte| byte.is_ascii_graphic() || *byte == b' ')
        .map(char::from)
        .collect()
}

/// `virtio_input_absinfo.max` of an axis (§5.8.4: min, max, fuzz, flat, res).
fn abs_max(transport: &mut dyn Transport, axis: u16) -> u32 {
    if config_query(transport, select::ABS_INFO, axis as u8) < 8 {
        return 0;
    }
    transport.config_read_u32(CONFIG_DATA + 4)
}
