//! Compiles BearSSL (fetched by `tools/fetch-bearssl.sh` into `build/bearssl/`, never
//! committed) and our C shim into a static library, for the host (system `cc`) or for
//! wasm32 (clang with `--target=wasm32-wasi` and Debian's wasi-libc headers).
//!
//! It also turns the Mozilla roots of Debian's `ca-certificates`
//! (`/etc/ssl/certs/ca-certificates.crt`, or `TESSERA_CA_BUNDLE`) into a concatenation of
//! ready BearSSL trust anchors, `$OUT_DIR/roots.bin`, which the crate embeds (see
//! `src/der.rs` for why at build time).

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

#[path = "src/der.rs"]
mod der;
#[path = "src/pem.rs"]
mod pem;

fn main() {
    let manifest =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let source = manifest.join("../../build/bearssl");
    println!("cargo:rerun-if-changed=shim/shim.c");
    println!(
        "cargo:rerun-if-changed={}",
        source.join(".verified").display()
    );
    if !source.join("inc/bearssl.h").is_file() {
        panic!(
            "\n\nbearssl-sys: the BearSSL source is missing at {}.\n\
             Run `make setup` (or tools/fetch-bearssl.sh) to fetch and verify it.\n\n",
            source.display()
        );
    }
    compile(&source, &manifest);
    embed_roots();
}

fn compile(source: &Path, manifest: &Path) {
    let target = env::var("TARGET").unwrap_or_default();
    let mut build = cc::Build::new();
    let mut files = Vec::new();
    collect_c_files(&source.join("src"), &mut files);
    files.sort();
    build.files(&files).file(manifest.join("shim/shim.c"));
    build
        .include(source.join("inc"))
        .include(source.join("src"));
    for (name, value) in [
        ("BR_USE_URANDOM", "0"),
        ("BR_USE_UNIX_TIME", "0"),
        ("BR_USE_WIN32_RAND", "0"),
        ("BR_USE_WIN32_TIME", "0"),
        ("BR_RDRAND", "0"),
    ] {
        build.define(name, value);
    }
    build.warnings(false).opt_level_str("s");
    if target.starts_with("wasm32") {
        // Debian's clang does not know `wasm32-wasip1`, which `cc` passes: the last
        // --target wins.
        build.compiler("clang").flag("--target=wasm32-wasi");
        build.flag("-isystem").flag("/usr/include/wasm32-wasi");
        build.archiver(find_archiver());
        if !Path::new("/usr/include/wasm32-wasi/string.h").is_file() {
            panic!("\n\nbearssl-sys: wasi-libc headers are missing; run `make setup`.\n\n");
        }
    }
    build.compile("bearssl");
}

/// `llvm-ar` (any version) understands wasm objects; GNU ar writes an index wasm-ld rejects.
fn find_archiver() -> String {
    for name in ["llvm-ar", "llvm-ar-16", "llvm-ar-15", "llvm-ar-14"] {
        let found = env::var_os("PATH")
            .map(|paths| env::split_paths(&paths).any(|dir| dir.join(name).is_file()))
            .unwrap_or(false);
        if found {
            return name.to_string();
        }
    }
    "ar".to_string()
}

fn collect_c_files(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_c_files(&path, files);
        } else if path.extension().is_some_and(|e| e == "c") {
            files.push(path);
        }
    }
}

/// Writes `roots.der` (every PEM CERTIFICATE block of the system bundle, decoded, as
/// records of a 4-byte big-endian length and the DER bytes; kept for tests) and
/// `roots.bin`, the same certificates as ready trust anchors (see `src/der.rs`).
fn embed_roots() {
    let bundle =
        env::var("TESSERA_CA_BUNDLE").unwrap_or("/etc/ssl/certs/ca-certificates.crt".into());
    println!("cargo:rerun-if-env-changed=TESSERA_CA_BUNDLE");
    println!("cargo:rerun-if-changed={bundle}");
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let text = fs::read(&bundle).unwrap_or_else(|_| {
        println!("cargo:warning=no CA bundle at {bundle}: embedding no roots (apt-get install ca-certificates)");
        Vec::new()
    });
    let mut certificates = Vec::new();
    let mut anchors = Vec::new();
    for der in pem::certificates(&text) {
        match der::anchor_parts(&der).and_then(|parts| der::anchor_record(&parts)) {
            Some(record) => anchors.extend_from_slice(&record),
            None => println!("cargo:warning=a root certificate in {bundle} was skipped"),
        }
        certificates.extend_from_slice(&(der.len() as u32).to_be_bytes());
        certificates.extend_from_slice(&der);
    }
    fs::write(out.join("roots.der"), certificates).expect("write roots.der");
    fs::write(out.join("roots.bin"), anchors).expect("write roots.bin");
}
