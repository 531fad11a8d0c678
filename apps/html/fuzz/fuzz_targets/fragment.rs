//! Fragment parsing in many contexts (the first byte picks one), and the tokenizer started
//! in each text state. Must not panic.
#![no_main]

use html::dom::Namespace;
use html::tokenizer::{State, Token, Tokenizer};
use libfuzzer_sys::fuzz_target;

const CONTEXTS: &[(&str, Namespace)] = &[
    ("body", Namespace::Html),
    ("table", Namespace::Html),
    ("tr", Namespace::Html),
    ("select", Namespace::Html),
    ("template", Namespace::Html),
    ("title", Namespace::Html),
    ("script", Namespace::Html),
    ("plaintext", Namespace::Html),
    ("html", Namespace::Html),
    ("frameset", Namespace::Html),
    ("svg", Namespace::Svg),
    ("foreignObject", Namespace::Svg),
    ("math", Namespace::MathMl),
    ("annotation-xml", Namespace::MathMl),
    ("mi", Namespace::MathMl),
];

const STATES: &[State] = &[
    State::Data,
    State::Rcdata,
    State::Rawtext,
    State::ScriptData,
    State::Plaintext,
    State::CdataSection,
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let (name, namespace) = CONTEXTS[pick as usize % CONTEXTS.len()];
    let fragment = html::parse_fragment(&text, name, namespace, html::Options::default());
    let _ = html::dump::dump_children(&fragment.document, fragment.root);

    let mut tokenizer = Tokenizer::new(&text);
    tokenizer.state = STATES[(pick >> 4) as usize % STATES.len()];
    tokenizer.set_last_start_tag(name);
    tokenizer.allow_cdata = pick & 8 != 0;
    while tokenizer.next_token() != Token::EndOfFile {}
});
