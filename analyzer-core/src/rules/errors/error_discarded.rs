//! GP6001 error-discarded: the error result of a call is dropped, either by calling it as a
//! statement or by assigning the error to `_`.

use crate::model::flow::UseRole;
use crate::model::{Callee, DeclKind, Resolved, Ty};
use crate::rules::{Ctx, Match, Rule};
use crate::syntax::{KindStr as _, self, list_items, string_value, unparen};
use crate::{Category, Severity};
use tree_sitter::Node;

pub static RULE: Rule = Rule {
    code: "GP6001",
    name: "error-discarded",
    category: Category::Errors,
    severity: Severity::Warning,
    title_en: "Error result discarded",
    title_zh: "错误返回值被丢弃",
    min_go: None,
    max_go: None,
    query: include_str!("error_discarded.scm"),
    docs_en: include_str!("error_discarded.en.md"),
    docs_zh: include_str!("error_discarded.zh.md"),
    check,
};

fn check(cx: &mut Ctx<'_, '_>, m: &Match<'_, '_>) {
    let Some(call) = m.get("call") else {
        return;
    };
    // Test code discards errors of set-up calls on purpose; see the docs.
    if cx.model.is_test_file() {
        return;
    }
    let Some(n) = cx.model.error_result_count(call) else {
        return;
    };
    let callee = callee_text(cx, call);
    if m.get("stmt").is_some() {
        if conventionally_ignored(cx, call)
            || m.get("stmt").is_some_and(|s| on_error_path(cx, s) || in_deferred_literal(s))
        {
            return;
        }
        cx.report(
            call,
            format!("the error returned by `{callee}` is dropped: if the call fails the program carries on as if it had succeeded; check it (`if err := {callee}(...); err != nil {{ ... }}`) or assign it to `_` with a comment saying why it cannot matter"),
            format!("`{callee}` 返回的错误被丢弃：调用失败时程序会当作成功继续运行；请检查它（`if err := {callee}(...); err != nil {{ ... }}`），或赋值给 `_` 并用注释说明为什么可以忽略"),
        );
        return;
    }
    let (Some(left), Some(stmt)) = (m.get("left"), m.get("assign")) else {
        return;
    };
    let lefts = list_items(left);
    if lefts.len() != n {
        return;
    }
    let Some(blank) = lefts.last().copied() else {
        return;
    };
    if explained_by_comment(stmt) {
        return;
    }
    if cx.text(blank) != "_" {
        report_if_only_discarded(cx, stmt, blank, callee);
        return;
    }
    let (rest_en, rest_zh) = if n > 1 {
        (
            " and the other results are whatever the failed call left (usually zero values)",
            "，其他返回值只是失败调用留下的值（通常是零值）",
        )
    } else {
        ("", "")
    };
    cx.report(
        stmt,
        format!("the error returned by `{callee}` is assigned to `_`: a failure goes unnoticed{rest_en}; handle the error, or add a comment above saying why it cannot happen"),
        format!("`{callee}` 返回的错误被赋给了 `_`：失败不会被发现{rest_zh}；请处理这个错误，或在上一行加注释说明它为什么不可能发生"),
    );
}

/// `v, err := f()` where every later use of `err` is `_ = err`: dropped all the same, only
/// out of sight of `go vet` and most linters.
fn report_if_only_discarded(cx: &mut Ctx<'_, '_>, stmt: Node<'_>, var: Node<'_>, callee: &str) {
    if var.kind_str() != "identifier" {
        return;
    }
    let Some(decl) = cx.model.decl_of(var) else {
        return;
    };
    let later: Vec<Node<'_>> = cx
        .model
        .uses(decl)
        .iter()
        .copied()
        .filter(|u| u.start_byte() >= stmt.end_byte())
        .collect();
    if later.is_empty() || later.iter().any(|u| cx.model.use_role(*u) != UseRole::Discarded) {
        return;
    }
    let discards: Vec<Node<'_>> = later
        .iter()
        .filter_map(|u| cx.model.ancestor(*u, &["assignment_statement"]))
        .collect();
    if discards.iter().any(|d| explained_by_comment(*d)) {
        return;
    }
    let name = cx.text(var).to_string();
    let rels: Vec<_> = discards
        .iter()
        .map(|d| {
            cx.related(
                *d,
                format!("`{name}` is thrown away here"),
                format!("`{name}` 在这里被丢弃"),
            )
        })
        .collect();
    let d = cx.report(
        stmt,
        format!("the error returned by `{callee}` is stored in `{name}` and then only assigned to `_`: a failure goes unnoticed exactly as with `_` in place of `{name}`; handle the error, or add a comment saying why it cannot happen"),
        format!("`{callee}` 返回的错误存进了 `{name}`，之后却只被赋给 `_`：失败同样不会被发现，和直接写 `_` 没有区别；请处理这个错误，或加注释说明它为什么不可能发生"),
    );
    d.related.extend(rels);
}

/// `os.Remove` or `f.Close` as written at the call.
fn callee_text<'t>(cx: &Ctx<'_, 't>, call: Node<'_>) -> &'t str {
    call.child_by_field_name("function")
        .map(|f| cx.text(f))
        .unwrap_or("")
}

/// Calls whose error Go code ignores by convention when called as a statement:
/// - `Close`/`close...` and `Rollback`: the error that matters was seen earlier. A `Close` of a
///   file opened for writing is not one of them: its error is where a failed write shows up.
/// - writes to in-memory buffers (never fail) and to sticky-error writers (`bufio.Writer`, and
///   a type of this file, which usually records the error and reports it at `Flush`);
/// - deadlines (`SetDeadline` only fails on a closed connection, which the next read reports);
/// - copies into a buffer, `io.Discard`, stdout/stderr or an `http.ResponseWriter` (the client
///   may be gone; nothing can be done about it).
fn conventionally_ignored(cx: &Ctx<'_, '_>, call: Node<'_>) -> bool {
    match cx.model.callee(call) {
        Callee::Method { recv_ty, name } => {
            if recv_ty.is("bytes", "Buffer") || recv_ty.is("strings", "Builder") {
                return true;
            }
            let sticky = recv_ty.is("bufio", "Writer")
                || matches!(recv_ty.deref(), Ty::Named { pkg: None, .. });
            match name.as_str() {
                "Write" | "WriteString" | "WriteByte" | "WriteRune" => sticky,
                "SetDeadline" | "SetReadDeadline" | "SetWriteDeadline" | "Rollback" => true,
                // Printf-like methods, by analogy with fmt.Printf.
                n if n.starts_with("Print") || n.starts_with("Fprint") => true,
                n if n.starts_with("Close") || n.starts_with("close") => !cx
                    .model
                    .call_receiver(call)
                    .is_some_and(|r| opened_for_writing(cx, r)),
                _ => false,
            }
        }
        c @ Callee::Pkg { .. } => {
            let Some(&w) = cx.model.call_args(call).first() else {
                return false;
            };
            // io.WriteString fails only if the writer does: report it for writers that do
            // fail (files, connections), not for one that may be a hash or a fmt.State.
            let wt = cx.model.type_of(w);
            (c.is_pkg("io", "WriteString") && !(wt.is("os", "File") || wt.is("net", "Conn")))
                || (c.is_pkg_any("io", &["Copy", "CopyN", "CopyBuffer"])
                    && harmless_writer(cx, w))
                // Setenv fails only for an invalid name; a literal valid name cannot fail.
                || (c.is_pkg_any("os", &["Setenv", "Unsetenv"])
                    && literal_text(cx, w)
                        .is_some_and(|k| !k.is_empty() && !k.contains(['=', '\\'])))
        }
        _ => false,
    }
}

/// Clean-up on an error path: the statements after this one (other calls, then) end in a
/// `return` of a non-nil error. The error being returned is the one that matters; a failed
/// clean-up (`f.Close()`, `os.Remove(tmp)`) cannot be reported alongside it.
fn on_error_path(cx: &Ctx<'_, '_>, stmt: Node<'_>) -> bool {
    handling_an_error(cx, stmt) || returns_an_error_next(cx, stmt)
}

/// Inside `if err != nil { here }` or `if err == nil { ... } else { here }` of the same
/// function: an error is already being handled.
fn handling_an_error(cx: &Ctx<'_, '_>, stmt: Node<'_>) -> bool {
    let mut cur = stmt;
    while let Some(p) = cur.parent() {
        if syntax::FUNC_KINDS.contains(&p.kind_str()) {
            return false;
        }
        if p.kind_str() == "if_statement"
            && let Some(cond) = p.child_by_field_name("condition").map(unparen)
            && cond.kind_str() == "binary_expression"
        {
            let op = cond.child_by_field_name("operator").map(|o| cx.text(o));
            let (l, r) = (
                cond.child_by_field_name("left"),
                cond.child_by_field_name("right"),
            );
            let err_vs_nil = match (l, r) {
                (Some(l), Some(r)) if r.kind_str() == "nil" => cx.model.is_error_value(l),
                (Some(l), Some(r)) if l.kind_str() == "nil" => cx.model.is_error_value(r),
                _ => false,
            };
            let branch = if p.child_by_field_name("consequence") == Some(cur) {
                Some("!=")
            } else if p.child_by_field_name("alternative") == Some(cur) {
                Some("==")
            } else {
                None
            };
            if err_vs_nil && branch.is_some() && op == branch {
                return true;
            }
        }
        cur = p;
    }
    false
}

/// In the body of `defer func() { ... }()`: deferred clean-up, like `defer f.Close()`.
fn in_deferred_literal(stmt: Node<'_>) -> bool {
    syntax::enclosing_func(stmt).is_some_and(|f| {
        f.kind_str() == "func_literal"
            && f.parent().is_some_and(|c| {
                c.kind_str() == "call_expression" && c.parent().is_some_and(|d| d.kind_str() == "defer_statement")
            })
    })
}

/// The statements after this one (other calls, then) end in a `return` of an error.
fn returns_an_error_next(cx: &Ctx<'_, '_>, stmt: Node<'_>) -> bool {
    let mut next = stmt.next_named_sibling();
    while let Some(n) = next {
        match n.kind_str() {
            "comment" | "expression_statement" => next = n.next_named_sibling(),
            "return_statement" => {
                let last = n
                    .named_child(n.named_child_count().saturating_sub(1) as u32)
                    .and_then(|l| list_items(l).last().copied());
                return last.is_some_and(|e| {
                    let e = unparen(e);
                    e.kind_str() != "nil" && cx.model.is_error_value(e)
                        || e.kind_str() == "call_expression"
                            && cx.model.type_of(e).is_error()
                });
            }
            _ => return false,
        }
    }
    false
}

/// The text of a string literal, or of a constant of this file initialised with one.
fn literal_text<'t>(cx: &Ctx<'_, 't>, n: Node<'_>) -> Option<&'t str> {
    let n = unparen(n);
    if n.kind_str() == "identifier" {
        let d = cx.model.decl(cx.model.decl_of(n)?);
        if d.kind != DeclKind::Const {
            return None;
        }
        return string_value(unparen(d.init?), cx.src);
    }
    string_value(n, cx.src)
}

/// A writer whose write errors nobody acts on.
fn harmless_writer(cx: &Ctx<'_, '_>, w: Node<'_>) -> bool {
    let w = unparen(w);
    let ty = cx.model.type_of(w);
    if ty.is("bytes", "Buffer") || ty.is("strings", "Builder") || ty.is("net/http", "ResponseWriter")
    {
        return true;
    }
    if w.kind_str() != "selector_expression" {
        return false;
    }
    let (Some(op), Some(field)) = (
        w.child_by_field_name("operand"),
        w.child_by_field_name("field"),
    ) else {
        return false;
    };
    let Resolved::Package(i) = cx.model.resolve(op) else {
        return false;
    };
    matches!(
        (cx.model.imports[i].path.as_str(), cx.text(field)),
        ("io", "Discard") | ("io/ioutil", "Discard") | ("os", "Stdout" | "Stderr")
    )
}

/// `f` was declared by `f, err := os.Create(...)` (or `OpenFile`, `CreateTemp`).
fn opened_for_writing(cx: &Ctx<'_, '_>, recv: Node<'_>) -> bool {
    let recv = unparen(recv);
    if recv.kind_str() != "identifier" {
        return false;
    }
    let Some(d) = cx.model.decl_of(recv) else {
        return false;
    };
    let node = cx.model.decl(d).node;
    let stmt = node
        .parent()
        .filter(|p| p.kind_str() == "expression_list")
        .and_then(|l| l.parent());
    let Some(right) = stmt.and_then(|s| s.child_by_field_name("right").or_else(|| s.child_by_field_name("value"))) else {
        return false;
    };
    list_items(right).first().is_some_and(|c| {
        unparen(*c).kind_str() == "call_expression"
            && cx
                .model
                .callee(unparen(*c))
                .is_pkg_any("os", &["Create", "OpenFile", "CreateTemp"])
    })
}

/// A comment on the line just above the statement says why the error is dropped: the
/// discard is deliberate. (A trailing comment is not enough: it often says something else.)
fn explained_by_comment(stmt: Node<'_>) -> bool {
    let row = stmt.start_position().row;
    // The first statement of a block: its comment sits before the statement list.
    let prev = stmt.prev_sibling().or_else(|| {
        stmt.parent()
            .filter(|p| p.kind_str() == "statement_list")
            .and_then(|p| p.prev_sibling())
    });
    // On a line of its own: a trailing comment belongs to the statement before it.
    let own_line = |c: Node<'_>| {
        c.prev_sibling()
            .is_none_or(|p| p.end_position().row < c.start_position().row)
    };
    prev.is_some_and(|s| {
        s.kind_str() == "comment"
            && s.end_position().row + 1 >= row
            && s.start_position().row < row
            && own_line(s)
    })
}
