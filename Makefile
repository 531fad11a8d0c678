# Tessera: `make run` boots the OS in QEMU, `make test` checks everything.
# Both set the machine up first (Debian packages, Rust targets), so on a fresh Debian machine
# those two commands are all you type.

ESP      := build/esp
IMAGE    := $(ESP)/EFI/BOOT/BOOTX64.EFI
KERNEL   := target/x86_64-unknown-uefi/release/kernel.efi
WASM     := target/wasm32-wasip1/release
# Apps embedded in the image (desktop icons), and apps only the system tests put on a
# second boot drive's \apps folder (a plain WASI command and the hostile-app suite).
APPS      := cube clock editor terminal browser
TEST_APPS := hello hostile tlsprobe
TEST_ESP  := build/test-esp
OVMF     := /usr/share/ovmf/OVMF.fd
CARGO    ?= cargo

# What `make run` boots: the devices DESIGN.md names, at 1920x1080.
QEMU_ARGS := -machine q35 -m 1G -vga none -bios $(OVMF) -no-reboot \
	-drive if=none,id=esp,format=raw,file=fat:rw:$(ESP) \
	-device virtio-blk-pci,drive=esp,bootindex=0 \
	-device virtio-gpu-pci,xres=1920,yres=1080 \
	-device virtio-keyboard-pci -device virtio-mouse-pci -device virtio-tablet-pci \
	-netdev user,id=n0 -device virtio-net-pci,netdev=n0,romfile= \
	-serial stdio

.PHONY: all setup apps build run test test-host test-system bench fmt lint clean

all: build

setup:
	@bash tools/setup.sh

apps: setup
	$(CARGO) build --release --target wasm32-wasip1 $(addprefix -p ,$(APPS) $(TEST_APPS))
	@rm -rf build/apps $(TEST_ESP)/apps
	@mkdir -p build/apps $(TEST_ESP)/apps
	@for app in $(APPS); do cp $(WASM)/$$app.wasm build/apps/; done
	@cp $(WASM)/hello.wasm $(WASM)/hostile-*.wasm $(WASM)/bench-syscalls.wasm $(WASM)/tlsprobe.wasm $(TEST_ESP)/apps/
	@printf 'not a wasm module' > $(TEST_ESP)/apps/broken.wasm

build: apps
	$(CARGO) build --release -p kernel --target x86_64-unknown-uefi
	@mkdir -p $(dir $(IMAGE)) $(TEST_ESP)/EFI/BOOT
	@cp $(KERNEL) $(IMAGE)
	@cp $(KERNEL) $(TEST_ESP)/EFI/BOOT/BOOTX64.EFI
	@echo "image: $(IMAGE) ($$(stat -c %s $(IMAGE)) bytes)"

# With a display the window opens; without one, QEMU serves VNC on :5900 and the serial
# console stays on this terminal.
run: build
	qemu-system-x86_64 $(QEMU_ARGS) $(if $(DISPLAY),,-display none -vnc :0)

test: build test-host test-system

test-host: setup
	$(CARGO) test --workspace --exclude vmtest
	$(CARGO) run --release -q -p html --bin html5lib-check -- --min-tokenizer 98 --min-tree 90 ../shared/testdata/html5lib

test-system: build
	$(CARGO) test -p vmtest -- --test-threads=2

bench: build
	$(CARGO) run --release -q -p vmtest -- bench
	bash apps/python/benches/run.sh

fmt:
	$(CARGO) fmt --all

lint: setup
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	$(CARGO) clippy -p kernel --target x86_64-unknown-uefi -- -D warnings

clean:
	$(CARGO) clean
	rm -rf build
