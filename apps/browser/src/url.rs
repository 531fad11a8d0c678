//! `http:` and `https:` URLs: parsing, resolving links, printing.
//!
//! A browser meets URLs in three places: the address a person types, the `href` of a link
//! (usually relative to the page), and the `Location` of a redirect. This module turns all
//! three into one [`Url`] whose parts are ready for the network: a lowercase host, a port
//! number, and a path (with its query) that is safe to put into a request line.
//!
//! The rules follow the WHATWG URL Standard (<https://url.spec.whatwg.org/>) for its
//! "special" schemes, cut down to `http` and `https`:
//!
//! * §4.4 basic URL parser: leading and trailing spaces and control characters are trimmed,
//!   tabs and newlines inside are removed, `\` counts as `/`, userinfo (`user:pass@`) is
//!   dropped, a default port is not stored twice.
//! * §3.5 host parsing: hosts are percent-decoded and lowercased; a host whose last label is a
//!   number is an IPv4 address, written in any of the old forms (`0x7f.1`) and printed
//!   dotted-decimal. Non-ASCII (IDNA) hosts and IPv6 literals are refused with a message.
//! * §1.3 percent-encoding: spaces, quotes, angle brackets and non-ASCII characters of the
//!   path, query and fragment are UTF-8 percent-encoded; existing `%xx` are left alone.
//! * Relative references resolve as RFC 3986 §5.2 describes (merge, then remove dot segments
//!   §5.2.4), which the URL Standard agrees with for these schemes.
//!
//! Every failure is a [`UrlError`] with a sentence fit for an error page.

use std::fmt;

/// The two schemes a browser without plugins fetches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    /// Plain HTTP, port 80 by default.
    Http,
    /// HTTP over TLS, port 443 by default.
    Https,
}

impl Scheme {
    /// The scheme as written in a URL, without the colon.
    pub fn name(self) -> &'static str {
        match self {
            Scheme::Http => "http",
            Scheme::Https => "https",
        }
    }

    /// The port used when the URL names none (URL Standard §4.1 "default port").
    pub fn default_port(self) -> u16 {
        match self {
            Scheme::Http => 80,
            Scheme::Https => 443,
        }
    }
}

/// An absolute `http:` or `https:` URL, split into the parts a request needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Url {
    /// `http` or `https`.
    pub scheme: Scheme,
    /// The host name (lowercase ASCII) or a dotted-decimal IPv4 address.
    pub host: String,
    /// The port, filled in from the scheme when the URL has none.
    pub port: u16,
    /// Path and optional `?query`, percent-encoded, always starting with `/`.
    pub path: String,
    /// The part after `#`, percent-encoded, without the `#`.
    pub fragment: Option<String>,
}

/// Why a piece of text is not a usable URL; [`fmt::Display`] gives the sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlError {
    message: String,
}

impl UrlError {
    fn new(message: impl Into<String>) -> UrlError {
        UrlError {
            message: message.into(),
        }
    }

    /// The reason, e.g. `unsupported scheme ftp` or `empty host`.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for UrlError {}

impl Url {
    /// Parses an absolute URL such as `https://example.org/a?b#c`.
    pub fn parse(text: &str) -> Result<Url, UrlError> {
        let text = clean(text);
        let Some((scheme, rest)) = split_scheme(&text) else {
            return Err(UrlError::new(format!("not an absolute URL: {text}")));
        };
        let scheme = match scheme.to_ascii_lowercase().as_str() {
            "http" => Scheme::Http,
            "https" => Scheme::Https,
            other => return Err(UrlError::new(format!("unsupported scheme {other}"))),
        };
        // §4.4 "special authority ignore slashes state": any run of / or \ may follow.
        let rest = rest.trim_start_matches(['/', '\\']);
        let authority_end = rest.find(['/', '\\', '?', '#']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(authority_end);
        // Userinfo is dropped: a browser has no use for it and it hides the real host.
        let host_port = authority
            .rsplit_once('@')
            .map_or(authority, |(_, after)| after);
        let (host, port) = split_port(host_port)?;
        let host = parse_host(host)?;
        let port = port.unwrap_or(scheme.default_port());
        let (path, fragment) = split_path(tail);
        Ok(Url {
            scheme,
            host,
            port,
            path,
            fragment,
        })
    }

    /// Turns what a person typed into the address bar into a URL: `example.org` becomes
    /// `http://example.org/`, `10.0.2.2:8000/a` becomes `http://10.0.2.2:8000/a`.
    pub fn from_user_input(text: &str) -> Result<Url, UrlError> {
        let text = clean(text);
        if text.is_empty() {
            return Err(UrlError::new("empty address"));
        }
        let looks_absolute = match split_scheme(&text) {
            // "localhost:8000/x" has the shape of a scheme but is a host and a port.
            Some((_, rest)) => text.contains("://") || !starts_with_port(rest),
            None => false,
        };
        if looks_absolute {
            Url::parse(&text)
        } else {
            Url::parse(&format!("http://{text}"))
        }
    }

    /// Resolves a reference (a link's `href`, a `Location`) against this URL
    /// (RFC 3986 §5.2.2, URL Standard §4.4 for the special-scheme details).
    pub fn join(&self, reference: &str) -> Result<Url, UrlError> {
        let reference = clean(reference);
        if let Some((scheme, rest)) = split_scheme(&reference) {
            // URL Standard: "http:g" with the base's own scheme and no slashes is relative.
            let same = scheme.eq_ignore_ascii_case(self.scheme.name());
            if !same || rest.starts_with(['/', '\\']) {
                return Url::parse(&reference);
            }
            return self.join(rest);
        }
        if reference.starts_with("//") || reference.starts_with("\\\\") {
            return Url::parse(&format!("{}:{reference}", self.scheme.name()));
        }
        let (reference, fragment) = match reference.split_once('#') {
            Some((before, after)) => (before, Some(after)),
            None => (reference.as_str(), None),
        };
        let (ref_path, ref_query) = match reference.split_once('?') {
            Some((before, after)) => (before, Some(after)),
            None => (reference, None),
        };
        let (base_path, base_query) = match self.path.split_once('?') {
            Some((before, after)) => (before, Some(after)),
            None => (self.path.as_str(), None),
        };
        let path = if ref_path.is_empty() {
            base_path.to_string()
        } else if ref_path.starts_with(['/', '\\']) {
            ref_path.to_string()
        } else {
            // §5.2.3 merge: everything of the base path up to its last '/', then the reference.
            let directory = base_path.rfind('/').map_or("/", |i| &base_path[..=i]);
            format!("{directory}{ref_path}")
        };
        let query = match (ref_path.is_empty(), ref_query) {
            (_, Some(query)) => Some(query),
            (true, None) => base_query,
            (false, None) => None,
        };
        let mut text = format!("{}://{}{path}", self.scheme.name(), self.host_header());
        if let Some(query) = query {
            text.push('?');
            text.push_str(query);
        }
        if let Some(fragment) = fragment {
            text.push('#');
            text.push_str(fragment);
        }
        Url::parse(&text)
    }

    /// True when the port is the scheme's default (so it is not printed).
    pub fn default_port(&self) -> bool {
        self.port == self.scheme.default_port()
    }

    /// The `Host` header value (RFC 9110 §7.2): `host`, or `host:port` for other ports.
    pub fn host_header(&self) -> String {
        if self.default_port() {
            self.host.clone()
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }

    /// The same URL without its `#fragment` (fragments never go to the server).
    pub fn without_fragment(&self) -> Url {
        Url {
            fragment: None,
            ..self.clone()
        }
    }
}

impl fmt::Display for Url {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}://{}{}",
            self.scheme.name(),
            self.host_header(),
            self.path
        )?;
        if let Some(fragment) = &self.fragment {
            write!(f, "#{fragment}")?;
        }
        Ok(())
    }
}

/// URL Standard §4.4 steps 1-3: trim C0 controls and spaces, drop tabs and newlines.
fn clean(text: &str) -> String {
    text.trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// Splits `scheme:rest` when the text starts with a scheme (RFC 3986 §3.1:
/// `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )` then `:`).
fn split_scheme(text: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = text.split_once(':')?;
    let mut chars = scheme.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (first_ok && rest_ok).then_some((scheme, rest))
}

/// True for `8000`, `8000/path`, `8000?q`: the text after `host:` in a typed address.
fn starts_with_port(rest: &str) -> bool {
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    !rest[..end].is_empty() && rest[..end].bytes().all(|b| b.is_ascii_digit())
}

/// Splits `host:port`; an empty port means the default (URL Standard §4.4 port state).
fn split_port(host_port: &str) -> Result<(&str, Option<u16>), UrlError> {
    if host_port.starts_with('[') {
        return Err(UrlError::new("IPv6 addresses are not supported"));
    }
    let Some((host, port)) = host_port.rsplit_once(':') else {
        return Ok((host_port, None));
    };
    if port.is_empty() {
        return Ok((host, None));
    }
    if !port.bytes().all(|b| b.is_ascii_digit()) {
        return Err(UrlError::new(format!("invalid port {port}")));
    }
    let digits = port.trim_start_matches('0');
    match digits.parse::<u16>() {
        Ok(number) => Ok((host, Some(number))),
        Err(_) if digits.is_empty() => Ok((host, Some(0))),
        Err(_) => Err(UrlError::new(format!("port {port} is out of range"))),
    }
}

/// URL Standard §3.5 host parser for special schemes, without IDNA.
fn parse_host(text: &str) -> Result<String, UrlError> {
    if text.is_empty() {
        return Err(UrlError::new("empty host"));
    }
    let decoded = percent_decode(text);
    let Ok(decoded) = String::from_utf8(decoded) else {
        return Err(UrlError::new(format!("invalid host {text}")));
    };
    if !decoded.is_ascii() {
        return Err(UrlError::new(format!(
            "international host names are not supported: {decoded}"
        )));
    }
    let host = decoded.to_ascii_lowercase();
    // §3.2 forbidden domain code points.
    let forbidden = |c: char| c <= ' ' || "#%/:<>?@[\\]^|\u{7f}".contains(c);
    if let Some(bad) = host.chars().find(|&c| forbidden(c)) {
        return Err(UrlError::new(format!(
            "invalid character {bad:?} in host {host}"
        )));
    }
    if ends_in_number(&host) {
        return parse_ipv4(&host)
            .ok_or_else(|| UrlError::new(format!("invalid IPv4 address {host}")));
    }
    Ok(host)
}

/// §3.5 "ends in a number checker": is the last label (ignoring one trailing dot) numeric?
fn ends_in_number(host: &str) -> bool {
    let host = host.strip_suffix('.').unwrap_or(host);
    let last = host.rsplit('.').next().unwrap_or("");
    if !last.is_empty() && last.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    parse_ipv4_number(last).is_some()
}

/// §3.5 IPv4 parser: one to four numbers, the last filling the remaining bytes.
fn parse_ipv4(host: &str) -> Option<String> {
    let host = host.strip_suffix('.').unwrap_or(host);
    let parts: Vec<&str> = host.split('.').collect();
    if parts.len() > 4 {
        return None;
    }
    let numbers: Vec<u64> = parts
        .iter()
        .map(|part| parse_ipv4_number(part))
        .collect::<Option<_>>()?;
    let (last, leading) = numbers.split_last()?;
    if leading.iter().any(|&n| n > 255) || *last >= 1u64 << (8 * (5 - numbers.len())) {
        return None;
    }
    let mut address = *last;
    for (i, n) in leading.iter().enumerate() {
        address += n << (8 * (3 - i));
    }
    let b = address.to_be_bytes();
    Some(format!("{}.{}.{}.{}", b[4], b[5], b[6], b[7]))
}

/// §3.5 IPv4 number parser: decimal, `0x` hexadecimal or `0`-prefixed octal.
fn parse_ipv4_number(text: &str) -> Option<u64> {
    if text.is_empty() {
        return None;
    }
    let (digits, radix) =
        if let Some(hex) = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
            (hex, 16)
        } else if text.len() > 1 && text.starts_with('0') {
            (&text[1..], 8)
        } else {
            (text, 10)
        };
    if digits.is_empty() {
        return Some(0);
    }
    if !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    u64::from_str_radix(digits, radix).ok()
}

/// Splits what follows the authority into a normalised path+query and a fragment.
fn split_path(tail: &str) -> (String, Option<String>) {
    let (before_fragment, fragment) = match tail.split_once('#') {
        Some((before, after)) => (before, Some(after)),
        None => (tail, None),
    };
    let (path, query) = match before_fragment.split_once('?') {
        Some((before, after)) => (before, Some(after)),
        None => (before_fragment, None),
    };
    let mut result = remove_dot_segments(&path.replace('\\', "/"));
    result = percent_encode(&result, |b| b"\"#<>?`{}".contains(&b));
    if let Some(query) = query {
        result.push('?');
        result.push_str(&percent_encode(query, |b| b"\"#<>'".contains(&b)));
    }
    let fragment = fragment.map(|f| percent_encode(f, |b| b"\"<>`".contains(&b)));
    (result, fragment)
}

/// RFC 3986 §5.2.4 (as URL Standard §4.4 path state does it): `.` and `..` segments,
/// also written `%2e`, are removed; a trailing one leaves the path ending in `/`.
fn remove_dot_segments(path: &str) -> String {
    let mut output: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.strip_prefix('/').unwrap_or(path).split('/').collect();
    let count = segments.len();
    for (i, segment) in segments.into_iter().enumerate() {
        let last = i + 1 == count;
        let lower = segment.to_ascii_lowercase();
        let single = lower == "." || lower == "%2e";
        let double = matches!(lower.as_str(), ".." | ".%2e" | "%2e." | "%2e%2e");
        if double {
            output.pop();
        }
        if single || double {
            if last {
                output.push("");
            }
        } else {
            output.push(segment);
        }
    }
    format!("/{}", output.join("/"))
}

/// UTF-8 percent-encodes controls, space, non-ASCII and the bytes `extra` picks (§1.3).
fn percent_encode(text: &str, extra: impl Fn(u8) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    for &b in text.as_bytes() {
        if b <= b' ' || b >= 0x7f || extra(b) {
            out.push_str(&format!("%{b:02X}"));
        } else {
            out.push(b as char);
        }
    }
    out
}

/// Decodes `%xx` escapes; a `%` not followed by two hex digits stays as it is.
fn percent_decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let value = match bytes.get(i + 1..i + 3) {
            Some([high, low]) => hex_value(*high)
                .zip(hex_value(*low))
                .map(|(h, l)| h * 16 + l),
            _ => None,
        };
        match (bytes[i], value) {
            (b'%', Some(value)) => {
                out.push(value);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// The value of one hexadecimal digit.
fn hex_value(digit: u8) -> Option<u8> {
    (digit as char)
        .to_digit(16)
        .and_then(|v| u8::try_from(v).ok())
}
