//! System tests of networking in QEMU against real peers on the host: QEMU's user network
//! answers DHCP; python's http.server and dnsmasq run on the host's loopback, which the guest
//! reaches as 10.0.2.2.

use std::time::Duration;
use vmtest::{host, Options, Vm};

const SHORT: Duration = Duration::from_secs(20);

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= byte as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Bytes that are not trivially compressible or repetitive.
fn pseudo_random(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect()
}

#[test]
fn dhcp_ping_and_a_multi_megabyte_http_download_are_exact() -> vmtest::Result<()> {
    let dir = std::env::temp_dir().join(format!("vmtest-www-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let body = pseudo_random(4 << 20, 0x9e37_79b9_7f4a_7c15);
    std::fs::write(dir.join("big.bin"), &body).expect("write file");
    std::fs::write(dir.join("hello.txt"), b"hello over tcp\n").expect("write file");
    let (_server, port) = host::http_server(&dir);
    let mut vm = Vm::boot(&Options::default())?;
    vm.wait_for("net: dhcp 10.0.2.15/24 gw 10.0.2.2 dns 10.0.2.3", SHORT)?;
    let mark = vm.console("ping 10.0.2.2")?;
    vm.wait_for_after(mark, "ping: reply from 10.0.2.2 in ", SHORT)?;
    let mark = vm.console(&format!("http http://10.0.2.2:{port}/hello.txt"))?;
    let line = vm.wait_for_after(mark, "http: ", SHORT)?;
    assert_eq!(
        line,
        format!(
            "http: 200 bytes=15 crc32={:08x}",
            crc32(b"hello over tcp\n")
        )
    );
    let mark = vm.console(&format!("http http://10.0.2.2:{port}/missing"))?;
    vm.wait_for_after(mark, "http: 404 ", SHORT)?;
    let started = std::time::Instant::now();
    let mark = vm.console(&format!("http http://10.0.2.2:{port}/big.bin"))?;
    let line = vm.wait_for_after(mark, "http: ", Duration::from_secs(60))?;
    let seconds = started.elapsed().as_secs_f64();
    assert_eq!(
        line,
        format!("http: 200 bytes={} crc32={:08x}", body.len(), crc32(&body))
    );
    eprintln!("downloaded {} bytes in {seconds:.1} s", body.len());
    let mark = vm.console("ifconfig")?;
    vm.wait_for_after(mark, "ifconfig: inet 10.0.2.15/24 gw 10.0.2.2", SHORT)?;
    let _ = std::fs::remove_dir_all(&dir);
    vm.assert_no_panic()
}

#[test]
fn dns_answers_come_from_dnsmasq_on_the_host() -> vmtest::Result<()> {
    // dnsmasq must own port 53 of the host's loopback: QEMU forwards 10.0.2.2:53 there.
    let records = [
        "--local=/tessera.test/",
        "--host-record=www.tessera.test,10.0.2.2",
        "--host-record=multi.tessera.test,10.1.0.1",
        "--host-record=multi.tessera.test,10.1.0.2",
        "--cname=alias.tessera.test,www.tessera.test",
    ];
    let records: Vec<String> = records.iter().map(|s| s.to_string()).collect();
    let Some(_dns) = host::dnsmasq_with(&records) else {
        eprintln!("skipped: cannot bind 127.0.0.1:53 (not root, or a resolver runs there)");
        return Ok(());
    };
    let options = Options {
        fw_cfg: vec![("opt/os/dns".into(), "10.0.2.2".into())],
        ..Options::default()
    };
    let mut vm = Vm::boot(&options)?;
    vm.wait_for("net: dns server 10.0.2.2 (from opt/os/dns)", SHORT)?;
    vm.wait_for("net: dhcp ", SHORT)?;
    let mark = vm.console("dns www.tessera.test")?;
    assert_eq!(
        vm.wait_for_after(mark, "dns: ", SHORT)?,
        "dns: www.tessera.test 10.0.2.2"
    );
    let mark = vm.console("dns alias.tessera.test")?;
    assert_eq!(
        vm.wait_for_after(mark, "dns: ", SHORT)?,
        "dns: alias.tessera.test 10.0.2.2"
    );
    let mark = vm.console("dns multi.tessera.test")?;
    let line = vm.wait_for_after(mark, "dns: ", SHORT)?;
    assert!(
        line.contains("10.1.0.1") && line.contains("10.1.0.2"),
        "{line}"
    );
    let mark = vm.console("dns missing.tessera.test")?;
    assert_eq!(
        vm.wait_for_after(mark, "dns: ", SHORT)?,
        "dns: missing.tessera.test failed: NoSuchName"
    );
    vm.assert_no_panic()
}
