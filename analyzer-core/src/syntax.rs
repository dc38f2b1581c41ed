//! Small iterative helpers over tree-sitter nodes. Nothing here recurses: the depth of a
//! tree is set by the input, and wasm's stack is small.

use tree_sitter::{Node, TreeCursor};

/// Calls `f` on `root` and every descendant, in source order (pre-order). Return `false`
/// from `f` to skip a node's children.
pub fn walk<'t>(root: Node<'t>, mut f: impl FnMut(Node<'t>) -> bool) {
    let mut cursor: TreeCursor<'t> = root.walk();
    let mut descend = f(cursor.node());
    loop {
        if descend && cursor.goto_first_child() {
            descend = f(cursor.node());
            continue;
        }
        loop {
            if cursor.node() == root {
                return;
            }
            if cursor.goto_next_sibling() {
                descend = f(cursor.node());
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
        }
    }
}

/// All descendants of `root` (and `root` itself) of the given kind, in source order.
pub fn descendants_of_kind<'t>(root: Node<'t>, kind: &str) -> Vec<Node<'t>> {
    let mut out = Vec::new();
    walk(root, |n| {
        if n.kind() == kind {
            out.push(n);
        }
        true
    });
    out
}

/// Like [`descendants_of_kind`] but does not enter function literals below `root`: what
/// happens inside a closure is not what happens in the enclosing function's own flow.
pub fn descendants_same_func<'t>(root: Node<'t>, kind: &str) -> Vec<Node<'t>> {
    let mut out = Vec::new();
    walk(root, |n| {
        if n != root && n.kind() == "func_literal" {
            return false;
        }
        if n.kind() == kind {
            out.push(n);
        }
        true
    });
    out
}

/// The nearest ancestor (not `node` itself) whose kind is one of `kinds`.
pub fn ancestor<'t>(node: Node<'t>, kinds: &[&str]) -> Option<Node<'t>> {
    let mut cur = node.parent();
    while let Some(n) = cur {
        if kinds.contains(&n.kind()) {
            return Some(n);
        }
        cur = n.parent();
    }
    None
}

pub const FUNC_KINDS: &[&str] = &["function_declaration", "method_declaration", "func_literal"];
pub const LOOP_KINDS: &[&str] = &["for_statement"];

/// The function (declaration, method or literal) whose body contains `node`.
pub fn enclosing_func(node: Node<'_>) -> Option<Node<'_>> {
    ancestor(node, FUNC_KINDS)
}

/// The body block of a function node.
pub fn func_body(func: Node<'_>) -> Option<Node<'_>> {
    func.child_by_field_name("body")
}

/// True if `inner` lies within `outer` (inclusive).
pub fn contains(outer: Node<'_>, inner: Node<'_>) -> bool {
    outer.start_byte() <= inner.start_byte() && inner.end_byte() <= outer.end_byte()
}

/// The innermost loop around `node` that is inside the same function.
pub fn enclosing_loop_same_func(node: Node<'_>) -> Option<Node<'_>> {
    let mut cur = node.parent();
    while let Some(n) = cur {
        match n.kind() {
            "for_statement" => return Some(n),
            "func_literal" | "function_declaration" | "method_declaration" => return None,
            _ => cur = n.parent(),
        }
    }
    None
}

/// Strips parentheses around an expression.
pub fn unparen(mut node: Node<'_>) -> Node<'_> {
    while node.kind() == "parenthesized_expression" {
        match node.named_child(0) {
            Some(inner) => node = inner,
            None => break,
        }
    }
    node
}

pub fn named_children<'t>(node: Node<'t>) -> Vec<Node<'t>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|n| n.kind() != "comment")
        .collect()
}

/// The expressions of an `expression_list` (or the node itself if it is not a list).
pub fn list_items(node: Node<'_>) -> Vec<Node<'_>> {
    if node.kind() == "expression_list" {
        named_children(node)
    } else {
        vec![node]
    }
}

/// The statements of a block, whatever the grammar nests them in.
pub fn block_statements(block: Node<'_>) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    for c in named_children(block) {
        if c.kind() == "statement_list" {
            out.extend(named_children(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// For a `go` or `defer` statement: the call it makes.
pub fn go_call(stmt: Node<'_>) -> Option<Node<'_>> {
    named_children(stmt)
        .into_iter()
        .map(unparen)
        .find(|n| n.kind() == "call_expression")
}

/// For a `go` statement launching a function literal: the literal.
pub fn go_func_literal(stmt: Node<'_>) -> Option<Node<'_>> {
    let call = go_call(stmt)?;
    let f = unparen(call.child_by_field_name("function")?);
    (f.kind() == "func_literal").then_some(f)
}

/// The value of a Go string literal node (interpreted or raw), without quotes. Escapes are
/// kept as written; rules only need to look for verbs and layouts.
pub fn string_value<'s>(node: Node<'_>, src: &'s str) -> Option<&'s str> {
    match node.kind() {
        "interpreted_string_literal" | "raw_string_literal" => {
            let t = node.utf8_text(src.as_bytes()).ok()?;
            Some(&t[1..t.len().saturating_sub(1).max(1)])
        }
        _ => None,
    }
}

/// Field ids of the Go grammar, looked up once. `child_by_field_name` scans every field
/// name with `strncmp` on each call; the model calls it on every node it visits.
pub struct Fields {
    pub alias: u16,
    pub arguments: u16,
    pub body: u16,
    pub element: u16,
    pub field: u16,
    pub function: u16,
    pub key: u16,
    pub left: u16,
    pub name: u16,
    pub operand: u16,
    pub package: u16,
    pub parameters: u16,
    pub path: u16,
    pub receiver: u16,
    pub result: u16,
    pub right: u16,
    pub r#type: u16,
    pub value: u16,
}

pub fn fields() -> &'static Fields {
    static F: std::sync::OnceLock<Fields> = std::sync::OnceLock::new();
    F.get_or_init(|| {
        let lang = crate::engine::language();
        let id = |n: &str| lang.field_id_for_name(n).map_or(u16::MAX, |i| i.get());
        Fields {
            alias: id("alias"),
            arguments: id("arguments"),
            body: id("body"),
            element: id("element"),
            field: id("field"),
            function: id("function"),
            key: id("key"),
            left: id("left"),
            name: id("name"),
            operand: id("operand"),
            package: id("package"),
            parameters: id("parameters"),
            path: id("path"),
            receiver: id("receiver"),
            result: id("result"),
            right: id("right"),
            r#type: id("type"),
            value: id("value"),
        }
    })
}
