//! The audit view: what each app costs and what it says.
//!
//! A window drawn by the kernel itself with the `gfx::uitk` toolkit. On the left, one button
//! per app; on the right, for the selected app: its state, frame-time share, fuel, memory and
//! network figures, four history graphs (one sample per second, the last minute), its log
//! stream in a scrollable area, and buttons to kill or restart it.
//!
//! The view is redrawn when a second of statistics arrives or when the user interacts with
//! it, and it reaches the screen the same way an app's window does: as presented pixels.

use alloc::collections::{BTreeMap, VecDeque};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use gfx::text::draw_mono;
use gfx::uitk::{column, row, GraphKind, Id, Input, Memory, ScrollView, Stylesheet, Track, Ui};
use gfx::{Bitmap, Color, Font, Rect};

/// Samples kept per graph (one a second).
const HISTORY: usize = 60;

/// One app as the audit view sees it.
pub struct AppSnapshot {
    pub name: String,
    /// "running", or "stopped (reason)".
    pub state: String,
    pub fuel_per_frame: u64,
    pub time_ms: f32,
    pub memory_kib: usize,
    pub sockets: usize,
    pub sent: u64,
    pub received: u64,
    pub log: Vec<String>,
}

#[derive(Default)]
struct History {
    time_ms: VecDeque<f32>,
    fuel_m: VecDeque<f32>,
    memory_mib: VecDeque<f32>,
    net_kib_s: VecDeque<f32>,
    last_bytes: u64,
}

fn push(queue: &mut VecDeque<f32>, value: f32) {
    if queue.len() == HISTORY {
        queue.pop_front();
    }
    queue.push_back(value);
}

/// What the user asked for in the view.
#[derive(Debug, PartialEq, Eq)]
pub enum AuditAction {
    Kill(String),
    Restart(String),
}

/// The audit view's state.
pub struct Audit {
    selected: Option<String>,
    history: BTreeMap<String, History>,
    memory: Memory,
    log_scroll: ScrollView,
    style: Stylesheet,
    input: Input,
    pub bitmap: Bitmap,
}

impl Default for Audit {
    fn default() -> Self {
        Audit {
            selected: None,
            history: BTreeMap::new(),
            memory: Memory::default(),
            log_scroll: ScrollView::new(Id(0xa0d1)),
            style: Stylesheet::dark(),
            input: Input::default(),
            bitmap: Bitmap::new(1, 1, Color::BLACK),
        }
    }
}

impl Audit {
    /// Adds one second of figures to the histories.
    pub fn sample(&mut self, apps: &[AppSnapshot]) {
        for app in apps {
            let history = self.history.entry(app.name.clone()).or_default();
            push(&mut history.time_ms, app.time_ms);
            push(&mut history.fuel_m, app.fuel_per_frame as f32 / 1e6);
            push(&mut history.memory_mib, app.memory_kib as f32 / 1024.0);
            let bytes = app.sent + app.received;
            push(
                &mut history.net_kib_s,
                bytes.saturating_sub(history.last_bytes) as f32 / 1024.0,
            );
            history.last_bytes = bytes;
        }
    }

    /// Feeds a pointer event (window coordinates) for the next draw.
    pub fn handle(&mut self, e: &abi::Event) {
        self.input.mouse = gfx::Point::new(e.x, e.y);
        match e.kind {
            abi::event::BUTTON_DOWN if e.code == 0 => {
                self.input.pressed = true;
                self.input.mouse_down = true;
            }
            abi::event::BUTTON_UP if e.code == 0 => {
                self.input.released = true;
                self.input.mouse_down = false;
            }
            abi::event::WHEEL => self.input.wheel -= e.code as i32,
            _ => {}
        }
    }

    /// True when input is waiting to be drawn.
    pub fn has_input(&self) -> bool {
        self.input.pressed || self.input.released || self.input.wheel != 0
    }

    /// Draws the view at `size`; returns what the user clicked.
    pub fn draw(&mut self, size: (u32, u32), apps: &[AppSnapshot]) -> Option<AuditAction> {
        let (w, h) = (size.0.max(1), size.1.max(1));
        if self.bitmap.width != w || self.bitmap.height != h {
            self.bitmap = Bitmap::new(w, h, Color::BLACK);
        }
        if self
            .selected
            .as_ref()
            .is_none_or(|s| !apps.iter().any(|a| &a.name == s))
        {
            self.selected = apps.first().map(|a| a.name.clone());
        }
        let input = core::mem::take(&mut self.input);
        self.input.mouse = input.mouse;
        self.input.mouse_down = input.mouse_down;
        let mut surface = self.bitmap.surface();
        surface.clear(self.style.palette.window);
        let mut ui = Ui::new(&mut surface, &input, &mut self.memory, &self.style);
        let full = Rect::new(0, 0, w as i32, h as i32).inset(10);
        let columns = row(full, &[Track::Px(150), Track::Weight(1)], 10);
        let mut action = None;
        for (i, app) in apps.iter().enumerate() {
            let rect = Rect::new(columns[0].x, columns[0].y + i as i32 * 34, columns[0].w, 28);
            if ui.button(rect, Id(0xa000 + i as u64), &app.name) {
                self.selected = Some(app.name.clone());
            }
        }
        let Some(app) = apps
            .iter()
            .find(|a| Some(&a.name) == self.selected.as_ref())
        else {
            ui.label(columns[1], "No apps have run yet.");
            ui.finish();
            return None;
        };
        let parts = column(
            columns[1],
            &[
                Track::Px(24),
                Track::Px(24),
                Track::Px(90),
                Track::Weight(1),
                Track::Px(30),
            ],
            8,
        );
        ui.label(parts[0], &format!("{} — {}", app.name, app.state));
        ui.label(
            parts[1],
            &format!(
                "{:.2} ms/frame   {:.2} M fuel/frame   {} KiB memory   {} sockets   {} B out, {} B in",
                app.time_ms,
                app.fuel_per_frame as f32 / 1e6,
                app.memory_kib,
                app.sockets,
                app.sent,
                app.received
            ),
        );
        let graphs = row(parts[2], &[Track::Weight(1); 4], 8);
        let empty = History::default();
        let history = self.history.get(&app.name).unwrap_or(&empty);
        let series = [
            (&history.time_ms, "ms/frame"),
            (&history.fuel_m, "M fuel/frame"),
            (&history.memory_mib, "MiB"),
            (&history.net_kib_s, "KiB/s net"),
        ];
        for (rect, (values, title)) in graphs.iter().zip(series) {
            let values: Vec<f32> = values.iter().copied().collect();
            ui.graph(*rect, &values, GraphKind::Line, None, Some(title));
        }
        let mono = Font::mono(14);
        let line_height = mono.line_height();
        let log = &app.log;
        let content = (parts[3].w, (log.len() as i32 * line_height).max(parts[3].h));
        ui.scroll_area(
            parts[3],
            &mut self.log_scroll,
            content,
            |surface, visible| {
                let first = (visible.y / line_height).max(0) as usize;
                let last = ((visible.bottom() / line_height) as usize + 1).min(log.len());
                for (i, line) in log.iter().enumerate().take(last).skip(first) {
                    draw_mono(
                        surface,
                        &mono,
                        4,
                        i as i32 * line_height,
                        line,
                        Color::rgb(0xd8, 0xdc, 0xe4),
                    );
                }
            },
        );
        let buttons = row(
            parts[4],
            &[Track::Px(110), Track::Px(110), Track::Weight(1)],
            8,
        );
        if ui.button(buttons[0], Id(0xa100), "Kill") {
            action = Some(AuditAction::Kill(app.name.clone()));
        }
        if ui.button(buttons[1], Id(0xa101), "Restart") {
            action = Some(AuditAction::Restart(app.name.clone()));
        }
        ui.finish();
        action
    }

    /// The drawn pixels.
    pub fn pixels(&self) -> &[u32] {
        &self.bitmap.pixels
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    fn snapshot(name: &str) -> AppSnapshot {
        AppSnapshot {
            name: name.into(),
            state: "running".into(),
            fuel_per_frame: 1_000_000,
            time_ms: 2.5,
            memory_kib: 2048,
            sockets: 1,
            sent: 100,
            received: 2000,
            log: vec!["hello".into(), "world".into()],
        }
    }

    #[test]
    fn the_view_draws_and_its_buttons_act() {
        let mut audit = Audit::default();
        let apps = [snapshot("cube"), snapshot("clock")];
        audit.sample(&apps);
        audit.sample(&apps);
        assert_eq!(audit.draw((800, 500), &apps), None);
        let distinct: std::collections::BTreeSet<u32> = audit.pixels().iter().copied().collect();
        assert!(distinct.len() > 10, "the view draws something");
        // Select "clock" (second button on the left), then press Kill.
        for (x, y) in [(80, 10 + 34 + 14), (10 + 150 + 10 + 50, 500 - 10 - 15)] {
            audit.handle(&abi::Event {
                kind: abi::event::BUTTON_DOWN,
                x,
                y,
                ..Default::default()
            });
            audit.handle(&abi::Event {
                kind: abi::event::BUTTON_UP,
                x,
                y,
                ..Default::default()
            });
            let action = audit.draw((800, 500), &apps);
            if y > 400 {
                assert_eq!(action, Some(AuditAction::Kill("clock".into())));
            }
        }
    }
}
