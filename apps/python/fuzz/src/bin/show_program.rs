//! Prints the program a fuzz input turns into (`show_program crash-file`), so a crash of
//! `run_generated` can be read, minimized and kept as a regression test. With `--run` it
//! also runs it under the fuzz limits and prints the outcome.
use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let run = args.iter().any(|a| a == "--run");
    for path in args.iter().filter(|a| *a != "--run") {
        let data = match std::fs::read(path) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{}: {}", path, e);
                continue;
            }
        };
        let src = python_fuzz::program(&data);
        let _ = std::io::stdout().write_all(src.as_bytes());
        if run {
            let mut interp = python_fuzz::limited_interpreter();
            match interp.run(&src, "<fuzz>") {
                Ok(()) => println!("# ok"),
                Err(e) => println!("# {}", e.traceback.trim_end().replace('\n', "\n# ")),
            }
        }
    }
}
