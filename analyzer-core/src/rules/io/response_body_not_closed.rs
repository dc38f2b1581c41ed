//! GP5002 response-body-not-closed: an `*http.Response` whose `Body` is never closed.

use crate::model::{Callee, DeclKind, Resolved};
use crate::rules::{Ctx, Match, Rule};
use crate::syntax::{KindStr as _, unparen};
use crate::{Category, Safety, Severity};
use tree_sitter::Node;

pub static RULE: Rule = Rule {
    code: "GP5002",
    name: "response-body-not-closed",
    category: Category::IoResources,
    severity: Severity::Warning,
    title_en: "HTTP response body is never closed",
    title_zh: "HTTP 响应体从未关闭",
    min_go: None,
    max_go: None,
    query: include_str!("response_body_not_closed.scm"),
    docs_en: include_str!("response_body_not_closed.en.md"),
    docs_zh: include_str!("response_body_not_closed.zh.md"),
    check,
};

fn check(cx: &mut Ctx<'_, '_>, m: &Match<'_, '_>) {
    let (Some(call), Some(stmt)) = (m.get("call"), m.get("stmt")) else {
        return;
    };
    if !returns_response(cx, call) {
        return;
    }
    let callee = cx.text(call.child_by_field_name("function").unwrap_or(call));
    let resp = m.get("resp");
    if resp.is_none_or(|r| cx.text(r) == "_") {
        cx.report(
            call,
            format!(
                "the `*http.Response` returned by `{callee}` is discarded, so its body can never be closed: the connection is not reused and its resources leak; keep it and `defer resp.Body.Close()`"
            ),
            format!(
                "`{callee}` 返回的 `*http.Response` 被丢弃，它的 Body 永远无法关闭：连接不能复用，相关资源会泄漏；请保留它并 `defer resp.Body.Close()`"
            ),
        );
        return;
    }
    let Some(resp) = resp else {
        return;
    };
    let Some(decl) = cx.model.decl_of(resp) else {
        return;
    };
    let d = cx.model.decl(decl);
    if d.kind != DeclKind::Var || d.scope == 0 {
        return;
    }
    for &u in cx.model.uses(decl) {
        match use_kind(cx, u) {
            Use::Closed | Use::Escapes => return,
            Use::Other => {}
        }
    }
    let name = cx.text(resp);
    let fix = close_fix(cx, stmt, name);
    let diag = cx.report(
        call,
        format!(
            "`{name}.Body` is never closed: the HTTP connection cannot go back to the pool and stays open (with its reading goroutine) until the server drops it; add `defer {name}.Body.Close()` right after checking the error"
        ),
        format!(
            "`{name}.Body` 从未关闭：HTTP 连接无法放回连接池，会一直保持打开（连同读取它的 goroutine），直到服务器断开；请在检查错误之后立即加上 `defer {name}.Body.Close()`"
        ),
    );
    if let Some(f) = fix {
        diag.fixes.push(f);
    }
}

/// The call returns an `*http.Response` first: from the stdlib table, or a method of
/// `http.DefaultClient`.
fn returns_response(cx: &Ctx<'_, '_>, call: Node<'_>) -> bool {
    if cx.model.type_of(call).first() == crate::model::Ty::named("net/http", "Response").ptr() {
        return true;
    }
    let Callee::Method { name, .. } = cx.model.callee(call) else {
        return false;
    };
    if !matches!(name.as_str(), "Do" | "Get" | "Head" | "Post" | "PostForm") {
        return false;
    }
    let Some(recv) = cx.model.call_receiver(call).map(unparen) else {
        return false;
    };
    recv.kind_str() == "selector_expression"
        && recv
            .child_by_field_name("field")
            .is_some_and(|f| cx.text(f) == "DefaultClient")
        && recv
            .child_by_field_name("operand")
            .is_some_and(|o| match cx.model.resolve(o) {
                Resolved::Package(i) => cx.model.imports[i].path == "net/http",
                _ => false,
            })
}

enum Use {
    Closed,
    Escapes,
    Other,
}

fn use_kind(cx: &Ctx<'_, '_>, u: Node<'_>) -> Use {
    let mut e = u;
    while let Some(p) = e.parent().filter(|p| p.kind_str() == "parenthesized_expression") {
        e = p;
    }
    let Some(parent) = e.parent() else {
        return Use::Other;
    };
    match parent.kind_str() {
        "selector_expression" => match parent.child_by_field_name("field").map(|f| cx.text(f)) {
            Some("Body") => body_use(cx, parent),
            // `resp.Write(w)` sends and closes the body.
            Some("Write") => Use::Closed,
            _ => Use::Other,
        },
        "expression_list" => {
            let target = parent.parent().is_some_and(|s| {
                matches!(s.kind_str(), "assignment_statement" | "short_var_declaration")
                    && s.child_by_field_name("left") == Some(parent)
            });
            if target { Use::Other } else { Use::Escapes }
        }
        "argument_list" | "return_statement" | "literal_element" | "keyed_element"
        | "send_statement" => Use::Escapes,
        "unary_expression" if cx.text(parent).starts_with('&') => Use::Escapes,
        _ => Use::Other,
    }
}

/// What happens to `resp.Body`.
fn body_use(cx: &Ctx<'_, '_>, body: Node<'_>) -> Use {
    let mut e = body;
    while let Some(p) = e.parent().filter(|p| p.kind_str() == "parenthesized_expression") {
        e = p;
    }
    let Some(parent) = e.parent() else {
        return Use::Other;
    };
    match parent.kind_str() {
        "selector_expression" => match parent.child_by_field_name("field").map(|f| cx.text(f)) {
            Some("Close") => Use::Closed,
            _ => Use::Other,
        },
        // Standard-library readers (io.ReadAll, json.NewDecoder, io.Copy ...) never close
        // what they read; any other function might.
        "argument_list" => {
            let Some(call) = parent.parent() else {
                return Use::Escapes;
            };
            match cx.model.callee(call) {
                Callee::Pkg { path, .. } if is_std(&path) => Use::Other,
                _ => Use::Escapes,
            }
        }
        "expression_list" => {
            let target = parent.parent().is_some_and(|s| {
                matches!(s.kind_str(), "assignment_statement" | "short_var_declaration")
                    && s.child_by_field_name("left") == Some(parent)
            });
            if target { Use::Other } else { Use::Escapes }
        }
        "binary_expression" => Use::Other,
        _ => Use::Escapes,
    }
}

fn is_std(path: &str) -> bool {
    !path.split('/').next().unwrap_or(path).contains('.')
}

/// `defer resp.Body.Close()` after the `if err != nil { ... }` that follows the call.
fn close_fix(cx: &Ctx<'_, '_>, stmt: Node<'_>, name: &str) -> Option<crate::Fix> {
    let stmt = if stmt.kind_str() == "var_spec" {
        cx.model.ancestor(stmt, &["var_declaration"])?
    } else {
        stmt
    };
    if !stmt
        .parent()
        .is_some_and(|p| matches!(p.kind_str(), "statement_list" | "block"))
        || cx.model.enclosing_loop_same_func(stmt).is_some()
    {
        return None;
    }
    let next = next_statement(stmt)?;
    let cond = next.child_by_field_name("condition").map(unparen)?;
    if next.kind_str() != "if_statement"
        || cond.kind_str() != "binary_expression"
        || cond.child_by_field_name("operator").map(|o| cx.text(o)) != Some("!=")
        || cond.child_by_field_name("right").map(|r| cx.text(r)) != Some("nil")
    {
        return None;
    }
    let indent = cx.indent_at(stmt.start_byte()).to_string();
    let at = line_end_after(next);
    Some(cx.fix(
        format!("Add `defer {name}.Body.Close()` after the error check"),
        format!("在错误检查之后添加 `defer {name}.Body.Close()`"),
        Safety::Safe,
        vec![cx.edit(at, at, format!("\n{indent}defer {name}.Body.Close()"))],
    ))
}

/// The next statement after `stmt`, skipping comments.
fn next_statement<'t>(stmt: Node<'t>) -> Option<Node<'t>> {
    let mut n = stmt.next_named_sibling();
    while let Some(s) = n.filter(|s| s.kind_str() == "comment") {
        n = s.next_named_sibling();
    }
    n
}

/// Where to insert a line after `stmt`: its end, or the end of a comment trailing it on the
/// same line.
fn line_end_after(stmt: Node<'_>) -> usize {
    match stmt.next_named_sibling() {
        Some(c) if c.kind_str() == "comment" && c.start_position().row == stmt.end_position().row => {
            c.end_byte()
        }
        _ => stmt.end_byte(),
    }
}
