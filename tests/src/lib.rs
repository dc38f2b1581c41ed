//! Shared helpers of the cross-crate checks: where each lesson's test-only variants live.
//!
//! A lesson's variants are `tests/lesson-variants/<lesson id>/`:
//! - `alt-*.go`: correct fixes different from `fixed.go`; the lesson must accept them;
//! - `wrong-*.go`: wrong fixes (delete the goroutine, add `time.Sleep`, silence the
//!   symptom); the lesson must refuse them;
//! - `gap-*.go`: wrong fixes the grader accepts today, recorded in a known-gaps snapshot
//!   instead of being hidden.

use std::path::{Path, PathBuf};

pub use lessons;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VariantKind {
    Alt,
    Wrong,
    Gap,
}

#[derive(Debug, Clone)]
pub struct Variant {
    pub kind: VariantKind,
    /// File name, e.g. `wrong-sleep.go`.
    pub name: String,
    pub source: String,
}

pub fn variants_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("lesson-variants")
}

pub fn lessons_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../lessons/content")
}

/// The variants of a lesson, sorted by file name. Unknown file names are an error.
pub fn variants(lesson_id: &str) -> Result<Vec<Variant>, String> {
    let dir = variants_root().join(lesson_id);
    let rd = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut out = Vec::new();
    for entry in rd {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let kind = if !name.ends_with(".go") {
            return Err(format!("{}: not a .go file", path.display()));
        } else if name.starts_with("alt-") {
            VariantKind::Alt
        } else if name.starts_with("wrong-") {
            VariantKind::Wrong
        } else if name.starts_with("gap-") {
            VariantKind::Gap
        } else {
            return Err(format!(
                "{}: a variant is named alt-*.go, wrong-*.go or gap-*.go",
                path.display()
            ));
        };
        let source =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        out.push(Variant { kind, name, source });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// The optional run-time proof harness of a lesson (`proof_test.go`, package main).
pub fn proof_test(lesson_dir: &str) -> Option<String> {
    std::fs::read_to_string(lessons_root().join(lesson_dir).join("proof_test.go")).ok()
}
