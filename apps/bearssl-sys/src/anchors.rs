//! Trust anchors: the certificates a server's chain must lead to (RFC 5280 §6.1.1 (d),
//! BearSSL's `br_x509_trust_anchor`).
//!
//! [`TrustAnchors::mozilla`] gives the Mozilla roots of Debian's `ca-certificates` (144 in
//! bookworm), which the build script turned into an anchor table (`src/der.rs`). Where to
//! decode was measured: with BearSSL's decoder at app start it took 9 ms natively (debug) but
//! 3.3 s of wall time in QEMU (the app's fuel slices spread ~30 M wasm instructions over
//! ~200 frames); reading the build-time table costs one pass over ~100 KB of lengths. So the
//! table is built at build time, and its anchors point straight into the embedded bytes.
//!
//! [`TrustAnchors::add_pem`] adds extra anchors at run time (a private CA, the test CA the
//! kernel will pass from `-fw_cfg name=opt/os/ca`). Each anchor owns its bytes in boxes that
//! never move, and a parallel array of `br_x509_trust_anchor` structs points into them.

use crate::ffi::{self, RawAnchor, RawEcKey, RawKeyUnion, RawName, RawPublicKey, RawRsaKey};
use crate::pem;

/// BearSSL's key type codes (bearssl_x509.h).
const KEY_TYPE_RSA: u8 = 1;
const KEY_TYPE_EC: u8 = 2;
/// `BR_X509_TA_CA`: the anchor is a CA (it may sign other certificates).
const ANCHOR_IS_CA: u32 = 0x0001;

/// The build script's anchor table (records described at `der::anchor_record`).
static ROOT_TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/roots.bin"));

/// Why a certificate could not become an anchor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnchorError {
    /// BearSSL's decoder rejected it (its `BR_ERR_X509_*` code).
    Undecodable(i32),
    /// Its key is neither RSA nor EC.
    UnsupportedKey,
    /// The PEM text held no certificate block.
    NoCertificate,
}

struct OwnedAnchor {
    subject: Box<[u8]>,
    first: Box<[u8]>,
    second: Box<[u8]>,
    key_type: u8,
    curve: i32,
    is_ca: bool,
}

impl OwnedAnchor {
    fn raw(&self) -> RawAnchor {
        raw_anchor(
            &self.subject,
            &self.first,
            &self.second,
            self.key_type,
            self.curve,
            self.is_ca,
        )
    }
}

/// A `br_x509_trust_anchor` pointing at the given bytes, which must outlive it.
fn raw_anchor(
    subject: &[u8],
    first: &[u8],
    second: &[u8],
    key_type: u8,
    curve: i32,
    is_ca: bool,
) -> RawAnchor {
    let key = if key_type == KEY_TYPE_RSA {
        RawKeyUnion {
            rsa: RawRsaKey {
                n: first.as_ptr(),
                n_len: first.len(),
                e: second.as_ptr(),
                e_len: second.len(),
            },
        }
    } else {
        RawKeyUnion {
            ec: RawEcKey {
                curve,
                q: first.as_ptr(),
                q_len: first.len(),
            },
        }
    };
    RawAnchor {
        dn: RawName {
            data: subject.as_ptr(),
            len: subject.len(),
        },
        flags: if is_ca { ANCHOR_IS_CA } else { 0 },
        public_key: RawPublicKey { key_type, key },
    }
}

/// A set of trust anchors, ready to hand to BearSSL.
#[derive(Default)]
pub struct TrustAnchors {
    owned: Vec<OwnedAnchor>,
    raw: Vec<RawAnchor>,
}

impl TrustAnchors {
    /// An empty set (trusts nothing).
    pub fn new() -> TrustAnchors {
        TrustAnchors::default()
    }

    /// The Mozilla roots from the build-time table (no decoding at run time).
    pub fn mozilla() -> TrustAnchors {
        let mut anchors = TrustAnchors::new();
        for entry in table_entries(ROOT_TABLE) {
            anchors.raw.push(entry.raw());
        }
        anchors
    }

    /// Adds one DER certificate. A CA certificate anchors chains; a non-CA one (a pinned
    /// self-signed server) is trusted only as that exact end-entity key.
    pub fn add_der(&mut self, der: &[u8]) -> Result<(), AnchorError> {
        let cert = ffi::decode_cert(der).map_err(AnchorError::Undecodable)?;
        if cert.key_type != KEY_TYPE_RSA && cert.key_type != KEY_TYPE_EC {
            return Err(AnchorError::UnsupportedKey);
        }
        let anchor = OwnedAnchor {
            subject: cert.subject.into_boxed_slice(),
            first: cert.first.into_boxed_slice(),
            second: cert.second.into_boxed_slice(),
            key_type: cert.key_type,
            curve: cert.curve,
            is_ca: cert.is_ca,
        };
        // The boxes keep their heap addresses when `owned` grows, so earlier raw entries
        // stay valid.
        self.raw.push(anchor.raw());
        self.owned.push(anchor);
        Ok(())
    }

    /// Adds every certificate of a PEM text; returns how many were added. Fails if none
    /// could be (the first error, or [`AnchorError::NoCertificate`]).
    pub fn add_pem(&mut self, pem_text: &[u8]) -> Result<usize, AnchorError> {
        let mut added = 0;
        let mut first_error = None;
        for der in pem::certificates(pem_text) {
            match self.add_der(&der) {
                Ok(()) => added += 1,
                Err(error) => {
                    first_error.get_or_insert(error);
                }
            }
        }
        match (added, first_error) {
            (0, Some(error)) => Err(error),
            (0, None) => Err(AnchorError::NoCertificate),
            (n, _) => Ok(n),
        }
    }

    pub fn len(&self) -> usize {
        self.raw.len()
    }

    pub fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }

    pub(crate) fn raw(&self) -> &[RawAnchor] {
        &self.raw
    }
}

/// One record of the build-time table, borrowing the embedded bytes.
struct TableEntry {
    is_ca: bool,
    key_type: u8,
    curve: u8,
    subject: &'static [u8],
    first: &'static [u8],
    second: &'static [u8],
}

impl TableEntry {
    fn raw(&self) -> RawAnchor {
        raw_anchor(
            self.subject,
            self.first,
            self.second,
            self.key_type,
            i32::from(self.curve),
            self.is_ca,
        )
    }
}

/// Splits a 2-byte big-endian length and that many bytes off `rest`.
fn field(rest: &mut &'static [u8]) -> Option<&'static [u8]> {
    let (length, tail) = rest.split_first_chunk::<2>()?;
    let length = usize::from(u16::from_be_bytes(*length));
    let bytes = tail.get(..length)?;
    *rest = &tail[length..];
    Some(bytes)
}

/// Walks the table; stops at the first malformed record (there are none: we wrote it).
fn table_entries(table: &'static [u8]) -> impl Iterator<Item = TableEntry> {
    let mut rest = table;
    core::iter::from_fn(move || {
        let (&[flags, key_type, curve], tail) = rest.split_first_chunk::<3>()?;
        rest = tail;
        let subject = field(&mut rest)?;
        let first = field(&mut rest)?;
        let second = field(&mut rest)?;
        Some(TableEntry {
            is_ca: flags & 1 != 0,
            key_type,
            curve,
            subject,
            first,
            second,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_anchor_layout_matches_c() {
        assert_eq!(core::mem::size_of::<RawAnchor>(), ffi::anchor_size_in_c());
    }

    static ROOT_CERTIFICATES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/roots.der"));

    fn root_certificates() -> impl Iterator<Item = &'static [u8]> {
        let mut rest = ROOT_CERTIFICATES;
        core::iter::from_fn(move || {
            let (length, tail) = rest.split_first_chunk::<4>()?;
            let length = u32::from_be_bytes(*length) as usize;
            let der = tail.get(..length)?;
            rest = &tail[length..];
            Some(der)
        })
    }

    #[test]
    fn build_time_table_matches_bearssl_decoder() {
        let start = std::time::Instant::now();
        let mut decoded = TrustAnchors::new();
        for der in root_certificates() {
            decoded.add_der(der).expect("BearSSL decodes every root");
        }
        println!(
            "decoded {} roots at run time in {:?}",
            decoded.len(),
            start.elapsed()
        );
        let start = std::time::Instant::now();
        let table = TrustAnchors::mozilla();
        println!(
            "read {} roots from the table in {:?}",
            table.len(),
            start.elapsed()
        );
        assert!(
            table.len() > 100,
            "the system bundle should hold the Mozilla roots"
        );
        assert_eq!(table.len(), decoded.len());
        for (entry, owned) in table_entries(ROOT_TABLE).zip(&decoded.owned) {
            assert_eq!(entry.subject, &owned.subject[..]);
            assert_eq!(
                (entry.key_type, i32::from(entry.curve), entry.is_ca),
                (owned.key_type, owned.curve, owned.is_ca)
            );
            assert_eq!(entry.first, &owned.first[..]);
            assert_eq!(entry.second, &owned.second[..]);
        }
    }

    #[test]
    fn garbage_is_rejected() {
        let mut anchors = TrustAnchors::new();
        assert!(matches!(
            anchors.add_der(&[0x30, 0x03, 1, 2, 3]),
            Err(AnchorError::Undecodable(_))
        ));
        assert_eq!(
            anchors.add_pem(b"no pem here"),
            Err(AnchorError::NoCertificate)
        );
        assert!(anchors.is_empty());
    }
}
