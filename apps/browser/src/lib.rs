//! `browser`: the web browser app's library, host-testable piece by piece.
//!
//! * [`url`]: parsing and resolving `http:`/`https:` URLs (WHATWG URL Standard, the subset
//!   a browser without scripts needs).
//! * [`http`]: HTTP/1.1 requests and an incremental response parser (RFC 9112).
//! * [`fetch`]: one page load as a state machine over a [`fetch::Connector`]: connect,
//!   request, response, redirects, timeouts, with every failure named.
//! * [`style`], [`layout`], [`paint`]: the DOM from `html` to a positioned page and pixels.
//! * [`pages`]: the built-in welcome and error pages.
//! * [`history`]: the back/forward list.
//!
//! `main.rs` ties them to the system: the sockets and DNS of `sdk`, TLS from `bearssl-sys`,
//! and the window.

pub mod fetch;
pub mod history;
pub mod http;
pub mod layout;
pub mod pages;
pub mod paint;
pub mod style;
pub mod url;
