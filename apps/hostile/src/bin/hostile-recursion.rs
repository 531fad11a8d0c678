//! hostile-recursion: calls itself without end until the stack runs out.
//!
//! Each level keeps a 64-byte array in memory (through `black_box`) and uses it after the
//! inner call returns, so the compiler can turn the recursion neither into a loop nor into
//! nothing. Whichever stack overflows first, wasmi's call stack or the shadow stack in
//! linear memory (which sits at the bottom of memory, so overflowing it leaves memory), the
//! result is a trap the kernel must turn into "stopped".

use core::hint::black_box;
use hostile::say;

fn dive(depth: u64) -> u64 {
    let mut pad = [depth as u8; 64];
    black_box(&mut pad);
    if depth.is_multiple_of(1000) {
        say(&format!("hostile-recursion: depth {depth}"));
    }
    // `black_box(true)` keeps the compiler from proving the recursion never ends.
    let deeper = if black_box(true) { dive(depth + 1) } else { 0 };
    deeper.wrapping_add(pad[(depth % 64) as usize] as u64)
}

fn main() {
    say("hostile-recursion: recursing without end");
    let total = dive(1);
    say(&format!("hostile-recursion: came back with {total}?"));
}
