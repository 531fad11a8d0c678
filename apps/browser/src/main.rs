//! The browser app's entry point: build the trust anchors, then run the window.
//!
//! `browser URL` (from the launcher's command line, e.g. QEMU's
//! `-fw_cfg name=opt/os/autostart,string=browser http://10.0.2.2:8000/`) opens the URL;
//! without one the welcome page is shown.
//!
//! Trust: the Mozilla roots from Debian's `ca-certificates` (embedded by `bearssl-sys`),
//! plus the PEM certificates of the machine setting `opt/os/ca` when the machine has one.

mod app;

use bearssl_sys::TrustAnchors;
use std::rc::Rc;

fn trust_anchors() -> TrustAnchors {
    let started = sdk::monotonic_us().unwrap_or(0);
    let mut anchors = TrustAnchors::mozilla();
    let took = sdk::monotonic_us().unwrap_or(0).saturating_sub(started);
    sdk::log!(
        "browser: {} root certificates ready in {} ms",
        anchors.len(),
        took / 1000
    );
    if let Ok(pem) = sdk::config_get("opt/os/ca") {
        match anchors.add_pem(&pem) {
            Ok(n) => {
                sdk::log!("browser: {} extra certificate authority from opt/os/ca", n);
            }
            Err(e) => {
                sdk::log!("browser: opt/os/ca refused: {:?}", e);
            }
        }
    }
    anchors
}

fn main() {
    let _ = sdk::set_title("Browser");
    let start = std::env::args().nth(1);
    sdk::log!(
        "browser: started{}",
        start
            .as_deref()
            .map(|u| format!(" with {u}"))
            .unwrap_or_default()
    );
    let connector = app::connector::SdkConnector::new(Rc::new(trust_anchors()));
    sdk::run(app::Browser::new(connector, start));
}
