//! GP2001 waitgroup-add-in-goroutine: `wg.Add` at the start of the goroutine it counts.

use crate::model::DeclKind;
use crate::rules::{Ctx, Match, Rule};
use crate::syntax::{KindStr as _, self, block_statements, unparen};
use crate::{Category, Safety, Severity};

pub static RULE: Rule = Rule {
    code: "GP2001",
    name: "waitgroup-add-in-goroutine",
    category: Category::SyncRaces,
    severity: Severity::Error,
    title_en: "WaitGroup.Add called inside the goroutine it counts",
    title_zh: "在被计数的 goroutine 内部调用 WaitGroup.Add",
    min_go: None,
    max_go: None,
    query: include_str!("waitgroup_add_in_goroutine.scm"),
    docs_en: include_str!("waitgroup_add_in_goroutine.en.md"),
    docs_zh: include_str!("waitgroup_add_in_goroutine.zh.md"),
    check,
};

fn check(cx: &mut Ctx<'_, '_>, m: &Match<'_, '_>) {
    let (Some(go), Some(body)) = (m.get("go"), m.get("body")) else {
        return;
    };
    check_done_without_add(cx, go, body);
    // The leading statements: `defer`s may come first (`defer wg.Done()`), then `wg.Add`.
    for stmt in block_statements(body) {
        match stmt.kind_str() {
            "defer_statement" => continue,
            "expression_statement" => {}
            _ => return,
        }
        let Some(call) = stmt.named_child(0).map(unparen) else {
            return;
        };
        let Some((wg, method)) = cx.model.waitgroup_call(call) else {
            return;
        };
        if method != "Add" {
            return;
        }
        report(cx, go, stmt, call, wg);
        return;
    }
}

fn report(
    cx: &mut Ctx<'_, '_>,
    go: tree_sitter::Node<'_>,
    stmt: tree_sitter::Node<'_>,
    call: tree_sitter::Node<'_>,
    wg: tree_sitter::Node<'_>,
) {
    let name = cx.text(wg);
    let call_text = cx.text(call);
    let related = cx.related(
        go,
        "the goroutine starts here; Add must happen before this line",
        "goroutine 在这里启动；Add 必须在这一行之前执行",
    );
    // The fix moves the call before `go` when it only uses names visible there: the
    // WaitGroup and the count's names are declared outside the literal.
    let literal = cx.model.ancestor(stmt, &["func_literal"]);
    let wg_outside = cx
        .model
        .decl_of(syntax::root_ident(wg))
        .map(|d| cx.model.decl(d).node)
        .is_some_and(|n| literal.is_some_and(|l| !syntax::contains(l, n)));
    // The count must not use the goroutine's own names (its parameters, its locals).
    let count_outside = literal.is_some_and(|l| {
        let mut ok = true;
        for arg in cx.model.call_args(call) {
            cx.model.walk(arg, |n| {
                if n.kind_str() == "identifier"
                    && let Some(d) = cx.model.decl_of(n)
                    && syntax::contains(l, cx.model.decl(d).node)
                {
                    ok = false;
                }
                ok
            });
        }
        ok
    });
    let fix = (wg_outside && count_outside).then(|| {
        let (ds, de) = syntax::line_extent(cx.src, stmt);
        let indent = cx.indent_at(go.start_byte()).to_string();
        let insert = cx.edit(
            go.start_byte(),
            go.start_byte(),
            format!("{call_text}\n{indent}"),
        );
        let delete = cx.edit(ds, de, "");
        cx.fix(
            format!("Move `{call_text}` before the `go` statement"),
            format!("把 `{call_text}` 移到 `go` 语句之前"),
            Safety::Safe,
            vec![insert, delete],
        )
    });
    let d = cx.report(
        call,
        format!("`{call_text}` runs inside the goroutine it counts: `{name}.Wait()` can run before it and return while the goroutine is still working; call `{call_text}` before the `go` statement"),
        format!("`{call_text}` 在它所计数的 goroutine 内部执行：`{name}.Wait()` 可能先于它运行，在 goroutine 仍在工作时就返回；请在 `go` 语句之前调用 `{call_text}`"),
    );
    d.related.push(related);
    if let Some(f) = fix {
        d.fixes.push(f);
    }
}

/// `wg.Done()` in the goroutine on a local WaitGroup that nothing ever `Add`s to (and that is
/// not handed elsewhere, where an Add could hide): `Wait` returns at once, and the first
/// `Done` panics with "sync: negative WaitGroup counter".
fn check_done_without_add(cx: &mut Ctx<'_, '_>, go: tree_sitter::Node<'_>, body: tree_sitter::Node<'_>) {
    let mut dones = Vec::new();
    cx.model.walk_same_func(body, |n| {
        if let Some((wg, method)) = cx.model.waitgroup_call(n)
            && method == "Done"
            && unparen(wg).kind_str() == "identifier"
        {
            dones.push((n, unparen(wg)));
        }
        true
    });
    let mut seen = Vec::new();
    for (done, wg) in dones {
        let Some(d) = cx.model.decl_of(wg) else {
            continue;
        };
        let decl = cx.model.decl(d);
        // A local variable only: a parameter's caller may have called Add.
        if decl.scope == 0
            || decl.kind != DeclKind::Var
            || seen.contains(&d)
            || syntax::contains(body, decl.node)
        {
            continue;
        }
        seen.push(d);
        let mut wait = None;
        let only_done_and_wait = cx.model.uses(d).iter().all(|u| {
            let method = u
                .parent()
                .filter(|p| p.kind_str() == "selector_expression")
                .and_then(|p| p.child_by_field_name("field"))
                .map(|f| cx.text(f));
            if method == Some("Wait") {
                wait = wait.or(Some(*u));
            }
            matches!(method, Some("Done" | "Wait"))
        });
        if !only_done_and_wait {
            continue;
        }
        let name = cx.text(wg).to_string();
        let go_rel = cx.related(
            go,
            format!("`{name}.Add(1)` belongs before this `go` statement"),
            format!("`{name}.Add(1)` 应该放在这条 `go` 语句之前"),
        );
        let wait_rel = wait.map(|w| {
            cx.related(
                w,
                "returns at once: the counter is still zero",
                "会立即返回：计数器仍然是零",
            )
        });
        let diag = cx.report(
            done,
            format!("`{name}` is never given a count (no `{name}.Add` anywhere): `{name}.Wait()` returns before the goroutines finish, and this `Done` then drives the counter negative, which panics with \"sync: negative WaitGroup counter\"; call `{name}.Add(1)` before each `go` statement"),
            format!("`{name}` 从未设置计数（任何地方都没有 `{name}.Add`）：`{name}.Wait()` 会在 goroutine 结束前就返回，随后这里的 `Done` 会让计数器变成负数，引发 panic \"sync: negative WaitGroup counter\"；请在每条 `go` 语句之前调用 `{name}.Add(1)`"),
        );
        diag.related.push(go_rel);
        diag.related.extend(wait_rel);
    }
}
