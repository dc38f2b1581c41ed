//! Every lesson, graded by the analyzer the way the app grades a learner:
//! - buggy.go parses and reports exactly the expected codes at the expected lines;
//! - fixed.go reports nothing at all (any severity), keeps the keep-checks, and is solved;
//! - every `alt-*.go` is solved, every `wrong-*.go` is not;
//! - `gap-*.go` (wrong fixes the grader accepts today) are listed in a known-gaps snapshot.
//!
//! The diagnostics and grades of each lesson are an insta snapshot: review the diff.

use analyzer_core::grade::{Grade, check_keep};
use analyzer_core::{Lang, analyze, render::code_frames};
use lessons::Lesson;
use pitfall_tests::{VariantKind, variants, variants_root};
use std::collections::BTreeSet;
use std::fmt::Write;

fn all() -> Vec<Lesson> {
    lessons::load().unwrap_or_else(|errs| {
        let list: Vec<String> = errs.iter().map(ToString::to_string).collect();
        panic!("malformed lessons:\n{}", list.join("\n"))
    })
}

/// Runs `check` on every lesson and fails once, listing every problem.
fn each(check: impl Fn(&Lesson) -> Vec<String>) {
    let problems: Vec<String> = all()
        .iter()
        .flat_map(|l| check(l).into_iter().map(move |p| format!("{}: {p}", l.dir)))
        .collect();
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

fn summary(g: &Grade) -> String {
    if g.solved {
        return "solved".into();
    }
    let mut why = Vec::new();
    if !g.parses {
        why.push("does not parse".to_string());
    }
    for d in &g.remaining {
        why.push(format!("still {}@{}", d.code, d.span.start.line));
    }
    for d in &g.other {
        why.push(format!("new {}@{}", d.code, d.span.start.line));
    }
    for k in &g.keep_failures {
        why.push(format!("keep: {}", k.message_en));
    }
    format!("NOT solved ({})", why.join("; "))
}

#[test]
fn lessons_load_and_there_are_enough() {
    let n = all().len();
    assert!(n >= 16, "chapters 1–5 need at least 16 lessons, found {n}");
}

/// Every numbered section of chapters 1–5 in seed 000 (chapter 1 has two unnumbered items,
/// its error handling and its module management) has at least one lesson.
#[test]
fn every_seed_section_of_chapters_1_to_5_has_a_lesson() {
    const SECTIONS: &[&str] = &[
        "errors", "modules", "2.1", "2.2", "2.3", "2.4", "2.5", "3.1", "3.2", "3.3", "4.1", "4.2",
        "4.3", "4.4",
    ];
    let lessons = all();
    let have: BTreeSet<&str> = lessons.iter().map(|l| l.meta.section.as_str()).collect();
    let missing: Vec<&&str> = SECTIONS.iter().filter(|s| !have.contains(**s)).collect();
    assert!(missing.is_empty(), "sections without a lesson: {missing:?}");
    for l in &lessons {
        if l.meta.chapter <= 5 && l.meta.chapter > 1 && !l.meta.section.is_empty() {
            assert!(
                l.meta.section.starts_with(&format!("{}.", l.meta.chapter)),
                "{}: section {} is not in chapter {}",
                l.dir,
                l.meta.section,
                l.meta.chapter
            );
        }
    }
}

#[test]
fn buggy_reports_exactly_the_expected_diagnostics() {
    each(|l| {
        let a = analyze(l.buggy, &l.options());
        let mut problems = Vec::new();
        if a.has_syntax_errors || a.incomplete {
            problems.push("buggy.go has syntax errors".into());
        }
        // Every diagnostic counts, hints included: the lesson shows exactly what it expects.
        let got: Vec<(String, u32)> = a
            .diagnostics
            .iter()
            .map(|d| (d.code.to_string(), d.span.start.line))
            .collect();
        let want: Vec<(String, u32)> = l
            .meta
            .expect
            .iter()
            .map(|e| (e.code.clone(), e.line))
            .collect();
        let (mut g, mut w) = (got.clone(), want.clone());
        g.sort();
        w.sort();
        if g != w {
            problems.push(format!(
                "buggy.go reports {got:?}, lesson.toml expects {want:?}"
            ));
        }
        problems
    });
}

#[test]
fn fixed_is_clean_keeps_the_code_and_is_solved() {
    each(|l| {
        let mut problems = Vec::new();
        let a = analyze(l.fixed, &l.options());
        if !a.diagnostics.is_empty() {
            problems.push(format!(
                "fixed.go is not clean:\n{}",
                code_frames("fixed.go", l.fixed, &a.diagnostics, Lang::En)
            ));
        }
        for k in check_keep(l.fixed, &l.meta.keep) {
            problems.push(format!("fixed.go fails a keep check: {}", k.message_en));
        }
        let g = l.grade(l.fixed);
        if !g.solved {
            problems.push(format!("fixed.go: {}", summary(&g)));
        }
        // The keep checks must bite: buggy.go satisfies them too (it is the starting point),
        // so they are about structure, not about the bug.
        for k in check_keep(l.buggy, &l.meta.keep) {
            problems.push(format!("buggy.go fails a keep check: {}", k.message_en));
        }
        if l.grade(l.buggy).solved {
            problems.push("buggy.go grades as solved".into());
        }
        problems
    });
}

/// Alternative fixes are accepted, wrong fixes refused; the whole picture is a snapshot.
#[test]
fn variants_are_graded_as_declared() {
    let lessons = all();
    let mut problems = Vec::new();
    for l in &lessons {
        let vs = match variants(&l.meta.id) {
            Ok(v) => v,
            Err(e) => {
                problems.push(format!("{}: {e}", l.dir));
                continue;
            }
        };
        let alts = vs.iter().filter(|v| v.kind == VariantKind::Alt).count();
        let wrongs = vs.iter().filter(|v| v.kind == VariantKind::Wrong).count();
        if alts < 1 || wrongs < 2 {
            problems.push(format!(
                "{}: needs ≥1 alt-*.go and ≥2 wrong-*.go (gap-*.go do not count), has {alts} and {wrongs}",
                l.dir
            ));
        }
        let mut snap = String::new();
        let a = analyze(l.buggy, &l.options());
        let _ = writeln!(
            snap,
            "go {}; expects {:?}",
            l.meta.go_version,
            l.target_codes()
        );
        snap.push_str(&code_frames("buggy.go", l.buggy, &a.diagnostics, Lang::En));
        let _ = writeln!(snap, "fixed.go: {}", summary(&l.grade(l.fixed)));
        for v in &vs {
            let g = l.grade(&v.source);
            let _ = writeln!(snap, "{}: {}", v.name, summary(&g));
            let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            match v.kind {
                VariantKind::Alt if !g.solved => {
                    problems.push(format!("{}/{}: a correct fix is refused", l.dir, v.name))
                }
                VariantKind::Alt if norm(&v.source) == norm(l.fixed) => {
                    problems.push(format!("{}/{}: same as fixed.go", l.dir, v.name))
                }
                VariantKind::Wrong if g.solved => problems.push(format!(
                    "{}/{}: a wrong fix is accepted (rename it gap-*.go and report it)",
                    l.dir, v.name
                )),
                VariantKind::Gap if !g.solved => problems.push(format!(
                    "{}/{}: the gap is closed, rename it wrong-*.go",
                    l.dir, v.name
                )),
                _ => {}
            }
            if v.kind == VariantKind::Wrong && norm(&v.source) == norm(l.buggy) {
                problems.push(format!("{}/{}: same as buggy.go", l.dir, v.name));
            }
        }
        insta::assert_snapshot!(format!("lesson_{}", l.meta.id), snap);
    }
    // A variants folder without a lesson is a typo, not a test.
    let ids: BTreeSet<String> = lessons.iter().map(|l| l.meta.id.clone()).collect();
    if let Ok(rd) = std::fs::read_dir(variants_root()) {
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            if !ids.contains(&name) {
                problems.push(format!(
                    "tests/lesson-variants/{name}: no lesson has this id"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// Wrong fixes the grader accepts today. Each is a known weakness of a rule or of the keep
/// checks; this snapshot keeps them visible.
#[test]
fn known_gaps() {
    let mut snap = String::new();
    for l in all() {
        for v in variants(&l.meta.id).unwrap_or_default() {
            if v.kind == VariantKind::Gap {
                let _ = writeln!(
                    snap,
                    "{}/{}: {}",
                    l.meta.id,
                    v.name,
                    summary(&l.grade(&v.source))
                );
            }
        }
    }
    if snap.is_empty() {
        snap.push_str("(none)\n");
    }
    insta::assert_snapshot!("known_gaps", snap);
}

/// The app grades the editor's incrementally parsed document; that must agree with grading
/// the text from scratch, for every file a learner might reach (buggy → variants → fixed).
#[test]
fn grading_the_editor_document_matches_grading_the_text() {
    each(|l| {
        let mut texts = vec![l.buggy.to_string()];
        texts.extend(
            variants(&l.meta.id)
                .unwrap_or_default()
                .into_iter()
                .map(|v| v.source),
        );
        texts.push(l.fixed.to_string());
        let mut doc = analyzer_core::Document::new(l.buggy, l.options());
        let mut problems = Vec::new();
        for (i, text) in texts.iter().enumerate() {
            doc.set_text(text);
            if l.grade_document(&doc) != l.grade(text) {
                problems.push(format!("text {i}: the document's grade differs"));
            }
        }
        problems
    });
}
