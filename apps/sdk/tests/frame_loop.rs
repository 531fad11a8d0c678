//! The frame loop: resize handling, damage, skipped presents, input summary, exit.

use abi::{event, Event};
use gfx::{Color, Rect};
use sdk::{fake, App, Frame, Runner};

/// Paints the window once per resize and a 4x4 square wherever the pointer is pressed.
#[derive(Default)]
struct Painter {
    frames: u32,
    resizes: u32,
    last_size: (u32, u32),
    clicks: u32,
}

impl App for Painter {
    fn update(&mut self, frame: &mut Frame) {
        self.frames += 1;
        self.last_size = frame.size();
        if frame.resized() {
            self.resizes += 1;
            frame.surface().clear(Color::WHITE);
        }
        let input = frame.input();
        if input.pressed {
            self.clicks += 1;
            let r = Rect::new(input.mouse.x, input.mouse.y, 4, 4);
            frame.surface().fill_rect(r, Color::RED);
            frame.damage(r);
        }
        if frame.interrupted() {
            frame.exit();
        }
    }
}

fn click(x: i32, y: i32) -> [Event; 2] {
    let e = |kind| Event {
        kind,
        code: 0,
        x,
        y,
        modifiers: 0,
    };
    [e(event::BUTTON_DOWN), e(event::BUTTON_UP)]
}

#[test]
fn first_frame_presents_everything_then_only_damage() {
    fake::reset();
    fake::with(|k| k.window = (64, 48));
    let mut app = Painter::default();
    let mut runner = Runner::new();
    let report = runner.step(&mut app);
    assert!(report.resized);
    assert_eq!(report.presented, Some(Rect::new(0, 0, 64, 48)));
    // Nothing happens: nothing is presented, but the loop still yields.
    let report = runner.step(&mut app);
    assert_eq!(report.presented, None);
    assert_eq!(fake::with(|k| (k.presents.len(), k.yields)), (1, 2));
    // A click damages only the square.
    fake::with(|k| click(10, 20).into_iter().for_each(|e| k.push_event(e)));
    let report = runner.step(&mut app);
    assert_eq!(report.presented, Some(Rect::new(10, 20, 4, 4)));
    let last = fake::with(|k| k.last_present().cloned()).unwrap();
    assert_eq!(last.pixel(11, 21), Some(Color::RED.0));
    assert_eq!(last.pixel(0, 0), Some(Color::WHITE.0));
    assert_eq!(app.clicks, 1);
}

#[test]
fn resizing_reallocates_and_repaints() {
    fake::reset();
    fake::with(|k| k.window = (32, 32));
    let mut app = Painter::default();
    let mut runner = Runner::new();
    runner.step(&mut app);
    fake::with(|k| k.resize(100, 40));
    let report = runner.step(&mut app);
    assert!(report.resized);
    assert_eq!(report.presented, Some(Rect::new(0, 0, 100, 40)));
    assert_eq!(app.last_size, (100, 40));
    assert_eq!(runner.bitmap().width, 100);
    assert_eq!(app.resizes, 2);
}

#[test]
fn no_window_means_no_present() {
    fake::reset();
    fake::with(|k| k.window = (0, 0));
    let mut app = Painter::default();
    let mut runner = Runner::new();
    fake::with(|k| click(1, 1).into_iter().for_each(|e| k.push_event(e)));
    for _ in 0..3 {
        assert_eq!(runner.step(&mut app).presented, None);
    }
    assert_eq!(app.frames, 3);
    assert_eq!(app.last_size, (0, 0));
    assert!(fake::with(|k| k.presents.is_empty()));
}

#[test]
fn huge_window_sizes_are_clamped() {
    fake::reset();
    fake::with(|k| k.window = (5000, 2));
    let mut app = Painter::default();
    let mut runner = Runner::new();
    runner.step(&mut app);
    assert_eq!(app.last_size, (abi::limits::MAX_SURFACE_SIDE, 2));
    // A width with the top bit set reads as a negative result: no window, not a panic.
    fake::with(|k| k.window = (u32::MAX, 2));
    runner.step(&mut app);
    assert_eq!(app.last_size, (0, 0));
}

#[test]
fn run_returns_when_the_app_exits() {
    fake::reset();
    fake::with(|k| {
        k.push_event(Event {
            kind: event::INTERRUPT,
            ..Event::default()
        })
    });
    sdk::run(Painter::default());
    assert_eq!(fake::with(|k| k.yields), 1);
}

#[test]
fn frames_carry_clocks_and_a_counter() {
    struct Probe(Vec<(u64, u64, u64)>);
    impl App for Probe {
        fn update(&mut self, frame: &mut Frame) {
            self.0
                .push((frame.index(), frame.monotonic_us(), frame.wall_us()));
        }
    }
    fake::reset();
    let mut probe = Probe(Vec::new());
    let mut runner = Runner::new();
    runner.step(&mut probe);
    runner.step(&mut probe);
    let (a, b) = (probe.0[0], probe.0[1]);
    assert_eq!((a.0, b.0), (1, 2));
    assert_eq!(b.1 - a.1, 16_667);
    assert_eq!(b.2 - a.2, 16_667);
}
