//! Profiling aid: analysis time of a large file with each rule alone, to find costly rules.
//! `cargo run --release -p analyzer-core --example rule_cost`
#[path = "../tests/common/mod.rs"]
mod common;
use analyzer_core::{Options, analyze, rules};
use std::time::Instant;

fn time(src: &str, opts: &Options) -> f64 {
    let mut v: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(analyze(src, opts));
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    v.sort_by(f64::total_cmp);
    v[2]
}

fn main() {
    let src = common::big(5000);
    let none = Options {
        only: vec!["GP0000".into()],
        ..Options::default()
    };
    let base = time(&src, &none);
    println!("no rule (parse + model + query): {base:.1} ms");
    println!("all rules: {:.1} ms", time(&src, &Options::default()));
    for r in rules() {
        let o = Options {
            only: vec![r.code.to_string()],
            ..Options::default()
        };
        println!("{} {:<36} +{:.1} ms", r.code, r.name, time(&src, &o) - base);
    }
}
