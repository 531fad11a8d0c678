//! The clock app's entry point.

fn main() {
    let _ = sdk::set_title("Clock");
    sdk::log!("clock: started");
    sdk::run(clock::Clock::new());
}
