//! GP1001 unbuffered-send-may-block: a goroutine sends on an unbuffered channel whose only
//! receiver can stop waiting (a `select` with another case, an early return, or one receive
//! for many senders), so the send blocks forever.

use crate::model::flow::{self, UseRole};
use crate::model::{Buffering, Model};
use crate::rules::{Ctx, Match, Rule};
use crate::syntax::{KindStr as _, self, unparen};
use crate::{Category, Safety, Severity};
use tree_sitter::Node;

pub static RULE: Rule = Rule {
    code: "GP1001",
    name: "unbuffered-send-may-block",
    category: Category::GoroutinesChannels,
    severity: Severity::Error,
    title_en: "Goroutine send on an unbuffered channel whose receiver may leave",
    title_zh: "goroutine 向无缓冲 channel 发送，但接收方可能提前离开",
    min_go: None,
    max_go: None,
    query: include_str!("unbuffered_send_may_block.scm"),
    docs_en: include_str!("unbuffered_send_may_block.en.md"),
    docs_zh: include_str!("unbuffered_send_may_block.zh.md"),
    check,
};

/// Why the receiver may never take the value.
enum Leave<'t> {
    /// The receive is one case of a select; this other case lets the receiver go on.
    OtherCase(Node<'t>),
    /// A return (or other exit) between the `go` statement and the receive.
    EarlyExit(Node<'t>),
    /// The goroutine is started once per iteration of this loop, but only one value is
    /// received.
    ManySenders(Node<'t>),
}

fn check(cx: &mut Ctx<'_, '_>, m: &Match<'_, '_>) {
    let Some(go) = m.get("go") else {
        return;
    };
    let Some(body) = m.get("body") else {
        if let Some(call) = m.get("call") {
            check_call(cx, go, call);
        }
        return;
    };
    let Some(lit) = body.parent() else {
        return;
    };
    let Some(func) = cx.model.enclosing_func(go) else {
        return;
    };
    let mut sends = Vec::new();
    cx.model.walk_same_func(body, |n| {
        if n.kind_str() == "send_statement" {
            sends.push(n);
        }
        true
    });
    let mut seen = Vec::new();
    for send in sends {
        // A sender that selects (`case ch <- v:` next to `case <-ctx.Done():`) can give up.
        if flow::select_of_case_comm(send).is_some() {
            continue;
        }
        let Some(ch) = send.child_by_field_name("channel").map(unparen) else {
            continue;
        };
        if ch.kind_str() != "identifier" {
            continue;
        }
        let Some(decl) = cx.model.decl_of(ch) else {
            continue;
        };
        if seen.contains(&decl) || syntax::contains(lit, cx.model.decl(decl).node) {
            continue;
        }
        seen.push(decl);
        if cx.model.made_chan(decl) != Some(Buffering::Unbuffered) {
            continue;
        }
        if let Some(leave) = receiver_may_leave(cx.model, decl, go, func, None) {
            report(cx, send, ch, decl, go, leave);
        }
    }
}

/// `go worker(ch)`: `ch` made unbuffered here, and `worker` (a function or method of this
/// file) sends on the matching parameter outside a select.
fn check_call(cx: &mut Ctx<'_, '_>, go: Node<'_>, call: Node<'_>) {
    let Some(callee) = cx.model.goroutine_func(go) else {
        return;
    };
    if callee.kind_str() == "func_literal" {
        return;
    }
    let (Some(params), Some(callee_body), Some(func)) = (
        callee.child_by_field_name("parameters"),
        syntax::func_body(callee),
        cx.model.enclosing_func(go),
    ) else {
        return;
    };
    let mut names = Vec::new();
    for p in syntax::named_children(params) {
        if p.kind_str() != "parameter_declaration" {
            // Variadic: arguments no longer line up one to one.
            break;
        }
        let mut cursor = p.walk();
        names.extend(p.children_by_field_name("name", &mut cursor));
    }
    for (arg, param) in cx.model.call_args(call).into_iter().zip(names) {
        let arg = unparen(arg);
        if arg.kind_str() != "identifier" {
            continue;
        }
        let (Some(decl), Some(pdecl)) = (cx.model.decl_of(arg), cx.model.decl_of(param)) else {
            continue;
        };
        if cx.model.made_chan(decl) != Some(Buffering::Unbuffered) {
            continue;
        }
        let send = cx.model.descendants_same_func(callee_body, "send_statement")
            .into_iter()
            .find(|s| {
                flow::select_of_case_comm(*s).is_none()
                    && s.child_by_field_name("channel")
                        .map(unparen)
                        .is_some_and(|c| cx.model.decl_of(c) == Some(pdecl))
            });
        let Some(send) = send else {
            continue;
        };
        if let Some(leave) = receiver_may_leave(cx.model, decl, go, func, Some(arg)) {
            let ch = send.child_by_field_name("channel").unwrap_or(send);
            report(cx, send, ch, decl, go, leave);
        }
    }
}

/// `Some` if every receive of the channel is in `func` itself and none of them is certain to
/// take the goroutine's value.
fn receiver_may_leave<'t>(
    model: &Model<'t>,
    decl: usize,
    go: Node<'t>,
    func: Node<'t>,
    handed_to_sender: Option<Node<'t>>,
) -> Option<Leave<'t>> {
    let body = syntax::func_body(func)?;
    let mut receives = Vec::new();
    for &u in model.uses(decl) {
        if Some(u) == handed_to_sender {
            continue;
        }
        match model.use_role(u) {
            UseRole::Receive => {
                if model.enclosing_func(u) != Some(func) {
                    return None;
                }
                receives.push(u);
            }
            // A range keeps receiving; anything else hands the channel to code not in view.
            UseRole::Range | UseRole::Escapes | UseRole::Assigned | UseRole::Closed => {
                return None;
            }
            UseRole::Send | UseRole::Called | UseRole::Discarded | UseRole::Other => {}
        }
    }
    let first = receives.first().copied()?;
    let go_loop = model.enclosing_loop_same_func(go).filter(|l| syntax::contains(body, *l));
    let mut reason = None;
    for &r in &receives {
        let why = if let Some((select, case)) = flow::select_of_case_comm(r) {
            other_case(model, select, case, decl).map(Leave::OtherCase)
        } else {
            None
        };
        let why = why.or_else(|| early_exit(model, decl, go, r, body).map(Leave::EarlyExit));
        let why = why.or_else(|| {
            // One receive outside the loop that starts one sender per iteration.
            let lp = go_loop?;
            (receives.len() == 1
                && !syntax::contains(lp, r)
                && model.enclosing_loop_same_func(r).is_none())
                .then_some(Leave::ManySenders(lp))
        });
        match why {
            Some(w) => {
                if r == first {
                    reason = Some(w);
                }
            }
            None => return None,
        }
    }
    reason
}

/// Another case of the select that does not receive from the same channel. When the select
/// runs in a loop, only a case that leaves the loop lets the receiver go (a `case <-tick.C:`
/// that loops back still receives later).
fn other_case<'t>(
    model: &Model<'t>,
    select: Node<'t>,
    case: Node<'t>,
    decl: usize,
) -> Option<Node<'t>> {
    let exits = model.enclosing_loop_same_func(select).map(|lp| flow::loop_exits(model, lp));
    syntax::named_children(select).into_iter().find(|c| {
        *c != case
            && exits
                .as_ref()
                .is_none_or(|ex| ex.iter().any(|e| syntax::contains(*c, *e)))
            && matches!(c.kind_str(), "communication_case" | "default_case")
            && !model.descendants_of_kind(*c, "unary_expression")
                .into_iter()
                .filter_map(flow::receive_operand)
                .any(|o| model.decl_of(o) == Some(decl) && flow::select_of_case_comm(o).is_some())
    })
}

/// A statement that leaves `func` after the `go` statement and before the receive `r`, on a
/// path that has not received from the channel yet.
fn early_exit<'t>(
    model: &Model<'t>,
    decl: usize,
    go: Node<'t>,
    r: Node<'t>,
    body: Node<'t>,
) -> Option<Node<'t>> {
    let receives_it = |s: Node<'t>| {
        model.descendants_of_kind(s, "unary_expression")
            .into_iter()
            .filter_map(flow::receive_operand)
            .any(|o| model.decl_of(o) == Some(decl))
    };
    let mut found = None;
    model.walk_same_func(body, |n| {
        if found.is_some() {
            return false;
        }
        if n.end_byte() <= go.end_byte() && !syntax::contains(n, go) {
            return false;
        }
        if n.start_byte() >= r.start_byte() {
            return false;
        }
        let exits = match n.kind_str() {
            "return_statement" => true,
            "expression_statement" => {
                flow::is_terminator(model, n) && !flow::exits_process(model, n)
            }
            _ => false,
        };
        if exits
            && n.start_byte() >= go.end_byte()
            && !syntax::contains(n, r)
            && !syntax::preceded_by(n, body, go.end_byte(), receives_it)
        {
            found = Some(n);
        }
        true
    });
    found
}

fn report(
    cx: &mut Ctx<'_, '_>,
    send: Node<'_>,
    ch: Node<'_>,
    decl: usize,
    go: Node<'_>,
    leave: Leave<'_>,
) {
    let name = cx.text(ch).to_string();
    let single = !matches!(leave, Leave::ManySenders(_));
    let (why_en, why_zh, rel) = match leave {
        Leave::OtherCase(c) => {
            let at = c.child_by_field_name("communication").unwrap_or(c);
            (
                "the receiving `select` can take another case and move on",
                "接收方的 `select` 可能走另一个分支然后离开",
                cx.related(
                    at,
                    "the receiver can leave through this case without receiving",
                    "接收方可能从这个分支离开而不接收",
                ),
            )
        }
        Leave::EarlyExit(e) => (
            "the function can return before it receives",
            "函数可能在接收之前就返回",
            cx.related(
                e,
                "the receiver returns here without receiving",
                "接收方在这里返回，没有接收",
            ),
        ),
        Leave::ManySenders(lp) => (
            "one goroutine is started per loop iteration and only one value is received",
            "每轮循环启动一个 goroutine，却只接收了一个值",
            cx.related(
                lp.child(0).unwrap_or(lp),
                "this loop starts one sender per iteration",
                "这个循环每轮都启动一个发送者",
            ),
        ),
    };
    let make = cx.model.decl(decl).init.map(unparen);
    let made = cx.model.decl(decl).name.clone();
    let make_rel = make.map(|mk| {
        cx.related(
            mk,
            format!("`{made}` is made unbuffered here"),
            format!("`{made}` 在这里被创建为无缓冲 channel"),
        )
    });
    let go_rel = cx.related(go, "the goroutine is started here", "goroutine 在这里启动");
    let fix = make.filter(|_| single).and_then(|mk| buffer_fix(cx, mk));
    let d = cx.report(
        send,
        format!("goroutine blocks here forever: `{name}` is unbuffered, so this send waits for a receiver, but {why_en}; the goroutine then leaks with everything it holds. Make the channel buffered (`make(chan T, 1)` per sender) so the send always completes, or let the sender also select on cancellation"),
        format!("goroutine 会永远阻塞在这里：`{name}` 是无缓冲 channel，发送必须等到有人接收，但{why_zh}；该 goroutine 及其持有的一切都会泄漏。请使用带缓冲的 channel（每个发送者一个容量，如 `make(chan T, 1)`）使发送总能完成，或让发送方同时 select 取消信号"),
    );
    d.related.push(rel);
    d.related.push(go_rel);
    if let Some(r) = make_rel {
        d.related.push(r);
    }
    if let Some(f) = fix {
        d.fixes.push(f);
    }
}

/// `make(chan T)` -> `make(chan T, 1)`; `make(chan T, 0)` -> `make(chan T, 1)`.
fn buffer_fix(cx: &Ctx<'_, '_>, mk: Node<'_>) -> Option<crate::Fix> {
    let args = cx.model.call_args(mk);
    let edit = match args.as_slice() {
        [t] => cx.edit(t.end_byte(), t.end_byte(), ", 1"),
        [_, n] => cx.edit(n.start_byte(), n.end_byte(), "1"),
        _ => return None,
    };
    Some(cx.fix(
        "Give the channel a buffer of 1 so the send never waits",
        "给 channel 加上容量为 1 的缓冲，使发送无需等待",
        Safety::Safe,
        vec![edit],
    ))
}
