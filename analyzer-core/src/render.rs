//! Diagnostics as code frames: `path:line:col CODE message`, the source line, a caret line.
//! Used by snapshot tests and by the CLI's text format.

use crate::{Diagnostic, Lang, LineIndex};
use std::fmt::Write;

pub fn code_frames(path: &str, src: &str, diags: &[Diagnostic], lang: Lang) -> String {
    let lines = LineIndex::new(src);
    let mut out = String::new();
    for d in diags {
        let _ = writeln!(
            out,
            "{path}:{}:{} {} [{}] {}",
            d.span.start.line,
            d.span.start.column,
            d.code,
            d.rule,
            d.message(lang)
        );
        frame(
            &mut out,
            &lines,
            d.span.start.line,
            d.span.start.column,
            d.span.end.line,
            d.span.end.column,
        );
        for r in &d.related {
            let label = match lang {
                Lang::En => &r.label_en,
                Lang::Zh => &r.label_zh,
            };
            let _ = writeln!(
                out,
                "  = {}:{}: {label}",
                r.span.start.line, r.span.start.column
            );
        }
        for f in &d.fixes {
            let title = match lang {
                Lang::En => &f.title_en,
                Lang::Zh => &f.title_zh,
            };
            let _ = writeln!(out, "  fix ({:?}): {title}", f.safety);
        }
    }
    out
}

fn frame(
    out: &mut String,
    lines: &LineIndex<'_>,
    line: u32,
    col: u32,
    end_line: u32,
    end_col: u32,
) {
    let text = lines.line_text(line as usize);
    let _ = writeln!(out, "{line:>5} | {}", text.replace('\t', "    "));
    // Tabs are shown as four spaces; the caret follows.
    let prefix: String = text.chars().take(col.saturating_sub(1) as usize).collect();
    let pad = prefix
        .chars()
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum::<usize>();
    let width = if end_line == line {
        (end_col.saturating_sub(col) as usize).max(1)
    } else {
        text.chars().count().saturating_sub(col as usize - 1).max(1)
    };
    let _ = writeln!(out, "      | {}{}", " ".repeat(pad), "^".repeat(width));
}
