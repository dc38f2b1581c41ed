//! A malformed lesson is refused with a message that names the file and the field.
#![cfg(feature = "toml")]

use lessons::{LoadError, parse_lesson};

const TOML: &str = r#"id = "02-4-demo"
chapter = 2
section = "2.4"
order = 1
title_zh = "演示"
title_en = "Demo"
difficulty = "beginner"
go_version = "1.25"
goal_zh = "目标"
goal_en = "Goal"

[[expect]]
code = "GP3001"
line = 3

[[hints]]
zh = "一"
en = "one"

[[hints]]
zh = "二"
en = "two"

[[hints]]
zh = "三"
en = "three"

[verify]
kind = "behavior"
buggy_output = "FAIL"
"#;

const EN: &str =
    "## The trap\nx\n## Why it happens\nx\n## The fix\nx\n## Catching it in production\nx\n";
const ZH: &str = "## 陷阱\nx\n## 为什么会这样\nx\n## 修复\nx\n## 在生产中发现它\nx\n";
const GO: &str = "package main\n\nfunc main() {}\n";

fn parse(
    dir: &'static str,
    toml: &'static str,
    zh: &'static str,
    en: &'static str,
) -> Result<(), LoadError> {
    parse_lesson(dir, Some(toml), Some(zh), Some(en), Some(GO), Some(GO)).map(|_| ())
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn refused(toml: String, file: &str, field: &str) {
    let err = parse("02-4-demo", leak(toml), ZH, EN).expect_err("must be refused");
    assert_eq!(
        err.file,
        format!("lessons/content/02-4-demo/{file}"),
        "{err}"
    );
    assert_eq!(err.field, field, "{err}");
    assert!(err.to_string().contains(field), "{err}");
}

#[test]
fn the_template_itself_is_accepted() {
    parse("02-4-demo", TOML, ZH, EN).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn unknown_field() {
    refused(
        TOML.replace("order = 1", "order = 1\nlevel = 3"),
        "lesson.toml",
        "level",
    );
}

#[test]
fn wrong_type() {
    refused(
        TOML.replace("chapter = 2", "chapter = \"two\""),
        "lesson.toml",
        "chapter",
    );
}

#[test]
fn chapter_out_of_range() {
    refused(
        TOML.replace("chapter = 2", "chapter = 101"),
        "lesson.toml",
        "chapter",
    );
}

#[test]
fn unknown_rule_code() {
    refused(
        TOML.replace("GP3001", "GP9999"),
        "lesson.toml",
        "expect.code",
    );
}

#[test]
fn two_hints_instead_of_three() {
    let toml = TOML.replacen("[[hints]]\nzh = \"三\"\nen = \"three\"\n", "", 1);
    refused(toml, "lesson.toml", "hints");
}

#[test]
fn bad_go_version() {
    refused(
        TOML.replace("\"1.25\"", "\"latest\""),
        "lesson.toml",
        "go_version",
    );
}

#[test]
fn proof_without_buggy_output() {
    refused(
        TOML.replace("buggy_output = \"FAIL\"\n", ""),
        "lesson.toml",
        "verify.buggy_output",
    );
}

#[test]
fn none_without_reason() {
    refused(
        TOML.replace("kind = \"behavior\"", "kind = \"none\""),
        "lesson.toml",
        "verify",
    );
}

#[test]
fn id_differs_from_folder() {
    refused(
        TOML.replace("id = \"02-4-demo\"", "id = \"02-4-other\""),
        "lesson.toml",
        "id",
    );
}

#[test]
fn unknown_keep_kind() {
    refused(
        format!("{TOML}\n[[keep]]\nkind = \"vibes\"\n"),
        "lesson.toml",
        "keep.kind",
    );
}

#[test]
fn wrong_explanation_headings() {
    let err = parse(
        "02-4-demo",
        TOML,
        ZH,
        leak(EN.replace("## The fix", "## Fix it")),
    )
    .expect_err("must be refused");
    assert_eq!(err.file, "lessons/content/02-4-demo/explanation.en.md");
    assert_eq!(err.field, "headings");
}

#[test]
fn missing_file() {
    let err = parse_lesson("02-4-demo", Some(TOML), Some(ZH), Some(EN), Some(GO), None)
        .map(|_| ())
        .expect_err("must be refused");
    assert_eq!(err.file, "lessons/content/02-4-demo/fixed.go");
}

/// The embedded lessons all load.
#[test]
fn every_embedded_lesson_loads() {
    if let Err(errs) = lessons::load() {
        let list: Vec<String> = errs.iter().map(ToString::to_string).collect();
        panic!("malformed lessons:\n{}", list.join("\n"));
    }
}

#[test]
fn fixed_by_go_not_later_than_go_version() {
    refused(
        TOML.replace(
            "buggy_output = \"FAIL\"",
            "buggy_output = \"FAIL\"\nfixed_by_go = \"1.21\"",
        ),
        "lesson.toml",
        "verify.fixed_by_go",
    );
}
