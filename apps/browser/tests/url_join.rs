//! `Url::join`: RFC 3986 §5.4 reference resolution examples with base
//! `http://a/b/c/d;p?q`, plus the special-scheme details of the URL Standard.

use browser::url::Url;

const BASE: &str = "http://a/b/c/d;p?q";

/// RFC 3986 §5.4.1 normal examples. "g:h" is left out (an unsupported scheme, tested
/// below); "//g" prints with the root path "/" as the URL Standard does.
const NORMAL: &[(&str, &str)] = &[
    ("g", "http://a/b/c/g"),
    ("./g", "http://a/b/c/g"),
    ("g/", "http://a/b/c/g/"),
    ("/g", "http://a/g"),
    ("//g", "http://g/"),
    ("?y", "http://a/b/c/d;p?y"),
    ("g?y", "http://a/b/c/g?y"),
    ("#s", "http://a/b/c/d;p?q#s"),
    ("g#s", "http://a/b/c/g#s"),
    ("g?y#s", "http://a/b/c/g?y#s"),
    (";x", "http://a/b/c/;x"),
    ("g;x", "http://a/b/c/g;x"),
    ("g;x?y#s", "http://a/b/c/g;x?y#s"),
    ("", "http://a/b/c/d;p?q"),
    (".", "http://a/b/c/"),
    ("./", "http://a/b/c/"),
    ("..", "http://a/b/"),
    ("../", "http://a/b/"),
    ("../g", "http://a/b/g"),
    ("../..", "http://a/"),
    ("../../", "http://a/"),
    ("../../g", "http://a/g"),
];

/// RFC 3986 §5.4.2 abnormal examples; "http:g" takes the backward-compatible reading,
/// which is what the URL Standard does.
const ABNORMAL: &[(&str, &str)] = &[
    ("../../../g", "http://a/g"),
    ("../../../../g", "http://a/g"),
    ("/./g", "http://a/g"),
    ("/../g", "http://a/g"),
    ("g.", "http://a/b/c/g."),
    (".g", "http://a/b/c/.g"),
    ("g..", "http://a/b/c/g.."),
    ("..g", "http://a/b/c/..g"),
    ("./../g", "http://a/b/g"),
    ("./g/.", "http://a/b/c/g/"),
    ("g/./h", "http://a/b/c/g/h"),
    ("g/../h", "http://a/b/c/h"),
    ("g;x=1/./y", "http://a/b/c/g;x=1/y"),
    ("g;x=1/../y", "http://a/b/c/y"),
    ("g?y/./x", "http://a/b/c/g?y/./x"),
    ("g?y/../x", "http://a/b/c/g?y/../x"),
    ("g#s/./x", "http://a/b/c/g#s/./x"),
    ("g#s/../x", "http://a/b/c/g#s/../x"),
    ("http:g", "http://a/b/c/g"),
];

/// What the URL Standard adds for http(s) links found in real pages.
const EXTRA: &[(&str, &str)] = &[
    ("https://other.example/x", "https://other.example/x"),
    ("HTTP://A/B", "http://a/B"),
    ("https:g", "https://g/"),
    ("//other:8080/p?z", "http://other:8080/p?z"),
    ("\\g", "http://a/g"),
    ("\\\\h\\x", "http://h/x"),
    ("  g  ", "http://a/b/c/g"),
    ("g h", "http://a/b/c/g%20h"),
    ("caf\u{e9}", "http://a/b/c/caf%C3%A9"),
    ("?", "http://a/b/c/d;p?"),
    ("#", "http://a/b/c/d;p?q#"),
    ("g\n/x", "http://a/b/c/g/x"),
    ("%2e%2E/g", "http://a/b/g"),
];

fn check(table: &[(&str, &str)]) {
    let base = Url::parse(BASE).unwrap();
    for &(reference, expected) in table {
        match base.join(reference) {
            Ok(url) => assert_eq!(url.to_string(), expected, "resolving {reference:?}"),
            Err(e) => panic!("resolving {reference:?} failed: {e}"),
        }
    }
}

#[test]
fn rfc3986_normal_examples() {
    check(NORMAL);
}

#[test]
fn rfc3986_abnormal_examples() {
    check(ABNORMAL);
}

#[test]
fn special_scheme_details() {
    check(EXTRA);
}

#[test]
fn base_with_port_and_https_keeps_them() {
    let base = Url::parse("https://h:8443/dir/page#top").unwrap();
    assert_eq!(base.join("x").unwrap().to_string(), "https://h:8443/dir/x");
    assert_eq!(base.join("//g/").unwrap().to_string(), "https://g/");
    assert_eq!(
        base.join("").unwrap().to_string(),
        "https://h:8443/dir/page"
    );
    assert_eq!(
        base.join("#other").unwrap().to_string(),
        "https://h:8443/dir/page#other"
    );
}

#[test]
fn unusable_references_are_errors() {
    let base = Url::parse(BASE).unwrap();
    for (reference, reason) in [
        ("g:h", "unsupported scheme g"),
        ("mailto:someone@example.org", "unsupported scheme mailto"),
        ("javascript:void(0)", "unsupported scheme javascript"),
        ("//", "empty host"),
        ("http://[::1]/", "IPv6"),
    ] {
        match base.join(reference) {
            Ok(url) => panic!("{reference:?} resolved to {url}"),
            Err(e) => assert!(
                e.message().contains(reason),
                "{reference:?}: {e} lacks {reason:?}"
            ),
        }
    }
}
