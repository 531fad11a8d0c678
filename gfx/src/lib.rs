//! `gfx`: everything the desktop and the apps draw with.
//!
//! The crate is `#![no_std]` + `alloc` and has no dependency besides `libm` (float maths), so
//! the same code runs in the kernel (x86_64-unknown-uefi), inside WASM apps (wasm32-wasip1)
//! and in host tests, where golden PNG images pin down every pixel.
//!
//! The layers, bottom to top:
//!
//! * [`color`] and [`geom`]: 0xAARRGGBB colours with "source over" blending; points and
//!   half-open rectangles.
//! * [`surface`]: a clipped, translated view of a framebuffer (`stride` may exceed `width`),
//!   an owned [`Bitmap`] and a read-only [`ImageView`]. Nothing draws outside a surface's clip,
//!   whatever coordinates it is given.
//! * [`shapes`], [`line`](mod@line), [`raster`], [`blit`]: filled and outlined (rounded) rectangles,
//!   anti-aliased lines, circles and arcs, image copies with alpha, and a triangle rasterizer
//!   with the top-left fill rule and per-vertex colours (for the pie menu and the 3D cube).
//!   All of them are written for a WASM interpreter as much as for the CPU: triangles fill
//!   row spans, curves compute coverage only in their anti-aliased band (`ring.rs`), fills
//!   and copies become bulk memory operations, and square roots avoid `libm`'s software
//!   loop (`math.rs`) while giving the same bits, so every pixel matches the obvious
//!   per-pixel definition (`tests/equivalence.rs` checks that).
//! * [`font`] and [`text`]: DejaVu faces baked by `tools/fontbake` into 8-bit coverage atlases,
//!   UTF-8 text with per-glyph advances, measuring, word wrapping, alignment, tabs, selection
//!   highlighting, and a monospace cell grid for the terminal and the editor.
//! * [`uitk`]: an immediate-mode toolkit (buttons, text boxes, scrollable canvases with a tile
//!   cache, graphs ...), laid out in rows and columns with weights and styled by one
//!   stylesheet.
//! * [`desktop`]: drawing helpers for the desktop itself (wallpaper, top bar, cursor, window
//!   chrome, pie menu), taking plain data so the kernel only wires them up, and [`damage`],
//!   the list of changed rectangles a compositor flushes.
//!
//! Pixel format: one `u32` per pixel, 0xAARRGGBB, which is B, G, R, A in memory on a
//! little-endian machine: virtio-gpu's `B8G8R8A8`/`B8G8R8X8` (VirtIO 1.2 §5.7.6.8).

#![no_std]
#![deny(unsafe_code)]

extern crate alloc;

pub mod blit;
pub mod color;
pub mod damage;
pub mod desktop;
pub mod font;
pub mod geom;
pub mod image;
pub mod line;
mod math;
pub mod raster;
mod ring;
pub mod shapes;
pub mod surface;
pub mod text;
pub mod uitk;

pub use color::Color;
pub use font::Font;
pub use geom::{Point, Rect};
pub use raster::Vertex;
pub use surface::{Bitmap, ImageView, Surface, SurfaceError};
