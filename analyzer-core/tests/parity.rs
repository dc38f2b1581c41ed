//! Native half of the wasm parity check: the native analysis of the parity cases must match
//! `tests/parity/expected.txt`; `tests/wasm.rs` checks the wasm build against the same file.
//! Regenerate with `UPDATE_PARITY=1 cargo test -p analyzer-core --test parity`.
#![cfg(not(target_arch = "wasm32"))]

mod common;

#[test]
fn native_analysis_matches_the_parity_file() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/parity/expected.txt");
    let got = common::render_all();
    if std::env::var_os("UPDATE_PARITY").is_some() {
        std::fs::write(path, &got).unwrap();
    }
    let want = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(
        got, want,
        "native output differs from {path}; regenerate with UPDATE_PARITY=1 and review the diff"
    );
}
