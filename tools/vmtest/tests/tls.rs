//! System tests of TLS inside a WASM app: `tlsprobe` (BearSSL compiled into the app) talks
//! to an `openssl s_server -www` on the host's loopback, which QEMU's user network shows
//! the guest as 10.0.2.2, with the server name tessera.test.
//!
//! The certificates come from a test CA made once per run ([`vmtest::host::TestCa`]): a
//! server certificate for tessera.test, one for another name, and a self-signed one. The CA
//! reaches the app the way a private CA would on a real machine: QEMU's
//! `-fw_cfg name=opt/os/ca,file=ca.pem`, which the kernel hands to apps through the
//! `config_get` system call. tlsprobe is on the test ESP's boot drive (`make build`) and is
//! started with the server's address as its argument.

use std::sync::OnceLock;
use std::time::{Duration, Instant};
use vmtest::host::TestCa;
use vmtest::{repo_root, Options, Vm, VmError};

const PROBE_TIMEOUT: Duration = Duration::from_secs(60);

/// The test CA and its certificates, made once.
fn ca() -> &'static TestCa {
    static CA: OnceLock<TestCa> = OnceLock::new();
    CA.get_or_init(|| {
        let ca = TestCa::new("tls");
        ca.signed("server", "tessera.test");
        ca.signed("other", "other.test");
        ca.self_signed("self", "tessera.test");
        ca
    })
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

/// Serves certificate `name`, boots with tlsprobe autostarted against it, returns its
/// verdict line.
fn probe_against(name: &str) -> vmtest::Result<String> {
    let ca = ca();
    let (_server, port) = ca.s_server_mode(name, &ca.dir, "-www");
    let options = Options {
        esp: repo_root().join("build/test-esp"),
        fw_cfg: vec![(
            "opt/os/autostart".into(),
            format!("tlsprobe 10.0.2.2:{port}"),
        )],
        fw_cfg_files: vec![("opt/os/ca".into(), ca.ca_pem())],
        ..Options::default()
    };
    let vm = Vm::boot(&options)?;
    vm.wait_for("config: opt/os/ca (", PROBE_TIMEOUT)?;
    vm.wait_for("tlsprobe: 1 extra anchor(s)", PROBE_TIMEOUT)?;
    let line = probe_result(&vm)?;
    vm.assert_no_panic()?;
    Ok(line)
}

#[test]
fn server_signed_by_the_test_ca_answers() -> vmtest::Result<()> {
    let line = probe_against("server")?;
    assert!(line.contains("tlsprobe: ok 200 bytes="), "{line}");
    Ok(())
}

#[test]
fn self_signed_server_is_refused() -> vmtest::Result<()> {
    let line = probe_against("self")?;
    assert!(
        line.contains("tlsprobe: error certificate not trusted"),
        "{line}"
    );
    Ok(())
}

#[test]
fn certificate_for_another_name_is_refused() -> vmtest::Result<()> {
    let line = probe_against("other")?;
    assert!(
        line.contains("tlsprobe: error certificate does not match the server name"),
        "{line}"
    );
    Ok(())
}
