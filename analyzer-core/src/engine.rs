//! Parsing with bounds, the one combined query, and dispatch of matches to rules.

use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::lines::LineIndex;
use crate::model::Model;
use crate::options::Options;
use crate::rules::{Ctx, Match, Rule, registry};
use crate::syntax::KindStr as _;
use std::ops::ControlFlow;
use std::sync::OnceLock;
use tree_sitter::{
    Language, Node, ParseOptions, Parser, Query, QueryCursor, StreamingIterator, Tree,
};

/// Inputs above this many bytes are not parsed.
pub const MAX_BYTES: usize = 4 * 1024 * 1024;
/// Bracket nesting deeper than this is refused before parsing: no real Go is this deep, and
/// every later pass stays cheap.
pub const MAX_NESTING: usize = 256;
/// Parser progress callbacks allowed before giving up (bounds time on hostile input; a
/// count, not a clock, so the result is the same in wasm and natively).
const PARSE_BUDGET_CALLS: usize = 200_000;
/// Syntax errors listed individually before the rest are summarised.
const MAX_SYNTAX_DIAGNOSTICS: usize = 20;

pub fn language() -> Language {
    tree_sitter_go::LANGUAGE.into()
}

/// The compiled query of every rule, and which rule owns each pattern.
pub(crate) struct Engine {
    pub rules: Vec<&'static Rule>,
    /// (query, owner rule index per pattern)
    queries: Vec<(Query, Vec<usize>)>,
}

pub(crate) fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let mut rules: Vec<&'static Rule> = registry::ALL.to_vec();
        rules.sort_by_key(|r| r.code);
        let lang = language();
        let all: Vec<usize> = (0..rules.len()).collect();
        Engine {
            queries: combine(&lang, &rules, &all),
            rules,
        }
    })
}

/// One query for the rules `which` (indices into `rules`): one tree traversal per analysis
/// instead of one per rule. Returns the query and the owner rule of each pattern.
fn combine(lang: &Language, rules: &[&Rule], which: &[usize]) -> Vec<(Query, Vec<usize>)> {
    let mut combined = String::new();
    let mut starts = Vec::new();
    for &i in which {
        starts.push(combined.len());
        combined.push_str(rules[i].query);
        combined.push('\n');
    }
    match Query::new(lang, &combined) {
        Ok(q) => {
            let owners = (0..q.pattern_count())
                .map(|p| which[starts.partition_point(|&s| s <= q.start_byte_for_pattern(p)) - 1])
                .collect();
            vec![(q, owners)]
        }
        // A broken query must not take the others down; tests catch it.
        Err(_) => which
            .iter()
            .filter_map(|&i| {
                let q = Query::new(lang, rules[i].query).ok()?;
                let n = q.pattern_count();
                Some((q, vec![i; n]))
            })
            .collect(),
    }
}

/// Compiles one rule's query on its own (for tests and the CLI's self-check).
pub fn compile_rule_query(rule: &Rule) -> Result<(), String> {
    Query::new(&language(), rule.query)
        .map(|_| ())
        .map_err(|e| format!("{}: {e}", rule.code))
}

pub(crate) fn new_parser() -> Parser {
    let mut p = Parser::new();
    // The grammar is compiled in; an ABI mismatch would be a build error caught by tests.
    let _ = p.set_language(&language());
    p
}

pub(crate) enum Refusal {
    TooLarge(usize),
    TooDeep(usize),
}

/// Cheap pre-check before parsing. A small lexer skips comments, strings and runes, so
/// brackets in text (regexp tests, ASCII art) do not count; an unterminated literal ends at
/// the end of its line (raw strings: at the end of input), as Go's scanner would give up.
pub(crate) fn refuse(src: &str) -> Option<Refusal> {
    if src.len() > MAX_BYTES {
        return Some(Refusal::TooLarge(src.len()));
    }
    let b = src.as_bytes();
    let (mut i, mut depth, mut max) = (0usize, 0usize, 0usize);
    // Index of the first `end` at or after `from`, or the input's end.
    let find = |from: usize, end: &[u8]| {
        b.get(from..)
            .and_then(|rest| rest.windows(end.len()).position(|w| w == end))
            .map_or(b.len(), |p| from + p + end.len())
    };
    while i < b.len() {
        match b[i] {
            b'(' | b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b'/' if b.get(i + 1) == Some(&b'/') => i = find(i, b"\n") - 1,
            b'/' if b.get(i + 1) == Some(&b'*') => i = find(i + 2, b"*/") - 1,
            b'`' => i = find(i + 1, b"`") - 1,
            q @ (b'"' | b'\'') => {
                i += 1;
                while i < b.len() && b[i] != q && b[i] != b'\n' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            _ => {}
        }
        i += 1;
    }
    (max > MAX_NESTING).then_some(Refusal::TooDeep(max))
}

/// Parses with a bounded budget; `None` if the budget ran out.
pub(crate) fn parse(parser: &mut Parser, src: &str, old: Option<&Tree>) -> Option<Tree> {
    let mut calls = 0usize;
    let mut progress = |_: &tree_sitter::ParseState| {
        calls += 1;
        if calls > PARSE_BUDGET_CALLS {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    };
    let bytes = src.as_bytes();
    let mut read = |i: usize, _| bytes.get(i..).unwrap_or(&[]);
    let tree = parser.parse_with_options(
        &mut read,
        old,
        Some(ParseOptions::new().progress_callback(&mut progress)),
    );
    if tree.is_none() {
        parser.reset();
    }
    tree
}

pub(crate) fn input_diagnostic(
    lines: &LineIndex<'_>,
    code: &'static str,
    rule: &'static str,
    start: usize,
    end: usize,
    en: String,
    zh: String,
) -> Diagnostic {
    Diagnostic {
        code,
        rule,
        severity: Severity::Error,
        category: Category::Input,
        span: lines.span(start, end),
        message_en: en,
        message_zh: zh,
        related: Vec::new(),
        fixes: Vec::new(),
    }
}

/// Syntax errors: ERROR and MISSING nodes, outermost only.
pub(crate) fn syntax_errors(root: Node<'_>, src: &str, lines: &LineIndex<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut total = 0usize;
    if !root.has_error() {
        return out;
    }
    crate::syntax::walk(root, |n| {
        if !n.has_error() {
            return false;
        }
        if n.is_error() || n.is_missing() {
            total += 1;
            if out.len() < MAX_SYNTAX_DIAGNOSTICS {
                let (en, zh) = if n.is_missing() {
                    (
                        format!("syntax error: missing `{}`", n.kind_str()),
                        format!("语法错误：缺少 `{}`", n.kind_str()),
                    )
                } else {
                    let snippet: String = src[n.start_byte()..n.end_byte()]
                        .chars()
                        .take(24)
                        .collect::<String>()
                        .replace('\n', " ");
                    (
                        format!("syntax error: unexpected `{}`", snippet.trim()),
                        format!("语法错误：无法识别 `{}`", snippet.trim()),
                    )
                };
                let end = if n.is_missing() {
                    n.start_byte()
                } else {
                    n.end_byte()
                };
                out.push(input_diagnostic(
                    lines,
                    "GP0001",
                    "syntax-error",
                    n.start_byte(),
                    end,
                    en,
                    zh,
                ));
            }
            return false;
        }
        true
    });
    if total > out.len()
        && let Some(last) = out.last_mut()
    {
        let more = total - MAX_SYNTAX_DIAGNOSTICS;
        last.message_en
            .push_str(&format!(" (and {more} more syntax errors)"));
        last.message_zh
            .push_str(&format!("（另有 {more} 处语法错误）"));
    }
    out
}

/// Top-level function bodies, for re-using diagnostics between edits (see `Document`).
pub(crate) struct Bodies<'a> {
    /// Byte ranges of the bodies, in source order.
    pub ranges: &'a [(usize, usize)],
    /// Bodies whose matches are not checked: their earlier diagnostics still hold.
    pub skip: &'a [bool],
    /// Out, per body: the diagnostics of matches inside it, and whether they depend on
    /// nothing but that body and the file's text outside function bodies.
    pub out: Vec<(bool, Vec<Diagnostic>)>,
}

/// Runs every enabled rule over a parsed tree. With `bodies`, diagnostics of matches inside
/// a function body go to `bodies.out` instead of the result.
pub(crate) fn run_rules(
    tree: &Tree,
    src: &str,
    options: &Options,
    lines: &LineIndex<'_>,
    mut bodies: Option<&mut Bodies<'_>>,
) -> Vec<Diagnostic> {
    let root = tree.root_node();
    let skipped: Vec<(usize, usize)> = bodies.as_deref().map_or(Vec::new(), |b| {
        b.ranges
            .iter()
            .zip(b.skip)
            .filter(|(_, s)| **s)
            .map(|(r, _)| *r)
            .collect()
    });
    if !skipped.is_empty() {
        // Optimistically without the bodies nobody checks: right unless some check reached
        // beyond its function (then the model it saw lacked the skipped bodies' uses).
        let model = Model::build_skipping(root, src, &skipped);
        let (out, reached_out) = check_all(&model, src, options, lines, bodies.as_deref_mut());
        if !reached_out {
            return out;
        }
    }
    let model = Model::build(root, src);
    check_all(&model, src, options, lines, bodies).0
}

/// Dispatches the query's matches to the rules; also says whether any check reached beyond
/// its function.
fn check_all(
    model: &Model<'_>,
    src: &str,
    options: &Options,
    lines: &LineIndex<'_>,
    mut bodies: Option<&mut Bodies<'_>>,
) -> (Vec<Diagnostic>, bool) {
    let engine = engine();
    let root = model.root;
    let mut any_reached_out = false;
    let mut out = Vec::new();
    let enabled: Vec<bool> = engine
        .rules
        .iter()
        .map(|r| options.rule_enabled(r.code) && r.applies_to(options.go_version))
        .collect();
    if let Some(b) = bodies.as_deref_mut() {
        b.out = b.ranges.iter().map(|_| (true, Vec::new())).collect();
    }
    let (b_ranges, b_skip): (&[(usize, usize)], &[bool]) = match bodies.as_deref() {
        Some(b) => (b.ranges, b.skip),
        None => (&[], &[]),
    };
    // The body (index) that holds a whole match from `lo` to `hi`, if any.
    let body_of = |lo: usize, hi: usize| -> Option<usize> {
        let i = b_ranges.partition_point(|r| r.0 <= lo).checked_sub(1)?;
        (hi <= b_ranges[i].1).then_some(i)
    };
    // Where the query runs: the whole tree, or with re-used bodies, each top-level
    // declaration on its own, re-used bodies left out. (One pass from the root with a byte
    // range per gap would step over every declaration for each range.)
    let mut plan: Vec<(Node<'_>, std::ops::Range<usize>)> = Vec::new();
    if bodies.is_none() {
        plan.push((root, 0..src.len()));
    } else {
        let mut c = root.walk();
        for item in root.children(&mut c) {
            let body = item
                .child_by_field_id(crate::syntax::fields().body)
                .filter(|_| {
                    matches!(
                        item.kind_str(),
                        "function_declaration" | "method_declaration"
                    )
                })
                .and_then(|b| {
                    let i = b_ranges.partition_point(|r| r.0 < b.start_byte());
                    (b_ranges.get(i) == Some(&(b.start_byte(), b.end_byte())) && b_skip[i])
                        .then_some(b)
                });
            match body {
                Some(b) => plan.push((item, item.start_byte()..b.start_byte())),
                None => plan.push((item, item.start_byte()..item.end_byte())),
            }
        }
    }
    let mut cursor = QueryCursor::new();
    let mut captures: Vec<(u32, Node<'_>)> = Vec::new();
    for (node, range) in plan {
        if range.is_empty() {
            continue;
        }
        for (query, owners) in &engine.queries {
            let names = query.capture_names();
            cursor.set_byte_range(range.clone());
            let mut matches = cursor.matches(query, node, src.as_bytes());
            while let Some(m) = matches.next() {
                let owner = owners[m.pattern_index];
                if !enabled[owner] {
                    continue;
                }
                let rule = engine.rules[owner];
                captures.clear();
                captures.extend(m.captures().iter().map(|c| (c.index, c.node)));
                let lo = captures.iter().map(|c| c.1.start_byte()).min().unwrap_or(0);
                let hi = captures.iter().map(|c| c.1.end_byte()).max().unwrap_or(0);
                let body = body_of(lo, hi);
                if body.is_some_and(|i| b_skip[i]) {
                    continue;
                }
                let (reusable, sink) = match (body, bodies.as_deref_mut()) {
                    (Some(i), Some(b)) => {
                        let (r, d) = &mut b.out[i];
                        (Some(r), d)
                    }
                    _ => (None, &mut out),
                };
                model.reset_reached_out();
                let mut cx = Ctx {
                    src,
                    model,
                    options,
                    lines,
                    rule,
                    out: sink,
                };
                (rule.check)(
                    &mut cx,
                    &Match {
                        captures: &captures,
                        names,
                    },
                );
                if model.reached_out() {
                    any_reached_out = true;
                    if let Some(r) = reusable {
                        *r = false;
                    }
                }
            }
        }
    }
    (out, any_reached_out)
}

#[cfg(test)]
mod tests {
    /// A rule that reads `model.root` or `model.funcs` itself may depend on any function
    /// body without `Model::reached_out` knowing: rules use `file_root()` and `func()`.
    #[test]
    fn rules_read_the_whole_file_only_through_the_model() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
        let mut checked = 0;
        for family in std::fs::read_dir(&dir).expect("rules dir").flatten() {
            for file in std::fs::read_dir(family.path())
                .into_iter()
                .flatten()
                .flatten()
            {
                let path = file.path();
                if path.extension().is_none_or(|e| e != "rs") {
                    continue;
                }
                let src = std::fs::read_to_string(&path).expect("rule source");
                let Some(name) = src
                    .split("name: \"")
                    .nth(1)
                    .and_then(|r| r.split('"').next())
                else {
                    continue;
                };
                checked += 1;
                assert!(
                    !src.contains("model.root") && !src.contains("model.funcs"),
                    "{name}: use `model.file_root()` / `model.func()` instead"
                );
            }
        }
        assert!(checked >= 24, "rules found: {checked}");
    }
}
