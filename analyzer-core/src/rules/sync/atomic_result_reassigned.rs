//! GP2006 atomic-result-reassigned: `x = atomic.AddInt64(&x, 1)`.

use crate::rules::{Ctx, Match, Rule};
use crate::syntax::{KindStr as _, unparen};
use crate::{Category, Safety, Severity};
use tree_sitter::Node;

pub static RULE: Rule = Rule {
    code: "GP2006",
    name: "atomic-result-reassigned",
    category: Category::SyncRaces,
    severity: Severity::Error,
    title_en: "Result of an atomic add assigned back to the same variable",
    title_zh: "原子加法的结果又被赋值回同一个变量",
    min_go: None,
    max_go: None,
    query: include_str!("atomic_result_reassigned.scm"),
    docs_en: include_str!("atomic_result_reassigned.en.md"),
    docs_zh: include_str!("atomic_result_reassigned.zh.md"),
    check,
};

const ADDS: &[&str] = &["AddInt32", "AddInt64", "AddUint32", "AddUint64", "AddUintptr"];

/// The first argument addresses the assigned variable: `&x` for `x`, `p` for `*p`.
fn addresses(cx: &Ctx<'_, '_>, arg: Node<'_>, lhs: Node<'_>) -> bool {
    let arg = unparen(arg);
    let lhs = unparen(lhs);
    let is_op = |n: Node<'_>, op: &str| {
        n.kind_str() == "unary_expression" && n.child(0).is_some_and(|c| c.kind_str() == op)
    };
    if is_op(arg, "&") {
        return arg
            .child_by_field_name("operand")
            .is_some_and(|x| cx.model.same_expr(x, lhs));
    }
    if is_op(lhs, "*") {
        return lhs
            .child_by_field_name("operand")
            .is_some_and(|p| cx.model.same_expr(p, arg));
    }
    false
}

fn check(cx: &mut Ctx<'_, '_>, m: &Match<'_, '_>) {
    let (Some(assign), Some(lhs), Some(rhs)) = (m.get("assign"), m.get("lhs"), m.get("rhs"))
    else {
        return;
    };
    // `n := atomic.AddInt64(&x, 1)` then `x = n`: the same plain write, one step removed.
    let via = (unparen(rhs).kind_str() == "identifier")
        .then(|| cx.model.decl_of(unparen(rhs)))
        .flatten()
        .and_then(|d| cx.model.sole_value(d));
    let call = unparen(via.unwrap_or(rhs));
    if call.kind_str() != "call_expression" {
        return;
    }
    let callee = cx.model.callee(call);
    if !callee.is_pkg_any("sync/atomic", ADDS) {
        return;
    }
    let Some(arg) = cx.model.call_args(call).first().copied() else {
        return;
    };
    if !addresses(cx, arg, lhs) {
        return;
    }
    let x = cx.text(lhs).to_string();
    let call_text = cx.text(call).to_string();
    if via.is_some() {
        let n = cx.text(rhs).to_string();
        let related = cx.related(call, format!("`{n}` holds the result of `{call_text}`"), format!("`{n}` 保存的是 `{call_text}` 的结果"));
        let d = cx.report(
            assign,
            format!("`{call_text}` already added to `{x}` atomically; writing its result `{n}` back to `{x}` is a second, plain write that races with other goroutines and can overwrite their updates; drop this assignment"),
            format!("`{call_text}` 已经以原子方式更新了 `{x}`；再把结果 `{n}` 写回 `{x}` 是一次普通写入，会与其他 goroutine 竞争并可能覆盖它们的更新；请去掉这条赋值"),
        );
        d.related.push(related);
        return;
    }
    let fix = cx.fix(
        format!("Drop the assignment: `{call_text}` already updates `{x}`"),
        format!("去掉赋值：`{call_text}` 已经更新了 `{x}`"),
        Safety::Safe,
        vec![cx.edit(assign.start_byte(), rhs.start_byte(), "")],
    );
    let d = cx.report(
        assign,
        format!("`{call_text}` already adds to `{x}` atomically; assigning its result back to `{x}` is a second, plain write that races with other goroutines and can overwrite their updates; drop the `{x} =` (use the result through another variable if needed)"),
        format!("`{call_text}` 已经以原子方式更新了 `{x}`；再把结果赋值回 `{x}` 是一次普通写入，会与其他 goroutine 竞争并可能覆盖它们的更新；请去掉 `{x} =`（需要结果时赋给另一个变量）"),
    );
    d.fixes.push(fix);
}
