//! URLs built from random pieces: parsing and joining never panic, and whatever parses
//! prints as a URL that parses back to itself.

use browser::url::Url;

/// xorshift64*: deterministic, so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "http:",
    "https:",
    "HTTP:",
    "ftp:",
    "//",
    "/",
    "\\",
    ".",
    "..",
    "%2e",
    "%",
    "%41",
    "%zz",
    "?",
    "#",
    "@",
    ":",
    ":80",
    ":443",
    ":8080",
    ":99999",
    "a",
    "B",
    "example.org",
    "0x7f",
    "1",
    "255",
    "256",
    "[",
    "]",
    " ",
    "\t",
    "\u{e9}",
    "\u{1F600}",
    "\"",
    "<",
    ">",
    ";",
    "=",
    "&",
    "~",
    "\0",
];

fn random_text(rng: &mut Rng) -> String {
    // Half start like a real URL, so that many get past the scheme.
    let start = ["", "http://", "https://x", "http://h:1/"][rng.below(4)];
    let rest: String = (0..rng.below(12))
        .map(|_| PIECES[rng.below(PIECES.len())])
        .collect();
    format!("{start}{rest}")
}

fn assert_stable(url: &Url, from: &str) {
    let printed = url.to_string();
    let again =
        Url::parse(&printed).unwrap_or_else(|e| panic!("{from:?} printed {printed:?}: {e}"));
    assert_eq!(&again, url, "{from:?} printed {printed:?}");
    assert!(
        url.path.starts_with('/'),
        "{from:?} gave path {:?}",
        url.path
    );
    assert!(printed.is_ascii(), "{from:?} printed {printed:?}");
    assert_eq!(url.host, url.host.to_ascii_lowercase());
}

#[test]
fn random_urls_parse_stably() {
    let mut rng = Rng(0xfeed_beef_1234_5678);
    let base = Url::parse("http://a/b/c/d;p?q").unwrap();
    let mut parsed = 0;
    for _ in 0..5000 {
        let text = random_text(&mut rng);
        if let Ok(url) = Url::parse(&text) {
            assert_stable(&url, &text);
            parsed += 1;
        }
        if let Ok(url) = Url::from_user_input(&text) {
            assert_stable(&url, &text);
        }
        if let Ok(url) = base.join(&text) {
            assert_stable(&url, &text);
            // Resolving a URL's own printed form against any base gives the URL back.
            assert_eq!(base.join(&url.to_string()).as_ref(), Ok(&url));
        }
    }
    assert!(parsed > 1000, "only {parsed} random texts parsed");
}
