//! GP1002 range-over-unclosed-channel: `for v := range ch` over a local channel that nothing
//! closes, so the loop never ends.

use crate::syntax::KindStr as _;
use crate::model::flow::{self, UseRole};
use crate::rules::{Ctx, Match, Rule};
use crate::{Category, Severity};

pub static RULE: Rule = Rule {
    code: "GP1002",
    name: "range-over-unclosed-channel",
    category: Category::GoroutinesChannels,
    severity: Severity::Error,
    title_en: "range over a channel that is never closed",
    title_zh: "对从未关闭的 channel 进行 range",
    min_go: None,
    max_go: None,
    query: include_str!("range_over_unclosed_channel.scm"),
    docs_en: include_str!("range_over_unclosed_channel.en.md"),
    docs_zh: include_str!("range_over_unclosed_channel.zh.md"),
    check,
};

fn check(cx: &mut Ctx<'_, '_>, m: &Match<'_, '_>) {
    let (Some(ch), Some(range), Some(lp)) = (m.get("ch"), m.get("range"), m.get("for")) else {
        return;
    };
    let Some(decl) = cx.model.decl_of(ch) else {
        return;
    };
    if cx.model.made_chan(decl).is_none() {
        return;
    }
    // A close anywhere (a defer, a goroutine, a closure), or the channel handed to code not
    // in view (which may close it): the loop can end.
    for &u in cx.model.uses(decl) {
        if matches!(
            cx.model.use_role(u),
            UseRole::Closed | UseRole::Escapes | UseRole::Assigned
        ) {
            return;
        }
    }
    // The loop body can leave the loop itself.
    if !flow::loop_exits(cx.model, lp).is_empty() {
        return;
    }
    let name = cx.text(ch).to_string();
    let in_main = cx.model.enclosing_func(lp).is_some_and(|f| {
        f.kind_str() == "function_declaration"
            && f.child_by_field_name("name")
                .is_some_and(|n| cx.text(n) == "main")
    });
    let (end_en, end_zh) = if in_main {
        (
            "`main` waits forever and the program dies with \"fatal error: all goroutines are asleep - deadlock!\" (or hangs while other goroutines run)",
            "`main` 会永远等待，程序以 \"fatal error: all goroutines are asleep - deadlock!\" 崩溃（若还有其他 goroutine 在运行则一直挂起）",
        )
    } else {
        (
            "the goroutine running it waits forever and leaks",
            "运行它的 goroutine 会永远等待并泄漏",
        )
    };
    let decl_node = cx.model.decl(decl).init.unwrap_or(cx.model.decl(decl).node);
    let rel = cx.related(
        decl_node,
        format!("`{name}` is made here, and nothing in this file closes it"),
        format!("`{name}` 在这里创建，本文件中没有任何地方关闭它"),
    );
    let d = cx.report(
        range,
        format!("this loop ends only when `{name}` is closed, and nothing closes it: after the last value arrives, {end_en}; have the sender `close({name})` when it is done (e.g. `defer close({name})` in the producing goroutine, or after `wg.Wait()`)"),
        format!("这个循环只有在 `{name}` 被关闭时才会结束，但没有任何地方关闭它：最后一个值到达后，{end_zh}；请让发送方在发送完毕后 `close({name})`（例如在生产者 goroutine 中 `defer close({name})`，或在 `wg.Wait()` 之后关闭）"),
    );
    d.related.push(rel);
}
