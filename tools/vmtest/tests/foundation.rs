//! System tests of the foundation: boot, display, input, serial console, fw_cfg, in-guest
//! tests. Each test boots the real image in QEMU (TCG) and checks what a person would see.
//! Screenshots are kept under target/vmtest-shots/.

use std::time::Duration;
use vmtest::{Options, Vm};

const SHORT: Duration = Duration::from_secs(10);

#[test]
fn boots_to_a_desktop_with_wallpaper_and_top_bar() -> vmtest::Result<()> {
    let mut vm = Vm::boot(&Options::default())?;
    assert_eq!(vm.screen, (1920, 1080));
    vm.wait_for("boot: exited boot services", SHORT)?;
    // Wait for the first stats line so the top bar shows real figures.
    vm.wait_for("stats: fps=", SHORT)?;
    std::thread::sleep(Duration::from_millis(1200));
    let shot = vm.screenshot("desktop")?;
    assert_eq!((shot.width, shot.height), (1920, 1080));
    // The wallpaper is a gradient with light bands: many colours, not one.
    let colours = shot.distinct_colors(0, 100, 1920, 900);
    assert!(colours > 200, "wallpaper has only {colours} colours");
    // The top bar is darker than the wallpaper below it and carries light text.
    let bar = shot.brightness(0, 0, 1920, 26);
    let below = shot.brightness(0, 40, 1920, 26);
    assert!(
        bar < below,
        "top bar ({bar:.1}) is not darker than the wallpaper ({below:.1})"
    );
    let text = shot.count(0, 0, 1920, 27, |[r, g, b]| r > 180 && g > 180 && b > 180);
    assert!(text > 300, "top bar shows no text ({text} light pixels)");
    // The clock sits at the right end of the bar; the gauges and the network to its left.
    assert!(
        shot.count(1700, 4, 210, 20, |[r, ..]| r > 180) > 50,
        "no clock on the right"
    );
    assert!(
        shot.count(1000, 4, 700, 20, |[r, ..]| r > 120) > 100,
        "no gauges left of it"
    );
    vm.assert_no_panic()
}

#[test]
fn the_pointer_follows_the_tablet_and_clicks_land_there() -> vmtest::Result<()> {
    let mut vm = Vm::boot(&Options::default())?;
    vm.tablet_move(400, 300)?;
    let mark = vm.mark();
    vm.click("left")?;
    vm.wait_for_after(mark, "input: button 0 down at 400,300", SHORT)?;
    vm.wait_for_after(mark, "input: button 0 up at 400,300", SHORT)?;
    std::thread::sleep(Duration::from_millis(300));
    let shot = vm.screenshot("pointer")?;
    // The arrow: dark outline at the hot spot, white fill just inside it.
    let [r, g, b] = shot.pixel(400, 300);
    assert!(
        r < 40 && g < 40 && b < 40,
        "no outline at the hot spot: {:?}",
        [r, g, b]
    );
    assert_eq!(
        shot.pixel(401, 305),
        [255, 255, 255],
        "no white fill inside the arrow"
    );
    // Nothing is left where the pointer started (the middle of the screen).
    assert_ne!(
        shot.pixel(961, 545),
        [255, 255, 255],
        "a stale cursor stayed behind"
    );
    // A right click somewhere else.
    vm.tablet_move(1500, 900)?;
    let mark = vm.mark();
    vm.click("right")?;
    vm.wait_for_after(mark, "input: button 1 down at 1500,900", SHORT)?;
    vm.assert_no_panic()
}

#[test]
fn the_relative_mouse_moves_the_pointer_too() -> vmtest::Result<()> {
    let mut vm = Vm::boot(&Options {
        tablet: false,
        ..Options::default()
    })?;
    vm.wait_for("input: no tablet found", SHORT)?;
    vm.mouse_move(-100, 50)?;
    let mark = vm.mark();
    vm.click("left")?;
    // The pointer starts in the middle (960, 540).
    vm.wait_for_after(mark, "input: button 0 down at 860,590", SHORT)?;
    vm.mouse_move(-5000, -5000)?;
    let mark = vm.mark();
    vm.click("left")?;
    vm.wait_for_after(mark, "input: button 0 down at 0,0", SHORT)?;
    vm.assert_no_panic()
}

#[test]
fn keys_typed_on_the_keyboard_arrive() -> vmtest::Result<()> {
    let mut vm = Vm::boot(&Options::default())?;
    let mark = vm.mark();
    vm.type_text("Hi!")?;
    vm.wait_for_after(mark, "input: char 'H'", SHORT)?;
    vm.wait_for_after(mark, "input: char 'i'", SHORT)?;
    vm.wait_for_after(mark, "input: char '!'", SHORT)?;
    // Caps lock flips letters, ctrl types nothing but the key still arrives.
    vm.key("caps_lock")?;
    let mark = vm.mark();
    vm.type_text("a")?;
    vm.wait_for_after(mark, "input: char 'A'", SHORT)?;
    vm.key("caps_lock")?;
    let mark = vm.mark();
    vm.chord(&["ctrl", "c"])?;
    vm.wait_for_after(mark, "input: key 46 down", SHORT)?;
    std::thread::sleep(Duration::from_millis(200));
    assert!(!vm.log()[mark..]
        .iter()
        .any(|l| l.contains("input: char 'c'")));
    vm.assert_no_panic()
}

#[test]
fn the_console_lists_pci_devices_and_answers_commands() -> vmtest::Result<()> {
    let mut vm = Vm::boot(&Options::default())?;
    let mark = vm.console("pci")?;
    vm.wait_for_after(mark, "virtio-gpu", SHORT)?;
    std::thread::sleep(Duration::from_millis(300));
    let log = vm.log()[mark..].to_vec();
    let pci: Vec<&String> = log.iter().filter(|l| l.starts_with("pci: ")).collect();
    let inputs = pci.iter().filter(|l| l.contains(" 1af4:1052 ")).count();
    assert_eq!(
        inputs, 3,
        "keyboard, tablet and mouse share 1af4:1052: {pci:#?}"
    );
    assert!(
        pci.iter().any(|l| l.contains(" 1af4:1050 ")),
        "no virtio-gpu: {pci:#?}"
    );
    assert!(
        pci.iter()
            .any(|l| l.contains(" 1af4:1000 ") || l.contains(" 1af4:1041 ")),
        "no virtio-net: {pci:#?}"
    );
    let mark = vm.console("time")?;
    let time = vm.wait_for_after(mark, "time: ", SHORT)?;
    assert!(time.contains(" UTC uptime "), "{time}");
    let year: u32 = time["time: ".len()..][..4].parse().unwrap_or(0);
    assert!((2024..2100).contains(&year), "{time}");
    let mark = vm.console("mem")?;
    vm.wait_for_after(mark, "mem: used ", SHORT)?;
    let mark = vm.console("stats")?;
    vm.wait_for_after(mark, "stats: fps=", SHORT)?;
    let mark = vm.console("frobnicate")?;
    vm.wait_for_after(mark, "console: unknown command 'frobnicate'", SHORT)?;
    vm.wait_for_after(mark, "console: reboot", SHORT)?;
    let mark = vm.console("help")?;
    vm.wait_for_after(mark, "console: pci", SHORT)?;
    vm.assert_no_panic()
}

#[test]
fn boots_without_network_or_tablet_and_says_so() -> vmtest::Result<()> {
    let options = Options {
        network: false,
        tablet: false,
        ..Options::default()
    };
    let vm = Vm::boot(&options)?;
    vm.wait_for("net: no network device found", SHORT)?;
    vm.wait_for("input: no tablet found", SHORT)?;
    vm.wait_for("stats: fps=", SHORT)?;
    vm.assert_no_panic()
}

#[test]
fn fw_cfg_sets_the_resolution() -> vmtest::Result<()> {
    let options = Options {
        fw_cfg: vec![("opt/os/resolution".into(), "1366x768".into())],
        ..Options::default()
    };
    let mut vm = Vm::boot(&options)?;
    assert_eq!(vm.screen, (1366, 768));
    std::thread::sleep(Duration::from_millis(500));
    let shot = vm.screenshot("desktop-1366x768")?;
    assert_eq!((shot.width, shot.height), (1366, 768));
    assert!(shot.distinct_colors(0, 100, 1366, 600) > 200);
    vm.assert_no_panic()
}

#[test]
fn in_guest_self_tests_pass() -> vmtest::Result<()> {
    let options = Options {
        fw_cfg: vec![("opt/os/selftest".into(), "1".into())],
        debug_exit: true,
        ..Options::default()
    };
    let mut vm = Vm::start(&options)?;
    let summary = vm
        .wait_for("selftest: ", Duration::from_secs(60))
        .and_then(|_| vm.wait_for(" passed, ", Duration::from_secs(60)))?;
    let status = vm.wait_exit(Duration::from_secs(10))?;
    assert!(summary.ends_with(" 0 failed"), "{summary}\n{}", vm.tail(20));
    // isa-debug-exit: QEMU exits with (code << 1) | 1; the kernel writes 0 when all passed.
    assert_eq!(status, 1, "{}", vm.tail(20));
    Ok(())
}
