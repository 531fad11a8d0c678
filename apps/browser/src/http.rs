//! HTTP/1.1 on the wire: the request a browser sends and a parser for the response.
//!
//! The browser asks for one page per connection (`Connection: close`), so the request is a
//! fixed `GET` and the interesting part is reading the answer (RFC 9112). Bytes arrive in
//! pieces of any size, so [`ResponseParser`] is incremental: [`ResponseParser::feed`] takes
//! whatever came in, and any split of the same bytes gives the same result. When the peer
//! closes, [`ResponseParser::finish`] decides whether the body was complete.
//!
//! What the parser follows:
//!
//! * §4 status line `HTTP/1.x 200 OK` (reason may be empty), §2.2 lone LF accepted as a line
//!   end and empty lines before the status line ignored.
//! * §5 header fields `name: value`, §5.2 obs-fold (a line starting with a space continues
//!   the previous value) replaced by one space.
//! * RFC 9110 §15.2 interim 1xx responses are skipped; 101 is refused (we never ask to
//!   switch protocols).
//! * §6.3 message body length: no body for 1xx/204/304; `Transfer-Encoding: chunked` wins
//!   over `Content-Length`; several `Content-Length` values must agree; otherwise the body
//!   runs until the connection closes.
//! * §7.1 chunked coding with extensions (ignored) and trailer fields (read and dropped).
//!
//! Limits keep a hostile server from eating the app's memory: 64 KiB of header, and a body
//! limit (16 MiB unless [`ResponseParser::with_body_limit`] says otherwise). Each failure is
//! an [`HttpError`]; after one, the parser stays failed.

use crate::url::Url;

/// The most header bytes (status line, fields, and each trailer section) we accept.
pub const MAX_HEAD: usize = 64 * 1024;
/// The default largest body we keep.
pub const MAX_BODY: u64 = 16 * 1024 * 1024;
/// The longest chunk-size line (size, extensions) we accept.
const MAX_CHUNK_LINE: usize = 4096;

/// The `GET` request for `url` (RFC 9112 §3): origin-form target, `Host` first.
pub fn request(url: &Url) -> Vec<u8> {
    format!(
        "GET {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: Tessera/0.1\r\n\
         Accept: text/html,text/plain;q=0.9,*/*;q=0.5\r\nAccept-Encoding: identity\r\n\
         Connection: close\r\n\r\n",
        url.path,
        url.host_header()
    )
    .into_bytes()
}

/// The status line and header fields of a response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResponseHead {
    /// The three-digit status code.
    pub status: u16,
    /// The reason phrase, possibly empty.
    pub reason: String,
    /// Fields in the order received; names as sent, values trimmed.
    pub headers: Vec<(String, String)>,
}

impl ResponseHead {
    /// The first value of the field `name` (compared without regard to case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every value of the field `name`, in order.
    pub fn header_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Why a response could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HttpError {
    /// The first line is not `HTTP/x.y NNN reason`.
    MalformedStatusLine,
    /// A version other than HTTP/1.0 or HTTP/1.1.
    UnsupportedVersion(String),
    /// A field line without a colon, with a bad name or a control byte.
    MalformedHeader,
    /// The head (or trailer section) is bigger than [`MAX_HEAD`].
    HeadersTooLarge,
    /// A `Content-Length` that is not a number.
    InvalidContentLength,
    /// Several `Content-Length` values that differ (RFC 9112 §6.3 item 5).
    ConflictingContentLength,
    /// A transfer coding other than `chunked` (we asked for none).
    UnsupportedTransferCoding(String),
    /// A 101 Switching Protocols we never asked for.
    UnexpectedSwitchingProtocols,
    /// A chunk-size line that is not hexadecimal or is too long.
    BadChunkSize,
    /// Chunk data not followed by CRLF.
    BadChunkEnd,
    /// The peer closed before sending any byte.
    NoResponse,
    /// The peer closed in the middle of the head.
    TruncatedHead,
    /// The peer closed before `Content-Length` bytes arrived.
    TruncatedBody { got: u64, expected: u64 },
    /// The peer closed before the last chunk of a chunked body.
    TruncatedChunked,
    /// The body is over the limit.
    BodyTooLarge { limit: u64 },
}

impl HttpError {
    /// A sentence for the error page.
    pub fn message(&self) -> String {
        match self {
            HttpError::MalformedStatusLine => "malformed status line".into(),
            HttpError::UnsupportedVersion(v) => format!("unsupported HTTP version {v}"),
            HttpError::MalformedHeader => "malformed header line".into(),
            HttpError::HeadersTooLarge => "headers too large".into(),
            HttpError::InvalidContentLength => "invalid Content-Length".into(),
            HttpError::ConflictingContentLength => "conflicting Content-Length values".into(),
            HttpError::UnsupportedTransferCoding(c) => format!("unsupported transfer coding {c}"),
            HttpError::UnexpectedSwitchingProtocols => "unexpected 101 Switching Protocols".into(),
            HttpError::BadChunkSize => "bad chunk size".into(),
            HttpError::BadChunkEnd => "missing line end after chunk data".into(),
            HttpError::NoResponse => "connection closed without a response".into(),
            HttpError::TruncatedHead => "connection closed in the middle of the headers".into(),
            HttpError::TruncatedBody { got, expected } => {
                format!("body shorter than Content-Length (got {got} of {expected} bytes)")
            }
            HttpError::TruncatedChunked => "connection closed before the last chunk".into(),
            HttpError::BodyTooLarge { limit } => {
                format!("page too large (over {} MiB)", limit >> 20)
            }
        }
    }
}

impl std::fmt::Display for HttpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for HttpError {}

/// A complete line and the input after it.
type Line<'a> = (Vec<u8>, &'a [u8]);

/// How the end of the body is found (RFC 9112 §6.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Framing {
    /// No body at all (1xx, 204, 304).
    Empty,
    /// Exactly this many bytes.
    Length(u64),
    /// §7.1 chunked coding.
    Chunked,
    /// Until the connection closes.
    Close,
}

/// Where the chunked decoder is (RFC 9112 §7.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Chunk {
    /// Reading `chunk-size [ chunk-ext ] CRLF`.
    SizeLine,
    /// This many data bytes remain in the chunk.
    Data(u64),
    /// Expecting the CRLF after chunk data.
    DataEnd,
    /// After the last chunk: trailer lines until an empty one.
    Trailers,
}

/// What the parser is doing.
#[derive(Clone, Debug, PartialEq, Eq)]
enum State {
    Head,
    Body(Framing, Chunk),
    Complete,
    Failed(HttpError),
}

/// An incremental HTTP/1.1 response parser.
#[derive(Debug)]
pub struct ResponseParser {
    state: State,
    /// Bytes not yet consumed (a partial line or head).
    pending: Vec<u8>,
    /// How far `pending` has been searched for a line end.
    scanned: usize,
    head: Option<ResponseHead>,
    body: Vec<u8>,
    body_limit: u64,
}

impl Default for ResponseParser {
    fn default() -> Self {
        ResponseParser::new()
    }
}

impl ResponseParser {
    /// A parser with the default body limit [`MAX_BODY`].
    pub fn new() -> Self {
        ResponseParser::with_body_limit(MAX_BODY)
    }

    /// A parser that fails with [`HttpError::BodyTooLarge`] past `limit` body bytes.
    pub fn with_body_limit(limit: u64) -> Self {
        ResponseParser {
            state: State::Head,
            pending: Vec::new(),
            scanned: 0,
            head: None,
            body: Vec::new(),
            body_limit: limit,
        }
    }

    /// Takes the next bytes from the connection. Bytes after a complete response are ignored.
    pub fn feed(&mut self, bytes: &[u8]) -> Result<(), HttpError> {
        if let State::Failed(error) = &self.state {
            return Err(error.clone());
        }
        let result = self.consume(bytes);
        if let Err(error) = &result {
            self.state = State::Failed(error.clone());
            self.pending = Vec::new();
        }
        result
    }

    /// The peer closed the connection: fine for a close-delimited body, an error if the
    /// head or a counted or chunked body is incomplete.
    pub fn finish(&mut self) -> Result<(), HttpError> {
        let outcome = match &self.state {
            State::Failed(error) => Err(error.clone()),
            State::Complete => Ok(()),
            State::Head if self.pending.is_empty() => Err(HttpError::NoResponse),
            State::Head => Err(HttpError::TruncatedHead),
            State::Body(Framing::Close, _) => Ok(()),
            State::Body(Framing::Length(expected), _) => Err(HttpError::TruncatedBody {
                got: self.body.len() as u64,
                expected: *expected,
            }),
            State::Body(_, _) => Err(HttpError::TruncatedChunked),
        };
        self.state = match &outcome {
            Ok(()) => State::Complete,
            Err(error) => State::Failed(error.clone()),
        };
        outcome
    }

    /// The final (non-1xx) head, once it has been read.
    pub fn head(&self) -> Option<&ResponseHead> {
        self.head.as_ref()
    }

    /// The body bytes decoded so far.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// True once the whole response has been read.
    pub fn is_complete(&self) -> bool {
        self.state == State::Complete
    }

    /// The announced body length, if the response has a `Content-Length` framing.
    pub fn content_length(&self) -> Option<u64> {
        match self.framing()? {
            Framing::Length(n) => Some(n),
            Framing::Empty => Some(0),
            _ => None,
        }
    }

    /// Moves the body out of the parser.
    pub fn take_body(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.body)
    }

    fn framing(&self) -> Option<Framing> {
        let head = self.head.as_ref()?;
        body_framing(head).ok()
    }

    /// Runs the state machine over `bytes` plus whatever was pending.
    fn consume(&mut self, bytes: &[u8]) -> Result<(), HttpError> {
        let mut input = bytes;
        loop {
            match self.state.clone() {
                State::Complete | State::Failed(_) => return Ok(()),
                State::Head => {
                    self.pending.extend_from_slice(input);
                    input = &[];
                    let Some(end) = self.find_head_end() else {
                        if self.pending.len() > MAX_HEAD {
                            return Err(HttpError::HeadersTooLarge);
                        }
                        return Ok(());
                    };
                    if end > MAX_HEAD {
                        return Err(HttpError::HeadersTooLarge);
                    }
                    let rest = self.pending.split_off(end);
                    let head_bytes = std::mem::replace(&mut self.pending, rest);
                    self.scanned = 0;
                    self.start_message(parse_head(&head_bytes)?)?;
                    if self.state != State::Head {
                        // The body may have come with the head; run it through once more.
                        let leftover = std::mem::take(&mut self.pending);
                        return self.consume(&leftover);
                    }
                }
                State::Body(Framing::Chunked, chunk) => {
                    // `pending` holds at most a partial line here: nothing to do without input.
                    if input.is_empty() {
                        return Ok(());
                    }
                    input = self.chunked_step(chunk, input)?;
                }
                // The head's leftover came through `input`, so nothing is pending here.
                State::Body(framing, _) => return self.counted_body(framing, input),
            }
        }
    }

    /// Finds the end of the head (an empty line), skipping empty lines before the status
    /// line. Returns the index just past the empty line.
    fn find_head_end(&mut self) -> Option<usize> {
        // §2.2: ignore at least one empty line (CRLF) received before the start-line.
        let leading = self
            .pending
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        if leading > 0 {
            self.pending.drain(..leading);
            self.scanned = 0;
        }
        let start = self.scanned.saturating_sub(3);
        let mut found = None;
        for i in start..self.pending.len() {
            if self.pending[i] != b'\n' {
                continue;
            }
            let before = &self.pending[..i];
            if before.ends_with(b"\n") || before.ends_with(b"\n\r") {
                found = Some(i + 1);
                break;
            }
        }
        self.scanned = self.pending.len();
        found
    }

    /// A head has been parsed: skip 1xx, else set up the body.
    fn start_message(&mut self, head: ResponseHead) -> Result<(), HttpError> {
        if head.status == 101 {
            return Err(HttpError::UnexpectedSwitchingProtocols);
        }
        if (100..200).contains(&head.status) {
            return Ok(()); // RFC 9110 §15.2: an interim response; the real one follows.
        }
        let framing = body_framing(&head)?;
        if let Framing::Length(n) = framing {
            if n > self.body_limit {
                return Err(HttpError::BodyTooLarge {
                    limit: self.body_limit,
                });
            }
        }
        self.head = Some(head);
        self.state = match framing {
            Framing::Empty | Framing::Length(0) => State::Complete,
            other => State::Body(other, Chunk::SizeLine),
        };
        Ok(())
    }

    /// Counted or close-delimited body bytes.
    fn counted_body(&mut self, framing: Framing, data: &[u8]) -> Result<(), HttpError> {
        let take = match framing {
            Framing::Length(total) => {
                let remaining = total.saturating_sub(self.body.len() as u64);
                data.len()
                    .min(usize::try_from(remaining).unwrap_or(usize::MAX))
            }
            _ => data.len(),
        };
        self.push_body(&data[..take])?;
        if let Framing::Length(total) = framing {
            if self.body.len() as u64 == total {
                self.state = State::Complete;
            }
        }
        Ok(())
    }

    fn push_body(&mut self, data: &[u8]) -> Result<(), HttpError> {
        if self.body.len() as u64 + data.len() as u64 > self.body_limit {
            return Err(HttpError::BodyTooLarge {
                limit: self.body_limit,
            });
        }
        self.body.extend_from_slice(data);
        Ok(())
    }

    /// One step of the chunked decoder; returns the input it did not use.
    fn chunked_step<'a>(&mut self, chunk: Chunk, input: &'a [u8]) -> Result<&'a [u8], HttpError> {
        match chunk {
            Chunk::Data(remaining) => {
                debug_assert!(self.pending.is_empty());
                let take = input
                    .len()
                    .min(usize::try_from(remaining).unwrap_or(usize::MAX));
                self.push_body(&input[..take])?;
                let left = remaining - take as u64;
                let next = if left == 0 {
                    Chunk::DataEnd
                } else {
                    Chunk::Data(left)
                };
                self.state = State::Body(Framing::Chunked, next);
                Ok(&input[take..])
            }
            Chunk::SizeLine | Chunk::DataEnd | Chunk::Trailers => {
                let (limit, too_long) = match chunk {
                    Chunk::Trailers => (MAX_HEAD, HttpError::HeadersTooLarge),
                    _ => (MAX_CHUNK_LINE, HttpError::BadChunkSize),
                };
                let Some((line, rest)) = self.take_line(input, limit, too_long)? else {
                    return Ok(&[]);
                };
                let next = match chunk {
                    Chunk::SizeLine => match parse_chunk_size(&line)? {
                        0 => Chunk::Trailers,
                        size if size.saturating_add(self.body.len() as u64) > self.body_limit => {
                            return Err(HttpError::BodyTooLarge {
                                limit: self.body_limit,
                            });
                        }
                        size => Chunk::Data(size),
                    },
                    Chunk::DataEnd if line.is_empty() => Chunk::SizeLine,
                    Chunk::DataEnd => return Err(HttpError::BadChunkEnd),
                    _ if line.is_empty() => {
                        self.state = State::Complete;
                        return Ok(&[]);
                    }
                    // A trailer field (RFC 9112 §7.1.2): checked, then dropped.
                    _ => {
                        parse_field(&line)?;
                        Chunk::Trailers
                    }
                };
                self.state = State::Body(Framing::Chunked, next);
                Ok(rest)
            }
        }
    }

    /// Collects one line (without its CRLF or LF) from `pending` + `input`. Returns
    /// `None` (having kept the partial line) when no line end has arrived yet.
    fn take_line<'a>(
        &mut self,
        input: &'a [u8],
        limit: usize,
        too_long: HttpError,
    ) -> Result<Option<Line<'a>>, HttpError> {
        let Some(newline) = input.iter().position(|&b| b == b'\n') else {
            self.pending.extend_from_slice(input);
            if self.pending.len() > limit {
                return Err(too_long);
            }
            return Ok(None);
        };
        let mut line = std::mem::take(&mut self.pending);
        line.extend_from_slice(&input[..newline]);
        if line.len() > limit {
            return Err(too_long);
        }
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        Ok(Some((line, &input[newline + 1..])))
    }
}

/// RFC 9112 §6.3: how this response's body is delimited.
fn body_framing(head: &ResponseHead) -> Result<Framing, HttpError> {
    if (100..200).contains(&head.status) || head.status == 204 || head.status == 304 {
        return Ok(Framing::Empty);
    }
    let codings: Vec<String> = head
        .header_all("transfer-encoding")
        .flat_map(|v| v.split(','))
        .map(|c| c.trim().to_ascii_lowercase())
        .filter(|c| !c.is_empty())
        .collect();
    if !codings.is_empty() {
        if let Some(other) = codings.iter().find(|c| c.as_str() != "chunked") {
            return Err(HttpError::UnsupportedTransferCoding(other.clone()));
        }
        return Ok(Framing::Chunked);
    }
    let mut length = None;
    for value in head.header_all("content-length").flat_map(|v| v.split(',')) {
        let value = value.trim();
        if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
            return Err(HttpError::InvalidContentLength);
        }
        let n: u64 = value.parse().map_err(|_| HttpError::InvalidContentLength)?;
        if length.is_some_and(|previous| previous != n) {
            return Err(HttpError::ConflictingContentLength);
        }
        length = Some(n);
    }
    Ok(length.map_or(Framing::Close, Framing::Length))
}

/// Parses a head (status line + fields, ending in an empty line).
fn parse_head(bytes: &[u8]) -> Result<ResponseHead, HttpError> {
    let mut lines = bytes
        .split(|&b| b == b'\n')
        .map(|line| line.strip_suffix(b"\r").unwrap_or(line));
    let status_line = lines.next().ok_or(HttpError::MalformedStatusLine)?;
    let (status, reason) = parse_status_line(status_line)?;
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines.filter(|line| !line.is_empty()) {
        if line[0] == b' ' || line[0] == b'\t' {
            // §5.2 obs-fold: continue the previous value after one space.
            let (_, value) = headers.last_mut().ok_or(HttpError::MalformedHeader)?;
            let more = field_text(line)?;
            if !more.is_empty() {
                if !value.is_empty() {
                    value.push(' ');
                }
                value.push_str(&more);
            }
            continue;
        }
        headers.push(parse_field(line)?);
    }
    Ok(ResponseHead {
        status,
        reason,
        headers,
    })
}

/// §4: `HTTP-version SP status-code SP [ reason-phrase ]`.
fn parse_status_line(line: &[u8]) -> Result<(u16, String), HttpError> {
    let text = String::from_utf8_lossy(line);
    let mut parts = text.splitn(3, ' ');
    let version = parts.next().unwrap_or("");
    let code = parts.next().unwrap_or("");
    let reason = parts.next().unwrap_or("").trim();
    let Some(number) = version.strip_prefix("HTTP/") else {
        return Err(HttpError::MalformedStatusLine);
    };
    let v = number.as_bytes();
    if v.len() != 3 || !v[0].is_ascii_digit() || v[1] != b'.' || !v[2].is_ascii_digit() {
        return Err(HttpError::MalformedStatusLine);
    }
    if v[0] != b'1' {
        return Err(HttpError::UnsupportedVersion(version.to_string()));
    }
    if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_digit()) || code.starts_with('0') {
        return Err(HttpError::MalformedStatusLine);
    }
    let status = code.parse().map_err(|_| HttpError::MalformedStatusLine)?;
    if reason.chars().any(|c| c.is_control() && c != '\t') {
        return Err(HttpError::MalformedStatusLine);
    }
    Ok((status, reason.to_string()))
}

/// §5.1: `field-name ":" OWS field-value OWS`; the name is a token with no space before ':'.
fn parse_field(line: &[u8]) -> Result<(String, String), HttpError> {
    let colon = line
        .iter()
        .position(|&b| b == b':')
        .ok_or(HttpError::MalformedHeader)?;
    let name = &line[..colon];
    let token = |b: &u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(b);
    if name.is_empty() || !name.iter().all(token) {
        return Err(HttpError::MalformedHeader);
    }
    let name = String::from_utf8_lossy(name).into_owned();
    Ok((name, field_text(&line[colon + 1..])?))
}

/// A field value: trimmed of spaces and tabs; NUL, CR and other controls are refused.
fn field_text(bytes: &[u8]) -> Result<String, HttpError> {
    if bytes.iter().any(|&b| (b < b' ' && b != b'\t') || b == 0x7f) {
        return Err(HttpError::MalformedHeader);
    }
    let text = String::from_utf8_lossy(bytes);
    Ok(text.trim_matches([' ', '\t']).to_string())
}

/// §7.1: `chunk-size [ chunk-ext ]`, the size in hexadecimal; extensions are ignored.
fn parse_chunk_size(line: &[u8]) -> Result<u64, HttpError> {
    let digits = line.iter().take_while(|b| b.is_ascii_hexdigit()).count();
    if digits == 0 || digits > 15 {
        return Err(HttpError::BadChunkSize);
    }
    // BWS then `;ext` (RFC 9112 §7.1.1); anything else after the digits is an error.
    let after = line[digits..].iter().find(|&&b| b != b' ' && b != b'\t');
    if after.is_some_and(|&b| b != b';') {
        return Err(HttpError::BadChunkSize);
    }
    let text = std::str::from_utf8(&line[..digits]).map_err(|_| HttpError::BadChunkSize)?;
    u64::from_str_radix(text, 16).map_err(|_| HttpError::BadChunkSize)
}
