//! The running system: the devices, the desktop, and the one loop that drives them.
//!
//! Once per frame the loop polls the serial console and the input devices, lets the desktop
//! draw what changed, sends the damaged rectangles to the GPU, and records how long that work
//! took. Then it waits (spinning on the TSC: there are no interrupts to sleep on) until the
//! next frame is due, 60 times a second.

use crate::boot::Firmware;
use crate::clock::{Clock, DateTime, WallClock};
use crate::console::{Command, Edit, LineEditor, HELP};
use crate::desktop::windows::Action;
use crate::desktop::{topbar, Desktop};
use crate::devices::Devices;
use crate::fwcfg::{self, FwCfg};
use crate::input::InputState;
use crate::stats::{Summary, Window};
use crate::virtio::gpu::DamageRect;
use crate::wasm::Apps;
use crate::{log, serial};
use abi::event;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use gfx::Rect;

/// What the boot sequence hands over.
pub struct Boot {
    pub clock: Clock,
    pub wall: WallClock,
    pub firmware: Firmware,
    /// Reports the heap's (used, total) bytes.
    pub memory: fn() -> (usize, usize),
    /// Reports the heap's free bytes and how many blocks they are split into.
    pub heap_free: fn() -> (usize, usize, usize),
    /// `\apps\*.wasm` from the boot drive.
    pub boot_files: crate::boot::files::BootFiles,
}

/// Frames per second the loop aims for.
const TARGET_FPS: u64 = 60;
const FRAME_US: u64 = 1_000_000 / TARGET_FPS;
/// The screen size unless `opt/os/resolution` says otherwise.
const DEFAULT_RESOLUTION: (u32, u32) = (1920, 1080);

/// Everything the loop works with.
pub struct System {
    pub boot: Boot,
    pub fwcfg: Option<FwCfg>,
    pub devices: Devices,
    pub input: InputState,
    pub desktop: Desktop,
    pub width: u32,
    pub height: u32,
    console: LineEditor,
    window: Window,
    pub last_summary: Summary,
    events: Vec<crate::input::InputEvent>,
    raw: Vec<crate::virtio::input::RawEvent>,
    damage: Vec<Rect>,
    pub apps: Apps,
    /// The TCP/IP stack on the network card, when there is one (shared with the apps'
    /// sockets).
    pub network: crate::wasm::sockets::Network,
    actions: Vec<Action>,
    /// Console network commands in progress.
    tasks: Vec<crate::nettools::Task>,
    /// The audit view (shown as the window "audit").
    audit: crate::desktop::audit::Audit,
    audit_dirty: bool,
    frames: u64,
    /// Time the apps took in the last frame.
    apps_us: u64,
    /// Network bytes (received, sent) at the last top-bar update.
    net_bytes: (u64, u64),
    shown_second: i64,
}

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_apps.rs"));
}

/// The name of the kernel's own audit window.
const AUDIT: &str = "audit";

/// The shared stylesheet apps read through `sys.stylesheet` (`name = value` lines: a base
/// theme, then palette colours; apps/sdk/src/style.rs reads it).
const STYLESHEET: &str =
    "# Tessera desktop stylesheet\ntheme = dark\naccent = #7cc4ff\nwindow = #1e222c\n";

/// Starts the system and runs it for ever.
pub fn run(boot: Boot) -> ! {
    let fwcfg = FwCfg::probe();
    let (width, height) = fwcfg
        .as_ref()
        .and_then(|f| f.read_string("opt/os/resolution"))
        .and_then(|text| fwcfg::parse_resolution(&text))
        .unwrap_or(DEFAULT_RESOLUTION);
    let devices = Devices::probe(width, height);
    let selftest = fwcfg
        .as_ref()
        .is_some_and(|f| f.read("opt/os/selftest", 64).is_some());
    let now = boot.clock.now_us();
    let network: crate::wasm::sockets::Network = Default::default();
    let mut apps = Apps::new(crate::arch::rdtsc(), STYLESHEET.into(), network.clone());
    apps.config = alloc::rc::Rc::new(machine_config(fwcfg.as_ref()));
    for (name, bytes) in embedded::EMBEDDED_APPS {
        apps.add(name, alloc::rc::Rc::from(*bytes), true);
    }
    if let Some(problem) = boot.boot_files.problem {
        log!("boot: reading \\apps: {}", problem);
    }
    for file in boot.boot_files.files.iter().flatten() {
        let name = file.name();
        match apps.register(name, alloc::rc::Rc::from(file.bytes()), true) {
            Ok(()) => log!("app {}: found on the boot drive ({} bytes)", name, file.len),
            Err(error) => {
                let error: Vec<&str> = error.split_whitespace().collect();
                log!(
                    "app {}: not loaded: invalid module: {}",
                    name,
                    error.join(" ")
                )
            }
        }
    }
    *network.borrow_mut() = devices.net.as_ref().map(|card| {
        let seed = crate::arch::rdtsc() ^ boot.wall.unix_us_now(&boot.clock) as u64;
        net::Interface::new(net::InterfaceConfig::dhcp(net::Device::mac(card), seed))
    });
    if let Some(setting) = fwcfg.as_ref().and_then(|f| f.read_string("opt/os/dns")) {
        // `IP` or `IP:53`: the resolver always asks port 53.
        let ip = setting.split(':').next().unwrap_or("");
        match (
            ip.parse::<core::net::Ipv4Addr>(),
            network.borrow_mut().as_mut(),
        ) {
            (Ok(address), Some(stack)) => {
                stack.dns_set_servers(&[address]);
                log!("net: dns server {} (from opt/os/dns)", address);
            }
            _ => log!("net: ignoring opt/os/dns '{}'", setting),
        }
    }
    let mut system = System {
        network,
        apps,
        actions: Vec::new(),
        tasks: Vec::new(),
        audit: Default::default(),
        audit_dirty: false,
        desktop: Desktop::new(width, height),
        input: InputState::new(width, height),
        boot,
        fwcfg,
        devices,
        width,
        height,
        console: LineEditor::default(),
        window: Window::new(now),
        last_summary: Summary::default(),
        events: Vec::new(),
        raw: Vec::new(),
        damage: Vec::new(),
        frames: 0,
        apps_us: 0,
        net_bytes: (0, 0),
        shown_second: -1,
    };
    if selftest {
        crate::selftest::run(&mut system);
    }
    let mut names: Vec<String> = system
        .apps
        .catalog
        .iter()
        .filter(|e| e.on_desktop)
        .map(|e| e.name.clone())
        .collect();
    names.push(AUDIT.into());
    system.desktop.set_icons(&names);
    let autostart = system
        .fwcfg
        .as_ref()
        .and_then(|f| f.read_string("opt/os/autostart"));
    for name in autostart
        .iter()
        .flat_map(|list| list.split(','))
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        system.open_app(name);
    }
    let mut next_frame = system.boot.clock.now_us();
    loop {
        let start = system.boot.clock.now_us();
        system.frame(start);
        let work = system.boot.clock.now_us().saturating_sub(start);
        system.window.record(work, system.apps_us);
        if system.frames == 1 {
            log!("desktop: ready {}x{}", system.width, system.height);
            log!(
                "boot: desktop ready {} ms after the first kernel line",
                system.boot.clock.now_ms()
            );
        }
        if let Some(summary) = system.window.roll(system.boot.clock.now_us(), 1_000_000) {
            system.last_summary = summary;
            log!("{}", system.stats_line());
            system.log_app_stats();
            let snapshots = system.app_snapshots();
            system.audit.sample(&snapshots);
            system.audit_dirty = true;
        }
        // Pace to the target rate; if a frame overran, start the next one at once.
        next_frame =
            (next_frame + FRAME_US).max(system.boot.clock.now_us().saturating_sub(FRAME_US));
        while system.boot.clock.now_us() < next_frame {
            crate::arch::spin_hint();
        }
    }
}

impl System {
    /// One frame's work.
    pub fn frame(&mut self, now_us: u64) {
        self.frames += 1;
        self.poll_console();
        self.poll_input(now_us / 1000);
        self.poll_network(now_us / 1000);
        self.route_input();
        self.run_apps();
        self.update_audit();
        self.update_status();
        let pointer = self.input.pointer;
        let mut damage = core::mem::take(&mut self.damage);
        if let Some(gpu) = self.devices.gpu.as_mut() {
            self.desktop.render(gpu.framebuffer(), pointer, &mut damage);
            if !damage.is_empty() {
                let rects: Vec<DamageRect> = damage
                    .iter()
                    .map(|r| DamageRect {
                        x: r.x.max(0) as u32,
                        y: r.y.max(0) as u32,
                        width: r.w.max(0) as u32,
                        height: r.h.max(0) as u32,
                    })
                    .collect();
                if let Err(error) = gpu.flush(&rects) {
                    log!("gpu: flush failed ({:?})", error);
                }
            }
        }
        damage.clear();
        self.damage = damage;
    }

    fn poll_input(&mut self, now_ms: u64) {
        self.events.clear();
        for device in &mut self.devices.inputs {
            self.raw.clear();
            device.poll(&mut self.raw);
            for &raw in &self.raw {
                self.input
                    .feed(raw, device.kind, device.abs_max, now_ms, &mut self.events);
            }
        }
        self.input.tick(now_ms, &mut self.events);
        for code in self.input.unknown_keys.drain(..) {
            log!("input: unknown key code {} ignored", code);
        }
        for e in &self.events {
            match e.kind {
                event::KEY_DOWN => log!("input: key {} down", e.code),
                event::CHAR => match char::from_u32(e.code) {
                    Some(c) if !c.is_control() => log!("input: char '{}'", c),
                    _ => log!("input: char U+{:04X}", e.code),
                },
                event::BUTTON_DOWN => log!("input: button {} down at {},{}", e.code, e.x, e.y),
                event::BUTTON_UP => log!("input: button {} up at {},{}", e.code, e.x, e.y),
                event::WHEEL => log!("input: wheel {}", e.code as i32),
                _ => {}
            }
        }
    }

    /// Moves frames between the card and the stack, runs its timers, reports its events.
    fn poll_network(&mut self, now_ms: u64) {
        let mut network = self.network.borrow_mut();
        let (Some(card), Some(stack)) = (self.devices.net.as_mut(), network.as_mut()) else {
            return;
        };
        stack.poll_device(card, now_ms);
        while let Some(event) = stack.poll_event() {
            match event {
                net::NetEvent::DhcpBound(c) | net::NetEvent::DhcpFallback(c) => {
                    let how = if stack.ipv4_config() == Some(&c) {
                        "dhcp"
                    } else {
                        "static"
                    };
                    let gateway = c
                        .gateway
                        .map(|g| alloc::format!("{g}"))
                        .unwrap_or("none".into());
                    let dns = c
                        .dns_servers
                        .first()
                        .map(|d| alloc::format!("{d}"))
                        .unwrap_or("none".into());
                    log!(
                        "net: {} {}/{} gw {} dns {}",
                        how,
                        c.addr,
                        c.prefix_len,
                        gateway,
                        dns
                    );
                }
                net::NetEvent::DhcpLost => log!("net: dhcp lease lost"),
            }
        }
        let mut index = 0;
        while index < self.tasks.len() {
            match self.tasks[index].poll(stack, now_ms) {
                crate::nettools::Progress::Pending => index += 1,
                crate::nettools::Progress::Done(lines) => {
                    for line in lines {
                        log!("{}", line);
                    }
                    self.tasks.remove(index);
                }
            }
        }
    }

    /// Starts a console network command.
    fn start_task(
        &mut self,
        start: impl FnOnce(&mut net::Interface, u64) -> Result<crate::nettools::Task, String>,
    ) {
        let now = self.boot.clock.now_ms();
        let mut network = self.network.borrow_mut();
        let Some(stack) = network.as_mut() else {
            log!("net: no network device");
            return;
        };
        match start(stack, now) {
            Ok(task) => self.tasks.push(task),
            Err(error) => log!("net: {}", error),
        }
    }

    /// Prints the interface's configuration and counters.
    fn ifconfig(&self) {
        let network = self.network.borrow();
        let Some(stack) = network.as_ref() else {
            log!("ifconfig: no network device");
            return;
        };
        log!("ifconfig: mac {}", stack.mac());
        match stack.ipv4_config() {
            Some(c) => log!(
                "ifconfig: inet {}/{} gw {} dns {}",
                c.addr,
                c.prefix_len,
                c.gateway
                    .map(|g| alloc::format!("{g}"))
                    .unwrap_or("none".into()),
                stack
                    .dns_servers()
                    .iter()
                    .map(|d| alloc::format!("{d}"))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
            None => log!("ifconfig: no address yet (dhcp in progress)"),
        }
        log!("ifconfig: {:?}", stack.counters());
    }

    /// Gives this frame's input to the desktop, and what it decides to the apps.
    fn route_input(&mut self) {
        let events = core::mem::take(&mut self.events);
        for e in &events {
            let event = abi::Event {
                kind: e.kind,
                code: e.code,
                x: e.x,
                y: e.y,
                modifiers: e.modifiers,
            };
            self.desktop.handle(&event, &mut self.actions);
        }
        self.events = events;
        for action in core::mem::take(&mut self.actions) {
            match action {
                Action::Open(name) => self.open_app(&name),
                Action::Close(name) => {
                    self.apps.kill(&name);
                    self.desktop.windows.close(&name);
                }
                Action::Deliver(name, event) if name == AUDIT => {
                    self.audit.handle(&event);
                }
                Action::Deliver(name, event) => {
                    if let Some(app) = self.apps.running.iter_mut().find(|a| a.name == name) {
                        let queue = &mut app.store.data_mut().events;
                        if queue.len() < 1024 {
                            queue.push_back(event);
                        }
                    }
                }
            }
        }
    }

    /// Starts an app and opens its window (windowless apps only get a log).
    /// Opens an app from a command line: its name, then the arguments it gets through WASI
    /// (`browser http://10.0.2.2:8000/`).
    pub fn open_app(&mut self, command_line: &str) {
        let mut words = command_line.split_whitespace();
        let Some(name) = words.next() else {
            return;
        };
        let args: Vec<&str> = words.collect();
        if name == AUDIT {
            let size = self.desktop.size();
            self.desktop.windows.open(AUDIT, size);
            self.desktop.windows.set_title(AUDIT, "Audit");
            self.audit_dirty = true;
            return;
        }
        match self.apps.open(name, &args) {
            Ok(index) => {
                if self.apps.running[index].windowed {
                    let size = self.desktop.size();
                    self.desktop.windows.open(name, size);
                }
            }
            Err(error) => log!("app {}: cannot start: {}", name, error),
        }
    }

    /// Runs each app for its slice, then shows what the apps presented.
    fn run_apps(&mut self) {
        for app in &mut self.apps.running {
            let size = match self.desktop.windows.index_of(&app.name) {
                Some(i) => {
                    let content = self.desktop.windows.list[i].content();
                    (content.w.max(0) as u32, content.h.max(0) as u32)
                }
                None => (0, 0),
            };
            let state = app.store.data_mut();
            if state.window_size != size && size != (0, 0) {
                state.events.push_back(abi::Event {
                    kind: abi::event::RESIZE,
                    x: size.0 as i32,
                    y: size.1 as i32,
                    ..Default::default()
                });
            }
            state.window_size = size;
        }
        let clock = self.boot.clock;
        for app in &mut self.apps.running {
            app.store.data_mut().clock = Some(clock);
        }
        let wall = self.boot.wall.unix_us_now(&clock);
        let start = clock.now_us();
        self.apps.step_all(&|| clock.now_us(), wall);
        self.apps_us = clock.now_us() - start;
        for app in &mut self.apps.running {
            let state = app.store.data_mut();
            if let Some(frame) = state.presented.as_mut() {
                if frame.damage.2 > 0 && frame.damage.3 > 0 {
                    self.desktop.windows.present(
                        &app.name,
                        frame.width,
                        frame.height,
                        &frame.pixels,
                        frame.damage,
                    );
                    frame.damage = (0, 0, 0, 0);
                }
            }
            if let Some(title) = state.title.take() {
                self.desktop.windows.set_title(&app.name, &title);
            }
            if app.stopped.is_some() && self.desktop.windows.index_of(&app.name).is_some() {
                self.desktop.windows.close(&app.name);
            }
        }
    }

    /// What the audit view shows of each app.
    fn app_snapshots(&self) -> Vec<crate::desktop::audit::AppSnapshot> {
        self.apps
            .running
            .iter()
            .map(|app| {
                let state = app.store.data();
                crate::desktop::audit::AppSnapshot {
                    name: app.name.clone(),
                    state: match &app.stopped {
                        Some(reason) => alloc::format!("stopped ({reason})"),
                        None => "running".into(),
                    },
                    fuel_per_frame: app.stats.fuel_last,
                    time_ms: app.stats.time_us_last as f32 / 1000.0,
                    memory_kib: app.memory_bytes() >> 10,
                    sockets: state.sockets.open(),
                    sent: state.sockets.sent,
                    received: state.sockets.received,
                    log: state.log.lines.iter().cloned().collect(),
                }
            })
            .collect()
    }

    /// Redraws the audit window when it has news or input.
    fn update_audit(&mut self) {
        let Some(index) = self.desktop.windows.index_of(AUDIT) else {
            return;
        };
        if !self.audit_dirty && !self.audit.has_input() {
            return;
        }
        self.audit_dirty = false;
        let content = self.desktop.windows.list[index].content();
        let size = (content.w.max(1) as u32, content.h.max(1) as u32);
        let snapshots = self.app_snapshots();
        let action = self.audit.draw(size, &snapshots);
        self.desktop.windows.present(
            AUDIT,
            size.0,
            size.1,
            self.audit.pixels(),
            (0, 0, size.0, size.1),
        );
        match action {
            Some(crate::desktop::audit::AuditAction::Kill(name)) => {
                self.apps.kill(&name);
                self.desktop.windows.close(&name);
                self.audit_dirty = true;
            }
            Some(crate::desktop::audit::AuditAction::Restart(name)) => {
                self.apps.kill(&name);
                self.desktop.windows.close(&name);
                self.open_app(&name);
                self.audit_dirty = true;
            }
            None => {}
        }
    }

    /// One `stats: app=...` line per app.
    fn log_app_stats(&self) {
        for app in &self.apps.running {
            let s = app.stats;
            log!(
                "stats: app={} state={} fuel={} time_ms={:.2} mem_kib={} throttled={} sockets={} tx={} rx={}",
                app.name,
                if app.stopped.is_some() { "stopped" } else { "running" },
                s.fuel_last,
                s.time_us_last as f32 / 1000.0,
                app.memory_bytes() >> 10,
                s.throttled_steps,
                app.store.data().sockets.open(),
                app.store.data().sockets.sent,
                app.store.data().sockets.received
            );
        }
    }

    /// Refreshes the top bar's content once a second (when the clock's text changes).
    fn update_status(&mut self) {
        let unix = self.boot.wall.unix_now(&self.boot.clock);
        if unix == self.shown_second {
            return;
        }
        self.shown_second = unix;
        let (used, total) = (self.boot.memory)();
        let summary = self.last_summary;
        let (address, counters) = match self.network.borrow().as_ref() {
            Some(stack) => (
                stack.ipv4_config().map(|c| alloc::format!("{}", c.addr)),
                Some(stack.counters()),
            ),
            None => (None, None),
        };
        let (rx, tx) = counters.map(|c| (c.rx_bytes, c.tx_bytes)).unwrap_or((0, 0));
        let (last_rx, last_tx) = core::mem::replace(&mut self.net_bytes, (rx, tx));
        self.desktop.set_status(topbar::Status {
            clock: clock_text(DateTime::from_unix(unix), unix),
            fps: (summary.fps + 0.5) as u32,
            frame_tenths_ms: (summary.frame_ms * 10.0 + 0.5) as u32,
            memory_used_mib: (used >> 20) as u32,
            memory_total_mib: (total >> 20) as u32,
            address,
            rx_per_s: rx.saturating_sub(last_rx),
            tx_per_s: tx.saturating_sub(last_tx),
            focused: self
                .desktop
                .windows
                .list
                .last()
                .map(|w| w.title.clone())
                .unwrap_or_default(),
        });
    }

    /// The once-a-second `stats:` line.
    pub fn stats_line(&self) -> String {
        let (used, total) = (self.boot.memory)();
        let s = self.last_summary;
        format!(
            "stats: fps={:.1} frame_ms={:.2} max_ms={:.2} apps_ms={:.2} mem_used_kib={} mem_total_mib={}",
            s.fps,
            s.frame_ms,
            s.max_ms,
            s.apps_ms,
            used >> 10,
            total >> 20
        )
    }

    fn poll_console(&mut self) {
        while let Some(byte) = serial::read_byte() {
            match self.console.feed(byte) {
                Edit::Echo(text) => serial::print(format_args!("{}", text)),
                Edit::EchoChar(c) => serial::print(format_args!("{}", c)),
                Edit::Line(line) => {
                    serial::print(format_args!("\n"));
                    self.run_command(&line);
                }
                Edit::Nothing => {}
            }
        }
    }

    /// Runs one console command and prints its answer.
    pub fn run_command(&mut self, line: &str) {
        match Command::parse(line) {
            Command::Nothing => {}
            Command::Help => print_help(),
            Command::Stats => log!("{}", self.stats_line()),
            Command::Mem => {
                let (used, total) = (self.boot.memory)();
                log!("mem: used {} KiB of {} MiB heap", used >> 10, total >> 20);
                let (free, blocks, largest) = (self.boot.heap_free)();
                log!(
                    "mem: {} KiB free in {} blocks, largest {} KiB",
                    free >> 10,
                    blocks,
                    largest >> 10
                );
            }
            Command::Pci => {
                for d in &self.devices.pci {
                    log!(
                        "pci: {:02x}:{:02x}.{} {:04x}:{:04x} class {:02x}.{:02x} {}",
                        d.address.bus,
                        d.address.device,
                        d.address.function,
                        d.vendor,
                        d.device,
                        d.class,
                        d.subclass,
                        d.description()
                    );
                }
            }
            Command::Time => {
                let rtc = self.boot.firmware.time();
                let uptime = self.boot.clock.now_ms();
                match rtc {
                    Some(t) => log!(
                        "time: {:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC uptime {}.{:03} s",
                        t.year,
                        t.month,
                        t.day,
                        t.hour,
                        t.minute,
                        t.second,
                        uptime / 1000,
                        uptime % 1000
                    ),
                    None => log!("time: real-time clock unavailable, uptime {} ms", uptime),
                }
            }
            Command::Ps => {
                for app in &self.apps.running {
                    log!(
                        "ps: {} {} fuel={} mem_kib={} window={}",
                        app.name,
                        app.stopped
                            .as_deref()
                            .map(|r| alloc::format!("stopped ({r})"))
                            .unwrap_or("running".into()),
                        app.stats.fuel_total,
                        app.memory_bytes() >> 10,
                        if app.windowed { "yes" } else { "no" }
                    );
                }
                let available: Vec<&str> =
                    self.apps.catalog.iter().map(|e| e.name.as_str()).collect();
                log!("ps: available {}", available.join(" "));
            }
            Command::Open(name) => self.open_app(name),
            Command::Kill(name) => {
                if self.apps.kill(name) {
                    self.desktop.windows.close(name);
                } else {
                    log!("console: no running app named '{}'", name);
                }
            }
            Command::Log(name) => match self.apps.running.iter().find(|a| a.name == name) {
                Some(app) => {
                    for line in &app.store.data().log.lines {
                        log!("log {}: {}", name, line);
                    }
                }
                None => log!("console: no app named '{}' has run", name),
            },
            Command::Reboot => {
                log!("console: rebooting");
                self.boot.firmware.reset();
            }
            Command::Ifconfig => self.ifconfig(),
            Command::Ping(host) => {
                self.start_task(|net, now| crate::nettools::Task::ping(net, host, now))
            }
            Command::Dns(name) => {
                self.start_task(|net, now| crate::nettools::Task::dns(net, name, now))
            }
            Command::Http(url) => {
                self.start_task(|net, now| crate::nettools::Task::http(net, url, now))
            }
            Command::MissingArgument(command) => log!("console: {} needs an app name", command),
            Command::Unknown(word) => {
                log!("console: unknown command '{}'", word);
                print_help();
            }
        }
    }
}

fn print_help() {
    for (name, text) in HELP {
        log!("console: {:<8} {}", name, text);
    }
}

/// "Tue 24 Nov 21:12:23".
fn clock_text(t: DateTime, unix: i64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let day = DAYS[unix.div_euclid(86_400).rem_euclid(7) as usize];
    let month = MONTHS[(t.month as usize).clamp(1, 12) - 1];
    format!(
        "{} {} {} {:02}:{:02}:{:02}",
        day, t.day, month, t.hour, t.minute, t.second
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_text_names_the_day() {
        let unix = 1_795_554_743; // Tue 24 Nov 2026 21:12:23 UTC
        assert_eq!(
            clock_text(DateTime::from_unix(unix), unix),
            "Tue 24 Nov 21:12:23"
        );
    }
}

/// The fw_cfg files apps may read through `config_get` (`abi::CONFIG_NAMES`), read once.
fn machine_config(fwcfg: Option<&crate::fwcfg::FwCfg>) -> Vec<(String, Vec<u8>)> {
    const MAX_SETTING: usize = 1 << 20;
    let Some(fwcfg) = fwcfg else {
        return Vec::new();
    };
    abi::CONFIG_NAMES
        .iter()
        .filter_map(|name| {
            let bytes = fwcfg.read(name, MAX_SETTING)?;
            log!("config: {} ({} bytes) for apps", name, bytes.len());
            Some((String::from(*name), bytes))
        })
        .collect()
}
