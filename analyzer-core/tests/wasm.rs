//! The same analysis in wasm (headless Chromium, via wasm-bindgen-test) as natively: both
//! must render exactly `tests/parity/expected.txt`.
#![cfg(target_arch = "wasm32")]

mod common;

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn wasm_analysis_matches_native() {
    let want = include_str!("parity/expected.txt");
    assert_eq!(common::render_all(), want);
}

#[wasm_bindgen_test]
fn hostile_input_is_bounded_in_wasm() {
    // Deep nesting is refused before parsing; wasm's small stack is never at risk.
    let deep = "(".repeat(100_000);
    let a = analyzer_core::analyze(&deep, &Default::default());
    assert!(a.incomplete);
    assert_eq!(a.diagnostics[0].code, "GP0003");
    // Nesting just under the limit is analysed without overflowing the stack.
    let ok = format!(
        "package p\nvar x = {}1{}\n",
        "(".repeat(250),
        ")".repeat(250)
    );
    let a = analyzer_core::analyze(&ok, &Default::default());
    assert!(!a.incomplete);
}

#[wasm_bindgen_test]
fn incremental_document_in_wasm() {
    let (_, src) = common::PARITY_CASES
        .iter()
        .find(|(name, _)| *name == "ticker-not-stopped")
        .expect("the ticker fixture is a parity case");
    let mut doc = analyzer_core::Document::new(src, common::options_for(src));
    let edited = src.replacen("for range t.C {", "defer t.Stop()\n\tfor range t.C {", 1);
    assert_ne!(&edited, src, "the edit must change the text");
    let a = doc.set_text(&edited).clone();
    assert_eq!(
        a,
        analyzer_core::analyze(&edited, &common::options_for(src))
    );
}
