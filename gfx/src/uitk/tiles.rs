//! A tile cache for scrollable canvases: draw each piece of content once, then reuse it.
//!
//! The content of a scrollable canvas (a long web page, the audit log's graph) is cut into
//! square tiles in content coordinates. For each tile that is visible, the caller says what
//! is in it with a *content id*: any number that changes when, and only when, that tile's
//! pixels would change (a hash of the rows it shows, a document revision ...). A tile whose id
//! matches the cached one is copied from its bitmap; only new or changed tiles are drawn.
//! Scrolling therefore costs copies, not rendering, and an unchanged frame redraws nothing.
//! Tiles not used for a while are evicted once the cache holds `capacity` of them.

use crate::color::Color;
use crate::geom::{limit, Point, Rect};
use crate::surface::{Bitmap, Surface};
use alloc::vec::Vec;

struct Tile {
    col: i32,
    row: i32,
    /// The content id drawn in the bitmap (`None` before the first draw).
    content: Option<u64>,
    bitmap: Bitmap,
    last_used: u64,
}

/// Cached tiles of one canvas.
pub struct TileCache {
    tile_size: i32,
    capacity: usize,
    background: Color,
    tiles: Vec<Tile>,
    frame: u64,
    /// Tiles drawn during the last [`TileCache::draw`].
    pub redrawn: usize,
    /// Tiles copied from the cache during the last [`TileCache::draw`].
    pub reused: usize,
}

impl TileCache {
    /// A cache of square tiles `tile_size` pixels wide (clamped to 16..=1024) holding at most
    /// `capacity` tiles; new tiles start filled with `background`.
    pub fn new(tile_size: i32, capacity: usize, background: Color) -> TileCache {
        TileCache {
            tile_size: tile_size.clamp(16, 1024),
            capacity: capacity.max(1),
            background,
            tiles: Vec::new(),
            frame: 0,
            redrawn: 0,
            reused: 0,
        }
    }

    pub fn tile_size(&self) -> i32 {
        self.tile_size
    }

    /// Number of tiles held.
    pub fn len(&self) -> usize {
        self.tiles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tiles.is_empty()
    }

    /// Forgets every tile (the next draw redraws all visible ones).
    pub fn clear(&mut self) {
        self.tiles.clear();
    }

    /// Draws the visible part of a canvas of `content` size (width, height) scrolled to
    /// `scroll`, into `target` (whose (0, 0) is the viewport's corner and whose size is the
    /// viewport's). `content_id(tile)` names a tile's content; `draw(surface, tile)` paints a
    /// tile, in content coordinates, when its id is new.
    pub fn draw<F, D>(
        &mut self,
        target: &mut Surface,
        scroll: Point,
        content: (i32, i32),
        mut content_id: F,
        mut draw: D,
    ) where
        F: FnMut(Rect) -> u64,
        D: FnMut(&mut Surface, Rect),
    {
        let content = (limit(content.0), limit(content.1));
        self.frame += 1;
        self.redrawn = 0;
        self.reused = 0;
        let ts = self.tile_size;
        let full = Rect::new(0, 0, content.0.max(0), content.1.max(0));
        let visible =
            Rect::new(scroll.x, scroll.y, target.width(), target.height()).intersect(&full);
        if visible.is_empty() {
            return;
        }
        let (c0, c1) = (visible.x / ts, (visible.right() - 1) / ts);
        let (r0, r1) = (visible.y / ts, (visible.bottom() - 1) / ts);
        for row in r0..=r1 {
            for col in c0..=c1 {
                let rect = Rect::new(col * ts, row * ts, ts, ts).intersect(&full);
                let id = content_id(rect);
                let index = self.find_or_make(col, row, rect);
                let tile = &mut self.tiles[index];
                tile.last_used = self.frame;
                if tile.content != Some(id)
                    || tile.bitmap.width as i32 != rect.w
                    || tile.bitmap.height as i32 != rect.h
                {
                    if tile.bitmap.width as i32 != rect.w || tile.bitmap.height as i32 != rect.h {
                        tile.bitmap = Bitmap::new(rect.w as u32, rect.h as u32, self.background);
                    } else {
                        crate::surface::fill_span(&mut tile.bitmap.pixels, self.background.0);
                    }
                    let mut s = tile.bitmap.surface();
                    let mut content_view = s.sub(Rect::new(-rect.x, -rect.y, full.w, full.h));
                    draw(&mut content_view, rect);
                    tile.content = Some(id);
                    self.redrawn += 1;
                } else {
                    self.reused += 1;
                }
                target.blit(&tile.bitmap.view(), rect.x - scroll.x, rect.y - scroll.y);
            }
        }
        self.evict();
    }

    /// The index of the tile at (col, row), creating it (marked as never drawn) if needed.
    fn find_or_make(&mut self, col: i32, row: i32, rect: Rect) -> usize {
        let rect = rect.limited();
        if let Some(i) = self.tiles.iter().position(|t| t.col == col && t.row == row) {
            return i;
        }
        self.tiles.push(Tile {
            col,
            row,
            content: None,
            bitmap: Bitmap::new(rect.w as u32, rect.h as u32, self.background),
            last_used: self.frame,
        });
        self.tiles.len() - 1
    }

    /// Drops the least recently used tiles beyond the capacity.
    fn evict(&mut self) {
        while self.tiles.len() > self.capacity {
            let oldest = self
                .tiles
                .iter()
                .enumerate()
                .min_by_key(|(_, t)| t.last_used)
                .map(|(i, _)| i);
            match oldest {
                Some(i) if self.tiles[i].last_used < self.frame => {
                    self.tiles.swap_remove(i);
                }
                _ => break, // everything left is on screen now
            }
        }
    }
}
