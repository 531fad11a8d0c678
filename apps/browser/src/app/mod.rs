//! The browser window: the toolbar (back, forward, reload, the address bar), the page in a
//! tiled scroll area, a loading bar and a status line; and the life of a page load from
//! Enter to the first paint.
//!
//! Loads go through [`browser::fetch::Fetch`], polled once per frame, so the window keeps
//! redrawing (and the other apps keep running) while a page arrives. A finished response
//! becomes HTML text ([`browser::pages`] wraps what is not HTML), is parsed by `html`, laid
//! out at the window's width by [`browser::layout`], and painted tile by tile through a
//! [`TileCache`]: scrolling copies tiles, and only a new page or a new width redraws them.

pub mod connector;
#[cfg(test)]
mod tests;

use browser::fetch::{Fetch, FetchStatus};
use browser::history::History;
use browser::layout::{LayoutJob, Page};
use browser::pages::{self, Kind};
use browser::paint::paint;
use browser::url::Url;
use connector::SdkConnector;
use gfx::uitk::{layout as grid, Id, Memory, ScrollView, TextBox, TileCache, Track, Ui};
use gfx::{Color, Point, Rect};
use sdk::abi::{event, modifiers};
use sdk::input::keys;
use sdk::Frame;

/// Heights of the fixed parts of the window.
const TOOLBAR: i32 = 40;
const PROGRESS: i32 = 3;
const STATUS: i32 = 22;
/// Tiles of the page: 256 px squares, enough of them for two 1080p screens.
const TILE: i32 = 256;
const TILE_CAPACITY: usize = 80;
/// Layout work between two looks at the clock (nodes; about 13 K wasm instructions each).
const LAYOUT_STEP: usize = 64;
/// Time per frame the browser spends on a page's layout once its first screen is shown.
const LAYOUT_SLICE_US: u64 = 6_000;
/// Links whose place is logged when a page is shown.
const MAX_LOGGED_LINKS: usize = 8;
/// Scrolling by keys.
const LINE_STEP: i32 = 40;

/// Why a load was started: it decides what happens to the history when it ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// A new page: a history entry is added.
    Visit,
    /// Back, forward or reload: the current entry is kept, scrolled to `scroll_y`.
    Revisit { scroll_y: i32 },
}

/// A load in progress.
struct Load {
    fetch: Fetch,
    started_us: u64,
    mode: Mode,
}

/// A page's layout: under way a slice per frame (what is done so far is shown and final),
/// or done.
enum Layout {
    Running {
        job: Box<LayoutJob>,
        started_us: u64,
    },
    Done(Page),
}

/// The page on screen.
struct Shown {
    /// The address it was loaded from (after redirects).
    url: String,
    document: html::dom::Document,
    layout: Layout,
    /// Changes whenever laid-out pixels do (with the height, the tile cache's content id).
    revision: u64,
}

impl Shown {
    /// The page as laid out so far.
    fn page(&self) -> &Page {
        match &self.layout {
            Layout::Running { job, .. } => job.page(),
            Layout::Done(page) => page,
        }
    }

    /// Lays out more of the page: until `until` says stop or the layout is done. Returns
    /// true when the layout finished now.
    fn advance(&mut self, mut until: impl FnMut(&Page) -> bool) -> bool {
        let Layout::Running { job, .. } = &mut self.layout else {
            return false;
        };
        while !job.step(&self.document, LAYOUT_STEP) {
            if until(job.page()) {
                return false;
            }
        }
        let Layout::Running { job, started_us } =
            std::mem::replace(&mut self.layout, Layout::Done(Page::default()))
        else {
            return false;
        };
        let page = job.into_page();
        let took = sdk::monotonic_us().unwrap_or(0).saturating_sub(started_us);
        log_page(&self.url, &self.document, &page, took);
        self.layout = Layout::Done(page);
        true
    }

    /// The tile cache's name for what a tile shows: laid-out content above the page's
    /// current height is final; a tile reaching below it changes as the page grows.
    fn tile_id(&self, tile: Rect) -> u64 {
        let height = self.page().height as i32;
        if tile.bottom() <= height {
            self.revision
        } else {
            self.revision ^ ((height as u64) << 32)
        }
    }
}

/// Logs a finished layout: title, size, time, and where the first links are (tests click
/// them).
fn log_page(url: &str, document: &html::dom::Document, page: &Page, took_us: u64) {
    let title = page.title.as_deref().unwrap_or("").trim();
    let links = page.links();
    sdk::log!(
        "browser: showing {} \"{}\" ({} nodes, {} links, {}x{} px, layout {} ms)",
        url,
        title,
        document.len(),
        links.len(),
        page.width,
        page.height,
        took_us / 1000
    );
    for (href, rect) in links.iter().take(MAX_LOGGED_LINKS) {
        sdk::log!(
            "browser: link {} at {},{} size {}x{}",
            href,
            rect.x,
            rect.y,
            rect.w,
            rect.h
        );
    }
}

/// The browser app.
pub struct Browser {
    memory: Memory,
    address: TextBox,
    scroll: ScrollView,
    tiles: TileCache,
    connector: SdkConnector,
    history: History,
    load: Option<Load>,
    shown: Option<Shown>,
    revisions: u64,
    /// A link pressed on the page (released over the same link, it is followed).
    pressed_link: Option<String>,
    hovered_link: Option<String>,
    status: String,
    /// Set when a loaded page still has to reach the screen: (when Enter was pressed, URL).
    first_paint: Option<(u64, String)>,
    /// What the app was asked to open first.
    start: Option<String>,
    /// The window size last drawn for.
    last_size: (u32, u32),
    redraw: bool,
}

impl Browser {
    /// A browser that opens `start` (an address typed by the user, or None for the welcome
    /// page) on its first frame.
    pub fn new(connector: SdkConnector, start: Option<String>) -> Browser {
        let address = TextBox::new(Id::from("address"), "", false);
        let mut memory = Memory::default();
        if start.is_none() {
            // A browser opened without an address waits for one to be typed.
            memory.focus = Some(address.id);
        }
        Browser {
            memory,
            address,
            scroll: ScrollView::new(Id::from("page")),
            tiles: TileCache::new(TILE, TILE_CAPACITY, Color::WHITE),
            connector,
            history: History::new(),
            load: None,
            shown: None,
            revisions: 0,
            pressed_link: None,
            hovered_link: None,
            status: String::new(),
            first_paint: None,
            start: Some(start.unwrap_or_else(|| "about:welcome".into())),
            last_size: (0, 0),
            redraw: true,
        }
    }

    /// Starts loading what the user typed (or a link's resolved address).
    fn navigate(&mut self, text: &str, mode: Mode, now_us: u64) {
        let text = text.trim();
        if text.is_empty() || text == "about:welcome" || text == "about:home" {
            self.show_html(pages::WELCOME, "about:welcome", now_us);
            if mode == Mode::Visit {
                self.history.visit("about:welcome");
            }
            self.load = None;
            return;
        }
        match Url::from_user_input(text) {
            Ok(url) => {
                sdk::log!("browser: loading {}", url);
                self.address.text = url.to_string();
                self.address.cursor = self.address.text.len();
                self.address.anchor = self.address.cursor;
                self.status = format!("Connecting to {}…", url.host);
                self.load = Some(Load {
                    fetch: Fetch::new(url, now_us),
                    started_us: now_us,
                    mode,
                });
            }
            Err(error) => {
                let page = pages::error_page("Not a web address", &error.to_string(), text);
                self.show_html(&page, text, now_us);
                if mode == Mode::Visit {
                    self.history.visit(text);
                }
            }
        }
        self.redraw = true;
    }

    /// Lays out HTML text and puts it on screen.
    fn show_html(&mut self, text: &str, url: &str, now_us: u64) {
        let document = html::parse_document(text, html::Options::default());
        self.show_document(document, url, now_us);
    }

    /// Puts a parsed document on screen: lays out the first screenful at once (so it can be
    /// painted this frame) and the rest a slice per frame after.
    fn show_document(&mut self, document: html::dom::Document, url: &str, now_us: u64) {
        let started_us = sdk::monotonic_us().unwrap_or(0);
        let job = LayoutJob::new(&document, self.page_width());
        self.revisions += 1;
        let mut shown = Shown {
            url: url.into(),
            document,
            layout: Layout::Running {
                job: Box::new(job),
                started_us,
            },
            revision: self.revisions,
        };
        let screen = self.last_size.1;
        shown.advance(|page| page.height > screen);
        let title = shown.page().title.clone().filter(|t| !t.trim().is_empty());
        let _ = sdk::set_title(&match &title {
            Some(t) => format!("{} - Browser", t.trim()),
            None => format!("{url} - Browser"),
        });
        self.shown = Some(shown);
        self.scroll.offset = Point::new(0, 0);
        // The browser's own pages leave the bar empty, ready for an address.
        self.address.text = if url.starts_with("about:") {
            String::new()
        } else {
            url.into()
        };
        self.address.cursor = self.address.text.len();
        self.address.anchor = self.address.cursor;
        self.first_paint = Some((now_us, url.into()));
        self.redraw = true;
    }

    /// The width pages are laid out at: the content area less the scrollbar.
    fn page_width(&self) -> u32 {
        self.last_size
            .0
            .saturating_sub(gfx::uitk::scroll::BAR as u32)
            .max(64)
    }

    /// Advances the load in progress.
    fn poll_load(&mut self, now_us: u64) {
        let Some(load) = &mut self.load else { return };
        let status = load.fetch.poll(&mut self.connector, now_us);
        for record in load.fetch.take_records() {
            sdk::log!("GET {} {} {}", record.url, record.status, record.bytes);
        }
        let progress = load.fetch.progress();
        let new_status = match progress.total {
            Some(total) if total > 0 => format!(
                "{} {} — {} of {} KB",
                progress.phase,
                load.fetch.url(),
                progress.received / 1024,
                total / 1024
            ),
            _ if progress.received > 0 => format!(
                "{} {} — {} KB",
                progress.phase,
                load.fetch.url(),
                progress.received / 1024
            ),
            _ => format!("{} {}", progress.phase, load.fetch.url()),
        };
        if new_status != self.status {
            self.status = new_status;
            self.redraw = true;
        }
        match status {
            FetchStatus::Pending => {}
            FetchStatus::Done(response) => {
                let Some(load) = self.load.take() else { return };
                let url = response.url.to_string();
                let took = now_us.saturating_sub(load.started_us);
                let content_type = response
                    .headers
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
                    .map(|(_, v)| v.as_str());
                let kind = pages::kind_of(content_type, &response.body);
                let parse_started = sdk::monotonic_us().unwrap_or(0);
                let document = match (&kind, response.status) {
                    (Kind::Html(charset), _) => html::parse_bytes(
                        &response.body,
                        charset.as_deref(),
                        html::Options::default(),
                    ),
                    (_, status) if status >= 400 => html::parse_document(
                        &pages::status_page(status, &response.reason, &url),
                        html::Options::default(),
                    ),
                    (Kind::Text(charset), _) => {
                        let text = html::encoding::decode(&response.body, charset.as_deref());
                        let name = url.rsplit('/').find(|s| !s.is_empty()).unwrap_or(&url);
                        html::parse_document(&pages::text_page(&text, name), Default::default())
                    }
                    (Kind::Binary(kind), _) => html::parse_document(
                        &pages::binary_page(kind, response.body.len(), &url),
                        Default::default(),
                    ),
                };
                let parse_us = sdk::monotonic_us()
                    .unwrap_or(0)
                    .saturating_sub(parse_started);
                sdk::log!(
                    "browser: parsed {} bytes into {} nodes in {} ms",
                    response.body.len(),
                    document.len(),
                    parse_us / 1000
                );
                self.status = format!(
                    "{} {} — {} bytes in {} ms",
                    response.status,
                    response.reason,
                    response.body.len(),
                    took / 1000
                );
                self.finish_load(load.mode, &url);
                self.show_document(document, &url, load.started_us);
                if let Mode::Revisit { scroll_y } = load.mode {
                    self.scroll.offset.y = scroll_y;
                }
            }
            FetchStatus::Failed(error) => {
                let Some(load) = self.load.take() else { return };
                let url = load.fetch.url().to_string();
                sdk::log!(
                    "browser: error {}: {}: {}",
                    url,
                    error.title(),
                    error.detail()
                );
                self.status = format!("{}: {}", error.title(), error.detail());
                let page = pages::error_page(error.title(), &error.detail(), &url);
                self.finish_load(load.mode, &url);
                self.show_html(&page, &url, load.started_us);
            }
        }
    }

    fn finish_load(&mut self, mode: Mode, url: &str) {
        match mode {
            Mode::Visit => self.history.visit(url),
            Mode::Revisit { .. } => self.history.replace_url(url),
        }
    }

    fn go_back(&mut self, now_us: u64) {
        self.history.set_scroll(self.scroll.offset.y);
        if let Some(entry) = self.history.back().cloned() {
            self.navigate(
                &entry.url,
                Mode::Revisit {
                    scroll_y: entry.scroll_y,
                },
                now_us,
            );
        }
    }

    fn go_forward(&mut self, now_us: u64) {
        self.history.set_scroll(self.scroll.offset.y);
        if let Some(entry) = self.history.forward().cloned() {
            self.navigate(
                &entry.url,
                Mode::Revisit {
                    scroll_y: entry.scroll_y,
                },
                now_us,
            );
        }
    }

    fn reload(&mut self, now_us: u64) {
        if let Some(entry) = self.history.current().cloned() {
            let scroll_y = self.scroll.offset.y;
            self.navigate(&entry.url, Mode::Revisit { scroll_y }, now_us);
        }
    }

    /// Keys that are the browser's rather than the address bar's.
    fn handle_keys(&mut self, frame: &Frame, content: Rect, now_us: u64) {
        let address_focused = self.memory.focus == Some(self.address.id);
        for e in frame.events() {
            if e.kind != event::KEY_DOWN {
                continue;
            }
            let alt = e.modifiers & modifiers::ALT != 0;
            let ctrl = e.modifiers & modifiers::CTRL != 0;
            let page = (content.h - LINE_STEP).max(LINE_STEP);
            match e.code {
                keys::LEFT if alt => self.go_back(now_us),
                keys::RIGHT if alt => self.go_forward(now_us),
                keys::F5 => self.reload(now_us),
                keys::L if ctrl => {
                    // Ctrl+L: edit the address.
                    self.memory.focus = Some(self.address.id);
                    self.address.anchor = 0;
                    self.address.cursor = self.address.text.len();
                }
                keys::PAGE_UP => self.scroll.offset.y -= page,
                keys::PAGE_DOWN => self.scroll.offset.y += page,
                _ if address_focused => {}
                keys::UP => self.scroll.offset.y -= LINE_STEP,
                keys::DOWN => self.scroll.offset.y += LINE_STEP,
                keys::HOME => self.scroll.offset.y = 0,
                keys::END => self.scroll.offset.y = i32::MAX / 2,
                keys::SPACE => self.scroll.offset.y += page,
                _ => continue,
            }
            self.redraw = true;
        }
    }

    /// Where the window's parts go.
    fn parts(size: (u32, u32)) -> (Rect, Rect, Rect, Rect) {
        let (w, h) = (size.0 as i32, size.1 as i32);
        let toolbar = Rect::new(0, 0, w, TOOLBAR);
        let progress = Rect::new(0, TOOLBAR, w, PROGRESS);
        let status = Rect::new(0, h - STATUS, w, STATUS);
        let content = Rect::new(
            0,
            TOOLBAR + PROGRESS,
            w,
            (h - TOOLBAR - PROGRESS - STATUS).max(0),
        );
        (toolbar, progress, content, status)
    }
}

impl sdk::App for Browser {
    fn update(&mut self, frame: &mut Frame) {
        let now_us = frame.monotonic_us();
        let size = frame.size();
        if size != self.last_size {
            self.last_size = size;
            self.redraw = true;
            let width = self.page_width();
            if let Some(shown) = &mut self.shown {
                // Reflow at the new width (the scroll offset stays, clamped to the page).
                if shown.page().width != width {
                    let started_us = sdk::monotonic_us().unwrap_or(0);
                    let job = LayoutJob::new(&shown.document, width);
                    shown.layout = Layout::Running {
                        job: Box::new(job),
                        started_us,
                    };
                    shown.advance(|_| false);
                    self.revisions += 1;
                    shown.revision = self.revisions;
                    sdk::log!(
                        "browser: reflowed {} to {} px wide, {} px tall",
                        shown.url,
                        width,
                        shown.page().height
                    );
                }
            }
        }
        if let Some(start) = self.start.take() {
            self.navigate(&start, Mode::Visit, now_us);
        }
        if !frame.has_window() {
            self.poll_load(now_us);
            return;
        }
        let (toolbar, progress, content, status_rect) = Browser::parts(size);
        if !frame.events().is_empty() || frame.resized() {
            self.redraw = true;
        }
        self.handle_keys(frame, content, now_us);
        self.poll_load(now_us);
        // The rest of a long page's layout, a slice per frame.
        if let Some(shown) = &mut self.shown {
            if matches!(shown.layout, Layout::Running { .. }) {
                let until = sdk::monotonic_us().unwrap_or(0) + LAYOUT_SLICE_US;
                shown.advance(|_| sdk::monotonic_us().unwrap_or(0) >= until);
                self.redraw = true;
            }
        }

        // Links under the pointer: only something that happened (input, scrolling, a page
        // growing) can change which one that is.
        let input = frame.input();
        if self.redraw {
            let mouse = input.mouse;
            let over_page = content.contains(mouse);
            let link = self.shown.as_ref().and_then(|shown| {
                if !over_page {
                    return None;
                }
                let x = mouse.x - content.x + self.scroll.offset.x;
                let y = mouse.y - content.y + self.scroll.offset.y;
                let href = shown.page().link_at(x, y)?;
                let base = Url::parse(&shown.url).ok()?;
                base.join(href).ok().map(|u| u.to_string())
            });
            if link != self.hovered_link {
                if let Some(target) = &link {
                    // The status line shows it; the log says so once per link entered.
                    sdk::log!("browser: pointing at {}", target);
                }
                self.hovered_link = link.clone();
            }
            if input.pressed {
                self.pressed_link = link.clone();
            }
            if input.released {
                if let (Some(pressed), Some(now)) = (self.pressed_link.take(), link) {
                    if pressed == now {
                        self.history.set_scroll(self.scroll.offset.y);
                        self.navigate(&now, Mode::Visit, now_us);
                    }
                }
            }
        }

        if !self.redraw {
            return;
        }
        self.redraw = false;
        let sheet = frame.stylesheet();
        let palette = sheet.palette;
        let mut surface = frame.surface();
        surface.fill_rect(toolbar, palette.window);
        // Below and beside a page smaller than the window the tiles draw nothing: the
        // page's white goes there.
        if let Some(shown) = &self.shown {
            let bottom = content.y + shown.page().height as i32 - self.scroll.offset.y;
            let right = content.x + shown.page().width as i32 - self.scroll.offset.x;
            let below = Rect::new(content.x, bottom, content.w, content.bottom() - bottom);
            let beside = Rect::new(right, content.y, content.right() - right, content.h);
            surface.fill_rect(below.intersect(&content), Color::WHITE);
            surface.fill_rect(beside.intersect(&content), Color::WHITE);
        }
        surface.fill_rect(status_rect, palette.window);
        let mut ui = Ui::new(&mut surface, input, &mut self.memory, sheet);

        // Toolbar: back, forward, reload, address.
        let cells = grid::row(
            toolbar.inset(5),
            &[
                Track::Px(34),
                Track::Px(34),
                Track::Px(34),
                Track::Weight(1),
            ],
            6,
        );
        ui.set_enabled(self.history.can_go_back());
        let back = ui.button(cells[0], Id::from("back"), "<");
        ui.set_enabled(self.history.can_go_forward());
        let forward = ui.button(cells[1], Id::from("forward"), ">");
        ui.set_enabled(true);
        let reload = ui.button(cells[2], Id::from("reload"), "R");
        let typed = ui.text_box(cells[3], &mut self.address);

        // The page.
        if let Some(shown) = &self.shown {
            let page = shown.page();
            ui.tiled_scroll_area(
                content,
                &mut self.scroll,
                &mut self.tiles,
                (page.width as i32, page.height as i32),
                |tile| shown.tile_id(tile),
                |surface, tile| paint(page, surface, 0, 0, tile),
            );
        }

        // Loading bar and status line.
        let loading = self.load.as_ref().map(|l| l.fetch.progress());
        if let Some(p) = &loading {
            // Without a Content-Length the bar shows a sliver: something is happening.
            let fraction = match p.total {
                Some(total) if total > 0 => p.received as f32 / total as f32,
                _ => 0.1,
            };
            ui.progress(progress, fraction.clamp(0.02, 1.0), None);
        }
        let status_text = self
            .hovered_link
            .clone()
            .unwrap_or_else(|| self.status.clone());
        ui.label(status_rect.inset(3), &status_text);
        ui.finish();
        if loading.is_none() {
            surface.fill_rect(progress, palette.border);
        }
        frame.damage_all();

        if typed.submitted {
            let text = self.address.text.clone();
            self.history.set_scroll(self.scroll.offset.y);
            self.navigate(&text, Mode::Visit, now_us);
        }
        if back {
            self.go_back(now_us);
        }
        if forward {
            self.go_forward(now_us);
        }
        if reload {
            self.reload(now_us);
        }
        if let Some((since, url)) = self.first_paint.take() {
            if self.shown.is_some() {
                // The live clock: the frame's own time stamp is from before this update,
                // which parsed, laid out and painted the page.
                let now = sdk::monotonic_us().unwrap_or(0);
                let took = now.saturating_sub(since);
                sdk::log!(
                    "browser: first paint of {} {} ms after Enter",
                    url,
                    took / 1000
                );
            }
        }
    }
}
