//! System tests of the app platform: opening apps from desktop icons, moving, resizing and
//! closing windows with real tablet input, the console's app commands, and the hostile-app
//! suite read from a second boot drive's `\apps` folder.

use std::time::Duration;
use vmtest::{repo_root, Options, Vm};

const SHORT: Duration = Duration::from_secs(15);

/// Frames per second from the last `stats: fps=` line after `mark`.
fn fps_after(vm: &Vm, mark: usize) -> vmtest::Result<f64> {
    vm.wait_for_after(mark, "stats: fps=", SHORT)?;
    let line = vm.log()[mark..]
        .iter()
        .rev()
        .find(|l| l.starts_with("stats: fps="))
        .cloned()
        .unwrap_or_default();
    Ok(line["stats: fps=".len()..]
        .split_whitespace()
        .next()
        .and_then(|f| f.parse().ok())
        .unwrap_or(0.0))
}

#[test]
fn icons_open_windows_that_move_resize_and_close() -> vmtest::Result<()> {
    let mut vm = Vm::boot(&Options::default())?;
    // The desktop logs where each icon is.
    let (ix, iy, iw, ih) = vmtest::rect_at_end(&vm.wait_for("desktop: icon cube at", SHORT)?);
    vm.tablet_move((ix + iw / 2) as u32, (iy + ih / 2) as u32)?;
    let mark = vm.mark();
    vm.click("left")?;
    vm.wait_for_after(mark, "app cube: started", SHORT)?;
    let opened = vm.wait_for_after(mark, "desktop: window cube at", SHORT)?;
    let (x, y, w, h) = vmtest::rect_at_end(&opened);
    std::thread::sleep(Duration::from_secs(2));
    let shot = vm.screenshot("cube-window")?;
    // The window's content shows a drawing, not a flat colour.
    let colours = shot.distinct_colors(
        (x + 10) as u32,
        (y + 40) as u32,
        (w - 20) as u32,
        (h - 60) as u32,
    );
    assert!(colours > 20, "the cube window shows only {colours} colours");
    // Drag the title bar by (+200, +100).
    vm.tablet_move((x + 80) as u32, (y + 12) as u32)?;
    vm.qmp(
        "input-send-event",
        serde_json::json!({"events": [{"type": "btn", "data": {"down": true, "button": "left"}}]}),
    )?;
    vm.tablet_move((x + 180) as u32, (y + 62) as u32)?;
    vm.tablet_move((x + 280) as u32, (y + 112) as u32)?;
    let mark = vm.mark();
    vm.qmp(
        "input-send-event",
        serde_json::json!({"events": [{"type": "btn", "data": {"down": false, "button": "left"}}]}),
    )?;
    let moved = vmtest::rect_at_end(&vm.wait_for_after(mark, "desktop: window cube at", SHORT)?);
    assert_eq!(
        (moved.0, moved.1),
        (x + 200, y + 100),
        "window did not follow the drag"
    );
    // Resize by the bottom-right handle.
    let (mx, my, mw, mh) = moved;
    vm.tablet_move((mx + mw - 5) as u32, (my + mh - 5) as u32)?;
    vm.qmp(
        "input-send-event",
        serde_json::json!({"events": [{"type": "btn", "data": {"down": true, "button": "left"}}]}),
    )?;
    vm.tablet_move((mx + mw + 95) as u32, (my + mh - 55) as u32)?;
    let mark = vm.mark();
    vm.qmp(
        "input-send-event",
        serde_json::json!({"events": [{"type": "btn", "data": {"down": false, "button": "left"}}]}),
    )?;
    let resized =
        vmtest::rect_at_end(&vm.wait_for_after(mark, "desktop: window cube at", SHORT)?);
    assert_eq!(
        (resized.2, resized.3),
        (mw + 100, mh - 50),
        "window did not resize"
    );
    std::thread::sleep(Duration::from_secs(1));
    vm.screenshot("cube-moved-resized")?;
    // Close it with the close button (right end of the title bar).
    vm.tablet_move((resized.0 + resized.2 - 16) as u32, (resized.1 + 14) as u32)?;
    let mark = vm.mark();
    vm.click("left")?;
    vm.wait_for_after(mark, "app cube: stopped (killed)", SHORT)?;
    vm.assert_no_panic()
}

#[test]
fn the_console_opens_lists_and_kills_apps() -> vmtest::Result<()> {
    let mut vm = Vm::boot(&Options::default())?;
    let mark = vm.console("open clock")?;
    vm.wait_for_after(mark, "app clock: started", SHORT)?;
    let mark = vm.console("open cube")?;
    vm.wait_for_after(mark, "app cube: started", SHORT)?;
    std::thread::sleep(Duration::from_secs(2));
    let mark = vm.console("ps")?;
    vm.wait_for_after(mark, "ps: available", SHORT)?;
    let ps: Vec<String> = vm.log()[mark..]
        .iter()
        .filter(|l| l.starts_with("ps: "))
        .cloned()
        .collect();
    assert!(
        ps.iter().any(|l| l.starts_with("ps: clock running")),
        "{ps:#?}"
    );
    assert!(
        ps.iter().any(|l| l.starts_with("ps: cube running")),
        "{ps:#?}"
    );
    // Both apps keep the desktop at full speed.
    let fps = fps_after(&vm, vm.mark())?;
    assert!(fps > 50.0, "fps {fps} with cube and clock open");
    vm.screenshot("cube-and-clock")?;
    let mark = vm.console("kill cube")?;
    vm.wait_for_after(mark, "app cube: stopped (killed)", SHORT)?;
    let mark = vm.console("log cube")?;
    vm.wait_for_after(mark, "log cube: stopped (killed)", SHORT)?;
    let mark = vm.console("open nosuchapp")?;
    vm.wait_for_after(
        mark,
        "app nosuchapp: cannot start: no app named 'nosuchapp'",
        SHORT,
    )?;
    vm.assert_no_panic()
}

/// Boots with the hostile suite on the boot drive and the given apps autostarted.
fn boot_hostile(apps: &str) -> vmtest::Result<Vm> {
    let options = Options {
        esp: repo_root().join("build/test-esp"),
        fw_cfg: vec![("opt/os/autostart".into(), apps.into())],
        ..Options::default()
    };
    Vm::boot(&options)
}

#[test]
fn a_plain_wasi_command_runs_without_a_window() -> vmtest::Result<()> {
    let vm = boot_hostile("hello first second")?;
    vm.wait_for("app hello: found on the boot drive", SHORT)?;
    vm.wait_for("app broken: not loaded: invalid module", SHORT)?;
    vm.wait_for("hello from wasi", SHORT)?;
    // The autostart line's words after the name reach the app through WASI `args_get`.
    vm.wait_for("args: hello | first | second", SHORT)?;
    vm.wait_for("app hello: stopped (exit 0)", SHORT)
        .or_else(|_| vm.wait_for("app hello: stopped (finished)", SHORT))?;
    assert!(
        !vm.log().iter().any(|l| l.contains("desktop: window hello")),
        "hello got a window"
    );
    vm.assert_no_panic()
}

#[test]
fn hostile_apps_are_stopped_or_throttled_and_the_desktop_runs_on() -> vmtest::Result<()> {
    let mut vm = boot_hostile(
        "clock,hostile-pointers,hostile-unreachable,hostile-recursion,hostile-memory,hostile-logflood,hostile-sockets,hostile-names",
    )?;
    vm.wait_for("app hostile-unreachable: stopped (trap: ", SHORT)?;
    vm.wait_for("app hostile-recursion: stopped (trap: ", SHORT)?;
    // memory.grow is refused at the cap (128 MiB): the app sees -1 and says so.
    let refused = vm.wait_for("memory.grow refused after", Duration::from_secs(60))?;
    let grown: u32 = refused
        .rsplit("after ")
        .next()
        .and_then(|s| s.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!((100..128).contains(&grown), "{refused}");
    // Its 200-odd lines exceed the serial log's share; the console shows the whole app log.
    let deadline = std::time::Instant::now() + Duration::from_secs(40);
    loop {
        let mark = vm.console("log hostile-pointers")?;
        std::thread::sleep(Duration::from_secs(2));
        if vm.log()[mark..]
            .iter()
            .any(|l| l.contains("hostile-pointers: done"))
        {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "hostile-pointers never finished"
        );
    }
    // Wait a few seconds of the flood and the socket storm, then check everyone else.
    std::thread::sleep(Duration::from_secs(4));
    let fps = fps_after(&vm, vm.mark())?;
    assert!(fps > 50.0, "the desktop slowed to {fps} fps");
    let log = vm.log();
    for survivor in [
        "clock",
        "hostile-pointers",
        "hostile-memory",
        "hostile-logflood",
        "hostile-sockets",
        "hostile-names",
    ] {
        assert!(
            !log.iter()
                .any(|l| l.starts_with(&format!("app {survivor}: stopped"))),
            "{survivor} was stopped"
        );
    }
    vm.assert_no_panic()
}

#[test]
fn an_endless_loop_is_throttled_and_the_desktop_keeps_its_frame_rate() -> vmtest::Result<()> {
    let mut vm = boot_hostile("hostile-loop,clock")?;
    vm.wait_for("hostile-loop: spinning", SHORT)?;
    std::thread::sleep(Duration::from_secs(2));
    let fps = fps_after(&vm, vm.mark())?;
    assert!(fps > 50.0, "the desktop slowed to {fps} fps");
    let line = vm.wait_for_after(vm.mark(), "stats: app=hostile-loop", SHORT)?;
    assert!(line.contains("state=running"), "{line}");
    // Input still works while it spins.
    let mark = vm.console("kill hostile-loop")?;
    vm.wait_for_after(mark, "app hostile-loop: stopped (killed)", SHORT)?;
    vm.assert_no_panic()
}

#[test]
fn the_pie_menu_opens_apps_and_the_audit_view_kills_them() -> vmtest::Result<()> {
    let mut vm = Vm::boot(&Options::default())?;
    // Right click on the empty desktop opens the ring around the pointer.
    vm.tablet_move(960, 600)?;
    let before = vm.screenshot("before-pie")?;
    vm.click("right")?;
    std::thread::sleep(Duration::from_millis(2500));
    let menu = vm.screenshot("pie-menu")?;
    let changed = (860..1060)
        .flat_map(|x| (500..700).map(move |y| (x, y)))
        .filter(|&(x, y)| before.pixel(x, y) != menu.pixel(x, y))
        .count();
    assert!(
        changed > 5000,
        "no pie menu drawn ({changed} pixels changed)"
    );
    // Items run clockwise from the top: clock, cube, editor, audit. Cube is on the right.
    vm.tablet_move(1040, 600)?;
    std::thread::sleep(Duration::from_millis(300));
    let mark = vm.mark();
    vm.click("left")?;
    vm.wait_for_after(mark, "app cube: started", SHORT)?;
    // The audit view lists the cube and kills it with its Kill button.
    let mark = vm.console("open audit")?;
    let line = vm.wait_for_after(mark, "desktop: window audit at", SHORT)?;
    let (x, y, _w, h) = vmtest::rect_at_end(&line);
    std::thread::sleep(Duration::from_secs(2));
    let shot = vm.screenshot("audit")?;
    let colours = shot.distinct_colors((x + 10) as u32, (y + 40) as u32, 600, (h - 60) as u32);
    assert!(colours > 20, "the audit view shows only {colours} colours");
    // Content starts 1 px in and 28 px down; Kill sits 10 px from the left edge of the right
    // column (150 px list + 10 px gap + 10 px margin) and 10 px above the bottom.
    let (kill_x, kill_y) = (x + 1 + 10 + 150 + 10 + 55, y + h - 1 - 10 - 15);
    vm.tablet_move(kill_x as u32, kill_y as u32)?;
    let mark = vm.mark();
    vm.click("left")?;
    vm.wait_for_after(mark, "app cube: stopped (killed)", SHORT)?;
    vm.assert_no_panic()
}
