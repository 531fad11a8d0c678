//! hostile-unreachable: logs, then executes the `unreachable` instruction (a trap).

use hostile::say;

fn main() {
    say("hostile-unreachable: executing unreachable now");
    #[cfg(target_arch = "wasm32")]
    core::arch::wasm32::unreachable();
    #[cfg(not(target_arch = "wasm32"))]
    std::process::abort();
}
