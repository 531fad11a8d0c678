/*
 * The C side of bearssl-sys: a few functions that own BearSSL's large context structs so
 * the Rust side never has to mirror their layout. Rust allocates `tessera_tls_size()` bytes
 * (8-byte aligned), hands the pointer to every call, and frees it afterwards; everything in
 * between lives inside that block, which must not move (BearSSL keeps pointers into it).
 *
 * Only the trust-anchor struct (br_x509_trust_anchor), whose layout bearssl_x509.h defines
 * publicly and briefly, is reproduced in Rust.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "bearssl.h"

typedef struct {
	br_ssl_client_context client;
	br_x509_minimal_context x509;
	unsigned char iobuf[BR_SSL_BUFSIZE_BIDI];
} tessera_tls;

size_t tessera_tls_size(void) { return sizeof(tessera_tls); }

/* Sets up a full client (all suites, hashes and curves BearSSL offers), the X.509 minimal
 * checker with the given anchors and time, injects the seed, and starts the handshake with
 * SNI and name checking against server_name (a NUL-terminated string). Returns 1 on success. */
int tessera_tls_start(void *memory, const br_x509_trust_anchor *anchors, size_t anchor_count,
		const char *server_name, const unsigned char *seed, size_t seed_len,
		uint32_t days, uint32_t seconds)
{
	tessera_tls *tls = memory;
	br_ssl_client_init_full(&tls->client, &tls->x509, anchors, anchor_count);
	br_x509_minimal_set_time(&tls->x509, days, seconds);
	br_ssl_engine_set_buffer(&tls->client.eng, tls->iobuf, sizeof tls->iobuf, 1);
	br_ssl_engine_inject_entropy(&tls->client.eng, seed, seed_len);
	return br_ssl_client_reset(&tls->client, server_name, 0);
}

static br_ssl_engine_context *engine(void *memory) { return &((tessera_tls *)memory)->client.eng; }

unsigned tessera_tls_state(void *memory) { return br_ssl_engine_current_state(engine(memory)); }
int tessera_tls_last_error(void *memory) { return br_ssl_engine_last_error(engine(memory)); }

unsigned char *tessera_tls_sendrec_buf(void *m, size_t *len) { return br_ssl_engine_sendrec_buf(engine(m), len); }
void tessera_tls_sendrec_ack(void *m, size_t len) { br_ssl_engine_sendrec_ack(engine(m), len); }
unsigned char *tessera_tls_recvrec_buf(void *m, size_t *len) { return br_ssl_engine_recvrec_buf(engine(m), len); }
void tessera_tls_recvrec_ack(void *m, size_t len) { br_ssl_engine_recvrec_ack(engine(m), len); }
unsigned char *tessera_tls_sendapp_buf(void *m, size_t *len) { return br_ssl_engine_sendapp_buf(engine(m), len); }
void tessera_tls_sendapp_ack(void *m, size_t len) { br_ssl_engine_sendapp_ack(engine(m), len); }
unsigned char *tessera_tls_recvapp_buf(void *m, size_t *len) { return br_ssl_engine_recvapp_buf(engine(m), len); }
void tessera_tls_recvapp_ack(void *m, size_t len) { br_ssl_engine_recvapp_ack(engine(m), len); }
void tessera_tls_flush(void *m) { br_ssl_engine_flush(engine(m), 0); }
void tessera_tls_close(void *m) { br_ssl_engine_close(engine(m)); }

/* What tessera_cert_decode reports about one certificate. */
typedef struct {
	size_t dn_len;     /* bytes of the subject DN (may exceed dn_cap: then it was cut) */
	int is_ca;         /* basicConstraints CA flag */
	int key_type;      /* BR_KEYTYPE_RSA or BR_KEYTYPE_EC, 0 when unknown */
	int curve;         /* EC curve id */
	size_t first_len;  /* RSA modulus or EC point */
	size_t second_len; /* RSA exponent (0 for EC) */
} tessera_cert_info;

typedef struct {
	unsigned char *buf;
	size_t cap;
	size_t len;
} dn_sink;

static void append_dn(void *ctx, const void *data, size_t len)
{
	dn_sink *sink = ctx;
	if (sink->len < sink->cap) {
		size_t room = sink->cap - sink->len;
		memcpy(sink->buf + sink->len, data, len < room ? len : room);
	}
	sink->len += len;
}

static size_t copy_out(unsigned char *dst, size_t cap, const unsigned char *src, size_t len)
{
	memcpy(dst, src, len < cap ? len : cap);
	return len;
}

/* Decodes one DER certificate with BearSSL's X.509 decoder and copies its subject DN and
 * public key into the caller's buffers. Returns 0 on success, else BearSSL's error code. */
int tessera_cert_decode(const unsigned char *der, size_t der_len,
		unsigned char *dn, size_t dn_cap,
		unsigned char *first, size_t first_cap,
		unsigned char *second, size_t second_cap,
		tessera_cert_info *info)
{
	br_x509_decoder_context decoder;
	dn_sink sink = { dn, dn_cap, 0 };
	br_x509_pkey *key;
	int err;

	memset(info, 0, sizeof *info);
	br_x509_decoder_init(&decoder, append_dn, &sink);
	br_x509_decoder_push(&decoder, der, der_len);
	key = br_x509_decoder_get_pkey(&decoder);
	err = br_x509_decoder_last_error(&decoder);
	if (key == NULL) {
		return err != 0 ? err : BR_ERR_X509_TRUNCATED;
	}
	info->dn_len = sink.len;
	info->is_ca = br_x509_decoder_isCA(&decoder);
	info->key_type = key->key_type;
	if (key->key_type == BR_KEYTYPE_RSA) {
		info->first_len = copy_out(first, first_cap, key->key.rsa.n, key->key.rsa.nlen);
		info->second_len = copy_out(second, second_cap, key->key.rsa.e, key->key.rsa.elen);
	} else if (key->key_type == BR_KEYTYPE_EC) {
		info->curve = key->key.ec.curve;
		info->first_len = copy_out(first, first_cap, key->key.ec.q, key->key.ec.qlen);
	}
	return 0;
}

size_t tessera_anchor_size(void) { return sizeof(br_x509_trust_anchor); }
