//! GP1003 goroutine-ignores-context: a goroutine runs an endless loop that never observes
//! the context that is in scope, so cancelling the context does not stop it.

use crate::model::flow;
use crate::model::{DeclId, Model};
use crate::rules::{Ctx, Match, Rule};
use crate::syntax::{KindStr as _, self, unparen};
use crate::{Category, Severity};
use tree_sitter::Node;

pub static RULE: Rule = Rule {
    code: "GP1003",
    name: "goroutine-ignores-context",
    category: Category::GoroutinesChannels,
    severity: Severity::Warning,
    title_en: "Goroutine loop never checks its context",
    title_zh: "goroutine 的循环从不检查 context",
    min_go: None,
    max_go: None,
    query: include_str!("goroutine_ignores_context.scm"),
    docs_en: include_str!("goroutine_ignores_context.en.md"),
    docs_zh: include_str!("goroutine_ignores_context.zh.md"),
    check,
};

fn check(cx: &mut Ctx<'_, '_>, m: &Match<'_, '_>) {
    let Some(go) = m.get("go") else {
        return;
    };
    let Some(func) = cx.model.goroutine_func(go) else {
        return;
    };
    let Some(body) = syntax::func_body(func) else {
        return;
    };
    // Contexts the goroutine could watch: those visible where it is started and those
    // visible in its own body (its parameters).
    let mut ctxs = cx.model.contexts_in_scope(go.start_byte());
    for d in cx.model.contexts_in_scope(body.start_byte()) {
        if !ctxs.contains(&d) {
            ctxs.push(d);
        }
    }
    if ctxs.is_empty() {
        return;
    }
    let mut found = None;
    cx.model.walk_same_func(body, |n| {
        if found.is_some() {
            return false;
        }
        if n.kind_str() == "for_statement"
            && (flow::is_endless_loop(cx.model, n) || ticks_forever(cx.model, n))
            && flow::loop_exits(cx.model, n).is_empty()
            && !observes(cx.model, n, &ctxs)
        {
            found = Some(n);
        }
        true
    });
    let Some(lp) = found else {
        return;
    };
    // The context nearest to the goroutine's code: its own parameter, else the caller's.
    let ctx = ctxs
        .iter()
        .copied()
        .find(|&d| syntax::contains(func, cx.model.decl(d).node))
        .unwrap_or(ctxs[0]);
    let name = cx.model.decl(ctx).name.clone();
    let header_end = lp
        .child_by_field_name("body")
        .map_or(lp.end_byte(), |b| b.start_byte());
    let go_rel = cx.related(go, "the goroutine is started here", "goroutine 在这里启动");
    let ctx_rel = cx.related(
        cx.model.decl(ctx).node,
        format!("`{name}` is in scope, but the loop never checks it"),
        format!("`{name}` 在作用域内，但循环从不检查它"),
    );
    let d = cx.report_range(
        lp.start_byte(),
        header_end.max(lp.start_byte()),
        format!("this goroutine loops forever and never checks `{name}`: cancelling `{name}` (a client that went away, a shutdown, a timeout) does not stop it, so it keeps running and leaks; add `case <-{name}.Done(): return` to the loop's select, or `if {name}.Err() != nil {{ return }}` at the top of the loop"),
        format!("这个 goroutine 永远循环，且从不检查 `{name}`：取消 `{name}`（客户端断开、服务关闭、超时）无法让它停下，它会一直运行并泄漏；请在循环的 select 中加入 `case <-{name}.Done(): return`，或在循环开头加上 `if {name}.Err() != nil {{ return }}`"),
    );
    d.related.push(ctx_rel);
    d.related.push(go_rel);
}

/// `for range ticker.C` / `for range time.Tick(d)`: a loop driven by a channel that is
/// never closed.
fn ticks_forever(model: &Model<'_>, lp: Node<'_>) -> bool {
    let Some(rc) = syntax::named_children(lp)
        .into_iter()
        .find(|c| c.kind_str() == "range_clause")
    else {
        return false;
    };
    let Some(over) = rc.child_by_field_name("right").map(unparen) else {
        return false;
    };
    match over.kind_str() {
        "call_expression" => model.calls_pkg(over, "time", &["Tick"]),
        "selector_expression" => {
            over.child_by_field_name("field")
                .is_some_and(|f| model.text(f) == "C")
                && over
                    .child_by_field_name("operand")
                    .is_some_and(|o| model.type_of(o).is("time", "Ticker"))
        }
        _ => false,
    }
}

/// True if the loop reads one of the contexts' cancellation state: `ctx.Done()`,
/// `ctx.Err()` or `context.Cause(ctx)`. Passing `ctx` to a call does not stop this loop.
fn observes(model: &Model<'_>, lp: Node<'_>, ctxs: &[DeclId]) -> bool {
    let mut seen = false;
    model.walk(lp, |n| {
        if n.kind_str() == "identifier" && model.decl_of(n).is_some_and(|d| ctxs.contains(&d)) {
            let parent = n.parent();
            seen = parent.is_some_and(|p| {
                (p.kind_str() == "selector_expression"
                    && p.child_by_field_name("field")
                        .is_some_and(|f| matches!(model.text(f), "Done" | "Err")))
                    || (p.kind_str() == "argument_list"
                        && p.parent()
                            .is_some_and(|c| model.calls_pkg(c, "context", &["Cause"])))
            });
        }
        !seen
    });
    seen
}
