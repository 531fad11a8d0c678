//! TCP sockets as the kernel and apps see them: handles, connect/listen/accept/send/recv/
//! close, and the demultiplexing of arriving segments to connections (RFC 9293 §3.10.7:
//! a connection matches on both endpoints, else a listener on the port, else the segment
//! gets a RST, §3.10.7.1).

use crate::iface::Interface;
use crate::slab::Handle;
use crate::tcp::{Endpoint, Segment, TcpError, TcpSocket, TcpState, FRAME_HEADROOM};
use crate::wire::ipv4::{Ipv4Packet, Protocol};
use crate::wire::tcp::{TcpFlags, TcpRepr};
use alloc::collections::VecDeque;
use alloc::vec::Vec;
use core::net::Ipv4Addr;

/// A TCP socket handle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TcpHandle(pub Handle);

impl TcpHandle {
    /// One integer for the system-call layer.
    pub fn to_raw(self) -> u64 {
        self.0.to_raw()
    }

    /// Back from [`TcpHandle::to_raw`]; a made-up value is just an invalid handle.
    pub fn from_raw(raw: u64) -> Self {
        TcpHandle(Handle::from_raw(raw))
    }
}

/// A socket plus what the interface tracks about its owner.
#[derive(Debug)]
pub(crate) struct TcpEntry {
    pub socket: TcpSocket,
    /// The user holds the handle; unowned sockets are freed once closed.
    pub owned: bool,
    /// For connections born on a listener: the listener, until accepted.
    pub parent: Option<TcpHandle>,
    /// For listeners: established connections waiting for `accept`.
    pub accept_queue: VecDeque<TcpHandle>,
    pub backlog: usize,
}

impl Interface {
    fn tcp_entry(&mut self, h: TcpHandle) -> Result<&mut TcpEntry, TcpError> {
        match self.tcp.get_mut(h.0) {
            Some(e) if e.owned => Ok(e),
            _ => Err(TcpError::InvalidHandle),
        }
    }

    fn new_tcp_entry(
        &mut self,
        socket: TcpSocket,
        owned: bool,
        parent: Option<TcpHandle>,
    ) -> TcpHandle {
        TcpHandle(self.tcp.insert(TcpEntry {
            socket,
            owned,
            parent,
            accept_queue: VecDeque::new(),
            backlog: 0,
        }))
    }

    /// Opens a connection to `addr:port`; the SYN goes out on the next poll.
    pub fn tcp_connect(&mut self, addr: Ipv4Addr, port: u16) -> Result<TcpHandle, TcpError> {
        let Some(config) = &self.ipv4 else {
            return Err(TcpError::NoRoute);
        };
        let local = Endpoint {
            addr: config.addr,
            port: self.ephemeral_port(),
        };
        let mut socket = TcpSocket::new(local, self.tcp_config);
        // RFC 9293 §3.4.1 / RFC 6528: an unpredictable ISN.
        let iss = self.rng.next_u32();
        socket.connect(Endpoint { addr, port }, iss);
        let h = self.new_tcp_entry(socket, true, None);
        let now = self.now;
        self.tcp_dispatch(h, now, false);
        Ok(h)
    }

    /// Listens on `port` for up to `backlog` connections not yet accepted.
    pub fn tcp_listen(&mut self, port: u16, backlog: usize) -> Result<TcpHandle, TcpError> {
        let in_use = self
            .tcp
            .iter()
            .any(|(_, e)| e.socket.state() == TcpState::Listen && e.socket.local().port == port);
        if in_use || port == 0 {
            return Err(TcpError::AddressInUse);
        }
        let mut socket = TcpSocket::new(
            Endpoint {
                addr: Ipv4Addr::UNSPECIFIED,
                port,
            },
            self.tcp_config,
        );
        socket.listen();
        let h = self.new_tcp_entry(socket, true, None);
        if let Some(e) = self.tcp.get_mut(h.0) {
            e.backlog = backlog.max(1);
        }
        Ok(h)
    }

    /// Takes an established connection from a listener, if one is waiting.
    pub fn tcp_accept(&mut self, listener: TcpHandle) -> Result<Option<TcpHandle>, TcpError> {
        let entry = self.tcp_entry(listener)?;
        if entry.socket.state() != TcpState::Listen {
            return Err(TcpError::InvalidState);
        }
        let Some(child) = entry.accept_queue.pop_front() else {
            return Ok(None);
        };
        if let Some(c) = self.tcp.get_mut(child.0) {
            c.owned = true;
            c.parent = None;
            return Ok(Some(child));
        }
        Ok(None)
    }

    /// Queues bytes; returns how many fit in the send buffer.
    pub fn tcp_send(&mut self, h: TcpHandle, data: &[u8]) -> Result<usize, TcpError> {
        let n = self.tcp_entry(h)?.socket.send(data)?;
        let now = self.now;
        self.tcp_dispatch(h, now, false);
        Ok(n)
    }

    /// Reads received bytes. `Ok(0)`: nothing yet. `Err(Closed)`: the peer finished.
    pub fn tcp_recv(&mut self, h: TcpHandle, buf: &mut [u8]) -> Result<usize, TcpError> {
        let n = self.tcp_entry(h)?.socket.recv(buf)?;
        Ok(n)
    }

    /// Graceful close: a FIN follows the queued data. The handle stays valid (for `recv`
    /// and `state`) until [`Interface::tcp_release`].
    pub fn tcp_close(&mut self, h: TcpHandle) -> Result<(), TcpError> {
        let entry = self.tcp_entry(h)?;
        let was_listener = entry.socket.state() == TcpState::Listen;
        entry.socket.close();
        if was_listener {
            // Connections nobody accepted die with their listener.
            let children: Vec<TcpHandle> = self
                .tcp
                .iter()
                .filter(|(_, e)| e.parent == Some(h))
                .map(|(c, _)| TcpHandle(c))
                .collect();
            for c in children {
                if let Some(mut e) = self.tcp.remove(c.0) {
                    if let Some(rst) = e.socket.abort() {
                        self.send_segment(rst);
                    }
                }
            }
        }
        let now = self.now;
        self.tcp_dispatch(h, now, false);
        Ok(())
    }

    /// Reset the connection at once (sends RST) and free the handle.
    pub fn tcp_abort(&mut self, h: TcpHandle) -> Result<(), TcpError> {
        self.tcp_entry(h)?;
        if let Some(mut e) = self.tcp.remove(h.0) {
            if let Some(rst) = e.socket.abort() {
                self.send_segment(rst);
            }
        }
        Ok(())
    }

    /// Gives the handle back: the connection finishes closing on its own and is freed.
    pub fn tcp_release(&mut self, h: TcpHandle) -> Result<(), TcpError> {
        self.tcp_close(h)?;
        if let Ok(e) = self.tcp_entry(h) {
            e.owned = false;
        }
        Ok(())
    }

    pub fn tcp_state(&self, h: TcpHandle) -> Result<TcpState, TcpError> {
        self.tcp_socket(h).map(|s| s.state())
    }

    /// Read-only access to the socket (queues, error, RTT) for status displays.
    pub fn tcp_socket(&self, h: TcpHandle) -> Result<&TcpSocket, TcpError> {
        match self.tcp.get(h.0) {
            Some(e) if e.owned => Ok(&e.socket),
            _ => Err(TcpError::InvalidHandle),
        }
    }

    /// Number of TCP sockets alive, owned or finishing on their own.
    pub fn tcp_socket_count(&self) -> usize {
        self.tcp.len()
    }

    fn tcp_dispatch(&mut self, h: TcpHandle, now: u64, flush_delayed: bool) {
        let mut out = Vec::new();
        if let Some(e) = self.tcp.get_mut(h.0) {
            e.socket.dispatch(now, flush_delayed, &mut out);
        }
        for s in out {
            self.send_segment(s);
        }
    }

    pub(crate) fn poll_tcp(&mut self, now: u64) {
        let mut out = Vec::new();
        let mut dead = Vec::new();
        for (h, e) in self.tcp.iter_mut() {
            e.socket.on_timer(now, &mut out);
            e.socket.dispatch(now, true, &mut out);
            if !e.owned && e.socket.state() == TcpState::Closed {
                dead.push(h);
            }
        }
        for h in dead {
            self.tcp.remove(h);
        }
        for s in out {
            self.send_segment(s);
        }
    }

    /// Fills in the TCP header of a segment (its payload is already in the frame), wraps it
    /// in IPv4 and queues it.
    pub(crate) fn send_segment(&mut self, s: Segment) {
        let repr = TcpRepr {
            src_port: s.local.port,
            dst_port: s.remote.port,
            seq: s.seq,
            ack: s.ack,
            flags: TcpFlags(s.flags),
            window: s.window,
            mss: s.mss,
            window_scale: s.window_scale,
            sack_permitted: false,
            payload: &[],
        };
        let (src, dst) = (s.local.addr, s.remote.addr);
        let mut frame = s.frame;
        if let Some(l4) = frame.get_mut(FRAME_HEADROOM..) {
            let _ = repr.emit_in_place(l4, src, dst);
        }
        let _ = self.send_ipv4_frame(Some(src), dst, Protocol::TCP, frame);
    }

    pub(crate) fn receive_tcp(&mut self, packet: &Ipv4Packet) {
        let (src, dst) = (packet.src(), packet.dst());
        let seg = match TcpRepr::parse(packet.payload(), src, dst) {
            Ok(s) => s,
            Err(e) => return self.counters.drops.count(e),
        };
        let local = Endpoint {
            addr: dst,
            port: seg.dst_port,
        };
        let remote = Endpoint {
            addr: src,
            port: seg.src_port,
        };
        let now = self.now;
        let connection = self.tcp.iter().find_map(|(h, e)| {
            let s = &e.socket;
            let live = !matches!(s.state(), TcpState::Closed | TcpState::Listen);
            (live && s.local().port == local.port && s.remote() == remote).then_some(h)
        });
        // RFC 9293 §3.6.1 (and RFC 6191): a new SYN with a higher sequence number may
        // reopen a connection in TIME-WAIT; the old one ends and a listener takes the SYN.
        let connection = match connection {
            Some(h) if seg.flags.syn() && !seg.flags.ack() => {
                let reopen = self
                    .tcp
                    .get_mut(h)
                    .is_some_and(|e| e.socket.end_time_wait_for(&seg));
                if reopen {
                    None
                } else {
                    Some(h)
                }
            }
            other => other,
        };
        if let Some(h) = connection {
            let mut out = Vec::new();
            let mut established_child = None;
            if let Some(e) = self.tcp.get_mut(h) {
                let before = e.socket.state();
                e.socket.process(&seg, now, &mut out);
                if before == TcpState::SynReceived && e.socket.state() != TcpState::SynReceived {
                    established_child = e.parent;
                }
            }
            if let Some(parent) = established_child {
                if let Some(p) = self.tcp.get_mut(parent.0) {
                    p.accept_queue.push_back(TcpHandle(h));
                }
            }
            for s in out {
                self.send_segment(s);
            }
            return;
        }
        let listener = self.tcp.iter().find_map(|(h, e)| {
            (e.socket.state() == TcpState::Listen && e.socket.local().port == local.port)
                .then_some(h)
        });
        match listener {
            Some(l) if seg.flags.syn() && !seg.flags.ack() && !seg.flags.rst() => {
                self.accept_syn(TcpHandle(l), local, remote, &seg, now)
            }
            // §3.10.7.2: in LISTEN a RST is ignored, an ACK gets a RST.
            Some(_) if seg.flags.rst() => self.counters.drops.tcp_rejected += 1,
            _ => {
                self.counters.drops.tcp_rejected += 1;
                if !seg.flags.rst() {
                    self.send_reset(local, remote, &seg);
                }
            }
        }
    }

    fn accept_syn(
        &mut self,
        l: TcpHandle,
        local: Endpoint,
        remote: Endpoint,
        seg: &TcpRepr,
        now: u64,
    ) {
        let waiting = self.tcp.iter().filter(|(_, e)| e.parent == Some(l)).count();
        let backlog = self.tcp.get(l.0).map_or(0, |e| e.backlog);
        if waiting >= backlog {
            self.counters.drops.tcp_rejected += 1;
            return; // the peer retries its SYN later
        }
        let iss = self.rng.next_u32();
        let socket = TcpSocket::from_syn(local, remote, seg, iss, self.tcp_config);
        let h = self.new_tcp_entry(socket, false, Some(l));
        self.tcp_dispatch(h, now, false);
    }

    /// RST for a segment that matches no connection (RFC 9293 §3.10.7.1).
    fn send_reset(&mut self, local: Endpoint, remote: Endpoint, seg: &TcpRepr) {
        let (seq, ack, flags) = if seg.flags.ack() {
            (seg.ack, 0, TcpFlags::RST)
        } else {
            (
                0,
                seg.seq.wrapping_add(seg.segment_len()),
                TcpFlags::RST | TcpFlags::ACK,
            )
        };
        self.send_segment(Segment {
            local,
            remote,
            seq,
            ack,
            flags,
            window: 0,
            mss: None,
            window_scale: None,
            frame: Segment::frame_for(false, false, 0),
        });
    }
}
