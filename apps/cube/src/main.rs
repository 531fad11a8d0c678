//! The cube app's entry point: name the window, then hand control to the frame loop.

fn main() {
    let _ = sdk::set_title("Cube");
    sdk::log!("cube: started");
    sdk::run(cube::Cube::new());
}
