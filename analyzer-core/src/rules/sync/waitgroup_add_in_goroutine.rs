//! GP2001 waitgroup-add-in-goroutine: `wg.Add` at the start of the goroutine it counts.

use crate::rules::{Ctx, Match, Rule};
use crate::syntax::{self, block_statements, unparen};
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
    // The leading statements: `defer`s may come first (`defer wg.Done()`), then `wg.Add`.
    for stmt in block_statements(body) {
        match stmt.kind() {
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
    let literal = syntax::ancestor(stmt, &["func_literal"]);
    let wg_outside = cx
        .model
        .decl_of(syntax::root_ident(wg))
        .map(|d| cx.model.decl(d).node)
        .is_some_and(|n| literal.is_some_and(|l| !syntax::contains(l, n)));
    // The count must not use the goroutine's own names (its parameters, its locals).
    let count_outside = literal.is_some_and(|l| {
        let mut ok = true;
        for arg in cx.model.call_args(call) {
            syntax::walk(arg, |n| {
                if n.kind() == "identifier"
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
