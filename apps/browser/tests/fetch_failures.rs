//! Fetches that fail: stalled servers (real sockets held open by a Rust thread), a closed
//! port, bad redirect targets, and connections that never get going.

mod fetch_support;

use browser::fetch::{Connection, Connector, Fetch, FetchError, Recv};
use browser::url::Url;
use fetch_support::{drive, fetch_url, free_port, TcpConnector};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::{Duration, Instant};

/// Accepts one connection, reads the request, writes `reply`, then holds the socket open
/// for `hold` before closing. Returns the port.
fn one_shot_server(reply: &'static [u8], hold: Duration) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        if let Ok((mut stream, _)) = listener.accept() {
            let mut request = Vec::new();
            let mut buf = [0u8; 1024];
            while !request.ends_with(b"\r\n\r\n") {
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => request.extend_from_slice(&buf[..n]),
                }
            }
            let _ = stream.write_all(reply);
            std::thread::sleep(hold);
        }
    });
    port
}

/// Runs a fetch with short timeouts (connect 300 ms, idle 200 ms).
fn fetch_quickly<C: Connector>(
    url: &str,
    connector: &mut C,
) -> (Result<(), FetchError>, Duration, Fetch)
where
    C::Conn: 'static,
{
    let clock = Instant::now();
    let mut fetch = Fetch::new(Url::parse(url).unwrap(), 0).with_timeouts(300_000, 200_000);
    let run = drive(&mut fetch, connector, clock);
    (run.result.map(|_| ()), clock.elapsed(), fetch)
}

#[test]
fn silent_server_times_out_waiting_for_the_response() {
    let port = one_shot_server(b"", Duration::from_secs(2));
    let (result, took, _) = fetch_quickly(
        &format!("http://127.0.0.1:{port}/"),
        &mut TcpConnector::default(),
    );
    let error = result.unwrap_err();
    assert_eq!(error, FetchError::Timeout("waiting for the response"));
    assert_eq!(
        error.detail(),
        "The server did not answer in time while waiting for the response."
    );
    assert!(
        took >= Duration::from_millis(200) && took < Duration::from_secs(2),
        "took {took:?}"
    );
}

#[test]
fn stalled_body_times_out_reading_the_body() {
    let reply = b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nfirst ten.";
    let port = one_shot_server(reply, Duration::from_secs(2));
    let url = format!("http://127.0.0.1:{port}/");
    let clock = Instant::now();
    let mut fetch = Fetch::new(Url::parse(&url).unwrap(), 0).with_timeouts(300_000, 200_000);
    let run = drive(&mut fetch, &mut TcpConnector::default(), clock);
    assert_eq!(
        run.result.unwrap_err(),
        FetchError::Timeout("reading the body")
    );
    let last = run.progress.last().copied().unwrap();
    assert_eq!(
        (last.received, last.total, last.phase),
        (10, Some(100), "reading the body")
    );
}

#[test]
fn closed_port_is_a_connect_error() {
    let port = free_port();
    let (run, _, _) = fetch_url(&format!("http://127.0.0.1:{port}/"));
    let error = run.result.unwrap_err();
    assert!(matches!(error, FetchError::Connect(_)), "{error:?}");
    assert_eq!(error.title(), "Unable to connect");
}

#[test]
fn unusable_redirect_target_is_a_url_error() {
    let port = one_shot_server(
        b"HTTP/1.1 302 Found\r\nLocation: ftp://files.example/\r\n\r\n",
        Duration::ZERO,
    );
    let (run, _, _) = fetch_url(&format!("http://127.0.0.1:{port}/"));
    assert_eq!(
        run.result.unwrap_err(),
        FetchError::Url("unsupported scheme ftp".into())
    );
}

/// A connection that never finishes connecting, or connects but never takes a byte.
struct Stuck {
    ready: bool,
}

impl Connection for Stuck {
    fn poll_ready(&mut self) -> Result<bool, FetchError> {
        Ok(self.ready)
    }
    fn send(&mut self, _: &[u8]) -> Result<usize, FetchError> {
        Ok(0)
    }
    fn recv(&mut self, _: &mut [u8]) -> Result<Recv, FetchError> {
        Ok(Recv::Pending)
    }
}

struct StuckConnector {
    ready: bool,
}

impl Connector for StuckConnector {
    type Conn = Stuck;
    fn open(&mut self, _: &Url) -> Result<Stuck, FetchError> {
        Ok(Stuck { ready: self.ready })
    }
}

#[test]
fn connection_that_never_opens_times_out_connecting() {
    let (result, took, fetch) =
        fetch_quickly("http://10.255.255.1/", &mut StuckConnector { ready: false });
    assert_eq!(result.unwrap_err(), FetchError::Timeout("connecting"));
    assert!(took >= Duration::from_millis(300), "took {took:?}");
    assert_eq!(fetch.progress().phase, "failed");
}

#[test]
fn request_that_cannot_be_sent_times_out() {
    let (result, _, _) = fetch_quickly("http://10.255.255.1/", &mut StuckConnector { ready: true });
    assert_eq!(
        result.unwrap_err(),
        FetchError::Timeout("sending the request")
    );
}

#[test]
fn connector_errors_pass_through() {
    struct NoDns;
    impl Connector for NoDns {
        type Conn = Stuck;
        fn open(&mut self, url: &Url) -> Result<Stuck, FetchError> {
            Err(FetchError::Dns(format!("{} has no address", url.host)))
        }
    }
    let (result, _, _) = fetch_quickly("http://nowhere.example/", &mut NoDns);
    let error = result.unwrap_err();
    assert_eq!(
        error,
        FetchError::Dns("nowhere.example has no address".into())
    );
    assert_eq!(error.title(), "Server not found");
}
