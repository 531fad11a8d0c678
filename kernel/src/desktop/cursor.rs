//! The mouse cursor, drawn in software on top of everything else.
//!
//! Before the cursor is drawn, the pixels under it are saved; before the next frame draws
//! anything, they are put back. So the rest of the desktop never knows the cursor exists, and
//! moving the pointer over an idle desktop damages only the two small rectangles it left and
//! entered.

use gfx::Rect;

/// The arrow: `#` outline, `.` fill, space transparent. The hot spot is the top-left pixel.
const ARROW: [&str; 19] = [
    "#           ",
    "##          ",
    "#.#         ",
    "#..#        ",
    "#...#       ",
    "#....#      ",
    "#.....#     ",
    "#......#    ",
    "#.......#   ",
    "#........#  ",
    "#.........# ",
    "#..........#",
    "#......#####",
    "#...#..#    ",
    "#..# #..#   ",
    "#.#  #..#   ",
    "##    #..#  ",
    "      #..#  ",
    "       ##   ",
];
const WIDTH: i32 = 12;
const HEIGHT: i32 = 19;
const OUTLINE: u32 = 0xff10_1018;
const FILL: u32 = 0xffff_ffff;

/// The cursor and the pixels it covers.
pub struct Cursor {
    /// Where it is drawn now (None: not on screen).
    drawn_at: Option<(i32, i32)>,
    saved: [u32; (WIDTH * HEIGHT) as usize],
}

impl Cursor {
    pub fn new() -> Cursor {
        Cursor {
            drawn_at: None,
            saved: [0; (WIDTH * HEIGHT) as usize],
        }
    }

    /// The screen rectangle the cursor covers at `(x, y)`.
    pub fn rect_at(x: i32, y: i32) -> Rect {
        Rect::new(x, y, WIDTH, HEIGHT)
    }

    /// Where the cursor is drawn, if it is.
    pub fn drawn_rect(&self) -> Option<Rect> {
        self.drawn_at.map(|(x, y)| Cursor::rect_at(x, y))
    }

    /// Puts back the pixels under the cursor; returns the rectangle it cleared.
    pub fn erase(&mut self, screen: &mut [u32], width: i32, height: i32) -> Option<Rect> {
        let (x, y) = self.drawn_at.take()?;
        self.each_pixel(x, y, width, height, |index, saved_index| {
            screen[index] = self.saved[saved_index];
        });
        Some(Cursor::rect_at(x, y))
    }

    /// Saves what is under `(x, y)` and draws the arrow there; returns the rectangle.
    pub fn draw(&mut self, screen: &mut [u32], width: i32, height: i32, x: i32, y: i32) -> Rect {
        let mut saved = self.saved;
        self.each_pixel(x, y, width, height, |index, saved_index| {
            saved[saved_index] = screen[index];
            let shape =
                ARROW[saved_index / WIDTH as usize].as_bytes()[saved_index % WIDTH as usize];
            match shape {
                b'#' => screen[index] = OUTLINE,
                b'.' => screen[index] = FILL,
                _ => {}
            }
        });
        self.saved = saved;
        self.drawn_at = Some((x, y));
        Cursor::rect_at(x, y)
    }

    /// Calls `f(screen index, cursor index)` for each cursor pixel that is on screen.
    fn each_pixel(&self, x: i32, y: i32, width: i32, height: i32, mut f: impl FnMut(usize, usize)) {
        for row in 0..HEIGHT {
            let sy = y + row;
            if sy < 0 || sy >= height {
                continue;
            }
            for column in 0..WIDTH {
                let sx = x + column;
                if sx < 0 || sx >= width {
                    continue;
                }
                f((sy * width + sx) as usize, (row * WIDTH + column) as usize);
            }
        }
    }
}

impl Default for Cursor {
    fn default() -> Self {
        Cursor::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draw_then_erase_restores_the_screen() {
        let (w, h) = (40, 30);
        let mut screen: Vec<u32> = (0..(w * h) as u32).collect();
        let original = screen.clone();
        let mut cursor = Cursor::new();
        let rect = cursor.draw(&mut screen, w, h, 35, 20); // partly off screen
        assert_eq!(rect, Rect::new(35, 20, 12, 19));
        assert_eq!(screen[(20 * w + 35) as usize], OUTLINE);
        assert_eq!(screen[(22 * w + 36) as usize], FILL);
        assert_ne!(screen, original);
        assert_eq!(cursor.erase(&mut screen, w, h), Some(rect));
        assert_eq!(screen, original);
        assert_eq!(cursor.erase(&mut screen, w, h), None);
    }
}
