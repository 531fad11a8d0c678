//! System tests of TLS inside a WASM app: `tlsprobe` (BearSSL compiled into the app) talks
//! to an `openssl s_server -www` on the host's 127.0.0.1:8443, which QEMU's user network
//! shows the guest as 10.0.2.2:8443.
//!
//! The certificates are made fresh in a temp dir: a test CA, a server certificate for
//! tessera.test signed by it, and a self-signed one. Until the kernel hands the app the
//! `-fw_cfg name=opt/os/ca,file=ca.pem` bytes, the app trusts only the embedded Mozilla
//! roots, so what can be checked end to end today is the refusal: a full handshake up to the
//! certificate check, ending in `tlsprobe: error certificate not trusted`. The success test
//! is ignored until that kernel hook exists (run it with `--ignored` then).
//!
//! Needs `tlsprobe.wasm` in build/test-esp/apps (or in `$TLSPROBE_ESP/apps`) and `openssl`
//! on the host.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use vmtest::{repo_root, Options, Vm, VmError};

const PROBE_TIMEOUT: Duration = Duration::from_secs(60);
const PORT: u16 = 8443;

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

fn make_certificates(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vmtest-tls-{}-{tag}", std::process::id()));
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
    openssl(
        &dir,
        &[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
            "-subj",
            "/CN=tessera.test",
        ],
    );
    std::fs::write(dir.join("ext.cnf"), "subjectAltName=DNS:tessera.test\n").expect("ext.cnf");
    openssl(
        &dir,
        &[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "server.pem",
            "-days",
            "30",
            "-extfile",
            "ext.cnf",
        ],
    );
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

fn start_server(dir: &Path, cert: &str, key: &str) -> Server {
    let server = Server(
        Command::new("openssl")
            .args([
                "s_server",
                "-www",
                "-accept",
                &format!("127.0.0.1:{PORT}"),
                "-cert",
                cert,
                "-key",
                key,
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

fn boot_probe(dir: &Path) -> vmtest::Result<Vm> {
    let options = Options {
        // TLSPROBE_ESP lets a run use another ESP folder holding tlsprobe.wasm.
        esp: std::env::var_os("TLSPROBE_ESP")
            .map(PathBuf::from)
            .unwrap_or_else(|| repo_root().join("build/test-esp")),
        fw_cfg: vec![
            ("opt/os/autostart".into(), "tlsprobe".into()),
            // Read by the kernel once the CA hook exists (see the module comment).
            (
                "opt/os/ca".into(),
                std::fs::read_to_string(dir.join("ca.pem")).unwrap_or_default(),
            ),
        ],
        ..Options::default()
    };
    Vm::boot(&options)
}

/// Waits for the probe's verdict (`tlsprobe: ok …` or `tlsprobe: error …`) and prints the
/// app's other lines (the root-decoding time) for the record.
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

#[test]
fn self_signed_server_is_refused_inside_the_app() -> vmtest::Result<()> {
    let dir = make_certificates("self");
    let _server = start_server(&dir, "self.pem", "self.key");
    let vm = boot_probe(&dir)?;
    let line = probe_result(&vm)?;
    assert!(
        line.contains("tlsprobe: error certificate not trusted"),
        "{line}"
    );
    let _ = std::fs::remove_dir_all(&dir);
    vm.assert_no_panic()
}

#[test]
#[ignore = "needs the kernel to pass opt/os/ca to apps"]
fn server_signed_by_the_test_ca_answers() -> vmtest::Result<()> {
    let dir = make_certificates("chain");
    let _server = start_server(&dir, "server.pem", "server.key");
    let vm = boot_probe(&dir)?;
    let line = probe_result(&vm)?;
    assert!(line.contains("tlsprobe: ok 200 bytes="), "{line}");
    let _ = std::fs::remove_dir_all(&dir);
    vm.assert_no_panic()
}
