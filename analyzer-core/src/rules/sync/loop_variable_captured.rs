//! GP2005 loop-variable-captured: a goroutine or deferred closure captures the loop
//! variable, which before Go 1.22 is one variable shared by all iterations.

use crate::model::DeclId;
use crate::rules::{Ctx, Match, Rule};
use crate::syntax::{KindStr as _, self, list_items};
use crate::{Category, GoVersion, Safety, Severity};
use tree_sitter::Node;

pub static RULE: Rule = Rule {
    code: "GP2005",
    name: "loop-variable-captured",
    category: Category::SyncRaces,
    severity: Severity::Warning,
    title_en: "Loop variable captured by a goroutine or deferred closure (before Go 1.22)",
    title_zh: "goroutine 或 defer 闭包捕获了循环变量（Go 1.22 之前）",
    min_go: None,
    max_go: Some(GoVersion::new(1, 21)),
    query: include_str!("loop_variable_captured.scm"),
    docs_en: include_str!("loop_variable_captured.en.md"),
    docs_zh: include_str!("loop_variable_captured.zh.md"),
    check,
};

/// The variables a `for` statement declares with `:=` (range or three-clause).
fn loop_vars(cx: &Ctx<'_, '_>, for_stmt: Node<'_>) -> Vec<DeclId> {
    let mut out = Vec::new();
    for c in syntax::named_children(for_stmt) {
        let left = match c.kind_str() {
            "range_clause" => c.child_by_field_name("left"),
            "for_clause" => c
                .child_by_field_name("initializer")
                .filter(|i| i.kind_str() == "short_var_declaration")
                .and_then(|i| i.child_by_field_name("left")),
            _ => None,
        };
        let Some(left) = left else { continue };
        for id in list_items(left) {
            if id.kind_str() == "identifier"
                && let Some(d) = cx.model.decl_of(id)
                && cx.model.decl(d).node == id
            {
                out.push(d);
            }
        }
    }
    out
}

/// `return`, or an unlabelled `break` of `for_stmt` itself.
fn leaves_loop(s: Node<'_>, for_stmt: Node<'_>) -> bool {
    match s.kind_str() {
        "return_statement" => true,
        "break_statement" if s.named_child_count() == 0 => {
            syntax::ancestor(
                s,
                &[
                    "for_statement",
                    "expression_switch_statement",
                    "type_switch_statement",
                    "select_statement",
                ],
            ) == Some(for_stmt)
        }
        _ => false,
    }
}

fn check(cx: &mut Ctx<'_, '_>, m: &Match<'_, '_>) {
    let Some(stmt) = m.get("stmt") else {
        return;
    };
    let Some(lit) = syntax::go_func_literal(stmt) else {
        return;
    };
    let is_go = stmt.kind_str() == "go_statement";
    // Loops around the statement, in the same function.
    let mut cur = stmt.parent();
    let mut reported: Vec<DeclId> = Vec::new();
    while let Some(n) = cur {
        if syntax::FUNC_KINDS.contains(&n.kind_str()) {
            break;
        }
        cur = n.parent();
        if n.kind_str() != "for_statement" {
            continue;
        }
        let Some(body) = n.child_by_field_name("body") else {
            continue;
        };
        if !syntax::contains(body, stmt) {
            continue;
        }
        let vars = loop_vars(cx, n);
        if vars.is_empty() {
            continue;
        }
        // Leaving the loop right after: the variable never changes again.
        if syntax::next_statement(stmt).is_some_and(|s| leaves_loop(s, n)) {
            continue;
        }
        // A goroutine waited for in the same iteration is done before the variable changes.
        if is_go && syntax::followed_by(stmt, body, |s| cx.model.waits_for_goroutines(s)) {
            continue;
        }
        // First use of each loop variable inside the literal.
        let mut uses: Vec<(DeclId, Node<'_>)> = Vec::new();
        cx.model.walk(lit, |x| {
            if x.kind_str() == "identifier"
                && let Some(d) = cx.model.decl_of(x)
                && vars.contains(&d)
                && !uses.iter().any(|(e, _)| *e == d)
                && !reported.contains(&d)
            {
                uses.push((d, x));
            }
            true
        });
        for (d, use_node) in uses {
            reported.push(d);
            report(cx, stmt, d, use_node, is_go);
        }
    }
}

fn report(
    cx: &mut Ctx<'_, '_>,
    stmt: Node<'_>,
    d: DeclId,
    use_node: Node<'_>,
    is_go: bool,
) {
    let decl = cx.model.decl(d).node;
    let v = cx.text(use_node).to_string();
    let related = cx.related(
        decl,
        format!("`{v}` is declared once for the whole loop (before Go 1.22)"),
        format!("`{v}` 在整个循环中只声明一次（Go 1.22 之前）"),
    );
    let indent = cx.indent_at(stmt.start_byte()).to_string();
    let fix = cx.fix(
        format!("Copy the variable for this iteration: `{v} := {v}`"),
        format!("为本轮迭代复制变量：`{v} := {v}`"),
        Safety::Safe,
        vec![cx.edit(
            stmt.start_byte(),
            stmt.start_byte(),
            format!("{v} := {v}\n{indent}"),
        )],
    );
    let (en, zh) = if is_go {
        (
            format!("the goroutine captures loop variable `{v}`: before Go 1.22 all iterations share one `{v}`, so the goroutine may see a later value (often the last) and races with the loop updating it; pass it as an argument (`go func({v} T) {{ ... }}({v})`) or copy it with `{v} := {v}` before the `go` statement"),
            format!("goroutine 捕获了循环变量 `{v}`：Go 1.22 之前所有迭代共享同一个 `{v}`，goroutine 可能看到之后的值（通常是最后一个），并与循环对它的更新产生数据竞争；请把它作为参数传入（`go func({v} T) {{ ... }}({v})`），或在 `go` 语句前用 `{v} := {v}` 复制一份"),
        )
    } else {
        (
            format!("the deferred closure captures loop variable `{v}`: before Go 1.22 all iterations share one `{v}`, so every deferred call runs with its final value; pass it as an argument (`defer func({v} T) {{ ... }}({v})`) or copy it with `{v} := {v}` before the `defer`"),
            format!("defer 的闭包捕获了循环变量 `{v}`：Go 1.22 之前所有迭代共享同一个 `{v}`，每个被推迟的调用都会使用它的最终值；请把它作为参数传入（`defer func({v} T) {{ ... }}({v})`），或在 `defer` 前用 `{v} := {v}` 复制一份"),
        )
    };
    let diag = cx.report(use_node, en, zh);
    diag.related.push(related);
    diag.fixes.push(fix);
}
