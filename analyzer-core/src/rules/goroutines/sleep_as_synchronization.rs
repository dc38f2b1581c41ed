//! GP1009 sleep-as-synchronization: a function starts goroutines and then waits for them
//! with `time.Sleep` only, before returning from `main` or reading what they wrote.

use crate::model::Model;
use crate::model::flow::receive_operand;
use crate::rules::{Ctx, Match, Rule};
use crate::syntax::{KindStr as _, self, list_items, unparen};
use crate::{Category, Severity};
use tree_sitter::Node;

pub static RULE: Rule = Rule {
    code: "GP1009",
    name: "sleep-as-synchronization",
    category: Category::GoroutinesChannels,
    severity: Severity::Warning,
    title_en: "time.Sleep used to wait for goroutines",
    title_zh: "用 time.Sleep 等待 goroutine",
    min_go: None,
    max_go: None,
    query: include_str!("sleep_as_synchronization.scm"),
    docs_en: include_str!("sleep_as_synchronization.en.md"),
    docs_zh: include_str!("sleep_as_synchronization.zh.md"),
    check,
};

fn check(cx: &mut Ctx<'_, '_>, m: &Match<'_, '_>) {
    let Some(call) = m.get("call") else {
        return;
    };
    if !cx.model.callee(call).is_pkg("time", "Sleep") {
        return;
    }
    let Some(func) = cx.model.enclosing_func(call) else {
        return;
    };
    let Some(body) = syntax::func_body(func) else {
        return;
    };
    // A sleep in a loop paces a poll or a retry; that is not this pitfall.
    if cx.model.enclosing_loop_same_func(call).is_some() {
        return;
    }
    let gos: Vec<Node<'_>> = cx
        .model
        .goroutines_launched(body)
        .into_iter()
        .filter(|g| g.end_byte() <= call.start_byte())
        .collect();
    let Some(first) = gos.first().copied() else {
        return;
    };
    if waits_after(cx.model, body, first.end_byte()) {
        return;
    }
    let is_main = func.kind_str() == "function_declaration"
        && func
            .child_by_field_name("name")
            .is_some_and(|n| cx.text(n) == "main");
    // A result the goroutines write and the function reads after the sleep.
    let read = gos
        .iter()
        .filter_map(|g| syntax::go_func_literal(*g))
        .flat_map(|lit| written_outside(cx.model, lit))
        .find_map(|d| {
            cx.model.uses(d).iter().copied().find(|u| {
                u.start_byte() >= call.end_byte() && cx.model.enclosing_func(*u) == Some(func)
            })
        });
    if !is_main && read.is_none() {
        return;
    }
    let go_rel = cx.related(
        first,
        "the goroutine is started here, and nothing waits for it",
        "goroutine 在这里启动，没有任何地方等待它",
    );
    let read_rel = read.map(|u| {
        let name = cx.text(u).to_string();
        cx.related(
            u,
            format!("`{name}` is read here, whether or not the goroutine has written it"),
            format!("无论 goroutine 是否已写入，`{name}` 都会在这里被读取"),
        )
    });
    let (then_en, then_zh) = if read.is_some() {
        (
            "the result is read before it is written (a wrong answer, and usually a data race)",
            "结果会在写入之前被读取（答案错误，通常还伴随数据竞争）",
        )
    } else {
        (
            "`main` returns and the goroutines are killed mid-work",
            "`main` 返回，goroutine 在工作中途被杀死",
        )
    };
    let d = cx.report(
        call,
        format!("`time.Sleep` is used to wait for goroutines: it only guesses how long they take; when the guess is short (a loaded machine, a slow network) {then_en}, and when it is long every run wastes the difference; wait for them with a sync.WaitGroup, a channel receive or errgroup instead"),
        format!("这里用 `time.Sleep` 等待 goroutine：它只是在猜它们要花多久；猜短了（机器繁忙、网络变慢）{then_zh}，猜长了每次运行都白白浪费时间；请改用 sync.WaitGroup、channel 接收或 errgroup 来等待"),
    );
    d.related.push(go_rel);
    if let Some(r) = read_rel {
        d.related.push(r);
    }
}

/// True if anything in `body` after byte `from` (outside function literals) waits for
/// goroutines: a `.Wait()` call, a channel receive, a `select`, a range over a channel.
fn waits_after(model: &Model<'_>, body: Node<'_>, from: usize) -> bool {
    let mut found = false;
    model.walk_same_func(body, |n| {
        if found || n.end_byte() <= from {
            return false;
        }
        if n.start_byte() >= from {
            found = match n.kind_str() {
                // `wg.Wait()`, `g.Wait()`, and `synctest.Wait()` (fake time: sleeping in a
                // synctest bubble is deterministic).
                "call_expression" => match model.callee(n) {
                    crate::model::Callee::Method { name, .. }
                    | crate::model::Callee::Pkg { name, .. } => name == "Wait",
                    _ => false,
                },
                "unary_expression" => receive_operand(n).is_some(),
                "select_statement" => true,
                "range_clause" => n
                    .child_by_field_name("right")
                    .is_some_and(|r| model.type_of(r).is_chan()),
                _ => false,
            };
        }
        !found
    });
    found
}

/// Variables declared outside the literal that it assigns (`x = ...`, `x[i] = ...`,
/// `x.f = ...`, `x++`) or hands out by address (`&x`).
fn written_outside(model: &Model<'_>, lit: Node<'_>) -> Vec<usize> {
    let mut out = Vec::new();
    let mut targets = Vec::new();
    model.walk_same_func(lit, |n| {
        match n.kind_str() {
            "assignment_statement" => {
                if let Some(left) = n.child_by_field_name("left") {
                    targets.extend(list_items(left));
                }
            }
            "inc_statement" | "dec_statement" => targets.extend(n.named_child(0)),
            // `atomic.AddInt64(&n, 1)`, `json.Unmarshal(b, &v)`: written through a pointer.
            "unary_expression" if n.child(0).is_some_and(|c| c.kind_str() == "&") => {
                targets.extend(n.child_by_field_name("operand"))
            }
            _ => {}
        }
        true
    });
    for t in targets {
        let root = syntax::root_ident(unparen(t));
        if root.kind_str() != "identifier" {
            continue;
        }
        if let Some(d) = model.decl_of(root)
            && model.decl(d).scope != 0
            && !syntax::contains(lit, model.decl(d).node)
            && !out.contains(&d)
        {
            out.push(d);
        }
    }
    out
}
