//! PEM (RFC 7468) certificate blocks to DER, in safe Rust.
//!
//! Only `-----BEGIN CERTIFICATE-----` … `-----END CERTIFICATE-----` blocks are read; text
//! between blocks (comments in ca-certificates.crt) is skipped, and a block whose base64
//! (RFC 4648 §4, standard alphabet, `=` padding) does not decode is dropped. The build
//! script includes this file too, to turn the system bundle into DER at build time.

const BEGIN: &str = "-----BEGIN CERTIFICATE-----";
const END: &str = "-----END CERTIFICATE-----";

/// The DER bytes of every certificate block in `text`, in order.
pub fn certificates(text: &[u8]) -> Vec<Vec<u8>> {
    let text = String::from_utf8_lossy(text);
    let mut found = Vec::new();
    let mut body: Option<String> = None;
    for line in text.lines() {
        let line = line.trim();
        if line == BEGIN {
            body = Some(String::new());
        } else if line == END {
            if let Some(der) = body.take().and_then(|b| decode_base64(&b)) {
                found.push(der);
            }
        } else if let Some(body) = body.as_mut() {
            body.push_str(line);
        }
    }
    found
}

/// Decodes standard base64; `None` on a character outside the alphabet or a bad length.
pub fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut bits = 0u32;
    let mut count = 0;
    for byte in text.bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => break,
            _ => return None,
        };
        bits = bits << 6 | u32::from(value);
        count += 1;
        if count == 4 {
            out.extend_from_slice(&[(bits >> 16) as u8, (bits >> 8) as u8, bits as u8]);
            bits = 0;
            count = 0;
        }
    }
    match count {
        0 => {}
        2 => out.push((bits >> 4) as u8),
        3 => out.extend_from_slice(&[(bits >> 10) as u8, (bits >> 2) as u8]),
        _ => return None,
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_with_and_without_padding() {
        assert_eq!(decode_base64("TWFu").as_deref(), Some(&b"Man"[..]));
        assert_eq!(decode_base64("TWE=").as_deref(), Some(&b"Ma"[..]));
        assert_eq!(decode_base64("TQ==").as_deref(), Some(&b"M"[..]));
        assert_eq!(decode_base64("T"), None);
        assert_eq!(decode_base64("T*=="), None);
    }

    #[test]
    fn blocks_between_comments() {
        let text = b"# comment\n-----BEGIN CERTIFICATE-----\nTWFu\n-----END CERTIFICATE-----\n\
                     junk\n-----BEGIN CERTIFICATE-----\nTQ==\n-----END CERTIFICATE-----\n";
        assert_eq!(certificates(text), vec![b"Man".to_vec(), b"M".to_vec()]);
    }

    #[test]
    fn unterminated_block_is_ignored() {
        assert!(certificates(b"-----BEGIN CERTIFICATE-----\nTWFu\n").is_empty());
    }
}
