//! Shared by the native and wasm test binaries.
#![allow(dead_code)]

use analyzer_core::{Analysis, GoVersion, Options, analyze};
use std::fmt::Write;

/// Cases analysed both natively and in wasm; both must render to `parity/expected.txt`.
pub const PARITY_CASES: &[(&str, &str)] = &[
    (
        "ticker-invalid",
        include_str!("../fixtures/ticker-not-stopped/invalid.go"),
    ),
    (
        "ticker-valid",
        include_str!("../fixtures/ticker-not-stopped/valid.go"),
    ),
    (
        "unbuffered-send-may-block-invalid",
        include_str!("../fixtures/unbuffered-send-may-block/invalid.go"),
    ),
    (
        "unbuffered-send-may-block-valid",
        include_str!("../fixtures/unbuffered-send-may-block/valid.go"),
    ),
    (
        "range-over-unclosed-channel-invalid",
        include_str!("../fixtures/range-over-unclosed-channel/invalid.go"),
    ),
    (
        "range-over-unclosed-channel-valid",
        include_str!("../fixtures/range-over-unclosed-channel/valid.go"),
    ),
    (
        "goroutine-ignores-context-invalid",
        include_str!("../fixtures/goroutine-ignores-context/invalid.go"),
    ),
    (
        "goroutine-ignores-context-valid",
        include_str!("../fixtures/goroutine-ignores-context/valid.go"),
    ),
    (
        "cancel-not-called-invalid",
        include_str!("../fixtures/cancel-not-called/invalid.go"),
    ),
    (
        "cancel-not-called-valid",
        include_str!("../fixtures/cancel-not-called/valid.go"),
    ),
    (
        "request-context-in-goroutine-invalid",
        include_str!("../fixtures/request-context-in-goroutine/invalid.go"),
    ),
    (
        "request-context-in-goroutine-valid",
        include_str!("../fixtures/request-context-in-goroutine/valid.go"),
    ),
    (
        "busy-select-default-invalid",
        include_str!("../fixtures/busy-select-default/invalid.go"),
    ),
    (
        "busy-select-default-valid",
        include_str!("../fixtures/busy-select-default/valid.go"),
    ),
    (
        "nil-channel-operation-invalid",
        include_str!("../fixtures/nil-channel-operation/invalid.go"),
    ),
    (
        "nil-channel-operation-valid",
        include_str!("../fixtures/nil-channel-operation/valid.go"),
    ),
    (
        "channel-closed-twice-invalid",
        include_str!("../fixtures/channel-closed-twice/invalid.go"),
    ),
    (
        "channel-closed-twice-valid",
        include_str!("../fixtures/channel-closed-twice/valid.go"),
    ),
    (
        "sleep-as-synchronization-invalid",
        include_str!("../fixtures/sleep-as-synchronization/invalid.go"),
    ),
    (
        "sleep-as-synchronization-valid",
        include_str!("../fixtures/sleep-as-synchronization/valid.go"),
    ),
    ("unicode", include_str!("../parity/unicode.go")),
    ("syntax-errors", include_str!("../parity/syntax_errors.go")),
];

/// A realistic lesson-sized snippet (about 100 lines): a worker pool with a ticker, a
/// handler, a cache with a mutex. Benchmarked natively and in Chromium.
pub const SNIPPET: &str = include_str!("../parity/bench_snippet.go");

/// A file of at least `lines` lines: the snippet, then renamed copies of its functions.
pub fn big(lines: usize) -> String {
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

pub fn options_for(src: &str) -> Options {
    let go = src
        .lines()
        .take(3)
        .find_map(|l| l.trim().strip_prefix("//go-version:"))
        .and_then(GoVersion::parse)
        .unwrap_or_default();
    Options::with_go(go)
}

/// Every field that matters, one line per diagnostic.
pub fn render(name: &str, a: &Analysis) -> String {
    let mut out = format!(
        "== {name} (lines={}, syntax_errors={}, incomplete={})\n",
        a.lines, a.has_syntax_errors, a.incomplete
    );
    for d in &a.diagnostics {
        let s = &d.span;
        let _ = writeln!(
            out,
            "{} {} {:?} {}:{}-{}:{} utf16={}:{}-{}:{} abs16={}..{} bytes={}..{} related={} fixes={} | {}",
            d.code,
            d.rule,
            d.severity,
            s.start.line,
            s.start.column,
            s.end.line,
            s.end.column,
            s.start.line,
            s.start.utf16_column,
            s.end.line,
            s.end.utf16_column,
            s.start_utf16,
            s.end_utf16,
            s.start_byte,
            s.end_byte,
            d.related.len(),
            d.fixes.len(),
            d.message_en
        );
    }
    out
}

pub fn render_all() -> String {
    PARITY_CASES
        .iter()
        .map(|(name, src)| render(name, &analyze(src, &options_for(src))))
        .collect()
}
