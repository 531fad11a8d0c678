//! The editor app's entry point: restore the session the kernel kept, then run.

fn main() {
    let _ = sdk::set_title("Editor");
    sdk::log!("editor: started");
    sdk::run(editor::EditorApp::restore());
}
