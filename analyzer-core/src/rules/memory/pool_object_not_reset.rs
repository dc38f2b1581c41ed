//! GP4002 pool-object-not-reset: an object from a `sync.Pool` used without `Reset`, while the
//! pool gets objects back without a reset either.

use crate::model::{Callee, Ty};
use crate::rules::{Ctx, Match, Rule};
use crate::syntax::{KindStr as _, unparen};
use crate::{Category, Safety, Severity};
use tree_sitter::Node;

pub static RULE: Rule = Rule {
    code: "GP4002",
    name: "pool-object-not-reset",
    category: Category::Memory,
    severity: Severity::Warning,
    title_en: "Object from sync.Pool used without Reset",
    title_zh: "从 sync.Pool 取出的对象未经 Reset 就使用",
    min_go: None,
    max_go: None,
    query: include_str!("pool_object_not_reset.scm"),
    docs_en: include_str!("pool_object_not_reset.en.md"),
    docs_zh: include_str!("pool_object_not_reset.zh.md"),
    check,
};

fn check(cx: &mut Ctx<'_, '_>, m: &Match<'_, '_>) {
    let (Some(var), Some(pool), Some(get), Some(ty), Some(assert), Some(stmt)) = (
        m.get("var"),
        m.get("pool"),
        m.get("get"),
        m.get("type"),
        m.get("assert"),
        m.get("stmt"),
    ) else {
        return;
    };
    if !is_pool_method(cx, get) {
        return;
    }
    let Some(type_name) = resettable(cx, cx.model.type_from_node(ty)) else {
        return;
    };
    let Some(key) = pool_key(cx, pool) else {
        return;
    };
    let Some(decl) = cx.model.decl_of(var) else {
        return;
    };
    if cx.model.decl(decl).node != var {
        return;
    }
    let mut first_use = None;
    for &u in cx.model.uses(decl) {
        match use_kind(cx, u) {
            Use::Reset | Use::Unknown => return,
            Use::Used => first_use = first_use.or(Some(u)),
            Use::Put => {}
        }
    }
    let Some(first_use) = first_use else {
        return;
    };
    // The pool must visibly get objects back without a reset; if every visible Put resets
    // first (or none is visible), objects come out clean.
    let Some(dirty_put) = dirty_put(cx, &key) else {
        return;
    };
    let name = cx.text(var);
    let pool_text = cx.text(pool);
    let rel_use = cx.related(
        first_use,
        "used here without a Reset",
        "在这里未经 Reset 就被使用",
    );
    let rel_put = cx.related(
        dirty_put,
        "objects go back into the pool without a Reset here",
        "对象在这里未经 Reset 就被放回池中",
    );
    let fix = (stmt.kind_str() == "short_var_declaration" || stmt.kind_str() == "var_spec").then(|| {
        let decl_stmt = if stmt.kind_str() == "var_spec" {
            cx.model.ancestor(stmt, &["var_declaration"]).unwrap_or(stmt)
        } else {
            stmt
        };
        let indent = cx.indent_at(decl_stmt.start_byte()).to_string();
        // After a comment trailing the declaration on the same line.
        let at = match decl_stmt.next_named_sibling() {
            Some(c)
                if c.kind_str() == "comment"
                    && c.start_position().row == decl_stmt.end_position().row =>
            {
                c.end_byte()
            }
            _ => decl_stmt.end_byte(),
        };
        cx.fix(
            format!("Call `{name}.Reset()` right after `Get`"),
            format!("在 `Get` 之后立即调用 `{name}.Reset()`"),
            Safety::Safe,
            vec![cx.edit(at, at, format!("\n{indent}{name}.Reset()"))],
        )
    });
    let diag = cx.report(
        assert,
        format!(
            "`{name}` ({type_name}) comes from `{pool_text}`, which receives objects back without a `Reset`: it may still hold the previous user's data, which this use appends to (or leaks); call `{name}.Reset()` right after `Get`"
        ),
        format!(
            "`{name}`（{type_name}）取自 `{pool_text}`，而放回这个池的对象都没有调用 `Reset`：它可能还留着上一个使用者的数据，这里会在其后追加（或把它泄露出去）；请在 `Get` 之后立即调用 `{name}.Reset()`"
        ),
    );
    diag.related.push(rel_use);
    diag.related.push(rel_put);
    if let Some(f) = fix {
        diag.fixes.push(f);
    }
}

fn is_pool_method(cx: &Ctx<'_, '_>, call: Node<'_>) -> bool {
    matches!(cx.model.callee(call), Callee::Method { recv_ty, .. } if recv_ty.is("sync", "Pool"))
}

/// `*bytes.Buffer`, `*strings.Builder`, or a pointer to a type of this file with a `Reset`
/// method: its display name.
fn resettable(cx: &Ctx<'_, '_>, ty: Ty) -> Option<String> {
    let Ty::Pointer(inner) = ty else {
        return None;
    };
    match *inner {
        Ty::Named { pkg: Some(p), name } => {
            let ok = (p == "bytes" && name == "Buffer") || (p == "strings" && name == "Builder");
            ok.then(|| format!("*{p}.{name}"))
        }
        Ty::Named { pkg: None, name } => cx
            .model
            .method(&name, "Reset")
            .is_some()
            .then(|| format!("*{name}")),
        _ => None,
    }
}

/// Identifies a pool across functions: the variable for a package-level pool, the field
/// name for a pool held in a struct (`s.bufs` and `c.bufs` in two methods are one field).
fn pool_key(cx: &Ctx<'_, '_>, pool: Node<'_>) -> Option<String> {
    let pool = unparen(pool);
    match pool.kind_str() {
        "identifier" => cx.model.decl_of(pool).map(|d| format!("#{d}")),
        "selector_expression" => pool
            .child_by_field_name("field")
            .map(|f| format!(".{}", cx.text(f))),
        _ => None,
    }
}

enum Use {
    /// `x.Reset()` / `x.Truncate(0)`.
    Reset,
    /// Passed back with `pool.Put(x)`.
    Put,
    /// A method call or an argument to a package function (a write, or a read).
    Used,
    /// Returned, stored, passed to code of this file or an unknown function (which may reset).
    Unknown,
}

fn use_kind(cx: &Ctx<'_, '_>, u: Node<'_>) -> Use {
    let mut e = u;
    while let Some(p) = e.parent().filter(|p| p.kind_str() == "parenthesized_expression") {
        e = p;
    }
    let Some(parent) = e.parent() else {
        return Use::Unknown;
    };
    match parent.kind_str() {
        "selector_expression" => {
            let field = parent.child_by_field_name("field").map(|f| cx.text(f));
            let called = parent
                .parent()
                .is_some_and(|c| c.kind_str() == "call_expression");
            match field {
                Some("Reset" | "Truncate") if called => Use::Reset,
                _ => Use::Used,
            }
        }
        "argument_list" => {
            let Some(call) = parent.parent() else {
                return Use::Unknown;
            };
            match cx.model.callee(call) {
                Callee::Method { ref recv_ty, ref name }
                    if name == "Put" && recv_ty.is("sync", "Pool") =>
                {
                    Use::Put
                }
                Callee::Pkg { .. } => Use::Used,
                _ => Use::Unknown,
            }
        }
        _ => Use::Unknown,
    }
}

/// The object is reset after its last use: a `Reset` in a deferred function, or one that
/// comes after every other use in the source.
fn reset_before_put(cx: &Ctx<'_, '_>, uses: &[Node<'_>]) -> bool {
    let last_use = uses
        .iter()
        .filter(|u| matches!(use_kind(cx, **u), Use::Used))
        .map(|u| u.start_byte())
        .max()
        .unwrap_or(0);
    uses.iter().any(|&u| {
        matches!(use_kind(cx, u), Use::Reset)
            && (u.start_byte() > last_use || cx.model.ancestor(u, &["defer_statement"]).is_some())
    })
}

/// A visible `Put` on the same pool whose object is not reset before it; `None` if some Put
/// resets its object first, or if no Put is visible.
fn dirty_put<'t>(cx: &Ctx<'_, 't>, key: &str) -> Option<Node<'t>> {
    let mut dirty = None;
    let mut clean = false;
    cx.model.walk(cx.model.file_root(), |n| {
        if n.kind_str() != "call_expression" || !is_pool_method(cx, n) {
            return true;
        }
        if cx.model.callee(n).method_name() != Some("Put") {
            return true;
        }
        let same_pool = cx
            .model
            .call_receiver(n)
            .and_then(|r| pool_key(cx, r))
            .is_some_and(|k| k == key);
        if !same_pool {
            return true;
        }
        let resets = cx
            .model
            .call_args(n)
            .first()
            .and_then(|a| cx.model.decl_of(*a))
            .is_some_and(|d| reset_before_put(cx, cx.model.uses(d)));
        if resets {
            clean = true;
        } else if dirty.is_none() {
            dirty = Some(n);
        }
        true
    });
    if clean { None } else { dirty }
}
