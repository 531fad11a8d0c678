//! Calendar arithmetic, the stopwatch, the layout and the app driven through the fake kernel.

use clock::calendar::{civil_from_days, DateTime};
use clock::face::hand_angles;
use clock::stopwatch::{format, Stopwatch};
use clock::{layout, Clock};
use sdk::abi::{event, Event};
use sdk::fake;
use sdk::gfx::{Color, Rect};
use sdk::Runner;
use std::f32::consts::TAU;

#[test]
fn known_dates() {
    let at = |s: u64| DateTime::from_unix_micros(s * 1_000_000);
    let epoch = at(0);
    assert_eq!((epoch.year, epoch.month, epoch.day), (1970, 1, 1));
    assert_eq!(epoch.date_text(), "Thursday 1 January 1970");
    let leap = at(951_782_400); // 2000-02-29
    assert_eq!(
        (leap.year, leap.month, leap.day, leap.weekday),
        (2000, 2, 29, 1)
    );
    let t = at(1_709_210_096);
    assert_eq!(t.time_text(), "12:34:56");
    assert_eq!(t.date_text(), "Thursday 29 February 2024");
    let end = at(4_102_444_799); // 2099-12-31 23:59:59
    assert_eq!((end.year, end.month, end.day), (2099, 12, 31));
    assert_eq!(end.time_text(), "23:59:59");
    assert_eq!(at(1_764_000_000).date_text(), "Monday 24 November 2025");
    let far = DateTime::from_unix_micros(u64::MAX);
    assert!(far.year > 500_000 && (1..=12).contains(&far.month));
}

#[test]
fn every_day_follows_the_previous_one() {
    // Walk 1600-01-01 .. 2500: days and months advance by one, years roll over on 1 January.
    let mut previous = civil_from_days(-135_140);
    assert_eq!(previous, (1600, 1, 1));
    for days in -135_139..193_000 {
        let (y, m, d) = civil_from_days(days);
        let next_day = (y, m, d) == (previous.0, previous.1, previous.2 + 1);
        let next_month = d == 1 && ((y, m) == (previous.0, previous.1 + 1));
        let next_year = (y, m, d) == (previous.0 + 1, 1, 1) && previous.1 == 12;
        assert!(
            next_day || next_month || next_year,
            "{previous:?} -> {:?}",
            (y, m, d)
        );
        if m == 2 && d == 29 {
            assert!(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
        }
        previous = (y, m, d);
    }
}

#[test]
fn hands_point_where_a_dial_says() {
    let t = DateTime::from_unix_micros((3 * 3600 + 30 * 60) * 1_000_000); // 03:30:00
    let (h, m, s) = hand_angles(&t);
    assert!((h - TAU * 3.5 / 12.0).abs() < 1e-5);
    assert!((m - TAU / 2.0).abs() < 1e-5);
    assert_eq!(s, 0.0);
}

#[test]
fn stopwatch_banks_runs() {
    let mut w = Stopwatch::default();
    assert_eq!(w.elapsed(1_000), 0);
    w.start(1_000);
    assert_eq!(w.elapsed(1_500_000), 1_499_000);
    w.stop(2_000_000);
    assert_eq!(w.elapsed(9_000_000), 1_999_000);
    w.toggle(10_000_000);
    assert!(w.is_running());
    assert_eq!(w.elapsed(10_500_000), 2_499_000);
    w.reset(11_000_000);
    assert_eq!(w.elapsed(11_250_000), 250_000);
    w.stop(11_250_000);
    w.reset(12_000_000);
    assert_eq!(w.elapsed(20_000_000), 0);
    assert_eq!(format(0), "00:00.00");
    assert_eq!(format(61_234_567), "01:01.23");
    assert_eq!(format(6_000_000_000 + 990_000), "100:00.99");
}

#[test]
fn layouts_fit_every_window() {
    for (w, h) in [
        (0, 0),
        (1, 1),
        (40, 900),
        (900, 40),
        (320, 480),
        (800, 450),
        (4096, 4096),
    ] {
        let bounds = Rect::new(0, 0, w, h);
        let l = layout(bounds);
        for part in [l.face, l.time, l.date, l.chrono, l.start, l.reset] {
            assert!(part.w >= 0 && part.h >= 0);
        }
    }
    let portrait = layout(Rect::new(0, 0, 320, 480));
    assert!(portrait.face.bottom() <= portrait.time.y);
    assert!(portrait.start.right() <= portrait.reset.x);
    let landscape = layout(Rect::new(0, 0, 800, 450));
    assert!(landscape.face.right() <= landscape.time.x);
    assert_eq!(landscape.face.w, landscape.face.h);
}

fn click_at(r: Rect) {
    let (x, y) = (r.x + r.w / 2, r.y + r.h / 2);
    let e = |kind| Event {
        kind,
        code: 0,
        x,
        y,
        modifiers: 0,
    };
    fake::with(|k| {
        k.push_event(e(event::POINTER_MOVE));
        k.push_event(e(event::BUTTON_DOWN));
        k.push_event(e(event::BUTTON_UP));
    });
}

#[test]
fn buttons_start_stop_and_reset_the_chronometer() {
    fake::reset();
    fake::with(|k| k.window = (360, 520));
    let parts = layout(Rect::new(0, 0, 360, 520));
    let mut app = Clock::new();
    let mut runner = Runner::new();
    assert!(runner.step(&mut app).presented.is_some());
    // Idle: no present until the wall clock reaches the next second.
    assert!(runner.step(&mut app).presented.is_none());
    click_at(parts.start);
    runner.step(&mut app);
    assert!(app.stopwatch().is_running());
    for _ in 0..60 {
        assert!(runner.step(&mut app).presented.is_some());
    }
    click_at(parts.start);
    runner.step(&mut app);
    assert!(!app.stopwatch().is_running());
    let now = sdk::monotonic_us().unwrap();
    let measured = app.stopwatch().elapsed(now);
    assert!((1_000_000..1_100_000).contains(&measured), "{measured}");
    click_at(parts.reset);
    runner.step(&mut app);
    assert_eq!(app.stopwatch().elapsed(now), 0);
}

#[test]
fn the_face_and_text_are_drawn() {
    fake::reset();
    fake::with(|k| k.window = (300, 400));
    let mut app = Clock::new();
    let mut runner = Runner::new();
    runner.step(&mut app);
    let frame = fake::with(|k| k.last_present().cloned()).unwrap();
    let parts = layout(Rect::new(0, 0, 300, 400));
    let c = parts.face.center();
    // The centre cap is the accent colour; the dial around it is the surface colour.
    let accent = sdk::gfx::uitk::Palette::LIGHT.accent;
    assert_eq!(frame.pixel(c.x as u32, c.y as u32), Some(accent.0));
    let dark_text = |r: Rect| {
        (r.y..r.bottom())
            .flat_map(|y| (r.x..r.right()).map(move |x| (x, y)))
            .filter(|&(x, y)| Color(frame.pixel(x as u32, y as u32).unwrap_or(0)).r() < 100)
            .count()
    };
    assert!(dark_text(parts.time) > 50);
    assert!(dark_text(parts.chrono) > 50);
    assert!(dark_text(parts.start) > 10);
}

/// With `APPS_SNAPSHOT_DIR` set, saves frames as PPM images to look at.
#[test]
fn snapshots_on_request() {
    let Ok(dir) = std::env::var("APPS_SNAPSHOT_DIR") else {
        return;
    };
    for (w, h) in [(320, 480), (640, 300)] {
        fake::reset();
        fake::with(|k| k.window = (w, h));
        let mut app = Clock::new();
        let mut runner = Runner::new();
        runner.step(&mut app);
        let frame = fake::with(|k| k.last_present().cloned()).unwrap();
        std::fs::write(format!("{dir}/clock-{w}x{h}.ppm"), frame.to_ppm()).unwrap();
    }
}

#[test]
fn a_resize_stretches_the_old_dial_then_redraws_it() {
    fake::reset();
    fake::with(|k| k.window = (300, 400));
    let mut app = Clock::new();
    let mut runner = Runner::new();
    runner.step(&mut app);
    fake::with(|k| k.resize(360, 480));
    assert!(runner.step(&mut app).resized);
    // The size held for a frame: the dial is drawn properly, the whole window presented.
    let settled = runner.step(&mut app);
    assert_eq!(settled.presented, Some(Rect::new(0, 0, 360, 480)));
    // And after that, nothing until the next second.
    assert_eq!(runner.step(&mut app).presented, None);
}
