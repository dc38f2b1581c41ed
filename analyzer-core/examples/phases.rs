//! `cargo run --release -p analyzer-core --example phases [file.go]`: warm medians of each
//! phase of one analysis (parse, semantic model, the combined query, everything), to see
//! where the time of a keystroke goes. Without a file: the 100-line benchmark snippet.
//! `PER_RULE=1`: also each rule alone (its cost is that minus "analyze, no rule").
use analyzer_core::model::Model;
use std::hint::black_box;
use std::time::{Duration, Instant};
use tree_sitter::{Query, QueryCursor, StreamingIterator};

fn median(name: &str, iters: usize, mut f: impl FnMut()) {
    for _ in 0..iters.min(20) {
        f();
    }
    let mut xs: Vec<Duration> = (0..iters)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    xs.sort();
    println!(
        "{name:<24} {:>9.3} ms",
        xs[xs.len() / 2].as_secs_f64() * 1e3
    );
}

fn main() {
    let src = match std::env::args().nth(1) {
        Some(p) => std::fs::read_to_string(p).expect("readable file"),
        None => include_str!("../tests/parity/bench_snippet.go").to_string(),
    };
    let iters = (200_000 / src.len().max(1)).clamp(20, 2000);
    println!("{} lines, {iters} runs each", src.lines().count());
    let lang: tree_sitter::Language = tree_sitter_go::LANGUAGE.into();
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(&lang).unwrap();
    median("parse", iters, || {
        black_box(parser.parse(&src, None));
    });
    let tree = parser.parse(&src, None).unwrap();
    median("model", iters, || {
        black_box(Model::build(tree.root_node(), &src));
    });
    let combined: String = analyzer_core::rules()
        .iter()
        .map(|r| format!("{}\n", r.query))
        .collect();
    // Paid once per page load, before the first findings appear.
    median("compile the combined query", 5, || {
        black_box(Query::new(&lang, &combined).unwrap());
    });
    let query = Query::new(&lang, &combined).unwrap();
    // Over the whole tree; the engine starts it only at nodes whose kind begins a pattern.
    let mut cursor = QueryCursor::new();
    median("query, whole tree", iters, || {
        let mut n = 0;
        let mut it = cursor.matches(&query, tree.root_node(), src.as_bytes());
        while it.next().is_some() {
            n += 1;
        }
        black_box(n);
    });
    // The floor: one traversal with a single trivial pattern.
    let trivial = Query::new(&lang, "(defer_statement) @d").unwrap();
    median("  one pattern, whole tree", iters, || {
        let mut n = 0;
        let mut it = cursor.matches(&trivial, tree.root_node(), src.as_bytes());
        while it.next().is_some() {
            n += 1;
        }
        black_box(n);
    });
    let opts = analyzer_core::Options::default();
    median("full analyze", iters, || {
        black_box(analyzer_core::analyze(&src, &opts));
    });
    // Every phase but the rules' checks: the query still runs, its matches are dropped.
    let none = analyzer_core::Options {
        only: vec!["-".into()],
        ..Default::default()
    };
    median("analyze, no rule", iters, || {
        black_box(analyzer_core::analyze(&src, &none));
    });
    // One rule at a time: subtract "no rule" for the rule's own cost.
    if std::env::var_os("PER_RULE").is_some() {
        for rule in analyzer_core::rules() {
            let one = analyzer_core::Options {
                only: vec![rule.code.into()],
                ..Default::default()
            };
            median(
                &format!("  only {} {}", rule.code, rule.name),
                iters,
                || {
                    black_box(analyzer_core::analyze(&src, &one));
                },
            );
        }
    }
}
