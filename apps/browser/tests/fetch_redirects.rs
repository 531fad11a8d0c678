//! Redirects, chunked bodies and broken responses from a real socket server
//! (tests/fixtures/net/server.py).

mod fetch_support;

use browser::fetch::{FetchError, MAX_REDIRECTS};
use fetch_support::{fetch_url, script_server};

#[test]
fn redirect_chain_is_followed_and_logged() {
    let (_server, port) = script_server();
    let base = format!("http://127.0.0.1:{port}");
    let (run, mut fetch, connector) = fetch_url(&format!("{base}/redirect/3"));
    let response = run.result.unwrap();
    assert_eq!(
        (response.status, response.body.as_slice()),
        (200, &b"arrived"[..])
    );
    assert_eq!(response.url.to_string(), format!("{base}/redirect/0"));
    assert_eq!(fetch.url().to_string(), format!("{base}/redirect/0"));
    let log: Vec<(String, u16)> = fetch
        .take_records()
        .iter()
        .map(|r| (r.url.path.clone(), r.status))
        .collect();
    let expected = [
        ("/redirect/3", 302),
        ("/redirect/2", 302),
        ("/redirect/1", 302),
        ("/redirect/0", 200),
    ];
    assert_eq!(log, expected.map(|(p, s)| (p.to_string(), s)));
    assert_eq!(connector.opened.len(), 4, "one connection per exchange");
}

#[test]
fn ten_redirects_are_allowed_eleven_are_not() {
    let (_server, port) = script_server();
    let (run, mut fetch, _) =
        fetch_url(&format!("http://127.0.0.1:{port}/redirect/{MAX_REDIRECTS}"));
    assert_eq!(run.result.unwrap().body, b"arrived");
    assert_eq!(fetch.take_records().len(), MAX_REDIRECTS + 1);

    let (run, _, _) = fetch_url(&format!(
        "http://127.0.0.1:{port}/redirect/{}",
        MAX_REDIRECTS + 1
    ));
    assert_eq!(
        run.result.unwrap_err(),
        FetchError::TooManyRedirects(MAX_REDIRECTS)
    );

    let (run, mut fetch, _) = fetch_url(&format!("http://127.0.0.1:{port}/loop"));
    let error = run.result.unwrap_err();
    assert_eq!(error, FetchError::TooManyRedirects(MAX_REDIRECTS));
    assert_eq!(error.title(), "Too many redirects");
    assert_eq!(fetch.take_records().len(), MAX_REDIRECTS + 1);
}

#[test]
fn permanent_absolute_and_relative_redirects() {
    let (_server, port) = script_server();
    let base = format!("http://127.0.0.1:{port}");
    let (run, _, _) = fetch_url(&format!("{base}/permanent"));
    let response = run.result.unwrap();
    assert_eq!(response.body, b"/echo-target?from=308");
    assert_eq!(
        response.url.to_string(),
        format!("{base}/echo-target?from=308")
    );

    let (run, _, _) = fetch_url(&format!("{base}/relative/a/b"));
    let response = run.result.unwrap();
    assert_eq!(response.body, b"relative");
    assert_eq!(response.url.to_string(), format!("{base}/relative/c?x=1"));
}

#[test]
fn fragments_survive_redirects() {
    let (_server, port) = script_server();
    let base = format!("http://127.0.0.1:{port}");
    // RFC 9110 §10.2.2: a Location without a fragment inherits ours...
    let (run, _, _) = fetch_url(&format!("{base}/fragment#section-2"));
    assert_eq!(
        run.result.unwrap().url.to_string(),
        format!("{base}/echo-target#section-2")
    );
    // ...and one with a fragment replaces it. The fragment never goes to the server.
    let (run, _, _) = fetch_url(&format!("{base}/new-fragment#old"));
    let response = run.result.unwrap();
    assert_eq!(response.url.to_string(), format!("{base}/echo-target#new"));
    assert_eq!(response.body, b"/echo-target");
}

#[test]
fn redirect_to_https_uses_the_connector() {
    let (_server, port) = script_server();
    let (run, fetch, connector) = fetch_url(&format!("http://127.0.0.1:{port}/to-https"));
    assert!(
        matches!(run.result, Err(FetchError::Tls(_))),
        "{:?}",
        run.result
    );
    assert_eq!(
        connector.opened.last().unwrap(),
        &format!("https://127.0.0.1:{port}/secure")
    );
    assert_eq!(
        fetch.url().to_string(),
        format!("https://127.0.0.1:{port}/secure")
    );
}

#[test]
fn redirect_without_location_is_an_error() {
    let (_server, port) = script_server();
    let (run, _, _) = fetch_url(&format!("http://127.0.0.1:{port}/no-location"));
    let error = run.result.unwrap_err();
    assert_eq!(error, FetchError::RedirectWithoutLocation(301));
    assert!(error.detail().contains("301"));
}

#[test]
fn request_on_the_wire_is_what_a_server_expects() {
    let (_server, port) = script_server();
    let (run, _, _) = fetch_url(&format!("http://127.0.0.1:{port}/echo?a=b%20c#not-sent"));
    let echoed = String::from_utf8(run.result.unwrap().body).unwrap();
    assert!(
        echoed.starts_with("GET /echo?a=b%20c HTTP/1.1\r\n"),
        "{echoed}"
    );
    assert!(echoed.contains(&format!("\r\nHost: 127.0.0.1:{port}\r\n")));
    assert!(echoed.contains("\r\nConnection: close\r\n"));
    assert!(echoed.ends_with("\r\n\r\n"));
}

#[test]
fn bodies_framed_every_way() {
    let (_server, port) = script_server();
    let base = format!("http://127.0.0.1:{port}");
    let (run, _, _) = fetch_url(&format!("{base}/chunked"));
    let response = run.result.unwrap();
    assert_eq!(response.body, b"chunked and split here.");
    assert_eq!(response.header("content-type"), Some("text/plain"));

    let (run, _, _) = fetch_url(&format!("{base}/close-delimited"));
    assert_eq!(run.result.unwrap().body, b"until close");

    let (run, _, _) = fetch_url(&format!("{base}/server-error"));
    let response = run.result.expect("a 500 is a response");
    assert_eq!(
        (response.status, response.reason.as_str()),
        (500, "Internal Server Error")
    );
}

#[test]
fn broken_responses_are_http_errors() {
    let (_server, port) = script_server();
    let base = format!("http://127.0.0.1:{port}");
    let (run, _, _) = fetch_url(&format!("{base}/garbage"));
    assert_eq!(
        run.result.unwrap_err(),
        FetchError::Http("malformed status line".into())
    );

    let (run, mut fetch, _) = fetch_url(&format!("{base}/truncated"));
    let error = run.result.unwrap_err();
    assert_eq!(
        error,
        FetchError::Http("body shorter than Content-Length (got 10 of 100 bytes)".into())
    );
    assert_eq!(error.title(), "Invalid response");
    assert_eq!(fetch.progress().phase, "failed");
    assert!(
        fetch.take_records().is_empty(),
        "a failed exchange is not logged as a response"
    );
}
