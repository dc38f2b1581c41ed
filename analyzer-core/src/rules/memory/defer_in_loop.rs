//! GP4004 defer-in-loop: `defer` in a loop body runs when the function returns, not at the
//! end of the iteration.

use crate::model::{Callee, Resolved};
use crate::rules::{Ctx, Match, Rule};
use crate::syntax::{KindStr as _, self, block_statements, go_call, unparen};
use crate::{Category, Safety, Severity};
use tree_sitter::Node;

pub static RULE: Rule = Rule {
    code: "GP4004",
    name: "defer-in-loop",
    category: Category::Memory,
    severity: Severity::Warning,
    title_en: "defer inside a loop",
    title_zh: "在循环中使用 defer",
    min_go: None,
    max_go: None,
    query: include_str!("defer_in_loop.scm"),
    docs_en: include_str!("defer_in_loop.en.md"),
    docs_zh: include_str!("defer_in_loop.zh.md"),
    check,
};

fn check(cx: &mut Ctx<'_, '_>, m: &Match<'_, '_>) {
    let Some(stmt) = m.get("defer") else {
        return;
    };
    let Some(lp) = cx.model.enclosing_loop_same_func(stmt) else {
        return;
    };
    let Some(body) = lp.child_by_field_name("body") else {
        return;
    };
    if leaves_loop_after(cx, stmt, lp) || unlocks_loop_var(cx, stmt, lp) {
        return;
    }
    // Only what this iteration acquired piles up: a value declared in the loop body, or a
    // lock taken again by the next iteration. A defer of something made before the loop
    // (`defer r.closeScope()`, closing every range element at the end) is usually meant.
    if !uses_body_var(cx, stmt, body) && !relocks(cx, stmt, body) {
        return;
    }
    let call = go_call(stmt);
    let what = match call {
        Some(c) if cx.text(c).contains('\n') => {
            let first = cx.text(c).lines().next().unwrap_or("").trim_end();
            let first = first.split("//").next().unwrap_or(first).trim_end();
            format!("{first} ... }}()")
        }
        Some(c) => cx.text(c).to_string(),
        None => "the call".to_string(),
    };
    let unlock = call.is_some_and(|c| {
        matches!(cx.model.callee(c).method_name(), Some("Unlock" | "RUnlock"))
    });
    let (extra_en, extra_zh) = if unlock {
        (
            "; here the lock is still held when the next iteration locks it again, which deadlocks",
            "；这里下一次迭代再次加锁时锁仍未释放，会直接死锁",
        )
    } else {
        ("", "")
    };
    let related = cx.related(
        lp,
        "every iteration of this loop adds one more pending call",
        "这个循环的每次迭代都会再增加一个待执行的调用",
    );
    let fix = wrap_fix(cx, lp, body);
    let diag = cx.report(
        stmt,
        format!(
            "`defer {what}` runs when the function returns, not at the end of each iteration: the deferred calls pile up, and whatever they release (files, connections, locks) stays held until the loop and the function are done{extra_en}; move the loop body into a function (`func() {{ ... }}()`) or call it explicitly at the end of the iteration"
        ),
        format!(
            "`defer {what}` 在函数返回时才执行，而不是在每次迭代结束时：延迟调用会越积越多，它们要释放的东西（文件、连接、锁）一直被占用，直到循环和整个函数结束{extra_zh}；请把循环体移到一个函数里（`func() {{ ... }}()`），或在迭代末尾显式调用"
        ),
    );
    diag.related.push(related);
    if let Some(f) = fix {
        diag.fixes.push(f);
    }
}

/// The defer is followed, in its block or an enclosing block inside the loop, by a `return`,
/// a `panic` or a `break` of this loop: the loop defers at most once.
fn leaves_loop_after(cx: &Ctx<'_, '_>, stmt: Node<'_>, lp: Node<'_>) -> bool {
    let mut cur = stmt;
    while let Some(parent) = cur.parent() {
        if parent == lp {
            return false;
        }
        let block = if parent.kind_str() == "statement_list" {
            parent.parent().unwrap_or(parent)
        } else {
            parent
        };
        let leaves = matches!(block.kind_str(), "block" | "expression_case" | "default_case" | "communication_case" | "type_case")
            && block_statements(block)
                .into_iter()
                .filter(|s| s.start_byte() >= cur.end_byte())
                .any(|s| match s.kind_str() {
                    "return_statement" => true,
                    "break_statement" => {
                        s.named_child(0).is_none() && break_target(s) == Some(lp)
                    }
                    "expression_statement" => s.named_child(0).is_some_and(|c| {
                        c.kind_str() == "call_expression" && cx.model.callee(c).is_builtin("panic")
                    }),
                    _ => false,
                });
        if leaves {
            return true;
        }
        cur = parent;
    }
    false
}

/// The deferred call (a literal's body included) refers to a variable declared in the loop
/// body, outside the deferred call itself.
fn uses_body_var(cx: &Ctx<'_, '_>, stmt: Node<'_>, body: Node<'_>) -> bool {
    let mut found = false;
    cx.model.walk(stmt, |n| {
        if found {
            return false;
        }
        if n.kind_str() == "identifier"
            && let Resolved::Local(d) = cx.model.resolve(n)
        {
            let decl = cx.model.decl(d).node;
            found = syntax::contains(body, decl) && !syntax::contains(stmt, decl);
        }
        !found
    });
    found
}

/// `mu.Lock(); defer mu.Unlock()` in the loop body: the next iteration locks again while
/// the deferred unlock has not run.
fn relocks(cx: &Ctx<'_, '_>, stmt: Node<'_>, body: Node<'_>) -> bool {
    let Some(call) = go_call(stmt) else {
        return false;
    };
    let lock = match cx.model.callee(call).method_name() {
        Some("Unlock") => "Lock",
        Some("RUnlock") => "RLock",
        _ => return false,
    };
    let Some(key) = cx.model.call_receiver(call).and_then(|r| cx.model.var_key(r)) else {
        return false;
    };
    cx.model.descendants_same_func(body, "call_expression")
        .into_iter()
        .any(|c| {
            c.start_byte() < stmt.start_byte()
                && cx.model.callee(c).method_name() == Some(lock)
                && cx
                    .model
                    .call_receiver(c)
                    .and_then(|r| cx.model.var_key(r))
                    .is_some_and(|k| k == key)
        })
}

/// The statement an unlabeled `break` leaves.
fn break_target(stmt: Node<'_>) -> Option<Node<'_>> {
    syntax::ancestor(
        stmt,
        &[
            "for_statement",
            "expression_switch_statement",
            "type_switch_statement",
            "select_statement",
            "func_literal",
        ],
    )
}

/// `for _, mu := range locks { mu.Lock(); defer mu.Unlock() }` holds several locks until
/// the function returns on purpose.
fn unlocks_loop_var(cx: &Ctx<'_, '_>, stmt: Node<'_>, lp: Node<'_>) -> bool {
    let Some(call) = go_call(stmt) else {
        return false;
    };
    let Callee::Method { name, .. } = cx.model.callee(call) else {
        return false;
    };
    if name != "Unlock" && name != "RUnlock" {
        return false;
    }
    let Some(recv) = cx.model.call_receiver(call) else {
        return false;
    };
    let mut root = unparen(recv);
    while matches!(root.kind_str(), "selector_expression" | "index_expression") {
        match root.child_by_field_name("operand") {
            Some(o) => root = unparen(o),
            None => return false,
        }
    }
    let Resolved::Local(d) = cx.model.resolve(root) else {
        return false;
    };
    let decl = cx.model.decl(d).node;
    // Declared by the loop header (not its body).
    let body_start = lp.child_by_field_name("body").map_or(0, |b| b.start_byte());
    syntax::contains(lp, decl) && decl.start_byte() < body_start
}

/// Wrap the loop body in `func() { ... }()` when that keeps its meaning: no `return`,
/// `goto`, labels, or `break`/`continue` of this loop inside it.
fn wrap_fix(cx: &Ctx<'_, '_>, lp: Node<'_>, body: Node<'_>) -> Option<crate::Fix> {
    let mut ok = true;
    cx.model.walk(body, |n| {
        if !ok {
            return false;
        }
        match n.kind_str() {
            "func_literal" => return false,
            "return_statement" | "goto_statement" | "labeled_statement" => ok = false,
            "break_statement" | "continue_statement" => {
                if n.named_child(0).is_some() {
                    ok = false;
                } else {
                    let target = if n.kind_str() == "continue_statement" {
                        cx.model.ancestor(n, &["for_statement", "func_literal"])
                    } else {
                        break_target(n)
                    };
                    if target == Some(lp) {
                        ok = false;
                    }
                }
            }
            _ => {}
        }
        ok
    });
    if !ok || body.end_byte() <= body.start_byte() + 1 {
        return None;
    }
    let indent = cx.indent_at(lp.start_byte()).to_string();
    let open = body.start_byte() + 1;
    let close = body.end_byte() - 1;
    Some(cx.fix(
        "Run each iteration in its own function so the deferred call runs at its end",
        "让每次迭代在自己的函数里执行，使延迟调用在迭代结束时运行",
        Safety::Unsafe,
        vec![
            cx.edit(open, open, format!("\n{indent}\tfunc() {{")),
            cx.edit(close, close, format!("\t}}()\n{indent}")),
        ],
    ))
}
