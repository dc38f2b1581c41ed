//! GP3001 ticker-not-stopped: `time.NewTicker` whose ticker is never stopped.

use crate::model::flow;
use crate::rules::{Ctx, Match, Rule};
use crate::syntax::{self, KindStr as _};
use crate::{Category, GoVersion, Safety, Severity};
use tree_sitter::Node;

pub static RULE: Rule = Rule {
    code: "GP3001",
    name: "ticker-not-stopped",
    category: Category::Timers,
    severity: Severity::Warning,
    title_en: "Ticker is never stopped",
    title_zh: "Ticker 从未停止",
    min_go: None,
    max_go: None,
    query: include_str!("ticker_not_stopped.scm"),
    docs_en: include_str!("ticker_not_stopped.en.md"),
    docs_zh: include_str!("ticker_not_stopped.zh.md"),
    check,
};

fn check(cx: &mut Ctx<'_, '_>, m: &Match<'_, '_>) {
    let (Some(var), Some(call)) = (m.get("var"), m.get("call")) else {
        return;
    };
    if !cx.model.callee(call).is_pkg("time", "NewTicker") {
        return;
    }
    let Some(decl) = cx.model.decl_of(var) else {
        return;
    };
    let uses = cx.model.uses(decl);
    let mut drives_loop = None;
    let mut dead_stop = None;
    for &u in uses {
        match use_kind(cx, u) {
            // A Stop after a loop that never ends (or after a return) never runs.
            Use::Stop if !stop_reachable(cx, u) => dead_stop = dead_stop.or(Some(u)),
            Use::Stop | Use::Escapes => return,
            Use::ChannelInLoop => drives_loop = drives_loop.or(Some(u)),
            Use::Other => {}
        }
    }
    // Since Go 1.23 an unreachable ticker is garbage-collected even if never stopped; it only
    // matters while something keeps receiving from it.
    if drives_loop.is_none() && cx.go() >= GoVersion::new(1, 23) {
        return;
    }
    let name = cx.text(var);
    cx.report(
        call,
        format!("ticker `{name}` is never stopped: it keeps firing (and stays allocated) until the program exits; call `defer {name}.Stop()`"),
        format!("ticker `{name}` 从未调用 Stop：它会一直触发（并占用资源）直到程序退出；请调用 `defer {name}.Stop()`"),
    );
    if let Some(u) = drives_loop {
        let rel = cx.related(u, "the loop keeps receiving ticks here", "循环在这里持续接收 tick");
        cx_last(cx).related.push(rel);
    }
    if let Some(u) = dead_stop {
        let rel = cx.related(
            u,
            "this Stop is never reached: nothing before it lets control get here",
            "这里的 Stop 永远执行不到：前面的代码不会让控制流走到这里",
        );
        cx_last(cx).related.push(rel);
    }
    // Fix: `defer t.Stop()` on the line after the declaration, inside a function.
    let Some(stmt) = cx.model.ancestor(var, &["short_var_declaration", "var_declaration"]) else {
        return;
    };
    if cx.model.enclosing_func(stmt).is_none() {
        return;
    }
    let indent = cx.indent_at(stmt.start_byte()).to_string();
    let at = stmt.end_byte();
    let edit = cx.edit(at, at, format!("\n{indent}defer {name}.Stop()"));
    let fix = cx.fix(
        format!("Add `defer {name}.Stop()`"),
        format!("添加 `defer {name}.Stop()`"),
        Safety::Safe,
        vec![edit],
    );
    cx_last(cx).fixes.push(fix);
}

fn cx_last<'a>(cx: &'a mut Ctx<'_, '_>) -> &'a mut crate::Diagnostic {
    cx.out.last_mut().expect("reported above")
}

enum Use {
    Stop,
    Escapes,
    ChannelInLoop,
    Other,
}

fn use_kind(cx: &Ctx<'_, '_>, u: Node<'_>) -> Use {
    let Some(parent) = u.parent() else {
        return Use::Other;
    };
    match parent.kind_str() {
        "selector_expression" => {
            let field = parent.child_by_field_name("field").map(|f| cx.text(f));
            match field {
                Some("Stop") => Use::Stop,
                Some("C") if cx.model.enclosing_loop_same_func(parent).is_some() || in_range_clause(parent) => Use::ChannelInLoop,
                _ => Use::Other,
            }
        }
        // Passed to a function, returned, stored, sent or assigned: its lifetime is decided
        // elsewhere, so stay silent.
        "argument_list" | "return_statement" | "expression_list" | "keyed_element" | "literal_element"
        | "send_statement" | "assignment_statement" => {
            if parent.kind_str() == "expression_list"
                && parent.parent().is_some_and(|p| p.kind_str() == "expression_list")
            {
                return Use::Other;
            }
            Use::Escapes
        }
        "unary_expression" if cx.text(parent).starts_with('&') => Use::Escapes,
        _ => Use::Other,
    }
}

fn in_range_clause(n: Node<'_>) -> bool {
    n.parent().is_some_and(|p| p.kind_str() == "range_clause")
}

fn stop_reachable(cx: &Ctx<'_, '_>, u: Node<'_>) -> bool {
    let stmt = cx.model.ancestor(u, &["expression_statement", "defer_statement"]);
    let body = cx.model.enclosing_func(u).and_then(syntax::func_body);
    match (stmt, body) {
        (Some(stmt), Some(body)) => flow::reachable(cx.model, stmt, body),
        _ => true,
    }
}
