//! A `Document` re-uses the diagnostics of function bodies an edit did not touch. Whatever
//! the edits, its analysis must equal a fresh `analyze` of the same text.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use analyzer_core::{Document, analyze};
use std::path::Path;

/// A deterministic xorshift generator: the same edits on every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as usize
    }
    fn below(&mut self, n: usize) -> usize {
        self.next() % n.max(1)
    }
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One edit, as (start, end, inserted). Most keep the code valid Go (a space, a renamed
/// identifier, a moved or duplicated line) so that re-use really happens; some break it.
fn random_edit(text: &str, rng: &mut Rng) -> (usize, usize, String) {
    let at = floor_char(text, rng.below(text.len() + 1));
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
    match rng.below(11) {
        // Inside a function's parameter list: the one header change that re-uses the
        // other bodies.
        10 => {
            let heads: Vec<usize> = text.match_indices("\nfunc ").map(|(i, _)| i + 1).collect();
            let Some(&head) = heads.get(rng.below(heads.len())) else {
                return (at, at, " ".into());
            };
            let line_end = text[head..].find('\n').map_or(text.len(), |i| head + i);
            // After the last `(` before the body: the parameters of a function, the
            // results of a method (whose receiver comes first).
            let Some(open) = text[head..line_end]
                .find(") ")
                .map(|i| head + i)
                .or(Some(head))
                .and_then(|from| text[from..line_end].find('(').map(|i| from + i + 1))
            else {
                return (at, at, " ".into());
            };
            let insert = ["x", ", y int", " ", "_"][rng.below(4)];
            (open, open, insert.to_string())
        }
        // A letter after a letter: renames an identifier (or breaks a keyword).
        0..=2 => {
            let after = text[..at]
                .char_indices()
                .rev()
                .take(40)
                .find(|(_, c)| c.is_ascii_alphabetic())
                .map_or(at, |(i, c)| i + c.len_utf8());
            (after, after, ["x", "e", "T", "_"][rng.below(4)].to_string())
        }
        3 => (at, at, " ".into()),
        4 => (at, at, "\n".into()),
        // Delete one character.
        5 => {
            let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
            (at, end, String::new())
        }
        // Delete, duplicate or replace a whole line.
        6 => (line_start, line_end, String::new()),
        7 => (
            line_start,
            line_start,
            text[line_start..line_end].to_string(),
        ),
        8 => {
            let other = floor_char(text, rng.below(text.len() + 1));
            let o_start = text[..other].rfind('\n').map_or(0, |i| i + 1);
            let o_end = text[other..]
                .find('\n')
                .map_or(text.len(), |i| other + i + 1);
            (line_start, line_end, text[o_start..o_end].to_string())
        }
        // Syntax noise.
        _ => (
            at,
            at,
            ["{", "}", "(", "\"", "/*", "//", "é"][rng.below(7)].to_string(),
        ),
    }
}

/// Applies `steps` random edits to `src` (sometimes undoing the last), comparing the
/// document's analysis with a fresh one after each.
fn check_edits(name: &str, src: &str, steps: usize, seed: u64) {
    let options = common::options_for(src);
    let mut doc = Document::new(src, options.clone());
    assert_eq!(doc.analysis(), &analyze(src, &options), "{name}: initial");
    let mut rng = Rng(seed | 1);
    let mut prev = src.to_string();
    for step in 0..steps {
        let text = doc.text().to_string();
        if rng.below(5) == 0 {
            // Back to the previous text: the cache then matches a text it saw before.
            doc.set_text(&prev);
        } else {
            let (start, end, ins) = random_edit(&text, &mut rng);
            doc.edit(start, end, &ins);
        }
        prev = text;
        let now = doc.text().to_string();
        let fresh = analyze(&now, &options);
        if doc.analysis() != &fresh {
            let doc_codes = doc.analysis().codes();
            panic!(
                "{name}: step {step}: incremental analysis differs from a fresh one\n\
                 incremental: {doc_codes:?}\nfresh: {:?}\ntext:\n{now}",
                fresh.codes()
            );
        }
    }
}

#[test]
fn random_edits_of_the_benchmark_snippet() {
    check_edits("snippet", common::SNIPPET, 300, 0x2545_F491_4F6C_DD1D);
}

#[test]
fn random_edits_of_a_larger_file() {
    // Many bodies: most edits re-use most of them (and the model leaves them out).
    check_edits("big(400)", &common::big(400), 60, 0x5851_F42D_4C95_7F2D);
}

#[test]
fn random_edits_of_every_fixture() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures dir")
        .flatten()
        .flat_map(|d| ["invalid.go", "valid.go"].map(|f| d.path().join(f)))
        .filter(|p| p.exists())
        .collect();
    files.sort();
    assert!(files.len() >= 40, "fixtures found: {}", files.len());
    for (i, f) in files.iter().enumerate() {
        let src = std::fs::read_to_string(f).expect("fixture");
        check_edits(&f.display().to_string(), &src, 40, 0x9E37_79B9 + i as u64);
    }
}

#[test]
fn edits_inside_characters_apply_to_whole_characters() {
    let src = "package p\n\n// 日本\nfunc f() {}\n";
    let mut doc = Document::new(src, Default::default());
    let inside = src.find('日').unwrap() + 1;
    // Replace from inside `日` to inside `本`: both characters are replaced.
    doc.edit(inside, inside + 3, "x");
    assert_eq!(doc.text(), "package p\n\n// x\nfunc f() {}\n");
    assert_eq!(doc.analysis(), &analyze(doc.text(), &Default::default()));
}

/// A document of `src`, which must report `rule`; with the options and the rule's code.
fn reporting(src: &str, rule: &str) -> (Document, analyzer_core::Options, &'static str) {
    let options = analyzer_core::Options::default();
    let doc = Document::new(src, options.clone());
    let code = analyzer_core::rule(rule).unwrap().code;
    assert!(doc.analysis().codes().contains(&code), "{rule} expected");
    (doc, options, code)
}

#[test]
fn an_edit_inside_one_function_reuses_the_others() {
    let options = analyzer_core::Options::default();
    let mut doc = Document::new(common::SNIPPET, options.clone());
    // One character inside the last function (the handler).
    let at = common::SNIPPET.rfind("no key").unwrap();
    doc.edit(at, at, "x");
    assert_eq!(doc.analysis(), &analyze(doc.text(), &options));
    assert!(
        doc.reused_bodies() >= 4,
        "re-used bodies: {}",
        doc.reused_bodies()
    );
}

/// A file with more nodes than the model indexes (about 60k lines): the engine falls back
/// to queries per top-level declaration that leave re-used bodies out.
#[test]
fn an_edit_in_a_file_too_large_to_index() {
    let src = common::big(70_000);
    let options = analyzer_core::Options::default();
    let mut doc = Document::new(&src, options.clone());
    let at = src.rfind("no key").unwrap();
    doc.edit(at, at, "x");
    assert_eq!(doc.analysis(), &analyze(doc.text(), &options));
    assert!(
        doc.reused_bodies() > 1000,
        "re-used: {}",
        doc.reused_bodies()
    );
}

#[test]
fn a_parameter_renamed_reuses_the_other_bodies() {
    let options = analyzer_core::Options::default();
    let mut doc = Document::new(common::SNIPPET, options.clone());
    let (what, from, to) = common::EDITS[0];
    assert_eq!(
        (what, from),
        ("signature", "workers"),
        "the benchmark's edit"
    );
    let at = common::SNIPPET.find(from).unwrap();
    doc.edit(at + to.len(), at + from.len(), "");
    assert_eq!(doc.analysis(), &analyze(doc.text(), &options));
    assert!(
        doc.reused_bodies() >= 4,
        "re-used bodies: {}",
        doc.reused_bodies()
    );
    // Back, and a parameter added: still equal to a fresh analysis.
    doc.set_text(common::SNIPPET);
    doc.edit(at, at, "ctx2 context.Context, ");
    assert_eq!(doc.analysis(), &analyze(doc.text(), &options));
}

/// An edit that starts inside a parameter list but takes the results with it changes what
/// calls in other functions return: everything is checked again.
#[test]
fn an_edit_reaching_past_the_parameters_is_not_a_parameter_edit() {
    let src = r#"package p

import "net/http"

func get(u string) (*http.Response, error) {
	return http.Get(u)
}

func use() int {
	resp, err := get("http://example.com")
	if err != nil {
		return 0
	}
	return resp.StatusCode
}
"#;
    let (mut doc, options, code) = reporting(src, "response-body-not-closed");
    doc.set_text(&src.replace("u string) (*http", "u string, r *http"));
    assert_eq!(doc.analysis(), &analyze(doc.text(), &options));
    assert!(!doc.analysis().codes().contains(&code));
}

/// A check that reads another function's body (here: does `find` wrap with `%w`?) is done
/// again when that body changes, even though it reports nothing there.
#[test]
fn a_check_reading_another_body_is_redone() {
    let src = r#"package p

import (
	"errors"
	"fmt"
)

var ErrNotFound = errors.New("not found")

func find(id string) (string, error) {
	return "", fmt.Errorf("user %s: %v", id, ErrNotFound)
}

func lookup(id string) bool {
	_, err := find(id)
	if err != nil {
		return err == ErrNotFound
	}
	return false
}
"#;
    let options = analyzer_core::Options::default();
    let mut doc = Document::new(src, options.clone());
    let compared = analyzer_core::rule("error-compared-by-message")
        .unwrap()
        .code;
    assert!(!doc.analysis().codes().contains(&compared));
    doc.set_text(&src.replace("%v", "%w"));
    assert_eq!(doc.analysis(), &analyze(doc.text(), &options));
    assert!(doc.analysis().codes().contains(&compared));
}

/// A check that looks at the whole file (does any request carry a context?) is done again
/// after an edit elsewhere.
#[test]
fn a_check_reading_the_whole_file_is_redone() {
    let src = r#"package p

import (
	"context"
	"net/http"
)

func client() *http.Client {
	c := &http.Client{}
	return c
}

func request(ctx context.Context, u string) (*http.Request, error) {
	return http.NewRequest("GET", u, nil)
}
"#;
    let (mut doc, options, code) = reporting(src, "http-client-without-timeout");
    doc.set_text(&src.replace("NewRequest(", "NewRequestWithContext(ctx, "));
    assert_eq!(doc.analysis(), &analyze(doc.text(), &options));
    assert!(!doc.analysis().codes().contains(&code));
}

/// After an edit, the model may leave out the bodies nobody re-checks; a check that reaches
/// into them anyway (here: the whole-file search for requests with a context meets a local
/// `http` that shadows the package) is done again on the full model.
#[test]
fn a_check_reaching_into_a_skipped_body_sees_all_of_it() {
    let src = r#"package p

import (
	"context"
	"net/http"
)

type fake struct{}

func (fake) NewRequestWithContext(ctx context.Context, m, u string, b any) {}

func client() *http.Client {
	c := &http.Client{}
	return c
}

func request(ctx context.Context, u string) {
	http := fake{}
	http.NewRequestWithContext(ctx, "GET", u, nil)
}

func other() int {
	return 1
}
"#;
    let (mut doc, options, _) = reporting(src, "http-client-without-timeout");
    doc.set_text(&src.replace("return 1", "return 2"));
    assert!(doc.reused_bodies() >= 1);
    assert_eq!(doc.analysis(), &analyze(doc.text(), &options));
}
