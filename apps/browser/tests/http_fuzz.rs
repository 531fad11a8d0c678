//! The response parser on random and mangled input: it must never panic, and cutting the
//! same bytes into different pieces must never change the result.

use browser::http::{HttpError, ResponseHead, ResponseParser};

/// xorshift64*: a small deterministic generator, so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SEEDS: &[&[u8]] = &[
    b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n0\r\nT: v\r\n\r\n",
    b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 404 Not Found\r\nX: a\r\n b\r\n\r\nbody",
    b"HTTP/1.1 204 No Content\r\n\r\n",
];

const WORDS: &[&[u8]] = &[
    b"\r\n",
    b"\n",
    b"\r",
    b":",
    b" ",
    b"\t",
    b";",
    b"0",
    b"f",
    b"ffffffffffffffff",
    b"HTTP/1.1 ",
    b"Content-Length: ",
    b"Transfer-Encoding: chunked\r\n",
    b"\r\n\r\n",
    b"100 ",
    b"\0",
    b"\xff",
];

#[derive(Debug, PartialEq)]
struct Outcome {
    result: Result<(), HttpError>,
    head: Option<ResponseHead>,
    body: Vec<u8>,
    complete: bool,
}

fn run(input: &[u8], cuts: &[usize]) -> Outcome {
    let mut parser = ResponseParser::with_body_limit(4096);
    let mut result = Ok(());
    let mut start = 0;
    for &cut in cuts.iter().chain([&input.len()]) {
        let cut = cut.clamp(start, input.len());
        result = parser.feed(&input[start..cut]);
        start = cut;
        if result.is_err() {
            break;
        }
    }
    if result.is_ok() {
        result = parser.finish();
    }
    let _ = parser.content_length();
    Outcome {
        result,
        head: parser.head().cloned(),
        body: parser.body().to_vec(),
        complete: parser.is_complete(),
    }
}

fn mangle(rng: &mut Rng) -> Vec<u8> {
    let mut bytes = SEEDS[rng.below(SEEDS.len())].to_vec();
    for _ in 0..1 + rng.below(6) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(4) {
            0 if at < bytes.len() => bytes[at] = rng.next() as u8,
            1 if at < bytes.len() => {
                bytes.remove(at);
            }
            _ => {
                let word = WORDS[rng.below(WORDS.len())];
                bytes.splice(at..at, word.iter().copied());
            }
        }
    }
    bytes
}

#[test]
fn random_input_never_panics_and_splits_agree() {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let mut completed = 0;
    for round in 0..4000 {
        let input: Vec<u8> = if round % 2 == 0 {
            let len = rng.below(200);
            (0..len).map(|_| rng.next() as u8).collect()
        } else {
            mangle(&mut rng)
        };
        let mut cuts: Vec<usize> = (0..rng.below(8))
            .map(|_| rng.below(input.len() + 1))
            .collect();
        cuts.sort_unstable();
        let whole = run(&input, &[]);
        let pieces = run(&input, &cuts);
        assert_eq!(
            whole, pieces,
            "round {round}: input {input:?} cuts {cuts:?}"
        );
        completed += usize::from(whole.complete);
    }
    // The mangled seeds must still give some well-formed responses, or the test tests little.
    assert!(completed > 150, "only {completed} inputs parsed");
}

#[test]
fn byte_by_byte_agrees_on_mangled_input() {
    let mut rng = Rng(42);
    for round in 0..1000 {
        let input = mangle(&mut rng);
        let cuts: Vec<usize> = (1..input.len()).collect();
        assert_eq!(
            run(&input, &[]),
            run(&input, &cuts),
            "round {round}: {input:?}"
        );
    }
}
