//! Fetching from a real server: CPython's `http.server` on 127.0.0.1.

mod fetch_support;

use browser::fetch::{Fetch, FetchStatus};
use browser::url::Url;
use fetch_support::{drive, fetch_url, free_port, TcpConnector};
use std::path::PathBuf;
use std::time::Instant;

/// A temporary directory removed when dropped.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Serves a fresh directory holding `files` with `python3 -m http.server`.
fn http_server(files: &[(&str, &[u8])]) -> (peers::Server, TempDir, u16) {
    let dir =
        std::env::temp_dir().join(format!("bnet-http-{}-{}", std::process::id(), free_port()));
    std::fs::create_dir_all(&dir).unwrap();
    let dir = TempDir(dir);
    for (name, bytes) in files {
        std::fs::write(dir.0.join(name), bytes).unwrap();
    }
    let (server, port) = peers::http_server(&dir.0);
    (server, dir, port)
}

/// 100 KiB that are not all the same byte, so a misplaced piece would show.
fn sample_file() -> Vec<u8> {
    let mut state = 0x1234_5678u32;
    (0..100 * 1024)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (state >> 16) as u8
        })
        .collect()
}

#[test]
fn fetches_a_file_and_a_404() {
    let file = sample_file();
    let (_server, _dir, port) = http_server(&[("big.bin", &file), ("index.html", b"<p>hi</p>")]);

    let (run, mut fetch, connector) = fetch_url(&format!("http://127.0.0.1:{port}/big.bin"));
    let response = run.result.expect("fetch of big.bin");
    assert_eq!(response.status, 200);
    assert_eq!(response.body.len(), file.len());
    assert!(response.body == file, "body differs from the file");
    assert_eq!(response.header("content-length"), Some("102400"));
    assert_eq!(
        connector.opened,
        [format!("http://127.0.0.1:{port}/big.bin")]
    );
    let records = fetch.take_records();
    assert_eq!(records.len(), 1);
    assert_eq!((records[0].status, records[0].bytes), (200, 102_400));
    assert!(
        fetch.take_records().is_empty(),
        "records are handed out once"
    );
    // Progress never goes past the announced size and names the phases in order.
    for p in &run.progress {
        assert!(p.received <= 102_400);
        assert!(p.total.is_none() || p.total == Some(102_400));
    }
    assert_eq!(
        run.progress.first().map(|p| p.phase),
        Some("waiting for the response")
    );
    assert!(fetch.is_finished());
    assert_eq!(fetch.progress().phase, "done");

    let (run, mut fetch, _) = fetch_url(&format!("http://localhost:{port}/missing.html"));
    let response = run.result.expect("a 404 is a response, not a failure");
    assert_eq!(response.status, 404);
    assert!(String::from_utf8_lossy(&response.body).contains("404"));
    assert_eq!(fetch.take_records()[0].status, 404);

    let (run, _, _) = fetch_url(&format!("http://127.0.0.1:{port}/index.html#part"));
    let response = run.result.unwrap();
    assert_eq!(response.body, b"<p>hi</p>");
    assert_eq!(
        response.url.to_string(),
        format!("http://127.0.0.1:{port}/index.html#part")
    );
}

#[test]
fn slow_connections_and_polls_after_the_end() {
    let (_server, _dir, port) = http_server(&[("a.txt", b"slow start")]);
    let clock = Instant::now();
    let mut fetch = Fetch::new(
        Url::parse(&format!("http://127.0.0.1:{port}/a.txt")).unwrap(),
        0,
    );
    let mut connector = TcpConnector {
        slow_polls: 5,
        ..TcpConnector::default()
    };
    let run = drive(&mut fetch, &mut connector, clock);
    assert_eq!(run.result.unwrap().body, b"slow start");
    assert!(
        run.progress.iter().take(5).all(|p| p.phase == "connecting"),
        "first polls are connecting"
    );
    // Once Done has been returned, polling does nothing.
    assert!(matches!(
        fetch.poll(&mut connector, 0),
        FetchStatus::Pending
    ));
    assert_eq!(connector.opened.len(), 1);
}
