//! GP5001 cmd-started-without-wait: `cmd.Start()` on an `*exec.Cmd` that is never waited for.

use crate::model::DeclKind;
use crate::rules::{Ctx, Match, Rule};
use crate::syntax::{KindStr as _, self, unparen};
use crate::{Category, Safety, Severity};
use tree_sitter::Node;

pub static RULE: Rule = Rule {
    code: "GP5001",
    name: "cmd-started-without-wait",
    category: Category::IoResources,
    severity: Severity::Warning,
    title_en: "Command started but never waited for",
    title_zh: "启动了命令却从不 Wait",
    min_go: None,
    max_go: None,
    query: include_str!("cmd_started_without_wait.scm"),
    docs_en: include_str!("cmd_started_without_wait.en.md"),
    docs_zh: include_str!("cmd_started_without_wait.zh.md"),
    check,
};

fn check(cx: &mut Ctx<'_, '_>, m: &Match<'_, '_>) {
    let Some(call) = m.get("call") else {
        return;
    };
    if let Some(ctor) = m.get("ctor") {
        check_unnamed(cx, call, ctor);
        return;
    }
    let Some(cmd) = m.get("cmd") else {
        return;
    };
    let crate::model::Callee::Method { recv_ty, .. } = cx.model.callee(call) else {
        return;
    };
    if !recv_ty.is("os/exec", "Cmd") {
        return;
    }
    let Some(decl) = cx.model.decl_of(cmd) else {
        return;
    };
    let d = cx.model.decl(decl);
    // A local variable: a parameter or a package-level command is someone else's to wait for.
    if d.kind != DeclKind::Var || d.scope == 0 {
        return;
    }
    let decl_node = d.node;
    for &u in cx.model.uses(decl) {
        // One report per command: at its first Start.
        if u.start_byte() < cmd.start_byte() && is_start_call(cx, u) {
            return;
        }
        match use_kind(cx, u) {
            Use::Waited | Use::Escapes => return,
            Use::Other => {}
        }
    }
    let name = cx.text(cmd);
    let related = cx.related(
        decl_node,
        format!("`{name}` is created here and never reaches `Wait`"),
        format!("`{name}` 在这里创建，之后从未调用 `Wait`"),
    );
    let fix = wait_fix(cx, call, name);
    let diag = cx.report(
        call,
        format!(
            "`{name}.Start()` starts a child process that is never waited for: when it exits it stays a zombie in the process table, and the pipes and copying goroutines of `{name}` are never released; call `{name}.Wait()` after reading its output, or use `{name}.Run()`"
        ),
        format!(
            "`{name}.Start()` 启动的子进程从未被 Wait：它退出后会作为僵尸进程留在进程表里，`{name}` 的管道和负责拷贝输出的 goroutine 也永远不会释放；请在读完输出后调用 `{name}.Wait()`，或直接使用 `{name}.Run()`"
        ),
    );
    diag.related.push(related);
    if let Some(f) = fix {
        diag.fixes.push(f);
    }
}

/// `exec.Command(...).Start()`: nothing keeps the command, so nothing can wait for it.
fn check_unnamed(cx: &mut Ctx<'_, '_>, call: Node<'_>, ctor: Node<'_>) {
    if !cx
        .model
        .callee(ctor)
        .is_pkg_any("os/exec", &["Command", "CommandContext"])
    {
        return;
    }
    cx.report(
        call,
        "the command is started without being kept in a variable, so it can never be waited for: when the child exits it stays a zombie in the process table; keep it (`cmd := exec.Command(...)`) and call `cmd.Wait()`, or use `Run()`",
        "命令在启动时没有保存到变量中，因此永远无法 Wait：子进程退出后会作为僵尸进程留在进程表里；请保存它（`cmd := exec.Command(...)`）并调用 `cmd.Wait()`，或改用 `Run()`",
    );
}

enum Use {
    /// `cmd.Wait()`, `cmd.Process.Wait()`, or `cmd.Run()`/`Output()` (which wait).
    Waited,
    /// Returned, passed, stored, sent: someone else may wait for it.
    Escapes,
    Other,
}

fn use_kind(cx: &Ctx<'_, '_>, u: Node<'_>) -> Use {
    let mut e = u;
    while let Some(p) = e.parent().filter(|p| p.kind_str() == "parenthesized_expression") {
        e = p;
    }
    let Some(parent) = e.parent() else {
        return Use::Other;
    };
    match parent.kind_str() {
        "selector_expression" => {
            let field = parent.child_by_field_name("field").map(|f| cx.text(f));
            match field {
                Some("Wait" | "Run" | "Output" | "CombinedOutput") => Use::Waited,
                Some("Process") => {
                    // `cmd.Process.Wait()` reaps; `cmd.Process.Kill()` and `.Pid` do not.
                    // `p := cmd.Process` hands the process on.
                    match parent.parent() {
                        Some(gp) if gp.kind_str() == "selector_expression" => {
                            match gp.child_by_field_name("field").map(|f| cx.text(f)) {
                                Some("Wait") => Use::Waited,
                                _ => Use::Other,
                            }
                        }
                        Some(gp) if is_assignment_target(gp, parent) => Use::Other,
                        _ => Use::Escapes,
                    }
                }
                _ => Use::Other,
            }
        }
        "expression_list" => {
            if parent.parent().is_some_and(|s| is_assignment_target(s, parent)) {
                Use::Other
            } else {
                Use::Escapes
            }
        }
        "argument_list" | "return_statement" | "literal_element" | "keyed_element"
        | "send_statement" | "assignment_statement" | "var_spec" => Use::Escapes,
        "unary_expression" if cx.text(parent).starts_with('&') => Use::Escapes,
        _ => Use::Other,
    }
}

/// True if `child` is the left side of the assignment or declaration `stmt`.
fn is_assignment_target(stmt: Node<'_>, child: Node<'_>) -> bool {
    matches!(
        stmt.kind_str(),
        "assignment_statement" | "short_var_declaration"
    ) && stmt.child_by_field_name("left") == Some(child)
}

/// `defer cmd.Wait()` after the statement that starts the command (after its error check).
fn wait_fix(cx: &Ctx<'_, '_>, call: Node<'_>, name: &str) -> Option<crate::Fix> {
    let mut stmt = call;
    loop {
        let p = stmt.parent()?;
        if matches!(p.kind_str(), "statement_list" | "block") {
            break;
        }
        if syntax::FUNC_KINDS.contains(&p.kind_str()) {
            return None;
        }
        stmt = p;
    }
    // A deferred Wait inside a loop would pile up until the function returns.
    if cx.model.enclosing_loop_same_func(stmt).is_some() {
        return None;
    }
    let mut after = stmt;
    // `err := cmd.Start()` followed by `if err != nil { ... }`: insert after the check.
    if matches!(stmt.kind_str(), "short_var_declaration" | "assignment_statement")
        && let Some(next) = next_statement(stmt)
        && next.kind_str() == "if_statement"
        && next
            .child_by_field_name("condition")
            .is_some_and(|c| unparen(c).kind_str() == "binary_expression")
    {
        after = next;
    }
    if !matches!(
        stmt.kind_str(),
        "expression_statement" | "if_statement" | "short_var_declaration" | "assignment_statement"
    ) {
        return None;
    }
    let indent = cx.indent_at(stmt.start_byte()).to_string();
    let at = line_end_after(after);
    Some(cx.fix(
        format!("Add `defer {name}.Wait()` (the function then waits for the process to exit)"),
        format!("添加 `defer {name}.Wait()`（函数返回前会等待进程退出）"),
        Safety::Unsafe,
        vec![cx.edit(at, at, format!("\n{indent}defer {name}.Wait()"))],
    ))
}

/// The next statement after `stmt`, skipping comments.
fn next_statement<'t>(stmt: Node<'t>) -> Option<Node<'t>> {
    let mut n = stmt.next_named_sibling();
    while let Some(s) = n.filter(|s| s.kind_str() == "comment") {
        n = s.next_named_sibling();
    }
    n
}

/// Where to insert a line after `stmt`: its end, or the end of a comment trailing it on the
/// same line.
fn line_end_after(stmt: Node<'_>) -> usize {
    match stmt.next_named_sibling() {
        Some(c) if c.kind_str() == "comment" && c.start_position().row == stmt.end_position().row => {
            c.end_byte()
        }
        _ => stmt.end_byte(),
    }
}

/// `u.Start()`.
fn is_start_call(cx: &Ctx<'_, '_>, u: Node<'_>) -> bool {
    u.parent().is_some_and(|sel| {
        sel.kind_str() == "selector_expression"
            && sel
                .child_by_field_name("field")
                .is_some_and(|f| cx.text(f) == "Start")
            && sel
                .parent()
                .is_some_and(|c| c.kind_str() == "call_expression")
    })
}
