//! tree-sitter's text predicates still work with the regex-lite stand-in for `regex`
//! (shims/regex): rules may use `#match?` as well as `#eq?` and `#any-of?`.

use tree_sitter::{Parser, Query, QueryCursor, StreamingIterator};

fn matches(query: &str, src: &str) -> Vec<String> {
    let lang: tree_sitter::Language = tree_sitter_go::LANGUAGE.into();
    let mut parser = Parser::new();
    parser.set_language(&lang).unwrap();
    let tree = parser.parse(src, None).unwrap();
    let q = Query::new(&lang, query).unwrap();
    let mut cursor = QueryCursor::new();
    let mut out = Vec::new();
    let mut it = cursor.matches(&q, tree.root_node(), src.as_bytes());
    while let Some(m) = it.next() {
        for c in m.captures() {
            out.push(c.node.utf8_text(src.as_bytes()).unwrap().to_string());
        }
    }
    out
}

const SRC: &str = "package p\nfunc f() { mu.Lock(); mu.RLock(); mu.Unlock(); 名字.Lock() }\n";

#[test]
fn match_predicate_filters_by_regex() {
    let q = r#"(call_expression function: (selector_expression field: (field_identifier) @m (#match? @m "^R?Lock$")))"#;
    assert_eq!(matches(q, SRC), ["Lock", "RLock", "Lock"]);
    let q = r#"(call_expression function: (selector_expression operand: (identifier) @x (#not-match? @x "^[a-z]+$")))"#;
    assert_eq!(matches(q, SRC), ["名字"]);
}

#[test]
fn invalid_regex_is_a_query_error_not_a_panic() {
    let lang: tree_sitter::Language = tree_sitter_go::LANGUAGE.into();
    assert!(Query::new(&lang, r#"((identifier) @x (#match? @x "("))"#).is_err());
}
