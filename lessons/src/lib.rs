//! The curriculum as data: 100 chapters and their lessons, embedded at compile time.
//!
//! Architecture invariant: this crate holds data and its loader only. Grading a learner's
//! code is `analyzer_core::grade`; showing a lesson is the app's business.

use analyzer_core::GoVersion;
use analyzer_core::grade::Keep;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/lessons.rs"));

pub(crate) struct RawLesson {
    dir: &'static str,
    lesson_toml: Option<&'static str>,
    explanation_zh_md: Option<&'static str>,
    explanation_en_md: Option<&'static str>,
    buggy_go: Option<&'static str>,
    fixed_go: Option<&'static str>,
    /// `lesson.toml` as JSON (build.rs); `None` if it is missing or not valid TOML.
    lesson_json: Option<&'static str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    Beginner,
    Intermediate,
    Advanced,
}

/// A diagnostic the buggy code must produce: rule code at a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    pub code: String,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hint {
    pub zh: String,
    pub en: String,
}

/// How the lesson proves at run time that the buggy code misbehaves and the fix does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProofKind {
    /// `go test -race` reports a data race for buggy.go, none for fixed.go.
    Race,
    /// A harness shows goroutines still alive after the work is done.
    Leak,
    /// The runtime reports a deadlock (or the harness times out blocked).
    Deadlock,
    /// Memory stays pinned (measured with runtime.MemStats).
    Memory,
    /// A test of observable behaviour fails for buggy.go and passes for fixed.go.
    Behavior,
    /// No run-time proof is possible; `why_none_*` says why.
    None,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Verify {
    pub kind: ProofKind,
    /// A substring the buggy run's output must contain (e.g. `WARNING: DATA RACE`), so that
    /// the proof fails for the stated reason and not, say, a compile error. Required unless
    /// `kind = "none"`. The fixed run must succeed and must not contain it.
    #[serde(default)]
    pub buggy_output: Option<String>,
    /// A substring `go vet` prints for buggy.go, where a vet analyzer catches the pitfall
    /// (the explanation quotes it, so the truth checks hold it to that).
    #[serde(default)]
    pub vet_output: Option<String>,
    /// A Go version (go.mod `go` line) under which buggy.go is *not* buggy: the truth
    /// checks run the proof for buggy.go with it and require success (loop variables are
    /// per-iteration from 1.22).
    #[serde(default)]
    pub fixed_by_go: Option<String>,
    #[serde(default)]
    pub why_none_zh: Option<String>,
    #[serde(default)]
    pub why_none_en: Option<String>,
}

/// `lesson.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub id: String,
    pub chapter: u32,
    /// The seed section it comes from, e.g. "2.4" (empty when the chapter has none).
    #[serde(default)]
    pub section: String,
    pub order: u32,
    pub title_zh: String,
    pub title_en: String,
    pub difficulty: Difficulty,
    pub go_version: String,
    pub goal_zh: String,
    pub goal_en: String,
    pub expect: Vec<Expect>,
    #[serde(default)]
    pub keep: Vec<Keep>,
    pub hints: Vec<Hint>,
    pub verify: Verify,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lesson {
    /// Folder name under `content/`.
    pub dir: &'static str,
    pub meta: Meta,
    pub explanation_zh: &'static str,
    pub explanation_en: &'static str,
    pub buggy: &'static str,
    pub fixed: &'static str,
}

impl Lesson {
    pub fn id(&self) -> &str {
        &self.meta.id
    }
    pub fn go_version(&self) -> GoVersion {
        GoVersion::parse(&self.meta.go_version).unwrap_or_default()
    }
    pub fn options(&self) -> analyzer_core::Options {
        analyzer_core::Options::with_go(self.go_version())
    }
    /// The rule codes the lesson targets, without duplicates, in order of appearance.
    pub fn target_codes(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for e in &self.meta.expect {
            if !out.contains(&e.code) {
                out.push(e.code.clone());
            }
        }
        out
    }
    pub fn title(&self, lang: analyzer_core::Lang) -> &str {
        match lang {
            analyzer_core::Lang::En => &self.meta.title_en,
            analyzer_core::Lang::Zh => &self.meta.title_zh,
        }
    }
    /// Grades a learner's code for this lesson.
    /// Grades the editor's document (its analysis and tree are re-used).
    pub fn grade_document(&self, doc: &analyzer_core::Document) -> analyzer_core::grade::Grade {
        analyzer_core::grade::grade_document(doc, &self.target_codes(), &self.meta.keep)
    }

    pub fn grade(&self, source: &str) -> analyzer_core::grade::Grade {
        analyzer_core::grade::grade(
            source,
            &self.target_codes(),
            &self.meta.keep,
            &self.options(),
        )
    }
}

/// One chapter of the 100 (`chapters.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chapter {
    pub number: u32,
    pub part: u32,
    pub title_zh: String,
    pub title_en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    pub number: u32,
    pub title_zh: String,
    pub title_en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Curriculum {
    pub parts: Vec<Part>,
    pub chapters: Vec<Chapter>,
}

/// A malformed lesson: which file, which field, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub file: String,
    pub field: String,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: field `{}`: {}", self.file, self.field, self.message)
    }
}

fn load_one(raw: &RawLesson) -> Result<Lesson, LoadError> {
    let file = |f: &str| format!("lessons/content/{}/{f}", raw.dir);
    let missing = |f: &str| LoadError {
        file: file(f),
        field: "-".into(),
        message: "file is missing".into(),
    };
    let meta: Meta = parse_meta(raw.lesson_toml, raw.lesson_json, &file("lesson.toml"))?;
    let bad = |field: &str, message: String| LoadError {
        file: file("lesson.toml"),
        field: field.into(),
        message,
    };
    if !(1..=100).contains(&meta.chapter) {
        return Err(bad(
            "chapter",
            format!("{} is not in 1..=100", meta.chapter),
        ));
    }
    if GoVersion::parse(&meta.go_version).is_none() {
        return Err(bad(
            "go_version",
            format!("`{}` is not a Go version like 1.22", meta.go_version),
        ));
    }
    if meta.hints.len() != 3 {
        return Err(bad(
            "hints",
            format!("needs exactly 3 graded hints, has {}", meta.hints.len()),
        ));
    }
    if meta.expect.is_empty() {
        return Err(bad(
            "expect",
            "needs at least one expected diagnostic".into(),
        ));
    }
    for e in &meta.expect {
        if analyzer_core::rule(&e.code).is_none() {
            return Err(bad("expect.code", format!("no rule has code `{}`", e.code)));
        }
    }
    if meta.verify.kind == ProofKind::None
        && (meta.verify.why_none_en.is_none() || meta.verify.why_none_zh.is_none())
    {
        return Err(bad(
            "verify",
            "kind = \"none\" needs why_none_zh and why_none_en".into(),
        ));
    }
    if let Some(v) = &meta.verify.fixed_by_go
        && GoVersion::parse(v)
            .is_none_or(|v| v <= GoVersion::parse(&meta.go_version).unwrap_or_default())
    {
        return Err(bad(
            "verify.fixed_by_go",
            format!("`{v}` must be a Go version later than go_version"),
        ));
    }
    if meta.verify.kind != ProofKind::None
        && meta
            .verify
            .buggy_output
            .as_deref()
            .is_none_or(|s| s.trim().is_empty())
    {
        return Err(bad(
            "verify.buggy_output",
            "a run-time proof needs the output that shows the buggy run misbehaving".into(),
        ));
    }
    if meta.id != raw.dir {
        return Err(bad(
            "id",
            format!("`{}` must equal the folder name `{}`", meta.id, raw.dir),
        ));
    }
    if meta.id.is_empty()
        || !meta
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(bad("id", format!("`{}` must be kebab-case", meta.id)));
    }
    let explanation_zh = raw
        .explanation_zh_md
        .ok_or_else(|| missing("explanation.zh.md"))?;
    let explanation_en = raw
        .explanation_en_md
        .ok_or_else(|| missing("explanation.en.md"))?;
    check_headings(&file("explanation.zh.md"), explanation_zh, HEADINGS_ZH)?;
    check_headings(&file("explanation.en.md"), explanation_en, HEADINGS_EN)?;
    Ok(Lesson {
        dir: raw.dir,
        meta,
        explanation_zh,
        explanation_en,
        buggy: raw.buggy_go.ok_or_else(|| missing("buggy.go"))?,
        fixed: raw.fixed_go.ok_or_else(|| missing("fixed.go"))?,
    })
}

/// `lesson.toml` → `Meta`: from the TOML itself where the `toml` feature gives exact error
/// locations, otherwise from the JSON build.rs made of it (the same document).
#[cfg(feature = "toml")]
fn parse_meta<T: serde::de::DeserializeOwned>(
    toml_src: Option<&str>,
    _json: Option<&str>,
    file: &str,
) -> Result<T, LoadError> {
    let toml_src = toml_src.ok_or_else(|| LoadError {
        file: file.into(),
        field: "-".into(),
        message: "file is missing".into(),
    })?;
    toml::from_str(toml_src).map_err(|e| LoadError {
        file: file.into(),
        field: e
            .span()
            .map(|s| field_at(toml_src, s.start))
            .unwrap_or_else(|| "-".into()),
        message: e.message().to_string(),
    })
}

#[cfg(not(feature = "toml"))]
fn parse_meta<T: serde::de::DeserializeOwned>(
    _toml_src: Option<&str>,
    json: Option<&str>,
    file: &str,
) -> Result<T, LoadError> {
    from_json(json, file)
}

/// Reads the JSON form of a TOML file. Public to the tests, which check that it gives the
/// same data as the TOML.
#[doc(hidden)]
pub fn from_json<T: serde::de::DeserializeOwned>(
    json: Option<&str>,
    file: &str,
) -> Result<T, LoadError> {
    let json = json.ok_or_else(|| LoadError {
        file: file.into(),
        field: "-".into(),
        message: "missing or not valid TOML (build with the `toml` feature for the details)".into(),
    })?;
    serde_json::from_str(json).map_err(|e| LoadError {
        file: file.into(),
        field: "-".into(),
        message: e.to_string(),
    })
}

/// Every lesson's id with its `lesson.toml` as converted to JSON by build.rs (tests).
#[cfg(feature = "toml")]
#[doc(hidden)]
pub fn raw_json() -> impl Iterator<Item = (&'static str, &'static str, Option<&'static str>)> {
    RAW.iter()
        .map(|r| (r.dir, r.lesson_toml.unwrap_or(""), r.lesson_json))
}

/// The fixed `## ` headings of an explanation, in this order and no others.
pub const HEADINGS_ZH: [&str; 4] = ["陷阱", "为什么会这样", "修复", "在生产中发现它"];
pub const HEADINGS_EN: [&str; 4] = [
    "The trap",
    "Why it happens",
    "The fix",
    "Catching it in production",
];

fn check_headings(file: &str, md: &str, want: [&str; 4]) -> Result<(), LoadError> {
    let mut in_code = false;
    let mut got = Vec::new();
    for line in md.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        } else if !in_code && let Some(h) = line.strip_prefix("## ") {
            got.push(h.trim());
        }
    }
    if got != want {
        return Err(LoadError {
            file: file.into(),
            field: "headings".into(),
            message: format!("`## ` headings must be exactly {want:?}, found {got:?}"),
        });
    }
    Ok(())
}

#[cfg(feature = "toml")]
/// Parses one lesson from its files' contents (`None` = file missing). `load()` uses this
/// for every embedded folder; tests use it to check that malformed lessons are refused.
pub fn parse_lesson(
    dir: &'static str,
    lesson_toml: Option<&'static str>,
    explanation_zh: Option<&'static str>,
    explanation_en: Option<&'static str>,
    buggy: Option<&'static str>,
    fixed: Option<&'static str>,
) -> Result<Lesson, LoadError> {
    load_one(&RawLesson {
        dir,
        lesson_toml,
        explanation_zh_md: explanation_zh,
        explanation_en_md: explanation_en,
        buggy_go: buggy,
        fixed_go: fixed,
        lesson_json: None,
    })
}

#[cfg(feature = "toml")]
/// The key of the TOML line holding byte `at`, prefixed by its table (`keep.kind`,
/// `verify.buggy_output`), for error messages.
fn field_at(src: &str, at: usize) -> String {
    let line_start = src[..at.min(src.len())].rfind('\n').map_or(0, |i| i + 1);
    let line = src[line_start..].lines().next().unwrap_or("");
    let table = |l: &str| {
        let l = l.trim();
        l.starts_with('[')
            .then(|| l.trim_matches(['[', ']']).trim().to_string())
    };
    if let Some(t) = table(line) {
        return t;
    }
    let key = line.split('=').next().unwrap_or("-").trim().to_string();
    match src[..line_start].lines().rev().find_map(table) {
        Some(t) => format!("{t}.{key}"),
        None => key,
    }
}

/// Loads every lesson, or every error. Tests require this to be `Ok`.
pub fn load() -> Result<Vec<Lesson>, Vec<LoadError>> {
    let mut ok = Vec::new();
    let mut errs = Vec::new();
    for raw in RAW {
        match load_one(raw) {
            Ok(l) => ok.push(l),
            Err(e) => errs.push(e),
        }
    }
    let mut seen = std::collections::HashSet::new();
    for l in &ok {
        if !seen.insert(l.meta.id.clone()) {
            errs.push(LoadError {
                file: format!("lessons/content/{}/lesson.toml", l.dir),
                field: "id".into(),
                message: format!("duplicate lesson id `{}`", l.meta.id),
            });
        }
    }
    ok.sort_by(|a, b| {
        (a.meta.chapter, a.meta.order, a.dir).cmp(&(b.meta.chapter, b.meta.order, b.dir))
    });
    if errs.is_empty() { Ok(ok) } else { Err(errs) }
}

/// Every valid lesson, in curriculum order. Malformed lessons are left out here (the app
/// keeps working); `load()` reports them and the tests fail on them.
pub fn all() -> &'static [Lesson] {
    static ALL: OnceLock<Vec<Lesson>> = OnceLock::new();
    ALL.get_or_init(|| {
        RAW.iter()
            .filter_map(|r| load_one(r).ok())
            .collect::<Vec<_>>()
    })
    .as_slice()
}

pub fn by_id(id: &str) -> Option<&'static Lesson> {
    all().iter().find(|l| l.meta.id == id)
}

pub fn curriculum() -> Result<Curriculum, LoadError> {
    #[cfg(feature = "toml")]
    let toml_src = Some(CHAPTERS_TOML);
    #[cfg(not(feature = "toml"))]
    let toml_src = None;
    parse_meta(toml_src, CHAPTERS_JSON, "lessons/chapters.toml")
}

/// `chapters.toml` as converted to JSON by build.rs (tests).
#[cfg(feature = "toml")]
#[doc(hidden)]
pub fn chapters_json() -> (&'static str, Option<&'static str>) {
    (CHAPTERS_TOML, CHAPTERS_JSON)
}

/// The curriculum, or an empty one if `chapters.toml` is malformed (tests catch that).
pub fn chapters() -> &'static Curriculum {
    static C: OnceLock<Curriculum> = OnceLock::new();
    C.get_or_init(|| {
        curriculum().unwrap_or(Curriculum {
            parts: Vec::new(),
            chapters: Vec::new(),
        })
    })
}
