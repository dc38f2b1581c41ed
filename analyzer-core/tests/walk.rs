//! `Model::walk` (over the model's pre-order index) visits exactly what `syntax::walk`
//! (a tree cursor) visits, in the same order, skipping the same children; its parents and
//! ancestors are tree-sitter's.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use analyzer_core::model::Model;
use analyzer_core::syntax::{self, KindStr as _};
use tree_sitter::Node;

fn sources() -> Vec<String> {
    let mut out = vec![
        common::SNIPPET.to_string(),
        // Broken code: ERROR and MISSING nodes, zero-width nodes at the ends of subtrees.
        "package p\nfunc f() { go func() { x <- (1 + }( ; if { }\nfunc g(".to_string(),
    ];
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for rule in std::fs::read_dir(dir).expect("fixtures").flatten() {
        for file in std::fs::read_dir(rule.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            out.push(std::fs::read_to_string(file.path()).expect("fixture"));
        }
    }
    out
}

/// Declines the children of calls and of every third node: exercises the skipping.
fn decline(n: Node<'_>, seen: usize) -> bool {
    n.kind_str() != "call_expression" && !seen.is_multiple_of(3)
}

#[test]
fn model_walk_equals_cursor_walk_from_every_node() {
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&tree_sitter_go::LANGUAGE.into())
        .expect("grammar");
    let mut roots = 0;
    for src in sources() {
        let tree = parser.parse(&src, None).expect("parsed");
        let model = Model::build(tree.root_node(), &src);
        assert!(model.walks_indexed());
        let mut all = Vec::new();
        syntax::walk(tree.root_node(), |n| {
            all.push(n);
            true
        });
        for root in all {
            roots += 1;
            for declining in [false, true] {
                let (mut a, mut b) = (Vec::new(), Vec::new());
                syntax::walk(root, |n| {
                    a.push(n.id());
                    !declining || decline(n, a.len())
                });
                model.walk(root, |n| {
                    b.push(n.id());
                    !declining || decline(n, b.len())
                });
                assert_eq!(
                    a,
                    b,
                    "walk from a {} at byte {}",
                    root.kind(),
                    root.start_byte()
                );
            }
            assert_eq!(
                syntax::descendants_same_func(root, "send_statement"),
                model.descendants_same_func(root, "send_statement")
            );
            assert_eq!(root.parent(), model.parent(root));
            assert_eq!(syntax::enclosing_func(root), model.enclosing_func(root));
            assert_eq!(
                syntax::enclosing_loop_same_func(root),
                model.enclosing_loop_same_func(root)
            );
        }
    }
    assert!(roots > 10_000, "nodes tried: {roots}");
}
