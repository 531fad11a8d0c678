#!/usr/bin/env bash
# Installs what building, running and testing need, and only what is missing.
# Called by `make setup` (and so by `make run` and `make test`); safe to run again.
set -euo pipefail

# Debian packages: QEMU and its UEFI firmware; clang/lld/wasi-libc for BearSSL in the apps;
# dnsmasq, iproute2 and openssl for the network tests' real peers; bc for the Python benchmarks.
packages=(qemu-system-x86 ovmf dnsmasq-base iproute2 python3 openssl iputils-ping bc)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

# Rust targets: the kernel is a UEFI application, the apps are WASM modules.
installed=$(rustup target list --installed)
for target in x86_64-unknown-uefi wasm32-wasip1; do
  if ! grep -qx "$target" <<<"$installed"; then
    echo "setup: adding Rust target $target"
    rustup target add "$target" >/dev/null
  fi
done

# BearSSL's C source (Debian's source package, checksum-pinned) and the C toolchain for it.
sh "$(dirname "$0")/fetch-bearssl.sh"
