//! System tests of TLS inside a WASM app: `tlsprobe` (BearSSL compiled into the app) talks
//! to an `openssl s_server -www` on the host's 127.0.0.1:8443, which QEMU's user network
//! shows the guest as 10.0.2.2:8443, with the server name tessera.test.
//!
//! Certificates are made fresh once per run in a temp dir: a test CA, a server certificate
//! for tessera.test signed by it, one for another name signed by it, and a self-signed one
//! for tessera.test. Until the kernel hands apps the `-fw_cfg name=opt/os/ca,file=ca.pem`
//! bytes, the test CA reaches the app at build time: tlsprobe is built with
//! `TLSPROBE_CA=<dir>/ca.pem` into `target/tlsprobe-test` and booted from a temp ESP holding
//! the test kernel (build/test-esp/EFI/BOOT/BOOTX64.EFI) and that tlsprobe.wasm. The tests
//! share port 8443 and run one at a time.
//!
//! Needs `make build` (the test ESP's kernel), `openssl`, clang and the BearSSL source.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};
use vmtest::{repo_root, Options, Vm, VmError};

const PROBE_TIMEOUT: Duration = Duration::from_secs(60);
const PORT: u16 = 8443;

/// One test at a time: they share the port.
static SERIAL: Mutex<()> = Mutex::new(());
/// The certificates' folder and the ESP, made once.
static SETUP: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn openssl(dir: &Path, args: &[&str]) {
    let status = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .stderr(Stdio::null())
        .status();
    assert!(status.is_ok_and(|s| s.success()), "openssl {args:?} failed");
}

/// Signs a server certificate `NAME.pem` (key `NAME.key`) for `host` with the test CA.
fn signed_server(dir: &Path, name: &str, host: &str) {
    let key = format!("{name}.key");
    let csr = format!("{name}.csr");
    let pem = format!("{name}.pem");
    let ext = format!("{name}.cnf");
    openssl(
        dir,
        &[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            &key,
            "-out",
            &csr,
            "-subj",
            &format!("/CN={host}"),
        ],
    );
    std::fs::write(dir.join(&ext), format!("subjectAltName=DNS:{host}\n")).expect("ext file");
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            &csr,
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            &pem,
            "-days",
            "30",
            "-extfile",
            &ext,
        ],
    );
}

fn make_certificates() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vmtest-tls-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    openssl(
        &dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "30",
            "-subj",
            "/CN=Tessera Test CA",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign",
        ],
    );
    signed_server(&dir, "server", "tessera.test");
    signed_server(&dir, "other", "other.test");
    openssl(
        &dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "self.key",
            "-out",
            "self.pem",
            "-days",
            "30",
            "-subj",
            "/CN=tessera.test",
            "-addext",
            "subjectAltName=DNS:tessera.test",
        ],
    );
    dir
}

/// Builds tlsprobe trusting the test CA and puts it with the test kernel in a temp ESP.
fn make_esp(dir: &Path) -> PathBuf {
    let target = repo_root().join("target/tlsprobe-test");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args([
            "build",
            "--release",
            "--target",
            "wasm32-wasip1",
            "-p",
            "tlsprobe",
        ])
        .current_dir(repo_root())
        .env("CARGO_TARGET_DIR", &target)
        .env("TLSPROBE_CA", dir.join("ca.pem"))
        .status();
    assert!(
        status.is_ok_and(|s| s.success()),
        "building tlsprobe failed"
    );
    let esp = dir.join("esp");
    std::fs::create_dir_all(esp.join("EFI/BOOT")).expect("esp");
    std::fs::create_dir_all(esp.join("apps")).expect("esp apps");
    std::fs::copy(
        repo_root().join("build/test-esp/EFI/BOOT/BOOTX64.EFI"),
        esp.join("EFI/BOOT/BOOTX64.EFI"),
    )
    .expect("the test kernel (run `make build` first)");
    std::fs::copy(
        target.join("wasm32-wasip1/release/tlsprobe.wasm"),
        esp.join("apps/tlsprobe.wasm"),
    )
    .expect("tlsprobe.wasm");
    esp
}

fn setup() -> &'static (PathBuf, PathBuf) {
    SETUP.get_or_init(|| {
        let dir = make_certificates();
        let esp = make_esp(&dir);
        (dir, esp)
    })
}

fn start_server(dir: &Path, cert: &str, key: &str) -> Server {
    let port = format!("127.0.0.1:{PORT}");
    let server = Server(
        Command::new("openssl")
            .args([
                "s_server", "-www", "-accept", &port, "-cert", cert, "-key", key,
            ])
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("openssl s_server"),
    );
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", PORT)).is_ok() {
            return server;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("s_server did not listen on {PORT}");
}

/// Waits for the probe's verdict (`tlsprobe: ok …` or `tlsprobe: error …`) and prints the
/// app's lines for the record.
fn probe_result(vm: &Vm) -> vmtest::Result<String> {
    let start = Instant::now();
    while start.elapsed() < PROBE_TIMEOUT {
        let lines = vm.log();
        let verdict = lines
            .iter()
            .find(|l| l.contains("tlsprobe: ok") || l.contains("tlsprobe: error"));
        if let Some(verdict) = verdict {
            for line in lines.iter().filter(|l| l.contains("tlsprobe")) {
                println!("{line}");
            }
            return Ok(verdict.clone());
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    Err(VmError("no tlsprobe verdict in the log".into()))
}

/// Serves `cert`/`key`, boots with tlsprobe autostarted, returns its verdict line.
fn probe_against(cert: &str, key: &str) -> vmtest::Result<String> {
    let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let (dir, esp) = setup();
    let _server = start_server(dir, cert, key);
    let options = Options {
        esp: esp.clone(),
        fw_cfg: vec![("opt/os/autostart".into(), "tlsprobe".into())],
        ..Options::default()
    };
    let vm = Vm::boot(&options)?;
    let line = probe_result(&vm)?;
    vm.assert_no_panic()?;
    Ok(line)
}

#[test]
fn server_signed_by_the_test_ca_answers() -> vmtest::Result<()> {
    let line = probe_against("server.pem", "server.key")?;
    assert!(line.contains("tlsprobe: ok 200 bytes="), "{line}");
    Ok(())
}

#[test]
fn self_signed_server_is_refused() -> vmtest::Result<()> {
    let line = probe_against("self.pem", "self.key")?;
    assert!(
        line.contains("tlsprobe: error certificate not trusted"),
        "{line}"
    );
    Ok(())
}

#[test]
fn certificate_for_another_name_is_refused() -> vmtest::Result<()> {
    let line = probe_against("other.pem", "other.key")?;
    assert!(
        line.contains("tlsprobe: error certificate does not match the server name"),
        "{line}"
    );
    Ok(())
}
