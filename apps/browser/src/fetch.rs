//! One page load: connect, send the request, read the response, follow redirects.
//!
//! [`Fetch`] is a state machine that never blocks and never touches a socket. The app gives
//! it a [`Connector`] (DNS, TCP and TLS through the system), calls [`Fetch::poll`] once per
//! frame with the current time, and draws [`Fetch::progress`] while it waits. Each poll does
//! every step that can be done without waiting, then returns.
//!
//! The steps of one HTTP exchange, with the phase name shown to the person:
//!
//! 1. `connecting`: [`Connector::open`] starts DNS + TCP (+ TLS); [`Connection::poll_ready`]
//!    says when it is done. Limited by the connect timeout.
//! 2. `sending the request`: the bytes of [`http::request`] go out.
//! 3. `waiting for the response`, then `reading the body`: bytes go into an
//!    [`http::ResponseParser`] until it is complete or the peer closes. If no byte arrives for
//!    the idle timeout, the fetch fails.
//!
//! A 301, 302, 303, 307 or 308 starts a new exchange with the `Location` resolved against
//! the current URL (RFC 9110 §15.4), on a new connection (we always send
//! `Connection: close`), for at most [`MAX_REDIRECTS`] redirects. A `Location` without a
//! fragment keeps the fragment we had (RFC 9110 §10.2.2). Every other status, 404 and 500
//! included, is a finished [`Response`]: showing it is the app's business. Only failures to
//! get any response are [`FetchError`]s.

use crate::http::{self, ResponseParser};
use crate::url::Url;

/// The most redirects one load follows.
pub const MAX_REDIRECTS: usize = 10;
/// Default time allowed for DNS, TCP and TLS together.
pub const DEFAULT_CONNECT_US: u64 = 20_000_000;
/// Default time allowed without receiving a byte.
pub const DEFAULT_IDLE_US: u64 = 20_000_000;
/// The most bytes read in one poll, so one frame stays short on a fast link.
const READ_BUDGET: usize = 1024 * 1024;

/// What a non-blocking read produced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recv {
    /// This many bytes were written into the buffer.
    Data(usize),
    /// Nothing yet; try again later.
    Pending,
    /// The peer closed its side; no more bytes will come.
    Closed,
}

/// A connection to one server, as the app's system layer provides it.
pub trait Connection {
    /// Ok(true) once connected (and TLS handshake done for https); Ok(false) while pending.
    fn poll_ready(&mut self) -> Result<bool, FetchError>;
    /// Sends some of `data`; Ok(0) means it would block.
    fn send(&mut self, data: &[u8]) -> Result<usize, FetchError>;
    /// Reads what has arrived.
    fn recv(&mut self, buf: &mut [u8]) -> Result<Recv, FetchError>;
}

/// Opens connections; the app's bridge to DNS, TCP and TLS.
pub trait Connector {
    /// The connection type this connector makes.
    type Conn: Connection;
    /// Starts DNS+connect (+TLS) to host:port; errors are FetchError::Dns/Connect/Tls.
    /// May return a connection still in progress (the fetch polls it).
    fn open(&mut self, url: &Url) -> Result<Self::Conn, FetchError>;
}

/// Why a page could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchError {
    /// The address or a redirect target is not a usable URL.
    Url(String),
    /// The host name could not be resolved.
    Dns(String),
    /// TCP connection failed (refused, unreachable, reset).
    Connect(String),
    /// The TLS handshake or record layer failed.
    Tls(String),
    /// Nothing happened for too long in this phase.
    Timeout(&'static str),
    /// The response could not be read.
    Http(String),
    /// More than this many redirects.
    TooManyRedirects(usize),
    /// A redirect status without a `Location` header.
    RedirectWithoutLocation(u16),
}

impl FetchError {
    /// A short heading for the error page.
    pub fn title(&self) -> &'static str {
        match self {
            FetchError::Url(_) => "Invalid address",
            FetchError::Dns(_) => "Server not found",
            FetchError::Connect(_) => "Unable to connect",
            FetchError::Tls(_) => "Secure connection failed",
            FetchError::Timeout(_) => "The connection timed out",
            FetchError::Http(_) => "Invalid response",
            FetchError::TooManyRedirects(_) => "Too many redirects",
            FetchError::RedirectWithoutLocation(_) => "Broken redirect",
        }
    }

    /// One or two sentences saying what went wrong.
    pub fn detail(&self) -> String {
        match self {
            FetchError::Url(m) => format!("The address is not valid: {m}."),
            FetchError::Dns(m) => format!("The server's name could not be resolved: {m}."),
            FetchError::Connect(m) => format!("Could not connect to the server: {m}."),
            FetchError::Tls(m) => format!("The secure connection could not be set up: {m}."),
            FetchError::Timeout(phase) => {
                format!("The server did not answer in time while {phase}.")
            }
            FetchError::Http(m) => {
                format!("The server sent a response the browser cannot read: {m}.")
            }
            FetchError::TooManyRedirects(n) => {
                format!(
                    "The server redirected more than {n} times; it may be redirecting in a loop."
                )
            }
            FetchError::RedirectWithoutLocation(status) => {
                format!("The server answered {status} (a redirect) but did not say where to go.")
            }
        }
    }
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.title(), self.detail())
    }
}

impl std::error::Error for FetchError {}

/// A final (non-redirect) response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    /// The URL that answered, after redirects, with the fragment to scroll to.
    pub url: Url,
    /// The status code (200, 404, ...).
    pub status: u16,
    /// The reason phrase.
    pub reason: String,
    /// Header fields in order.
    pub headers: Vec<(String, String)>,
    /// The body, transfer coding removed.
    pub body: Vec<u8>,
}

impl Response {
    /// The first value of header `name`, compared without regard to case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One finished HTTP exchange, for the log line `GET URL STATUS BYTES`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestRecord {
    /// The URL requested.
    pub url: Url,
    /// The status it answered.
    pub status: u16,
    /// Body bytes received.
    pub bytes: usize,
}

/// What [`Fetch::poll`] has to say.
#[derive(Debug)]
pub enum FetchStatus {
    /// Still working: poll again next frame.
    Pending,
    /// The page arrived (any status but a followed redirect).
    Done(Response),
    /// The page could not be loaded.
    Failed(FetchError),
}

/// How far the load has come, for a progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Body bytes received in the current exchange.
    pub received: u64,
    /// The announced body size, when the server sent one.
    pub total: Option<u64>,
    /// What is happening: `connecting`, `sending the request`, `waiting for the response`,
    /// `reading the body`, `done` or `failed`.
    pub phase: &'static str,
}

/// Where one exchange is.
enum State {
    /// Need a connection to `url`; the connect timeout counts from `since`.
    Start { since: u64 },
    Connecting {
        conn: Box<dyn Connection>,
        since: u64,
    },
    Sending {
        conn: Box<dyn Connection>,
        request: Vec<u8>,
        sent: usize,
        last_activity: u64,
    },
    Receiving {
        conn: Box<dyn Connection>,
        parser: ResponseParser,
        last_activity: u64,
    },
    /// `Done` or `Failed` has been returned.
    Finished { failed: bool },
}

/// One page load in progress.
pub struct Fetch {
    url: Url,
    state: State,
    redirects: usize,
    connect_us: u64,
    idle_us: u64,
    records: Vec<RequestRecord>,
}

impl Fetch {
    /// Prepares to load `url`; nothing happens until the first [`Fetch::poll`], but the
    /// connect timeout counts from `now_us`.
    pub fn new(url: Url, now_us: u64) -> Fetch {
        Fetch {
            url,
            state: State::Start { since: now_us },
            redirects: 0,
            connect_us: DEFAULT_CONNECT_US,
            idle_us: DEFAULT_IDLE_US,
            records: Vec::new(),
        }
    }

    /// Sets the connect timeout and the idle timeout (microseconds).
    pub fn with_timeouts(mut self, connect_us: u64, idle_us: u64) -> Fetch {
        self.connect_us = connect_us;
        self.idle_us = idle_us;
        self
    }

    /// Does all the work possible without blocking; call once per frame.
    ///
    /// Returns `Done` or `Failed` exactly once. After that the fetch is finished: further
    /// calls do nothing and return `Pending` (see [`Fetch::is_finished`]).
    pub fn poll<C: Connector>(&mut self, connector: &mut C, now_us: u64) -> FetchStatus
    where
        C::Conn: 'static,
    {
        match self.step(connector, now_us) {
            Ok(None) => FetchStatus::Pending,
            Ok(Some(response)) => {
                self.state = State::Finished { failed: false };
                FetchStatus::Done(response)
            }
            Err(error) => {
                self.state = State::Finished { failed: true };
                FetchStatus::Failed(error)
            }
        }
    }

    /// True once `Done` or `Failed` has been returned.
    pub fn is_finished(&self) -> bool {
        matches!(self.state, State::Finished { .. })
    }

    /// Bytes received so far and what is going on.
    pub fn progress(&self) -> Progress {
        let (received, total, phase) = match &self.state {
            State::Start { .. } | State::Connecting { .. } => (0, None, "connecting"),
            State::Sending { .. } => (0, None, "sending the request"),
            State::Receiving { parser, .. } => match parser.head() {
                None => (0, None, "waiting for the response"),
                Some(_) => (
                    parser.body().len() as u64,
                    parser.content_length(),
                    "reading the body",
                ),
            },
            State::Finished { failed: false } => (0, None, "done"),
            State::Finished { failed: true } => (0, None, "failed"),
        };
        Progress {
            received,
            total,
            phase,
        }
    }

    /// The exchanges finished since the last call, oldest first.
    pub fn take_records(&mut self) -> Vec<RequestRecord> {
        std::mem::take(&mut self.records)
    }

    /// The URL being loaded (after the redirects so far).
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// Runs the state machine until it must wait; `Some` when the final response is in.
    fn step<C: Connector>(
        &mut self,
        connector: &mut C,
        now: u64,
    ) -> Result<Option<Response>, FetchError>
    where
        C::Conn: 'static,
    {
        let mut budget = READ_BUDGET;
        loop {
            let placeholder = State::Finished { failed: true };
            let state = std::mem::replace(&mut self.state, placeholder);
            self.state = match state {
                State::Finished { failed } => {
                    self.state = State::Finished { failed };
                    return Ok(None);
                }
                State::Start { since } => {
                    let conn = connector.open(&self.url)?;
                    State::Connecting {
                        conn: Box::new(conn),
                        since,
                    }
                }
                State::Connecting { mut conn, since } => {
                    if conn.poll_ready()? {
                        let request = http::request(&self.url);
                        State::Sending {
                            conn,
                            request,
                            sent: 0,
                            last_activity: now,
                        }
                    } else if now.saturating_sub(since) >= self.connect_us {
                        return Err(FetchError::Timeout("connecting"));
                    } else {
                        self.state = State::Connecting { conn, since };
                        return Ok(None);
                    }
                }
                State::Sending {
                    mut conn,
                    request,
                    mut sent,
                    mut last_activity,
                } => {
                    let n = conn.send(&request[sent..])?;
                    sent += n;
                    if n > 0 {
                        last_activity = now;
                    }
                    if sent >= request.len() {
                        State::Receiving {
                            conn,
                            parser: ResponseParser::new(),
                            last_activity: now,
                        }
                    } else if n == 0 {
                        if now.saturating_sub(last_activity) >= self.idle_us {
                            return Err(FetchError::Timeout("sending the request"));
                        }
                        self.state = State::Sending {
                            conn,
                            request,
                            sent,
                            last_activity,
                        };
                        return Ok(None);
                    } else {
                        State::Sending {
                            conn,
                            request,
                            sent,
                            last_activity,
                        }
                    }
                }
                State::Receiving {
                    mut conn,
                    mut parser,
                    mut last_activity,
                } => {
                    let mut buf = [0u8; 16 * 1024];
                    let finished = match conn.recv(&mut buf)? {
                        Recv::Data(n) => {
                            let n = n.min(buf.len());
                            last_activity = now;
                            budget = budget.saturating_sub(n.max(1));
                            parser
                                .feed(&buf[..n])
                                .map_err(|e| FetchError::Http(e.message()))?;
                            parser.is_complete()
                        }
                        Recv::Closed => {
                            parser.finish().map_err(|e| FetchError::Http(e.message()))?;
                            true
                        }
                        Recv::Pending => {
                            if now.saturating_sub(last_activity) >= self.idle_us {
                                let phase = match parser.head() {
                                    None => "waiting for the response",
                                    Some(_) => "reading the body",
                                };
                                return Err(FetchError::Timeout(phase));
                            }
                            budget = 0;
                            false
                        }
                    };
                    if finished {
                        drop(conn);
                        match self.exchange_done(parser)? {
                            Some(response) => return Ok(Some(response)),
                            None => State::Start { since: now },
                        }
                    } else if budget == 0 {
                        self.state = State::Receiving {
                            conn,
                            parser,
                            last_activity,
                        };
                        return Ok(None);
                    } else {
                        State::Receiving {
                            conn,
                            parser,
                            last_activity,
                        }
                    }
                }
            };
        }
    }

    /// Logs a finished exchange; returns the response, or `None` after setting up a redirect.
    fn exchange_done(
        &mut self,
        mut parser: ResponseParser,
    ) -> Result<Option<Response>, FetchError> {
        let body = parser.take_body();
        let Some(head) = parser.head().cloned() else {
            return Err(FetchError::Http(
                "connection closed without a response".into(),
            ));
        };
        self.records.push(RequestRecord {
            url: self.url.clone(),
            status: head.status,
            bytes: body.len(),
        });
        if !matches!(head.status, 301 | 302 | 303 | 307 | 308) {
            let url = self.url.clone();
            return Ok(Some(Response {
                url,
                status: head.status,
                reason: head.reason,
                headers: head.headers,
                body,
            }));
        }
        let location = head
            .header("location")
            .ok_or(FetchError::RedirectWithoutLocation(head.status))?;
        if self.redirects >= MAX_REDIRECTS {
            return Err(FetchError::TooManyRedirects(MAX_REDIRECTS));
        }
        let mut next = self
            .url
            .join(location)
            .map_err(|e| FetchError::Url(e.message().to_string()))?;
        if next.fragment.is_none() {
            next.fragment = self.url.fragment.clone(); // RFC 9110 §10.2.2
        }
        self.redirects += 1;
        self.url = next;
        Ok(None)
    }
}
