//! GP2008 mismatched-lock-unlock: Lock paired with RUnlock (or RLock with Unlock), a
//! deferred Lock right after Lock, or an empty critical section.

use crate::rules::{Ctx, Match, Rule};
use crate::syntax::{KindStr as _, self, unparen};
use crate::{Category, Safety, Severity};
use tree_sitter::Node;

pub static RULE: Rule = Rule {
    code: "GP2008",
    name: "mismatched-lock-unlock",
    category: Category::SyncRaces,
    severity: Severity::Error,
    title_en: "Lock and unlock calls do not match",
    title_zh: "加锁与解锁调用不匹配",
    min_go: None,
    max_go: None,
    query: include_str!("mismatched_lock_unlock.scm"),
    docs_en: include_str!("mismatched_lock_unlock.en.md"),
    docs_zh: include_str!("mismatched_lock_unlock.zh.md"),
    check,
};

fn check(cx: &mut Ctx<'_, '_>, m: &Match<'_, '_>) {
    let (Some(stmt), Some(call)) = (m.get("stmt"), m.get("call")) else {
        return;
    };
    let Some((recv, method, kind)) = cx.model.lock_call(call) else {
        return;
    };
    let right = if method == "RLock" { "RUnlock" } else { "Unlock" };
    // The statement right after the lock, or else the first later one in the same block
    // that releases it (a mismatch further down is the same bug).
    let Some(first) = syntax::next_statement(stmt) else {
        return;
    };
    let mut found = None;
    for (i, s) in std::iter::successors(Some(first), |s| syntax::next_statement(*s)).enumerate() {
        let Some((call, m2)) = lock_op(cx, s, recv) else {
            continue;
        };
        // Later on, only the first lock operation on it counts, and only if it mismatches.
        if i == 0 || (matches!(m2.as_str(), "Unlock" | "RUnlock") && m2 != right) {
            found = Some((s, call, m2));
        }
        break;
    }
    let Some((next, next_call, m2)) = found else {
        return;
    };
    let deferred = next.kind_str() == "defer_statement";
    let name = cx.text(recv).to_string();
    let Some(m2_node) = next_call
        .child_by_field_name("function")
        .and_then(|f| f.child_by_field_name("field"))
    else {
        return;
    };
    let rename = |cx: &Ctx<'_, '_>| {
        cx.fix(
            format!("Call `{name}.{right}()` instead"),
            format!("改为调用 `{name}.{right}()`"),
            Safety::Safe,
            vec![cx.edit(m2_node.start_byte(), m2_node.end_byte(), right)],
        )
    };
    let locked_here = cx.related(
        call,
        format!("locked here with `{method}`"),
        format!("在这里用 `{method}` 加锁"),
    );
    match m2.as_str() {
        // Lock with RUnlock, RLock with Unlock: only an RWMutex has both.
        "Unlock" | "RUnlock" if m2 != right => {
            if kind != "RWMutex" {
                return;
            }
            let fix = rename(cx);
            let fatal = if m2 == "RUnlock" {
                "sync: RUnlock of unlocked RWMutex"
            } else {
                "sync: Unlock of unlocked RWMutex"
            };
            let d = cx.report(
                next,
                format!("`{name}` is locked with `{method}` but released with `{m2}`: the write and read locks are separate, so this aborts the program with \"fatal error: {fatal}\"; release it with `{name}.{right}()`"),
                format!("`{name}` 用 `{method}` 加锁却用 `{m2}` 释放：写锁和读锁是分开的，这会以 \"fatal error: {fatal}\" 终止程序；请用 `{name}.{right}()` 释放"),
            );
            d.related.push(locked_here);
            d.fixes.push(fix);
        }
        "Lock" | "RLock" if deferred => {
            let fix = rename(cx);
            let d = cx.report(
                next,
                format!("`defer {name}.{m2}()` right after `{name}.{method}()` locks again when the function returns instead of unlocking: the function keeps the lock and the deferred call deadlocks; you meant `defer {name}.{right}()`"),
                format!("紧跟在 `{name}.{method}()` 之后的 `defer {name}.{m2}()` 会在函数返回时再次加锁而不是解锁：函数一直持有锁，被推迟的调用会死锁；你想写的是 `defer {name}.{right}()`"),
            );
            d.related.push(locked_here);
            d.fixes.push(fix);
        }
        "Unlock" | "RUnlock" if !deferred => {
            // A comment right above says why (a barrier waiting for the current holder).
            // (Before a block's first statement, the grammar attaches the comment to the block.)
            let above = stmt.prev_named_sibling().or_else(|| {
                stmt.parent()
                    .filter(|p| p.kind_str() == "statement_list")
                    .and_then(|p| p.prev_named_sibling())
            });
            if above.is_some_and(|c| {
                c.kind_str() == "comment" && c.end_position().row + 1 == stmt.start_position().row
            }) {
                return;
            }
            let unlocked = cx.related(
                next,
                format!("`{name}` is unlocked immediately here"),
                format!("`{name}` 在这里被立即解锁"),
            );
            let d = cx.report(
                call,
                format!("empty critical section: `{name}` is unlocked right after `{name}.{method}()`, so nothing is protected; move the code that needs the lock between the two calls (if it only waits for the current holder, say so in a comment right above it)"),
                format!("空的临界区：`{name}` 在 `{name}.{method}()` 之后立即被解锁，什么都没有保护；请把需要加锁的代码移到这两次调用之间（如果只是为了等待当前持有者，请在它正上方加注释说明）"),
            );
            // Sometimes meant as a barrier (wait for the current holder): less certain.
            d.severity = Severity::Info;
            d.related.push(unlocked);
        }
        _ => {}
    }
}

/// `recv.M()` or `defer recv.M()` as statement `s`, `M` one of the lock methods: the call
/// and `M`.
fn lock_op<'t>(cx: &Ctx<'_, 't>, s: Node<'t>, recv: Node<'_>) -> Option<(Node<'t>, String)> {
    let call = match s.kind_str() {
        "defer_statement" => syntax::go_call(s),
        "expression_statement" => s.named_child(0).map(unparen),
        _ => None,
    }?;
    let (r2, m2, _) = cx.model.lock_call(call)?;
    cx.model.same_expr(recv, r2).then_some((call, m2))
}
