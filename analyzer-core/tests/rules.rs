//! Data-driven rule tests. For every rule in the registry:
//! - its fixtures exist (`fixtures/<rule-name>/{invalid,valid}.go`), parse cleanly, and the
//!   rule reports exactly the lines annotated `// want "CODE"` in invalid.go (at least 4)
//!   and nothing in valid.go (at least 4 near-miss functions);
//! - its docs exist in both languages with the required headings, and every `go bad`
//!   example yields exactly one diagnostic of the rule, every `go good` example none;
//! - its query compiles on its own against the pinned grammar;
//! - insta snapshots of the rendered code frames make the whole output reviewable.

use analyzer_core::{GoVersion, Lang, Options, analyze, render, rules};
use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;

/// `GP_RULES=GP1,GP20` limits these tests to rules whose code starts with one of the prefixes.
fn selected() -> Vec<&'static analyzer_core::Rule> {
    let filter = std::env::var("GP_RULES").unwrap_or_default();
    let prefixes: Vec<&str> = filter
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    rules()
        .iter()
        .copied()
        .filter(|r| prefixes.is_empty() || prefixes.iter().any(|p| r.code.starts_with(p)))
        .collect()
}

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn options_for(src: &str) -> Options {
    let go = src
        .lines()
        .take(3)
        .find_map(|l| l.trim().strip_prefix("//go-version:"))
        .and_then(GoVersion::parse)
        .unwrap_or_default();
    Options::with_go(go)
}

fn wants(src: &str) -> BTreeSet<(u32, String)> {
    let mut out = BTreeSet::new();
    for (i, line) in src.lines().enumerate() {
        if let Some(pos) = line.find("// want ") {
            for code in line[pos + 8..].split('"').filter(|s| s.starts_with("GP")) {
                out.insert((i as u32 + 1, code.to_string()));
            }
        }
    }
    out
}

#[test]
fn every_rule_has_fixtures_that_match_its_annotations() {
    let mut failures = Vec::new();
    let mut snapshots = Vec::new();
    for rule in selected() {
        let dir = fixtures_dir().join(rule.name);
        let (Ok(invalid), Ok(valid)) = (
            std::fs::read_to_string(dir.join("invalid.go")),
            std::fs::read_to_string(dir.join("valid.go")),
        ) else {
            failures.push(format!(
                "{}: missing fixtures in {}",
                rule.code,
                dir.display()
            ));
            continue;
        };
        for (name, src) in [("invalid.go", &invalid), ("valid.go", &valid)] {
            let a = analyze(src, &options_for(src));
            if a.has_syntax_errors {
                failures.push(format!(
                    "{}/{name}: syntax errors: {:?}",
                    rule.name,
                    a.codes()
                ));
            }
            let got: BTreeSet<(u32, String)> = a
                .diagnostics
                .iter()
                .filter(|d| d.code == rule.code)
                .map(|d| (d.span.start.line, d.code.to_string()))
                .collect();
            let want = if name == "invalid.go" {
                wants(src)
            } else {
                BTreeSet::new()
            };
            let want: BTreeSet<_> = want.into_iter().filter(|(_, c)| c == rule.code).collect();
            if name == "invalid.go" && want.len() < 4 {
                failures.push(format!(
                    "{}/{name}: needs at least 4 `// want` cases, has {}",
                    rule.name,
                    want.len()
                ));
            }
            if name == "valid.go" {
                let funcs = src.lines().filter(|l| l.starts_with("func ")).count();
                if funcs < 4 {
                    failures.push(format!(
                        "{}/{name}: needs at least 4 near-miss functions, has {funcs}",
                        rule.name
                    ));
                }
            }
            for missing in want.difference(&got) {
                failures.push(format!(
                    "{}/{name}:{}: expected {} but the rule did not fire",
                    rule.name, missing.0, missing.1
                ));
            }
            for extra in got.difference(&want) {
                failures.push(format!(
                    "{}/{name}:{}: unexpected {}",
                    rule.name, extra.0, extra.1
                ));
            }
            if name == "invalid.go" {
                let mine: Vec<_> = a
                    .diagnostics
                    .iter()
                    .filter(|d| d.code == rule.code)
                    .cloned()
                    .collect();
                let frames =
                    render::code_frames(&format!("{}/{name}", rule.name), src, &mine, Lang::En);
                snapshots.push((format!("{}-{}", rule.code, rule.name), frames));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    // Snapshots last, so that every expectation failure above is listed first.
    for (name, frames) in snapshots {
        insta::assert_snapshot!(name, frames);
    }
}

const HEADINGS_EN: &[&str] = &[
    "## What it does",
    "## Why is this bad?",
    "## Example",
    "## Use instead",
    "## Known false positives",
    "## Equivalent checks in other tools",
];
const HEADINGS_ZH: &[&str] = &[
    "## 它检查什么",
    "## 为什么这是问题",
    "## 示例",
    "## 应改为",
    "## 已知误报",
    "## 其他工具中的等价检查",
];

/// (info string, code) of each fenced block.
fn code_blocks(md: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut cur: Option<(String, String)> = None;
    for line in md.lines() {
        match (&mut cur, line.strip_prefix("```")) {
            (None, Some(info)) => cur = Some((info.trim().to_string(), String::new())),
            (Some(_), Some(_)) => out.push(cur.take().expect("open block")),
            (Some((_, body)), None) => {
                body.push_str(line);
                body.push('\n');
            }
            (None, None) => {}
        }
    }
    out
}

#[test]
fn docs_are_complete_and_their_examples_are_tests() {
    let mut failures = Vec::new();
    for rule in selected() {
        for (lang, md, heads) in [
            ("en", rule.docs_en, HEADINGS_EN),
            ("zh", rule.docs_zh, HEADINGS_ZH),
        ] {
            for h in heads {
                if !md.contains(h) {
                    failures.push(format!(
                        "{} docs ({lang}): missing heading `{h}`",
                        rule.code
                    ));
                }
            }
            let blocks = code_blocks(md);
            let bad = blocks
                .iter()
                .filter(|(i, _)| i.starts_with("go bad"))
                .count();
            let good = blocks
                .iter()
                .filter(|(i, _)| i.starts_with("go good"))
                .count();
            if bad == 0 || good == 0 {
                failures.push(format!(
                    "{} docs ({lang}): needs a `go bad` and a `go good` example",
                    rule.code
                ));
            }
            for (info, code) in blocks {
                let go = info
                    .split_whitespace()
                    .find_map(|w| w.strip_prefix("go1."))
                    .and_then(|v| GoVersion::parse(&format!("1.{v}")));
                let opts = Options::with_go(go.unwrap_or_default());
                let a = analyze(&code, &opts);
                let n = a.diagnostics.iter().filter(|d| d.code == rule.code).count();
                if a.has_syntax_errors {
                    failures.push(format!(
                        "{} docs ({lang}): example `{info}` does not parse",
                        rule.code
                    ));
                }
                if info.starts_with("go bad") && n != 1 {
                    failures.push(format!(
                        "{} docs ({lang}): bad example gives {n} diagnostics, want 1",
                        rule.code
                    ));
                }
                if info.starts_with("go good") && n != 0 {
                    failures.push(format!(
                        "{} docs ({lang}): good example gives {n} diagnostics, want 0",
                        rule.code
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn rule_metadata_is_consistent() {
    let mut codes = BTreeSet::new();
    let mut names = BTreeSet::new();
    for r in rules() {
        assert!(codes.insert(r.code), "duplicate code {}", r.code);
        assert!(names.insert(r.name), "duplicate name {}", r.name);
        assert!(
            r.code.len() == 6 && r.code.starts_with("GP"),
            "bad code {}",
            r.code
        );
        assert!(
            r.name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit()),
            "name must be kebab-case: {}",
            r.name
        );
        let family = r.code.as_bytes()[2] - b'0';
        let expected = match r.category {
            analyzer_core::Category::Input => 0,
            analyzer_core::Category::GoroutinesChannels => 1,
            analyzer_core::Category::SyncRaces => 2,
            analyzer_core::Category::Timers => 3,
            analyzer_core::Category::Memory => 4,
            analyzer_core::Category::IoResources => 5,
            analyzer_core::Category::Errors => 6,
            analyzer_core::Category::TimeI18n => 7,
            analyzer_core::Category::ModulesBuild => 8,
        };
        assert_eq!(
            family, expected,
            "{}: code family does not match category",
            r.code
        );
        analyzer_core::compile_rule_query(r).unwrap();
        assert!(!r.title_en.is_empty() && !r.title_zh.is_empty());
    }
}

/// Applies a fix's edits (they never overlap) to `src`.
fn apply(src: &str, fix: &analyzer_core::Fix) -> String {
    let mut edits: Vec<_> = fix.edits.iter().collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start_byte));
    let mut out = src.to_string();
    for e in edits {
        out.replace_range(e.span.start_byte..e.span.end_byte, &e.new_text);
    }
    out
}

/// Every fix the editor offers on a fixture leaves code that parses and no longer has that
/// finding (the fix button must not hand the learner broken code or a no-op).
#[test]
fn every_fix_applies_and_removes_its_finding() {
    let mut failures = Vec::new();
    let mut fixes = 0;
    for rule in selected() {
        let path = fixtures_dir().join(rule.name).join("invalid.go");
        let Ok(src) = fs::read_to_string(&path) else {
            continue;
        };
        let opts = options_for(&src);
        let before = analyze(&src, &opts);
        let count = |a: &analyzer_core::Analysis| {
            a.diagnostics.iter().filter(|d| d.code == rule.code).count()
        };
        for d in before.diagnostics.iter().filter(|d| d.code == rule.code) {
            for fix in &d.fixes {
                fixes += 1;
                let fixed = apply(&src, fix);
                let after = analyze(&fixed, &opts);
                let line = d.span.start.line;
                if after.has_syntax_errors {
                    failures.push(format!(
                        "{} line {line}: fix `{}` leaves a syntax error",
                        rule.name, fix.title_en
                    ));
                } else if count(&after) >= count(&before) {
                    failures.push(format!(
                        "{} line {line}: fix `{}` does not remove the finding",
                        rule.name, fix.title_en
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        std::env::var("GP_RULES").is_ok() || fixes >= 10,
        "only {fixes} fixes seen"
    );
}
