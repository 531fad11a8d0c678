//! The conformance corpus: every `tests/corpus/*.py` runs under CPython (`python3`, the
//! oracle) and under `pyrun`; stdout, the exit status and the last line of stderr (the
//! `Type: message` of an uncaught exception) must be identical. Prints `N passed, M failed`.
//! Programs listed in `tests/corpus/KNOWN_FAILURES` may fail without failing the test (they
//! document gaps); any other failure fails it. Set `CORPUS_FILTER=name` to run a subset.

use std::path::Path;
use std::process::Command;

struct Outcome {
    stdout: String,
    status: i32,
    last_err: String,
}

fn run(cmd: &str, file: &str, dir: &Path) -> Option<Outcome> {
    let out = Command::new(cmd)
        .arg(file)
        .current_dir(dir)
        .env("PYTHONHASHSEED", "0")
        .output()
        .ok()?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    Some(Outcome {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        status: out.status.code().unwrap_or(-1),
        last_err: stderr.lines().last().unwrap_or("").to_string(),
    })
}

#[test]
fn corpus_matches_cpython() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let pyrun = env!("CARGO_BIN_EXE_pyrun");
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("python3 not found: corpus skipped");
        return;
    }
    let known: Vec<String> = std::fs::read_to_string(dir.join("KNOWN_FAILURES"))
        .unwrap_or_default()
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let filter = std::env::var("CORPUS_FILTER").unwrap_or_default();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("corpus dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".py") && n.contains(filter.as_str()))
        .collect();
    names.sort();
    let (mut passed, mut failed) = (0, 0);
    let mut unexpected = Vec::new();
    for name in &names {
        let want = run("python3", name, &dir).expect("python3 runs");
        let got = run(pyrun, name, &dir).expect("pyrun runs");
        let ok =
            want.stdout == got.stdout && want.status == got.status && want.last_err == got.last_err;
        if ok {
            passed += 1;
        } else {
            failed += 1;
            let stem = name.trim_end_matches(".py");
            if !known.iter().any(|k| k == stem) {
                unexpected.push(name.clone());
            }
            eprintln!("FAIL {}", name);
            if want.stdout != got.stdout {
                let w: Vec<&str> = want.stdout.lines().collect();
                let g: Vec<&str> = got.stdout.lines().collect();
                for i in 0..w.len().max(g.len()) {
                    if w.get(i) != g.get(i) {
                        eprintln!(
                            "  line {}:\n    cpython: {:?}\n    pyrun:   {:?}",
                            i + 1,
                            w.get(i),
                            g.get(i)
                        );
                        break;
                    }
                }
            }
            if want.status != got.status || want.last_err != got.last_err {
                eprintln!(
                    "  cpython: {} {:?}\n  pyrun:   {} {:?}",
                    want.status, want.last_err, got.status, got.last_err
                );
            }
        }
    }
    println!("corpus: {} passed, {} failed", passed, failed);
    eprintln!("corpus: {} passed, {} failed", passed, failed);
    assert!(
        unexpected.is_empty(),
        "unexpected corpus failures: {:?}",
        unexpected
    );
}
