//! `cargo bench -p analyzer-core`: medians of full and incremental analysis. A plain harness
//! (no extra dependency): warm up, time N runs, report the median and the spread.

use analyzer_core::{Document, Options, analyze};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// A realistic lesson-sized snippet (about 100 lines): a worker pool with a ticker, a
/// handler, a cache with a mutex.
pub const SNIPPET: &str = include_str!("../tests/parity/bench_snippet.go");

fn median(mut xs: Vec<Duration>) -> (Duration, Duration, Duration) {
    xs.sort();
    (xs[xs.len() / 10], xs[xs.len() / 2], xs[xs.len() * 9 / 10])
}

fn bench(name: &str, iters: usize, mut f: impl FnMut()) {
    for _ in 0..iters.min(20) {
        f();
    }
    let times: Vec<Duration> = (0..iters)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    let (p10, p50, p90) = median(times);
    println!(
        "{name:<48} median {:>10.3} ms   p10 {:>8.3}   p90 {:>8.3}",
        ms(p50),
        ms(p10),
        ms(p90)
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn big(lines: usize) -> String {
    let mut s = String::new();
    let mut i = 0;
    while s.lines().count() < lines {
        let body = SNIPPET
            .split_once("\nfunc ")
            .map_or(SNIPPET, |(_, rest)| rest);
        if i == 0 {
            s.push_str(SNIPPET);
        } else {
            s.push_str(&format!(
                "\n// copy {i}\nfunc {}",
                body.replace("(", &format!("{i}("))
                    .replacen(&format!("{i}("), "(", 0)
            ));
        }
        i += 1;
    }
    s
}

fn main() {
    let opts = Options::default();
    let lines = SNIPPET.lines().count();
    println!(
        "snippet: {lines} lines, {} diagnostics",
        analyze(SNIPPET, &opts).diagnostics.len()
    );
    bench(
        &format!("full analysis, {lines}-line snippet"),
        2000,
        || {
            black_box(analyze(black_box(SNIPPET), &opts));
        },
    );
    let mut doc = Document::new(SNIPPET, opts.clone());
    let mut flip = false;
    bench(
        &format!("incremental, 1-char edit, {lines}-line snippet"),
        2000,
        || {
            flip = !flip;
            let text = if flip {
                SNIPPET.replacen("workers", "worker", 1)
            } else {
                SNIPPET.to_string()
            };
            black_box(doc.set_text(&text));
        },
    );
    let large = big(5000);
    let n = large.lines().count();
    println!(
        "large: {n} lines, {} diagnostics",
        analyze(&large, &opts).diagnostics.len()
    );
    bench(&format!("full analysis, {n}-line file"), 60, || {
        black_box(analyze(black_box(&large), &opts));
    });
    let mut doc = Document::new(&large, opts.clone());
    let mut flip = false;
    let edited = large.replacen("workers", "worker", 1);
    bench(
        &format!("incremental, 1-char edit, {n}-line file"),
        60,
        || {
            flip = !flip;
            black_box(doc.set_text(if flip { &edited } else { &large }));
        },
    );
    let huge = big(100_000);
    let n = huge.lines().count();
    bench(&format!("full analysis, {n}-line file"), 5, || {
        black_box(analyze(black_box(&huge), &opts));
    });
}
