//! The app reads lessons from the JSON that build.rs converts each TOML file to (no TOML
//! parser in the wasm); it must be the same data as the TOML itself.
#![cfg(feature = "toml")]

use lessons::{Curriculum, Meta, from_json};

#[test]
fn every_lesson_json_equals_its_toml() {
    let mut n = 0;
    for (dir, toml_src, json) in lessons::raw_json() {
        let file = format!("lessons/content/{dir}/lesson.toml");
        let from_toml: Meta = toml::from_str(toml_src).unwrap_or_else(|e| panic!("{file}: {e}"));
        let from_json: Meta = from_json(json, &file).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(from_json, from_toml, "{file}");
        n += 1;
    }
    assert!(n >= 29, "only {n} lessons embedded");
}

#[test]
fn chapters_json_equals_the_toml() {
    let (toml_src, json) = lessons::chapters_json();
    let from_toml: Curriculum = toml::from_str(toml_src).unwrap();
    let from_json: Curriculum = from_json(json, "chapters").unwrap();
    assert_eq!(from_json, from_toml);
    assert_eq!(from_json.chapters.len(), 100);
}

#[test]
fn a_missing_json_is_a_clear_error() {
    let e = from_json::<Meta>(None, "x/lesson.toml").unwrap_err();
    assert!(e.message.contains("not valid TOML"), "{e}");
    let e = from_json::<Meta>(Some("{\"id\": 3}"), "x/lesson.toml").unwrap_err();
    assert_eq!(e.file, "x/lesson.toml");
}
