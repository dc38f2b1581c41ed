//! GP5005 file-not-closed: an `*os.File` from `os.Open`/`Create`/... that is never closed, or
//! not closed on every path out of the function (or of the loop iteration that opened it).

use crate::model::{Callee, DeclKind};
use crate::rules::{Ctx, Match, Rule};
use crate::syntax::{self, KindStr as _};
use crate::{Category, Severity};
use tree_sitter::Node;

pub static RULE: Rule = Rule {
    code: "GP5005",
    name: "file-not-closed",
    category: Category::IoResources,
    severity: Severity::Warning,
    title_en: "File not closed on every path",
    title_zh: "文件没有在每条路径上关闭",
    min_go: None,
    max_go: None,
    query: include_str!("file_not_closed.scm"),
    docs_en: include_str!("file_not_closed.en.md"),
    docs_zh: include_str!("file_not_closed.zh.md"),
    check,
};

const OPENERS: &[&str] = &["Open", "OpenFile", "Create", "CreateTemp"];

enum Use<'t> {
    /// `f.Close()` as (part of) a statement of the opening function.
    Close(Node<'t>),
    /// `defer f.Close()`, a Close in a closure, or `f` returned, stored, assigned, or handed
    /// to code of this file or a method: closed elsewhere (or not this rule's to know).
    Handled,
    /// A method call on `f` or an argument to a package function (`io.Copy(h, f)`).
    Used,
}

fn check(cx: &mut Ctx<'_, '_>, m: &Match<'_, '_>) {
    let (Some(file), Some(call), Some(stmt)) = (m.get("file"), m.get("call"), m.get("stmt")) else {
        return;
    };
    if !cx.model.callee(call).is_pkg_any("os", OPENERS) || cx.model.is_test_file() {
        return;
    }
    let Some(decl) = cx.model.decl_of(file) else {
        return;
    };
    let d = cx.model.decl(decl);
    if d.kind != DeclKind::Var || d.scope == 0 {
        return;
    }
    let Some(func) = cx.model.enclosing_func(stmt) else {
        return;
    };
    // `main` ends the process, which closes everything.
    if func.kind_str() == "function_declaration"
        && func.child_by_field_name("name").is_some_and(|n| cx.text(n) == "main")
    {
        return;
    }
    let Some(body) = syntax::func_body(func) else {
        return;
    };
    let mut closes: Vec<Node<'_>> = Vec::new();
    for &u in cx.model.uses(decl) {
        // Uses before the open belong to an earlier file in the same variable.
        if u.start_byte() < stmt.end_byte() {
            continue;
        }
        match use_kind(cx, u, func) {
            Use::Handled => return,
            Use::Close(c) => closes.push(c),
            Use::Used => {}
        }
    }
    let name = cx.text(file).to_string();
    let callee = cx.text(call.child_by_field_name("function").unwrap_or(call)).to_string();
    if closes.is_empty() {
        cx.report(
            call,
            format!("the file `{name}` opened by `{callee}` is never closed: its descriptor stays open until the garbage collector happens to finalize it (a long-running program runs out of descriptors: \"too many open files\"), and data written to it may not be flushed; `defer {name}.Close()` right after checking the error"),
            format!("`{callee}` 打开的文件 `{name}` 从未关闭：它的文件描述符会一直占用，直到垃圾回收器碰巧执行终结器（长时间运行的程序会耗尽描述符：\"too many open files\"），写入的数据也可能没有落盘；请在检查错误之后立即 `defer {name}.Close()`"),
        );
        return;
    }
    let err_check = error_check(cx, stmt);
    // `if err == nil { ...; break }`: past it the open failed, and there is no file.
    let failed_after = err_check.filter(|e| tests_success(cx, *e));
    let closed_before = |n: Node<'_>| {
        closes.iter().any(|c| syntax::contains(n, *c))
            || syntax::preceded_by(n, body, stmt.end_byte(), |s| {
                closes.iter().any(|c| syntax::contains(s, *c))
            })
    };
    // Where the file lives: the block of its variable. Only exits from there count; leaving it
    // at its end must pass a Close.
    let scope = var_scope(d.node, body);
    // The scope's end is the end of a loop iteration.
    let per_iteration =
        cx.model.enclosing_loop_same_func(stmt).is_some_and(|l| syntax::contains(l, scope));
    // A `continue`/`break` leaves the scope when the loop it targets encloses the scope.
    let leaves_scope = |target: Option<Node<'_>>| target.is_some_and(|t| !syntax::contains(scope, t));
    let mut missed: Vec<(Node<'_>, bool)> = Vec::new();
    cx.model.walk_same_func(scope, |n| {
        let in_check = err_check.is_some_and(|e| syntax::contains(e, n));
        let failed = failed_after.is_some_and(|e| {
            n.start_byte() >= e.end_byte()
                && e.parent().is_some_and(|block| syntax::contains(block, n))
        });
        if n.start_byte() < stmt.end_byte() || (in_check && failed_after.is_none()) || failed {
            return true;
        }
        let leaves = match n.kind_str() {
            "return_statement" => Some(false),
            // Leaving the iteration that opened the file.
            "continue_statement" => (n.named_child_count() == 0
                && leaves_scope(cx.model.enclosing_loop_same_func(n)))
            .then_some(true),
            // A `break` inside a select or switch leaves that, not the loop.
            "break_statement" => (n.named_child_count() == 0
                && leaves_scope(cx.model.ancestor(n, syntax::BREAKABLE)))
            .then_some(true),
            _ => None,
        };
        if let Some(in_loop) = leaves
            && !closed_before(n)
        {
            missed.push((n, in_loop));
        }
        true
    });
    // The end of the scope, reached with no Close on the straight path after the open: the
    // end of a loop iteration or of a block; the end of the function only if it has no results
    // (otherwise every way out is a `return`, checked above).
    let falls_off = scope != body || func.child_by_field_name("result").is_none();
    if falls_off
        && !syntax::followed_by(stmt, scope, |s| closes.iter().any(|c| syntax::contains(s, *c)))
        && syntax::block_statements(scope)
            .last()
            .is_none_or(|s| !crate::model::flow::is_terminator(cx.model, *s))
    {
        let end = scope.child(scope.child_count().saturating_sub(1)).unwrap_or(scope);
        missed.push((end, per_iteration));
    }
    let Some(&(first, _)) = missed.first() else {
        return;
    };
    let line = first.start_position().row + 1;
    let rels: Vec<_> = missed
        .iter()
        .map(|(n, in_loop)| {
            if *in_loop {
                cx.related(
                    *n,
                    format!("leaves this iteration without closing `{name}`"),
                    format!("在这里离开本轮循环时没有关闭 `{name}`"),
                )
            } else {
                cx.related(
                    *n,
                    format!("returns here without closing `{name}`"),
                    format!("在这里返回时没有关闭 `{name}`"),
                )
            }
        })
        .collect();
    let d = cx.report(
        call,
        format!("the file `{name}` is not closed on every path (line {line} leaves without closing it): each time that path runs, one file descriptor leaks until the garbage collector happens to finalize it; `defer {name}.Close()` right after checking the error (in a loop, move the body into a function so the defer runs per iteration)"),
        format!("文件 `{name}` 并非在每条路径上都会关闭（第 {line} 行离开时没有关闭它）：每走一次这条路径就泄漏一个文件描述符，直到垃圾回收器碰巧执行终结器；请在检查错误之后立即 `defer {name}.Close()`（在循环中，把循环体移到一个函数里，让 defer 每轮执行）"),
    );
    d.related.extend(rels);
}

/// The block (or `if`/`for`/`switch` header, or case clause) whose scope holds a local
/// variable declared at `decl`; the function body when there is none in between.
fn var_scope<'t>(decl: Node<'t>, body: Node<'t>) -> Node<'t> {
    let mut cur = decl;
    while let Some(p) = cur.parent() {
        if p == body || !syntax::contains(body, p) {
            return body;
        }
        if matches!(
            p.kind_str(),
            "block"
                | "if_statement"
                | "for_statement"
                | "expression_switch_statement"
                | "type_switch_statement"
                | "expression_case"
                | "type_case"
                | "default_case"
                | "communication_case"
        ) {
            return p;
        }
        cur = p;
    }
    body
}

/// The `if` that tests the error the open returned (the first use of that error after it):
/// `if err != nil { return err }` leaves with no file to close.
fn error_check<'t>(cx: &Ctx<'_, 't>, stmt: Node<'t>) -> Option<Node<'t>> {
    let err = stmt
        .child_by_field_name("left")
        .map(syntax::list_items)
        .and_then(|l| l.get(1).copied())?;
    let err_decl = cx.model.decl_of(err)?;
    let first = cx
        .model
        .uses(err_decl)
        .iter()
        .copied()
        .find(|u| u.start_byte() >= stmt.end_byte())?;
    let check = cx.model.ancestor(first, &["if_statement"])?;
    check
        .child_by_field_name("condition")
        .is_some_and(|c| syntax::contains(c, first))
        .then_some(check)
}

/// `if err == nil { ...; break }` (or `return`, `continue`): the branch for a successful
/// open leaves, so what follows runs only after a failed one.
fn tests_success(cx: &Ctx<'_, '_>, check: Node<'_>) -> bool {
    let cond = check.child_by_field_name("condition").map(syntax::unparen);
    let is_eq_nil = cond.is_some_and(|c| {
        c.kind_str() == "binary_expression"
            && c.child_by_field_name("operator").is_some_and(|o| cx.text(o) == "==")
            && [c.child_by_field_name("left"), c.child_by_field_name("right")]
                .into_iter()
                .flatten()
                .any(|s| cx.text(s) == "nil")
    });
    is_eq_nil
        && check.child_by_field_name("alternative").is_none()
        && check
            .child_by_field_name("consequence")
            .and_then(|b| syntax::block_statements(b).last().copied())
            .is_some_and(|s| {
                matches!(s.kind_str(), "break_statement" | "continue_statement" | "return_statement")
            })
}

fn use_kind<'t>(cx: &Ctx<'_, 't>, u: Node<'t>, func: Node<'t>) -> Use<'t> {
    let mut e = u;
    while let Some(p) = e.parent().filter(|p| p.kind_str() == "parenthesized_expression") {
        e = p;
    }
    let Some(parent) = e.parent() else {
        return Use::Handled;
    };
    match parent.kind_str() {
        "selector_expression" => {
            let method = parent.child_by_field_name("field").map(|f| cx.text(f));
            let call = parent.parent().filter(|c| c.kind_str() == "call_expression");
            match (method, call) {
                (Some("Close"), Some(call)) => {
                    let deferred = call.parent().is_some_and(|p| p.kind_str() == "defer_statement");
                    if deferred || cx.model.enclosing_func(call) != Some(func) {
                        Use::Handled
                    } else {
                        Use::Close(call)
                    }
                }
                (Some(_), Some(_)) => Use::Used,
                // `f.Close` as a method value, or a field of it.
                _ => Use::Handled,
            }
        }
        // Standard-library readers and writers use the file without keeping or closing
        // it; any other function may store it or close it.
        "argument_list" => match parent.parent().map(|c| cx.model.callee(c)) {
            Some(Callee::Pkg { path, .. }) if uses_without_owning(&path) => Use::Used,
            _ => Use::Handled,
        },
        // A comparison (`f != nil`) neither closes nor hands it on.
        "binary_expression" => Use::Used,
        _ => Use::Handled,
    }
}

fn uses_without_owning(path: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "io", "bufio", "fmt", "encoding/", "crypto/", "hash", "compress/", "image", "mime",
    ];
    PREFIXES.iter().any(|p| path == p.trim_end_matches('/') || path.starts_with(p))
}
