//! Byte decoding (§13.2.3): BOMs, the transport charset, `<meta>` prescan, windows-1252,
//! and U+FFFD for invalid UTF-8.

use html::encoding::{decode, encoding_for_label, prescan, sniff, Encoding};

#[test]
fn utf8_bom_is_skipped() {
    assert_eq!(decode(b"\xEF\xBB\xBFhi", None), "hi");
    assert_eq!(
        sniff(b"\xEF\xBB\xBFhi", Some("windows-1252")),
        (Encoding::Utf8, 3)
    );
}

#[test]
fn utf16_boms() {
    assert_eq!(decode(b"\xFF\xFEh\0i\0", None), "hi");
    assert_eq!(decode(b"\xFE\xFF\0h\0i", None), "hi");
}

#[test]
fn invalid_utf8_becomes_replacement_characters() {
    // A lone continuation byte, a truncated sequence, an overlong encoding.
    assert_eq!(decode(b"a\x80b", None), "a\u{FFFD}b");
    assert_eq!(decode(b"a\xE2\x82", None), "a\u{FFFD}");
    assert_eq!(decode(b"\xC0\xAF", None), "\u{FFFD}\u{FFFD}");
}

#[test]
fn http_charset_selects_windows_1252() {
    assert_eq!(
        decode(b"caf\xE9 \x80 \x93q\x94", Some("ISO-8859-1")),
        "café € \u{201C}q\u{201D}"
    );
}

#[test]
fn meta_charset_is_found_by_prescan() {
    let page = b"<!-- <meta charset=utf-8> --><html><head><meta charset=\"windows-1252\"><title>caf\xE9</title>";
    assert_eq!(prescan(page), Some(Encoding::Windows1252));
    let document = html::parse_bytes(page, None, html::Options::default());
    assert!(document
        .text_content(html::dom::Document::ROOT)
        .contains("café"));
}

#[test]
fn meta_http_equiv_content_type() {
    let page = b"<meta http-equiv=Content-Type content='text/html; charset=latin1'>";
    assert_eq!(prescan(page), Some(Encoding::Windows1252));
    // Without the pragma, `content` alone does not count.
    assert_eq!(prescan(b"<meta content='text/html; charset=latin1'>"), None);
}

#[test]
fn meta_naming_utf16_means_utf8() {
    assert_eq!(prescan(b"<meta charset=utf-16>"), Some(Encoding::Utf8));
}

#[test]
fn default_is_utf8() {
    assert_eq!(sniff(b"<p>caf\xC3\xA9", None), (Encoding::Utf8, 0));
    assert_eq!(encoding_for_label(" Latin1 "), Some(Encoding::Windows1252));
    assert_eq!(encoding_for_label("shift_jis"), None);
}
