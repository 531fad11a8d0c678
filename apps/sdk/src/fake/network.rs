//! The fake kernel's network: loopback sockets and a DNS that knows a few names.
//!
//! * TCP: a connection starts `CONNECTING` and, at the next yield, becomes `ESTABLISHED`
//!   (an echo server: what is sent comes back) or, for a port in `refused_ports`, `CLOSED`
//!   with `recv` answering `ConnectionReset`.
//! * UDP: a datagram sent to 127.0.0.1 reaches this app's socket bound to that port (the
//!   sender recorded as 127.0.0.1 and its own port); anything else is dropped, as a real
//!   network may.
//! * DNS: answered at the next yield from `hosts` ("localhost" is 127.0.0.1), otherwise
//!   `NameNotFound`; the handle is freed once the answer is read.
//!
//! Sockets and queries share the per-app limit `abi::limits::MAX_HANDLES`.

use super::{with, FakeKernel};
use abi::{limits, tcp_state, Error};
use std::collections::VecDeque;
use std::string::String;
use std::vec::Vec;

const LOOPBACK: u32 = 0x7f00_0001;
/// Bytes a fake TCP connection buffers before `send` would block.
const TCP_WINDOW: usize = 64 * 1024;
/// The largest UDP payload over IPv4 (65535 - 20 - 8).
const MAX_DATAGRAM: usize = 65_507;
/// Where automatically chosen UDP ports start (RFC 6335 §6 dynamic ports).
const FIRST_DYNAMIC_PORT: u16 = 49_152;

/// An open socket or query.
#[derive(Debug)]
pub enum Handle {
    Tcp {
        state: i32,
        port: u16,
        reset: bool,
        inbox: VecDeque<u8>,
    },
    Udp {
        port: u16,
        inbox: VecDeque<(u32, u16, Vec<u8>)>,
    },
    Dns {
        name: String,
        answer: Option<Result<Vec<[u8; 4]>, Error>>,
    },
}

/// Adds a handle, within the limit.
fn open(k: &mut FakeKernel, handle: Handle) -> i32 {
    if !k.network_up {
        return Error::NetworkDown.code();
    }
    if k.handles.len() >= limits::MAX_HANDLES {
        return Error::Limit.code();
    }
    let id = k.next_handle;
    k.next_handle = k.next_handle.checked_add(1).unwrap_or(1);
    k.handles.insert(id, handle);
    id
}

/// One frame later: connections open or fail, queries get their answer.
pub(crate) fn advance(k: &mut FakeKernel) {
    for handle in k.handles.values_mut() {
        match handle {
            Handle::Tcp {
                state, port, reset, ..
            } if *state == tcp_state::CONNECTING => {
                if k.refused_ports.contains(port) {
                    *state = tcp_state::CLOSED;
                    *reset = true;
                } else {
                    *state = tcp_state::ESTABLISHED;
                }
            }
            Handle::Dns { name, answer } if answer.is_none() => {
                let found = if name.eq_ignore_ascii_case("localhost") {
                    Some(vec![[127, 0, 0, 1]])
                } else {
                    k.hosts.get(name.as_str()).cloned()
                };
                *answer = Some(found.ok_or(Error::NameNotFound));
            }
            _ => {}
        }
    }
}

pub fn tcp_connect(_ip: u32, port: u16) -> i32 {
    if port == 0 {
        return Error::InvalidArgument.code();
    }
    with(|k| {
        let handle = Handle::Tcp {
            state: tcp_state::CONNECTING,
            port,
            reset: false,
            inbox: VecDeque::new(),
        };
        open(k, handle)
    })
}

pub fn tcp_send(handle: i32, data: &[u8]) -> i32 {
    with(|k| match k.handles.get_mut(&handle) {
        Some(Handle::Tcp {
            state,
            reset,
            inbox,
            ..
        }) => match *state {
            tcp_state::CONNECTING => Error::WouldBlock.code(),
            tcp_state::ESTABLISHED | tcp_state::PEER_CLOSED => {
                let room = TCP_WINDOW.saturating_sub(inbox.len());
                if room == 0 && !data.is_empty() {
                    return Error::WouldBlock.code();
                }
                let taken = data.len().min(room);
                inbox.extend(&data[..taken]);
                taken as i32
            }
            _ if *reset => Error::ConnectionReset.code(),
            _ => Error::NotConnected.code(),
        },
        _ => Error::BadHandle.code(),
    })
}

pub fn tcp_recv(handle: i32, buf: &mut [u8]) -> i32 {
    with(|k| match k.handles.get_mut(&handle) {
        Some(Handle::Tcp {
            state,
            reset,
            inbox,
            ..
        }) => {
            if !inbox.is_empty() {
                let n = buf.len().min(inbox.len());
                for (slot, byte) in buf.iter_mut().zip(inbox.drain(..n)) {
                    *slot = byte;
                }
                return n as i32;
            }
            match *state {
                tcp_state::CONNECTING | tcp_state::ESTABLISHED => Error::WouldBlock.code(),
                _ if *reset => Error::ConnectionReset.code(),
                _ => 0,
            }
        }
        _ => Error::BadHandle.code(),
    })
}

pub fn tcp_close(handle: i32) -> i32 {
    with(|k| match k.handles.get(&handle) {
        Some(Handle::Tcp { .. }) => {
            k.handles.remove(&handle);
            0
        }
        _ => Error::BadHandle.code(),
    })
}

pub fn tcp_state(handle: i32) -> i32 {
    with(|k| match k.handles.get(&handle) {
        Some(Handle::Tcp { state, .. }) => *state,
        _ => Error::BadHandle.code(),
    })
}

pub fn udp_bind(port: u16) -> i32 {
    with(|k| {
        let taken = |p: u16| {
            k.handles
                .values()
                .any(|h| matches!(h, Handle::Udp { port, .. } if *port == p))
        };
        let port = if port == 0 {
            match (FIRST_DYNAMIC_PORT..=u16::MAX).find(|p| !taken(*p)) {
                Some(p) => p,
                None => return Error::Limit.code(),
            }
        } else if taken(port) {
            return Error::InvalidArgument.code();
        } else {
            port
        };
        let handle = Handle::Udp {
            port,
            inbox: VecDeque::new(),
        };
        open(k, handle)
    })
}

pub fn udp_send(handle: i32, ip: u32, port: u16, data: &[u8]) -> i32 {
    if port == 0 || data.len() > MAX_DATAGRAM {
        return Error::InvalidArgument.code();
    }
    with(|k| {
        let from_port = match k.handles.get(&handle) {
            Some(Handle::Udp { port, .. }) => *port,
            _ => return Error::BadHandle.code(),
        };
        if ip == LOOPBACK {
            let target = k.handles.values_mut().find_map(|h| match h {
                Handle::Udp { port: p, inbox } if *p == port => Some(inbox),
                _ => None,
            });
            if let Some(inbox) = target {
                inbox.push_back((LOOPBACK, from_port, data.to_vec()));
            }
        }
        data.len() as i32
    })
}

pub fn udp_recv(handle: i32, buf: &mut [u8], from: &mut [u8; 8]) -> i32 {
    with(|k| match k.handles.get_mut(&handle) {
        Some(Handle::Udp { inbox, .. }) => match inbox.pop_front() {
            Some((ip, port, data)) => {
                let n = buf.len().min(data.len());
                buf[..n].copy_from_slice(&data[..n]);
                from[0..4].copy_from_slice(&ip.to_be_bytes());
                from[4..6].copy_from_slice(&port.to_le_bytes());
                from[6..8].fill(0);
                n as i32
            }
            None => Error::WouldBlock.code(),
        },
        _ => Error::BadHandle.code(),
    })
}

pub fn socket_close(handle: i32) -> i32 {
    with(|k| match k.handles.get(&handle) {
        Some(Handle::Udp { .. }) => {
            k.handles.remove(&handle);
            0
        }
        _ => Error::BadHandle.code(),
    })
}

pub fn dns_resolve(name: &[u8]) -> i32 {
    // RFC 1035 §2.3.4: a name is at most 255 octets on the wire, 253 as text.
    let name = match core::str::from_utf8(name) {
        Ok(text) if !text.is_empty() && text.len() <= 253 => String::from(text),
        _ => return Error::InvalidArgument.code(),
    };
    with(|k| open(k, Handle::Dns { name, answer: None }))
}

pub fn dns_result(handle: i32, buf: &mut [u8]) -> i32 {
    with(|k| {
        let answer = match k.handles.get(&handle) {
            Some(Handle::Dns { answer: None, .. }) => return Error::WouldBlock.code(),
            Some(Handle::Dns {
                answer: Some(answer),
                ..
            }) => answer.clone(),
            _ => return Error::BadHandle.code(),
        };
        k.handles.remove(&handle);
        match answer {
            Ok(addresses) => {
                let mut n = 0;
                for (slot, address) in buf.chunks_exact_mut(4).zip(&addresses) {
                    slot.copy_from_slice(address);
                    n += 1;
                }
                n
            }
            Err(error) => error.code(),
        }
    })
}
