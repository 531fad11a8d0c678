//! Host handshakes against `openssl s_server` on loopback: a server certificate for
//! tessera.test signed by a test CA is accepted when that CA is an anchor, and refused when
//! the name differs or when the server's certificate is self-signed. Skipped (with a note)
//! when `openssl` is not installed.

use bearssl_sys::{IoError, TlsClient, TlsError, Transport, TrustAnchors};
use peers::TestCa;
use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::rc::Rc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// A non-blocking TCP stream that moves at most `chunk` bytes per call.
struct Tcp(TcpStream, usize);

impl Transport for Tcp {
    fn send(&mut self, data: &[u8]) -> Result<usize, IoError> {
        let data = &data[..data.len().min(self.1)];
        match self.0.write(data) {
            Ok(n) => Ok(n),
            Err(e) if e.kind() == ErrorKind::WouldBlock => Err(IoError::WouldBlock),
            Err(_) => Err(IoError::Failed),
        }
    }
    fn recv(&mut self, buf: &mut [u8]) -> Result<usize, IoError> {
        let end = buf.len().min(self.1);
        match self.0.read(&mut buf[..end]) {
            Ok(n) => Ok(n),
            Err(e) if e.kind() == ErrorKind::WouldBlock => Err(IoError::WouldBlock),
            Err(_) => Err(IoError::Failed),
        }
    }
}

/// A test CA with a server certificate for `name` signed by it and a self-signed one.
fn make_certificates(name: &str, tag: &str) -> TestCa {
    let ca = TestCa::new(&format!("bearssl-{tag}"));
    ca.signed("server", name);
    ca.self_signed("self", name);
    ca
}

/// Connects, sends a GET, returns the whole response or the first error.
fn fetch(port: u16, anchors: TrustAnchors, name: &str) -> Result<Vec<u8>, TlsError> {
    fetch_in_chunks(port, anchors, name, usize::MAX)
}

/// Like `fetch`, with a transport that moves at most `chunk` bytes per call.
fn fetch_in_chunks(
    port: u16,
    anchors: TrustAnchors,
    name: &str,
    chunk: usize,
) -> Result<Vec<u8>, TlsError> {
    let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_nonblocking(true).unwrap();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let mut tls = TlsClient::connect(Tcp(stream, chunk), Rc::new(anchors), name, now, &[42; 32])?;
    let request = b"GET / HTTP/1.1\r\nHost: tessera.test\r\nConnection: close\r\n\r\n";
    let mut sent = 0;
    let mut response = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if sent < request.len() {
            match tls.write(&request[sent..]) {
                Ok(n) => sent += n,
                Err(TlsError::WouldBlock) => {}
                Err(e) => return Err(e),
            }
        }
        let mut buf = [0u8; 4096];
        match tls.read(&mut buf) {
            Ok(0) => return Ok(response),
            Ok(n) => response.extend_from_slice(&buf[..n]),
            Err(TlsError::WouldBlock) => std::thread::sleep(Duration::from_millis(2)),
            // s_server -www closes the TCP connection without close_notify after the page.
            Err(TlsError::Transport) if !response.is_empty() => return Ok(response),
            Err(e) => return Err(e),
        }
    }
    panic!("timed out")
}

fn have_openssl() -> bool {
    let found = Command::new("openssl").arg("version").output().is_ok();
    if !found {
        eprintln!("openssl not installed: skipping");
    }
    found
}

fn ca_anchors(ca: &TestCa) -> TrustAnchors {
    let mut anchors = TrustAnchors::new();
    assert_eq!(anchors.add_pem(&std::fs::read(ca.ca_pem()).unwrap()), Ok(1));
    anchors
}

#[test]
fn trusted_chain_succeeds_and_wrong_name_fails() {
    if !have_openssl() {
        return;
    }
    let ca = make_certificates("tessera.test", "chain");
    let (_server, port) = ca.s_server_mode("server", &ca.dir, "-www");
    let response =
        fetch(port, ca_anchors(&ca), "tessera.test").expect("handshake with the test CA");
    assert!(
        response.starts_with(b"HTTP/1.0 200"),
        "{}",
        String::from_utf8_lossy(&response)
    );
    let wrong = fetch(port, ca_anchors(&ca), "other.test");
    assert_eq!(
        wrong,
        Err(TlsError::Engine(56)),
        "BR_ERR_X509_BAD_SERVER_NAME"
    );
    let trickled =
        fetch_in_chunks(port, ca_anchors(&ca), "tessera.test", 7).expect("7-byte chunks");
    assert!(trickled.starts_with(b"HTTP/1.0 200"));
    let mozilla_only = fetch(port, TrustAnchors::mozilla(), "tessera.test");
    assert_eq!(
        mozilla_only,
        Err(TlsError::Engine(62)),
        "BR_ERR_X509_NOT_TRUSTED"
    );
    let _ = std::fs::remove_dir_all(&ca.dir);
}

#[test]
fn self_signed_server_is_refused() {
    if !have_openssl() {
        return;
    }
    let ca = make_certificates("tessera.test", "self");
    let (_server, port) = ca.s_server_mode("self", &ca.dir, "-www");
    let result = fetch(port, ca_anchors(&ca), "tessera.test");
    assert_eq!(result, Err(TlsError::Engine(62)), "BR_ERR_X509_NOT_TRUSTED");
    let _ = std::fs::remove_dir_all(&ca.dir);
}
