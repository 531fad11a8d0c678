//! hostile-sockets: opens sockets and DNS queries until the kernel says no.
//!
//! Three rounds, each stopping at the first error (or after 10 000 successes, which would
//! mean there is no limit): TCP connections, UDP sockets, DNS queries; each logs how many it
//! got and the error. Sockets are kept open from round to round, since the limit
//! (`abi::limits::MAX_HANDLES`) covers all of them together; then everything is closed, a few
//! frames pass, and a round of open-and-close churn checks that handles are really freed.
//! Finally it logs "hostile-sockets: done" and yields for ever.

use hostile::{say, yield_forever};
use sdk::net::{dns, TcpStream, UdpSocket};
use sdk::Error;

const TRIES: usize = 10_000;
const SERVER: [u8; 4] = [10, 0, 2, 2];

/// Calls `open` until it fails; returns what it opened and the error.
fn open_until_error<T>(what: &str, mut open: impl FnMut(usize) -> Result<T, Error>) -> Vec<T> {
    let mut got = Vec::new();
    for i in 0..TRIES {
        match open(i) {
            Ok(handle) => got.push(handle),
            Err(e) => {
                say(&format!(
                    "hostile-sockets: {what}: opened {}, then error {} ({})",
                    got.len(),
                    e.code(),
                    e.message()
                ));
                return got;
            }
        }
    }
    say(&format!(
        "hostile-sockets: {what}: opened {TRIES} without error"
    ));
    got
}

fn main() {
    say("hostile-sockets: start");
    let tcp = open_until_error("tcp", |i| TcpStream::connect(SERVER, 1000 + i as u16));
    let udp = open_until_error("udp", |_| UdpSocket::bind(0));
    let queries = open_until_error("dns", |i| dns::resolve(&format!("host{i}.example")));
    let total = tcp.len() + udp.len() + queries.len();
    say(&format!("hostile-sockets: holding {total} handles"));
    drop(tcp);
    drop(udp);
    // DNS handles are freed by the kernel once answered: poll them until they are.
    let mut queries = queries;
    for _ in 0..600 {
        queries.retain_mut(|q| q.poll().is_none());
        if queries.is_empty() {
            break;
        }
        let _ = sdk::yield_now();
    }
    say(&format!(
        "hostile-sockets: closed all; {} queries still pending",
        queries.len()
    ));
    for _ in 0..30 {
        let _ = sdk::yield_now();
    }
    // Churn: a socket opened and closed 1000 times must never hit the limit.
    let mut failures = 0;
    let mut last_error = None;
    for _ in 0..1000 {
        match UdpSocket::bind(0) {
            Ok(socket) => drop(socket),
            Err(e) => {
                failures += 1;
                last_error = Some(e);
            }
        }
    }
    say(&format!(
        "hostile-sockets: churn: 1000 udp binds, {failures} failed{}",
        last_error.map_or(String::new(), |e| format!(" (last: {})", e.message()))
    ));
    let after = open_until_error("udp after churn", |_| UdpSocket::bind(0));
    drop(after);
    say("hostile-sockets: done");
    yield_forever();
}
