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
    queries: Vec<Compiled>,
}

pub(crate) struct Compiled {
    query: Query,
    /// The owner rule (index into `Engine::rules`) of each pattern.
    owners: Vec<usize>,
    /// By kind id: can a match start at a node of this kind? `None` when some pattern's
    /// first node is not one plain kind (a wildcard, an alternation, a supertype): then
    /// the query runs over the whole tree.
    roots: Option<Vec<bool>>,
}

/// The kinds that start the patterns of `query` (compiled from `text`), by kind id.
fn root_kinds(lang: &Language, query: &Query, text: &str) -> Option<Vec<bool>> {
    let mut roots = vec![false; lang.node_kind_count()];
    for p in 0..query.pattern_count() {
        // `(kind ...`, or `((kind ...) (#pred ...))`.
        let rest = text.get(query.start_byte_for_pattern(p)..)?;
        let rest = rest.trim_start_matches(|c: char| c == '(' || c.is_whitespace());
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let (kind, after) = rest.split_at(end);
        if kind.is_empty() || kind == "_" || after.starts_with('/') {
            return None;
        }
        let id = lang.id_for_node_kind(kind, true);
        if id == 0 || lang.node_kind_is_supertype(id) {
            return None;
        }
        *roots.get_mut(usize::from(id))? = true;
    }
    Some(roots)
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

/// One query for the rules `which` (indices into `rules`), run once per analysis instead of
/// once per rule. Returns the query, the owner rule of each pattern and the kinds that can
/// start a match.
fn combine(lang: &Language, rules: &[&Rule], which: &[usize]) -> Vec<Compiled> {
    let mut combined = String::new();
    let mut starts = Vec::new();
    for &i in which {
        starts.push(combined.len());
        combined.push_str(rules[i].query);
        combined.push('\n');
    }
    match Query::new(lang, &combined) {
        Ok(query) => {
            let owners = (0..query.pattern_count())
                .map(|p| {
                    which[starts.partition_point(|&s| s <= query.start_byte_for_pattern(p)) - 1]
                })
                .collect();
            let roots = root_kinds(lang, &query, &combined);
            vec![Compiled {
                query,
                owners,
                roots,
            }]
        }
        // A broken query must not take the others down; tests catch it.
        Err(_) => which
            .iter()
            .filter_map(|&i| {
                let query = Query::new(lang, rules[i].query).ok()?;
                let roots = root_kinds(lang, &query, rules[i].query);
                Some(Compiled {
                    owners: vec![i; query.pattern_count()],
                    query,
                    roots,
                })
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

/// Where a query runs: each node of the model's pre-order index that can start a match
/// (`true`: matches start at that node only), or the plan's subtrees and byte ranges.
fn runs<'t>(
    compiled: &Compiled,
    model: &Model<'t>,
    plan: &[(Node<'t>, std::ops::Range<usize>)],
) -> Vec<(Node<'t>, std::ops::Range<usize>, bool)> {
    if let (Some(roots), Some(nodes)) = (&compiled.roots, model.preorder_nodes()) {
        return nodes
            .filter(|n| {
                roots
                    .get(usize::from(n.kind_id()))
                    .copied()
                    .unwrap_or(false)
            })
            .map(|n| (n, 0..usize::MAX, true))
            .collect();
    }
    plan.iter()
        .filter(|(_, r)| !r.is_empty())
        .map(|(n, r)| (*n, r.clone(), false))
        .collect()
}

/// Where the query runs when the model has no node index (a file too large to index, see
/// `runs`): the whole tree, or with re-used bodies, each top-level declaration on its own,
/// re-used bodies left out. (One pass from the root with a byte range per gap would step
/// over every declaration for each range.)
fn whole_tree_plan<'t>(
    root: Node<'t>,
    src: &str,
    reusing: bool,
    b_ranges: &[(usize, usize)],
    b_skip: &[bool],
) -> Vec<(Node<'t>, std::ops::Range<usize>)> {
    if !reusing {
        return vec![(root, 0..src.len())];
    }
    let mut plan = Vec::new();
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
                (b_ranges.get(i) == Some(&(b.start_byte(), b.end_byte())) && b_skip[i]).then_some(b)
            });
        match body {
            Some(b) => plan.push((item, item.start_byte()..b.start_byte())),
            None => plan.push((item, item.start_byte()..item.end_byte())),
        }
    }
    plan
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
    // Only needed when some query cannot start at candidate nodes (see `runs`).
    let plan =
        if model.preorder_nodes().is_none() || engine.queries.iter().any(|c| c.roots.is_none()) {
            whole_tree_plan(root, src, bodies.is_some(), b_ranges, b_skip)
        } else {
            Vec::new()
        };
    let mut cursor = QueryCursor::new();
    let mut captures: Vec<(u32, Node<'_>)> = Vec::new();
    for compiled in &engine.queries {
        let (query, owners) = (&compiled.query, &compiled.owners);
        let names = query.capture_names();
        for (node, range, rooted) in runs(compiled, model, &plan) {
            // A candidate node: only matches that start at it, and no deeper than the
            // patterns reach (one cursor over the whole tree costs more than all of them).
            cursor.set_max_start_depth(rooted.then_some(0));
            cursor.set_byte_range(range);
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
    use super::*;

    /// Every match, as (pattern, captured node ids).
    fn matches_of(
        cursor: &mut QueryCursor,
        query: &Query,
        runs: &[(Node<'_>, std::ops::Range<usize>, bool)],
        src: &str,
    ) -> Vec<(usize, Vec<usize>)> {
        let mut out = Vec::new();
        for (node, range, rooted) in runs {
            cursor.set_max_start_depth(rooted.then_some(0));
            cursor.set_byte_range(range.clone());
            let mut it = cursor.matches(query, *node, src.as_bytes());
            while let Some(m) = it.next() {
                out.push((
                    m.pattern_index,
                    m.captures().iter().map(|c| c.node.id()).collect(),
                ));
            }
        }
        out.sort();
        out
    }

    /// Matches started at the model's candidate nodes are exactly the matches of one
    /// cursor over the whole tree, on every fixture and on broken code.
    #[test]
    fn candidate_runs_find_every_match() {
        let engine = engine();
        assert!(
            engine.queries.iter().all(|c| c.roots.is_some()),
            "every pattern starts with one plain kind"
        );
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut sources = vec![
            include_str!("../tests/parity/bench_snippet.go").to_string(),
            "package p\nfunc f() { go func() { x <- (1 + }( ; if { close(c) }\nfunc g(".into(),
        ];
        for rule in std::fs::read_dir(dir).expect("fixtures").flatten() {
            for file in std::fs::read_dir(rule.path())
                .into_iter()
                .flatten()
                .flatten()
            {
                sources.push(std::fs::read_to_string(file.path()).expect("fixture"));
            }
        }
        let mut parser = new_parser();
        let mut cursor = QueryCursor::new();
        let mut total = 0;
        for src in &sources {
            let tree = parser.parse(src, None).expect("parsed");
            let model = Model::build(tree.root_node(), src);
            let whole = [(tree.root_node(), 0..src.len())];
            for compiled in &engine.queries {
                let by_candidates = runs(compiled, &model, &whole);
                assert!(by_candidates.iter().all(|r| r.2));
                let everywhere = [(tree.root_node(), 0..src.len(), false)];
                let a = matches_of(&mut cursor, &compiled.query, &everywhere, src);
                let b = matches_of(&mut cursor, &compiled.query, &by_candidates, src);
                assert_eq!(a, b);
                total += a.len();
            }
        }
        assert!(total > 1000, "matches compared: {total}");
    }

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
