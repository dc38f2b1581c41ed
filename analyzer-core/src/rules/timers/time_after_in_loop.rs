//! GP3002 time-after-in-loop: `case <-time.After(d):` in a select that runs in a loop.

use crate::rules::{Ctx, Match, Rule};
use crate::syntax::{self, KindStr as _};
use crate::{Category, GoVersion, Severity};

pub static RULE: Rule = Rule {
    code: "GP3002",
    name: "time-after-in-loop",
    category: Category::Timers,
    severity: Severity::Warning,
    title_en: "time.After in a select inside a loop",
    title_zh: "循环内的 select 中使用 time.After",
    min_go: None,
    max_go: None,
    query: include_str!("time_after_in_loop.scm"),
    docs_en: include_str!("time_after_in_loop.en.md"),
    docs_zh: include_str!("time_after_in_loop.zh.md"),
    check,
};

fn check(cx: &mut Ctx<'_, '_>, m: &Match<'_, '_>) {
    let Some(case) = m.get("case") else {
        return;
    };
    let Some(select) = case.parent().filter(|p| p.kind_str() == "select_statement") else {
        return;
    };
    let Some(lp) = cx.model.enclosing_loop_same_func(select) else {
        return;
    };
    // The call itself in the case, or the initialiser of a variable declared in this loop.
    let call = match (m.get("call"), m.get("var")) {
        (Some(call), _) => call,
        (None, Some(var)) => {
            let Some(d) = cx.model.decl_of(var) else {
                return;
            };
            let decl = cx.model.decl(d);
            match decl.init {
                Some(init)
                    if syntax::contains(lp, decl.node)
                        && cx.model.enclosing_loop_same_func(decl.node) == Some(lp) =>
                {
                    syntax::unparen(init)
                }
                _ => return,
            }
        }
        _ => return,
    };
    if call.kind_str() != "call_expression" || !cx.model.callee(call).is_pkg("time", "After") {
        return;
    }
    let old_timers = cx.go() < GoVersion::new(1, 23);
    let text = cx.text(call);
    let (mem_en, mem_zh) = if old_timers {
        (
            "; before Go 1.23 each of those timers also stays in memory until it fires",
            "；在 Go 1.23 之前，每个这样的定时器在触发前还会一直占用内存",
        )
    } else {
        ("", "")
    };
    let related = cx.related(
        lp,
        "each iteration of this loop starts a new timer",
        "这个循环的每次迭代都会启动一个新的定时器",
    );
    let diag = cx.report(
        call,
        format!(
            "`{text}` creates a new timer every time the loop reaches this select: the timeout restarts on every iteration, so it bounds the wait of one iteration, not the loop: a steady trickle of other events postpones it forever{mem_en}; create one `time.NewTimer` (or a context deadline) before the loop and reuse it"
        ),
        format!(
            "每次循环执行到这个 select，`{text}` 都会创建一个新的定时器：超时在每次迭代时重新开始计时，它限制的是单次等待而不是整个循环：只要其他事件持续到来，它就永远不会触发{mem_zh}；请在循环之前创建一个 `time.NewTimer`（或 context 截止时间）并重复使用"
        ),
    );
    diag.related.push(related);
    // The timers are collected since Go 1.23; what remains is the logic issue.
    if !old_timers {
        diag.severity = Severity::Info;
    }
}
