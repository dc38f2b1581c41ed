//! Shared by the native and wasm test binaries.
#![allow(dead_code)]

use analyzer_core::{Analysis, GoVersion, Options, analyze};
use std::fmt::Write;

/// Cases analysed both natively and in wasm; both must render to `parity/expected.txt`.
pub const PARITY_CASES: &[(&str, &str)] = &[
    (
        "atomic-result-reassigned",
        include_str!("../fixtures/atomic-result-reassigned/invalid.go"),
    ),
    (
        "busy-select-default",
        include_str!("../fixtures/busy-select-default/invalid.go"),
    ),
    (
        "cancel-not-called",
        include_str!("../fixtures/cancel-not-called/invalid.go"),
    ),
    (
        "channel-closed-twice",
        include_str!("../fixtures/channel-closed-twice/invalid.go"),
    ),
    (
        "cmd-started-without-wait",
        include_str!("../fixtures/cmd-started-without-wait/invalid.go"),
    ),
    (
        "defer-in-loop",
        include_str!("../fixtures/defer-in-loop/invalid.go"),
    ),
    (
        "error-compared-by-message",
        include_str!("../fixtures/error-compared-by-message/invalid.go"),
    ),
    (
        "error-discarded",
        include_str!("../fixtures/error-discarded/invalid.go"),
    ),
    (
        "error-wrapped-with-v",
        include_str!("../fixtures/error-wrapped-with-v/invalid.go"),
    ),
    (
        "goroutine-ignores-context",
        include_str!("../fixtures/goroutine-ignores-context/invalid.go"),
    ),
    (
        "http-client-without-timeout",
        include_str!("../fixtures/http-client-without-timeout/invalid.go"),
    ),
    (
        "http-server-without-timeouts",
        include_str!("../fixtures/http-server-without-timeouts/invalid.go"),
    ),
    (
        "lock-copied-by-value",
        include_str!("../fixtures/lock-copied-by-value/invalid.go"),
    ),
    (
        "loop-variable-captured",
        include_str!("../fixtures/loop-variable-captured/invalid.go"),
    ),
    (
        "map-written-by-goroutines",
        include_str!("../fixtures/map-written-by-goroutines/invalid.go"),
    ),
    (
        "mismatched-lock-unlock",
        include_str!("../fixtures/mismatched-lock-unlock/invalid.go"),
    ),
    (
        "nil-channel-operation",
        include_str!("../fixtures/nil-channel-operation/invalid.go"),
    ),
    (
        "pool-object-not-reset",
        include_str!("../fixtures/pool-object-not-reset/invalid.go"),
    ),
    (
        "pool-put-non-pointer",
        include_str!("../fixtures/pool-put-non-pointer/invalid.go"),
    ),
    (
        "range-over-unclosed-channel",
        include_str!("../fixtures/range-over-unclosed-channel/invalid.go"),
    ),
    (
        "request-context-in-goroutine",
        include_str!("../fixtures/request-context-in-goroutine/invalid.go"),
    ),
    (
        "response-body-not-closed",
        include_str!("../fixtures/response-body-not-closed/invalid.go"),
    ),
    (
        "sleep-as-synchronization",
        include_str!("../fixtures/sleep-as-synchronization/invalid.go"),
    ),
    (
        "subslice-retains-backing-array",
        include_str!("../fixtures/subslice-retains-backing-array/invalid.go"),
    ),
    (
        "ticker-not-stopped",
        include_str!("../fixtures/ticker-not-stopped/invalid.go"),
    ),
    (
        "time-after-in-loop",
        include_str!("../fixtures/time-after-in-loop/invalid.go"),
    ),
    (
        "time-layout-wrong",
        include_str!("../fixtures/time-layout-wrong/invalid.go"),
    ),
    (
        "unbuffered-send-may-block",
        include_str!("../fixtures/unbuffered-send-may-block/invalid.go"),
    ),
    (
        "unlock-skipped-on-return",
        include_str!("../fixtures/unlock-skipped-on-return/invalid.go"),
    ),
    (
        "waitgroup-add-in-goroutine",
        include_str!("../fixtures/waitgroup-add-in-goroutine/invalid.go"),
    ),
    (
        "waitgroup-done-skipped-on-return",
        include_str!("../fixtures/waitgroup-done-skipped-on-return/invalid.go"),
    ),
    (
        "ticker-valid",
        include_str!("../fixtures/ticker-not-stopped/valid.go"),
    ),
    ("unicode", include_str!("../parity/unicode.go")),
    ("syntax-errors", include_str!("../parity/syntax_errors.go")),
];

/// A realistic lesson-sized snippet (about 100 lines): a worker pool with a ticker, a
/// handler, a cache with a mutex. Benchmarked natively and in Chromium.
pub const SNIPPET: &str = include_str!("../parity/bench_snippet.go");

/// One-character edits the benchmarks time: in a signature (other functions may depend on
/// it: everything is checked again), and inside a function body (the rest is re-used).
pub const EDITS: &[(&str, &str, &str)] = &[
    ("signature", "workers", "worker"),
    ("body", "no key", "no ke"),
];

/// A file of at least `lines` lines: the snippet, then copies of its functions with each
/// top-level function and method renamed (`Run` becomes `Run1`), so the file stays valid Go.
pub fn big(lines: usize) -> String {
    let body = SNIPPET
        .split_once("\nfunc ")
        .map_or(SNIPPET, |(_, rest)| rest);
    let body = format!("func {body}");
    let mut s = SNIPPET.to_string();
    let mut i = 1;
    while s.lines().count() < lines {
        s.push_str(&format!("\n// copy {i}\n"));
        for line in body.split_inclusive('\n') {
            match renamed_func(line, i) {
                Some(l) => s.push_str(&l),
                None => s.push_str(line),
            }
        }
        i += 1;
    }
    s
}

/// `func (r T) Name(` / `func Name(` with `i` appended to the name.
fn renamed_func(line: &str, i: usize) -> Option<String> {
    let rest = line.strip_prefix("func ")?;
    let name_at = if rest.starts_with('(') {
        rest.find(") ")? + 2
    } else {
        0
    };
    let paren = name_at + rest[name_at..].find('(')?;
    Some(format!("func {}{i}{}", &rest[..paren], &rest[paren..]))
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
