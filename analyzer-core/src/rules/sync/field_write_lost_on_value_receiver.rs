//! GP2009 field-write-lost-on-value-receiver: a method with a value receiver assigns to a
//! field of the receiver, and nothing in the method reads that field except to write it
//! again: the write goes to the method's private copy and is lost when the method returns.

use crate::model::{DeclId, DeclKind};
use crate::rules::{Ctx, Match, Rule};
use crate::syntax::{self, KindStr as _};
use crate::{Category, Severity};
use tree_sitter::Node;

pub static RULE: Rule = Rule {
    code: "GP2009",
    name: "field-write-lost-on-value-receiver",
    category: Category::SyncRaces,
    severity: Severity::Warning,
    title_en: "A value receiver's field is written and the write is lost",
    title_zh: "值接收者的字段被写入，写入随副本丢失",
    min_go: None,
    max_go: None,
    query: include_str!("field_write_lost_on_value_receiver.scm"),
    docs_en: include_str!("field_write_lost_on_value_receiver.en.md"),
    docs_zh: include_str!("field_write_lost_on_value_receiver.zh.md"),
    check,
};

/// A use of the receiver: `r.f` written (`r.f = v`, `r.f += v`, `r.f++`) or read.
struct FieldUse<'t> {
    field: &'t str,
    sel: Node<'t>,
    write: Option<Node<'t>>,
}

fn check(cx: &mut Ctx<'_, '_>, m: &Match<'_, '_>) {
    let (Some(recv), Some(sel)) = (m.get("recv"), m.get("sel")) else {
        return;
    };
    let Some(decl) = cx.model.decl_of(recv) else {
        return;
    };
    let d = cx.model.decl(decl);
    if d.kind != DeclKind::Receiver {
        return;
    }
    let (recv_decl, Some(method)) = (d.node, cx.model.enclosing_func(d.node)) else {
        return;
    };
    // The receiver's type as written: `T` or `T[P]`, not `*T`.
    let Some(ty_node) = cx
        .model
        .parent(recv_decl)
        .and_then(|p| p.child_by_field_name("type"))
        .filter(|t| matches!(t.kind_str(), "type_identifier" | "generic_type"))
    else {
        return;
    };
    let name_node = if ty_node.kind_str() == "generic_type" {
        ty_node.child_by_field_name("type")
    } else {
        Some(ty_node)
    };
    let Some(tname) = name_node.map(|n| cx.text(n)) else {
        return;
    };
    // Only structs of this file: their field names are known.
    let Some(fields) = cx.model.structs.get(tname) else {
        return;
    };
    let fields: Vec<&str> = fields.iter().map(|(f, _)| f.as_str()).collect();
    let Some(uses) = field_uses(cx, decl, method, &fields) else {
        return;
    };
    let Some(this) = uses.iter().find(|u| u.sel == sel) else {
        return;
    };
    let (field, Some(write)) = (this.field, this.write) else {
        return;
    };
    // Reported once per field, at its first write.
    if uses
        .iter()
        .find(|u| u.field == field && u.write.is_some())
        .is_none_or(|first| first.sel != sel)
    {
        return;
    }
    // A read that only feeds another write of the field (`r.f = append(r.f, v)`) does not
    // make any of them visible.
    let read_again = uses.iter().any(|o| {
        o.field == field
            && o.write.is_none()
            && !uses
                .iter()
                .any(|w| w.field == field && w.write.is_some_and(|s| syntax::contains(s, o.sel)))
    });
    if read_again {
        return;
    }
    let mname = method
        .child_by_field_name("name")
        .map(|n| cx.text(n))
        .unwrap_or("");
    let rname = cx.text(recv);
    // As written (`Stack[T]`); `tname` is the struct's name.
    let shown = cx.text(ty_node);
    let rel = cx.related(
        recv_decl,
        format!("`{rname}` is a copy of the value `{mname}` was called on"),
        format!("`{rname}` 是调用 `{mname}` 时那个值的一份拷贝"),
    );
    let fix = cx.pointer_receiver_fix(ty_node);
    let d = cx.report(
        write,
        format!("`{rname}.{field}` is written on a copy: `{mname}` has a value receiver, so it changes its own copy of the `{shown}` and the caller never sees the new `{field}`; use a pointer receiver `*{shown}` (or return the updated value)"),
        format!("`{rname}.{field}` 写在了副本上：`{mname}` 是值接收者，它修改的是自己那份 `{shown}` 的拷贝，调用方永远看不到新的 `{field}`；请改用指针接收者 `*{shown}`（或返回更新后的值）"),
    );
    d.related.push(rel);
    d.fixes.push(fix);
}

/// Every use of the receiver in the method, if each one is a field selection `r.f` outside
/// any function literal. `None` when the receiver is used otherwise (passed, returned,
/// addressed, a method called on it, captured by a closure): the copy may then be observed.
fn field_uses<'t>(
    cx: &Ctx<'_, 't>,
    decl: DeclId,
    method: Node<'t>,
    fields: &[&str],
) -> Option<Vec<FieldUse<'t>>> {
    let mut out = Vec::new();
    for &u in cx.model.uses(decl) {
        if cx.model.enclosing_func(u) != Some(method) {
            return None;
        }
        let sel = cx.model.parent(u).filter(|p| {
            p.kind_str() == "selector_expression" && p.child_by_field_name("operand") == Some(u)
        })?;
        let field = sel
            .child_by_field_name("field")
            .map(|f| cx.text(f))
            .filter(|f| fields.contains(f))?;
        out.push(FieldUse {
            field,
            sel,
            write: written(cx, sel),
        });
    }
    Some(out)
}

/// The statement writing `sel` (`sel = v`, `sel op= v`, `sel++`), if `sel` is its target.
fn written<'t>(cx: &Ctx<'_, 't>, sel: Node<'t>) -> Option<Node<'t>> {
    let parent = cx.model.parent(sel)?;
    match parent.kind_str() {
        "inc_statement" | "dec_statement" => Some(parent),
        "expression_list" => {
            let stmt = cx.model.parent(parent)?;
            (stmt.kind_str() == "assignment_statement"
                && stmt.child_by_field_name("left") == Some(parent))
            .then_some(stmt)
        }
        _ => None,
    }
    .filter(|s| syntax::contains(*s, sel))
}
