// temporary: perf target
fn main() {
    let p = std::env::args().nth(1).filter(|s| !s.is_empty());
    let src = match p {
        Some(p) => std::fs::read_to_string(p).unwrap(),
        None => include_str!("../tests/parity/bench_snippet.go").to_string(),
    };
    let n: usize = std::env::args().nth(2).map_or(100, |s| s.parse().unwrap());
    let opts = analyzer_core::Options::default();
    for _ in 0..n {
        std::hint::black_box(analyzer_core::analyze(&src, &opts));
    }
}
