//! A TLS client over any non-blocking byte transport (TLS 1.0–1.2, RFC 2246/4346/5246,
//! as BearSSL speaks it; SNI per RFC 6066 §3; name checking per RFC 6125 in BearSSL's
//! X.509 minimal engine).
//!
//! BearSSL's engine is a state machine with four buffers (bearssl_ssl.h, "I/O with
//! BearSSL"): records to send, room for received records, room for plaintext to send, and
//! received plaintext. [`TlsClient::pump`] moves records between the engine and the
//! [`Transport`] until neither side can make progress, never waiting: a transport that has
//! nothing answers [`IoError::WouldBlock`], and so does the client. Call `pump` (or
//! `read`/`write`, which pump) once per frame.

use crate::anchors::TrustAnchors;
use crate::ffi::{state, Engine};
use std::rc::Rc;

/// Days from 0000-01-01 (proleptic Gregorian, BearSSL's epoch) to 1970-01-01.
const UNIX_EPOCH_DAYS: u64 = 719_528;
const SECONDS_PER_DAY: u64 = 86_400;

/// What a transport call can report besides bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IoError {
    /// Nothing can move now; try again later.
    WouldBlock,
    /// The connection failed or was reset.
    Failed,
}

/// A non-blocking byte stream (a TCP connection). `recv` returning `Ok(0)` is end of stream.
pub trait Transport {
    fn send(&mut self, data: &[u8]) -> Result<usize, IoError>;
    fn recv(&mut self, buf: &mut [u8]) -> Result<usize, IoError>;
}

/// Why a TLS operation did not complete.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TlsError {
    /// Nothing to do yet; call again later.
    WouldBlock,
    /// The server name is empty, too long (over 255 bytes) or holds a NUL byte.
    BadServerName,
    /// The transport failed, or ended before TLS closed.
    Transport,
    /// BearSSL stopped with this error code (`BR_ERR_*`, see [`TlsError::reason`]).
    Engine(i32),
}

impl TlsError {
    /// A short English reason, for logs.
    pub fn reason(&self) -> &'static str {
        match *self {
            TlsError::WouldBlock => "would block",
            TlsError::BadServerName => "bad server name",
            TlsError::Transport => "connection failed",
            TlsError::Engine(code) => engine_reason(code),
        }
    }
}

/// Names for the BearSSL codes a user is likely to meet (bearssl_ssl.h, bearssl_x509.h).
fn engine_reason(code: i32) -> &'static str {
    match code {
        54 => "certificate expired or not yet valid",
        56 => "certificate does not match the server name",
        62 => "certificate not trusted",
        33..=61 | 63..=70 => "bad certificate",
        31 => "i/o error",
        256..=511 => "server sent a fatal alert",
        512..=767 => "handshake failed (alert sent)",
        _ => "tls protocol error",
    }
}

/// Converts Unix seconds into BearSSL's (days since 0000-01-01, seconds in the day).
pub fn bearssl_time(unix_seconds: u64) -> (u32, u32) {
    let days = unix_seconds / SECONDS_PER_DAY + UNIX_EPOCH_DAYS;
    let seconds = unix_seconds % SECONDS_PER_DAY;
    (u32::try_from(days).unwrap_or(u32::MAX), seconds as u32)
}

/// A TLS client connection.
pub struct TlsClient<T: Transport> {
    engine: Engine,
    transport: T,
    // Kept alive because the engine points into it.
    _anchors: Rc<TrustAnchors>,
    ended: bool,
}

impl<T: Transport> TlsClient<T> {
    /// Starts a handshake over `transport` with SNI `server_name`, checking the server's
    /// chain against `anchors`, its name against `server_name`, and its validity at
    /// `unix_seconds` (from the caller's wall clock). `seed` is fresh randomness (32 bytes
    /// or more) for the engine's generator.
    pub fn connect(
        transport: T,
        anchors: Rc<TrustAnchors>,
        server_name: &str,
        unix_seconds: u64,
        seed: &[u8],
    ) -> Result<TlsClient<T>, TlsError> {
        if server_name.is_empty() || server_name.len() > 255 || server_name.contains('\0') {
            return Err(TlsError::BadServerName);
        }
        let mut name = Vec::with_capacity(server_name.len() + 1);
        name.extend_from_slice(server_name.as_bytes());
        name.push(0);
        let (days, seconds) = bearssl_time(unix_seconds);
        let mut engine =
            Engine::start(anchors.raw(), &name, seed, days, seconds).ok_or(TlsError::Engine(0))?;
        if engine.state() & state::CLOSED != 0 {
            return Err(TlsError::Engine(engine.last_error()));
        }
        Ok(TlsClient {
            engine,
            transport,
            _anchors: anchors,
            ended: false,
        })
    }

    /// Moves records both ways until nothing moves. Returns `Ok(true)` once the handshake
    /// is done (application data can flow), `Ok(false)` while it is under way.
    pub fn pump(&mut self) -> Result<bool, TlsError> {
        loop {
            let now = self.engine.state();
            if now & state::CLOSED != 0 {
                return match self.engine.last_error() {
                    0 => Ok(false),
                    code => Err(TlsError::Engine(code)),
                };
            }
            let mut moved = false;
            if now & state::SEND_RECORD != 0 {
                if let Some(records) = self.engine.outgoing_records() {
                    match self.transport.send(records) {
                        Ok(0) | Err(IoError::WouldBlock) => {}
                        Ok(n) => {
                            let n = n.min(records.len());
                            self.engine.outgoing_records_sent(n);
                            moved = true;
                        }
                        Err(IoError::Failed) => return Err(TlsError::Transport),
                    }
                }
            }
            // Both directions are tried each round, so a full send queue cannot stall reading.
            if self.engine.state() & state::RECEIVE_RECORD != 0 && !self.ended {
                if let Some(room) = self.engine.incoming_records() {
                    match self.transport.recv(room) {
                        Ok(0) => {
                            self.ended = true;
                            return Err(TlsError::Transport);
                        }
                        Ok(n) => {
                            let n = n.min(room.len());
                            self.engine.incoming_records_filled(n);
                            moved = true;
                        }
                        Err(IoError::WouldBlock) => {}
                        Err(IoError::Failed) => return Err(TlsError::Transport),
                    }
                }
            }
            if !moved {
                return Ok(now & (state::SEND_APP | state::RECEIVE_APP) != 0);
            }
        }
    }

    /// True once application data can be sent.
    pub fn is_ready(&mut self) -> bool {
        self.engine.state() & state::SEND_APP != 0
    }

    /// Encrypts and sends as much of `data` as the engine takes now; returns that count.
    pub fn write(&mut self, data: &[u8]) -> Result<usize, TlsError> {
        self.pump()?;
        let Some(room) = self.engine.outgoing_app() else {
            return Err(self.closed_error().unwrap_or(TlsError::WouldBlock));
        };
        let n = room.len().min(data.len());
        room[..n].copy_from_slice(&data[..n]);
        self.engine.outgoing_app_filled(n);
        self.engine.flush();
        self.pump()?;
        Ok(n)
    }

    /// Reads decrypted bytes. `Ok(0)` means the server closed the TLS session cleanly.
    pub fn read(&mut self, buf: &mut [u8]) -> Result<usize, TlsError> {
        let pumped = self.pump();
        if let Some(plain) = self.engine.incoming_app() {
            let n = plain.len().min(buf.len());
            buf[..n].copy_from_slice(&plain[..n]);
            self.engine.incoming_app_taken(n);
            return Ok(n);
        }
        pumped?;
        match self.closed_error() {
            Some(error) => Err(error),
            None if self.engine.state() & state::CLOSED != 0 => Ok(0),
            None => Err(TlsError::WouldBlock),
        }
    }

    /// Sends close_notify; keep calling `pump` to let it out.
    pub fn close(&mut self) -> Result<(), TlsError> {
        self.engine.close();
        self.pump().map(drop)
    }

    /// The transport, e.g. to check the TCP state.
    pub fn transport(&mut self) -> &mut T {
        &mut self.transport
    }

    fn closed_error(&mut self) -> Option<TlsError> {
        if self.engine.state() & state::CLOSED == 0 {
            return None;
        }
        match self.engine.last_error() {
            0 => None,
            code => Some(TlsError::Engine(code)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_conversion() {
        assert_eq!(bearssl_time(0), (719_528, 0));
        // 2026-11-24 22:30:27 UTC
        assert_eq!(bearssl_time(1_795_559_427), (719_528 + 20_781, 81_027));
    }

    #[test]
    fn reasons_for_common_codes() {
        assert_eq!(TlsError::Engine(62).reason(), "certificate not trusted");
        assert_eq!(
            TlsError::Engine(56).reason(),
            "certificate does not match the server name"
        );
    }

    struct Silent;
    impl Transport for Silent {
        fn send(&mut self, data: &[u8]) -> Result<usize, IoError> {
            Ok(data.len())
        }
        fn recv(&mut self, _buf: &mut [u8]) -> Result<usize, IoError> {
            Err(IoError::WouldBlock)
        }
    }

    #[test]
    fn handshake_waits_without_a_server() {
        let anchors = Rc::new(TrustAnchors::new());
        let mut client =
            TlsClient::connect(Silent, anchors, "tessera.test", 1_795_559_427, &[7; 32]).unwrap();
        assert_eq!(client.pump(), Ok(false));
        assert_eq!(client.read(&mut [0; 16]), Err(TlsError::WouldBlock));
    }

    #[test]
    fn bad_names_are_refused() {
        let anchors = Rc::new(TrustAnchors::new());
        let result = TlsClient::connect(Silent, anchors, "a\0b", 0, &[7; 32]);
        assert!(matches!(result, Err(TlsError::BadServerName)));
    }
}
