//! Shared by the fetch tests: a [`Connector`] over real non-blocking `std::net` sockets,
//! a loop that drives a [`Fetch`] to its end, and guards that clean up servers.

#![allow(dead_code)] // Each test file uses a different part.

use browser::fetch::{
    Connection, Connector, Fetch, FetchError, FetchStatus, Progress, Recv, Response,
};
use browser::url::{Scheme, Url};
use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Opens plain TCP connections with the host's resolver; `https` is refused as a TLS
/// error (these tests have no TLS), which lets tests see that a redirect went there.
#[derive(Default)]
pub struct TcpConnector {
    /// Every URL `open` was asked for, in order.
    pub opened: Vec<String>,
    /// When set, each connection claims to be connecting for this many polls first.
    pub slow_polls: u32,
}

pub struct TcpConnection {
    stream: TcpStream,
    polls_left: u32,
}

impl Connector for TcpConnector {
    type Conn = TcpConnection;

    fn open(&mut self, url: &Url) -> Result<TcpConnection, FetchError> {
        self.opened.push(url.to_string());
        if url.scheme == Scheme::Https {
            return Err(FetchError::Tls("no TLS in this test".into()));
        }
        let mut addresses = (url.host.as_str(), url.port)
            .to_socket_addrs()
            .map_err(|e| FetchError::Dns(e.to_string()))?;
        let address = addresses
            .next()
            .ok_or_else(|| FetchError::Dns(format!("no address for {}", url.host)))?;
        let stream = TcpStream::connect_timeout(&address, Duration::from_secs(2))
            .map_err(|e| FetchError::Connect(e.to_string()))?;
        stream
            .set_nonblocking(true)
            .map_err(|e| FetchError::Connect(e.to_string()))?;
        Ok(TcpConnection {
            stream,
            polls_left: self.slow_polls,
        })
    }
}

impl Connection for TcpConnection {
    fn poll_ready(&mut self) -> Result<bool, FetchError> {
        if self.polls_left > 0 {
            self.polls_left -= 1;
            return Ok(false);
        }
        Ok(true)
    }

    fn send(&mut self, data: &[u8]) -> Result<usize, FetchError> {
        match self.stream.write(data) {
            Ok(n) => Ok(n),
            Err(e) if e.kind() == ErrorKind::WouldBlock => Ok(0),
            Err(e) => Err(FetchError::Connect(e.to_string())),
        }
    }

    fn recv(&mut self, buf: &mut [u8]) -> Result<Recv, FetchError> {
        match self.stream.read(buf) {
            Ok(0) => Ok(Recv::Closed),
            Ok(n) => Ok(Recv::Data(n)),
            Err(e) if e.kind() == ErrorKind::WouldBlock => Ok(Recv::Pending),
            Err(e) => Err(FetchError::Connect(e.to_string())),
        }
    }
}

/// What a whole fetch did: its end, and each progress report seen on the way.
pub struct Run {
    pub result: Result<Response, FetchError>,
    pub progress: Vec<Progress>,
    pub polls: usize,
}

/// Polls `fetch` every millisecond (as a frame loop would) until it ends; panics after 10 s.
pub fn drive<C: Connector>(fetch: &mut Fetch, connector: &mut C, clock: Instant) -> Run
where
    C::Conn: 'static,
{
    let mut progress = Vec::new();
    let mut polls = 0;
    loop {
        let now_us = clock.elapsed().as_micros() as u64;
        polls += 1;
        match fetch.poll(connector, now_us) {
            FetchStatus::Done(response) => {
                return Run {
                    result: Ok(response),
                    progress,
                    polls,
                }
            }
            FetchStatus::Failed(error) => {
                return Run {
                    result: Err(error),
                    progress,
                    polls,
                }
            }
            FetchStatus::Pending => progress.push(fetch.progress()),
        }
        assert!(
            clock.elapsed() < Duration::from_secs(10),
            "fetch never ended"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// Starts a fetch of `url` and drives it with a fresh [`TcpConnector`].
pub fn fetch_url(url: &str) -> (Run, Fetch, TcpConnector) {
    let clock = Instant::now();
    let mut fetch = Fetch::new(Url::parse(url).unwrap(), 0);
    let mut connector = TcpConnector::default();
    let run = drive(&mut fetch, &mut connector, clock);
    (run, fetch, connector)
}

/// A port nobody listens on right now.
pub fn free_port() -> u16 {
    peers::free_tcp_port()
}

/// Starts tests/fixtures/net/server.py and returns it with its port.
pub fn script_server() -> (peers::Server, u16) {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/net/server.py");
    let mut child = Command::new("python3")
        .arg(script)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("python3 must be installed for the fetch tests");
    let stdout = child.stdout.take().expect("piped stdout");
    let guard = peers::Server(child);
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let port = line
        .trim()
        .strip_prefix("PORT ")
        .and_then(|p| p.parse().ok())
        .expect("server printed its port");
    (guard, port)
}
