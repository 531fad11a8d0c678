//! Embeds an extra CA for tests: the PEM file named by `TLSPROBE_CA` at build time (none
//! when unset). The system test `tools/vmtest/tests/tls.rs` builds tlsprobe this way until
//! the kernel passes `-fw_cfg opt/os/ca` to apps.

use std::env;
use std::fs;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=TLSPROBE_CA");
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("extra_ca.pem");
    let pem = match env::var("TLSPROBE_CA") {
        Ok(path) if !path.is_empty() => {
            println!("cargo:rerun-if-changed={path}");
            fs::read(&path).unwrap_or_else(|e| panic!("TLSPROBE_CA={path}: {e}"))
        }
        _ => Vec::new(),
    };
    fs::write(out, pem).expect("write extra_ca.pem");
}
