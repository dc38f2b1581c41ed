//! Profiling aid (perf, callgrind): `loop [file.go|-] [runs] [full|edit]` analyses the file
//! `runs` times, or with `edit` flips a one-character edit inside a function body in a
//! `Document` (the first `"no key"` of the benchmark snippet).
use analyzer_core::{Document, Options, analyze};
use std::hint::black_box;

fn main() {
    let mut args = std::env::args().skip(1);
    let src = match args.next() {
        Some(p) if p != "-" => std::fs::read_to_string(p).expect("readable file"),
        _ => include_str!("../tests/parity/bench_snippet.go").to_string(),
    };
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1000);
    let opts = Options::default();
    if args.next().as_deref() == Some("edit") {
        let edited = src.replacen("no key", "no ke", 1);
        let mut doc = Document::new(&src, opts);
        for i in 0..runs {
            black_box(doc.set_text(if i % 2 == 0 { &edited } else { &src }));
        }
    } else {
        for _ in 0..runs {
            black_box(analyze(&src, &opts));
        }
    }
}
