//! The browser's connections: the system's DNS and TCP sockets (through `sdk`), with TLS
//! from BearSSL (`bearssl-sys`) for `https:`, behind the [`fetch::Connector`] interface the
//! page loader drives.
//!
//! A connection walks through stages, each advanced without blocking by `poll_ready`:
//! resolving the name (skipped for an IPv4 literal), connecting TCP, and for `https:` the
//! TLS handshake, which checks the server's certificate chain against the trust anchors,
//! its name against the URL's host, and its dates against the wall clock.

use bearssl_sys::{IoError, TlsClient, TlsError, Transport, TrustAnchors};
use browser::fetch::{Connection, Connector, FetchError, Recv};
use browser::url::{Scheme, Url};
use sdk::net::{dns, TcpState, TcpStream};
use sdk::Error;
use std::net::Ipv4Addr;
use std::rc::Rc;

/// The SDK's TCP stream as BearSSL's transport.
pub struct Tcp(TcpStream);

impl Transport for Tcp {
    fn send(&mut self, data: &[u8]) -> Result<usize, IoError> {
        match self.0.send(data) {
            Ok(n) => Ok(n),
            Err(Error::WouldBlock) => Err(IoError::WouldBlock),
            Err(_) => Err(IoError::Failed),
        }
    }
    fn recv(&mut self, buf: &mut [u8]) -> Result<usize, IoError> {
        match self.0.recv(buf) {
            Ok(n) => Ok(n),
            Err(Error::WouldBlock) => Err(IoError::WouldBlock),
            Err(_) => Err(IoError::Failed),
        }
    }
}

/// Opens connections for the page loader.
pub struct SdkConnector {
    anchors: Rc<TrustAnchors>,
}

impl SdkConnector {
    pub fn new(anchors: Rc<TrustAnchors>) -> SdkConnector {
        SdkConnector { anchors }
    }
}

enum Stage {
    /// Waiting for the name server.
    Resolving(dns::Query),
    /// Have an address; (re)trying to start the connection (the network may still be
    /// coming up right after boot).
    Address(Ipv4Addr),
    Connecting(TcpStream),
    Handshake(Box<TlsClient<Tcp>>),
    Plain(TcpStream),
    Tls(Box<TlsClient<Tcp>>),
    /// Failed or finished; nothing more moves.
    Over,
}

/// One connection in progress or established.
pub struct SdkConnection {
    stage: Stage,
    host: String,
    port: u16,
    https: bool,
    anchors: Rc<TrustAnchors>,
    handshake_started_us: u64,
}

fn now_us() -> u64 {
    sdk::monotonic_us().unwrap_or(0)
}

fn tls_failure(error: TlsError) -> FetchError {
    FetchError::Tls(match error {
        TlsError::Engine(code) => format!("{} (BearSSL error {code})", error.reason()),
        other => other.reason().to_string(),
    })
}

impl Connector for SdkConnector {
    type Conn = SdkConnection;

    fn open(&mut self, url: &Url) -> Result<SdkConnection, FetchError> {
        let stage = match url.host.parse::<Ipv4Addr>() {
            Ok(ip) => Stage::Address(ip),
            Err(_) => match dns::resolve(&url.host) {
                Ok(query) => Stage::Resolving(query),
                Err(Error::NetworkDown) => {
                    return Err(FetchError::Dns(
                        "the network is down (no DHCP lease yet)".into(),
                    ))
                }
                Err(e) => {
                    return Err(FetchError::Dns(format!(
                        "cannot ask for {}: {e:?}",
                        url.host
                    )))
                }
            },
        };
        Ok(SdkConnection {
            stage,
            host: url.host.clone(),
            port: url.port,
            https: url.scheme == Scheme::Https,
            anchors: self.anchors.clone(),
            handshake_started_us: 0,
        })
    }
}

impl SdkConnection {
    fn start_tls(&mut self, stream: TcpStream) -> Result<Stage, FetchError> {
        let mut seed = [0u8; 32];
        sdk::random_bytes(&mut seed)
            .map_err(|e| FetchError::Tls(format!("no randomness: {e:?}")))?;
        let unix_seconds = sdk::wall_us().unwrap_or(0) / 1_000_000;
        let client = TlsClient::connect(
            Tcp(stream),
            self.anchors.clone(),
            &self.host,
            unix_seconds,
            &seed,
        )
        .map_err(tls_failure)?;
        self.handshake_started_us = now_us();
        Ok(Stage::Handshake(Box::new(client)))
    }

    /// One step of the stages; returns the next stage.
    fn advance(&mut self, stage: Stage) -> Result<Stage, FetchError> {
        Ok(match stage {
            Stage::Resolving(mut query) => match query.poll() {
                None => Stage::Resolving(query),
                Some(Ok(addresses)) => match addresses.first() {
                    Some(a) => Stage::Address(Ipv4Addr::from(*a)),
                    None => {
                        return Err(FetchError::Dns(format!(
                            "{} has no IPv4 address",
                            self.host
                        )))
                    }
                },
                Some(Err(Error::NameNotFound)) => {
                    return Err(FetchError::Dns(format!(
                        "the name {} does not exist",
                        self.host
                    )))
                }
                Some(Err(e)) => {
                    return Err(FetchError::Dns(format!(
                        "the name server did not answer for {} ({e:?})",
                        self.host
                    )))
                }
            },
            Stage::Address(ip) => match TcpStream::connect(ip, self.port) {
                Ok(stream) => Stage::Connecting(stream),
                Err(Error::NetworkDown) => Stage::Address(ip),
                Err(e) => {
                    return Err(FetchError::Connect(format!(
                        "cannot connect to {ip}:{}: {e:?}",
                        self.port
                    )))
                }
            },
            Stage::Connecting(stream) => match stream.state() {
                Ok(TcpState::Established) if self.https => self.start_tls(stream)?,
                Ok(TcpState::Established) => Stage::Plain(stream),
                Ok(TcpState::Connecting) => Stage::Connecting(stream),
                _ => {
                    return Err(FetchError::Connect(format!(
                        "{}:{} refused the connection",
                        self.host, self.port
                    )))
                }
            },
            Stage::Handshake(mut tls) => match tls.pump() {
                Ok(true) => {
                    let took = now_us().saturating_sub(self.handshake_started_us);
                    sdk::log!(
                        "browser: TLS handshake with {} took {} ms",
                        self.host,
                        took / 1000
                    );
                    Stage::Tls(tls)
                }
                Ok(false) => Stage::Handshake(tls),
                Err(e) => return Err(tls_failure(e)),
            },
            other => other,
        })
    }
}

impl Connection for SdkConnection {
    fn poll_ready(&mut self) -> Result<bool, FetchError> {
        // A few steps per call, so a connection to an IPv4 literal can go from address to
        // connecting in one frame.
        for _ in 0..4 {
            let stage = std::mem::replace(&mut self.stage, Stage::Over);
            let moved_from = std::mem::discriminant(&stage);
            self.stage = self.advance(stage)?;
            if matches!(self.stage, Stage::Plain(_) | Stage::Tls(_)) {
                return Ok(true);
            }
            if std::mem::discriminant(&self.stage) == moved_from {
                break;
            }
        }
        Ok(false)
    }

    fn send(&mut self, data: &[u8]) -> Result<usize, FetchError> {
        match &mut self.stage {
            Stage::Plain(stream) => match stream.send(data) {
                Ok(n) => Ok(n),
                Err(Error::WouldBlock) => Ok(0),
                Err(e) => Err(FetchError::Connect(format!("sending failed: {e:?}"))),
            },
            Stage::Tls(tls) => match tls.write(data) {
                Ok(n) => Ok(n),
                Err(TlsError::WouldBlock) => Ok(0),
                Err(e) => Err(tls_failure(e)),
            },
            _ => Ok(0),
        }
    }

    fn recv(&mut self, buf: &mut [u8]) -> Result<Recv, FetchError> {
        match &mut self.stage {
            Stage::Plain(stream) => match stream.recv(buf) {
                Ok(0) => Ok(Recv::Closed),
                Ok(n) => Ok(Recv::Data(n)),
                Err(Error::WouldBlock) => Ok(Recv::Pending),
                Err(Error::NotConnected) => Ok(Recv::Closed),
                Err(e) => Err(FetchError::Connect(format!("the connection broke: {e:?}"))),
            },
            Stage::Tls(tls) => match tls.read(buf) {
                Ok(0) => Ok(Recv::Closed),
                Ok(n) => Ok(Recv::Data(n)),
                Err(TlsError::WouldBlock) => Ok(Recv::Pending),
                // Many servers close TCP without TLS close_notify; HTTP framing tells
                // whether the body was complete.
                Err(TlsError::Transport) => Ok(Recv::Closed),
                Err(e) => Err(tls_failure(e)),
            },
            _ => Ok(Recv::Pending),
        }
    }
}
