//! Build-time trust anchors: reads what BearSSL needs from a DER certificate (RFC 5280
//! §4.1) in safe Rust, so the build script can store the Mozilla roots as ready anchors.
//!
//! Measured in QEMU, decoding the 144 roots with BearSSL's decoder inside the app took
//! 3.3 s of wall time (the interpreter's fuel slices spread it over ~200 frames); reading
//! this table at start takes microseconds. This file is included by `build.rs` (which calls
//! [`anchor_record`]) and by the crate's tests, which check every record against BearSSL's
//! own decoder.
//!
//! Walked: Certificate → tbsCertificate → (optional [0] version), serialNumber, signature,
//! issuer, validity, subject (kept whole: BearSSL compares encoded DNs), subjectPublicKeyInfo
//! (RSA: RFC 8017 §A.1.1 n and e without leading zero bytes; EC: RFC 5480 §2.1.1 named
//! curve and point), and extensions ([3]) for basicConstraints' cA flag (§4.2.1.9).

/// One TLV: tag byte, the whole encoding, and the contents.
struct Element<'a> {
    tag: u8,
    whole: &'a [u8],
    contents: &'a [u8],
}

/// Splits the first TLV off `input` (definite lengths up to 4 bytes, single-byte tags).
fn element(input: &[u8]) -> Option<(Element<'_>, &[u8])> {
    let (&tag, rest) = input.split_first()?;
    let (&first, mut rest) = rest.split_first()?;
    let length = if first < 0x80 {
        usize::from(first)
    } else {
        let count = usize::from(first & 0x7f);
        if count == 0 || count > 4 || rest.len() < count {
            return None;
        }
        let value = rest[..count]
            .iter()
            .fold(0usize, |v, &b| v << 8 | usize::from(b));
        rest = &rest[count..];
        value
    };
    let header = input.len() - rest.len();
    let contents = rest.get(..length)?;
    let whole = &input[..header + length];
    Some((
        Element {
            tag,
            whole,
            contents,
        },
        &rest[length..],
    ))
}

fn expect(input: &[u8], tag: u8) -> Option<(Element<'_>, &[u8])> {
    let (found, rest) = element(input)?;
    (found.tag == tag).then_some((found, rest))
}

const SEQUENCE: u8 = 0x30;
const INTEGER: u8 = 0x02;
const BIT_STRING: u8 = 0x03;
const OCTET_STRING: u8 = 0x04;
const OID: u8 = 0x06;
const BOOLEAN: u8 = 0x01;
const VERSION_TAG: u8 = 0xa0;
const EXTENSIONS_TAG: u8 = 0xa3;

const RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
const EC_PUBLIC_KEY: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
const BASIC_CONSTRAINTS: &[u8] = &[0x55, 0x1d, 0x13];
/// Named curves and BearSSL's ids for them (`BR_EC_secp256r1` …).
const CURVES: &[(&[u8], u8)] = &[
    (&[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07], 23),
    (&[0x2b, 0x81, 0x04, 0x00, 0x22], 24),
    (&[0x2b, 0x81, 0x04, 0x00, 0x23], 25),
];

pub const KEY_TYPE_RSA: u8 = 1;
pub const KEY_TYPE_EC: u8 = 2;

/// What an anchor needs from a certificate.
#[derive(Debug, PartialEq, Eq)]
pub struct AnchorParts<'a> {
    pub subject: &'a [u8],
    pub is_ca: bool,
    pub key_type: u8,
    pub curve: u8,
    pub first: &'a [u8],
    pub second: &'a [u8],
}

fn without_leading_zeros(mut bytes: &[u8]) -> &[u8] {
    while let [0, rest @ ..] = bytes {
        bytes = rest;
    }
    bytes
}

/// Reads a certificate's subject, key and CA flag; `None` if anything is malformed or the
/// key is neither RSA nor a named EC curve BearSSL supports.
pub fn anchor_parts(der: &[u8]) -> Option<AnchorParts<'_>> {
    let (certificate, _) = expect(der, SEQUENCE)?;
    let (tbs, _) = expect(certificate.contents, SEQUENCE)?;
    let mut rest = tbs.contents;
    if rest.first() == Some(&VERSION_TAG) {
        rest = element(rest)?.1;
    }
    let rest = expect(rest, INTEGER)?.1; // serial number
    let rest = expect(rest, SEQUENCE)?.1; // signature algorithm
    let rest = expect(rest, SEQUENCE)?.1; // issuer
    let rest = expect(rest, SEQUENCE)?.1; // validity
    let (subject, rest) = expect(rest, SEQUENCE)?;
    let (key_info, mut rest) = expect(rest, SEQUENCE)?;
    let (algorithm, key_rest) = expect(key_info.contents, SEQUENCE)?;
    let (bits, _) = expect(key_rest, BIT_STRING)?;
    let (&unused, key_bytes) = bits.contents.split_first()?;
    if unused != 0 {
        return None;
    }
    let (algorithm_id, parameters) = expect(algorithm.contents, OID)?;
    let (key_type, curve, first, second) = if algorithm_id.contents == RSA_ENCRYPTION {
        let (pair, _) = expect(key_bytes, SEQUENCE)?;
        let (n, after_n) = expect(pair.contents, INTEGER)?;
        let (e, _) = expect(after_n, INTEGER)?;
        (
            KEY_TYPE_RSA,
            0,
            without_leading_zeros(n.contents),
            without_leading_zeros(e.contents),
        )
    } else if algorithm_id.contents == EC_PUBLIC_KEY {
        let (named, _) = expect(parameters, OID)?;
        let &(_, curve) = CURVES.iter().find(|(oid, _)| *oid == named.contents)?;
        (KEY_TYPE_EC, curve, key_bytes, &[][..])
    } else {
        return None;
    };
    let mut is_ca = false;
    while let Some((field, after)) = element(rest) {
        if field.tag == EXTENSIONS_TAG {
            is_ca = basic_constraints_ca(field.contents).unwrap_or(false);
        }
        rest = after;
    }
    Some(AnchorParts {
        subject: subject.whole,
        is_ca,
        key_type,
        curve,
        first,
        second,
    })
}

/// The cA flag of a basicConstraints extension inside `[3] { SEQUENCE OF Extension }`.
fn basic_constraints_ca(explicit: &[u8]) -> Option<bool> {
    let (list, _) = expect(explicit, SEQUENCE)?;
    let mut rest = list.contents;
    while let Some((extension, after)) = expect(rest, SEQUENCE) {
        rest = after;
        let (id, mut value) = expect(extension.contents, OID)?;
        if id.contents != BASIC_CONSTRAINTS {
            continue;
        }
        if value.first() == Some(&BOOLEAN) {
            value = element(value)?.1; // critical
        }
        let (octets, _) = expect(value, OCTET_STRING)?;
        let (constraints, _) = expect(octets.contents, SEQUENCE)?;
        return Some(match expect(constraints.contents, BOOLEAN) {
            Some((flag, _)) => flag.contents.first().is_some_and(|&b| b != 0),
            None => false,
        });
    }
    Some(false)
}

/// One table record: flags (1 = CA), key type, curve, then subject, first and second key
/// parts, each as a 2-byte big-endian length and the bytes.
pub fn anchor_record(parts: &AnchorParts<'_>) -> Option<Vec<u8>> {
    let mut record = vec![u8::from(parts.is_ca), parts.key_type, parts.curve];
    for field in [parts.subject, parts.first, parts.second] {
        record.extend_from_slice(&u16::try_from(field.len()).ok()?.to_be_bytes());
        record.extend_from_slice(field);
    }
    Some(record)
}

#[cfg(test)]
mod tests {
    use super::*;

    static ROOTS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/roots.der"));

    /// The first embedded root certificate.
    fn first_root() -> &'static [u8] {
        let length = u32::from_be_bytes([ROOTS[0], ROOTS[1], ROOTS[2], ROOTS[3]]) as usize;
        &ROOTS[4..4 + length]
    }

    #[test]
    fn every_truncation_is_refused_without_panic() {
        let der = first_root();
        assert!(anchor_parts(der).is_some());
        for end in 0..der.len() {
            // Cutting inside the outer SEQUENCE always breaks its length.
            assert_eq!(anchor_parts(&der[..end]), None, "prefix of {end} bytes");
        }
    }

    #[test]
    fn corrupted_bytes_never_panic() {
        let der = first_root();
        for at in 0..der.len() {
            let mut bad = der.to_vec();
            bad[at] ^= 0xff;
            let _ = anchor_parts(&bad);
        }
    }

    #[test]
    fn record_layout() {
        let parts = AnchorParts {
            subject: b"dn",
            is_ca: true,
            key_type: KEY_TYPE_EC,
            curve: 23,
            first: b"q",
            second: b"",
        };
        let record = anchor_record(&parts).expect("small fields fit");
        assert_eq!(record, [1, 2, 23, 0, 2, b'd', b'n', 0, 1, b'q', 0, 0]);
    }

    #[test]
    fn long_lengths_are_refused() {
        assert_eq!(anchor_parts(&[0x30, 0x85, 1, 2, 3, 4, 5]), None);
        assert_eq!(anchor_parts(&[0x30, 0x80]), None);
        assert_eq!(anchor_parts(&[]), None);
    }
}
