//! GP1008 cancel-not-called: the cancel func of `context.WithCancel` (and friends) is
//! discarded or not called on every path.

use crate::model::flow::UseRole;
use crate::rules::{Ctx, Match, Rule};
use crate::syntax::{KindStr as _, self, unparen};
use crate::{Category, Safety, Severity};
use tree_sitter::Node;

pub static RULE: Rule = Rule {
    code: "GP1008",
    name: "cancel-not-called",
    category: Category::GoroutinesChannels,
    severity: Severity::Warning,
    title_en: "Context cancel func is not called",
    title_zh: "context 的 cancel 函数没有被调用",
    min_go: None,
    max_go: None,
    query: include_str!("cancel_not_called.scm"),
    docs_en: include_str!("cancel_not_called.en.md"),
    docs_zh: include_str!("cancel_not_called.zh.md"),
    check,
};

const WITH_FUNCS: &[&str] = &[
    "WithCancel",
    "WithTimeout",
    "WithDeadline",
    "WithCancelCause",
    "WithTimeoutCause",
    "WithDeadlineCause",
];

fn check(cx: &mut Ctx<'_, '_>, m: &Match<'_, '_>) {
    let (Some(stmt), Some(cancel), Some(call)) = (m.get("stmt"), m.get("cancel"), m.get("call"))
    else {
        return;
    };
    let callee = cx.model.callee(call);
    if !callee.is_pkg_any("context", WITH_FUNCS) {
        return;
    }
    let with = match &callee {
        crate::model::Callee::Pkg { name, .. } => name.clone(),
        _ => return,
    };
    let Some(func) = cx.model.enclosing_func(stmt) else {
        return;
    };
    let Some(body) = syntax::func_body(func) else {
        return;
    };
    let cancel = unparen(cancel);
    if cancel.kind_str() != "identifier" {
        // Stored in a field or elsewhere: its owner decides when to cancel.
        return;
    }
    if cx.text(cancel) == "_" {
        report_discarded(cx, stmt, cancel, &with);
        return;
    }
    let Some(decl) = cx.model.decl_of(cancel) else {
        return;
    };
    if cx.model.decl(decl).scope == 0 {
        return;
    }
    let mut calls = Vec::new();
    for &u in cx.model.uses(decl) {
        // Earlier uses belong to an earlier value; the assignment itself is not a use.
        if u.start_byte() < stmt.end_byte() {
            continue;
        }
        if cx.model.enclosing_func(u) != Some(func) {
            // Used in a closure (a deferred func, a goroutine, a callback): trust it.
            return;
        }
        match cx.model.use_role(u) {
            UseRole::Called => {
                let call = u.parent().filter(|p| p.kind_str() == "call_expression");
                if call.and_then(|c| c.parent()).is_some_and(|p| p.kind_str() == "defer_statement") {
                    return;
                }
                if let Some(c) = call {
                    calls.push(c);
                }
            }
            UseRole::Escapes | UseRole::Assigned => return,
            _ => {}
        }
    }
    let name = cx.text(cancel).to_string();
    // WithCancelCause's cancel takes the cause: `cancel(nil)`.
    let call_text = if with == "WithCancelCause" {
        format!("{name}(nil)")
    } else {
        format!("{name}()")
    };
    if calls.is_empty() {
        report_never(cx, stmt, cancel, &name, &call_text, &with);
        return;
    }
    // Every return after the assignment must come after a call on its path.
    let mut missed: Vec<Node<'_>> = Vec::new();
    // A statement that calls it unconditionally: the call itself as a statement, or
    // `go cancel()`.
    let calls_it = |s: Node<'_>| {
        matches!(s.kind_str(), "expression_statement" | "go_statement")
            && s.named_child(0)
                .is_some_and(|c| calls.contains(&unparen(c)))
    };
    cx.model.walk_same_func(body, |n| {
        if n.kind_str() == "return_statement"
            && n.start_byte() >= stmt.end_byte()
            && !calls.iter().any(|c| syntax::contains(n, *c))
            && !syntax::preceded_by(n, body, stmt.end_byte(), calls_it)
        {
            missed.push(n);
        }
        true
    });
    // Falling off the end of the function (only possible without results: Go requires a
    // terminating statement otherwise).
    let ends_open = func.child_by_field_name("result").is_none()
        && syntax::block_statements(body)
        .last()
        .is_none_or(|s| !crate::model::flow::is_terminator(cx.model, *s));
    if ends_open && !syntax::followed_by(stmt, body, calls_it) {
        missed.push(body.child(body.child_count().saturating_sub(1)).unwrap_or(body));
    }
    if missed.is_empty() {
        return;
    }
    let line = missed[0].start_position().row + 1;
    let rels: Vec<_> = missed
        .iter()
        .map(|n| {
            cx.related(
                *n,
                format!("returns here without calling `{name}`"),
                format!("在这里返回时没有调用 `{name}`"),
            )
        })
        .collect();
    let fix = defer_fix(cx, stmt, &call_text);
    let d = cx.report(
        cancel,
        format!("`{name}` is not called on every path (the function can leave at line {line} without it): the context from `context.{with}` and its resources stay alive until the parent context ends; call `defer {call_text}` right after creating it"),
        format!("`{name}` 并非在每条路径上都会被调用（函数可能在第 {line} 行不调用它就离开）：`context.{with}` 创建的 context 及其资源会一直存活到父 context 结束；请在创建后立即 `defer {call_text}`"),
    );
    d.related.extend(rels);
    if let Some(f) = fix {
        d.fixes.push(f);
    }
}

fn report_never(
    cx: &mut Ctx<'_, '_>,
    stmt: Node<'_>,
    cancel: Node<'_>,
    name: &str,
    call_text: &str,
    with: &str,
) {
    let fix = defer_fix(cx, stmt, call_text);
    let d = cx.report(
        cancel,
        format!("`{name}` is never called: the context from `context.{with}` stays registered with its parent (and its timer stays armed) until the parent is cancelled, and whatever waits on it is never told to stop; call `defer {call_text}` right after creating it"),
        format!("`{name}` 从未被调用：`context.{with}` 创建的 context 会一直挂在父 context 上（定时器也一直有效），直到父 context 被取消，等待它的代码也永远不会收到停止信号；请在创建后立即 `defer {call_text}`"),
    );
    if let Some(f) = fix {
        d.fixes.push(f);
    }
}

fn report_discarded(cx: &mut Ctx<'_, '_>, stmt: Node<'_>, blank: Node<'_>, with: &str) {
    // Name it `cancel` and defer it, when that name is free here.
    let fix = (stmt.kind_str() == "short_var_declaration"
        && cx.model.enclosing_func(stmt).is_some()
        && !cx.model.name_visible("cancel", stmt.start_byte()))
    .then(|| {
        let call = if with == "WithCancelCause" {
            "cancel(nil)"
        } else {
            "cancel()"
        };
        let indent = cx.indent_at(stmt.start_byte()).to_string();
        let at = syntax::insertion_point_after(cx.src, stmt);
        cx.fix(
            "Keep the cancel func and `defer cancel()`",
            "保留 cancel 函数并 `defer cancel()`",
            Safety::Safe,
            vec![
                cx.edit(blank.start_byte(), blank.end_byte(), "cancel"),
                cx.edit(at, at, format!("\n{indent}defer {call}")),
            ],
        )
    });
    let d = cx.report(
        blank,
        format!("the cancel func returned by `context.{with}` is discarded: the new context can then only end when its parent does (or its deadline passes), so it and its resources leak until then; keep it and `defer cancel()`"),
        format!("`context.{with}` 返回的 cancel 函数被丢弃了：新的 context 只能随父 context 结束（或等到截止时间），在此之前它及其资源都会泄漏；请保留它并 `defer cancel()`"),
    );
    if let Some(f) = fix {
        d.fixes.push(f);
    }
}

/// `defer cancel()` on the line after the assignment.
fn defer_fix(cx: &Ctx<'_, '_>, stmt: Node<'_>, call_text: &str) -> Option<crate::Fix> {
    if stmt.kind_str() == "var_spec" {
        return None;
    }
    let indent = cx.indent_at(stmt.start_byte()).to_string();
    let at = syntax::insertion_point_after(cx.src, stmt);
    Some(cx.fix(
        format!("Add `defer {call_text}`"),
        format!("添加 `defer {call_text}`"),
        Safety::Safe,
        vec![cx.edit(at, at, format!("\n{indent}defer {call_text}"))],
    ))
}
