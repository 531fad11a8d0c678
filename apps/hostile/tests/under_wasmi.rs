//! Runs the built apps (`cargo build --release --target wasm32-wasip1 -p cube -p clock -p
//! hello -p hostile`) under wasmi with a stand-in host, frame by frame.
//!
//! The `.wasm` files are looked up in `$APPS_WASM_DIR`, else in
//! `$CARGO_TARGET_DIR/wasm32-wasip1/release` (or the workspace's `target/`). When they have
//! not been built the tests say so and pass: the wasm build is a separate step.

mod wasmi_host;

use sdk::abi::{event, Event};
use std::path::PathBuf;
use wasmi_host::{App, Step};

fn wasm(name: &str) -> Option<Vec<u8>> {
    let dir = match std::env::var_os("APPS_WASM_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => {
            let target = std::env::var_os("CARGO_TARGET_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
            target.join("wasm32-wasip1/release")
        }
    };
    let path = dir.join(format!("{name}.wasm"));
    match std::fs::read(&path) {
        Ok(bytes) => Some(bytes),
        Err(_) => {
            eprintln!("skipped: {} is not built", path.display());
            None
        }
    }
}

const MIB: usize = 1 << 20;

fn load(name: &str, window: (u32, u32)) -> Option<App> {
    let bytes = wasm(name)?;
    Some(App::load(&bytes, window, 256 * MIB).expect("the module loads"))
}

fn has_line(app: &mut App, text: &str) -> bool {
    app.state().log.iter().any(|l| l.contains(text))
}

#[test]
fn hello_prints_and_exits_zero() {
    let Some(mut app) = load("hello", (0, 0)) else {
        return;
    };
    let (step, fuel) = app.frame();
    assert_eq!(step, Step::Exited(0));
    let out = app.state().stdout.clone();
    assert!(out.starts_with("hello from wasi\n"), "{out}");
    assert!(out.contains("summary: 8 distinct words, 11 in all: brown=1 dog=1 fox=2"));
    assert!(out.contains("hello on stderr"));
    assert!(out.ends_with("goodbye\n"));
    eprintln!("hello: {fuel} fuel");
}

#[test]
fn cube_draws_frames_and_follows_resizes() {
    let Some(mut app) = load("cube", (320, 240)) else {
        return;
    };
    app.fuel_per_frame = 2_000_000_000;
    let mut fuel = Vec::new();
    for _ in 0..5 {
        let (step, used) = app.frame();
        assert_eq!(step, Step::Yielded);
        fuel.push(used);
    }
    assert_eq!(app.state().title, "Cube");
    assert_eq!(app.state().presents, 5);
    let (w, h, pixels) = app.state().last_frame.clone().unwrap();
    assert_eq!((w, h), (320, 240));
    let centre = pixels[120 * 320 + 160];
    assert_ne!(centre, pixels[239 * 320 + 319]);
    app.state().window = (640, 480);
    app.state().events.push(Event {
        kind: event::RESIZE,
        x: 640,
        y: 480,
        ..Event::default()
    });
    let (step, used) = app.frame();
    assert_eq!(step, Step::Yielded);
    assert_eq!(
        app.state().last_frame.as_ref().map(|f| (f.0, f.1)),
        Some((640, 480))
    );
    eprintln!("cube: fuel per frame at 320x240 {fuel:?}, first frame at 640x480 {used}");
}

#[test]
fn clock_presents_and_its_button_starts_the_chronometer() {
    let Some(mut app) = load("clock", (360, 520)) else {
        return;
    };
    app.fuel_per_frame = 2_000_000_000;
    let (step, first) = app.frame();
    assert_eq!(step, Step::Yielded);
    assert_eq!(app.state().title, "Clock");
    assert_eq!(app.state().presents, 1);
    let (_, idle) = app.frame();
    assert_eq!(
        app.state().presents,
        1,
        "an idle clock presents once a second"
    );
    // Click Start, where the layout puts it for this size.
    let start = clock::layout(sdk::gfx::Rect::new(0, 0, 360, 520)).start;
    let (x, y) = (start.x + start.w / 2, start.y + start.h / 2);
    for kind in [event::POINTER_MOVE, event::BUTTON_DOWN, event::BUTTON_UP] {
        app.state().events.push(Event {
            kind,
            x,
            y,
            ..Event::default()
        });
    }
    let running: Vec<u64> = (0..3).map(|_| app.frame().1).collect();
    assert_eq!(
        app.state().presents,
        4,
        "a running chronometer presents every frame"
    );
    app.state().monotonic_us += 1_000_000;
    let (_, next_second) = app.frame();
    eprintln!(
        "clock: first frame {first} fuel, idle {idle}, chronometer running {running:?}, \
         new second {next_second}"
    );
}

#[test]
fn hostile_pointers_is_refused_everywhere_and_lives_on() {
    let Some(mut app) = load("hostile-pointers", (0, 0)) else {
        return;
    };
    let (step, _) = app.frame();
    assert_eq!(step, Step::Yielded);
    assert!(has_line(&mut app, "hostile-pointers: done"));
    let log = app.state().log.clone();
    let accepted: Vec<&String> = log
        .iter()
        .filter(|l| l.contains("] -> ") && l.contains("(ok)"))
        .filter(|l| !l.contains("[empty, past the end]") && !l.contains("no arguments"))
        .filter(|l| !l.contains("a real"))
        .collect();
    assert!(accepted.is_empty(), "{accepted:#?}");
    assert_eq!(app.frame().0, Step::Yielded);
    eprintln!("hostile-pointers: {} log lines", log.len());
}

#[test]
fn hostile_loop_is_paused_every_frame() {
    let Some(mut app) = load("hostile-loop", (0, 0)) else {
        return;
    };
    app.fuel_per_frame = 2_000_000;
    for _ in 0..3 {
        let (step, used) = app.frame();
        assert_eq!(step, Step::Paused);
        assert!(used > 1_900_000, "{used}");
    }
    assert!(has_line(&mut app, "hostile-loop: spinning"));
}

#[test]
fn hostile_traps_stop_the_app() {
    for name in ["hostile-unreachable", "hostile-recursion"] {
        let Some(mut app) = load(name, (0, 0)) else {
            return;
        };
        let mut step = Step::Paused;
        for _ in 0..20 {
            step = app.frame().0;
            if step != Step::Paused {
                break;
            }
        }
        eprintln!(
            "{name}: {step:?}, last log line {:?}",
            app.state().log.last()
        );
        assert!(matches!(step, Step::Trapped(_)), "{name}: {step:?}");
    }
}

#[test]
fn hostile_memory_is_refused_at_the_limit() {
    let Some(bytes) = wasm("hostile-memory") else {
        return;
    };
    let mut app = App::load(&bytes, (0, 0), 64 * MIB).unwrap();
    let mut frames = 0;
    while !has_line(&mut app, "refused") && frames < 100 {
        assert_eq!(app.frame().0, Step::Yielded);
        frames += 1;
    }
    assert!(
        has_line(&mut app, "memory.grow refused"),
        "{:?}",
        app.state().log
    );
    assert_eq!(app.frame().0, Step::Yielded);
}

#[test]
fn hostile_logflood_logs_a_thousand_lines_a_frame() {
    let Some(mut app) = load("hostile-logflood", (0, 0)) else {
        return;
    };
    for _ in 0..3 {
        assert_eq!(app.frame().0, Step::Yielded);
    }
    assert!(app.state().log.len() >= 3000);
}

#[test]
fn hostile_names_and_sockets_finish_and_live_on() {
    for (name, frames) in [("hostile-names", 2), ("hostile-sockets", 40)] {
        let Some(mut app) = load(name, (0, 0)) else {
            return;
        };
        for _ in 0..frames {
            assert_eq!(app.frame().0, Step::Yielded, "{name}");
        }
        let done = format!("{name}: done");
        assert!(has_line(&mut app, &done), "{name}: {:#?}", app.state().log);
    }
}
