//! GP2007 map-written-by-goroutines: concurrent writes to one map from goroutines.

use crate::model::{DeclKind, Ty};
use crate::rules::{Ctx, Match, Rule};
use crate::syntax::{KindStr as _, self, list_items, unparen};
use crate::{Category, Severity};
use tree_sitter::Node;

pub static RULE: Rule = Rule {
    code: "GP2007",
    name: "map-written-by-goroutines",
    category: Category::SyncRaces,
    severity: Severity::Error,
    title_en: "Map written by concurrent goroutines without a lock",
    title_zh: "多个 goroutine 在无锁情况下并发写同一个 map",
    min_go: None,
    max_go: None,
    query: include_str!("map_written_by_goroutines.scm"),
    docs_en: include_str!("map_written_by_goroutines.en.md"),
    docs_zh: include_str!("map_written_by_goroutines.zh.md"),
    check,
};

/// One write to a shared map inside a goroutine literal.
#[derive(Clone, Copy)]
struct Write<'t> {
    /// The statement or call that writes.
    at: Node<'t>,
    /// The map expression (`m`, `s.cache`).
    map: Node<'t>,
}

/// `m` if `target` is `m[k]` with `m` a map variable (no index or call in `m`).
fn map_of_index<'t>(cx: &Ctx<'_, 't>, target: Node<'t>) -> Option<Node<'t>> {
    let target = unparen(target);
    if target.kind_str() != "index_expression" {
        return None;
    }
    let m = unparen(target.child_by_field_name("operand")?);
    map_var(cx, m)
}

fn map_var<'t>(cx: &Ctx<'_, 't>, m: Node<'t>) -> Option<Node<'t>> {
    let m = unparen(m);
    (matches!(cx.model.type_of(m), Ty::Map(..)) && cx.model.var_key(m).is_some()).then_some(m)
}

/// The unguarded writes of a goroutine literal to maps declared outside it; empty if the
/// literal takes a lock the goroutines share. Also a lock it takes that is its own.
fn shared_writes<'t>(cx: &Ctx<'_, 't>, lit: Node<'t>) -> (Vec<Write<'t>>, Option<Node<'t>>) {
    let mut writes = Vec::new();
    let mut locks = false;
    let mut own_lock = None;
    cx.model.walk_same_func(lit, |n| {
        match n.kind_str() {
            "assignment_statement" => {
                if let Some(left) = n.child_by_field_name("left") {
                    for l in list_items(left) {
                        if let Some(map) = map_of_index(cx, l) {
                            writes.push(Write { at: n, map });
                        }
                    }
                }
            }
            "inc_statement" | "dec_statement" => {
                if let Some(map) = n.named_child(0).and_then(|t| map_of_index(cx, t)) {
                    writes.push(Write { at: n, map });
                }
            }
            "call_expression" => {
                let callee = cx.model.callee(n);
                if callee.is_builtin("delete") || callee.is_builtin("clear") {
                    if let Some(map) = cx
                        .model
                        .call_args(n)
                        .first()
                        .and_then(|a| map_var(cx, *a))
                    {
                        writes.push(Write { at: n, map });
                    }
                } else if matches!(callee.method_name(), Some("Lock" | "RLock" | "TryLock")) {
                    match private_mutex(cx, lit, n) {
                        Some(decl) => own_lock = own_lock.or(Some(decl)),
                        None => locks = true,
                    }
                }
            }
            _ => {}
        }
        true
    });
    if locks {
        return (Vec::new(), None);
    }
    // Only maps that exist outside the goroutine are shared.
    writes.retain(|w| {
        let root = syntax::root_ident(w.map);
        cx.model
            .decl_of(root)
            .is_some_and(|d| !syntax::contains(lit, cx.model.decl(d).node))
    });
    (writes, own_lock)
}

/// For `mu.Lock()` in a goroutine literal: the declaration of `mu` when every goroutine has
/// its own (declared in the literal, or in the loop iteration that starts it), which
/// excludes nobody.
fn private_mutex<'t>(cx: &Ctx<'_, 't>, lit: Node<'t>, call: Node<'t>) -> Option<Node<'t>> {
    let recv = cx.model.call_receiver(call)?;
    let root = syntax::root_ident(recv);
    if root.kind_str() != "identifier" || unparen(recv) != root {
        return None;
    }
    let decl = cx.model.decl(cx.model.decl_of(root)?);
    if decl.kind != DeclKind::Var {
        return None;
    }
    let per_iteration = cx.model.ancestor(lit, &["go_statement"])
        .and_then(|g| cx.model.enclosing_loop_same_func(g))
        .and_then(|lp| lp.child_by_field_name("body"))
        .is_some_and(|body| syntax::contains(body, decl.node) && syntax::contains(body, lit));
    (syntax::contains(lit, decl.node) || per_iteration).then_some(decl.node)
}

fn check(cx: &mut Ctx<'_, '_>, m: &Match<'_, '_>) {
    let Some(go) = m.get("go") else {
        return;
    };
    let Some(lit) = syntax::go_func_literal(go) else {
        return;
    };
    let (writes, own_lock) = shared_writes(cx, lit);
    let mut done_keys: Vec<String> = Vec::new();
    for w in &writes {
        let Some(key) = cx.model.var_key(w.map) else {
            continue;
        };
        if done_keys.contains(&key) {
            continue;
        }
        done_keys.push(key.clone());
        let decl = cx
            .model
            .decl_of(syntax::root_ident(w.map))
            .map(|d| cx.model.decl(d).node);
        // (a) Started in a loop, not waited for within the iteration, and the map is not
        // created anew by each iteration.
        if let Some(lp) = cx.model.enclosing_loop_same_func(go)
            && let Some(body) = lp.child_by_field_name("body")
            && syntax::contains(body, go)
            && decl.is_some_and(|d| !syntax::contains(lp, d))
            && !syntax::followed_by(go, body, |s| cx.model.waits_for_goroutines(s))
        {
            let rel = cx.related(
                lp.child(0).unwrap_or(lp),
                "the goroutine is started once per iteration of this loop",
                "每轮循环都会启动一个这样的 goroutine",
            );
            report(
                cx,
                *w,
                "this goroutine is started in a loop",
                "该 goroutine 在循环中启动",
                rel,
                own_lock,
            );
            continue;
        }
        // (b) An earlier goroutine of the same function writes the same map.
        let Some(func) = cx.model.enclosing_func(go) else {
            continue;
        };
        let Some(body) = syntax::func_body(func) else {
            continue;
        };
        let earlier = cx.model.descendants_same_func(body, "go_statement")
            .into_iter()
            .filter(|g| g.end_byte() <= go.start_byte())
            // Not if the earlier goroutine is waited for before this one starts.
            .filter(|g| {
                !syntax::followed_by(*g, body, |s| {
                    s.start_byte() < go.start_byte()
                        && !syntax::contains(s, go)
                        && cx.model.waits_for_goroutines(s)
                })
            })
            .filter_map(syntax::go_func_literal)
            .flat_map(|l| shared_writes(cx, l).0)
            .find(|o| cx.model.var_key(o.map).as_deref() == Some(key.as_str()));
        if let Some(other) = earlier {
            let rel = cx.related(
                other.at,
                "another goroutine writes the same map here",
                "另一个 goroutine 在这里写同一个 map",
            );
            report(
                cx,
                *w,
                "another goroutine writes it at the same time",
                "另一个 goroutine 同时在写它",
                rel,
                own_lock,
            );
        }
    }
}

fn report(
    cx: &mut Ctx<'_, '_>,
    w: Write<'_>,
    why_en: &str,
    why_zh: &str,
    rel: crate::Related,
    own_lock: Option<Node<'_>>,
) {
    let name = cx.text(w.map).to_string();
    let own = own_lock.map(|m| {
        let mu = cx.text(m).to_string();
        cx.related(
            m,
            format!("`{mu}` is made anew for each goroutine: locking it excludes no other goroutine"),
            format!("每个 goroutine 都有自己新建的 `{mu}`：锁住它并不能排斥其他 goroutine"),
        )
    });
    let d = cx.report(
        w.at,
        format!("map `{name}` is written without a lock shared by the goroutines, while {why_en}: Go maps do not support concurrent writes and the runtime aborts with \"fatal error: concurrent map writes\"; guard every access with a sync.Mutex, or send the results over a channel and write the map in one goroutine"),
        format!("map `{name}` 在没有被各 goroutine 共享的锁保护的情况下被写入，而{why_zh}：Go 的 map 不支持并发写，运行时会以 \"fatal error: concurrent map writes\" 终止程序；请用 sync.Mutex 保护每次访问，或通过 channel 发送结果、只在一个 goroutine 中写 map"),
    );
    d.related.push(rel);
    d.related.extend(own);
}
