//! Control-flow facts the goroutine and channel rules (GP1xxx) share: which goroutines a
//! function launches and what they run, where a loop can be left, whether a statement falls
//! through to what follows it, which branches exclude each other, and which contexts and
//! channels are in view. Structured-code approximations: every helper answers "not known"
//! (the rule stays silent) when the code is not plainly one of the shapes it understands.
//!
//! Every walk here is iterative (parent links or [`syntax::walk`]).

use super::{Buffering, Callee, DeclId, Model, Ty};
use crate::syntax::{self, KindStr as _, unparen};
use tree_sitter::Node;

/// Statements that transfer control unconditionally out of their statement list.
const JUMPS: &[&str] = &[
    "return_statement",
    "break_statement",
    "continue_statement",
    "goto_statement",
];

impl<'t> Model<'t> {
    /// Declarations of type `context.Context` visible at byte `pos` (parameters and locals of
    /// the enclosing functions, then package-level ones), innermost first.
    pub fn contexts_in_scope(&self, pos: usize) -> Vec<DeclId> {
        let mut out = Vec::new();
        let mut scope = Some(self.scope_at(pos));
        while let Some(s) = scope {
            let sc = &self.scopes[s];
            for &d in sc.decls.iter().rev() {
                let decl = &self.decls[d];
                if (s == 0 || decl.visible_from <= pos)
                    && decl.ty.is("context", "Context")
                    && !out
                        .iter()
                        .any(|&o: &DeclId| self.decls[o].name == decl.name)
                {
                    out.push(d);
                }
            }
            scope = sc.parent;
        }
        out
    }

    /// For a `go` statement: the function it runs when this file shows it: a literal, a
    /// function of this file, or a method of a type of this file (`go s.loop()`).
    pub fn goroutine_func(&self, go: Node<'t>) -> Option<Node<'t>> {
        let call = syntax::go_call(go)?;
        let f = unparen(call.child_by_field_name("function")?);
        if f.kind_str() == "func_literal" {
            return Some(f);
        }
        match self.callee(call) {
            Callee::Local { name } => self.func(&name).map(|fi| fi.node),
            Callee::Method { recv_ty, name } => match recv_ty.deref() {
                Ty::Named { pkg: None, name: t } => self.method(t, &name).map(|fi| fi.node),
                _ => None,
            },
            _ => None,
        }
    }

    /// `go` statements of the function whose body is `body` (not those of nested literals).
    pub fn goroutines_launched(&self, body: Node<'t>) -> Vec<Node<'t>> {
        self.descendants_same_func(body, "go_statement")
    }

    /// How a local channel variable was made: `Some(Unbuffered | Buffered)` when it is
    /// declared in a function with `make(chan T[, n])` as its initial value.
    pub fn made_chan(&self, decl: DeclId) -> Option<Buffering> {
        let d = self.decl(decl);
        if d.scope == 0 {
            return None;
        }
        let init = unparen(d.init?);
        if init.kind_str() != "call_expression" || !self.callee(init).is_builtin("make") {
            return None;
        }
        match self.type_of(init) {
            Ty::Chan { buffering, .. } if buffering != Buffering::Unknown => Some(buffering),
            _ => None,
        }
    }

    /// For `close(x)`: `x`.
    pub fn closed_chan<'n>(&self, call: Node<'n>) -> Option<Node<'n>> {
        // The text first: resolving every call a rule walks over is what costs.
        let named_close = call
            .child_by_field_name("function")
            .map(unparen)
            .is_some_and(|f| f.kind_str() == "identifier" && self.text(f) == "close");
        if !named_close || !self.callee(call).is_builtin("close") {
            return None;
        }
        let args = self.call_args(call);
        (args.len() == 1).then(|| unparen(args[0]))
    }

    /// True if `call` calls the package function `path.name` (aliases and shadowing
    /// resolved by [`Model::callee`]).
    pub fn calls_pkg(&self, call: Node<'_>, path: &str, names: &[&str]) -> bool {
        call.kind_str() == "call_expression" && self.callee(call).is_pkg_any(path, names)
    }

    /// The value a variable was declared with, when nothing assigns it again.
    pub fn sole_value(&self, d: DeclId) -> Option<Node<'t>> {
        let init = self.decl(d).init?;
        self.uses(d)
            .iter()
            .all(|u| self.use_role(*u) != UseRole::Assigned)
            .then_some(init)
    }

    /// How a use of a variable (an identifier) is used, as far as its lifetime goes.
    pub fn use_role(&self, u: Node<'t>) -> UseRole {
        let Some(mut parent) = self.parent(u) else {
            return UseRole::Other;
        };
        let mut child = u;
        while parent.kind_str() == "parenthesized_expression" {
            child = parent;
            match self.parent(parent) {
                Some(p) => parent = p,
                None => return UseRole::Other,
            }
        }
        match parent.kind_str() {
            "argument_list" => {
                let call = self.parent(parent);
                if call.is_some_and(|c| self.callee(c).is_builtin("close")) {
                    UseRole::Closed
                } else if call.is_some_and(|c| {
                    matches!(self.callee(c), Callee::Builtin { ref name } if name == "len" || name == "cap")
                }) {
                    UseRole::Other
                } else {
                    UseRole::Escapes
                }
            }
            "send_statement" => {
                if parent.child_by_field_name("channel") == Some(child) {
                    UseRole::Send
                } else {
                    UseRole::Escapes
                }
            }
            "unary_expression" => match parent.child(0).map(|c| c.kind_str()) {
                Some("<-") => UseRole::Receive,
                Some("&") => UseRole::Escapes,
                _ => UseRole::Other,
            },
            "range_clause" if parent.child_by_field_name("right") == Some(child) => UseRole::Range,
            "expression_list" => {
                let Some(stmt) = self.parent(parent) else {
                    return UseRole::Other;
                };
                let left = stmt.child_by_field_name("left");
                match stmt.kind_str() {
                    "assignment_statement" if left == Some(parent) => UseRole::Assigned,
                    "assignment_statement" if blank_counterpart(self, left, parent, child) => {
                        UseRole::Discarded
                    }
                    "assignment_statement"
                    | "short_var_declaration"
                    | "var_spec"
                    | "return_statement" => UseRole::Escapes,
                    // `case ch <- v:` / `v := <-ch` are handled above; anything else in a
                    // list (a multi-value call's arguments) hands the value on.
                    _ => UseRole::Escapes,
                }
            }
            "return_statement" | "keyed_element" | "literal_element" | "literal_value" => {
                UseRole::Escapes
            }
            "assignment_statement" => {
                if parent.child_by_field_name("left") == Some(child) {
                    UseRole::Assigned
                } else {
                    UseRole::Escapes
                }
            }
            "call_expression" if parent.child_by_field_name("function") == Some(child) => {
                UseRole::Called
            }
            _ => UseRole::Other,
        }
    }
}

/// What a use of a variable does with it (see [`Model::use_role`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UseRole {
    /// `ch <- v`
    Send,
    /// `<-ch`
    Receive,
    /// `for v := range ch`
    Range,
    /// `close(ch)`
    Closed,
    /// `f()` (the variable is the function called)
    Called,
    /// On the left of `=`.
    Assigned,
    /// `_ = x`: read only to be thrown away.
    Discarded,
    /// Passed to a call, returned, stored, sent, aliased, its address taken: what happens to
    /// it next is decided elsewhere.
    Escapes,
    Other,
}

/// In `a, _ = x, y`: whether `item` of the right-hand `right` is assigned to `_`.
fn blank_counterpart(
    m: &Model<'_>,
    left: Option<Node<'_>>,
    right: Node<'_>,
    item: Node<'_>,
) -> bool {
    let (Some(left), rights) = (left, syntax::list_items(right)) else {
        return false;
    };
    let lefts = syntax::list_items(left);
    lefts.len() == rights.len()
        && rights
            .iter()
            .position(|r| *r == item)
            .and_then(|i| lefts.get(i))
            .is_some_and(|l| m.text(*l) == "_")
}

/// For a receive expression `<-x`: `x`.
pub fn receive_operand(n: Node<'_>) -> Option<Node<'_>> {
    (n.kind_str() == "unary_expression" && n.child(0).is_some_and(|c| c.kind_str() == "<-"))
        .then(|| n.child_by_field_name("operand").map(unparen))
        .flatten()
}

/// The `select` a communication case belongs to, when `n` is (inside) the case's own
/// communication (`case v := <-ch:` or `case ch <- v:`), not its body.
pub fn select_of_case_comm<'t>(n: Node<'t>) -> Option<(Node<'t>, Node<'t>)> {
    let mut cur = n;
    loop {
        let parent = cur.parent()?;
        match parent.kind_str() {
            "communication_case" => {
                return (parent.child_by_field_name("communication") == Some(cur))
                    .then(|| parent.parent().map(|s| (s, parent)))
                    .flatten();
            }
            "receive_statement"
            | "send_statement"
            | "unary_expression"
            | "expression_list"
            | "parenthesized_expression" => cur = parent,
            _ => return None,
        }
    }
}

/// The statements of a case clause (communication, expression, type or default case).
pub fn case_statements(case: Node<'_>) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    for c in syntax::named_children(case) {
        match c.kind_str() {
            "statement_list" => out.extend(syntax::named_children(c)),
            // A case's communication is a statement too; it is not part of the body.
            k if (k.ends_with("_statement")
                || k == "labeled_statement"
                || k == "block"
                || k == "empty_statement")
                && case.child_by_field_name("communication") != Some(c) =>
            {
                out.push(c)
            }
            _ => {}
        }
    }
    out
}

/// True for `for { }` and `for true { }`: a loop whose header never ends it.
pub fn is_endless_loop(model: &Model<'_>, lp: Node<'_>) -> bool {
    if lp.kind_str() != "for_statement" {
        return false;
    }
    let body = lp.child_by_field_name("body");
    let header: Vec<Node<'_>> = syntax::named_children(lp)
        .into_iter()
        .filter(|c| Some(*c) != body)
        .collect();
    match header.as_slice() {
        [] => true,
        [c] if c.kind_str() == "true" => true,
        [c] if c.kind_str() == "for_clause" => c.child_by_field_name("condition").is_none(),
        [c] => c.kind_str() == "identifier" && model.text(*c) == "true",
        _ => false,
    }
}

/// The statements that leave loop `lp` (or the whole function) from inside its body:
/// `return`, `goto`, a `break` that targets it, any labelled `break`/`continue` (they may
/// target it or an outer statement), and `panic(...)`. Function literals are not entered.
pub fn loop_exits<'t>(model: &Model<'t>, lp: Node<'t>) -> Vec<Node<'t>> {
    let Some(body) = lp.child_by_field_name("body") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    model.walk_same_func(body, |n| {
        match n.kind_str() {
            "return_statement" | "goto_statement" => out.push(n),
            "break_statement" if n.named_child_count() > 0 || break_target(n) == Some(lp) => {
                out.push(n)
            }
            "continue_statement" if n.named_child_count() > 0 => out.push(n),
            "call_expression" if model.callee(n).is_builtin("panic") => out.push(n),
            "call_expression"
                if model.calls_pkg(n, "os", &["Exit"])
                    || model.calls_pkg(n, "log", &["Fatal", "Fatalf", "Fatalln"])
                    || model.calls_pkg(n, "runtime", &["Goexit"]) =>
            {
                out.push(n)
            }
            _ => {}
        }
        true
    });
    out
}

/// The statement an unlabelled `break` leaves: the nearest `for`, `switch` or `select`.
pub fn break_target(brk: Node<'_>) -> Option<Node<'_>> {
    let mut cur = brk.parent();
    while let Some(p) = cur {
        match p.kind_str() {
            "for_statement"
            | "expression_switch_statement"
            | "type_switch_statement"
            | "select_statement" => return Some(p),
            "func_literal" | "function_declaration" | "method_declaration" => return None,
            _ => cur = p.parent(),
        }
    }
    None
}

/// True if `stmt` is a statement that never lets control reach the next statement of its
/// list: a jump, `panic(...)`, `os.Exit`, `log.Fatal*`, `runtime.Goexit`.
pub fn is_terminator(model: &Model<'_>, stmt: Node<'_>) -> bool {
    if JUMPS.contains(&stmt.kind_str()) {
        return true;
    }
    if stmt.kind_str() != "expression_statement" {
        return false;
    }
    let Some(call) = stmt.named_child(0).map(unparen) else {
        return false;
    };
    call.kind_str() == "call_expression"
        && (model.callee(call).is_builtin("panic")
            || model.calls_pkg(call, "os", &["Exit"])
            || model.calls_pkg(call, "log", &["Fatal", "Fatalf", "Fatalln"])
            || model.calls_pkg(call, "runtime", &["Goexit"])
            || stops_test(model, call))
}

/// True for a statement that ends the whole process (`os.Exit`, `log.Fatal*`): nothing
/// leaks after it.
pub fn exits_process(model: &Model<'_>, stmt: Node<'_>) -> bool {
    stmt.kind_str() == "expression_statement"
        && stmt.named_child(0).map(unparen).is_some_and(|call| {
            model.calls_pkg(call, "os", &["Exit"])
                || model.calls_pkg(call, "log", &["Fatal", "Fatalf", "Fatalln"])
        })
}

/// `t.Fatal(...)`, `t.Skip()`, ... on a `testing.T`, `B`, `F` or `TB`: they end the test's
/// goroutine with `runtime.Goexit`.
fn stops_test(model: &Model<'_>, call: Node<'_>) -> bool {
    let Callee::Method { recv_ty, name } = model.callee(call) else {
        return false;
    };
    matches!(
        name.as_str(),
        "Fatal" | "Fatalf" | "FailNow" | "Skip" | "Skipf" | "SkipNow"
    ) && ["T", "B", "F", "TB"]
        .iter()
        .any(|t| recv_ty.is("testing", t))
}

/// True if, after `node` runs, control can fall out of every statement list strictly
/// between `node` and its ancestor `upto`: no terminator follows it in any of those lists
/// (the list `upto` itself holds is not looked at). Loops are not unrolled: a statement in a
/// loop body falls through to the end of that body.
pub fn falls_through<'t>(model: &Model<'t>, node: Node<'t>, upto: Node<'t>) -> bool {
    let mut cur = node;
    while cur != upto {
        let Some(parent) = model.parent(cur) else {
            return true;
        };
        if parent == upto {
            return true;
        }
        if matches!(
            parent.kind_str(),
            "block"
                | "statement_list"
                | "expression_case"
                | "default_case"
                | "communication_case"
                | "type_case"
        ) {
            let mut sib = cur.next_named_sibling();
            while let Some(s) = sib {
                if is_terminator(model, s) {
                    return false;
                }
                sib = s.next_named_sibling();
            }
        }
        if syntax::FUNC_KINDS.contains(&parent.kind_str()) {
            return true;
        }
        cur = parent;
    }
    true
}

/// The lowest common ancestor of two nodes of one tree.
pub fn common_ancestor<'t>(a: Node<'t>, b: Node<'t>) -> Option<Node<'t>> {
    let mut cur = Some(a);
    while let Some(n) = cur {
        if syntax::contains(n, b) {
            return Some(n);
        }
        cur = n.parent();
    }
    None
}

/// True if `a` and `b` lie in different arms of one `if`/`else`, `switch` or `select`, so
/// that one run of the statement executes at most one of them.
pub fn exclusive_branches<'t>(a: Node<'t>, b: Node<'t>) -> bool {
    let Some(lca) = common_ancestor(a, b) else {
        return false;
    };
    let arm_of = |n: Node<'t>| -> Option<Node<'t>> {
        let mut cur = n;
        while let Some(p) = cur.parent() {
            if p == lca {
                return Some(cur);
            }
            cur = p;
        }
        None
    };
    match lca.kind_str() {
        "if_statement" => {
            let (Some(x), Some(y)) = (arm_of(a), arm_of(b)) else {
                return false;
            };
            let cons = lca.child_by_field_name("consequence");
            let alt = lca.child_by_field_name("alternative");
            (Some(x) == cons && Some(y) == alt) || (Some(x) == alt && Some(y) == cons)
        }
        "expression_switch_statement" | "type_switch_statement" | "select_statement" => {
            let (Some(x), Some(y)) = (arm_of(a), arm_of(b)) else {
                return false;
            };
            x != y && x.kind_str().ends_with("_case") && y.kind_str().ends_with("_case")
        }
        _ => false,
    }
}

impl Model<'_> {
    /// True if `name` resolves to a declaration of this file at byte `pos`.
    pub fn name_visible(&self, name: &str, pos: usize) -> bool {
        self.lookup(name, pos).is_some()
    }
}

/// `for { ... }` with no condition that nothing breaks out of (and no `goto`), or an empty
/// `select {}`: control never reaches the statement after it.
pub fn never_ends(model: &Model<'_>, stmt: Node<'_>) -> bool {
    match stmt.kind_str() {
        "select_statement" => stmt.named_child_count() == 0,
        "labeled_statement" => {
            let label = stmt.child_by_field_name("label").map(|l| model.text(l));
            stmt.named_child(1)
                .is_some_and(|s| s.kind_str() == "for_statement" && endless_for(model, s, label))
        }
        "for_statement" => endless_for(model, stmt, None),
        _ => false,
    }
}

/// `lp` has no condition or clause, and no `break` (or `goto`) inside leaves it.
fn endless_for(model: &Model<'_>, lp: Node<'_>, label: Option<&str>) -> bool {
    let Some(body) = lp.child_by_field_name("body") else {
        return false;
    };
    if lp
        .named_children(&mut lp.walk())
        .any(|c| c != body && c.kind_str() != "comment")
    {
        return false;
    }
    let mut leaves = false;
    model.walk(body, |n| {
        if leaves || n.kind_str() == "func_literal" {
            return false;
        }
        match n.kind_str() {
            "goto_statement" => leaves = true,
            "break_statement" => {
                leaves = match n.named_child(0) {
                    Some(l) => label == Some(model.text(l)),
                    None => syntax::ancestor(n, syntax::BREAKABLE) == Some(lp),
                }
            }
            _ => {}
        }
        !leaves
    });
    !leaves
}

/// Whether control can reach `stmt` from the start of `body`: no statement before it, in
/// its own list or in any enclosing one up to `body`, returns, panics, exits or loops forever.
pub fn reachable(model: &Model<'_>, stmt: Node<'_>, body: Node<'_>) -> bool {
    let mut s = stmt;
    while s != body {
        let mut prev = s.prev_named_sibling();
        while let Some(p) = prev {
            if is_terminator(model, p) || never_ends(model, p) {
                return false;
            }
            prev = p.prev_named_sibling();
        }
        match s.parent() {
            Some(p) => s = p,
            None => return true,
        }
    }
    true
}
