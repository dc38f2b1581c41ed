//! `chapters.toml` must parse and describe exactly the 100 chapters, each in an existing part.

use std::collections::HashSet;

#[test]
fn chapters_toml_is_complete() {
    let c = lessons::curriculum().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(c.chapters.len(), 100, "expected 100 chapters");
    let numbers: Vec<u32> = c.chapters.iter().map(|ch| ch.number).collect();
    assert_eq!(
        numbers,
        (1..=100).collect::<Vec<u32>>(),
        "chapters must be numbered 1..=100 in order"
    );

    let mut parts = HashSet::new();
    for p in &c.parts {
        assert!(parts.insert(p.number), "duplicate part {}", p.number);
        assert!(
            !p.title_zh.trim().is_empty() && !p.title_en.trim().is_empty(),
            "part {} has an empty title",
            p.number
        );
    }
    let mut used = HashSet::new();
    let mut last_part = 0;
    for ch in &c.chapters {
        assert!(
            parts.contains(&ch.part),
            "chapter {} refers to missing part {}",
            ch.number,
            ch.part
        );
        assert!(
            ch.part >= last_part,
            "chapter {} goes back to an earlier part",
            ch.number
        );
        last_part = ch.part;
        used.insert(ch.part);
        assert!(
            !ch.title_zh.trim().is_empty(),
            "chapter {} has an empty title_zh",
            ch.number
        );
        assert!(
            !ch.title_en.trim().is_empty(),
            "chapter {} has an empty title_en",
            ch.number
        );
    }
    assert_eq!(used, parts, "every part must hold at least one chapter");
    assert!(std::ptr::eq(lessons::chapters(), lessons::chapters()));
    assert_eq!(lessons::chapters().chapters.len(), 100);
}

/// Runs with and without the `toml` feature (the app's build reads the JSON form).
#[test]
fn every_lesson_loads() {
    let all = lessons::load().unwrap_or_else(|e| panic!("{e:?}"));
    assert!(all.len() >= 29, "only {} lessons", all.len());
    assert_eq!(lessons::all().len(), all.len());
}
