//! The browser window driven through `sdk`'s fake kernel: typed addresses, the fake
//! network's DNS and echo connections, and what ends up in the log and on the screen.
//!
//! The fake TCP peer echoes what it is sent, so an HTTP request comes back as its
//! "response": a real malformed answer the browser must turn into an error page.

use super::connector::SdkConnector;
use super::Browser;
use bearssl_sys::TrustAnchors;
use sdk::abi::{modifiers, Event};
use sdk::input::keys;
use sdk::{fake, Runner};
use std::rc::Rc;

fn key(code: u32, mods: u32) -> Event {
    Event::key_down(code, mods)
}

fn send(events: Vec<Event>) {
    fake::with(|k| events.into_iter().for_each(|e| k.push_event(e)));
}

/// Ctrl+L, the address typed, Enter.
fn go_to(address: &str) {
    let mut events = vec![key(keys::L, modifiers::CTRL)];
    events.extend(address.chars().map(Event::char));
    events.push(key(keys::ENTER, 0));
    send(events);
}

fn browser() -> (Browser, Runner) {
    fake::reset();
    fake::with(|k| k.window = (640, 480));
    let connector = SdkConnector::new(Rc::new(TrustAnchors::new()));
    (Browser::new(connector, None), Runner::new())
}

/// Runs frames (each one yields, which moves the fake clock and network) until a log line
/// contains `text`; returns it.
fn run_until(app: &mut Browser, runner: &mut Runner, text: &str) -> String {
    for _ in 0..2000 {
        runner.step(app);
        if let Some(line) = fake::log_lines().iter().find(|l| l.contains(text)) {
            return line.clone();
        }
    }
    panic!("no log line with {text:?}; log: {:#?}", fake::log_lines());
}

/// Pixels of the last presented frame that are not white, grey or the toolbar's colours:
/// roughly, the page's ink.
fn dark_pixels() -> usize {
    fake::with(|k| {
        let present = k.last_present().expect("a frame was presented");
        present
            .pixels
            .iter()
            .filter(|&&p| {
                let (r, g, b) = ((p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff);
                r + g + b < 200
            })
            .count()
    })
}

#[test]
fn the_welcome_page_shows_and_the_address_bar_waits_for_typing() {
    let (mut app, mut runner) = browser();
    let line = run_until(&mut app, &mut runner, "browser: showing about:welcome");
    assert!(line.contains("\"Welcome\""), "{line}");
    runner.step(&mut app);
    assert!(dark_pixels() > 1000, "the welcome text is drawn");
    assert_eq!(fake::with(|k| k.title.clone()), "Welcome - Browser");
}

#[test]
fn a_name_that_does_not_exist_gives_an_error_page() {
    let (mut app, mut runner) = browser();
    run_until(&mut app, &mut runner, "showing about:welcome");
    go_to("nowhere.test");
    let error = run_until(&mut app, &mut runner, "browser: error http://nowhere.test/");
    assert!(error.contains("Server not found"), "{error}");
    assert!(error.contains("does not exist"), "{error}");
    let shown = run_until(&mut app, &mut runner, "showing http://nowhere.test/");
    assert!(shown.contains("\"Server not found\""), "{shown}");
    assert_eq!(
        fake::with(|k| k.title.clone()),
        "Server not found - Browser"
    );
}

#[test]
fn an_answer_that_is_not_http_gives_an_error_page_and_back_returns() {
    let (mut app, mut runner) = browser();
    run_until(&mut app, &mut runner, "showing about:welcome");
    // localhost is the fake's loopback: its TCP peer echoes the request back.
    go_to("localhost:8080/page");
    let error = run_until(
        &mut app,
        &mut runner,
        "browser: error http://localhost:8080/page",
    );
    assert!(error.contains("Invalid response"), "{error}");
    run_until(&mut app, &mut runner, "showing http://localhost:8080/page");
    // Alt+Left goes back to the welcome page.
    send(vec![key(keys::LEFT, modifiers::ALT)]);
    let lines_before = fake::log_lines().len();
    for _ in 0..20 {
        runner.step(&mut app);
    }
    let after: Vec<String> = fake::log_lines()[lines_before..].to_vec();
    assert!(
        after.iter().any(|l| l.contains("showing about:welcome")),
        "{after:#?}"
    );
}

#[test]
fn a_refused_connection_names_the_cause() {
    let (mut app, mut runner) = browser();
    run_until(&mut app, &mut runner, "showing about:welcome");
    // Port 9 is refused by the fake kernel.
    go_to("http://127.0.0.1:9/");
    let error = run_until(&mut app, &mut runner, "browser: error http://127.0.0.1:9/");
    assert!(error.contains("Unable to connect"), "{error}");
    assert!(error.contains("refused"), "{error}");
}

#[test]
fn a_long_page_shows_its_first_screen_then_lays_out_the_rest() {
    let (mut app, mut runner) = browser();
    run_until(&mut app, &mut runner, "showing about:welcome");
    let mut text = String::from("<title>Long</title>");
    for i in 0..400 {
        text.push_str(&format!(
            "<p>Paragraph {i} with a <a href=\"#{i}\">link</a>.</p>"
        ));
    }
    app.show_html(&text, "http://long.test/", 0);
    let shown = app.shown.as_ref().expect("a page");
    assert!(
        matches!(shown.layout, super::Layout::Running { .. }),
        "only the first screen is laid out at once"
    );
    let first = shown.page().height;
    assert!(first >= 480, "the first screen is filled: {first} px");
    assert_eq!(fake::with(|k| k.title.clone()), "Long - Browser");
    let line = run_until(&mut app, &mut runner, "browser: showing http://long.test/");
    assert!(line.contains("400 links"), "{line}");
    let shown = app.shown.as_ref().expect("a page");
    assert!(matches!(shown.layout, super::Layout::Done(_)));
    assert!(shown.page().height > first * 4);
}
