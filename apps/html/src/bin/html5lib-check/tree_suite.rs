//! Runs html5lib tree-construction tests (`.dat` files; format in the suite's README).

use crate::Tally;
use html::dom::{Document, Namespace};
use html::dump::dump_children;
use html::Options;

/// One `#data` block.
struct Case {
    data: String,
    fragment_context: Option<String>,
    script_on: bool,
    expected: String,
    /// Lines under `#errors` and `#new-errors`: how many parse errors to expect.
    expected_errors: usize,
}

/// Splits a `.dat` file into its cases.
fn cases(text: &str) -> Vec<Case> {
    let lines: Vec<&str> = text.split('\n').collect();
    let starts: Vec<usize> = (0..lines.len()).filter(|&i| lines[i] == "#data").collect();
    let mut out = Vec::new();
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(lines.len());
        let block = &lines[start + 1..end];
        let section = |name: &str| block.iter().position(|l| *l == name);
        let Some(errors) = section("#errors") else {
            continue;
        };
        let Some(document) = section("#document") else {
            continue;
        };
        let headers = [
            "#errors",
            "#new-errors",
            "#document-fragment",
            "#script-on",
            "#script-off",
            "#document",
        ];
        let data_end = block
            .iter()
            .position(|l| headers.contains(l))
            .unwrap_or(errors);
        let data = block[..data_end].join("\n");
        let fragment_context = section("#document-fragment")
            .and_then(|i| block.get(i + 1))
            .map(|s| s.to_string());
        let script_on = section("#script-on").is_some();
        let mut expected_lines: Vec<&str> = block[document + 1..].to_vec();
        while expected_lines.last() == Some(&"") {
            expected_lines.pop();
        }
        let mut expected = expected_lines.join("\n");
        expected.push('\n');
        let is_header = |l: &&str| headers.contains(l);
        let expected_errors = block[errors + 1..]
            .iter()
            .take_while(|l| !is_header(l))
            .count()
            + section("#new-errors")
                .map(|n| block[n + 1..].iter().take_while(|l| !is_header(l)).count())
                .unwrap_or(0);
        out.push(Case {
            data,
            fragment_context,
            script_on,
            expected,
            expected_errors,
        });
    }
    out
}

/// Parses one case with scripting off: the dump and the number of parse errors.
fn parse_and_dump(data: &str, fragment_context: Option<&str>) -> (String, usize) {
    let options = Options { scripting: false };
    match fragment_context {
        Some(context) => {
            let (namespace, name) = match context.split_once(' ') {
                Some(("svg", name)) => (Namespace::Svg, name),
                Some(("math", name)) => (Namespace::MathMl, name),
                _ => (Namespace::Html, context),
            };
            let fragment = html::parse_fragment(data, name, namespace, options);
            let errors = fragment.document.error_count;
            (dump_children(&fragment.document, fragment.root), errors)
        }
        None => {
            let document = html::parse_document(data, options);
            (
                dump_children(&document, Document::ROOT),
                document.error_count,
            )
        }
    }
}

/// Runs every scripting-off case of one `.dat` file.
pub fn run(text: &str, verbose: bool) -> Tally {
    let mut tally = Tally::default();
    for case in cases(text) {
        if case.script_on {
            continue;
        }
        tally.total += 1;
        let (actual, errors) = parse_and_dump(&case.data, case.fragment_context.as_deref());
        if errors == case.expected_errors {
            tally.codes_matched += 1;
        } else if verbose {
            println!(
                "ERRORS {:?}: want {}, got {errors}",
                case.data, case.expected_errors
            );
        }
        if actual == case.expected {
            tally.passed += 1;
        } else if verbose {
            println!(
                "FAIL {:?} (context {:?})\nwant:\n{}got:\n{}",
                case.data, case.fragment_context, case.expected, actual
            );
        }
    }
    tally
}
