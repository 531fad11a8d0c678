//! `vmtest`: boots the OS image in QEMU and drives it the way a person would.
//!
//! A [`Vm`] is one QEMU process (TCG, headless) booting `build/esp` through OVMF. The test
//! talks to it three ways:
//!
//! - the **serial console** (COM1 on QEMU's stdio): every line the kernel logs is collected by
//!   a reader thread, [`Vm::wait_for`] waits for a line containing a text, and
//!   [`Vm::console`] types a command;
//! - **QMP** (QEMU's JSON control socket): [`Vm::key`], [`Vm::type_text`],
//!   [`Vm::tablet_move`], [`Vm::mouse_move`] and [`Vm::click`] inject real events into the
//!   virtio keyboard/tablet/mouse with `input-send-event`;
//! - **screenshots**: [`Vm::screenshot`] asks QEMU for a `screendump` PNG of the scanout and
//!   decodes it into an [`Image`] to check what is on screen.
//!
//! The QEMU process is killed when the `Vm` is dropped.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

mod image;
pub use image::Image;
/// Real peers on the host (servers, DNS, a test CA): the `peers` crate.
pub use peers as host;

/// The rectangle at the end of a log line such as `desktop: window NAME at X,Y size WxH`:
/// its last four numbers (a window dragged off the left edge has a negative X).
pub fn rect_at_end(line: &str) -> (i32, i32, i32, i32) {
    let numbers: Vec<i32> = line
        .split(|c: char| !c.is_ascii_digit() && c != '-')
        .filter_map(|n| n.parse().ok())
        .collect();
    match numbers[numbers.len().saturating_sub(4)..] {
        [x, y, w, h] => (x, y, w, h),
        _ => panic!("no rectangle at the end of {line:?}"),
    }
}

/// [`rect_at_end`] for a rectangle on the screen, as the unsigned pixels screenshots take.
pub fn screen_rect(line: &str) -> (u32, u32, u32, u32) {
    let (x, y, w, h) = rect_at_end(line);
    let pixels = |v: i32| v.max(0) as u32;
    (pixels(x), pixels(y), pixels(w), pixels(h))
}

/// OVMF as Debian's `ovmf` package installs it.
pub const OVMF: &str = "/usr/share/ovmf/OVMF.fd";

/// The repository root (tools/vmtest/../..).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repo root")
}

/// Which devices and settings a VM boots with.
#[derive(Clone, Debug)]
pub struct Options {
    pub keyboard: bool,
    pub tablet: bool,
    pub mouse: bool,
    pub network: bool,
    pub gpu: bool,
    /// `-fw_cfg name=NAME,string=VALUE` entries.
    pub fw_cfg: Vec<(String, String)>,
    /// `-fw_cfg name=NAME,file=PATH` entries (e.g. `opt/os/ca`, a PEM file).
    pub fw_cfg_files: Vec<(String, PathBuf)>,
    /// Adds `isa-debug-exit` so the guest can end the run with a status.
    pub debug_exit: bool,
    pub memory_mib: u32,
    /// The ESP folder to boot (default `build/esp`).
    pub esp: PathBuf,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            keyboard: true,
            tablet: true,
            mouse: true,
            network: true,
            gpu: true,
            fw_cfg: Vec::new(),
            fw_cfg_files: Vec::new(),
            debug_exit: false,
            memory_mib: 1024,
            esp: repo_root().join("build/esp"),
        }
    }
}

impl Options {
    /// The QEMU command line for these options (also used by `make run`'s documentation).
    pub fn qemu_args(&self, qmp: &Path) -> Vec<String> {
        let mut args: Vec<String> = [
            "-machine",
            "q35",
            "-m",
            &self.memory_mib.to_string(),
            "-vga",
            "none",
            "-display",
            "none",
            "-bios",
            OVMF,
            "-no-reboot",
            "-serial",
            "stdio",
            "-monitor",
            "none",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        args.push("-drive".into());
        args.push(format!(
            "if=none,id=esp,format=raw,file=fat:rw:{}",
            self.esp.display()
        ));
        args.push("-device".into());
        args.push("virtio-blk-pci,drive=esp,bootindex=0".into());
        let mut device = |spec: &str| {
            args.push("-device".into());
            args.push(spec.into());
        };
        if self.gpu {
            device("virtio-gpu-pci,xres=1920,yres=1080");
        }
        if self.keyboard {
            device("virtio-keyboard-pci,id=kbd");
        }
        if self.tablet {
            device("virtio-tablet-pci,id=tablet");
        }
        if self.mouse {
            device("virtio-mouse-pci,id=mouse");
        }
        if self.network {
            device("virtio-net-pci,netdev=n0,romfile=");
        }
        if self.debug_exit {
            device("isa-debug-exit,iobase=0xf4,iosize=0x04");
        }
        if self.network {
            args.push("-netdev".into());
            args.push("user,id=n0".into());
        }
        for (name, value) in &self.fw_cfg {
            args.push("-fw_cfg".into());
            // QEMU option values escape a comma by doubling it.
            args.push(format!("name={name},string={}", value.replace(',', ",,")));
        }
        for (name, path) in &self.fw_cfg_files {
            args.push("-fw_cfg".into());
            let path = path.display().to_string().replace(',', ",,");
            args.push(format!("name={name},file={path}"));
        }
        args.push("-qmp".into());
        args.push(format!("unix:{},server=on,wait=off", qmp.display()));
        args
    }
}

/// Serial lines collected so far, and a signal for new ones.
type Lines = Arc<(Mutex<Vec<String>>, Condvar)>;

/// A running QEMU.
pub struct Vm {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Lines,
    qmp: Option<BufReader<UnixStream>>,
    dir: PathBuf,
    /// The screen size the guest reported in `desktop: ready WxH`.
    pub screen: (u32, u32),
}

/// Why a VM step failed; the message includes the serial log's tail.
#[derive(Debug)]
pub struct VmError(pub String);

impl std::fmt::Display for VmError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for VmError {}

pub type Result<T> = std::result::Result<T, VmError>;

fn temp_dir() -> PathBuf {
    use std::sync::atomic::{AtomicU32, Ordering};
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("vmtest-{}-{}", std::process::id(), n));
    let _ = std::fs::create_dir_all(&dir);
    dir
}

impl Vm {
    /// Starts QEMU with `options`; does not wait for the guest.
    pub fn start(options: &Options) -> Result<Vm> {
        let image = options.esp.join("EFI/BOOT/BOOTX64.EFI");
        if !image.exists() {
            return Err(VmError(format!(
                "{} is missing: run `make build` first",
                image.display()
            )));
        }
        let dir = temp_dir();
        let qmp_path = dir.join("qmp.sock");
        let mut child = Command::new("qemu-system-x86_64")
            .args(options.qemu_args(&qmp_path))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| VmError(format!("cannot start qemu-system-x86_64: {e}")))?;
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| VmError("no stdout".into()))?;
        let lines: Lines = Arc::new((Mutex::new(Vec::new()), Condvar::new()));
        let sink = lines.clone();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut raw = Vec::new();
            while matches!(reader.read_until(b'\n', &mut raw), Ok(n) if n > 0) {
                let text = String::from_utf8_lossy(&raw);
                let line = strip_escapes(text.trim_end_matches(['\r', '\n']));
                if std::env::var_os("VMTEST_VERBOSE").is_some() {
                    eprintln!("serial| {line}");
                }
                let (store, signal) = &*sink;
                store.lock().unwrap().push(line);
                signal.notify_all();
                raw.clear();
            }
        });
        let stdin = child.stdin.take();
        let mut vm = Vm {
            child,
            stdin,
            lines,
            qmp: None,
            dir,
            screen: (0, 0),
        };
        vm.connect_qmp(&qmp_path)?;
        Ok(vm)
    }

    /// Starts QEMU and waits for `desktop: ready`.
    pub fn boot(options: &Options) -> Result<Vm> {
        let mut vm = Vm::start(options)?;
        let ready = vm.wait_for("desktop: ready ", Duration::from_secs(60))?;
        let size = ready.rsplit(' ').next().unwrap_or("");
        if let Some((w, h)) = size.split_once('x') {
            vm.screen = (w.parse().unwrap_or(0), h.parse().unwrap_or(0));
        }
        Ok(vm)
    }

    fn connect_qmp(&mut self, path: &Path) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(10);
        let stream = loop {
            match UnixStream::connect(path) {
                Ok(stream) => break stream,
                Err(e) if Instant::now() > deadline => {
                    return Err(VmError(format!("QMP socket never appeared: {e}")))
                }
                Err(_) => std::thread::sleep(Duration::from_millis(20)),
            }
        };
        let mut reader = BufReader::new(stream);
        let mut greeting = String::new();
        reader
            .read_line(&mut greeting)
            .map_err(|e| VmError(format!("QMP greeting: {e}")))?;
        self.qmp = Some(reader);
        self.qmp("qmp_capabilities", json!({}))?;
        Ok(())
    }

    /// Sends one QMP command and returns its `return` value.
    pub fn qmp(&mut self, command: &str, arguments: Value) -> Result<Value> {
        let reader = self
            .qmp
            .as_mut()
            .ok_or_else(|| VmError("QMP not connected".into()))?;
        let request = json!({ "execute": command, "arguments": arguments });
        let mut line = serde_json::to_string(&request).unwrap_or_default();
        line.push('\n');
        reader
            .get_mut()
            .write_all(line.as_bytes())
            .map_err(|e| VmError(format!("QMP send: {e}")))?;
        loop {
            let mut answer = String::new();
            let n = reader
                .read_line(&mut answer)
                .map_err(|e| VmError(format!("QMP read: {e}")))?;
            if n == 0 {
                return Err(VmError("QMP closed".into()));
            }
            let value: Value = serde_json::from_str(&answer)
                .map_err(|e| VmError(format!("QMP answer {answer:?}: {e}")))?;
            if let Some(result) = value.get("return") {
                return Ok(result.clone());
            }
            if let Some(error) = value.get("error") {
                return Err(VmError(format!("QMP {command} failed: {error}")));
            }
            // Anything else is an asynchronous event: skip it.
        }
    }

    /// Every serial line so far.
    pub fn log(&self) -> Vec<String> {
        self.lines.0.lock().unwrap().clone()
    }

    /// The last `n` serial lines, for error messages. The once-a-second `stats:` lines
    /// are left out (they would crowd out what happened), apart from the last two.
    pub fn tail(&self, n: usize) -> String {
        let log = self.log();
        let stats: Vec<&String> = log.iter().filter(|l| l.starts_with("stats:")).collect();
        let mut lines: Vec<&String> = log.iter().filter(|l| !l.starts_with("stats:")).collect();
        lines.drain(..lines.len().saturating_sub(n));
        lines.extend(stats.iter().rev().take(2).rev());
        lines
            .iter()
            .map(|l| l.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Waits for a serial line containing `text` that arrives after line `from`.
    pub fn wait_for_after(&self, from: usize, text: &str, timeout: Duration) -> Result<String> {
        let deadline = Instant::now() + timeout;
        let (store, signal) = &*self.lines;
        let mut lines = store.lock().unwrap();
        loop {
            if let Some(line) = lines.iter().skip(from).find(|l| l.contains(text)) {
                return Ok(line.clone());
            }
            if let Some(panic) = lines.iter().find(|l| l.starts_with("panic:")) {
                return Err(VmError(format!("guest panicked: {panic}")));
            }
            let now = Instant::now();
            if now >= deadline {
                drop(lines);
                return Err(VmError(format!(
                    "timed out after {timeout:?} waiting for {text:?}; serial tail:\n{}",
                    self.tail(25)
                )));
            }
            lines = signal.wait_timeout(lines, deadline - now).unwrap().0;
        }
    }

    /// Waits for any serial line containing `text`.
    pub fn wait_for(&self, text: &str, timeout: Duration) -> Result<String> {
        self.wait_for_after(0, text, timeout)
    }

    /// Number of serial lines so far (a mark for `wait_for_after`).
    pub fn mark(&self) -> usize {
        self.lines.0.lock().unwrap().len()
    }

    /// Types a console command on the serial line and returns the mark before it.
    pub fn console(&mut self, command: &str) -> Result<usize> {
        let mark = self.mark();
        let stdin = self
            .stdin
            .as_mut()
            .ok_or_else(|| VmError("no serial input".into()))?;
        stdin
            .write_all(format!("{command}\r").as_bytes())
            .and_then(|_| stdin.flush())
            .map_err(|e| VmError(format!("serial write: {e}")))?;
        Ok(mark)
    }

    fn send_events(&mut self, events: Value, device: Option<&str>) -> Result<()> {
        let mut arguments = json!({ "events": events });
        if let Some(device) = device {
            arguments["device"] = json!(device);
        }
        self.qmp("input-send-event", arguments).map(|_| ())
    }

    /// Presses and releases a key given by its QEMU `qcode` (e.g. "a", "ret", "shift").
    pub fn key(&mut self, qcode: &str) -> Result<()> {
        self.chord(&[qcode])
    }

    /// Presses keys in order and releases them in reverse (e.g. ["ctrl", "c"]).
    pub fn chord(&mut self, qcodes: &[&str]) -> Result<()> {
        for (down, order) in [
            (true, qcodes.to_vec()),
            (false, qcodes.iter().rev().copied().collect()),
        ] {
            for qcode in order {
                let event = json!([{ "type": "key", "data": {
                    "down": down, "key": { "type": "qcode", "data": qcode } } }]);
                self.send_events(event, None)?;
            }
        }
        Ok(())
    }

    /// Types ASCII text through the keyboard (US layout).
    ///
    /// Keys go at a fast typist's pace (one per 12 ms): QEMU's virtio-input queue has 64
    /// buffers, and a burst faster than the guest's frame loop drains them would make QEMU
    /// drop events, a key release among them (the key would then repeat for ever).
    pub fn type_text(&mut self, text: &str) -> Result<()> {
        for c in text.chars() {
            std::thread::sleep(Duration::from_millis(12));
            let (qcode, shift) =
                qcode_for(c).ok_or_else(|| VmError(format!("no key types {c:?}")))?;
            if shift {
                self.chord(&["shift", &qcode])?;
            } else {
                self.key(&qcode)?;
            }
        }
        Ok(())
    }

    /// Moves the tablet to screen pixel (`x`, `y`).
    pub fn tablet_move(&mut self, x: u32, y: u32) -> Result<()> {
        let (w, h) = (self.screen.0.max(2), self.screen.1.max(2));
        // QEMU's absolute axes run 0..=0x7fff over the whole screen.
        let ax = (x as u64 * 0x7fff).div_ceil((w - 1) as u64);
        let ay = (y as u64 * 0x7fff).div_ceil((h - 1) as u64);
        let events = json!([
            { "type": "abs", "data": { "axis": "x", "value": ax } },
            { "type": "abs", "data": { "axis": "y", "value": ay } }
        ]);
        self.send_events(events, None)
    }

    /// Moves the relative mouse by (`dx`, `dy`).
    pub fn mouse_move(&mut self, dx: i32, dy: i32) -> Result<()> {
        let events = json!([
            { "type": "rel", "data": { "axis": "x", "value": dx } },
            { "type": "rel", "data": { "axis": "y", "value": dy } }
        ]);
        self.send_events(events, None)
    }

    /// Turns the wheel by `notches` (positive: towards the user, scrolling down).
    pub fn wheel(&mut self, notches: i32) -> Result<()> {
        let button = if notches > 0 {
            "wheel-down"
        } else {
            "wheel-up"
        };
        for _ in 0..notches.unsigned_abs() {
            self.click(button)?;
            std::thread::sleep(Duration::from_millis(12));
        }
        Ok(())
    }

    /// Presses and releases a button ("left", "right", "middle").
    pub fn click(&mut self, button: &str) -> Result<()> {
        for down in [true, false] {
            let event = json!([{ "type": "btn", "data": { "down": down, "button": button } }]);
            self.send_events(event, None)?;
        }
        Ok(())
    }

    /// Takes a screenshot of the scanout; also keeps it as `name.png` under
    /// `target/vmtest-shots/` for people to look at.
    pub fn screenshot(&mut self, name: &str) -> Result<Image> {
        let path = self.dir.join(format!("{name}.png"));
        self.qmp(
            "screendump",
            json!({ "filename": path.display().to_string(), "format": "png" }),
        )?;
        let image = Image::load(&path)?;
        let keep = repo_root().join("target/vmtest-shots");
        let _ = std::fs::create_dir_all(&keep);
        let _ = std::fs::copy(&path, keep.join(format!("{name}.png")));
        Ok(image)
    }

    /// Waits for QEMU to exit by itself and returns its exit code.
    pub fn wait_exit(&mut self, timeout: Duration) -> Result<i32> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Ok(status.code().unwrap_or(-1));
            }
            if Instant::now() > deadline {
                return Err(VmError(format!(
                    "QEMU did not exit; tail:\n{}",
                    self.tail(20)
                )));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Checks that the guest never printed `panic:`.
    pub fn assert_no_panic(&self) -> Result<()> {
        match self.log().iter().find(|l| l.starts_with("panic:")) {
            Some(line) => Err(VmError(format!("guest panicked: {line}"))),
            None => Ok(()),
        }
    }
}

impl Drop for Vm {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Removes ANSI escape sequences (OVMF clears the screen on the serial line).
fn strip_escapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            if chars.peek() == Some(&'[') {
                chars.next();
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
            continue;
        }
        out.push(c);
    }
    out
}

/// The QEMU qcode and shift state that type `c` on a US keyboard.
pub fn qcode_for(c: char) -> Option<(String, bool)> {
    const SHIFTED: &[(char, &str)] = &[
        ('!', "1"),
        ('@', "2"),
        ('#', "3"),
        ('$', "4"),
        ('%', "5"),
        ('^', "6"),
        ('&', "7"),
        ('*', "8"),
        ('(', "9"),
        (')', "0"),
        ('_', "minus"),
        ('+', "equal"),
        ('{', "bracket_left"),
        ('}', "bracket_right"),
        (':', "semicolon"),
        ('"', "apostrophe"),
        ('~', "grave_accent"),
        ('|', "backslash"),
        ('<', "comma"),
        ('>', "dot"),
        ('?', "slash"),
    ];
    const PLAIN: &[(char, &str)] = &[
        (' ', "spc"),
        ('\n', "ret"),
        ('\t', "tab"),
        ('-', "minus"),
        ('=', "equal"),
        ('[', "bracket_left"),
        (']', "bracket_right"),
        (';', "semicolon"),
        ('\'', "apostrophe"),
        ('`', "grave_accent"),
        ('\\', "backslash"),
        (',', "comma"),
        ('.', "dot"),
        ('/', "slash"),
    ];
    if c.is_ascii_lowercase() || c.is_ascii_digit() {
        return Some((c.to_string(), false));
    }
    if c.is_ascii_uppercase() {
        return Some((c.to_ascii_lowercase().to_string(), true));
    }
    if let Some((_, q)) = SHIFTED.iter().find(|(k, _)| *k == c) {
        return Some((q.to_string(), true));
    }
    PLAIN
        .iter()
        .find(|(k, _)| *k == c)
        .map(|(_, q)| (q.to_string(), false))
}
