//! Runs html5lib tokenizer tests (`.test` JSON files; format in the suite's README).

use crate::json::{self, Json};
use crate::Tally;
use html::tokenizer::{State, Token, Tokenizer};

/// One token in the suite's shape, ready to compare.
#[derive(Debug, PartialEq)]
enum Expected {
    Doctype(Option<String>, Option<String>, Option<String>, bool),
    StartTag(String, Vec<(String, String)>, bool),
    EndTag(String),
    Comment(String),
    Character(String),
}

fn state_named(name: &str) -> Option<State> {
    Some(match name {
        "Data state" => State::Data,
        "PLAINTEXT state" => State::Plaintext,
        "RCDATA state" => State::Rcdata,
        "RAWTEXT state" => State::Rawtext,
        "Script data state" => State::ScriptData,
        "CDATA section state" => State::CdataSection,
        _ => return None,
    })
}

/// Undoes the suite's `doubleEscaped` encoding; `None` if it holds a lone surrogate.
fn unescape(text: &str) -> Option<String> {
    let (value, lone) = json::parse(&format!("\"{}\"", text.replace('"', "\\\""))).ok()?;
    if lone {
        return None;
    }
    value.as_str().map(String::from)
}

fn text_of(value: &Json, double_escaped: bool) -> Option<String> {
    let text = value.as_str()?;
    if double_escaped {
        unescape(text)
    } else {
        Some(text.to_string())
    }
}

fn optional_text(value: Option<&Json>, double_escaped: bool) -> Option<Option<String>> {
    match value {
        None | Some(Json::Null) => Some(None),
        Some(v) => text_of(v, double_escaped).map(Some),
    }
}

/// The expected tokens, with adjacent characters merged.
fn expected_tokens(output: &[Json], double_escaped: bool) -> Option<Vec<Expected>> {
    let mut tokens = Vec::new();
    for item in output {
        let parts = item.as_array();
        let kind = parts.first().and_then(|k| k.as_str())?;
        let token = match kind {
            "DOCTYPE" => Expected::Doctype(
                optional_text(parts.get(1), double_escaped)?,
                optional_text(parts.get(2), double_escaped)?,
                optional_text(parts.get(3), double_escaped)?,
                parts.get(4).and_then(|b| b.as_bool()).unwrap_or(true),
            ),
            "StartTag" => {
                let mut attributes = Vec::new();
                if let Some(Json::Object(members)) = parts.get(2) {
                    for (name, value) in members {
                        let name = if double_escaped {
                            unescape(name)?
                        } else {
                            name.clone()
                        };
                        attributes.push((name, text_of(value, double_escaped)?));
                    }
                }
                attributes.sort();
                let self_closing = parts.get(3).and_then(|b| b.as_bool()).unwrap_or(false);
                Expected::StartTag(
                    text_of(parts.get(1)?, double_escaped)?,
                    attributes,
                    self_closing,
                )
            }
            "EndTag" => Expected::EndTag(text_of(parts.get(1)?, double_escaped)?),
            "Comment" => Expected::Comment(text_of(parts.get(1)?, double_escaped)?),
            "Character" => Expected::Character(text_of(parts.get(1)?, double_escaped)?),
            _ => return None,
        };
        push_merged(&mut tokens, token);
    }
    Some(tokens)
}

fn push_merged(tokens: &mut Vec<Expected>, token: Expected) {
    if let (Some(Expected::Character(last)), Expected::Character(more)) =
        (tokens.last_mut(), &token)
    {
        last.push_str(more);
        return;
    }
    tokens.push(token);
}

/// Runs our tokenizer from `state`: the tokens in the suite's shape and the parse error
/// codes (sorted).
fn tokenize(
    input: &str,
    state: State,
    last_start_tag: Option<&str>,
) -> (Vec<Expected>, Vec<&'static str>) {
    let mut tokenizer = Tokenizer::new(input);
    tokenizer.state = state;
    if let Some(tag) = last_start_tag {
        tokenizer.set_last_start_tag(tag);
    }
    let mut tokens = Vec::new();
    loop {
        let token = match tokenizer.next_token() {
            Token::EndOfFile => break,
            Token::Doctype(d) => {
                Expected::Doctype(d.name, d.public_id, d.system_id, !d.force_quirks)
            }
            Token::StartTag(tag) => {
                let mut attributes: Vec<(String, String)> = tag
                    .attributes
                    .into_iter()
                    .map(|a| (a.name, a.value))
                    .collect();
                attributes.sort();
                Expected::StartTag(tag.name, attributes, tag.self_closing)
            }
            Token::EndTag(tag) => Expected::EndTag(tag.name),
            Token::Comment(text) => Expected::Comment(text),
            Token::Characters(text) => Expected::Character(text),
        };
        push_merged(&mut tokens, token);
    }
    let mut codes = tokenizer.error_codes().to_vec();
    codes.sort_unstable();
    (tokens, codes)
}

/// Runs every case of one `.test` file.
pub fn run(text: &str, verbose: bool) -> Tally {
    let mut tally = Tally::default();
    let root = match json::parse(text) {
        Ok((root, _)) => root,
        Err(error) => {
            eprintln!("bad JSON: {error}");
            return tally;
        }
    };
    let tests = root.get("tests").or_else(|| root.get("xmlViolationTests"));
    for test in tests.map(|t| t.as_array()).unwrap_or(&[]) {
        let double_escaped = test
            .get("doubleEscaped")
            .and_then(|d| d.as_bool())
            .unwrap_or(false);
        let states: Vec<&str> = match test.get("initialStates") {
            Some(list) => list.as_array().iter().filter_map(|s| s.as_str()).collect(),
            None => vec!["Data state"],
        };
        let input = test.get("input").and_then(|i| text_of(i, double_escaped));
        let expected = expected_tokens(
            test.get("output").map(|o| o.as_array()).unwrap_or(&[]),
            double_escaped,
        );
        let last_start_tag = test.get("lastStartTag").and_then(|t| t.as_str());
        for state_name in states {
            tally.total += 1;
            let (Some(input), Some(expected), Some(state)) =
                (&input, &expected, state_named(state_name))
            else {
                if verbose {
                    println!("SKIP {:?} ({state_name})", test.get("description"));
                }
                continue;
            };
            let (actual, codes) = tokenize(input, state, last_start_tag);
            let mut expected_codes: Vec<&str> = test
                .get("errors")
                .map(|e| e.as_array())
                .unwrap_or(&[])
                .iter()
                .filter_map(|e| e.get("code").and_then(|c| c.as_str()))
                .collect();
            expected_codes.sort_unstable();
            if codes == expected_codes {
                tally.codes_matched += 1;
            } else if verbose {
                println!("CODES {input:?} ({state_name}): want {expected_codes:?}, got {codes:?}");
            }
            if &actual == expected {
                tally.passed += 1;
            } else if verbose {
                println!("FAIL {:?} ({state_name})\n  input: {input:?}\n  want:  {expected:?}\n  got:   {actual:?}", test.get("description"));
            }
        }
    }
    tally
}
