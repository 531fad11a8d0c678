//! System tests of the web browser app in QEMU against real servers on the host.
//!
//! * HTTP: python's `http.server` serves `testdata/site`; dnsmasq on the host's loopback
//!   answers `site.test` with 10.0.2.2 (QEMU's address for the host). The test types the
//!   address, clicks a link (its place comes from the browser's `browser: link` log
//!   line), follows a redirect, goes back with Alt+Left, and reads the app log's
//!   `GET URL STATUS BYTES` lines and the screenshots.
//! * HTTPS: `openssl s_server -WWW` serves the same site with certificates from a test CA
//!   handed to the OS with `-fw_cfg name=opt/os/ca,file=ca.pem`. Certificates that are
//!   self-signed, expired or for another name must each give an error page; so must a
//!   server that sends garbage and one that never answers, and the desktop runs on.
//!
//! The tests share port 53 (dnsmasq), so they take turns.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;
use vmtest::host::{self, TestCa};
use vmtest::{repo_root, Image, Options, Vm};

const SHORT: Duration = Duration::from_secs(30);
/// A TLS handshake takes seconds under TCG; a stalled server takes the browser's timeout.
const LONG: Duration = Duration::from_secs(90);
/// The browser's toolbar and loading bar above the page (app/mod.rs).
const PAGE_TOP: u32 = 43;
/// The window's title bar above its content (gfx::desktop::chrome).
const TITLE_BAR: u32 = 28;

static TURN: Mutex<()> = Mutex::new(());

fn site() -> PathBuf {
    repo_root().join("tools/vmtest/testdata/site")
}

/// The browser window's page area on the screen: (x, y, w, h).
fn page_area(vm: &Vm) -> vmtest::Result<(u32, u32, u32, u32)> {
    let line = vm.wait_for("desktop: window browser at", SHORT)?;
    let (x, y, w, h) = vmtest::screen_rect(&line);
    let top = TITLE_BAR + PAGE_TOP;
    Ok((x + 1, y + top, w - 2, h - top - 1 - 22))
}

/// Pixels clearly darker than the white page background: text and rules.
fn ink(shot: &Image, (x, y, w, h): (u32, u32, u32, u32)) -> usize {
    shot.count(x, y, w, h, |p| {
        (p[0] as u32 + p[1] as u32 + p[2] as u32) < 400
    })
}

/// Clicks the link whose `browser: link HREF at …` line was logged after `mark`.
fn click_link(vm: &mut Vm, mark: usize, href: &str) -> vmtest::Result<()> {
    let line = vm.wait_for_after(mark, &format!("browser: link {href} at "), SHORT)?;
    let (lx, ly, lw, lh) = vmtest::screen_rect(&line);
    let (px, py, _, _) = page_area(vm)?;
    vm.tablet_move(px + lx + lw / 2, py + ly + lh / 2)?;
    std::thread::sleep(Duration::from_millis(500));
    vm.click("left")
}

/// Drags with the left button from one screen point to another.
fn drag(vm: &mut Vm, from: (u32, u32), to: (u32, u32)) -> vmtest::Result<()> {
    vm.tablet_move(from.0, from.1)?;
    let button = |down: bool| serde_json::json!({"events": [{"type": "btn", "data": {"down": down, "button": "left"}}]});
    vm.qmp("input-send-event", button(true))?;
    vm.tablet_move((from.0 + to.0) / 2, (from.1 + to.1) / 2)?;
    vm.tablet_move(to.0, to.1)?;
    std::thread::sleep(Duration::from_millis(200));
    vm.qmp("input-send-event", button(false))?;
    Ok(())
}

/// Types an address into the address bar (Ctrl+L selects it) and presses Enter.
fn go_to(vm: &mut Vm, address: &str) -> vmtest::Result<usize> {
    vm.chord(&["ctrl", "l"])?;
    std::thread::sleep(Duration::from_millis(300));
    let mark = vm.mark();
    vm.type_text(address)?;
    vm.key("ret")?;
    Ok(mark)
}

#[test]
fn http_pages_links_redirects_and_back() -> vmtest::Result<()> {
    let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
    let (_http, port) = host::http_server(&site());
    let Some(_dns) = host::dnsmasq(&[("site.test", "10.0.2.2")]) else {
        eprintln!("skipped: no port 53 for dnsmasq");
        return Ok(());
    };
    let options = Options {
        fw_cfg: vec![
            ("opt/os/dns".into(), "10.0.2.2".into()),
            ("opt/os/autostart".into(), "browser".into()),
        ],
        ..Options::default()
    };
    let mut vm = Vm::boot(&options)?;
    vm.wait_for("app browser: browser: showing about:welcome", SHORT)?;
    vm.wait_for("net: dhcp ", SHORT)?;
    std::thread::sleep(Duration::from_secs(2));
    let area = page_area(&vm)?;
    let welcome = ink(&vm.screenshot("browser-welcome")?, area);
    assert!(
        welcome > 2000,
        "the welcome page shows text: {welcome} ink pixels"
    );

    // Type the address the short way: the browser adds http:// and the slash.
    let base = format!("http://site.test:{port}/");
    let mark = go_to(&mut vm, &format!("site.test:{port}"))?;
    vm.wait_for_after(mark, &format!("GET {base} 200 "), LONG)?;
    let shown = vm.wait_for_after(mark, &format!("browser: showing {base} "), SHORT)?;
    assert!(shown.contains("\"Tessera test site\""), "{shown}");
    std::thread::sleep(Duration::from_secs(2));
    let home = vm.screenshot("browser-home")?;
    let home_ink = ink(&home, area);
    assert!(home_ink > 3000, "the page shows: {home_ink} ink pixels");

    // Follow the first link. Pointing at it shows its address in the status line.
    let second = format!("{base}page2.html");
    let pointing = vm.mark();
    click_link(&mut vm, mark, "page2.html")?;
    vm.wait_for_after(pointing, &format!("browser: pointing at {second}"), SHORT)?;
    vm.wait_for_after(mark, &format!("GET {second} 200 "), LONG)?;
    let shown = vm.wait_for_after(mark, &format!("browser: showing {second} "), SHORT)?;
    assert!(shown.contains("\"Second page\""), "{shown}");
    std::thread::sleep(Duration::from_secs(2));
    let page2 = vm.screenshot("browser-page2")?;
    assert!(ink(&page2, area) > 1500, "the second page shows");

    // Resizing the window reflows the page: 300 px wider, its paragraphs take fewer lines;
    // back to the old size, it is as tall as before.
    let height = |line: &str| -> u32 {
        let size = line.rsplit(" px").nth(1).unwrap_or("");
        let size = size.rsplit(' ').next().unwrap_or("");
        size.rsplit('x')
            .next()
            .and_then(|h| h.parse().ok())
            .unwrap_or(0)
    };
    let before = height(&shown);
    let (wx, wy, ww, wh) = vmtest::screen_rect(&vm.wait_for("desktop: window browser at", SHORT)?);
    let corner = (wx + ww - 5, wy + wh - 5);
    let reflow = format!("browser: reflowed {second} to ");
    let mark = vm.mark();
    drag(&mut vm, corner, (corner.0 + 300, corner.1))?;
    let wider = vm.wait_for_after(mark, &reflow, SHORT)?;
    let wide_height: u32 = wider
        .rsplit(", ")
        .next()
        .and_then(|t| t.split(' ').next())
        .and_then(|h| h.parse().ok())
        .unwrap_or(0);
    assert!(
        wide_height > 0 && wide_height < before,
        "wider is shorter: {before} px, then {wider}"
    );
    std::thread::sleep(Duration::from_secs(1));
    vm.screenshot("browser-wider")?;
    let mark = vm.mark();
    drag(&mut vm, (corner.0 + 300, corner.1), corner)?;
    let narrow = vm.wait_for_after(mark, &reflow, SHORT)?;
    assert!(narrow.ends_with(&format!(", {before} px tall")), "{narrow}");

    // Back (Alt+Left) loads the first page again, which looks as it did.
    let mark = vm.mark();
    vm.chord(&["alt", "left"])?;
    vm.wait_for_after(mark, &format!("GET {base} 200 "), LONG)?;
    vm.wait_for_after(mark, &format!("browser: showing {base} "), SHORT)?;
    std::thread::sleep(Duration::from_secs(2));
    let again = vm.screenshot("browser-back")?;
    let again_ink = ink(&again, area);
    let difference = (again_ink as i64 - home_ink as i64).abs();
    assert!(
        difference * 50 < home_ink as i64,
        "back shows the first page again: {home_ink} vs {again_ink} ink pixels"
    );

    // Scrolling: End shows the bottom of the page, Home the top again, and the wheel
    // over the page scrolls it; each is a different picture of the same page.
    let top = page_area(&vm)?;
    let rows = |shot: &Image| -> Vec<usize> {
        (0..top.3 / 20)
            .map(|i| ink(shot, (top.0, top.1 + i * 20, top.2 - 12, 20)))
            .collect()
    };
    let home_rows = rows(&again);
    vm.key("end")?;
    std::thread::sleep(Duration::from_secs(1));
    let end_rows = rows(&vm.screenshot("browser-end")?);
    assert_ne!(home_rows, end_rows, "End scrolls the page");
    vm.key("home")?;
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(
        rows(&vm.screenshot("browser-home-key")?),
        home_rows,
        "Home returns to the top"
    );
    vm.tablet_move(top.0 + top.2 / 2, top.1 + top.3 / 2)?;
    vm.wheel(2)?;
    std::thread::sleep(Duration::from_secs(1));
    let wheel_rows = rows(&vm.screenshot("browser-wheel")?);
    assert_ne!(wheel_rows, home_rows, "the wheel scrolls the page");
    vm.key("home")?;
    std::thread::sleep(Duration::from_millis(500));

    // A link to a folder: http.server answers 301 to the slashed address.
    click_link(&mut vm, mark, "docs")?;
    vm.wait_for_after(mark, &format!("GET {base}docs 301 "), LONG)?;
    vm.wait_for_after(mark, &format!("GET {base}docs/ 200 "), LONG)?;
    let shown = vm.wait_for_after(mark, &format!("browser: showing {base}docs/ "), SHORT)?;
    assert!(shown.contains("\"Docs folder\""), "{shown}");

    // A missing page: the server's 404 page is shown.
    let mark = go_to(&mut vm, &format!("{base}nothing-here"))?;
    vm.wait_for_after(mark, &format!("GET {base}nothing-here 404 "), LONG)?;
    let shown = vm.wait_for_after(
        mark,
        &format!("browser: showing {base}nothing-here "),
        SHORT,
    )?;
    // http.server's own error page is what is shown.
    assert!(shown.contains("\"Error response\""), "{shown}");
    std::thread::sleep(Duration::from_secs(1));
    vm.screenshot("browser-404")?;
    vm.assert_no_panic()
}

/// A server that answers every connection with bytes that are not HTTP.
fn garbage_server() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("port").port();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut request = [0u8; 1024];
            let _ = stream.read(&mut request);
            let _ = stream.write_all(b"\x16\x03garbage that is not HTTP at all\r\n\r\n\x00\xff");
        }
    });
    port
}

/// A server that accepts connections and never says anything.
fn silent_server() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("port").port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
        }
    });
    port
}

#[test]
fn https_pages_and_every_kind_of_failure_give_pages_not_crashes() -> vmtest::Result<()> {
    let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
    let ca = TestCa::new("browser");
    ca.signed("good", "tessera.test");
    ca.signed("other", "other.test");
    ca.self_signed("self", "tessera.test");
    ca.expired("expired", "tessera.test");
    let root = site();
    let (_good, good_port) = ca.s_server("good", &root);
    let (_other, other_port) = ca.s_server("other", &root);
    let (_self, self_port) = ca.s_server("self", &root);
    let (_expired, expired_port) = ca.s_server("expired", &root);
    let garbage_port = garbage_server();
    let silent_port = silent_server();
    let Some(_dns) = host::dnsmasq(&[("tessera.test", "10.0.2.2")]) else {
        eprintln!("skipped: no port 53 for dnsmasq");
        return Ok(());
    };
    let good = format!("https://tessera.test:{good_port}/index.html");
    let options = Options {
        fw_cfg: vec![
            ("opt/os/dns".into(), "10.0.2.2".into()),
            ("opt/os/autostart".into(), format!("browser {good}")),
        ],
        fw_cfg_files: vec![("opt/os/ca".into(), ca.ca_pem())],
        ..Options::default()
    };
    let mut vm = Vm::boot(&options)?;
    vm.wait_for(
        "browser: 1 extra certificate authority from opt/os/ca",
        SHORT,
    )?;
    vm.wait_for("browser: TLS handshake with tessera.test took", LONG)?;
    vm.wait_for(&format!("GET {good} 200 "), LONG)?;
    let shown = vm.wait_for(&format!("browser: showing {good} "), SHORT)?;
    assert!(shown.contains("\"Tessera test site\""), "{shown}");
    std::thread::sleep(Duration::from_secs(2));
    let area = page_area(&vm)?;
    let page_ink = ink(&vm.screenshot("browser-https")?, area);
    assert!(
        page_ink > 3000,
        "the https page shows: {page_ink} ink pixels"
    );

    // Each failure: an error page naming the cause, and none of the page's content.
    let failures = [
        (
            format!("https://tessera.test:{self_port}/index.html"),
            "certificate not trusted",
        ),
        (
            format!("https://tessera.test:{expired_port}/index.html"),
            "certificate expired",
        ),
        (
            format!("https://other.test.invalid:{other_port}/index.html"),
            "does not exist",
        ),
        (format!("http://10.0.2.2:{garbage_port}/"), "cannot read"),
        (format!("http://10.0.2.2:{silent_port}/"), "timed out"),
    ];
    for (i, (url, cause)) in failures.iter().enumerate() {
        let mark = go_to(&mut vm, url)?;
        let error = vm.wait_for_after(mark, &format!("browser: error {url}: "), LONG)?;
        assert!(error.contains(cause), "{url}: {error}");
        let shown = vm.wait_for_after(mark, &format!("browser: showing {url} "), SHORT)?;
        assert!(!shown.contains("Tessera test site"), "{shown}");
        std::thread::sleep(Duration::from_secs(1));
        let shot = vm.screenshot(&format!("browser-error-{i}"))?;
        assert!(
            ink(&shot, area) > 300,
            "the error page for {url} shows text"
        );
    }
    // The name checked is the URL's host: other.test's certificate for tessera.test fails.
    let wrong = format!("https://tessera.test:{other_port}/index.html");
    let mark = go_to(&mut vm, &wrong)?;
    let error = vm.wait_for_after(mark, &format!("browser: error {wrong}: "), LONG)?;
    assert!(error.contains("does not match the server name"), "{error}");

    // The desktop kept running through all of it.
    let mark = vm.mark();
    vm.wait_for_after(mark, "stats: ", SHORT)?;
    vm.assert_no_panic()
}
