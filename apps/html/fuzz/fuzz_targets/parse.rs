//! Any bytes: sniff the encoding, decode, parse a document, dump it. Must not panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let scripting = data.first().is_some_and(|b| b & 1 == 1);
    let document = html::parse_bytes(data, None, html::Options { scripting });
    let _ = html::dump::dump_children(&document, html::dom::Document::ROOT);
});
