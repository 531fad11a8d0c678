#![no_main]
//! DNS message parser: compression pointers, loops and lying lengths must be errors, not
//! panics or hangs. Names it returns must be writable again.
use libfuzzer_sys::fuzz_target;
use net::wire::dns::{read_name, write_name, DnsMessage};

fuzz_target!(|data: &[u8]| {
    if let Ok(msg) = DnsMessage::parse(data) {
        for r in &msg.answers {
            let mut out = Vec::new();
            let _ = write_name(&mut out, &r.name);
        }
    }
    for start in 0..data.len().min(64) {
        let _ = read_name(data, start);
    }
});
