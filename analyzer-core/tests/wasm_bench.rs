//! Benchmark in headless Chromium (not a test: it asserts nothing about time). Run with
//! `cargo xtask wasm-bench`; prints medians like the native `cargo bench -p analyzer-core`.
#![cfg(target_arch = "wasm32")]

mod common;

use analyzer_core::{Document, Options, analyze};
use std::hint::black_box;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The floor under every full analysis: tree-sitter's parse of the text alone.
fn bench_parse(name: &str, iters: usize, src: &str) {
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&tree_sitter_go::LANGUAGE.into())
        .expect("grammar");
    bench(name, iters, || {
        black_box(parser.parse(black_box(src), None));
    });
}

fn bench(name: &str, iters: usize, mut f: impl FnMut()) {
    for _ in 0..iters.min(20) {
        f();
    }
    let mut ms: Vec<f64> = (0..iters)
        .map(|_| {
            let t = now();
            f();
            now() - t
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    console_log!(
        "{name:<44} median {:>8.3} ms  p10 {:>8.3}  p90 {:>8.3}",
        ms[ms.len() / 2],
        ms[ms.len() / 10],
        ms[ms.len() * 9 / 10]
    );
}

// Separate tests, each well under the runner's 20 s webdriver timeout (the page cannot
// answer the runner while a test runs).
/// Paid once per page, by the first analysis: tree-sitter analyses every pattern against
/// the grammar when it compiles a query.
#[wasm_bindgen_test]
fn bench_query_compile_in_chromium() {
    let lang: tree_sitter::Language = tree_sitter_go::LANGUAGE.into();
    let all: String = analyzer_core::rules()
        .iter()
        .map(|r| format!("{}\n", r.query))
        .collect();
    bench("compile every rule's query (once a page)", 5, || {
        black_box(tree_sitter::Query::new(&lang, &all).expect("query"));
    });
}

#[wasm_bindgen_test]
fn bench_snippet_in_chromium() {
    let opts = Options::default();
    let snippet = common::SNIPPET;
    let lines = snippet.lines().count();
    bench(&format!("full analysis, {lines}-line snippet"), 500, || {
        black_box(analyze(black_box(snippet), &opts));
    });
    bench_parse(
        &format!("  of which parse alone, {lines} lines"),
        500,
        snippet,
    );
    for (what, from, to) in common::EDITS.iter().copied() {
        let mut doc = Document::new(snippet, opts.clone());
        let edited = snippet.replacen(from, to, 1);
        let mut flip = false;
        bench(
            &format!("incremental 1-char edit in a {what}, {lines} lines"),
            500,
            || {
                flip = !flip;
                black_box(doc.set_text(if flip { &edited } else { snippet }));
            },
        );
    }
}

#[wasm_bindgen_test]
fn bench_large_file_in_chromium() {
    let opts = Options::default();
    let large = common::big(5000);
    let n = large.lines().count();
    bench(&format!("full analysis, {n}-line file"), 15, || {
        black_box(analyze(black_box(&large), &opts));
    });
    bench_parse(&format!("  of which parse alone, {n} lines"), 15, &large);
}

#[wasm_bindgen_test]
fn bench_large_file_edits_in_chromium() {
    let opts = Options::default();
    let large = common::big(5000);
    let n = large.lines().count();
    for (what, from, to) in common::EDITS.iter().copied() {
        let mut doc = Document::new(&large, opts.clone());
        let edited = large.replacen(from, to, 1);
        let mut flip = false;
        bench(
            &format!("incremental 1-char edit in a {what}, {n} lines"),
            20,
            || {
                flip = !flip;
                black_box(doc.set_text(if flip { &edited } else { &large }));
            },
        );
    }
}
