//! The grammar reads the Go the default language version accepts: upstream tree-sitter-go
//! 0.25.0 rejected Go 1.26's `new(expr)` and Go 1.27's generic methods, so learners got a
//! "syntax error" for code the Go toolchain compiles (vendor/tree-sitter-go/PATCHED.md).
#![cfg(not(target_arch = "wasm32"))]

use analyzer_core::{Options, analyze};
use tree_sitter::{Node, Parser};

/// Real Go 1.27 (`tests/tests/go_truth.rs` vets, formats and runs it with the toolchain).
const CURRENT_GO: &str = include_str!("syntax/current_go.go");

fn parse(src: &str) -> tree_sitter::Tree {
    let mut parser = Parser::new();
    parser
        .set_language(&tree_sitter_go::LANGUAGE.into())
        .expect("grammar");
    parser.parse(src, None).expect("tree")
}

fn each<'t>(node: Node<'t>, f: &mut impl FnMut(Node<'t>)) {
    let mut cursor = node.walk();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        f(n);
        stack.extend(n.children(&mut cursor));
    }
}

#[test]
fn go_1_26_and_1_27_syntax_is_not_a_syntax_error() {
    let a = analyze(CURRENT_GO, &Options::default());
    let syntax: Vec<_> = a
        .diagnostics
        .iter()
        .filter(|d| d.code == "GP0001")
        .map(|d| (d.span.start.line, d.message_en.clone()))
        .collect();
    assert!(syntax.is_empty(), "{syntax:?}");
    assert!(!parse(CURRENT_GO).root_node().has_error());
}

/// The first argument of `new` and `make` keeps the type reading wherever it has one (the
/// model takes `new(T)` as `*T` and `make(chan T)` as a channel); only operands that cannot
/// be types are values.
#[test]
fn new_and_make_read_their_operand_as_a_type_when_they_can() {
    let tree = parse(CURRENT_GO);
    let mut operands = Vec::new();
    each(tree.root_node(), &mut |n| {
        if n.kind() == "call_expression"
            && n.child_by_field_name("function")
                .is_some_and(|f| matches!(&CURRENT_GO[f.byte_range()], "new" | "make"))
        {
            let arg = n
                .child_by_field_name("arguments")
                .and_then(|a| a.named_child(0))
                .expect("operand");
            operands.push((CURRENT_GO[arg.byte_range()].to_string(), arg.kind()));
        }
    });
    operands.sort();
    let want = [
        ("\"svc\"", "interpreted_string_literal"),
        ("*int", "pointer_type"),
        ("2 - 1", "binary_expression"),
        ("42", "int_literal"),
        ("Box{v: 1}", "composite_literal"),
        ("List[int]", "generic_type"),
        ("[]U", "slice_type"),
        ("[]int", "slice_type"),
        ("chan int", "channel_type"),
        ("int64(-64)", "call_expression"),
        ("sync.Mutex", "qualified_type"),
    ];
    let got: Vec<(&str, &str)> = operands.iter().map(|(t, k)| (t.as_str(), *k)).collect();
    assert_eq!(got, want);
}

#[test]
fn a_generic_method_has_its_receiver_name_and_type_parameters() {
    let tree = parse(CURRENT_GO);
    let mut methods = Vec::new();
    each(tree.root_node(), &mut |n| {
        if n.kind() == "method_declaration" {
            let field = |name| {
                n.child_by_field_name(name)
                    .map(|c| CURRENT_GO[c.byte_range()].to_string())
                    .unwrap_or_default()
            };
            methods.push([field("receiver"), field("name"), field("type_parameters")]);
        }
    });
    methods.sort();
    assert_eq!(
        methods,
        [
            ["(b Box)", "Pair", "[K comparable, V any]"].map(String::from),
            ["(l *List[T])", "Map", "[U any]"].map(String::from),
        ]
    );
}

/// The patch accepts generic methods only where Go does: methods exist only at the top level.
#[test]
fn a_method_inside_a_function_is_still_an_error() {
    let src = "package main\n\nfunc f() {\n\tfunc (b Box) Pair[K any](k K) {}\n}\n";
    assert!(parse(src).root_node().has_error());
}
