//! The only module with `unsafe`: declarations of the C shim (`shim/shim.c`) and thin safe
//! wrappers around them.
//!
//! BearSSL's context structs (`br_ssl_client_context`, `br_x509_minimal_context`, the I/O
//! buffer) are large and their layout is private in practice, so Rust never mirrors them:
//! the shim puts all three in one C struct, reports its size, and [`Engine`] allocates that
//! many bytes (16-byte aligned) on the heap, where they never move. Every call passes that
//! pointer. The one struct reproduced here is `br_x509_trust_anchor` (bearssl_x509.h
//! §"Trust anchors"), whose public layout is small; a test compares our size with C's.
#![allow(unsafe_code)]

use core::ffi::{c_char, c_int, c_uint, c_void};

/// `br_x500_name`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct RawName {
    pub data: *const u8,
    pub len: usize,
}

/// `br_rsa_public_key`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct RawRsaKey {
    pub n: *const u8,
    pub n_len: usize,
    pub e: *const u8,
    pub e_len: usize,
}

/// `br_ec_public_key`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct RawEcKey {
    pub curve: c_int,
    pub q: *const u8,
    pub q_len: usize,
}

/// The union inside `br_x509_pkey`.
#[repr(C)]
#[derive(Clone, Copy)]
pub union RawKeyUnion {
    pub rsa: RawRsaKey,
    pub ec: RawEcKey,
}

/// `br_x509_pkey`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct RawPublicKey {
    pub key_type: u8,
    pub key: RawKeyUnion,
}

/// `br_x509_trust_anchor`; the pointers borrow from a [`crate::TrustAnchors`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct RawAnchor {
    pub dn: RawName,
    pub flags: c_uint,
    pub public_key: RawPublicKey,
}

/// `tessera_cert_info` of the shim.
#[repr(C)]
#[derive(Default)]
struct CertInfo {
    dn_len: usize,
    is_ca: c_int,
    key_type: c_int,
    curve: c_int,
    first_len: usize,
    second_len: usize,
}

extern "C" {
    fn tessera_tls_size() -> usize;
    #[cfg(test)]
    fn tessera_anchor_size() -> usize;
    fn tessera_tls_start(
        memory: *mut c_void,
        anchors: *const RawAnchor,
        anchor_count: usize,
        server_name: *const c_char,
        seed: *const u8,
        seed_len: usize,
        days: u32,
        seconds: u32,
    ) -> c_int;
    fn tessera_tls_state(memory: *mut c_void) -> c_uint;
    fn tessera_tls_last_error(memory: *mut c_void) -> c_int;
    fn tessera_tls_sendrec_buf(memory: *mut c_void, len: *mut usize) -> *mut u8;
    fn tessera_tls_sendrec_ack(memory: *mut c_void, len: usize);
    fn tessera_tls_recvrec_buf(memory: *mut c_void, len: *mut usize) -> *mut u8;
    fn tessera_tls_recvrec_ack(memory: *mut c_void, len: usize);
    fn tessera_tls_sendapp_buf(memory: *mut c_void, len: *mut usize) -> *mut u8;
    fn tessera_tls_sendapp_ack(memory: *mut c_void, len: usize);
    fn tessera_tls_recvapp_buf(memory: *mut c_void, len: *mut usize) -> *mut u8;
    fn tessera_tls_recvapp_ack(memory: *mut c_void, len: usize);
    fn tessera_tls_flush(memory: *mut c_void);
    fn tessera_tls_close(memory: *mut c_void);
    fn tessera_cert_decode(
        der: *const u8,
        der_len: usize,
        dn: *mut u8,
        dn_cap: usize,
        first: *mut u8,
        first_cap: usize,
        second: *mut u8,
        second_cap: usize,
        info: *mut CertInfo,
    ) -> c_int;
}

/// `sizeof(br_x509_trust_anchor)` as the C compiler sees it.
#[cfg(test)]
pub fn anchor_size_in_c() -> usize {
    // SAFETY: a pure function of the shim without arguments.
    unsafe { tessera_anchor_size() }
}

/// The engine states of `br_ssl_engine_current_state` (bearssl_ssl.h).
pub mod state {
    pub const CLOSED: u32 = 0x0001;
    pub const SEND_RECORD: u32 = 0x0002;
    pub const RECEIVE_RECORD: u32 = 0x0004;
    pub const SEND_APP: u32 = 0x0008;
    pub const RECEIVE_APP: u32 = 0x0010;
}

#[repr(C, align(16))]
#[derive(Clone, Copy)]
struct Block([u8; 16]);

/// One client engine: the shim's block of memory, allocated once and never moved.
pub struct Engine {
    memory: Box<[Block]>,
}

impl Engine {
    /// Allocates and starts a client handshake. `server_name` must end with a NUL byte;
    /// `anchors` must stay alive and unchanged for the engine's life (the caller keeps them).
    pub fn start(
        anchors: &[RawAnchor],
        server_name: &[u8],
        seed: &[u8],
        days: u32,
        seconds: u32,
    ) -> Option<Engine> {
        if server_name.last() != Some(&0) {
            return None;
        }
        // SAFETY: a pure function of the shim without arguments.
        let size = unsafe { tessera_tls_size() };
        let blocks = size.div_ceil(core::mem::size_of::<Block>());
        let mut engine = Engine {
            memory: vec![Block([0; 16]); blocks].into_boxed_slice(),
        };
        // SAFETY: memory holds `size` bytes, 16-byte aligned; the name is NUL-terminated;
        // the anchors outlive the engine (the caller's contract, kept by TlsClient).
        let ok = unsafe {
            tessera_tls_start(
                engine.pointer(),
                anchors.as_ptr(),
                anchors.len(),
                server_name.as_ptr().cast(),
                seed.as_ptr(),
                seed.len(),
                days,
                seconds,
            )
        };
        (ok == 1).then_some(engine)
    }

    fn pointer(&mut self) -> *mut c_void {
        self.memory.as_mut_ptr().cast()
    }

    pub fn state(&mut self) -> u32 {
        // SAFETY: the engine's memory was set up by tessera_tls_start.
        unsafe { tessera_tls_state(self.pointer()) }
    }

    pub fn last_error(&mut self) -> i32 {
        // SAFETY: as above.
        unsafe { tessera_tls_last_error(self.pointer()) }
    }

    /// Turns a (pointer, length) that BearSSL lends out of its I/O buffer into a slice.
    fn lend(
        &mut self,
        get: unsafe extern "C" fn(*mut c_void, *mut usize) -> *mut u8,
    ) -> Option<&mut [u8]> {
        let mut len = 0usize;
        // SAFETY: the getter is one of the shim's *_buf functions on our engine.
        let data = unsafe { get(self.pointer(), &mut len) };
        if data.is_null() || len == 0 {
            return None;
        }
        // SAFETY: BearSSL guarantees `len` bytes at `data` inside the engine's buffer, valid
        // until the next call on the engine, which the &mut borrow of self rules out.
        Some(unsafe { core::slice::from_raw_parts_mut(data, len) })
    }

    /// Encrypted bytes waiting to go to the peer.
    pub fn outgoing_records(&mut self) -> Option<&mut [u8]> {
        self.lend(tessera_tls_sendrec_buf)
    }

    pub fn outgoing_records_sent(&mut self, len: usize) {
        // SAFETY: `len` is at most what outgoing_records lent (the caller's transport cut).
        unsafe { tessera_tls_sendrec_ack(self.pointer(), len) }
    }

    /// Room for encrypted bytes from the peer.
    pub fn incoming_records(&mut self) -> Option<&mut [u8]> {
        self.lend(tessera_tls_recvrec_buf)
    }

    pub fn incoming_records_filled(&mut self, len: usize) {
        // SAFETY: as above.
        unsafe { tessera_tls_recvrec_ack(self.pointer(), len) }
    }

    /// Room for plaintext to send.
    pub fn outgoing_app(&mut self) -> Option<&mut [u8]> {
        self.lend(tessera_tls_sendapp_buf)
    }

    pub fn outgoing_app_filled(&mut self, len: usize) {
        // SAFETY: as above.
        unsafe { tessera_tls_sendapp_ack(self.pointer(), len) }
    }

    /// Decrypted plaintext from the peer.
    pub fn incoming_app(&mut self) -> Option<&mut [u8]> {
        self.lend(tessera_tls_recvapp_buf)
    }

    pub fn incoming_app_taken(&mut self, len: usize) {
        // SAFETY: as above.
        unsafe { tessera_tls_recvapp_ack(self.pointer(), len) }
    }

    pub fn flush(&mut self) {
        // SAFETY: as above.
        unsafe { tessera_tls_flush(self.pointer()) }
    }

    pub fn close(&mut self) {
        // SAFETY: as above.
        unsafe { tessera_tls_close(self.pointer()) }
    }
}

/// What BearSSL's X.509 decoder found in one certificate.
pub struct DecodedCert {
    pub subject: Vec<u8>,
    pub is_ca: bool,
    pub key_type: u8,
    pub curve: i32,
    /// RSA modulus or EC point.
    pub first: Vec<u8>,
    /// RSA exponent (empty for EC).
    pub second: Vec<u8>,
}

const DN_CAPACITY: usize = 4096;
const KEY_CAPACITY: usize = 1024;
const EXPONENT_CAPACITY: usize = 64;

/// Decodes one DER certificate; `Err` carries BearSSL's error code.
pub fn decode_cert(der: &[u8]) -> Result<DecodedCert, i32> {
    let mut subject = vec![0u8; DN_CAPACITY];
    let mut first = vec![0u8; KEY_CAPACITY];
    let mut second = vec![0u8; EXPONENT_CAPACITY];
    let mut info = CertInfo::default();
    // SAFETY: every buffer is passed with its own length; the shim writes at most that.
    let err = unsafe {
        tessera_cert_decode(
            der.as_ptr(),
            der.len(),
            subject.as_mut_ptr(),
            subject.len(),
            first.as_mut_ptr(),
            first.len(),
            second.as_mut_ptr(),
            second.len(),
            &mut info,
        )
    };
    if err != 0 {
        return Err(err);
    }
    if info.dn_len > DN_CAPACITY
        || info.first_len > KEY_CAPACITY
        || info.second_len > EXPONENT_CAPACITY
    {
        return Err(TOO_LARGE);
    }
    subject.truncate(info.dn_len);
    first.truncate(info.first_len);
    second.truncate(info.second_len);
    Ok(DecodedCert {
        subject,
        is_ca: info.is_ca != 0,
        key_type: u8::try_from(info.key_type).unwrap_or(0),
        curve: info.curve,
        first,
        second,
    })
}

/// Our own code for "a name or key larger than the buffers above" (outside BearSSL's range).
pub const TOO_LARGE: i32 = 1000;
