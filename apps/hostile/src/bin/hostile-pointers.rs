//! hostile-pointers: every system call with buffers the kernel must refuse.
//!
//! For each hostile `(ptr, len)` pair of [`hostile::bad_buffers`] (past the end of memory,
//! straddling it, wrapping past 4 GiB, negative) it calls every `sys` function that takes a
//! buffer, then the calls without buffers with out-of-range integers (ports, handles,
//! image sizes whose product overflows, damage rectangles outside the image). Each result is
//! logged; then "hostile-pointers: done" and the app yields for ever.
//!
//! To make sure a buggy kernel that accepted a straddling buffer would scribble on memory
//! this program does not use, the allocator is given room first and then the last page is
//! grown by hand: the end of memory is this program's scratch page.
#![allow(unsafe_code)]

use hostile::{bad_buffers, describe, memory_bytes, say, yield_forever, BadBuffer};
use sdk::raw;

/// Counts results as they are logged.
#[derive(Default)]
struct Tally {
    calls: u32,
    refused: u32,
}

impl Tally {
    fn report(&mut self, call: &str, args: &str, what: &str, result: i64) {
        self.calls += 1;
        if result < 0 {
            self.refused += 1;
        }
        say(&format!(
            "hostile-pointers: {call}({args}) [{what}] -> {}",
            describe(result)
        ));
    }
}

/// Grows memory by one page and returns its address: memory nothing else uses.
fn scratch_page() -> i32 {
    // Let the allocator claim its room first, so it does not grow into the page after us.
    drop(Vec::<u8>::with_capacity(1 << 20));
    #[cfg(target_arch = "wasm32")]
    {
        let page = core::arch::wasm32::memory_grow(0, 1);
        if page != usize::MAX {
            return (page as u64 * hostile::PAGE) as i32;
        }
    }
    0
}

fn main() {
    say("hostile-pointers: start");
    let scratch = scratch_page();
    let end = memory_bytes();
    say(&format!(
        "hostile-pointers: memory is {end} bytes, scratch page at {scratch:#x}"
    ));
    let mut t = Tally::default();
    let name = b"example.com";
    // SAFETY: these read only `name`, or touch no memory.
    let (tcp, udp, query) = unsafe {
        (
            raw::tcp_connect(0x0a00_0202, 80),
            raw::udp_bind(0),
            raw::dns_resolve(name.as_ptr() as usize as i32, name.len() as i32),
        )
    };
    t.report(
        "tcp_connect",
        "10.0.2.2, 80",
        "a real socket to abuse",
        tcp as i64,
    );
    t.report("udp_bind", "0", "a real socket to abuse", udp as i64);
    t.report(
        "dns_resolve",
        "example.com",
        "a real query to abuse",
        query as i64,
    );

    for b in bad_buffers(end) {
        buffer_calls(&mut t, &b, [tcp, udp, query], scratch, end);
    }
    integer_calls(&mut t, scratch, end);
    say(&format!(
        "hostile-pointers: done ({} calls, {} refused)",
        t.calls, t.refused
    ));
    yield_forever();
}

/// Every call that takes a buffer, with the hostile buffer `b`.
fn buffer_calls(t: &mut Tally, b: &BadBuffer, sockets: [i32; 3], scratch: i32, end: u64) {
    let [tcp, udp, query] = sockets;
    let (p, l) = (b.ptr, b.len);
    let args = format!("{p:#x}, {l}");
    let w = b.what;
    // SAFETY: each buffer lies outside this module's memory (or is empty, or is the scratch
    // page nothing else uses), so even a kernel that wrongly accepted one could not overwrite
    // data this program relies on.
    unsafe {
        t.report("log", &args, w, raw::log(p, l) as i64);
        t.report("set_title", &args, w, raw::set_title(p, l) as i64);
        t.report("random", &args, w, raw::random(p, l) as i64);
        t.report("stylesheet", &args, w, raw::stylesheet(p, l) as i64);
        t.report("clipboard_get", &args, w, raw::clipboard_get(p, l) as i64);
        t.report("clipboard_set", &args, w, raw::clipboard_set(p, l) as i64);
        t.report("dns_resolve", &args, w, raw::dns_resolve(p, l) as i64);
        t.report("events", &args, w, raw::events(p, l) as i64);
        // With a sensible size too, when the pointer alone is what is wrong.
        if p as u32 as u64 + 20 > end {
            t.report("events", &format!("{p:#x}, 1"), w, raw::events(p, 1) as i64);
            let r = raw::present(p, 16, 16, 0, 0, 16, 16);
            t.report("present", &format!("{p:#x}, 16x16"), w, r as i64);
        }
        let r = raw::tcp_send(tcp, p, l);
        t.report("tcp_send", &format!("{tcp}, {args}"), w, r as i64);
        let r = raw::tcp_recv(tcp, p, l);
        t.report("tcp_recv", &format!("{tcp}, {args}"), w, r as i64);
        let r = raw::udp_send(udp, 0x0a00_0202, 53, p, l);
        t.report("udp_send", &format!("{udp}, {args}"), w, r as i64);
        let r = raw::udp_recv(udp, p, l, scratch);
        t.report("udp_recv", &format!("{udp}, {args}, from ok"), w, r as i64);
        let r = raw::udp_recv(udp, scratch, 16, p);
        t.report(
            "udp_recv",
            &format!("{udp}, buf ok, from {p:#x}"),
            w,
            r as i64,
        );
        let r = raw::dns_result(query, p, l);
        t.report("dns_result", &format!("{query}, {args}"), w, r as i64);
    }
}

/// The calls without buffers (or with a valid one) and out-of-range integers.
fn integer_calls(t: &mut Tally, scratch: i32, end: u64) {
    let last_event = (end as i64 - 20) as u32 as i32;
    // SAFETY: the only buffers passed are the scratch page (16 KiB pixels = 128 x 128, or
    // 64 KiB bytes) and ranges that leave memory; nothing this program uses can be touched.
    unsafe {
        let presents: [(&str, [i32; 6]); 9] = [
            ("width x height overflows u32", [65_536, 65_536, 0, 0, 1, 1]),
            ("image larger than memory", [4096, 4096, 0, 0, 16, 16]),
            ("image larger than MAX_SURFACE_SIDE", [8192, 1, 0, 0, 1, 1]),
            (
                "damage starts left of and above the image",
                [16, 16, -5, -5, 10, 10],
            ),
            ("damage x + w overflows", [16, 16, i32::MAX - 1, 0, 10, 10]),
            ("negative damage size", [16, 16, 0, 0, -1, -1]),
            ("zero-sized image", [0, 0, 0, 0, 0, 0]),
            ("negative image size", [-1, -1, 0, 0, 1, 1]),
            ("damage wider than the image", [16, 16, 0, 0, 17, 1]),
        ];
        for (what, [w, h, x, y, dw, dh]) in presents {
            let r = raw::present(scratch, w, h, x, y, dw, dh);
            let args = format!("scratch, {w}, {h}, {x}, {y}, {dw}, {dh}");
            t.report("present", &args, what, r as i64);
        }
        let huge = 0x0ccc_cccd; // x 20 bytes wraps to 4 in u32
        let r = raw::events(last_event, huge);
        let what = "max x 20 wraps u32";
        t.report("events", &format!("end-20, {huge:#x}"), what, r as i64);
        let r = raw::events(scratch, -1);
        t.report("events", "scratch, -1", "negative max", r as i64);
        for (ip, port) in [(0x0a00_0202, -1), (0x0a00_0202, 65_536), (-1, 80), (0, 0)] {
            let r = raw::tcp_connect(ip, port);
            t.report(
                "tcp_connect",
                &format!("{ip:#x}, {port}"),
                "bad port or ip",
                r as i64,
            );
        }
        for port in [-1, 65_536, i32::MIN] {
            let r = raw::udp_bind(port);
            t.report("udp_bind", &port.to_string(), "port out of range", r as i64);
        }
        for handle in [-1, 0, i32::MAX, i32::MIN] {
            let h = handle.to_string();
            t.report("tcp_state", &h, "bad handle", raw::tcp_state(handle) as i64);
            t.report("tcp_close", &h, "bad handle", raw::tcp_close(handle) as i64);
            t.report(
                "socket_close",
                &h,
                "bad handle",
                raw::socket_close(handle) as i64,
            );
            let r = raw::tcp_send(handle, scratch, 16);
            t.report("tcp_send", &h, "bad handle", r as i64);
            let r = raw::udp_send(handle, 0x0a00_0202, 53, scratch, 16);
            t.report("udp_send", &h, "bad handle", r as i64);
            let r = raw::dns_result(handle, scratch, 4);
            t.report("dns_result", &h, "bad handle", r as i64);
        }
        let r = raw::dns_result(1, scratch, -1);
        t.report("dns_result", "1, scratch, -1", "negative max", r as i64);
        t.report("window_size", "", "no arguments", raw::window_size());
        t.report("time_monotonic", "", "no arguments", raw::time_monotonic());
        t.report("time_wall", "", "no arguments", raw::time_wall());
    }
}
