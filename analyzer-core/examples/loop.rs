//! Profiling aid: `analyze` in a loop (for perf/callgrind). `loop [file.go] [runs]`
fn main() {
    let mut args = std::env::args().skip(1);
    let src = match args.next() {
        Some(p) if p != "-" => std::fs::read_to_string(p).expect("readable file"),
        _ => include_str!("../tests/parity/bench_snippet.go").to_string(),
    };
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1000);
    let opts = analyzer_core::Options::default();
    for _ in 0..runs {
        std::hint::black_box(analyzer_core::analyze(&src, &opts));
    }
}
