//! `clock`: an analog and digital clock (UTC) with a chronometer.
//!
//! The window shows, from [`layout`]: the analog face ([`face`]), the time as digits and the
//! date ([`calendar`]), and a chronometer ([`stopwatch`]) reading `mm:ss.cs` with Start/Stop
//! and Reset buttons from the `uitk` toolkit. A window wider than it is tall puts the face on
//! the left and the rest on the right; otherwise the face sits above the rest. Every size
//! works, down to a window too small to show anything.
//!
//! The app draws only what may have changed. On a new second of the wall clock (or a
//! resize) it redraws everything: the dial comes from a bitmap drawn once per size and
//! theme, then the hands and the texts go on top. While the chronometer runs, or when input
//! arrives (a button's hover look follows the pointer), it redraws only the chronometer's
//! reading and the buttons, and presents only that rectangle. An idle clock presents once a
//! second.

pub mod calendar;
pub mod face;
pub mod stopwatch;

use calendar::DateTime;
use sdk::gfx::uitk::{column, row, Id, Memory, Palette, Stylesheet, Track, Ui};
use sdk::gfx::{Bitmap, Color, Font, Rect, Surface};
use sdk::{App, Frame};
use stopwatch::Stopwatch;

/// Where each part of the window goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    pub face: Rect,
    pub time: Rect,
    pub date: Rect,
    pub chrono: Rect,
    pub start: Rect,
    pub reset: Rect,
}

const MARGIN: i32 = 12;
const GAP: i32 = 8;
const TIME_PX: u16 = 24;
const DATE_PX: u16 = 14;
const BUTTON_HEIGHT: i32 = 30;

/// The parts of a window of `bounds`.
pub fn layout(bounds: Rect) -> Layout {
    let inner = bounds.inset(MARGIN);
    let text_rows = [
        Track::Px(Font::sans(TIME_PX).line_height()),
        Track::Px(Font::sans(DATE_PX).line_height()),
        Track::Px(Font::sans(TIME_PX).line_height() + GAP),
        Track::Px(BUTTON_HEIGHT),
    ];
    let (face, info) = if inner.w * 2 >= inner.h * 3 {
        // Landscape: face on the left, a square as tall as the window.
        let cells = row(inner, &[Track::Px(inner.h), Track::Weight(1)], 2 * GAP);
        (cells[0], cells[1])
    } else {
        let text: i32 = 4 * GAP + text_rows.iter().map(px).sum::<i32>();
        let cells = column(inner, &[Track::Weight(1), Track::Px(text)], GAP);
        (cells[0], cells[1])
    };
    // Centre the text block vertically in its area.
    let text_height: i32 = 3 * GAP + text_rows.iter().map(px).sum::<i32>();
    let block = info.centered(info.w, text_height.min(info.h));
    let rows = column(block, &text_rows, GAP);
    let buttons = row(
        rows[3].centered(rows[3].w.min(240), rows[3].h),
        &[Track::Weight(1), Track::Weight(1)],
        GAP,
    );
    Layout {
        face,
        time: rows[0],
        date: rows[1],
        chrono: rows[2],
        start: buttons[0],
        reset: buttons[1],
    }
}

fn px(track: &Track) -> i32 {
    match track {
        Track::Px(n) => *n,
        Track::Weight(_) => 0,
    }
}

/// The dial drawn once for a size and theme, blitted under the hands each second.
#[derive(Debug)]
struct DialCache {
    radius: i32,
    palette: Palette,
    bitmap: Bitmap,
}

impl DialCache {
    fn new(radius: i32, palette: Palette) -> DialCache {
        let side = (2 * radius + 4).max(0) as u32;
        let mut bitmap = Bitmap::new(side, side, palette.window);
        let c = side as f32 / 2.0;
        face::draw_dial(&mut bitmap.surface(), c, c, radius as f32, &palette);
        DialCache {
            radius,
            palette,
            bitmap,
        }
    }
}

/// The app's state between frames.
#[derive(Debug, Default)]
pub struct Clock {
    stopwatch: Stopwatch,
    memory: Memory,
    /// The wall-clock second last drawn: the face and date change only when it does.
    drawn_second: Option<u64>,
    /// A button changed the state after it was drawn: draw the controls again next frame.
    redraw: bool,
    dial: Option<DialCache>,
    /// The face's radius at the last redraw, and whether the dial shown was stretched.
    last_radius: Option<i32>,
    stale_dial: bool,
}

impl Clock {
    pub fn new() -> Clock {
        Clock::default()
    }

    pub fn stopwatch(&self) -> &Stopwatch {
        &self.stopwatch
    }

    /// Draws the face and the time and date texts (the part that changes each second).
    fn draw_time(&mut self, surface: &mut Surface, parts: &Layout, sheet: &Stylesheet, wall: u64) {
        let palette = sheet.palette;
        let time = DateTime::from_unix_micros(wall);
        let f = parts.face;
        let radius = (f.w.min(f.h) / 2 - 2).max(0);
        let centre = f.center();
        let side = 2 * radius + 4;
        let at = Rect::new(centre.x - side / 2, centre.y - side / 2, side, side);
        let settled = self.last_radius == Some(radius);
        self.last_radius = Some(radius);
        match &self.dial {
            Some(d) if d.radius == radius && d.palette == palette => {
                surface.blit(&d.bitmap.view(), at.x, at.y);
            }
            // While a resize is going on, stretch the old dial rather than draw a new one
            // every frame (a dial costs far more than a frame); draw it once the size holds.
            Some(d) if d.palette == palette && !settled => {
                surface.blit_scaled(&d.bitmap.view(), at);
                self.stale_dial = true;
            }
            _ => {
                let dial = DialCache::new(radius, palette);
                surface.blit(&dial.bitmap.view(), at.x, at.y);
                self.dial = Some(dial);
            }
        }
        let (cx, cy) = (centre.x as f32, centre.y as f32);
        face::draw_hands(surface, cx, cy, radius as f32, &time, &palette);
        text_line(
            surface,
            sheet,
            parts.time,
            &format!("{} UTC", time.time_text()),
            TIME_PX,
            palette.text,
        );
        text_line(
            surface,
            sheet,
            parts.date,
            &time.date_text(),
            DATE_PX,
            palette.muted,
        );
    }
}

/// One centred line of text on the window background.
fn text_line(
    surface: &mut Surface,
    sheet: &Stylesheet,
    rect: Rect,
    text: &str,
    px: u16,
    color: Color,
) {
    surface.fill_rect(rect, sheet.palette.window);
    let font = Font::sans(px);
    let x = rect.x + (rect.w - font.measure(text)) / 2;
    let y = rect.y + (rect.h - font.line_height()) / 2;
    let mut clip = surface.sub(rect);
    font.draw_text(&mut clip, x - rect.x, y - rect.y, text, color);
}

impl App for Clock {
    fn update(&mut self, frame: &mut Frame) {
        if !frame.has_window() {
            return;
        }
        let wall = frame.wall_us();
        let now = frame.monotonic_us();
        let second = wall / 1_000_000;
        let new_second = frame.resized() || self.stale_dial || self.drawn_second != Some(second);
        let controls = new_second
            || !frame.events().is_empty()
            || self.stopwatch.is_running()
            || self.memory.active.is_some()
            || self.redraw;
        if !controls {
            return;
        }
        self.redraw = false;
        let bounds = frame.bounds();
        let parts = layout(bounds);
        let (input, sheet) = (frame.input(), frame.stylesheet());
        let mut surface = frame.surface();
        if new_second {
            self.drawn_second = Some(second);
            self.stale_dial = false;
            surface.clear(sheet.palette.window);
            self.draw_time(&mut surface, &parts, sheet, wall);
        }
        // The controls: the chronometer's reading and its two buttons.
        let reading = stopwatch::format(self.stopwatch.elapsed(now));
        text_line(
            &mut surface,
            sheet,
            parts.chrono,
            &reading,
            TIME_PX,
            sheet.palette.text,
        );
        let buttons = parts.start.union(&parts.reset).inset(-4);
        surface.fill_rect(buttons, sheet.palette.window);
        let mut ui = Ui::new(&mut surface, input, &mut self.memory, sheet);
        let start_label = if self.stopwatch.is_running() {
            "Stop"
        } else {
            "Start"
        };
        if ui.button(parts.start, Id::from("start"), start_label) {
            self.stopwatch.toggle(now);
            self.redraw = true;
        }
        if ui.button(parts.reset, Id::from("reset"), "Reset") {
            self.stopwatch.reset(now);
            self.redraw = true;
        }
        ui.finish();
        if new_second {
            frame.damage_all();
        } else {
            frame.damage(parts.chrono.union(&buttons));
        }
    }
}
