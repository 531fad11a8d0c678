//! `Url::parse` and `Url::from_user_input`, table-driven (WHATWG URL Standard behaviour
//! for the `http`/`https` subset).

use browser::url::{Scheme, Url};

/// Each input and the URL it must print as.
const PARSE_OK: &[(&str, &str)] = &[
    ("http://Example.ORG", "http://example.org/"),
    ("HTTP://EXAMPLE.org/A", "http://example.org/A"),
    ("https://example.org:443/a", "https://example.org/a"),
    ("http://example.org:80/", "http://example.org/"),
    ("http://example.org:443/", "http://example.org:443/"),
    ("https://example.org:80/", "https://example.org:80/"),
    ("http://example.org:/", "http://example.org/"),
    ("http://example.org:0008080/", "http://example.org:8080/"),
    (
        "http://example.org:8080/a?b=c#frag",
        "http://example.org:8080/a?b=c#frag",
    ),
    ("http://example.org?q", "http://example.org/?q"),
    ("http://example.org#f", "http://example.org/#f"),
    ("http://example.org/?", "http://example.org/?"),
    ("http://user:pass@example.org/x", "http://example.org/x"),
    ("http://a@b@example.org/", "http://example.org/"),
    ("  http://example.org/  ", "http://example.org/"),
    ("http://ex\tam\nple.org/p\ra", "http://example.org/pa"),
    ("http:\\\\example.org\\a\\b", "http://example.org/a/b"),
    ("http:example.org/a", "http://example.org/a"),
    ("http:///example.org/a", "http://example.org/a"),
    (
        "http://example.org/a b/\u{fc}",
        "http://example.org/a%20b/%C3%BC",
    ),
    ("http://example.org/%41%zz", "http://example.org/%41%zz"),
    (
        "http://example.org/a\"<>`{}",
        "http://example.org/a%22%3C%3E%60%7B%7D",
    ),
    (
        "http://example.org/?q=a b'\u{e9}",
        "http://example.org/?q=a%20b%27%C3%A9",
    ),
    ("http://example.org/#a b`", "http://example.org/#a%20b%60"),
    ("http://example.org/a/./b/../c", "http://example.org/a/c"),
    (
        "http://example.org/a/%2e/b/%2E%2e/c",
        "http://example.org/a/c",
    ),
    ("http://example.org/a/..", "http://example.org/"),
    ("http://example.org/../../x", "http://example.org/x"),
    ("http://example.org/a/b/.", "http://example.org/a/b/"),
    (
        "http://example.org//double//",
        "http://example.org//double//",
    ),
    ("http://127.0.0.1:8000/", "http://127.0.0.1:8000/"),
    ("http://0x7f.1/", "http://127.0.0.1/"),
    ("http://2130706433/", "http://127.0.0.1/"),
    ("http://0177.0.0.01/", "http://127.0.0.1/"),
    ("http://10.0.2.2./", "http://10.0.2.2/"),
    ("http://Ex%41mple.org/", "http://example.org/"),
];

#[test]
fn parse_gives_canonical_urls() {
    for &(input, expected) in PARSE_OK {
        match Url::parse(input) {
            Ok(url) => assert_eq!(url.to_string(), expected, "parsing {input:?}"),
            Err(e) => panic!("parsing {input:?} failed: {e}"),
        }
    }
}

#[test]
fn parse_fills_every_part() {
    let url = Url::parse("https://Sub.Example.org:8443/a/b?x=1#top").unwrap();
    assert_eq!(url.scheme, Scheme::Https);
    assert_eq!(url.host, "sub.example.org");
    assert_eq!(url.port, 8443);
    assert_eq!(url.path, "/a/b?x=1");
    assert_eq!(url.fragment.as_deref(), Some("top"));
    assert!(!url.default_port());
    assert_eq!(url.host_header(), "sub.example.org:8443");
    assert_eq!(
        url.without_fragment().to_string(),
        "https://sub.example.org:8443/a/b?x=1"
    );

    let plain = Url::parse("http://example.org").unwrap();
    assert_eq!(
        (plain.port, plain.path.as_str(), plain.fragment.clone()),
        (80, "/", None)
    );
    assert!(plain.default_port());
    assert_eq!(plain.host_header(), "example.org");
}

/// Each bad input and a piece of the message it must give.
const PARSE_ERR: &[(&str, &str)] = &[
    ("ftp://example.org/", "unsupported scheme ftp"),
    ("FILE:///etc/passwd", "unsupported scheme file"),
    ("javascript:alert(1)", "unsupported scheme javascript"),
    ("example.org", "not an absolute URL"),
    ("/just/a/path", "not an absolute URL"),
    ("", "not an absolute URL"),
    ("http://", "empty host"),
    ("http://:8080/", "empty host"),
    ("http://user@/", "empty host"),
    ("http://example.org:99999/", "out of range"),
    ("http://example.org:8a/", "invalid port"),
    ("http://256.0.0.1/", "invalid IPv4 address"),
    ("http://1.2.3.4.5/", "invalid IPv4 address"),
    ("http://1.2.0x100000000/", "invalid IPv4 address"),
    ("http://09.1.1.1/", "invalid IPv4 address"),
    ("http://[::1]/", "IPv6"),
    ("http://exa mple.org/", "invalid character"),
    ("http://exa%20mple.org/", "invalid character"),
    ("http://ex<am>ple.org/", "invalid character"),
    ("http://b\u{fc}cher.de/", "international"),
    ("http://%ff/", "invalid host"),
];

#[test]
fn parse_rejects_with_a_reason() {
    for &(input, reason) in PARSE_ERR {
        match Url::parse(input) {
            Ok(url) => panic!("{input:?} parsed as {url}"),
            Err(e) => assert!(
                e.message().contains(reason),
                "{input:?}: got {:?}, want {reason:?}",
                e.message()
            ),
        }
    }
}

const USER_INPUT: &[(&str, &str)] = &[
    ("example.org", "http://example.org/"),
    ("  Example.org  ", "http://example.org/"),
    ("10.0.2.2:8000/a", "http://10.0.2.2:8000/a"),
    ("localhost:8000", "http://localhost:8000/"),
    ("localhost:8000?x", "http://localhost:8000/?x"),
    ("example.org/a b?q#f", "http://example.org/a%20b?q#f"),
    ("https://example.org", "https://example.org/"),
    ("HTTPS://EXAMPLE.ORG/X", "https://example.org/X"),
    ("http://example.org:8080", "http://example.org:8080/"),
    ("example.org/a:b", "http://example.org/a:b"),
];

#[test]
fn user_input_gets_http_added() {
    for &(input, expected) in USER_INPUT {
        match Url::from_user_input(input) {
            Ok(url) => assert_eq!(url.to_string(), expected, "typed {input:?}"),
            Err(e) => panic!("typed {input:?} failed: {e}"),
        }
    }
}

#[test]
fn user_input_errors() {
    for (input, reason) in [
        ("", "empty address"),
        ("   ", "empty address"),
        ("ftp://example.org", "unsupported scheme ftp"),
        ("about:blank", "unsupported scheme about"),
        ("two words", "invalid character"),
        ("localhost:99999", "out of range"),
    ] {
        match Url::from_user_input(input) {
            Ok(url) => panic!("{input:?} gave {url}"),
            Err(e) => assert!(
                e.message().contains(reason),
                "{input:?}: {e} lacks {reason:?}"
            ),
        }
    }
}

#[test]
fn printing_and_parsing_round_trip() {
    for &(_, printed) in PARSE_OK.iter().chain(USER_INPUT) {
        let again = Url::parse(printed).unwrap();
        assert_eq!(again.to_string(), printed);
    }
}
