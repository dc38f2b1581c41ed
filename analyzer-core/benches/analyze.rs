//! `cargo bench -p analyzer-core`: medians of full and incremental analysis. A plain harness
//! (no extra dependency): warm up, time N runs, report the median and the spread.

use analyzer_core::{Document, Options, analyze};
use std::hint::black_box;
use std::time::{Duration, Instant};

#[path = "../tests/common/mod.rs"]
mod common;
use common::{EDITS, SNIPPET, big};

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
    for (what, from, to) in EDITS.iter().copied() {
        let mut doc = Document::new(SNIPPET, opts.clone());
        let mut flip = false;
        let edited = SNIPPET.replacen(from, to, 1);
        bench(
            &format!("incremental, 1-char edit in a {what}, {lines}-line snippet"),
            2000,
            || {
                flip = !flip;
                black_box(doc.set_text(if flip { &edited } else { SNIPPET }));
            },
        );
    }
    let large = big(5000);
    let n = large.lines().count();
    println!(
        "large: {n} lines, {} diagnostics",
        analyze(&large, &opts).diagnostics.len()
    );
    bench(&format!("full analysis, {n}-line file"), 60, || {
        black_box(analyze(black_box(&large), &opts));
    });
    for (what, from, to) in EDITS.iter().copied() {
        let mut doc = Document::new(&large, opts.clone());
        let mut flip = false;
        let edited = large.replacen(from, to, 1);
        bench(
            &format!("incremental, 1-char edit in a {what}, {n}-line file"),
            60,
            || {
                flip = !flip;
                black_box(doc.set_text(if flip { &edited } else { &large }));
            },
        );
    }
    let huge = big(100_000);
    let n = huge.lines().count();
    bench(&format!("full analysis, {n}-line file"), 5, || {
        black_box(analyze(black_box(&huge), &opts));
    });
}
