//! GP1004 channel-closed-twice: a channel that can be closed twice (two closes on one path,
//! a close in a loop, a close in every goroutine of a loop), or closed by the receiver while
//! senders may still send.

use crate::model::Model;
use crate::model::flow;
use crate::rules::{Ctx, Match, Rule};
use crate::syntax::{self, KindStr as _};
use crate::{Category, Severity};
use tree_sitter::Node;

pub static RULE: Rule = Rule {
    code: "GP1004",
    name: "channel-closed-twice",
    category: Category::GoroutinesChannels,
    severity: Severity::Error,
    title_en: "Channel may be closed twice, or closed while senders remain",
    title_zh: "channel 可能被关闭两次，或在仍有发送者时被关闭",
    min_go: None,
    max_go: None,
    query: include_str!("channel_closed_twice.scm"),
    docs_en: include_str!("channel_closed_twice.en.md"),
    docs_zh: include_str!("channel_closed_twice.zh.md"),
    check,
};

/// Where a close runs, seen from the function `func` that owns the flow.
#[derive(Clone, Copy)]
struct Site<'t> {
    call: Node<'t>,
    func: Node<'t>,
    /// The `go` statement whose literal holds the close.
    go: Option<Node<'t>>,
    /// `defer close(ch)` or a close inside a deferred literal.
    deferred: bool,
}

impl<'t> Site<'t> {
    /// The node that stands for this close in the owner's flow.
    fn anchor(&self) -> Node<'t> {
        self.go.unwrap_or(self.call)
    }
}

fn site<'t>(model: &Model<'t>, call: Node<'t>) -> Option<Site<'t>> {
    let owner = model.enclosing_func(call)?;
    let direct_defer = call.parent().is_some_and(|p| p.kind_str() == "defer_statement");
    if owner.kind_str() != "func_literal" {
        return Some(Site {
            call,
            func: owner,
            go: None,
            deferred: direct_defer,
        });
    }
    // A literal that is called right away by `go` or `defer`; any other literal (a
    // `once.Do` callback, a handler) runs at times this rule cannot know.
    let stmt = owner
        .parent()
        .filter(|c| c.kind_str() == "call_expression")
        .and_then(|c| c.parent())?;
    let func = model.enclosing_func(stmt)?;
    match stmt.kind_str() {
        "go_statement" => Some(Site {
            call,
            func,
            go: Some(stmt),
            deferred: false,
        }),
        "defer_statement" => Some(Site {
            call,
            func,
            go: None,
            deferred: true,
        }),
        _ => None,
    }
}

/// Is the channel variable `key` assigned anew (`ch = make(...)`) anywhere in `body` between
/// bytes `from` and `to`? Then the two closes close different channels.
fn reassigned(model: &Model<'_>, body: Node<'_>, key: &str, from: usize, to: usize) -> bool {
    let mut found = false;
    model.walk(body, |n| {
        if found || n.end_byte() <= from || n.start_byte() >= to {
            return false;
        }
        if n.kind_str() == "assignment_statement"
            && let Some(left) = n.child_by_field_name("left")
        {
            found = syntax::list_items(left)
                .into_iter()
                .any(|l| model.var_key(l).as_deref() == Some(key));
        }
        !found
    });
    found
}

/// Between `node` and `upto`, is there an `if` or `switch` (a guard such as a once-flag)?
fn guarded(node: Node<'_>, upto: Node<'_>) -> bool {
    let mut cur = node.parent();
    while let Some(p) = cur {
        if p == upto {
            return false;
        }
        if matches!(
            p.kind_str(),
            "if_statement" | "expression_switch_statement" | "type_switch_statement"
        ) {
            return true;
        }
        cur = p.parent();
    }
    false
}

fn check(cx: &mut Ctx<'_, '_>, m: &Match<'_, '_>) {
    let Some(call) = m.get("call") else {
        return;
    };
    let Some(ch) = cx.model.closed_chan(call) else {
        return;
    };
    let Some(key) = cx.model.var_key(ch) else {
        return;
    };
    let Some(me) = site(cx.model, call) else {
        closed_once_by_a_worker(cx, call, ch, &key);
        return;
    };
    let Some(body) = syntax::func_body(me.func) else {
        return;
    };
    let name = cx.text(ch).to_string();
    let root_decl = cx
        .model
        .decl_of(syntax::root_ident(ch))
        .map(|d| cx.model.decl(d).node);

    // (1) Another close of the same channel that can run before this one.
    let mut others = Vec::new();
    cx.model.walk(body, |n| {
        if n.kind_str() == "call_expression"
            && n != call
            && let Some(c) = cx.model.closed_chan(n)
            && cx.model.var_key(c).as_deref() == Some(key.as_str())
            && let Some(s) = site(cx.model, n)
            && s.func == me.func
        {
            others.push(s);
        }
        true
    });
    for other in &others {
        let (lo, hi) = if other.call.start_byte() < call.start_byte() {
            (other.call.end_byte(), call.start_byte())
        } else {
            (call.end_byte(), other.call.start_byte())
        };
        if both_run(cx.model, other, &me, body) && !reassigned(cx.model, body, &key, lo, hi) {
            let rel = if other.deferred {
                cx.related(
                    other.call,
                    "this deferred close runs again when the function returns",
                    "这个 defer 的 close 会在函数返回时再次执行",
                )
            } else {
                cx.related(
                    other.call,
                    format!("`{name}` is also closed here"),
                    format!("`{name}` 也在这里被关闭"),
                )
            };
            report_twice(cx, call, &name, rel);
            return;
        }
    }
    // (2) A close in a loop of its own function, for a channel made outside that loop.
    if me.go.is_none()
        && !me.deferred
        && let Some(lp) = cx.model.enclosing_loop_same_func(call)
        && root_decl.is_some_and(|d| !syntax::contains(lp, d))
        && !reassigned(cx.model, lp, &key, lp.start_byte(), lp.end_byte())
        && !guarded(call, lp)
        && lp
            .child_by_field_name("body")
            .is_some_and(|b| flow::falls_through(cx.model, call, b))
    {
        let rel = cx.related(
            lp.child(0).unwrap_or(lp),
            "the loop reaches the close again on its next iteration",
            "循环的下一轮会再次执行这个 close",
        );
        report_twice(cx, call, &name, rel);
        return;
    }
    // (3) A close in a goroutine started once per iteration of a loop.
    if let Some(go) = me.go
        && let Some(lit) = syntax::go_func_literal(go)
        && !guarded(call, lit)
        && let Some(lp) = cx.model.enclosing_loop_same_func(go)
        && root_decl.is_some_and(|d| !syntax::contains(lp, d))
        && !reassigned(cx.model, lp, &key, lp.start_byte(), lp.end_byte())
    {
        let rel = cx.related(
            lp.child(0).unwrap_or(lp),
            "this loop starts one closing goroutine per iteration",
            "这个循环每轮都启动一个会关闭它的 goroutine",
        );
        report_twice(cx, call, &name, rel);
        return;
    }
    // (4) The receiving function closes while goroutines it started in a loop may still send.
    if me.go.is_none()
        && !me.deferred
        && let Some(sender_loop) = senders_still_running(cx.model, &key, call, body)
    {
        let rel = cx.related(
            sender_loop.child(0).unwrap_or(sender_loop),
            "this loop starts goroutines that send on it, and nothing waits for them before the close",
            "这个循环启动了向它发送的 goroutine，而关闭之前没有等待它们",
        );
        let d = cx.report(
            call,
            format!("`{name}` is closed here while goroutines started above may still send on it: their next send panics with \"send on closed channel\"; close a channel only from the sending side, once every sender is done (e.g. after `wg.Wait()`), or signal the senders through a separate `done` channel or context"),
            format!("`{name}` 在这里被关闭，而上面启动的 goroutine 可能仍在向它发送：它们的下一次发送会以 \"send on closed channel\" panic；请只在发送方、在所有发送者结束后关闭 channel（例如 `wg.Wait()` 之后），或通过单独的 `done` channel 或 context 通知发送者"),
        );
        d.related.push(rel);
    }
}

/// Can `a` (earlier or elsewhere) and `b` both run in one call of their function?
fn both_run(model: &Model<'_>, a: &Site<'_>, b: &Site<'_>, body: Node<'_>) -> bool {
    let (x, y) = (a.anchor(), b.anchor());
    if flow::exclusive_branches(x, y) {
        return false;
    }
    match (a.deferred, b.deferred) {
        (true, true) => true,
        // A deferred close runs at the end, after the plain one (which is the one reported),
        // unless the plain one ends the function before the defer is registered.
        (true, false) => y.start_byte() > x.start_byte() || flow::falls_through(model, y, body),
        (false, true) => false,
        (false, false) => {
            // Only report the later of two plain closes.
            if x.start_byte() >= y.start_byte() {
                return false;
            }
            // Goroutines run regardless of what follows their `go` statement.
            if a.go.is_some() || b.go.is_some() {
                return a.go.is_none_or(|g| !guarded(a.call, g))
                    && b.go.is_none_or(|g| !guarded(b.call, g));
            }
            match flow::common_ancestor(x, y) {
                Some(lca) => flow::falls_through(model, x, lca),
                None => false,
            }
        }
    }
}

/// The loop that starts goroutines sending on `key`, when `close` comes after it and no
/// `.Wait()` lies between.
fn senders_still_running<'t>(
    model: &Model<'t>,
    key: &str,
    close: Node<'t>,
    body: Node<'t>,
) -> Option<Node<'t>> {
    // One walk of the function's own statements (this runs for every close): the `go`
    // statements before the close, the loops around them, and the `.Wait()` calls.
    let (mut gos, mut loops, mut waits) = (Vec::new(), Vec::new(), Vec::new());
    model.walk_same_func(body, |n| {
        if n.start_byte() >= close.start_byte() {
            return false;
        }
        match n.kind_str() {
            "go_statement" => gos.push(n),
            "for_statement" => loops.push(n),
            "call_expression" if model.calls_method(n, "Wait") => waits.push(n),
            _ => {}
        }
        true
    });
    for go in gos {
        // The innermost loop of this function around the `go` (loops are in pre-order).
        let Some(lp) = loops.iter().rev().find(|l| syntax::contains(**l, go)).copied() else {
            continue;
        };
        if syntax::contains(lp, close) {
            continue;
        }
        let Some(lit) = syntax::go_func_literal(go) else {
            continue;
        };
        let sends = model.descendants_same_func(lit, "send_statement")
            .into_iter()
            .filter(|s| flow::select_of_case_comm(*s).is_none())
            .any(|s| {
                s.child_by_field_name("channel")
                    .and_then(|c| model.var_key(c))
                    .as_deref()
                    == Some(key)
            });
        if sends
            && !waits
                .iter()
                .any(|w| w.start_byte() >= lp.end_byte() && w.end_byte() <= close.start_byte())
        {
            return Some(lp);
        }
    }
    None
}

fn report_twice(cx: &mut Ctx<'_, '_>, call: Node<'_>, name: &str, rel: crate::Related) {
    let d = cx.report(
        call,
        format!("`{name}` can be closed twice: the second `close` panics with \"close of closed channel\"; close a channel exactly once, from the one goroutine that owns it (guard shared shutdown paths with `sync.Once`)"),
        format!("`{name}` 可能被关闭两次：第二次 `close` 会以 \"close of closed channel\" panic；channel 只应由拥有它的那一个 goroutine 关闭一次（共享的关闭路径请用 `sync.Once` 保护）"),
    );
    d.related.push(rel);
}

/// `once.Do(func() { close(ch) })` in a worker started once per loop iteration that itself
/// sends on `ch`: the Once stops the second close, but the first worker to finish closes the
/// channel while the others still send on it.
fn closed_once_by_a_worker(cx: &mut Ctx<'_, '_>, call: Node<'_>, ch: Node<'_>, key: &str) {
    let Some(callback) = cx.model.enclosing_func(call).filter(|f| f.kind_str() == "func_literal") else {
        return;
    };
    let Some(do_call) = callback
        .parent()
        .filter(|p| p.kind_str() == "argument_list")
        .and_then(|a| a.parent())
    else {
        return;
    };
    let is_once_do = matches!(cx.model.callee(do_call),
        crate::model::Callee::Method { recv_ty, name } if name == "Do" && recv_ty.is("sync", "Once"));
    if !is_once_do {
        return;
    }
    let Some(worker) = cx.model.enclosing_func(do_call).filter(|f| f.kind_str() == "func_literal") else {
        return;
    };
    let Some(go) = worker
        .parent()
        .and_then(|c| c.parent())
        .filter(|g| g.kind_str() == "go_statement")
    else {
        return;
    };
    let Some(lp) = cx.model.enclosing_loop_same_func(go) else {
        return;
    };
    let made_outside = cx
        .model
        .decl_of(syntax::root_ident(ch))
        .is_some_and(|d| !syntax::contains(lp, cx.model.decl(d).node));
    let send = cx.model.descendants_same_func(worker, "send_statement")
        .into_iter()
        .find(|s| {
            s.child_by_field_name("channel")
                .and_then(|c| cx.model.var_key(c))
                .as_deref()
                == Some(key)
        });
    let (true, Some(send)) = (made_outside, send) else {
        return;
    };
    let name = cx.text(ch).to_string();
    let rel_loop = cx.related(
        lp.child(0).unwrap_or(lp),
        "this loop starts several such workers",
        "这个循环启动了多个这样的 worker",
    );
    let rel_send = cx.related(
        send,
        "the other workers may still be sending here",
        "其他 worker 可能仍在这里发送",
    );
    let d = cx.report(
        call,
        format!("`{name}` is closed by whichever worker finishes first: `sync.Once` stops a second close, but the other workers may still send on `{name}`, and their next send panics with \"send on closed channel\"; close it once, after every sender is done (`wg.Wait()` then `close({name})`, in one goroutine)"),
        format!("`{name}` 会被最先结束的那个 worker 关闭：`sync.Once` 只能阻止第二次关闭，其他 worker 却可能仍在向 `{name}` 发送，它们的下一次发送会以 \"send on closed channel\" panic；请在所有发送者结束之后只关闭一次（在一个 goroutine 里先 `wg.Wait()` 再 `close({name})`）"),
    );
    d.related.push(rel_loop);
    d.related.push(rel_send);
}
