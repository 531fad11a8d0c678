//! The HTTP/1.1 request bytes and the incremental response parser (RFC 9112).

use browser::http::{request, HttpError, ResponseHead, ResponseParser};
use browser::url::Url;

/// What a parser made of a whole exchange: the head and body, or the first error.
#[derive(Debug, PartialEq)]
struct Outcome {
    result: Result<(), HttpError>,
    head: Option<ResponseHead>,
    body: Vec<u8>,
    complete: bool,
}

/// Feeds `pieces` in order, then (if `close`) tells the parser the peer closed.
fn run<'a>(pieces: impl IntoIterator<Item = &'a [u8]>, close: bool) -> Outcome {
    let mut parser = ResponseParser::new();
    let mut result = Ok(());
    for piece in pieces {
        result = parser.feed(piece);
        if result.is_err() {
            break;
        }
    }
    if result.is_ok() && close {
        result = parser.finish();
    }
    Outcome {
        result,
        head: parser.head().cloned(),
        body: parser.body().to_vec(),
        complete: parser.is_complete(),
    }
}

/// Parses `bytes` whole, byte by byte and split at every point; all must agree.
fn parse_every_way(bytes: &[u8], close: bool) -> Outcome {
    let whole = run([bytes], close);
    assert_eq!(run(bytes.chunks(1), close), whole, "byte by byte differs");
    for split in 0..=bytes.len() {
        let (a, b) = bytes.split_at(split);
        assert_eq!(run([a, b], close), whole, "split at {split} differs");
    }
    whole
}

fn ok_response(bytes: &[u8], close: bool) -> (ResponseHead, Vec<u8>) {
    let outcome = parse_every_way(bytes, close);
    assert_eq!(outcome.result, Ok(()), "{outcome:?}");
    assert!(outcome.complete);
    (outcome.head.expect("a head"), outcome.body)
}

fn error_of(bytes: &[u8], close: bool) -> HttpError {
    match parse_every_way(bytes, close).result {
        Err(error) => error,
        Ok(()) => panic!("{:?} parsed", String::from_utf8_lossy(bytes)),
    }
}

#[test]
fn request_is_exact() {
    let url = Url::parse("http://Example.org:8000/a b?q=1#frag").unwrap();
    let expected =
        "GET /a%20b?q=1 HTTP/1.1\r\nHost: example.org:8000\r\nUser-Agent: Tessera/0.1\r\n\
                    Accept: text/html,text/plain;q=0.9,*/*;q=0.5\r\nAccept-Encoding: identity\r\n\
                    Connection: close\r\n\r\n";
    assert_eq!(String::from_utf8(request(&url)).unwrap(), expected);
    let https = Url::parse("https://example.org/").unwrap();
    assert!(String::from_utf8(request(&https))
        .unwrap()
        .starts_with("GET / HTTP/1.1\r\nHost: example.org\r\n"));
}

#[test]
fn content_length_body_completes_without_close() {
    let bytes =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 11\r\n\r\nhello world";
    let (head, body) = ok_response(bytes, false);
    assert_eq!((head.status, head.reason.as_str()), (200, "OK"));
    assert_eq!(head.header("content-type"), Some("text/html"));
    assert_eq!(head.header("CONTENT-LENGTH"), Some("11"));
    assert_eq!(head.header("x-missing"), None);
    assert_eq!(body, b"hello world");
}

#[test]
fn bytes_after_a_complete_response_are_ignored() {
    let (_, body) = ok_response(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhiEXTRA", true);
    assert_eq!(body, b"hi");
}

#[test]
fn status_line_variants() {
    for (bytes, status, reason) in [
        (&b"HTTP/1.0 200\r\nContent-Length: 0\r\n\r\n"[..], 200, ""),
        (b"HTTP/1.1 200 \r\nContent-Length: 0\r\n\r\n", 200, ""),
        (
            b"HTTP/1.1 404 Not Found Here\r\nContent-Length: 0\r\n\r\n",
            404,
            "Not Found Here",
        ),
        (
            b"\r\n\r\nHTTP/1.1 503 Busy\r\nContent-Length: 0\r\n\r\n",
            503,
            "Busy",
        ),
        (b"HTTP/1.1 299 Odd\nContent-Length: 0\n\n", 299, "Odd"),
    ] {
        let (head, _) = ok_response(bytes, false);
        assert_eq!((head.status, head.reason.as_str()), (status, reason));
    }
}

#[test]
fn obs_fold_becomes_one_space() {
    let bytes =
        b"HTTP/1.1 200 OK\r\nX-Long: first\r\n  second\r\n\tthird  \r\nContent-Length: 0\r\n\r\n";
    let (head, _) = ok_response(bytes, false);
    assert_eq!(head.header("x-long"), Some("first second third"));
    assert_eq!(head.headers.len(), 2);
}

#[test]
fn interim_responses_are_skipped() {
    let bytes = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </s.css>\r\n\r\n\
                  HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc";
    let (head, body) = ok_response(bytes, false);
    assert_eq!(head.status, 200);
    assert_eq!(head.header("link"), None);
    assert_eq!(body, b"abc");
}

#[test]
fn no_body_statuses_complete_at_the_head() {
    for status in ["204 No Content", "304 Not Modified"] {
        let text = format!("HTTP/1.1 {status}\r\nContent-Length: 50\r\n\r\n");
        let (head, body) = ok_response(text.as_bytes(), false);
        assert!(head.status == 204 || head.status == 304);
        assert!(body.is_empty());
    }
}

#[test]
fn close_delimited_body_needs_finish() {
    let bytes = b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end";
    let open = parse_every_way(bytes, false);
    assert_eq!(open.result, Ok(()));
    assert!(!open.complete);
    assert_eq!(open.body, b"until the end");
    let (_, body) = ok_response(bytes, true);
    assert_eq!(body, b"until the end");
}

#[test]
fn chunked_with_extensions_and_trailers() {
    let bytes = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\
                  4;name=value\r\nWiki\r\n5 ; quoted=\"a;b\"\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n\
                  0;last\r\nExpires: never\r\nX-Checksum: 1234\r\n\r\n";
    let (head, body) = ok_response(bytes, false);
    assert_eq!(head.header("transfer-encoding"), Some("chunked"));
    assert_eq!(body, b"Wikipedia in\r\n\r\nchunks.");
}

#[test]
fn chunked_with_lone_lf_and_upper_hex() {
    let bytes = b"HTTP/1.1 200 OK\nTransfer-Encoding: Chunked\n\nA\n0123456789\n0\n\n";
    assert_eq!(ok_response(bytes, false).1, b"0123456789");
}

#[test]
fn transfer_encoding_wins_over_content_length() {
    let bytes = b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n";
    assert_eq!(ok_response(bytes, false).1, b"ok");
}

#[test]
fn repeated_equal_content_lengths_are_fine() {
    let bytes = b"HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\nContent-Length: 2\r\n\r\nok";
    assert_eq!(ok_response(bytes, false).1, b"ok");
}

#[test]
fn progress_while_reading() {
    let mut parser = ResponseParser::new();
    parser
        .feed(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123")
        .unwrap();
    assert_eq!(parser.content_length(), Some(10));
    assert_eq!(parser.body(), b"0123");
    assert!(!parser.is_complete());
    parser.feed(b"456789").unwrap();
    assert!(parser.is_complete());
    assert_eq!(parser.take_body(), b"0123456789");
    assert!(parser.body().is_empty());

    let mut chunked = ResponseParser::new();
    chunked
        .feed(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
        .unwrap();
    assert_eq!(chunked.content_length(), None);
}

#[test]
fn broken_framing_gives_the_right_error() {
    let cases: &[(&[u8], bool, HttpError)] = &[
        (
            b"SSH-2.0-OpenSSH_9.6\r\n\r\n",
            false,
            HttpError::MalformedStatusLine,
        ),
        (
            b"<html>hello</html>\n\n",
            false,
            HttpError::MalformedStatusLine,
        ),
        (
            b"HTTP/1.1 2000 OK\r\n\r\n",
            false,
            HttpError::MalformedStatusLine,
        ),
        (
            b"HTTP/1.1 OK\r\n\r\n",
            false,
            HttpError::MalformedStatusLine,
        ),
        (
            b"HTTP/2.0 200 OK\r\n\r\n",
            false,
            HttpError::UnsupportedVersion("HTTP/2.0".into()),
        ),
        (
            b"HTTP/1.1 101 Switching Protocols\r\n\r\n",
            false,
            HttpError::UnexpectedSwitchingProtocols,
        ),
        (
            b"HTTP/1.1 200 OK\r\nNo colon here\r\n\r\n",
            false,
            HttpError::MalformedHeader,
        ),
        (
            b"HTTP/1.1 200 OK\r\nName : value\r\n\r\n",
            false,
            HttpError::MalformedHeader,
        ),
        (
            b"HTTP/1.1 200 OK\r\n folded first\r\n\r\n",
            false,
            HttpError::MalformedHeader,
        ),
        (
            b"HTTP/1.1 200 OK\r\nX: a\0b\r\n\r\n",
            false,
            HttpError::MalformedHeader,
        ),
        (
            b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n",
            false,
            HttpError::ConflictingContentLength,
        ),
        (
            b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
            false,
            HttpError::InvalidContentLength,
        ),
        (
            b"HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\n",
            false,
            HttpError::InvalidContentLength,
        ),
        (
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
            false,
            HttpError::UnsupportedTransferCoding("gzip".into()),
        ),
        (
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            false,
            HttpError::BadChunkSize,
        ),
        (
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\n",
            false,
            HttpError::BadChunkSize,
        ),
        (
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5x\r\n",
            false,
            HttpError::BadChunkSize,
        ),
        (
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n",
            false,
            HttpError::BadChunkEnd,
        ),
        (
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n",
            true,
            HttpError::TruncatedChunked,
        ),
        (
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
            true,
            HttpError::TruncatedChunked,
        ),
        (
            b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789",
            true,
            HttpError::TruncatedBody {
                got: 10,
                expected: 100,
            },
        ),
        (b"", true, HttpError::NoResponse),
        (b"\r\n", true, HttpError::NoResponse),
        (
            b"HTTP/1.1 200 OK\r\nContent-Le",
            true,
            HttpError::TruncatedHead,
        ),
    ];
    for (bytes, close, expected) in cases {
        assert_eq!(
            &error_of(bytes, *close),
            expected,
            "for {:?}",
            String::from_utf8_lossy(bytes)
        );
    }
}

#[test]
fn error_messages_read_well() {
    assert_eq!(
        HttpError::TruncatedBody {
            got: 10,
            expected: 100
        }
        .message(),
        "body shorter than Content-Length (got 10 of 100 bytes)"
    );
    assert_eq!(HttpError::BadChunkSize.message(), "bad chunk size");
    assert_eq!(
        HttpError::MalformedStatusLine.message(),
        "malformed status line"
    );
    assert_eq!(HttpError::HeadersTooLarge.message(), "headers too large");
    assert!(HttpError::BodyTooLarge { limit: 16 << 20 }
        .message()
        .starts_with("page too large"));
}

#[test]
fn huge_headers_are_refused() {
    let mut bytes = b"HTTP/1.1 200 OK\r\n".to_vec();
    while bytes.len() < 70 * 1024 {
        bytes.extend_from_slice(
            b"X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n",
        );
    }
    // Without the end of the head, and with it: both too large, in any split.
    let mut parser = ResponseParser::new();
    assert_eq!(parser.feed(&bytes), Err(HttpError::HeadersTooLarge));
    bytes.extend_from_slice(b"\r\n");
    let mut parser = ResponseParser::new();
    let result = bytes
        .chunks(1000)
        .map(|piece| parser.feed(piece))
        .find(|r| r.is_err());
    assert_eq!(result, Some(Err(HttpError::HeadersTooLarge)));
    // A big but allowed head is fine.
    let mut fine = b"HTTP/1.1 200 OK\r\n".to_vec();
    fine.extend_from_slice(
        format!("X-Big: {}\r\nContent-Length: 0\r\n\r\n", "b".repeat(60_000)).as_bytes(),
    );
    assert_eq!(ResponseParser::new().feed(&fine), Ok(()));
}

#[test]
fn huge_trailers_and_chunk_lines_are_refused() {
    let mut parser = ResponseParser::new();
    parser
        .feed(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1")
        .unwrap();
    assert_eq!(parser.feed(&[b'0'; 5000]), Err(HttpError::BadChunkSize));
    let mut parser = ResponseParser::new();
    parser
        .feed(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: ")
        .unwrap();
    assert_eq!(
        parser.feed(&vec![b'y'; 70_000]),
        Err(HttpError::HeadersTooLarge)
    );
}

#[test]
fn body_limit_is_enforced() {
    let mut counted = ResponseParser::with_body_limit(1000);
    assert_eq!(
        counted.feed(b"HTTP/1.1 200 OK\r\nContent-Length: 2000\r\n\r\n"),
        Err(HttpError::BodyTooLarge { limit: 1000 })
    );
    let mut close = ResponseParser::with_body_limit(1000);
    close.feed(b"HTTP/1.1 200 OK\r\n\r\n").unwrap();
    close.feed(&[b'a'; 1000]).unwrap();
    assert_eq!(
        close.feed(b"b"),
        Err(HttpError::BodyTooLarge { limit: 1000 })
    );
    let mut chunked = ResponseParser::with_body_limit(1000);
    chunked
        .feed(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n200\r\n")
        .unwrap();
    chunked.feed(&[b'a'; 512]).unwrap();
    assert_eq!(
        chunked.feed(b"\r\n200\r\n"),
        Err(HttpError::BodyTooLarge { limit: 1000 })
    );
}

#[test]
fn errors_stick() {
    let mut parser = ResponseParser::new();
    assert_eq!(
        parser.feed(b"garbage\r\n\r\n"),
        Err(HttpError::MalformedStatusLine)
    );
    assert_eq!(
        parser.feed(b"HTTP/1.1 200 OK\r\n\r\n"),
        Err(HttpError::MalformedStatusLine)
    );
    assert_eq!(parser.finish(), Err(HttpError::MalformedStatusLine));
    assert!(!parser.is_complete());
}
