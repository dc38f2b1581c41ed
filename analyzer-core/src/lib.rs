//! # analyzer-core
//!
//! Go source in, pitfall diagnostics out. Parses Go with tree-sitter, builds a file-local
//! semantic model (imports, scopes, evident types), and runs rules over it.
//!
//! ## Architecture invariants
//! - **Analysis never fails.** [`analyze`] never panics and never returns an error: syntax
//!   errors are diagnostics (`GP0001`) and the rules still run on the parts that parsed;
//!   input that is too large (`GP0002`), too deeply nested (`GP0003`) or not UTF-8
//!   (`GP0004`) gets a diagnostic that says so.
//! - **Bounded on any input.** Nothing recurses on the tree (wasm's stack is small); the
//!   parser runs with a work budget; nesting and size are checked before parsing.
//! - **No I/O, no browser, no clock.** The same input gives the same output natively and in
//!   wasm. Timing is the caller's business.
//! - **Rules read syntax and the model, never raw text.** A rule's `.scm` query finds
//!   candidates; its Rust code refines them with the model.
//! - **The tree is walked once.** The model's walk indexes every node (pre-order, depth,
//!   parent); rules walk and climb that index ([`model::Model::walk`],
//!   [`model::Model::parent`]) and the combined query starts only at nodes whose kind begins
//!   a pattern. Tree cursors and `Node::parent` are the fallback for files too large to
//!   index.
//! - **A check looks beyond its function only through the model** (`func`, `method`, `uses`
//!   of a package-level name, `file_root`), which notes it: after an edit inside one function
//!   body, [`Document`] re-uses the other bodies' diagnostics unless their checks did so.

pub mod diagnostic;
mod engine;
pub mod grade;
mod lines;
pub mod model;
pub mod options;
pub mod render;
pub mod rules;
pub mod syntax;

pub use diagnostic::{
    Category, Diagnostic, Fix, Lang, Position, Related, Safety, Severity, Span, TextEdit,
};
pub use engine::{MAX_BYTES, MAX_NESTING, compile_rule_query};
pub use lines::LineIndex;
pub use options::{GoVersion, Options};
pub use rules::Rule;

use crate::syntax::KindStr as _;
use engine::Refusal;
use tree_sitter::{InputEdit, Parser, Point, Tree};

/// The result of analysing one file.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Analysis {
    /// Sorted by position, then code.
    pub diagnostics: Vec<Diagnostic>,
    /// True if the source had syntax errors (rules ran on what parsed).
    pub has_syntax_errors: bool,
    /// True if the input was refused or the parse was abandoned; no rules ran.
    pub incomplete: bool,
    pub lines: usize,
}

impl Analysis {
    pub fn codes(&self) -> Vec<&'static str> {
        self.diagnostics.iter().map(|d| d.code).collect()
    }
}

/// Every rule, ordered by code.
pub fn rules() -> &'static [&'static Rule] {
    &engine::engine().rules
}

/// The rule with this code (`GP1001`) or name (`ticker-not-stopped`), case-insensitive.
pub fn rule(code_or_name: &str) -> Option<&'static Rule> {
    rules().iter().copied().find(|r| {
        r.code.eq_ignore_ascii_case(code_or_name) || r.name.eq_ignore_ascii_case(code_or_name)
    })
}

/// Analyses one Go file. Never panics, never fails; see the crate invariants.
pub fn analyze(source: &str, options: &Options) -> Analysis {
    thread_local! {
        // Creating a parser (and setting its language) costs about as much as parsing a
        // small snippet.
        static PARSER: std::cell::RefCell<Parser> = std::cell::RefCell::new(engine::new_parser());
    }
    PARSER.with(|p| match p.try_borrow_mut() {
        Ok(mut parser) => analyze_with(&mut parser, None, source, options, None).0,
        Err(_) => analyze_with(&mut engine::new_parser(), None, source, options, None).0,
    })
}

/// Analyses bytes that may not be UTF-8 (a file from disk, a paste). Invalid sequences are
/// replaced and reported once as `GP0004`; positions refer to the replaced text.
pub fn analyze_bytes(bytes: &[u8], options: &Options) -> Analysis {
    match std::str::from_utf8(bytes) {
        Ok(s) => analyze(s, options),
        Err(e) => {
            let text = String::from_utf8_lossy(bytes);
            let mut a = analyze(&text, options);
            let lines = LineIndex::new(&text);
            let at = e.valid_up_to();
            a.diagnostics.insert(
                0,
                engine::input_diagnostic(
                    &lines,
                    "GP0004",
                    "invalid-utf8",
                    at,
                    at,
                    "the file is not valid UTF-8; invalid bytes were replaced with U+FFFD".into(),
                    "文件不是合法的 UTF-8，非法字节已替换为 U+FFFD".into(),
                ),
            );
            a
        }
    }
}

/// `cache`: the previous analysis's per-body diagnostics (see [`BodyCache`]), replaced by
/// this one's.
fn analyze_with(
    parser: &mut Parser,
    old: Option<&Tree>,
    source: &str,
    options: &Options,
    cache: Option<&mut Option<BodyCache>>,
) -> (Analysis, Option<Tree>) {
    let prev = cache.as_ref().map(|c| c.as_ref());
    let (analysis, tree, bodies) = analyze_cached(parser, old, source, options, prev);
    if let Some(c) = cache {
        // Without a fresh analysis (a refusal) there is nothing to re-use next time.
        *c = bodies;
    }
    (analysis, tree)
}

fn analyze_cached(
    parser: &mut Parser,
    old: Option<&Tree>,
    source: &str,
    options: &Options,
    prev: Option<Option<&BodyCache>>,
) -> (Analysis, Option<Tree>, Option<BodyCache>) {
    let lines = LineIndex::new(source);
    let mut analysis = Analysis {
        lines: lines.line_count(),
        ..Analysis::default()
    };
    if let Some(refusal) = engine::refuse(source) {
        let (code, rule, en, zh) = match refusal {
            Refusal::TooLarge(n) => (
                "GP0002",
                "input-too-large",
                format!(
                    "the file is too large to analyse ({n} bytes; the limit is {} bytes)",
                    engine::MAX_BYTES
                ),
                format!(
                    "文件过大，无法分析（{n} 字节，上限 {} 字节）",
                    engine::MAX_BYTES
                ),
            ),
            Refusal::TooDeep(d) => (
                "GP0003",
                "input-too-deeply-nested",
                format!(
                    "brackets are nested {d} deep; the limit is {}",
                    engine::MAX_NESTING
                ),
                format!("括号嵌套深度为 {d}，超过上限 {}", engine::MAX_NESTING),
            ),
        };
        analysis.incomplete = true;
        analysis
            .diagnostics
            .push(engine::input_diagnostic(&lines, code, rule, 0, 0, en, zh));
        return (analysis, None, None);
    }
    // Error recovery after an incremental parse can differ from a fresh parse of the same
    // text; while the code has syntax errors, parse afresh so the result never depends on
    // the edit history.
    let tree = engine::parse(parser, source, old).and_then(|t| match old {
        Some(_) if t.root_node().has_error() => engine::parse(parser, source, None),
        _ => Some(t),
    });
    let Some(tree) = tree else {
        analysis.incomplete = true;
        analysis.diagnostics.push(engine::input_diagnostic(
            &lines,
            "GP0002",
            "input-too-large",
            0,
            0,
            "the input is too complex to parse within the analysis budget".into(),
            "输入过于复杂，超出分析预算，无法解析".into(),
        ));
        return (analysis, None, None);
    };
    let root = tree.root_node();
    let mut diags = engine::syntax_errors(root, source, &lines);
    analysis.has_syntax_errors = !diags.is_empty();
    let mut cached = None;
    match prev {
        // How a tree with errors looks depends on how it was parsed (error recovery,
        // incremental or not): check everything and re-use nothing next time.
        Some(_) if root.has_error() => {
            diags.extend(engine::run_rules(&tree, source, options, &lines, None));
        }
        None => diags.extend(engine::run_rules(&tree, source, options, &lines, None)),
        Some(prev) => {
            let (ranges, params) = body_ranges(root);
            let (skip, reused) = match prev {
                Some(p) => plan_reuse(p, source, &ranges, &params, &lines),
                None => (vec![false; ranges.len()], vec![Vec::new(); ranges.len()]),
            };
            let mut bodies = engine::Bodies {
                ranges: &ranges,
                skip: &skip,
                out: Vec::new(),
            };
            diags.extend(engine::run_rules(
                &tree,
                source,
                options,
                &lines,
                Some(&mut bodies),
            ));
            let mut keep = Vec::with_capacity(ranges.len());
            for (i, ((fresh_ok, fresh), old)) in bodies.out.into_iter().zip(reused).enumerate() {
                let (reusable, body_diags) = if skip[i] {
                    (true, old)
                } else {
                    (fresh_ok, fresh)
                };
                diags.extend(body_diags.iter().cloned());
                keep.push(CachedBody {
                    range: ranges[i],
                    params: params[i],
                    reusable,
                    diags: body_diags,
                });
            }
            cached = Some(BodyCache {
                text: source.to_string(),
                bodies: keep,
                reused: skip.iter().filter(|&&s| s).count(),
            });
        }
    }
    // Ties broken by the message too, so that the order in which rules ran (which differs
    // when diagnostics are re-used) cannot change which duplicate is kept.
    diags.sort_by(|a, b| {
        (a.span.start_byte, a.code, a.span.end_byte, &a.message_en).cmp(&(
            b.span.start_byte,
            b.code,
            b.span.end_byte,
            &b.message_en,
        ))
    });
    diags.dedup_by(|a, b| a.code == b.code && a.span == b.span);
    analysis.diagnostics = diags;
    (analysis, Some(tree), cached)
}

/// What a [`Document`] keeps of its last analysis: most rules only look at one function
/// (and the file's declarations), so after an edit inside one function body the
/// diagnostics of the other bodies still hold.
struct BodyCache {
    /// The analysed text.
    text: String,
    bodies: Vec<CachedBody>,
    /// How many bodies this analysis did not check again.
    reused: usize,
}

struct CachedBody {
    range: (usize, usize),
    /// Its function's parameter list.
    params: (usize, usize),
    /// Its diagnostics depend on nothing but this body and the text outside all bodies.
    reusable: bool,
    /// Diagnostics of the matches inside the body (not yet sorted or deduplicated).
    diags: Vec<Diagnostic>,
}

/// A byte range, start and end.
type Range = (usize, usize);

/// Byte ranges of the bodies of top-level functions and methods, in order, and of each
/// one's parameter list (`(0, 0)` if it has none).
fn body_ranges(root: tree_sitter::Node<'_>) -> (Vec<Range>, Vec<Range>) {
    let f = syntax::fields();
    syntax::named_children(root)
        .into_iter()
        .filter(|n| matches!(n.kind_str(), "function_declaration" | "method_declaration"))
        .filter_map(|n| {
            let b = n.child_by_field_id(f.body)?;
            let p = n
                .child_by_field_id(f.parameters)
                .map_or((0, 0), |p| (p.start_byte(), p.end_byte()));
            Some(((b.start_byte(), b.end_byte()), p))
        })
        .unzip()
}

/// Which bodies need no new check, and their earlier diagnostics moved to the new text.
/// Re-use needs the text outside bodies to be unchanged (imports, types, signatures,
/// package-level names: what a check may read besides its own body), the body's own text
/// unchanged, and every position its diagnostics mention on the same line as before
/// (messages may quote line numbers). One exception: a change strictly inside a function's
/// parameter list. Parameters are scoped to their function, and other functions read them
/// only through `Model::func`/`method`, which marks their checks as reaching out (never
/// re-used); so only that function is checked again.
fn plan_reuse(
    prev: &BodyCache,
    src: &str,
    ranges: &[(usize, usize)],
    params: &[(usize, usize)],
    lines: &LineIndex<'_>,
) -> (Vec<bool>, Vec<Vec<Diagnostic>>) {
    let n = ranges.len();
    let nothing = (vec![false; n], vec![Vec::new(); n]);
    let old = prev.text.as_str();
    if prev.bodies.len() != n {
        return nothing;
    }
    // The text between bodies (and before the first, after the last).
    let gaps = |text: &str, bodies: &mut dyn Iterator<Item = (usize, usize)>| {
        let mut from = 0;
        let mut out: Vec<(usize, usize)> = bodies
            .map(|(s, e)| (std::mem::replace(&mut from, e), s))
            .collect();
        out.push((from, text.len()));
        out
    };
    let old_gaps = gaps(old, &mut prev.bodies.iter().map(|b| b.range));
    let new_gaps = gaps(src, &mut ranges.iter().copied());
    // Per gap: the old byte range of its change (gap `i` holds the header of function `i`).
    let mut changed: Vec<Option<(usize, usize)>> = vec![None; new_gaps.len()];
    for (i, (o, g)) in old_gaps.iter().zip(&new_gaps).enumerate() {
        let (Some(a), Some(b)) = (old.get(o.0..o.1), src.get(g.0..g.1)) else {
            return nothing;
        };
        if a == b {
            continue;
        }
        let (a, b) = (a.as_bytes(), b.as_bytes());
        let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        let suf = a[pre..]
            .iter()
            .rev()
            .zip(b[pre..].iter().rev())
            .take_while(|(x, y)| x == y)
            .count();
        // Strictly between the parentheses of function `i`'s parameter list, the same two
        // parentheses before and after (so the results and all else are the same text).
        let (from, to) = (g.0 + pre, g.1 - suf);
        let (old_from, old_to) = (o.0 + pre, o.1 - suf);
        let (Some(&(ps, pe)), Some(&(ops, ope))) =
            (params.get(i), prev.bodies.get(i).map(|b| &b.params))
        else {
            return nothing;
        };
        let inside = ps < from && to < pe && ops < old_from && old_to < ope;
        if !inside || from - ps != old_from - ops || pe - to != ope - old_to {
            return nothing;
        }
        changed[i] = Some((old_from, old_to));
    }
    let same: Vec<bool> = prev
        .bodies
        .iter()
        .zip(ranges)
        .map(|(b, r)| old.get(b.range.0..b.range.1) == src.get(r.0..r.1))
        .collect();
    // An old byte offset in the new text; `None` inside a changed body or parameter list.
    let map = |p: usize| -> Option<usize> {
        let k = prev
            .bodies
            .partition_point(|b| b.range.0 <= p)
            .checked_sub(1);
        // In a gap: mapped from its start before the change, from its end after it.
        let in_gap = |gap: usize, from_start: usize| match changed[gap] {
            Some((a, _)) if p < a => Some(from_start),
            Some((_, b)) if p >= b => Some(p - old_gaps[gap].1 + new_gaps[gap].1),
            Some(_) => None,
            None => Some(from_start),
        };
        let Some(k) = k else {
            return in_gap(0, p);
        };
        let ((os, oe), (ns, ne)) = (prev.bodies[k].range, ranges[k]);
        if p > oe {
            in_gap(k + 1, p - oe + ne)
        } else if same[k] || p == os {
            Some(p - os + ns)
        } else if p == oe {
            Some(ne)
        } else {
            None
        }
    };
    let moved = |s: &Span| -> Option<Span> {
        let t = lines.span(map(s.start_byte)?, map(s.end_byte)?);
        (t.start.line == s.start.line && t.end.line == s.end.line).then_some(t)
    };
    let mut skip = vec![false; n];
    let mut reused = vec![Vec::new(); n];
    for i in 0..n {
        if !same[i] || !prev.bodies[i].reusable || changed[i].is_some() {
            continue;
        }
        let mut out = Vec::with_capacity(prev.bodies[i].diags.len());
        let ok = prev.bodies[i].diags.iter().all(|d| {
            let mut d = d.clone();
            let Some(span) = moved(&d.span) else {
                return false;
            };
            d.span = span;
            for r in &mut d.related {
                let Some(span) = moved(&r.span) else {
                    return false;
                };
                r.span = span;
            }
            for e in d.fixes.iter_mut().flat_map(|f| f.edits.iter_mut()) {
                let Some(span) = moved(&e.span) else {
                    return false;
                };
                e.span = span;
            }
            out.push(d);
            true
        });
        if ok {
            skip[i] = true;
            reused[i] = out;
        }
    }
    (skip, reused)
}

/// An editor's document: keeps the syntax tree between edits so that re-analysis after a
/// keystroke re-parses incrementally.
pub struct Document {
    parser: Parser,
    text: String,
    tree: Option<Tree>,
    options: Options,
    last: Analysis,
    bodies: Option<BodyCache>,
}

impl Document {
    pub fn new(text: &str, options: Options) -> Document {
        let mut parser = engine::new_parser();
        let mut bodies = None;
        let (last, tree) = analyze_with(&mut parser, None, text, &options, Some(&mut bodies));
        Document {
            parser,
            text: text.to_string(),
            tree,
            options,
            last,
            bodies,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn analysis(&self) -> &Analysis {
        &self.last
    }

    /// The tree of the current text, if it was parsed (grading re-uses it).
    pub(crate) fn tree(&self) -> Option<&Tree> {
        self.tree.as_ref()
    }

    /// How many function bodies the last analysis re-used instead of checking them again
    /// (for tests and benchmarks).
    #[doc(hidden)]
    pub fn reused_bodies(&self) -> usize {
        self.bodies.as_ref().map_or(0, |b| b.reused)
    }

    pub fn set_options(&mut self, options: Options) {
        self.options = options;
        self.bodies = None;
        self.reanalyze(None);
    }

    /// Replaces the whole text. The changed region is found by comparing the old and new
    /// text, so the tree is still re-used.
    pub fn set_text(&mut self, new_text: &str) -> &Analysis {
        if new_text == self.text {
            return &self.last;
        }
        let old = self.text.as_bytes();
        let new = new_text.as_bytes();
        let mut prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
        while !new_text.is_char_boundary(prefix) || !self.text.is_char_boundary(prefix) {
            prefix -= 1;
        }
        let max_suffix = old.len().min(new.len()) - prefix;
        let mut suffix = old
            .iter()
            .rev()
            .zip(new.iter().rev())
            .take(max_suffix)
            .take_while(|(a, b)| a == b)
            .count();
        while !new_text.is_char_boundary(new.len() - suffix)
            || !self.text.is_char_boundary(old.len() - suffix)
        {
            suffix -= 1;
        }
        let start = prefix;
        let old_end = old.len() - suffix;
        let new_end = new.len() - suffix;
        self.edit(start, old_end, &new_text[start..new_end])
    }

    /// Replaces bytes `start..old_end` with `inserted` and re-analyses incrementally.
    /// Offsets inside a character are widened to whole characters.
    pub fn edit(&mut self, start: usize, old_end: usize, inserted: &str) -> &Analysis {
        let mut start = start.min(self.text.len());
        let mut old_end = old_end.clamp(start, self.text.len());
        if !self.text.is_char_boundary(start) || !self.text.is_char_boundary(old_end) {
            // The caller's idea of the text differs from ours; the tree's positions cannot
            // be trusted to match the edit, so parse the new text from scratch.
            while !self.text.is_char_boundary(start) {
                start -= 1;
            }
            while !self.text.is_char_boundary(old_end) {
                old_end += 1;
            }
            self.text.replace_range(start..old_end, inserted);
            self.reanalyze(None);
            return &self.last;
        }
        let start_pos = point_of(&self.text, start);
        let old_end_pos = point_of(&self.text, old_end);
        self.text.replace_range(start..old_end, inserted);
        let new_end = start + inserted.len();
        let new_end_pos = point_of(&self.text, new_end);
        let edit = InputEdit {
            start_byte: start,
            old_end_byte: old_end,
            new_end_byte: new_end,
            start_position: start_pos,
            old_end_position: old_end_pos,
            new_end_position: new_end_pos,
        };
        let old_tree = self.tree.take().map(|mut t| {
            t.edit(&edit);
            t
        });
        self.reanalyze(old_tree);
        &self.last
    }

    fn reanalyze(&mut self, old_tree: Option<Tree>) {
        let (analysis, tree) = analyze_with(
            &mut self.parser,
            old_tree.as_ref(),
            &self.text,
            &self.options,
            Some(&mut self.bodies),
        );
        self.last = analysis;
        self.tree = tree;
    }
}

fn point_of(text: &str, byte: usize) -> Point {
    let before = &text[..byte];
    let row = before.bytes().filter(|&b| b == b'\n').count();
    let col = byte - before.rfind('\n').map_or(0, |i| i + 1);
    Point { row, column: col }
}
