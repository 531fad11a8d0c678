//! The console's network commands: `ping`, `dns` and `http`, run as tasks over frames.
//!
//! Nothing blocks, so each command starts a [`Task`] that the loop advances once per frame
//! until it prints its answer. `http URL` is a minimal HTTP/1.1 client (RFC 9112): it
//! resolves the host, connects, sends a GET with `Connection: close`, reads the response to
//! the end, decodes a chunked body (§7.1), and prints `http: STATUS bytes=N crc32=HEX` for the
//! body, so a test can compare it with the file the server sent.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::net::Ipv4Addr;
use net::{DnsHandle, Interface, PingHandle, TcpError, TcpHandle};

/// How long a task may take before it gives up.
const TASK_TIMEOUT_MS: u64 = 30_000;

/// A console command in progress.
pub enum Task {
    Ping {
        host: String,
        step: PingStep,
        started: u64,
    },
    Dns {
        name: String,
        handle: DnsHandle,
        started: u64,
    },
    Http(HttpTask),
}

pub enum PingStep {
    Resolving(DnsHandle),
    Waiting(PingHandle, Ipv4Addr),
}

/// A `http` command: resolve, connect, send, receive.
pub struct HttpTask {
    url: Url,
    step: HttpStep,
    started: u64,
    response: Vec<u8>,
}

enum HttpStep {
    Resolving(DnsHandle),
    Connecting(TcpHandle),
    Receiving(TcpHandle),
}

/// An `http://host[:port]/path` URL.
#[derive(Debug, PartialEq, Eq)]
pub struct Url {
    pub host: String,
    pub port: u16,
    pub path: String,
}

impl Url {
    pub fn parse(text: &str) -> Option<Url> {
        let rest = text.strip_prefix("http://")?;
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        let (host, port) = match authority.rsplit_once(':') {
            Some((host, port)) => (host, port.parse().ok()?),
            None => (authority, 80),
        };
        (!host.is_empty()).then(|| Url {
            host: host.into(),
            port,
            path: path.into(),
        })
    }
}

/// Resolves `host` now if it is a literal address, else starts a DNS query.
fn resolve(net: &mut Interface, host: &str) -> Result<Result<Ipv4Addr, DnsHandle>, String> {
    if let Ok(address) = host.parse::<Ipv4Addr>() {
        return Ok(Ok(address));
    }
    net.dns_resolve(host).map(Err).map_err(|e| format!("{e:?}"))
}

/// What happened to a task this frame.
pub enum Progress {
    Pending,
    /// Lines to print; the task is over.
    Done(Vec<String>),
}

impl Task {
    pub fn ping(net: &mut Interface, host: &str, now: u64) -> Result<Task, String> {
        let step = match resolve(net, host)? {
            Ok(address) => PingStep::Waiting(start_ping(net, address)?, address),
            Err(handle) => PingStep::Resolving(handle),
        };
        Ok(Task::Ping {
            host: host.into(),
            step,
            started: now,
        })
    }

    pub fn dns(net: &mut Interface, name: &str, now: u64) -> Result<Task, String> {
        let handle = net.dns_resolve(name).map_err(|e| format!("{e:?}"))?;
        Ok(Task::Dns {
            name: name.into(),
            handle,
            started: now,
        })
    }

    pub fn http(net: &mut Interface, url: &str, now: u64) -> Result<Task, String> {
        let url = Url::parse(url).ok_or("expected http://host[:port]/path")?;
        let step = match resolve(net, &url.host)? {
            Ok(address) => HttpStep::Connecting(connect(net, address, url.port)?),
            Err(handle) => HttpStep::Resolving(handle),
        };
        Ok(Task::Http(HttpTask {
            url,
            step,
            started: now,
            response: Vec::new(),
        }))
    }

    /// Advances the task; `now` is in milliseconds.
    pub fn poll(&mut self, net: &mut Interface, now: u64) -> Progress {
        let started = match self {
            Task::Ping { started, .. } | Task::Dns { started, .. } => *started,
            Task::Http(task) => task.started,
        };
        if now.saturating_sub(started) > TASK_TIMEOUT_MS {
            return Progress::Done(Vec::from([String::from("net: timed out")]));
        }
        match self {
            Task::Dns { name, handle, .. } => match net.dns_result(*handle) {
                Ok(None) => Progress::Pending,
                Ok(Some(addresses)) => {
                    let list: Vec<String> = addresses.iter().map(|a| format!("{a}")).collect();
                    Progress::Done(Vec::from([format!("dns: {} {}", name, list.join(" "))]))
                }
                Err(error) => Progress::Done(Vec::from([format!("dns: {name} failed: {error:?}")])),
            },
            Task::Ping { host, step, .. } => match step {
                PingStep::Resolving(handle) => match net.dns_result(*handle) {
                    Ok(None) => Progress::Pending,
                    Ok(Some(addresses)) => match addresses
                        .first()
                        .map(|a| (start_ping(net, *a), *a))
                    {
                        Some((Ok(ping), address)) => {
                            *step = PingStep::Waiting(ping, address);
                            Progress::Pending
                        }
                        Some((Err(error), _)) => {
                            Progress::Done(Vec::from([format!("ping: {error}")]))
                        }
                        None => Progress::Done(Vec::from([format!("ping: {host} has no address")])),
                    },
                    Err(error) => Progress::Done(Vec::from([format!("ping: {host}: {error:?}")])),
                },
                PingStep::Waiting(handle, address) => match net.ping_result(*handle) {
                    Ok(None) => Progress::Pending,
                    Ok(Some(rtt)) => Progress::Done(Vec::from([format!(
                        "ping: reply from {address} in {rtt} ms"
                    )])),
                    Err(error) => {
                        Progress::Done(Vec::from([format!("ping: {address}: {error:?}")]))
                    }
                },
            },
            Task::Http(task) => task.poll(net),
        }
    }
}

fn start_ping(net: &mut Interface, address: Ipv4Addr) -> Result<PingHandle, String> {
    net.ping(address, 5_000).map_err(|e| format!("{e:?}"))
}

fn connect(net: &mut Interface, address: Ipv4Addr, port: u16) -> Result<TcpHandle, String> {
    net.tcp_connect(address, port)
        .map_err(|e| format!("connect: {e:?}"))
}

impl HttpTask {
    fn poll(&mut self, net: &mut Interface) -> Progress {
        match self.step {
            HttpStep::Resolving(handle) => match net.dns_result(handle) {
                Ok(None) => Progress::Pending,
                Ok(Some(addresses)) => {
                    match addresses.first().map(|a| connect(net, *a, self.url.port)) {
                        Some(Ok(socket)) => {
                            self.step = HttpStep::Connecting(socket);
                            Progress::Pending
                        }
                        Some(Err(error)) => Progress::Done(Vec::from([format!("http: {error}")])),
                        None => Progress::Done(Vec::from([String::from("http: no address")])),
                    }
                }
                Err(error) => Progress::Done(Vec::from([format!("http: dns failed: {error:?}")])),
            },
            HttpStep::Connecting(socket) => match net.tcp_state(socket) {
                Ok(net::TcpState::Established) => {
                    let request = format!(
                        "GET {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: Tessera/0.1\r\nAccept: */*\r\nConnection: close\r\n\r\n",
                        self.url.path, self.url.host
                    );
                    match net.tcp_send(socket, request.as_bytes()) {
                        Ok(n) if n == request.len() => {
                            self.step = HttpStep::Receiving(socket);
                            Progress::Pending
                        }
                        other => {
                            Progress::Done(Vec::from([format!("http: send failed: {other:?}")]))
                        }
                    }
                }
                Ok(_) => Progress::Pending,
                Err(error) => {
                    Progress::Done(Vec::from([format!("http: connect failed: {error:?}")]))
                }
            },
            HttpStep::Receiving(socket) => {
                let mut buffer = [0u8; 16384];
                loop {
                    match net.tcp_recv(socket, &mut buffer) {
                        Ok(0) => return Progress::Pending,
                        Ok(n) => self.response.extend_from_slice(&buffer[..n]),
                        Err(TcpError::Closed) => {
                            let _ = net.tcp_close(socket);
                            let _ = net.tcp_release(socket);
                            return Progress::Done(Vec::from([summarize(&self.response)]));
                        }
                        Err(error) => {
                            let _ = net.tcp_abort(socket);
                            return Progress::Done(Vec::from([format!(
                                "http: receive failed: {error:?}"
                            )]));
                        }
                    }
                }
            }
        }
    }
}

/// `http: STATUS bytes=N crc32=HEX` for a whole response, or why it is malformed.
pub fn summarize(response: &[u8]) -> String {
    match parse_response(response) {
        Ok((status, body)) => format!(
            "http: {} bytes={} crc32={:08x}",
            status,
            body.len(),
            crc32(&body)
        ),
        Err(reason) => format!("http: bad response: {reason}"),
    }
}

/// Splits a response into its status code and decoded body.
pub fn parse_response(response: &[u8]) -> Result<(u16, Vec<u8>), &'static str> {
    let end = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("no end of headers")?;
    let head = core::str::from_utf8(&response[..end]).map_err(|_| "headers are not text")?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next().ok_or("no status line")?;
    let mut parts = status_line.splitn(3, ' ');
    if !parts.next().is_some_and(|v| v.starts_with("HTTP/1.")) {
        return Err("not HTTP/1.x");
    }
    let status = parts
        .next()
        .and_then(|s| s.parse().ok())
        .ok_or("bad status code")?;
    let mut chunked = false;
    let mut length = None;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            return Err("bad header line");
        };
        let value = value.trim();
        if name.eq_ignore_ascii_case("transfer-encoding") && value.eq_ignore_ascii_case("chunked") {
            chunked = true;
        } else if name.eq_ignore_ascii_case("content-length") {
            length = Some(value.parse::<usize>().map_err(|_| "bad content-length")?);
        }
    }
    let body = &response[end + 4..];
    if chunked {
        return decode_chunked(body).map(|b| (status, b));
    }
    match length {
        Some(n) if body.len() < n => Err("body shorter than content-length"),
        Some(n) => Ok((status, body[..n].to_vec())),
        None => Ok((status, body.to_vec())),
    }
}

/// Decodes a chunked body (RFC 9112 §7.1); extensions and trailers are ignored.
fn decode_chunked(mut input: &[u8]) -> Result<Vec<u8>, &'static str> {
    let mut body = Vec::new();
    loop {
        let line_end = input
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or("truncated chunk size")?;
        let line = core::str::from_utf8(&input[..line_end]).map_err(|_| "bad chunk size")?;
        let size_text = line.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_text, 16).map_err(|_| "bad chunk size")?;
        input = &input[line_end + 2..];
        if size == 0 {
            return Ok(body);
        }
        if input.len() < size + 2 {
            return Err("truncated chunk");
        }
        body.extend_from_slice(&input[..size]);
        input = &input[size + 2..];
    }
}

/// CRC-32 (IEEE 802.3, reflected, as zlib computes it).
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= byte as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_parse() {
        let url = Url::parse("http://10.0.2.2:8080/a/b.txt").unwrap();
        assert_eq!(
            url,
            Url {
                host: "10.0.2.2".into(),
                port: 8080,
                path: "/a/b.txt".into()
            }
        );
        assert_eq!(Url::parse("http://example.org").unwrap().path, "/");
        assert!(Url::parse("https://x/").is_none());
        assert!(Url::parse("http://:80/").is_none());
        assert!(Url::parse("http://h:99999/").is_none());
    }

    #[test]
    fn responses_parse_with_length_chunked_and_broken_framing() {
        let plain = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
        assert_eq!(parse_response(plain).unwrap(), (200, b"hello".to_vec()));
        let chunked = b"HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n2\r\nde\r\n0\r\n\r\n";
        assert_eq!(parse_response(chunked).unwrap(), (404, b"abcde".to_vec()));
        assert!(parse_response(b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nshort").is_err());
        assert!(
            parse_response(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n").is_err()
        );
        assert!(parse_response(b"garbage").is_err());
        assert!(parse_response(b"SMTP 200\r\n\r\n").is_err());
    }

    #[test]
    fn crc32_matches_zlib() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
        assert_eq!(
            summarize(b"HTTP/1.0 200 OK\r\n\r\n123456789"),
            "http: 200 bytes=9 crc32=cbf43926"
        );
    }
}
