//! TLS for WASM apps: BearSSL 0.6 compiled into the app, with a small safe layer on top.
//!
//! TLS runs inside the app's sandbox so that a TLS bug cannot reach the kernel (DESIGN.md,
//! "Networking"). `build.rs` compiles BearSSL's C source — fetched and checksum-verified by
//! `tools/fetch-bearssl.sh` into `build/bearssl/`, never committed — with clang for
//! wasm32-wasip1, or with the system C compiler for host tests. The crates.io crate of this
//! name no longer builds on current Rust, hence our own.
//!
//! Layers, bottom up:
//! - [`ffi`] (the only `unsafe` module): a C shim (`shim/shim.c`) owns BearSSL's large
//!   context structs, so Rust mirrors only `br_x509_trust_anchor`. The client is
//!   `br_ssl_client_init_full`: every cipher suite, hash and curve BearSSL supports.
//! - [`pem`]: PEM certificate blocks to DER.
//! - [`anchors`]: [`TrustAnchors`], the Mozilla roots of Debian's `ca-certificates`
//!   (embedded at build time, decoded at app start) plus extra PEM anchors at run time.
//! - [`client`]: [`TlsClient`] over any non-blocking [`Transport`]: handshake with SNI,
//!   chain, name and validity-time checks, then `read`/`write`.
//!
//! ```ignore
//! let anchors = Rc::new(TrustAnchors::mozilla());
//! let mut tls = TlsClient::connect(tcp, anchors, "example.org", unix_now, &seed)?;
//! // each frame: tls.pump()?; once ready, tls.write(b"GET / ...")?, tls.read(&mut buf)?
//! ```
#![deny(unsafe_code)]

pub mod anchors;
pub mod client;
mod ffi;
// Used by build.rs; compiled here only so its tests run.
#[cfg(test)]
mod der;
pub mod pem;

pub use anchors::{AnchorError, TrustAnchors};
pub use client::{bearssl_time, IoError, TlsClient, TlsError, Transport};
