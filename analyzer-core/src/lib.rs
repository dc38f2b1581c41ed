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
    let mut parser = engine::new_parser();
    analyze_with(&mut parser, None, source, options).0
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

fn analyze_with(
    parser: &mut Parser,
    old: Option<&Tree>,
    source: &str,
    options: &Options,
) -> (Analysis, Option<Tree>) {
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
        return (analysis, None);
    }
    let Some(tree) = engine::parse(parser, source, old) else {
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
        return (analysis, None);
    };
    let root = tree.root_node();
    let mut diags = engine::syntax_errors(root, source, &lines);
    analysis.has_syntax_errors = !diags.is_empty();
    diags.extend(engine::run_rules(&tree, source, options, &lines));
    diags.sort_by(|a, b| {
        (a.span.start_byte, a.code, a.span.end_byte).cmp(&(
            b.span.start_byte,
            b.code,
            b.span.end_byte,
        ))
    });
    diags.dedup_by(|a, b| a.code == b.code && a.span == b.span);
    analysis.diagnostics = diags;
    (analysis, Some(tree))
}

/// An editor's document: keeps the syntax tree between edits so that re-analysis after a
/// keystroke re-parses incrementally.
pub struct Document {
    parser: Parser,
    text: String,
    tree: Option<Tree>,
    options: Options,
    last: Analysis,
}

impl Document {
    pub fn new(text: &str, options: Options) -> Document {
        let mut parser = engine::new_parser();
        let (last, tree) = analyze_with(&mut parser, None, text, &options);
        Document {
            parser,
            text: text.to_string(),
            tree,
            options,
            last,
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

    pub fn set_options(&mut self, options: Options) {
        self.options = options;
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
    pub fn edit(&mut self, start: usize, old_end: usize, inserted: &str) -> &Analysis {
        let start = start.min(self.text.len());
        let old_end = old_end.clamp(start, self.text.len());
        if !self.text.is_char_boundary(start) || !self.text.is_char_boundary(old_end) {
            // Not a valid edit of this text; fall back to a full parse of the new text.
            self.tree = None;
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
