//! Mouse cursors, drawn from small pictures written as text.
//!
//! Each cursor is a grid of characters: `#` is the outline (black), `.` the fill (white), and
//! anything else is transparent. The hot spot (the pixel that points) is given per cursor.

use crate::color::Color;
use crate::geom::Point;
use crate::surface::Surface;

/// Which cursor to draw.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CursorKind {
    Arrow,
    Text,
    Resize,
    Hand,
}

const ARROW: &[&str] = &[
    "#",
    "##",
    "#.#",
    "#..#",
    "#...#",
    "#....#",
    "#.....#",
    "#......#",
    "#.......#",
    "#........#",
    "#.........#",
    "#......#####",
    "#...#..#",
    "#..##..#",
    "#.#  #..#",
    "##   #..#",
    "#     #..#",
    "      #..#",
    "       ##",
];

const TEXT: &[&str] = &[
    "###.###", "#..#..#", "###.###", "  #.#", "  #.#", "  #.#", "  #.#", "  #.#", "  #.#", "  #.#",
    "  #.#", "  #.#", "  #.#", "###.###", "#..#..#", "###.###",
];

const RESIZE: &[&str] = &[
    "#######",
    "#.....#",
    "#....#",
    "#...#",
    "#..#.#",
    "#.# #.#",
    "##   #.#",
    "      #.#   ##",
    "       #.# #.#",
    "        #.#..#",
    "         #...#",
    "        #....#",
    "       #.....#",
    "       #######",
];

const HAND: &[&str] = &[
    "    ##",
    "   #..#",
    "   #..#",
    "   #..#",
    "   #..###",
    "   #..#..##",
    "   #..#..#..#",
    "## #..#..#..##",
    "#..#........#.#",
    "#...#..........#",
    " #.............#",
    "  #............#",
    "  #...........#",
    "   #..........#",
    "    #........#",
    "    #........#",
    "    ##########",
];

fn picture(kind: CursorKind) -> (&'static [&'static str], Point) {
    match kind {
        CursorKind::Arrow => (ARROW, Point::new(0, 0)),
        CursorKind::Text => (TEXT, Point::new(3, 8)),
        CursorKind::Resize => (RESIZE, Point::new(7, 7)),
        CursorKind::Hand => (HAND, Point::new(5, 0)),
    }
}

/// Draws cursor `kind` with its hot spot at local `(x, y)`.
pub fn draw_cursor(surface: &mut Surface, kind: CursorKind, x: i32, y: i32) {
    let (rows, hot) = picture(kind);
    for (dy, row) in rows.iter().enumerate() {
        for (dx, ch) in row.bytes().enumerate() {
            let color = match ch {
                b'#' => Color::BLACK,
                b'.' => Color::WHITE,
                _ => continue,
            };
            surface.set_pixel(x - hot.x + dx as i32, y - hot.y + dy as i32, color);
        }
    }
}
