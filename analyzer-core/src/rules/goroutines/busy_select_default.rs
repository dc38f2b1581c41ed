//! GP1005 busy-select-default: `for { select { ...; default: } }` whose default never
//! blocks, so the loop spins a CPU core while it waits.

use crate::model::Model;
use crate::model::flow::{self, receive_operand};
use crate::rules::{Ctx, Match, Rule};
use crate::syntax::{KindStr as _, self, unparen};
use crate::{Category, Safety, Severity};
use tree_sitter::Node;

pub static RULE: Rule = Rule {
    code: "GP1005",
    name: "busy-select-default",
    category: Category::GoroutinesChannels,
    severity: Severity::Warning,
    title_en: "select with an empty default in a loop spins the CPU",
    title_zh: "循环中带空 default 的 select 会空转占满 CPU",
    min_go: None,
    max_go: None,
    query: include_str!("busy_select_default.scm"),
    docs_en: include_str!("busy_select_default.en.md"),
    docs_zh: include_str!("busy_select_default.zh.md"),
    check,
};

fn check(cx: &mut Ctx<'_, '_>, m: &Match<'_, '_>) {
    let (Some(lp), Some(select), Some(default)) = (m.get("for"), m.get("select"), m.get("default"))
    else {
        return;
    };
    // An endless loop, or one whose condition is a cheap test (`!done.Load()`); a condition
    // that calls out (`pb.Next()`, `scanner.Scan()`) may be what paces the loop.
    let endless = flow::is_endless_loop(cx.model, lp);
    if !endless
        && !condition_of(lp).is_some_and(|c| never_waits(cx.model, c, lp))
    {
        return;
    }
    // The default case must neither wait nor leave the loop.
    if !flow::case_statements(default)
        .into_iter()
        .all(|s| never_waits(cx.model, s, lp))
    {
        return;
    }
    // Nor may anything else in the loop body (a Sleep after the select paces the loop).
    let Some(body) = lp.child_by_field_name("body") else {
        return;
    };
    if !syntax::block_statements(body)
        .into_iter()
        .filter(|s| *s != select)
        .all(|s| never_waits(cx.model, s, lp))
    {
        return;
    }
    let kw = default.child(0).unwrap_or(default);
    let header_end = body.start_byte();
    let empty = flow::case_statements(default).is_empty();
    let has_cases = syntax::named_children(select)
        .iter()
        .any(|c| c.kind_str() == "communication_case");
    let fix = (empty && has_cases).then(|| {
        let (s, e) = syntax::line_extent(cx.src, default);
        cx.fix(
            "Remove the empty `default` so the select waits for a case",
            "删除空的 `default`，让 select 等待某个分支就绪",
            Safety::Unsafe,
            vec![cx.edit(s, e, "")],
        )
    });
    let loop_rel = crate::Related {
        span: cx.lines.span(lp.start_byte(), header_end.max(lp.start_byte())),
        label_en: "this loop goes round again at once, burning a CPU core".into(),
        label_zh: "这个循环会立刻进入下一轮，白白占满一个 CPU 核".into(),
    };
    let d = cx.report(
        kw,
        "while no other case is ready, `default` runs immediately and never waits, so the loop spins at 100% of a CPU core (and starves other goroutines of that core); drop `default` so the select blocks until a case is ready (add `case <-ctx.Done():` to stop it), or wait inside `default` if you really must poll",
        "在其他分支都未就绪时，`default` 会立即执行且从不等待，于是循环以 100% 占用一个 CPU 核空转（也挤占了其他 goroutine）；请去掉 `default`，让 select 阻塞到某个分支就绪（需要停止时加上 `case <-ctx.Done():`），如果确实需要轮询，请在 `default` 中等待",
    );
    d.related.push(loop_rel);
    if let Some(f) = fix {
        d.fixes.push(f);
    }
}

/// The condition of `for cond { }`: a bare condition, no init/post clause, no range.
fn condition_of(lp: Node<'_>) -> Option<Node<'_>> {
    let body = lp.child_by_field_name("body");
    let header: Vec<Node<'_>> = syntax::named_children(lp)
        .into_iter()
        .filter(|c| Some(*c) != body)
        .collect();
    match header.as_slice() {
        [c] if !matches!(c.kind_str(), "for_clause" | "range_clause") => Some(*c),
        _ => None,
    }
}

/// True if `stmt` can neither block nor leave the loop `lp`: no call except builtins,
/// `runtime.Gosched` and sync/atomic; no channel operation; no nested loop or select; no
/// return, goto, panic or break/continue that leaves `lp`.
fn never_waits(model: &Model<'_>, stmt: Node<'_>, lp: Node<'_>) -> bool {
    let mut ok = true;
    model.walk(stmt, |n| {
        if !ok {
            return false;
        }
        ok = match n.kind_str() {
            "func_literal" => return false,
            "send_statement" | "select_statement" | "for_statement" | "return_statement"
            | "goto_statement" | "go_statement" | "defer_statement" => false,
            "unary_expression" => receive_operand(n).is_none(),
            "break_statement" => {
                n.named_child_count() == 0 && flow::break_target(n).is_some_and(|t| t != lp)
            }
            "continue_statement" => n.named_child_count() == 0,
            "call_expression" => call_never_waits(model, n),
            _ => true,
        };
        ok
    });
    ok
}

fn call_never_waits(model: &Model<'_>, call: Node<'_>) -> bool {
    use crate::model::Callee;
    match model.callee(call) {
        Callee::Builtin { name } => name != "panic",
        Callee::Pkg { path, name } => {
            path == "sync/atomic" || (path == "runtime" && name == "Gosched")
        }
        Callee::Method { recv_ty, .. } => {
            matches!(recv_ty.deref(), crate::model::Ty::Named { pkg: Some(p), .. } if p == "sync/atomic")
        }
        _ => {
            // A conversion such as `int64(n)`.
            call.child_by_field_name("function")
                .map(unparen)
                .is_some_and(|f| f.kind_str() == "type_identifier")
        }
    }
}
