//! Small iterative helpers over tree-sitter nodes. Nothing here recurses: the depth of a
//! tree is set by the input, and wasm's stack is small.

use tree_sitter::{Node, TreeCursor};

/// `Node::kind` without its per-call `strlen` and UTF-8 check: the grammar's kind names,
/// looked up once and indexed by kind id. An analysis asks every node's kind, often
/// several times; the checks alone were ~5 % of it.
pub trait KindStr<'t> {
    fn kind_str(&self) -> &'t str;
}

impl<'t> KindStr<'t> for Node<'t> {
    #[inline]
    fn kind_str(&self) -> &'t str {
        static NAMES: std::sync::OnceLock<Vec<Box<str>>> = std::sync::OnceLock::new();
        let names = NAMES.get_or_init(|| {
            let lang = crate::engine::language();
            (0..lang.node_kind_count())
                .map(|id| {
                    u16::try_from(id)
                        .ok()
                        .and_then(|id| lang.node_kind_for_id(id))
                        .unwrap_or("")
                        .into()
                })
                .collect()
        });
        // `kind_id` is the public symbol, whose name is the node's kind; ERROR (65535) and
        // other ids outside the table take the slow path.
        match names.get(usize::from(self.kind_id())) {
            Some(name) if !name.is_empty() => name,
            _ => self.kind(),
        }
    }
}

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
        if n.kind_str() == kind {
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
        if n != root && n.kind_str() == "func_literal" {
            return false;
        }
        if n.kind_str() == kind {
            out.push(n);
        }
        true
    });
    out
}

/// What an unlabeled `break` leaves: the innermost of these around it.
pub const BREAKABLE: &[&str] = &[
    "for_statement",
    "expression_switch_statement",
    "type_switch_statement",
    "select_statement",
];

/// The nearest ancestor (not `node` itself) whose kind is one of `kinds`.
pub fn ancestor<'t>(node: Node<'t>, kinds: &[&str]) -> Option<Node<'t>> {
    let mut cur = node.parent();
    while let Some(n) = cur {
        if kinds.contains(&n.kind_str()) {
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
        match n.kind_str() {
            "for_statement" => return Some(n),
            "func_literal" | "function_declaration" | "method_declaration" => return None,
            _ => cur = n.parent(),
        }
    }
    None
}

/// Strips parentheses around an expression.
pub fn unparen(mut node: Node<'_>) -> Node<'_> {
    while node.kind_str() == "parenthesized_expression" {
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
        .filter(|n| n.kind_str() != "comment")
        .collect()
}

/// The expressions of an `expression_list` (or the node itself if it is not a list).
pub fn list_items(node: Node<'_>) -> Vec<Node<'_>> {
    if node.kind_str() == "expression_list" {
        named_children(node)
    } else {
        vec![node]
    }
}

/// The statements of a block, whatever the grammar nests them in.
pub fn block_statements(block: Node<'_>) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    for c in named_children(block) {
        if c.kind_str() == "statement_list" {
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
        .find(|n| n.kind_str() == "call_expression")
}

/// For a `go` statement launching a function literal: the literal.
pub fn go_func_literal(stmt: Node<'_>) -> Option<Node<'_>> {
    let call = go_call(stmt)?;
    let f = unparen(call.child_by_field_name("function")?);
    (f.kind_str() == "func_literal").then_some(f)
}

/// The value of a Go string literal node (interpreted or raw), without quotes. Escapes are
/// kept as written; rules only need to look for verbs and layouts.
pub fn string_value<'s>(node: Node<'_>, src: &'s str) -> Option<&'s str> {
    match node.kind_str() {
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

// ---- statements (added for the sync rules) --------------------------------------------

/// Node kinds whose named children are statements.
const STATEMENT_PARENTS: &[&str] = &["statement_list", "block", "source_file"];

/// The statement `node` is part of: the ancestor-or-self that sits directly in a statement
/// list (a block, a case body).
pub fn statement_of(node: Node<'_>) -> Option<Node<'_>> {
    let mut cur = node;
    loop {
        let parent = cur.parent()?;
        if STATEMENT_PARENTS.contains(&parent.kind_str()) {
            return Some(cur);
        }
        cur = parent;
    }
}

/// The statement after `stmt` in its list (comments skipped).
pub fn next_statement(stmt: Node<'_>) -> Option<Node<'_>> {
    let mut cur = stmt.next_named_sibling();
    while let Some(n) = cur {
        if n.kind_str() != "comment" {
            return Some(n);
        }
        cur = n.next_named_sibling();
    }
    None
}

/// True if, on the way from `node` up to (not beyond) its ancestor `stop`, some sibling
/// that runs before it (a previous sibling at any level) starting after byte `after`
/// satisfies `f`. Function literals stop the climb: their body runs elsewhere.
pub fn preceded_by<'t>(
    node: Node<'t>,
    stop: Node<'t>,
    after: usize,
    mut f: impl FnMut(Node<'t>) -> bool,
) -> bool {
    let mut cur = node;
    while cur != stop {
        let mut sib = cur.prev_named_sibling();
        while let Some(s) = sib {
            if s.start_byte() >= after && s.kind_str() != "comment" && f(s) {
                return true;
            }
            sib = s.prev_named_sibling();
        }
        if cur.kind_str() == "func_literal" {
            return false;
        }
        match cur.parent() {
            Some(p) => cur = p,
            None => return false,
        }
    }
    false
}

/// Like [`preceded_by`], for the siblings that run after `node` (next siblings at every
/// level up to `stop`).
pub fn followed_by<'t>(
    node: Node<'t>,
    stop: Node<'t>,
    mut f: impl FnMut(Node<'t>) -> bool,
) -> bool {
    let mut cur = node;
    while cur != stop {
        let mut sib = cur.next_named_sibling();
        while let Some(s) = sib {
            if s.kind_str() != "comment" && f(s) {
                return true;
            }
            sib = s.next_named_sibling();
        }
        if cur.kind_str() == "func_literal" {
            return false;
        }
        match cur.parent() {
            Some(p) => cur = p,
            None => return false,
        }
    }
    false
}

/// Like [`walk`], but does not enter function literals below `root`.
pub fn walk_same_func<'t>(root: Node<'t>, mut f: impl FnMut(Node<'t>) -> bool) {
    walk(root, |n| {
        if n != root && n.kind_str() == "func_literal" {
            return false;
        }
        f(n)
    });
}

/// The byte range that removes `node` together with its line when nothing else is on that
/// line (indentation and the newline included); otherwise just the node.
pub fn line_extent(src: &str, node: Node<'_>) -> (usize, usize) {
    let (start, end) = (node.start_byte(), node.end_byte());
    let (Some(before), Some(after)) = (src.get(..start), src.get(end..)) else {
        return (start, end);
    };
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let lead_ok = before[line_start..].chars().all(|c| c == ' ' || c == '\t');
    let rest = after.split('\n').next().unwrap_or("");
    let trail_ok = rest.chars().all(|c| c == ' ' || c == '\t' || c == '\r');
    if lead_ok && trail_ok && after.len() > rest.len() {
        (line_start, end + rest.len() + 1)
    } else {
        (start, end)
    }
}

/// The variable at the root of a selector chain: `s` for `s.a.b`, `*p` and `&x` unwrapped.
pub fn root_ident(mut n: Node<'_>) -> Node<'_> {
    loop {
        n = unparen(n);
        let next = match n.kind_str() {
            "selector_expression" | "unary_expression" | "index_expression" => {
                n.child_by_field_name("operand")
            }
            _ => None,
        };
        match next {
            Some(o) => n = o,
            None => return n,
        }
    }
}

/// Where to insert a new line after `node`: the end of its line when only spaces or a line
/// comment follow it there, else the end of the node.
pub fn insertion_point_after(src: &str, node: Node<'_>) -> usize {
    let end = node.end_byte();
    let Some(rest) = src.get(end..) else {
        return end;
    };
    let line = rest.split('\n').next().unwrap_or("");
    let trimmed = line.trim();
    if trimmed.is_empty() || (trimmed.starts_with("//") && !trimmed.contains("*/")) {
        end + line.trim_end_matches('\r').len()
    } else {
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table behind `kind_str` names every node as `Node::kind` does: named and
    /// anonymous nodes, aliases (`field_identifier`), ERROR and MISSING nodes.
    #[test]
    fn kind_str_is_kind() {
        let mut parser = crate::engine::new_parser();
        let sources = [
            include_str!("../tests/parity/bench_snippet.go"),
            "package p\nfunc f() { x := T{a: 1}; x.y.z <- (1 + ; go func() { }( }\n}}}",
            "type S struct { *sync.Mutex; a, b []map[string]chan<- int } // c\nvar _ = `raw` + 'r'",
        ];
        let mut seen = std::collections::HashSet::new();
        for src in sources {
            let tree = parser.parse(src, None).expect("parsed");
            walk(tree.root_node(), |n| {
                assert_eq!(n.kind_str(), n.kind(), "kind id {}", n.kind_id());
                seen.insert(n.kind().to_string());
                true
            });
        }
        for kind in [
            "ERROR",
            "field_identifier",
            "type_identifier",
            "(",
            ":=",
            "comment",
        ] {
            assert!(seen.contains(kind), "{kind} not covered");
        }
    }
}
