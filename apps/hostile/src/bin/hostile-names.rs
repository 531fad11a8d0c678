//! hostile-names: invalid UTF-8 (and other awkward text) wherever the kernel takes text.
//!
//! Each sample goes to `log`, `set_title`, `dns_resolve` and `clipboard_set`; the results are
//! logged (in valid UTF-8). The kernel may replace bad bytes (the log does) or refuse with an
//! error; it must not panic or store text that is not UTF-8. Then the app yields for ever.
#![allow(unsafe_code)]

use hostile::{describe, say, yield_forever};
use sdk::raw;

/// Awkward texts and what is wrong with them.
fn samples() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("lone 0xff", b"\xff".to_vec()),
        ("truncated 2-byte sequence", b"abc\xc3".to_vec()),
        ("overlong encoding of '/'", b"\xc0\xaf".to_vec()),
        ("UTF-16 surrogate", b"\xed\xa0\x80".to_vec()),
        ("above U+10FFFF", b"\xf4\x90\x80\x80".to_vec()),
        ("stray continuation bytes", b"\x80\x80\x80".to_vec()),
        ("NUL in the middle", b"a\0b".to_vec()),
        (
            "newlines and escapes",
            b"line1\nline2\r\x1b[31mred".to_vec(),
        ),
        ("empty", Vec::new()),
        ("200 KiB of 0xfe", vec![0xfe; 200 * 1024]),
        ("host name with a dot run", b"a..b...".to_vec()),
        ("300-byte host label", vec![b'a'; 300]),
    ]
}

fn main() {
    say("hostile-names: start");
    for (what, bytes) in samples() {
        let (p, l) = (bytes.as_ptr() as usize as i32, bytes.len() as i32);
        // SAFETY: these calls only read `bytes`, which lives until the end of the loop body.
        let results = unsafe {
            [
                ("log", raw::log(p, l)),
                ("set_title", raw::set_title(p, l)),
                ("dns_resolve", raw::dns_resolve(p, l)),
                ("clipboard_set", raw::clipboard_set(p, l)),
            ]
        };
        for (call, result) in results {
            say(&format!(
                "hostile-names: {call} [{what}] -> {}",
                describe(result as i64)
            ));
        }
    }
    // Read back what the clipboard holds now: it must be valid UTF-8.
    match sdk::clipboard_get() {
        Ok(text) => say(&format!(
            "hostile-names: clipboard holds {} bytes",
            text.len()
        )),
        Err(e) => say(&format!("hostile-names: clipboard_get -> {}", e.message())),
    }
    let _ = sdk::set_title("hostile-names");
    say("hostile-names: done");
    yield_forever();
}
