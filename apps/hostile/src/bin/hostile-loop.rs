//! hostile-loop: spins for ever without calling `yield`.
//!
//! The kernel must pause it when its fuel slice for the frame is spent, and resume it next
//! frame, so the desktop keeps its frame rate.

use core::hint::black_box;
use hostile::say;

fn main() {
    say("hostile-loop: spinning");
    let mut counter: u64 = 0;
    loop {
        counter = black_box(counter.wrapping_add(1));
    }
}
