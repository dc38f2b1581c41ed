//! GP2002 waitgroup-done-skipped-on-return: a plain `wg.Done()` that an early return skips.

use crate::rules::{Ctx, Match, Rule};
use crate::syntax::{KindStr as _, self, block_statements, unparen};
use crate::{Category, Safety, Severity};
use tree_sitter::Node;

pub static RULE: Rule = Rule {
    code: "GP2002",
    name: "waitgroup-done-skipped-on-return",
    category: Category::SyncRaces,
    severity: Severity::Error,
    title_en: "WaitGroup.Done is skipped by an early return",
    title_zh: "提前 return 跳过了 WaitGroup.Done",
    min_go: None,
    max_go: None,
    query: include_str!("waitgroup_done_skipped_on_return.scm"),
    docs_en: include_str!("waitgroup_done_skipped_on_return.en.md"),
    docs_zh: include_str!("waitgroup_done_skipped_on_return.zh.md"),
    check,
};

fn check(cx: &mut Ctx<'_, '_>, m: &Match<'_, '_>) {
    let Some(body) = m.get("body") else {
        return;
    };
    // Statements of the goroutine itself, not of closures it creates.
    let mut dones: Vec<(Node<'_>, Node<'_>)> = Vec::new(); // (statement, receiver)
    let mut exits: Vec<Node<'_>> = Vec::new();
    let mut deferred_done = false;
    let mut recovers = false;
    cx.model.walk_same_func(body, |n| {
        match n.kind_str() {
            "return_statement" => exits.push(n),
            "defer_statement" => {
                if let Some(call) = syntax::go_call(n)
                    && cx
                        .model
                        .waitgroup_call(call)
                        .is_some_and(|(_, m)| m == "Done")
                {
                    deferred_done = true;
                }
            }
            "expression_statement" => {
                if let Some(call) = n.named_child(0).map(unparen)
                    && let Some((wg, m)) = cx.model.waitgroup_call(call)
                    && m == "Done"
                {
                    dones.push((n, wg));
                }
                if let Some(call) = n.named_child(0).map(unparen)
                    && cx.model.callee(call).is_builtin("panic")
                {
                    exits.push(n);
                }
            }
            _ => {}
        }
        true
    });
    // `recover` is called from a deferred closure, so closures are searched too.
    cx.model.walk(body, |n| {
        if n.kind_str() == "call_expression" && cx.model.callee(n).is_builtin("recover") {
            recovers = true;
        }
        !recovers
    });
    if deferred_done {
        return;
    }
    let Some(&(done, wg)) = dones.first() else {
        return;
    };
    // Exits before the first Done that no Done of the same WaitGroup precedes on their path.
    let is_done = |s: Node<'_>| {
        s.kind_str() == "expression_statement"
            && s.named_child(0).map(unparen).is_some_and(|c| {
                cx.model
                    .waitgroup_call(c)
                    .is_some_and(|(w, m)| m == "Done" && cx.model.same_expr(w, wg))
            })
    };
    let skipping: Vec<Node<'_>> = exits
        .into_iter()
        .filter(|e| e.end_byte() <= done.start_byte())
        // A panic crashes the program anyway unless the goroutine recovers.
        .filter(|e| e.kind_str() == "return_statement" || recovers)
        .filter(|e| !syntax::preceded_by(*e, body, body.start_byte(), is_done))
        .collect();
    let Some(first) = skipping.first() else {
        return;
    };
    let name = cx.text(wg).to_string();
    let line = first.start_position().row + 1;
    let mut related = Vec::new();
    for e in &skipping {
        let r = if e.kind_str() == "return_statement" {
            cx.related(
                *e,
                format!("returns here without calling `{name}.Done()`"),
                format!("在这里返回，没有调用 `{name}.Done()`"),
            )
        } else {
            cx.related(
                *e,
                format!("panics here without calling `{name}.Done()`"),
                format!("在这里 panic，没有调用 `{name}.Done()`"),
            )
        };
        related.push(r);
    }
    // Fix: `defer wg.Done()` as the first statement, and the plain call removed. It keeps
    // the meaning when the Done is the goroutine's last statement.
    let fix = block_statements(body).first().map(|first_stmt| {
        let last = block_statements(body).last().is_some_and(|l| *l == done);
        let indent = cx.indent_at(first_stmt.start_byte()).to_string();
        let at = first_stmt.start_byte();
        let insert = cx.edit(at, at, format!("defer {name}.Done()\n{indent}"));
        let (ds, de) = syntax::line_extent(cx.src, done);
        let delete = cx.edit(ds, de, "");
        cx.fix(
            format!("Replace with `defer {name}.Done()` at the top of the goroutine"),
            format!("改为在 goroutine 开头 `defer {name}.Done()`"),
            if last { Safety::Safe } else { Safety::Unsafe },
            vec![insert, delete],
        )
    });
    let d = cx.report(
        done,
        format!("`{name}.Done()` is skipped when the goroutine leaves early (line {line}): the counter never reaches zero and `{name}.Wait()` blocks forever; use `defer {name}.Done()` as the goroutine's first statement"),
        format!("goroutine 提前退出时（第 {line} 行）会跳过 `{name}.Done()`：计数永远到不了零，`{name}.Wait()` 会永远阻塞；请把 `defer {name}.Done()` 作为 goroutine 的第一条语句"),
    );
    d.related.extend(related);
    if let Some(f) = fix {
        d.fixes.push(f);
    }
}
