//! Runs the html5lib conformance suites in `shared/testdata/html5lib` through the
//! `html5lib-check` binary and holds it to the goals: tokenizer >= 98%, tree construction
//! >= 90%. Skipped (with a note) when the shared folder is not beside the repository.

use std::path::PathBuf;
use std::process::Command;

#[test]
fn html5lib_suites_meet_the_goals() {
    let suite = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/testdata/html5lib");
    if !suite.is_dir() {
        eprintln!("skipping: {} not found", suite.display());
        return;
    }
    let output = Command::new(env!("CARGO_BIN_EXE_html5lib-check"))
        .args(["--min-tokenizer", "98", "--min-tree", "90"])
        .arg(&suite)
        .output()
        .expect("run html5lib-check");
    let report = String::from_utf8_lossy(&output.stdout);
    eprintln!("{report}{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "below the goals");
    assert!(report
        .lines()
        .last()
        .is_some_and(|l| l.starts_with("total: ")));
}
