//! FFI to BearSSL (work in progress).
