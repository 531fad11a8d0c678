//! `peers`: real peers on the host for tests (host-only, never in what boots): python's
//! http.server, dnsmasq, openssl s_server, and a test certificate authority made with the
//! openssl command. The system tests (`vmtest`, as `vmtest::host`), BearSSL's handshake
//! tests and the browser's fetch tests share them.
//!
//! QEMU's user network shows the host's loopback to the guest as 10.0.2.2, so a server
//! bound to 127.0.0.1:PORT is `10.0.2.2:PORT` inside the OS, and dnsmasq on 127.0.0.1:53
//! answers the guest's queries sent to 10.0.2.2 (with `opt/os/dns` set to that address).
//! Every process is wrapped in a [`Server`], which kills it when dropped.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A server process that is killed when the guard is dropped.
pub struct Server(pub Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A TCP port free on 127.0.0.1 right now.
pub fn free_tcp_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(18080)
}

/// Waits until something accepts connections on 127.0.0.1:`port`.
pub fn wait_listening(port: u16) -> bool {
    for _ in 0..200 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

/// Serves `dir` with `python3 -m http.server` on 127.0.0.1; returns it once it answers.
pub fn http_server(dir: &Path) -> (Server, u16) {
    let port = free_tcp_port();
    let mut command = Command::new("python3");
    command
        .args([
            "-m",
            "http.server",
            &port.to_string(),
            "--bind",
            "127.0.0.1",
        ])
        .current_dir(dir);
    (listening(command, port, "python3 -m http.server"), port)
}

/// Starts a server quietly and waits until it accepts connections on `port`.
fn listening(mut command: Command, port: u16, what: &str) -> Server {
    let child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    let server = Server(child);
    assert!(wait_listening(port), "{what} did not listen on {port}");
    server
}

/// Starts dnsmasq on 127.0.0.1:53 answering `name,address` host records (and nothing
/// else); `None` when port 53 cannot be had (not root, or a resolver runs there).
pub fn dnsmasq(records: &[(&str, &str)]) -> Option<Server> {
    let options: Vec<String> = records
        .iter()
        .map(|(name, address)| format!("--host-record={name},{address}"))
        .collect();
    dnsmasq_with(&options)
}

/// Starts dnsmasq on 127.0.0.1:53 with these extra options (`--host-record=…`,
/// `--cname=…`, `--local=/domain/` …); `None` when port 53 cannot be had.
pub fn dnsmasq_with(options: &[String]) -> Option<Server> {
    if std::net::UdpSocket::bind("127.0.0.1:53").is_err() {
        eprintln!("cannot bind 127.0.0.1:53 (not root, or a resolver runs there)");
        return None;
    }
    let mut args: Vec<String> = [
        "--no-daemon",
        "--no-resolv",
        "--no-hosts",
        "--listen-address=127.0.0.1",
        "--bind-interfaces",
        "--port=53",
        // Names under .invalid (RFC 2606) get NXDOMAIN rather than no answer.
        "--local=/invalid/",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.extend(options.iter().cloned());
    let child = Command::new("dnsmasq")
        .args(&args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("dnsmasq (make setup installs dnsmasq-base)");
    let mut server = Server(child);
    std::thread::sleep(Duration::from_millis(300));
    if let Ok(Some(status)) = server.0.try_wait() {
        panic!("dnsmasq exited at once: {status}");
    }
    Some(server)
}

/// Runs the openssl command in `dir`; panics when it fails.
pub fn openssl(dir: &Path, args: &[&str]) {
    let output = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("openssl");
    assert!(
        output.status.success(),
        "openssl {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A test certificate authority in a folder of its own: `ca.pem`/`ca.key`, and server
/// certificates made on request, each as `NAME.pem` + `NAME.key`.
pub struct TestCa {
    pub dir: PathBuf,
}

impl TestCa {
    /// Makes a fresh CA (EC P-256, valid 30 days) in a new temp folder named after `label`.
    pub fn new(label: &str) -> TestCa {
        let dir = std::env::temp_dir().join(format!("vmtest-ca-{label}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
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
        TestCa { dir }
    }

    /// The CA certificate (PEM), e.g. for `-fw_cfg name=opt/os/ca,file=...`.
    pub fn ca_pem(&self) -> PathBuf {
        self.dir.join("ca.pem")
    }

    fn request(&self, name: &str, host: &str) {
        openssl(
            &self.dir,
            &[
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                &format!("{name}.key"),
                "-out",
                &format!("{name}.csr"),
                "-subj",
                &format!("/CN={host}"),
                "-addext",
                &format!("subjectAltName=DNS:{host}"),
            ],
        );
    }

    /// A server certificate for `host` signed by this CA, valid for 30 days from now.
    pub fn signed(&self, name: &str, host: &str) {
        self.request(name, host);
        std::fs::write(
            self.dir.join(format!("{name}.cnf")),
            format!("subjectAltName=DNS:{host}\n"),
        )
        .expect("extension file");
        openssl(
            &self.dir,
            &[
                "x509",
                "-req",
                "-in",
                &format!("{name}.csr"),
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                &format!("{name}.pem"),
                "-days",
                "30",
                "-extfile",
                &format!("{name}.cnf"),
            ],
        );
    }

    /// A certificate for `host` signed by this CA that expired in 2020 (`openssl ca` is the
    /// command that can set both dates).
    pub fn expired(&self, name: &str, host: &str) {
        self.request(name, host);
        let config = "[ca]\ndefault_ca = test\n[test]\ndir = .\ndatabase = index.txt\n\
                      new_certs_dir = .\ncertificate = ca.pem\nprivate_key = ca.key\n\
                      serial = ca.serial\ndefault_md = sha256\npolicy = any\n\
                      copy_extensions = copy\nunique_subject = no\n[any]\ncommonName = supplied\n";
        std::fs::write(self.dir.join("ca.cnf"), config).expect("ca config");
        std::fs::write(self.dir.join("index.txt"), "").expect("ca database");
        std::fs::write(self.dir.join("ca.serial"), "1000\n").expect("ca serial");
        openssl(
            &self.dir,
            &[
                "ca",
                "-batch",
                "-config",
                "ca.cnf",
                "-startdate",
                "20200101000000Z",
                "-enddate",
                "20200201000000Z",
                "-notext",
                "-in",
                &format!("{name}.csr"),
                "-out",
                &format!("{name}.pem"),
            ],
        );
    }

    /// A self-signed certificate for `host` (no CA vouches for it).
    pub fn self_signed(&self, name: &str, host: &str) {
        openssl(
            &self.dir,
            &[
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                &format!("{name}.key"),
                "-out",
                &format!("{name}.pem"),
                "-days",
                "30",
                "-subj",
                &format!("/CN={host}"),
                "-addext",
                &format!("subjectAltName=DNS:{host}"),
            ],
        );
    }

    /// Serves the files of `root` over TLS with certificate `name` (`openssl s_server
    /// -WWW`: `GET /file` answers the file) on a free port; returns it once it listens.
    pub fn s_server(&self, name: &str, root: &Path) -> (Server, u16) {
        self.s_server_mode(name, root, "-WWW")
    }

    /// Like [`TestCa::s_server`] with another page mode: `-www` answers every request with
    /// a status page about the TLS session.
    pub fn s_server_mode(&self, name: &str, root: &Path, mode: &str) -> (Server, u16) {
        let port = free_tcp_port();
        let mut command = Command::new("openssl");
        command
            .args([
                "s_server",
                mode,
                "-accept",
                &format!("127.0.0.1:{port}"),
                "-cert",
            ])
            .arg(self.dir.join(format!("{name}.pem")))
            .arg("-key")
            .arg(self.dir.join(format!("{name}.key")))
            .current_dir(root);
        (listening(command, port, "openssl s_server"), port)
    }
}

/// A page of about `bytes` of HTML for benchmarks, shaped like an article: sections of a
/// heading, four paragraphs with bold, italic and a link, a list and a small table. `make
/// bench` serves it to the browser; `apps/browser/examples/pipeline_bench.rs` times it.
pub fn article(bytes: usize) -> String {
    let mut page =
        String::from("<!DOCTYPE html><html><head><title>Benchmark article</title></head><body>\n");
    let mut section = 0;
    while page.len() < bytes {
        section += 1;
        page.push_str(&format!("<h2>Section {section}</h2>\n"));
        for p in 0..4 {
            page.push_str(&format!(
                "<p>Paragraph {p} of section {section}: the quick brown fox jumps over the \
                 lazy dog, <b>bold words</b>, <i>slanted words</i> and a \
                 <a href=\"#s{section}p{p}\">link number {p}</a> among ordinary text that \
                 wraps over several lines of the window.</p>\n"
            ));
        }
        page.push_str("<ul><li>one item</li><li>another item</li><li>a third</li></ul>\n");
        page.push_str("<table><tr><th>key</th><th>value</th></tr>");
        for row in 0..3 {
            page.push_str(&format!(
                "<tr><td>row {row}</td><td>{}</td></tr>",
                row * section
            ));
        }
        page.push_str("</table>\n");
    }
    page.push_str("</body></html>\n");
    page
}
