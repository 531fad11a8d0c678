//! `tlsprobe`: checks TLS from inside a WASM app, end to end.
//!
//! It connects to a server (its first argument `a.b.c.d:port`, else the session store's
//! `tlsprobe/target`, else 10.0.2.2:8443, QEMU's host), does the TLS handshake with BearSSL
//! (`bearssl-sys`) for the server name `tessera.test`, sends `GET / HTTP/1.1`, reads the
//! response until the server closes, and logs one line a test can parse:
//! `tlsprobe: ok STATUS bytes=N` or `tlsprobe: error REASON`.
//!
//! Trust: the embedded Mozilla roots, plus the PEM certificates of the machine setting
//! `opt/os/ca` (QEMU's `-fw_cfg name=opt/os/ca,file=ca.pem`, read with `sdk::config_get`)
//! and of the session store key `tlsprobe/ca` when present. Everything runs without
//! blocking: each step that has nothing to do yields the frame.

use bearssl_sys::{IoError, TlsClient, TlsError, Transport, TrustAnchors};
use sdk::net::{TcpState, TcpStream};
use sdk::Error;
use std::net::Ipv4Addr;
use std::rc::Rc;

const DEFAULT_TARGET: &str = "10.0.2.2:8443";
const SERVER_NAME: &str = "tessera.test";
const TIMEOUT_US: u64 = 30_000_000;
const REQUEST: &[u8] = b"GET / HTTP/1.1\r\nHost: tessera.test\r\nConnection: close\r\n\r\n";

/// The SDK's TCP stream as BearSSL's transport.
struct Tcp(TcpStream);

impl Transport for Tcp {
    fn send(&mut self, data: &[u8]) -> Result<usize, IoError> {
        self.0.send(data).map_err(io_error)
    }
    fn recv(&mut self, buf: &mut [u8]) -> Result<usize, IoError> {
        self.0.recv(buf).map_err(io_error)
    }
}

fn io_error(error: Error) -> IoError {
    if error == Error::WouldBlock {
        IoError::WouldBlock
    } else {
        IoError::Failed
    }
}

fn target() -> Result<(Ipv4Addr, u16), String> {
    let text = match (std::env::args().nth(1), sdk::store_get("tlsprobe/target")) {
        (Some(argument), _) => argument,
        (None, Ok(bytes)) => String::from_utf8_lossy(&bytes).trim().to_string(),
        (None, Err(_)) => DEFAULT_TARGET.to_string(),
    };
    let (host, port) = text
        .rsplit_once(':')
        .ok_or_else(|| format!("bad target {text}"))?;
    let ip = host
        .parse::<Ipv4Addr>()
        .map_err(|_| format!("bad target address {host}"))?;
    let port = port
        .parse::<u16>()
        .map_err(|_| format!("bad target port {port}"))?;
    Ok((ip, port))
}

fn anchors() -> TrustAnchors {
    let started = sdk::monotonic_us().unwrap_or(0);
    let mut anchors = TrustAnchors::mozilla();
    let ready = sdk::monotonic_us().unwrap_or(0).saturating_sub(started);
    let _ = sdk::log(&format!(
        "tlsprobe: {} roots ready in {} us",
        anchors.len(),
        ready
    ));
    let configured = sdk::config_get("opt/os/ca").unwrap_or_default();
    let stored = sdk::store_get("tlsprobe/ca").unwrap_or_default();
    for pem in [&configured[..], &stored[..]]
        .into_iter()
        .filter(|p| !p.is_empty())
    {
        match anchors.add_pem(pem) {
            Ok(n) => drop(sdk::log(&format!("tlsprobe: {n} extra anchor(s)"))),
            Err(e) => drop(sdk::log(&format!("tlsprobe: extra anchor refused: {e:?}"))),
        }
    }
    anchors
}

/// Yields one frame and fails once the whole probe has taken too long.
fn next_frame(deadline: u64) -> Result<(), String> {
    let _ = sdk::yield_now();
    if sdk::monotonic_us().unwrap_or(u64::MAX) > deadline {
        return Err("timeout".into());
    }
    Ok(())
}

fn tls_error(error: TlsError) -> String {
    match error {
        TlsError::Engine(code) => format!("{} (bearssl {code})", error.reason()),
        other => other.reason().to_string(),
    }
}

fn probe() -> Result<(String, usize), String> {
    let deadline = sdk::monotonic_us().unwrap_or(0) + TIMEOUT_US;
    let (ip, port) = target()?;
    let anchors = Rc::new(anchors());
    // Right after boot the network may still be waiting for DHCP.
    let stream = loop {
        match TcpStream::connect(ip, port) {
            Ok(stream) => break stream,
            Err(Error::NetworkDown) => next_frame(deadline)?,
            Err(e) => return Err(format!("connect: {e:?}")),
        }
    };
    loop {
        match stream.state() {
            Ok(TcpState::Established) => break,
            Ok(TcpState::Connecting) => next_frame(deadline)?,
            other => return Err(format!("connect: {other:?}")),
        }
    }
    let mut seed = [0u8; 32];
    sdk::random_bytes(&mut seed).map_err(|e| format!("random: {e:?}"))?;
    let now = sdk::wall_us().unwrap_or(0) / 1_000_000;
    let mut tls =
        TlsClient::connect(Tcp(stream), anchors, SERVER_NAME, now, &seed).map_err(tls_error)?;
    let handshake_started = sdk::monotonic_us().unwrap_or(0);
    let mut handshake_logged = false;
    let mut sent = 0;
    let mut response = Vec::new();
    loop {
        if !handshake_logged && tls.is_ready() {
            handshake_logged = true;
            let took = sdk::monotonic_us()
                .unwrap_or(0)
                .saturating_sub(handshake_started);
            let _ = sdk::log(&format!("tlsprobe: handshake done in {} ms", took / 1000));
        }
        if sent < REQUEST.len() {
            match tls.write(&REQUEST[sent..]) {
                Ok(n) => sent += n,
                Err(TlsError::WouldBlock) => {}
                Err(e) => return Err(tls_error(e)),
            }
        }
        let mut buf = [0u8; 4096];
        match tls.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                response.extend_from_slice(&buf[..n]);
                continue;
            }
            Err(TlsError::WouldBlock) => next_frame(deadline)?,
            // Many servers (openssl s_server -www) close TCP without close_notify.
            Err(TlsError::Transport) if !response.is_empty() => break,
            Err(e) => return Err(tls_error(e)),
        }
    }
    let status = response
        .split(|&b| b == b' ')
        .nth(1)
        .map(|s| String::from_utf8_lossy(s).into_owned())
        .unwrap_or_else(|| "none".into());
    Ok((status, response.len()))
}

fn main() {
    let line = match probe() {
        Ok((status, bytes)) => format!("tlsprobe: ok {status} bytes={bytes}"),
        Err(reason) => format!("tlsprobe: error {reason}"),
    };
    let _ = sdk::log(&line);
}
