//! GP6003 error-compared-by-message: an error is identified by its message text
//! (`err.Error() == "..."`, `strings.Contains(err.Error(), ...)`), or compared with `==` to a
//! sentinel although the function it came from wraps its errors.

use crate::model::{Callee, DeclKind, Resolved};
use crate::rules::{Ctx, Match, Rule};
use crate::syntax::{KindStr as _, list_items, string_value, unparen};
use crate::{Category, Safety, Severity};
use tree_sitter::Node;

pub static RULE: Rule = Rule {
    code: "GP6003",
    name: "error-compared-by-message",
    category: Category::Errors,
    severity: Severity::Warning,
    title_en: "Error identified by its message or compared with ==",
    title_zh: "通过消息文本或 == 判断错误",
    min_go: None,
    max_go: None,
    query: include_str!("error_compared_by_message.scm"),
    docs_en: include_str!("error_compared_by_message.en.md"),
    docs_zh: include_str!("error_compared_by_message.zh.md"),
    check,
};

const STRING_FUNCS: &[&str] = &[
    "Contains",
    "HasPrefix",
    "HasSuffix",
    "EqualFold",
    "Index",
    "Compare",
    "ContainsAny",
];

fn check(cx: &mut Ctx<'_, '_>, m: &Match<'_, '_>) {
    // Tests check exact messages on purpose.
    if cx.model.is_test_file() {
        return;
    }
    if let (Some(cmp), Some(left), Some(right)) = (m.get("cmp"), m.get("left"), m.get("right")) {
        let op = cmp.child_by_field_name("operator").map(|o| cx.text(o));
        if !matches!(op, Some("==" | "!=")) {
            return;
        }
        for (side, other) in [(left, right), (right, left)] {
            if let Some(err) = cx.model.error_message_call(side) {
                if is_empty_string(cx, other) {
                    return;
                }
                report_message(cx, cmp, err);
                return;
            }
        }
        check_sentinel(cx, cmp, left, right, op == Some("!="));
        return;
    }
    let Some(msg) = m.get("msg") else {
        return;
    };
    let Some(err) = cx.model.error_message_call(msg) else {
        return;
    };
    if let Some(call) = m.get("call") {
        if !cx.model.callee(call).is_pkg_any("strings", STRING_FUNCS) {
            return;
        }
        report_message(cx, call, err);
    } else if let Some(sw) = m.get("switch") {
        report_message(cx, sw.child_by_field_name("value").unwrap_or(sw), err);
    }
}

fn is_empty_string(cx: &Ctx<'_, '_>, n: Node<'_>) -> bool {
    string_value(unparen(n), cx.src).is_some_and(str::is_empty)
}

fn report_message(cx: &mut Ctx<'_, '_>, at: Node<'_>, err: Node<'_>) {
    let name = cx.text(err);
    cx.report(
        at,
        format!("`{name}` is identified by its message text: the text changes when the error is wrapped (`\"open x: \" + msg`), reworded or translated, and the comparison silently stops matching; compare with `errors.Is({name}, ErrX)` or extract a type with `errors.As`"),
        format!("通过消息文本来判断 `{name}`：错误被包装（`\"open x: \" + msg`）、改写或翻译后文本就变了，比较会悄悄失效；请使用 `errors.Is({name}, ErrX)` 比较，或用 `errors.As` 提取错误类型"),
    );
}

/// `err == ErrX` where `err` was last set by a call to a function of this file that wraps
/// errors with `%w`: the sentinel arrives wrapped and `==` is false.
fn check_sentinel(cx: &mut Ctx<'_, '_>, cmp: Node<'_>, left: Node<'_>, right: Node<'_>, neq: bool) {
    let (err, sentinel) = if is_sentinel(cx, right) {
        (unparen(left), unparen(right))
    } else if is_sentinel(cx, left) {
        (unparen(right), unparen(left))
    } else {
        return;
    };
    if err.kind_str() != "identifier" || !cx.model.is_error_value(err) {
        return;
    }
    // An `Is(target error) bool` method is where `==` against the sentinel belongs:
    // errors.Is calls it for each error of the chain.
    if cx.model.enclosing_func(cmp).is_some_and(|f| {
        f.kind_str() == "method_declaration"
            && f.child_by_field_name("name").is_some_and(|n| cx.text(n) == "Is")
    }) {
        return;
    }
    let (e, s) = (cx.text(err), cx.text(sentinel));
    // Why the sentinel arrives wrapped: the function `err` came from wraps its errors, this
    // file wraps the sentinel itself, or the standard library wraps it by contract.
    let from_wrapping_func = last_assigned_call(cx, err, cmp.start_byte()).and_then(|call| {
        let wrap = wrapping_errorf(cx, local_func(cx, call)?)?;
        Some((call, wrap))
    });
    let (msg_en, msg_zh, related) = if let Some((call, wrap)) = from_wrapping_func {
        let callee = call
            .child_by_field_name("function")
            .map(|f| cx.text(f))
            .unwrap_or("");
        (
            format!("`{e}` comes from `{callee}`, which wraps errors with `%w`: a wrapped `{s}` is not `==` to `{s}`, so this comparison misses it; use `errors.Is({e}, {s})`"),
            format!("`{e}` 来自 `{callee}`，而它用 `%w` 包装错误：被包装的 `{s}` 与 `{s}` 并不 `==`，这个比较会漏掉它；请使用 `errors.Is({e}, {s})`"),
            Some(cx.related(wrap, "errors are wrapped with %w here", "错误在这里用 %w 包装")),
        )
    } else if let Some(wrap) = sentinel_wrapped_here(cx, sentinel) {
        (
            format!("this file wraps `{s}` with `%w`, and a wrapped `{s}` is not `==` to `{s}`: this comparison misses it whenever it arrives wrapped; use `errors.Is({e}, {s})`"),
            format!("本文件用 `%w` 包装了 `{s}`，而被包装的 `{s}` 与 `{s}` 并不 `==`：只要它是被包装后传来的，这个比较就会漏掉；请使用 `errors.Is({e}, {s})`"),
            Some(cx.related(wrap, format!("`{s}` is wrapped with %w here"), format!("`{s}` 在这里被 %w 包装"))),
        )
    } else if let Some(how) = wrapped_by_stdlib(cx, sentinel) {
        (
            format!("the standard library returns `{s}` wrapped ({how}): for those errors `{e} == {s}` is false; use `errors.Is({e}, {s})`"),
            format!("标准库返回的 `{s}` 是被包装过的（{how}）：对这些错误，`{e} == {s}` 为假；请使用 `errors.Is({e}, {s})`"),
            None,
        )
    } else {
        return;
    };
    let fix = cx.model.has_import("errors").then(|| {
        let not = if neq { "!" } else { "" };
        cx.fix(
            format!("Use `{not}errors.Is({e}, {s})`"),
            format!("改用 `{not}errors.Is({e}, {s})`"),
            Safety::Safe,
            vec![cx.edit(
                cmp.start_byte(),
                cmp.end_byte(),
                format!("{not}errors.Is({e}, {s})"),
            )],
        )
    });
    let d = cx.report(cmp, msg_en, msg_zh);
    d.related.extend(related);
    d.fixes.extend(fix);
}

/// A package-level variable of this file or an imported package's `Err...` variable.
fn is_sentinel(cx: &Ctx<'_, '_>, n: Node<'_>) -> bool {
    let n = unparen(n);
    match n.kind_str() {
        "identifier" => cx.model.decl_of(n).is_some_and(|d| {
            let d = cx.model.decl(d);
            d.kind == DeclKind::Var && d.scope == 0
        }),
        "selector_expression" => {
            let (Some(op), Some(field)) = (
                n.child_by_field_name("operand"),
                n.child_by_field_name("field"),
            ) else {
                return false;
            };
            op.kind_str() == "identifier"
                && matches!(cx.model.resolve(op), Resolved::Package(_))
                && cx.text(field).starts_with("Err")
        }
        _ => false,
    }
}

/// The call whose result was last assigned to `var` before byte `before`.
fn last_assigned_call<'t>(cx: &Ctx<'_, 't>, var: Node<'t>, before: usize) -> Option<Node<'t>> {
    let d = cx.model.decl_of(var)?;
    let decl = cx.model.decl(d).node;
    let mut best: Option<(usize, Node<'t>)> = None;
    for n in std::iter::once(decl).chain(cx.model.uses(d).iter().copied()) {
        if n.start_byte() >= before {
            continue;
        }
        let Some(list) = n.parent().filter(|p| p.kind_str() == "expression_list") else {
            continue;
        };
        let Some(stmt) = list.parent() else {
            continue;
        };
        if !matches!(stmt.kind_str(), "short_var_declaration" | "assignment_statement")
            || stmt.child_by_field_name("left") != Some(list)
        {
            continue;
        }
        let lefts = list_items(list);
        let rights = stmt
            .child_by_field_name("right")
            .map(list_items)
            .unwrap_or_default();
        let Some(i) = lefts.iter().position(|l| *l == n) else {
            continue;
        };
        let rhs = if lefts.len() == rights.len() {
            rights.get(i).copied()
        } else if rights.len() == 1 {
            rights.first().copied()
        } else {
            None
        };
        if best.is_none_or(|(s, _)| n.start_byte() > s)
            && let Some(r) = rhs
        {
            best = Some((n.start_byte(), unparen(r)));
        }
    }
    best.map(|(_, r)| r)
        .filter(|r| r.kind_str() == "call_expression")
}

/// The declaration node of the function of this file that `call` calls.
fn local_func<'t>(cx: &Ctx<'_, 't>, call: Node<'_>) -> Option<Node<'t>> {
    match cx.model.callee(call) {
        Callee::Local { name } => cx.model.func(&name).map(|f| f.node),
        Callee::Method { recv_ty, name } => match recv_ty.deref() {
            crate::model::Ty::Named { pkg: None, name: t } => {
                cx.model.method(t, &name).map(|f| f.node)
            }
            _ => None,
        },
        _ => None,
    }
}

/// A `fmt.Errorf` with `%w` in the body of `func`.
fn wrapping_errorf<'t>(cx: &Ctx<'_, 't>, func: Node<'t>) -> Option<Node<'t>> {
    cx.model.descendants_of_kind(func, "call_expression")
        .into_iter()
        .find(|c| !cx.model.errorf_wrapped_args(*c).is_empty())
}

/// A `fmt.Errorf("...%w...", sentinel)` in this file, for a package-level sentinel of it.
fn sentinel_wrapped_here<'t>(cx: &Ctx<'_, 't>, sentinel: Node<'_>) -> Option<Node<'t>> {
    if sentinel.kind_str() != "identifier" {
        return None;
    }
    let d = cx.model.decl_of(sentinel)?;
    cx.model.uses(d).iter().copied().find(|u| {
        let Some(call) = u
            .parent()
            .filter(|p| p.kind_str() == "argument_list")
            .and_then(|a| a.parent())
        else {
            return false;
        };
        cx.model.errorf_wrapped_args(call).contains(u)
    })
}

/// `os.ErrNotExist` and friends: the os and io/fs functions return them inside a
/// `*fs.PathError` (or `*os.LinkError`, `*os.SyscallError`), never bare.
fn wrapped_by_stdlib(cx: &Ctx<'_, '_>, sentinel: Node<'_>) -> Option<&'static str> {
    if sentinel.kind_str() != "selector_expression" {
        return None;
    }
    let op = sentinel.child_by_field_name("operand")?;
    let field = cx.text(sentinel.child_by_field_name("field")?);
    let Resolved::Package(i) = cx.model.resolve(op) else {
        return None;
    };
    let path = cx.model.imports[i].path.as_str();
    (matches!(path, "os" | "io/fs")
        && matches!(field, "ErrNotExist" | "ErrExist" | "ErrPermission"))
    .then_some("inside a `*fs.PathError` from `os.Open`, `os.Stat`, `os.Remove`, ...")
}
