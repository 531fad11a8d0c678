//! The safe wrappers against the fake kernel: buffers, sizes, limits, error decoding.

use abi::{event, limits, Error, Event};
use gfx::{Bitmap, Color, Rect};
use sdk::fake;

#[test]
fn log_and_macro_reach_the_log() {
    fake::reset();
    sdk::log("plain line").unwrap();
    sdk::log!("formatted {} + {} = {}", 1, 2, 1 + 2);
    sdk::system::log_bytes(b"bad \xff byte").unwrap();
    let long = "x".repeat(limits::MAX_LOG_LINE + 10);
    sdk::log(&long).unwrap();
    let lines = fake::log_lines();
    assert_eq!(lines[0], "plain line");
    assert_eq!(lines[1], "formatted 1 + 2 = 3");
    assert_eq!(lines[2], "bad \u{fffd} byte");
    assert_eq!(lines[3].len(), limits::MAX_LOG_LINE);
}

#[test]
fn events_come_in_batches_and_in_order() {
    fake::reset();
    assert!(sdk::events().unwrap().is_empty());
    fake::with(|k| {
        for i in 0..150 {
            k.push_event(Event {
                kind: event::CHAR,
                code: 'a' as u32 + (i % 26),
                x: i as i32,
                y: -(i as i32),
                modifiers: 0,
            });
        }
    });
    let got = sdk::events().unwrap();
    assert_eq!(got.len(), 150);
    assert!(got
        .iter()
        .enumerate()
        .all(|(i, e)| e.x == i as i32 && e.y == -(i as i32)));
    assert!(sdk::events().unwrap().is_empty());
}

#[test]
fn a_flood_of_events_is_spread_over_frames() {
    fake::reset();
    fake::with(|k| {
        for _ in 0..5000 {
            k.push_event(Event::default());
        }
    });
    let first = sdk::events().unwrap().len();
    assert_eq!(first, 64 * 16);
    let mut total = first;
    while let Ok(batch) = sdk::events() {
        if batch.is_empty() {
            break;
        }
        total += batch.len();
    }
    assert_eq!(total, 5000);
}

#[test]
fn window_size_unpacks_both_halves() {
    fake::reset();
    fake::with(|k| k.window = (1920, 1080));
    assert_eq!(sdk::window_size().unwrap(), (1920, 1080));
    fake::with(|k| k.window = (0, 0));
    assert_eq!(sdk::window_size().unwrap(), (0, 0));
}

#[test]
fn present_checks_before_calling() {
    fake::reset();
    let bitmap = Bitmap::new(10, 5, Color::RED);
    sdk::present_bitmap(&bitmap, Rect::new(2, 1, 3, 2)).unwrap();
    // Damage is clipped to the image; empty damage presents nothing.
    sdk::present_bitmap(&bitmap, Rect::new(8, 3, 100, 100)).unwrap();
    sdk::present_bitmap(&bitmap, Rect::new(50, 50, 5, 5)).unwrap();
    fake::with(|k| {
        assert_eq!(k.presents.len(), 2);
        assert_eq!(k.presents[0].damage, Rect::new(2, 1, 3, 2));
        assert_eq!(k.presents[1].damage, Rect::new(8, 3, 2, 2));
        assert_eq!(k.presents[1].pixel(9, 4), Some(Color::RED.0));
    });
    let short = [0u32; 49];
    assert_eq!(
        sdk::present(&short, 10, 5, Rect::new(0, 0, 10, 5)),
        Err(Error::InvalidArgument)
    );
    let side = limits::MAX_SURFACE_SIDE + 1;
    assert_eq!(
        sdk::present(&[], side, 1, Rect::new(0, 0, 1, 1)),
        Err(Error::InvalidArgument)
    );
    assert_eq!(
        sdk::present(&[], 0, 0, Rect::new(0, 0, 1, 1)),
        Err(Error::InvalidArgument)
    );
}

#[test]
fn title_time_random() {
    fake::reset();
    sdk::set_title("Clock – 12:00").unwrap();
    assert_eq!(fake::with(|k| k.title.clone()), "Clock – 12:00");
    let (t0, w0) = (sdk::monotonic_us().unwrap(), sdk::wall_us().unwrap());
    sdk::yield_now().unwrap();
    assert_eq!(sdk::monotonic_us().unwrap() - t0, 16_667);
    assert_eq!(sdk::wall_us().unwrap() - w0, 16_667);
    assert_eq!(fake::with(|k| k.yields), 1);
    let mut a = [0u8; 13];
    let mut b = [0u8; 13];
    sdk::random_bytes(&mut a).unwrap();
    sdk::random_bytes(&mut b).unwrap();
    assert_ne!(a, b);
    assert_ne!(sdk::random_u64().unwrap(), sdk::random_u64().unwrap());
    sdk::random_bytes(&mut []).unwrap();
}

#[test]
fn stylesheet_and_clipboard_fetch_the_full_text() {
    fake::reset();
    let long = "accent = #112233\n".repeat(500);
    fake::with(|k| k.stylesheet = long.clone());
    assert_eq!(sdk::stylesheet_text().unwrap(), long);
    assert_eq!(sdk::clipboard_get().unwrap(), "");
    sdk::clipboard_set("héllo").unwrap();
    assert_eq!(sdk::clipboard_get().unwrap(), "héllo");
    let too_big = "a".repeat(limits::MAX_CLIPBOARD + 1);
    assert_eq!(sdk::clipboard_set(&too_big), Err(Error::Limit));
    // Invalid UTF-8 put there by someone else comes back replaced, not as an error.
    fake::with(|k| k.clipboard = b"ok \xc3".to_vec());
    assert_eq!(sdk::clipboard_get().unwrap(), "ok \u{fffd}");
}

#[test]
fn results_decode_known_and_unknown_errors() {
    use sdk::system::check;
    assert_eq!(check(0), Ok(0));
    assert_eq!(check(i32::MAX), Ok(i32::MAX as u32));
    assert_eq!(check(-4), Err(Error::WouldBlock));
    assert_eq!(check(-12), Err(Error::NotConnected));
    assert_eq!(check(-99), Err(Error::NotSupported));
    assert_eq!(check(i32::MIN), Err(Error::NotSupported));
}

#[test]
fn raw_stand_ins_answer_not_supported_on_the_host() {
    // SAFETY: the host stand-ins touch no memory.
    let result = unsafe { sdk::raw::log(0, 1) };
    assert_eq!(result, Error::NotSupported.code());
}

#[test]
fn config_get_answers_allowed_settings_only() {
    fake::reset();
    assert_eq!(sdk::config_get("opt/os/ca"), Err(Error::NotFound));
    let pem = "-----BEGIN CERTIFICATE-----\n".repeat(500);
    fake::with(|k| {
        k.config
            .insert("opt/os/ca".into(), pem.clone().into_bytes());
        k.config
            .insert("opt/os/autostart".into(), b"secret".to_vec());
    });
    assert_eq!(sdk::config_get("opt/os/ca").unwrap(), pem.as_bytes());
    assert_eq!(sdk::config_get("opt/os/autostart"), Err(Error::NotFound));
}
