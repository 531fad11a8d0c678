//! Host-only glue for tests against the Linux stack: a network namespace made for the
//! test, a TAP device inside it driven by our stack, threads that enter the namespace to
//! run Linux sockets, and optional impairment (netem if the kernel has it, otherwise loss
//! and delay applied here in user space). Nothing leaves the namespace.
#![allow(dead_code)]

use net::{Device, Interface, MacAddr};
use std::collections::VecDeque;
use std::ffi::CString;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// Why the Linux-peer tests cannot run here, if they cannot.
pub fn unavailable() -> Option<String> {
    // SAFETY: geteuid has no preconditions and cannot fail.
    if unsafe { libc::geteuid() } != 0 {
        return Some("not root: cannot create network namespaces or TAP devices".into());
    }
    if !std::path::Path::new("/dev/net/tun").exists() {
        return Some("/dev/net/tun is missing".into());
    }
    match Command::new("ip").arg("-V").output() {
        Ok(o) if o.status.success() => None,
        _ => Some("the `ip` tool (iproute2) is missing".into()),
    }
}

/// Prints a skip message and returns true if the tests cannot run.
pub fn skip(test: &str) -> bool {
    match unavailable() {
        Some(why) => {
            println!("SKIPPED {test}: {why}");
            true
        }
        None => false,
    }
}

fn run(args: &[&str]) -> bool {
    Command::new(args[0])
        .args(&args[1..])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// A namespace holding one TAP device; removed (with its processes) on drop.
pub struct Netns {
    pub name: String,
    pub tap: String,
    pub fd: i32,
    children: Vec<Child>,
}

impl Netns {
    /// Creates namespace + TAP with `linux_cidr` on the Linux side, or says why it cannot
    /// (a container without CAP_NET_ADMIN, no tun driver...).
    pub fn new(linux_cidr: &str) -> Result<Netns, String> {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let name = format!("nettest{}x{}", std::process::id(), n);
        let tap = format!("ntap{n}");
        if !run(&["ip", "netns", "add", &name]) {
            return Err("`ip netns add` failed (no CAP_NET_ADMIN?)".into());
        }
        let ns_name = name.clone();
        let tap_name = tap.clone();
        // Create the TAP from a thread that entered the namespace, so the device lives there.
        let fd = std::thread::spawn(move || {
            enter(&ns_name)?;
            open_tap(&tap_name)
        })
        .join()
        .unwrap_or_else(|_| Err("TAP thread panicked".into()));
        let fd = match fd {
            Ok(fd) => fd,
            Err(e) => {
                run(&["ip", "netns", "del", &name]);
                return Err(e);
            }
        };
        let ns = Netns {
            name,
            tap,
            fd,
            children: Vec::new(),
        };
        let ok = ns.exec(&["ip", "addr", "add", linux_cidr, "dev", &ns.tap])
            && ns.exec(&["ip", "link", "set", &ns.tap, "up"])
            && ns.exec(&["ip", "link", "set", "lo", "up"]);
        if !ok {
            return Err("configuring the TAP inside the namespace failed".into());
        }
        Ok(ns)
    }

    /// Like [`Netns::new`], printing why and returning `None` when it cannot be made.
    pub fn for_test(test: &str, linux_cidr: &str) -> Option<Netns> {
        match Netns::new(linux_cidr) {
            Ok(ns) => Some(ns),
            Err(why) => {
                println!("SKIPPED {test}: {why}");
                None
            }
        }
    }

    /// Where a daemon started for this namespace writes its pid (removed on drop).
    pub fn pid_file(&self) -> String {
        format!("/tmp/{}.pid", self.name)
    }

    /// Runs a command inside the namespace.
    pub fn exec(&self, args: &[&str]) -> bool {
        let mut full = vec!["ip", "netns", "exec", &self.name];
        full.extend_from_slice(args);
        run(&full)
    }

    /// Starts a long-running command inside the namespace; killed on drop.
    pub fn spawn(&mut self, args: &[&str]) -> std::io::Result<()> {
        let child = Command::new("ip")
            .args(["netns", "exec", &self.name])
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        self.children.push(child);
        Ok(())
    }

    /// Tries netem on the Linux side of the TAP; false if the kernel lacks it.
    pub fn netem(&self, spec: &[&str]) -> bool {
        let mut args = vec!["tc", "qdisc", "add", "dev", &self.tap, "root", "netem"];
        args.extend_from_slice(spec);
        self.exec(&args)
    }

    /// Runs `f` on a thread inside the namespace (for Linux sockets).
    pub fn thread<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> std::thread::JoinHandle<T> {
        let ns = self.name.clone();
        std::thread::spawn(move || {
            enter(&ns).expect("enter the test namespace");
            f()
        })
    }
}

impl Drop for Netns {
    fn drop(&mut self) {
        for c in &mut self.children {
            let _ = c.kill();
            let _ = c.wait();
        }
        // SAFETY: `fd` was returned by open() in `open_tap` and is closed only here.
        unsafe { libc::close(self.fd) };
        run(&["ip", "netns", "del", &self.name]);
        let _ = std::fs::remove_file(self.pid_file());
    }
}

/// Moves the calling thread into namespace `name` (setns(2) with CLONE_NEWNET affects only
/// the calling thread).
fn enter(name: &str) -> Result<(), String> {
    let path = CString::new(format!("/run/netns/{name}")).map_err(|e| e.to_string())?;
    // SAFETY: `path` is a valid NUL-terminated string that outlives the call.
    let fd = unsafe { libc::open(path.as_ptr(), libc::O_RDONLY | libc::O_CLOEXEC) };
    if fd < 0 {
        return Err(format!("cannot open /run/netns/{name}"));
    }
    // SAFETY: `fd` is an open namespace file descriptor; setns only reads it.
    let rc = unsafe { libc::setns(fd, libc::CLONE_NEWNET) };
    // SAFETY: `fd` is ours and no longer needed.
    unsafe { libc::close(fd) };
    if rc != 0 {
        return Err("setns(CLONE_NEWNET) failed".into());
    }
    Ok(())
}

const TUNSETIFF: libc::c_ulong = 0x4004_54ca;

/// Opens a non-blocking TAP device named `name` without packet-info headers.
fn open_tap(name: &str) -> Result<i32, String> {
    // SAFETY: the path literal is NUL-terminated.
    let fd = unsafe {
        libc::open(
            c"/dev/net/tun".as_ptr(),
            libc::O_RDWR | libc::O_NONBLOCK | libc::O_CLOEXEC,
        )
    };
    if fd < 0 {
        return Err("cannot open /dev/net/tun".into());
    }
    // SAFETY: ifreq is plain data for which all-zero bytes are a valid value.
    let mut ifr: libc::ifreq = unsafe { std::mem::zeroed() };
    for (dst, src) in ifr.ifr_name.iter_mut().zip(name.bytes()) {
        *dst = src as libc::c_char;
    }
    ifr.ifr_ifru.ifru_flags = (libc::IFF_TAP | libc::IFF_NO_PI) as libc::c_short;
    // SAFETY: TUNSETIFF reads an ifreq, which `ifr` is, for the duration of the call.
    let rc = unsafe { libc::ioctl(fd, TUNSETIFF as _, &ifr) };
    if rc != 0 {
        // SAFETY: `fd` is ours and used nowhere else.
        unsafe { libc::close(fd) };
        return Err("TUNSETIFF failed: cannot create a TAP device".into());
    }
    Ok(fd)
}

/// Our end of the TAP, with optional user-space loss and delay in both directions.
pub struct TapDevice {
    fd: i32,
    mac: MacAddr,
    pub loss: f64,
    pub delay_ms: u64,
    /// Probability that a frame is held back 1-10 ms longer (so later frames overtake it).
    pub reorder: f64,
    rng: u64,
    start: Instant,
    inbound: VecDeque<(u64, Vec<u8>)>,
    outbound: VecDeque<(u64, Vec<u8>)>,
    pub dropped: u64,
}

impl TapDevice {
    pub fn new(ns: &Netns, mac: MacAddr) -> Self {
        TapDevice {
            fd: ns.fd,
            mac,
            loss: 0.0,
            delay_ms: 0,
            reorder: 0.0,
            rng: 0x1234_5678_9abc_def1,
            start: Instant::now(),
            inbound: VecDeque::new(),
            outbound: VecDeque::new(),
            dropped: 0,
        }
    }

    pub fn now_ms(&self) -> u64 {
        self.start.elapsed().as_millis() as u64
    }

    fn chance(&mut self, p: f64) -> bool {
        if p <= 0.0 {
            return false;
        }
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        (self.rng % 1_000_000) as f64 / 1_000_000.0 < p
    }

    fn lose(&mut self) -> bool {
        let lost = self.chance(self.loss);
        if lost {
            self.dropped += 1;
        }
        lost
    }

    /// When a frame sent now should come out.
    fn due_time(&mut self) -> u64 {
        let mut at = self.now_ms() + self.delay_ms;
        if self.chance(self.reorder) {
            at += 1 + self.rng % 10;
        }
        at
    }

    /// Removes the earliest frame due by `now` from `queue`.
    fn take_due(queue: &mut VecDeque<(u64, Vec<u8>)>, now: u64) -> Option<Vec<u8>> {
        let (i, _) = queue
            .iter()
            .enumerate()
            .filter(|(_, (t, _))| *t <= now)
            .min_by_key(|(_, (t, _))| *t)?;
        queue.remove(i).map(|(_, f)| f)
    }

    fn write_frame(&self, frame: &[u8]) {
        // SAFETY: `frame` is a valid slice for reads of its length; a full TAP queue just
        // drops the frame (write returns -1), which TCP recovers from.
        unsafe { libc::write(self.fd, frame.as_ptr().cast(), frame.len()) };
    }

    /// Sends delayed outbound frames whose time has come.
    pub fn flush(&mut self) {
        let now = self.now_ms();
        while let Some(f) = Self::take_due(&mut self.outbound, now) {
            self.write_frame(&f);
        }
    }

    /// Waits up to `ms` for the TAP to become readable.
    pub fn wait(&self, ms: i32) {
        let mut pfd = libc::pollfd {
            fd: self.fd,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: `pfd` is one valid pollfd for the duration of the call.
        unsafe { libc::poll(&mut pfd, 1, ms) };
    }
}

impl Device for TapDevice {
    fn mac(&self) -> MacAddr {
        self.mac
    }

    fn receive(&mut self, buf: &mut [u8]) -> Option<usize> {
        let now = self.now_ms();
        loop {
            let mut frame = vec![0u8; 2048];
            // SAFETY: `frame` is writable for its whole length.
            let n = unsafe { libc::read(self.fd, frame.as_mut_ptr().cast(), frame.len()) };
            if n <= 0 {
                break;
            }
            frame.truncate(n as usize);
            if !self.lose() {
                let at = self.due_time();
                self.inbound.push_back((at, frame));
            }
        }
        let f = Self::take_due(&mut self.inbound, now)?;
        let n = f.len().min(buf.len());
        buf[..n].copy_from_slice(&f[..n]);
        Some(n)
    }

    fn transmit(&mut self, frame: &[u8]) -> bool {
        if self.lose() {
            return true;
        }
        if self.delay_ms == 0 && self.reorder <= 0.0 {
            self.write_frame(frame);
        } else {
            let at = self.due_time();
            self.outbound.push_back((at, frame.to_vec()));
        }
        true
    }
}

/// Drives `iface` on `dev` until `done` says so or `limit` passes.
pub fn drive(
    iface: &mut Interface,
    dev: &mut TapDevice,
    limit: Duration,
    mut done: impl FnMut(&mut Interface) -> bool,
) -> bool {
    let start = Instant::now();
    loop {
        let now = dev.now_ms();
        iface.poll_device(dev, now);
        dev.flush();
        if done(iface) {
            iface.poll_device(dev, dev.now_ms());
            dev.flush();
            return true;
        }
        if start.elapsed() > limit {
            return false;
        }
        if iface.tx_pending() == 0 {
            dev.wait(1);
        }
    }
}

/// FNV-1a, 64 bit: the hash both sides compute over a transfer.
pub fn fnv1a(data: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in data {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Deterministic test data.
pub fn pattern(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}
