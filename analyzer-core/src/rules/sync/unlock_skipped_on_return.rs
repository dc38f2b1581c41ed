//! GP2004 unlock-skipped-on-return: a return between `mu.Lock()` and `mu.Unlock()`.

use crate::rules::{Ctx, Match, Rule};
use crate::syntax::{KindStr as _, self, unparen};
use crate::{Category, Safety, Severity};
use tree_sitter::Node;

pub static RULE: Rule = Rule {
    code: "GP2004",
    name: "unlock-skipped-on-return",
    category: Category::SyncRaces,
    severity: Severity::Error,
    title_en: "Early return leaves the mutex locked",
    title_zh: "提前返回导致互斥锁未释放",
    min_go: None,
    max_go: None,
    query: include_str!("unlock_skipped_on_return.scm"),
    docs_en: include_str!("unlock_skipped_on_return.en.md"),
    docs_zh: include_str!("unlock_skipped_on_return.zh.md"),
    check,
};

/// A call statement `recv.<name>()` on the same lock (directly, not nested).
fn is_call_on<'t>(
    cx: &Ctx<'_, 't>,
    stmt: Node<'t>,
    recv: Node<'t>,
    names: &[&str],
) -> Option<Node<'t>> {
    if stmt.kind_str() != "expression_statement" {
        return None;
    }
    let call = unparen(stmt.named_child(0)?);
    let (r, m, _) = cx.model.lock_call(call)?;
    (names.contains(&m.as_str()) && cx.model.same_expr(r, recv)).then_some(call)
}

/// A `defer` whose call (or deferred closure) unlocks `recv`.
fn defers_unlock<'t>(cx: &Ctx<'_, 't>, stmt: Node<'t>, recv: Node<'t>, unlock: &str) -> bool {
    if stmt.kind_str() != "defer_statement" {
        return false;
    }
    let mut found = false;
    cx.model.walk(stmt, |n| {
        if n.kind_str() == "call_expression"
            && let Some((r, m, _)) = cx.model.lock_call(n)
            && m == unlock
            && cx.model.same_expr(r, recv)
        {
            found = true;
        }
        !found
    });
    found
}

#[derive(Clone, Copy, PartialEq)]
enum Exit {
    Return,
    Continue,
    Break,
}

/// Where `n` (a return/continue/break inside `block`) leaves `block` to, if it does.
fn exit_kind(n: Node<'_>, block: Node<'_>) -> Option<Exit> {
    match n.kind_str() {
        "return_statement" => Some(Exit::Return),
        "continue_statement" | "break_statement" => {
            // A labelled jump may go anywhere: stay silent.
            if n.named_child_count() > 0 {
                return None;
            }
            let targets: &[&str] = if n.kind_str() == "continue_statement" {
                &["for_statement"]
            } else {
                &[
                    "for_statement",
                    "expression_switch_statement",
                    "type_switch_statement",
                    "select_statement",
                ]
            };
            let mut cur = n.parent();
            while let Some(p) = cur {
                if p == block {
                    // The jump's target encloses the block: it leaves with the lock held.
                    return Some(if n.kind_str() == "continue_statement" {
                        Exit::Continue
                    } else {
                        Exit::Break
                    });
                }
                if targets.contains(&p.kind_str()) {
                    return None;
                }
                cur = p.parent();
            }
            None
        }
        _ => None,
    }
}

/// For a `break`: is `recv` unlocked (or its unlock deferred) after the statement the break
/// leaves, in the same function?
fn unlocked_after_target(cx: &Ctx<'_, '_>, brk: Node<'_>, recv: Node<'_>, unlock: &str) -> bool {
    let Some(target) = cx.model.ancestor(
        brk,
        &[
            "for_statement",
            "expression_switch_statement",
            "type_switch_statement",
            "select_statement",
        ],
    ) else {
        return false;
    };
    let Some(body) = cx.model.enclosing_func(brk).and_then(syntax::func_body) else {
        return false;
    };
    let mut found = false;
    cx.model.walk_same_func(body, |n| {
        if n.kind_str() == "call_expression"
            && n.start_byte() >= target.end_byte()
            && let Some((r, m, _)) = cx.model.lock_call(n)
            && m == unlock
            && cx.model.same_expr(r, recv)
        {
            found = true;
        }
        !found
    });
    found
}

fn check(cx: &mut Ctx<'_, '_>, m: &Match<'_, '_>) {
    let (Some(stmt), Some(call)) = (m.get("stmt"), m.get("call")) else {
        return;
    };
    let Some((recv, method, _)) = cx.model.lock_call(call) else {
        return;
    };
    let unlock = if method == "RLock" { "RUnlock" } else { "Unlock" };
    let Some(block) = stmt.parent() else {
        return;
    };
    // Walk the statements after the Lock up to the first Unlock in the same list.
    let mut exits: Vec<(Node<'_>, Exit)> = Vec::new();
    let mut end = None;
    let mut cur = syntax::next_statement(stmt);
    while let Some(s) = cur {
        if defers_unlock(cx, s, recv, unlock) {
            return;
        }
        if is_call_on(cx, s, recv, &[unlock]).is_some() {
            end = Some(s);
            break;
        }
        cx.model.walk_same_func(s, |n| {
            if let Some(k) = exit_kind(n, block) {
                exits.push((n, k));
            }
            true
        });
        cur = syntax::next_statement(s);
    }
    // No Unlock after it in the same block: the lock is meant to outlive it.
    let Some(end) = end else {
        return;
    };
    let covered = |n: Node<'_>| {
        is_call_on(cx, n, recv, &[unlock]).is_some() || defers_unlock(cx, n, recv, unlock)
    };
    exits.retain(|(e, _)| !syntax::preceded_by(*e, block, stmt.end_byte(), covered));
    // A `break` may deliberately carry the lock out of the loop to code that unlocks it
    // after the loop (`for { mu.Lock(); if ok { break }; mu.Unlock() }; defer mu.Unlock()`).
    exits.retain(|(e, k)| *k != Exit::Break || !unlocked_after_target(cx, *e, recv, unlock));
    if exits.is_empty() {
        return;
    }
    let name = cx.text(recv).to_string();
    let mut related = Vec::new();
    for (e, k) in &exits {
        let (en, zh) = match k {
            Exit::Return => (
                format!("returns here with `{name}` still locked"),
                format!("在这里返回时 `{name}` 仍被锁住"),
            ),
            Exit::Continue => (
                format!("continues the loop here with `{name}` still locked"),
                format!("在这里继续下一轮循环时 `{name}` 仍被锁住"),
            ),
            Exit::Break => (
                format!("breaks out here with `{name}` still locked"),
                format!("在这里跳出时 `{name}` 仍被锁住"),
            ),
        };
        related.push(cx.related(*e, en, zh));
    }
    related.push(cx.related(
        end,
        format!("`{name}` is only unlocked here"),
        format!("`{name}` 只在这里解锁"),
    ));
    let fix = defer_fix(cx, stmt, end, block, recv, &method, unlock, &name);
    let line = exits[0].0.start_position().row + 1;
    let d = cx.report(
        call,
        format!("`{name}.{method}()` is not released on every path: the early exit at line {line} leaves it locked, and the next `{name}.Lock()` blocks forever; use `defer {name}.{unlock}()` right after locking, or unlock before leaving"),
        format!("`{name}.{method}()` 并非在每条路径上都会释放：第 {line} 行的提前退出会让它保持锁定，下一次 `{name}.Lock()` 将永远阻塞；请在加锁后立即 `defer {name}.{unlock}()`，或在离开前解锁"),
    );
    d.related.extend(related);
    if let Some(f) = fix {
        d.fixes.push(f);
    }
}

/// `defer mu.Unlock()` after the Lock, with every explicit Unlock removed — offered when
/// that keeps the meaning: the Lock is in the function's body, its closing Unlock is the
/// body's last statement (or followed only by a `return` of plain values), the lock is not re-acquired in between, and every other Unlock
/// is immediately followed by a return.
#[allow(clippy::too_many_arguments)]
fn defer_fix(
    cx: &Ctx<'_, '_>,
    stmt: Node<'_>,
    end: Node<'_>,
    block: Node<'_>,
    recv: Node<'_>,
    method: &str,
    unlock: &str,
    name: &str,
) -> Option<crate::Fix> {
    let body = block.parent().filter(|b| b.kind_str() == "block")?;
    body.parent()
        .filter(|f| syntax::FUNC_KINDS.contains(&f.kind_str()))?;
    // After the closing Unlock, at most a `return` of plain values (nothing it evaluates
    // could care whether the lock is still held).
    if let Some(after) = syntax::next_statement(end) {
        if after.kind_str() != "return_statement" || syntax::next_statement(after).is_some() {
            return None;
        }
        if !cx.model.descendants_of_kind(after, "call_expression").is_empty() {
            return None;
        }
    }
    let mut deletions = vec![end];
    let mut ok = true;
    let mut cur = syntax::next_statement(stmt);
    while let Some(s) = cur {
        if s == end {
            break;
        }
        cx.model.walk_same_func(s, |n| {
            if n.kind_str() == "expression_statement" {
                if is_call_on(cx, n, recv, &["Lock", "RLock"]).is_some() {
                    ok = false;
                }
                if is_call_on(cx, n, recv, &[unlock]).is_some() {
                    if syntax::next_statement(n).is_some_and(|r| r.kind_str() == "return_statement") {
                        deletions.push(n);
                    } else {
                        ok = false;
                    }
                }
            }
            ok
        });
        cur = syntax::next_statement(s);
    }
    if !ok {
        return None;
    }
    let indent = cx.indent_at(stmt.start_byte()).to_string();
    let at = syntax::insertion_point_after(cx.src, stmt);
    let mut edits = vec![cx.edit(
        at,
        at,
        format!("\n{indent}defer {name}.{unlock}()"),
    )];
    for d in deletions {
        let (s, e) = syntax::line_extent(cx.src, d);
        edits.push(cx.edit(s, e, ""));
    }
    Some(cx.fix(
        format!("Unlock with `defer {name}.{unlock}()` right after `{name}.{method}()`"),
        format!("在 `{name}.{method}()` 之后立即 `defer {name}.{unlock}()`"),
        Safety::Safe,
        edits,
    ))
}
