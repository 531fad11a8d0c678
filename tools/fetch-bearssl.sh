#!/bin/sh
# Fetches the BearSSL 0.6 source from Debian's source package into build/bearssl/.
#
# Idempotent: when build/bearssl/ already holds the verified source (the marker file
# .verified names the pinned tarball hash) it only makes sure the compilers are installed.
# Otherwise it adds a temporary deb-src entry for the machine's Debian mirror, downloads the
# source package with `apt-get source --download-only`, checks the orig tarball against the
# pinned sha256, unpacks it, and removes the temporary entry again. Needs root for apt-get.
# It also installs what the build needs: clang, lld, wasi-libc, ca-certificates.
set -eu

ORIG=bearssl_0.6+dfsg.1.orig.tar.xz
ORIG_SHA256=102a625bd8f6155260867a50c508df8d8c3f796985dd744df1a68e5cd1a79004
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEST="$ROOT/build/bearssl"
SRC_LIST=/etc/apt/sources.list.d/tessera-bearssl-src.sources

fail() {
    echo "fetch-bearssl: error: $*" >&2
    exit 1
}

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        fail "need root to run: $*"
    fi
}

install_tools() {
    missing=""
    command -v clang >/dev/null || missing="$missing clang"
    command -v wasm-ld >/dev/null || missing="$missing lld"
    [ -f /usr/include/wasm32-wasi/stdio.h ] || missing="$missing wasi-libc"
    # The Mozilla roots bearssl-sys embeds.
    [ -f /etc/ssl/certs/ca-certificates.crt ] || missing="$missing ca-certificates"
    [ -z "$missing" ] && return 0
    echo "fetch-bearssl: installing$missing"
    as_root apt-get update -q >/dev/null || fail "apt-get update failed"
    # shellcheck disable=SC2086
    as_root apt-get install -y -q $missing >/dev/null || fail "apt-get install$missing failed"
}

if [ -f "$DEST/.verified" ] && [ "$(cat "$DEST/.verified")" = "$ORIG_SHA256" ]; then
    install_tools
    echo "fetch-bearssl: build/bearssl already verified"
    exit 0
fi

install_tools

# The mirror the machine already uses (deb822 or one-line format), bookworm by default.
MIRROR=$(sed -n -e 's/^URIs:[[:space:]]*\([^ ]*\).*/\1/p' -e 's/^deb[[:space:]]\{1,\}\(\[[^]]*\][[:space:]]*\)\{0,1\}\(http[^ ]*\).*/\2/p' \
    /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null |
    grep '/debian/*$' | head -n 1 || true)
[ -n "$MIRROR" ] || MIRROR=http://deb.debian.org/debian

cleanup() {
    if [ -f "$SRC_LIST" ]; then
        as_root rm -f "$SRC_LIST"
        as_root apt-get update -q >/dev/null 2>&1 || echo "fetch-bearssl: warning: apt-get update failed after cleanup" >&2
    fi
    [ -n "${WORK:-}" ] && rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

WORK=$(mktemp -d)
chmod 755 "$WORK"
as_root sh -c "cat > '$SRC_LIST'" <<SOURCES
Types: deb-src
URIs: $MIRROR
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
echo "fetch-bearssl: downloading the bearssl source package from $MIRROR"
as_root apt-get update -q >/dev/null || fail "apt-get update with the deb-src entry failed"
(cd "$WORK" && apt-get source --download-only bearssl >/dev/null) ||
    fail "apt-get source --download-only bearssl failed"
[ -f "$WORK/$ORIG" ] || fail "$ORIG was not downloaded (is the package still 0.6?)"
GOT=$(sha256sum "$WORK/$ORIG" | cut -d' ' -f1)
[ "$GOT" = "$ORIG_SHA256" ] || fail "$ORIG sha256 is $GOT, expected $ORIG_SHA256"

rm -rf "$DEST"
mkdir -p "$DEST"
tar -xf "$WORK/$ORIG" -C "$DEST" --strip-components=1 || fail "could not unpack $ORIG"
[ -f "$DEST/inc/bearssl.h" ] || fail "unpacked source lacks inc/bearssl.h"
echo "$ORIG_SHA256" >"$DEST/.verified"
echo "fetch-bearssl: BearSSL source ready in build/bearssl"
