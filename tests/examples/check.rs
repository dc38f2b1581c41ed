//! `cargo run -p pitfall-tests --example check -- FILE.go [GO_VERSION]`: prints the
//! analyzer's diagnostics for one file as code frames (for writing lessons).
use analyzer_core::{GoVersion, Lang, Options, analyze, render::code_frames};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: check FILE.go [GO_VERSION]");
    let version = args
        .next()
        .and_then(|v| GoVersion::parse(&v))
        .unwrap_or_default();
    let src = std::fs::read_to_string(&path).expect("readable file");
    let a = analyze(&src, &Options::with_go(version));
    print!("{}", code_frames(&path, &src, &a.diagnostics, Lang::En));
    println!(
        "-- {} diagnostics, syntax errors: {}",
        a.diagnostics.len(),
        a.has_syntax_errors
    );
}
