//! The three output formats. Text uses analyzer-core's code frames; JSON is a flat array of
//! findings; SARIF 2.1.0 is what GitHub code scanning accepts.

use analyzer_core::{Diagnostic, Lang, Severity};
use serde_json::{Value, json};

/// One analysed file's findings, ready for output.
pub struct FileReport {
    /// The path as shown to the user (relative when the input was).
    pub display: String,
    pub diagnostics: Vec<Diagnostic>,
    /// Code frames, rendered by the worker (text format only).
    pub frames: Option<String>,
}

pub fn json(reports: &[FileReport]) -> String {
    let items: Vec<Value> = reports
        .iter()
        .flat_map(|r| {
            r.diagnostics.iter().map(move |d| {
                json!({
                    "file": r.display,
                    "code": d.code,
                    "rule": d.rule,
                    "severity": d.severity.as_str(),
                    "category": d.category.as_str(),
                    "line": d.span.start.line,
                    "column": d.span.start.column,
                    "end_line": d.span.end.line,
                    "end_column": d.span.end.column,
                    "message": d.message_en,
                    "message_zh": d.message_zh,
                })
            })
        })
        .collect();
    serde_json::to_string_pretty(&Value::Array(items)).unwrap_or_else(|_| "[]".into())
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// A relative URI reference for a path: forward slashes, spaces and `%` escaped.
fn uri(path: &str) -> String {
    let mut out = String::new();
    for c in path.chars() {
        match c {
            '\\' => out.push('/'),
            ' ' => out.push_str("%20"),
            '%' => out.push_str("%25"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            c => out.push(c),
        }
    }
    out.trim_start_matches("./").to_string()
}

pub fn sarif(reports: &[FileReport], docs_base: &str, lang: Lang) -> String {
    let all = analyzer_core::rules();
    let rules: Vec<Value> = all
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": { "text": r.title(lang) },
                "helpUri": format!("{docs_base}#/rules/{}", r.code),
                "help": { "text": r.docs(lang), "markdown": r.docs(lang) },
                "defaultConfiguration": { "level": level(r.severity) },
                "properties": { "category": r.category.as_str() },
            })
        })
        .collect();
    let results: Vec<Value> = reports
        .iter()
        .flat_map(|r| {
            r.diagnostics.iter().map(move |d| {
                let mut res = json!({
                    "ruleId": d.code,
                    "level": level(d.severity),
                    "message": { "text": d.message(lang) },
                    "locations": [{
                        "physicalLocation": {
                            "artifactLocation": { "uri": uri(&r.display) },
                            "region": {
                                "startLine": d.span.start.line,
                                "startColumn": d.span.start.column,
                                "endLine": d.span.end.line,
                                "endColumn": d.span.end.column,
                            }
                        }
                    }],
                });
                if let Some(i) = all.iter().position(|x| x.code == d.code) {
                    res["ruleIndex"] = json!(i);
                }
                if !d.related.is_empty() {
                    res["relatedLocations"] = d
                        .related
                        .iter()
                        .enumerate()
                        .map(|(i, rel)| {
                            json!({
                                "id": i,
                                "message": { "text": match lang { Lang::En => &rel.label_en, Lang::Zh => &rel.label_zh } },
                                "physicalLocation": {
                                    "artifactLocation": { "uri": uri(&r.display) },
                                    "region": {
                                        "startLine": rel.span.start.line,
                                        "startColumn": rel.span.start.column,
                                        "endLine": rel.span.end.line,
                                        "endColumn": rel.span.end.column,
                                    }
                                }
                            })
                        })
                        .collect();
                }
                res
            })
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "gopitfall",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            // Columns count Unicode scalar values, not the SARIF default of UTF-16 units.
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut doc = doc;
    if docs_base.starts_with("http") {
        doc["runs"][0]["tool"]["driver"]["informationUri"] = json!(docs_base);
    }
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}
