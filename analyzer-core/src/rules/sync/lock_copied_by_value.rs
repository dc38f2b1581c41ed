//! GP2003 lock-copied-by-value: a value holding a sync.Mutex (WaitGroup, ...) is copied.

use crate::model::Ty;
use crate::model::locks::HeldLock;
use crate::rules::{Ctx, Match, Rule};
use crate::syntax::{KindStr as _, list_items, named_children, unparen};
use crate::{Category, Severity};
use tree_sitter::Node;

pub static RULE: Rule = Rule {
    code: "GP2003",
    name: "lock-copied-by-value",
    category: Category::SyncRaces,
    severity: Severity::Error,
    title_en: "Lock copied by value",
    title_zh: "锁被按值复制",
    min_go: None,
    max_go: None,
    query: include_str!("lock_copied_by_value.scm"),
    docs_en: include_str!("lock_copied_by_value.en.md"),
    docs_zh: include_str!("lock_copied_by_value.zh.md"),
    check,
};

fn check(cx: &mut Ctx<'_, '_>, m: &Match<'_, '_>) {
    if let (Some(method), Some(recv), Some(ty)) = (m.get("method"), m.get("recv"), m.get("recv_type")) {
        receiver(cx, method, recv, ty);
    } else if let (Some(param), Some(ty)) = (m.get("param"), m.get("param_type")) {
        parameter(cx, param, ty);
    } else if let (Some(left), Some(right)) = (m.get("range_left"), m.get("range_right")) {
        range(cx, left, right);
    } else if let Some(rhs) = m.get("rhs") {
        let lhs = m.get("lhs").or_else(|| m.get("spec"));
        assignment(cx, lhs, rhs);
    }
}

/// "sync.Mutex" or "sync.Mutex `mu`" / "sync.Mutex (field `inner.mu`)".
fn describe(h: &HeldLock) -> (String, String) {
    if h.path.is_empty() {
        (format!("a {}", h.type_name), h.type_name.clone())
    } else {
        (
            format!("the {} `{}`", h.type_name, h.path),
            format!("{} `{}`", h.type_name, h.path),
        )
    }
}

fn type_label(ty: &Ty, text: &str) -> String {
    match ty {
        Ty::Named { pkg: None, name } => name.clone(),
        _ => text.to_string(),
    }
}

fn receiver(cx: &mut Ctx<'_, '_>, method: Node<'_>, recv: Node<'_>, ty_node: Node<'_>) {
    if ty_node.kind_str() == "pointer_type" {
        return;
    }
    let ty = cx.model.type_from_node(ty_node);
    let Some(held) = cx.model.held_lock(&ty) else {
        return;
    };
    let (en, zh) = describe(&held);
    let tname = type_label(&ty, cx.text(ty_node));
    let mname = method
        .child_by_field_name("name")
        .map(|n| cx.text(n))
        .unwrap_or("");
    let fix = cx.pointer_receiver_fix(ty_node);
    let d = cx.report(
        recv,
        format!("method `{mname}` has a value receiver of type `{tname}`, which holds {en}: every call copies it (racing with goroutines that use it) and the method works on a private copy that excludes nobody; use a pointer receiver `*{tname}`"),
        format!("方法 `{mname}` 使用值接收者 `{tname}`，其中含有 {zh}：每次调用都会复制它（与正在使用它的 goroutine 竞争），方法操作的是不能与任何人互斥的私有副本；请改用指针接收者 `*{tname}`"),
    );
    d.fixes.push(fix);
}

fn parameter(cx: &mut Ctx<'_, '_>, param: Node<'_>, ty_node: Node<'_>) {
    // Receivers are handled above; the parameter pattern does not see them.
    if matches!(ty_node.kind_str(), "pointer_type" | "function_type") {
        return;
    }
    let ty = cx.model.type_from_node(ty_node);
    let Some(held) = cx.model.held_lock(&ty) else {
        return;
    };
    let (en, zh) = describe(&held);
    let tname = type_label(&ty, cx.text(ty_node));
    let names: Vec<&str> = named_children(param)
        .into_iter()
        .filter(|n| n.kind_str() == "identifier")
        .map(|n| cx.text(n))
        .collect();
    let who = if names.is_empty() {
        "a parameter".to_string()
    } else {
        format!("parameter `{}`", names.join("`, `"))
    };
    let who_zh = if names.is_empty() {
        "参数".to_string()
    } else {
        format!("参数 `{}`", names.join("`、`"))
    };
    let (what_en, what_zh) = if held.path.is_empty() {
        (
            format!("{who} ({tname}) is passed by value"),
            format!("{who_zh}（{tname}）按值传递"),
        )
    } else {
        (
            format!("{who} of type `{tname}` is passed by value and holds {en}"),
            format!("{who_zh} 的类型 `{tname}` 按值传递，其中含有 {zh}"),
        )
    };
    cx.report(
        param,
        format!("{what_en}: the function works on a copy of the lock, so what it does to it (Lock, Unlock, Done) never reaches the caller's; take a pointer `*{tname}`"),
        format!("{what_zh}：函数操作的是锁的副本，对它的 Lock、Unlock、Done 等操作影响不到调用方的那一个；请改为接收指针 `*{tname}`"),
    );
}

fn range(cx: &mut Ctx<'_, '_>, left: Node<'_>, right: Node<'_>) {
    let items = list_items(left);
    let (var, elem) = match cx.model.type_of(right) {
        Ty::Slice(e) | Ty::Array(e) => (items.get(1).copied(), *e),
        Ty::Map(_, v) => (items.get(1).copied(), *v),
        Ty::Pointer(p) => match *p {
            Ty::Array(e) => (items.get(1).copied(), *e),
            _ => return,
        },
        _ => return,
    };
    let Some(var) = var else {
        return;
    };
    if var.kind_str() != "identifier" || cx.text(var) == "_" {
        return;
    }
    let Some(held) = cx.model.held_lock(&elem) else {
        return;
    };
    let (en, zh) = describe(&held);
    let v = cx.text(var);
    let tname = type_label(&elem, "element");
    let over = cx.text(right);
    cx.report(
        var,
        format!("range variable `{v}` copies each `{tname}` element, including {en}: locking `{v}` locks the copy, not the element; iterate by index (`for i := range {over}` and `&{over}[i]`) or store pointers"),
        format!("range 变量 `{v}` 复制了每个 `{tname}` 元素，包括其中的 {zh}：对 `{v}` 加锁锁住的是副本而不是元素；请按下标遍历（`for i := range {over}` 配合 `&{over}[i]`）或存放指针"),
    );
}

fn assignment(cx: &mut Ctx<'_, '_>, lhs: Option<Node<'_>>, rhs: Node<'_>) {
    let lefts: Vec<Node<'_>> = match lhs {
        Some(l) if l.kind_str() == "var_spec" => {
            let mut c = l.walk();
            l.children_by_field_name("name", &mut c).collect()
        }
        Some(l) => list_items(l),
        None => Vec::new(),
    };
    let rights = list_items(rhs);
    if lefts.len() != rights.len() {
        return;
    }
    for (l, r) in lefts.into_iter().zip(rights) {
        if cx.text(l) == "_" {
            continue;
        }
        let r = unparen(r);
        let copies_variable = match r.kind_str() {
            "identifier" | "selector_expression" | "index_expression" => true,
            "unary_expression" => r.child(0).is_some_and(|c| c.kind_str() == "*"),
            _ => false,
        };
        if !copies_variable {
            continue;
        }
        // A package name or a type is not a value.
        if r.kind_str() == "identifier"
            && cx
                .model
                .decl_of(r)
                .is_none_or(|d| cx.model.decl(d).kind == crate::model::DeclKind::Type)
        {
            continue;
        }
        if embedded_pointer_selection(cx, r) {
            continue;
        }
        let ty = cx.model.type_of(r);
        let Some(held) = cx.model.held_lock(&ty) else {
            continue;
        };
        let (en, zh) = describe(&held);
        let tname = type_label(&ty, "value");
        let (lt, rt) = (cx.text(l), cx.text(r));
        cx.report(
            r,
            format!("assigning `{rt}` to `{lt}` copies the `{tname}` value, including {en}: `{lt}` gets its own lock (in whatever state it was), so the two no longer exclude each other; copy a pointer (`{lt} := &...`) or copy the fields you need"),
            format!("把 `{rt}` 赋给 `{lt}` 会复制 `{tname}` 值，包括其中的 {zh}：`{lt}` 得到一把独立的锁（保持复制时的状态），两者不再互斥；请复制指针（`{lt} := &...`）或只复制需要的字段"),
        );
    }
}

/// `t.nameSpace` where `t`'s struct embeds `*nameSpace`: the model types the selection as
/// the struct itself, but it is a pointer, and copying it shares the lock.
fn embedded_pointer_selection(cx: &Ctx<'_, '_>, sel: Node<'_>) -> bool {
    if sel.kind_str() != "selector_expression" {
        return false;
    }
    let (Some(op), Some(field)) = (
        sel.child_by_field_name("operand"),
        sel.child_by_field_name("field"),
    ) else {
        return false;
    };
    match cx.model.type_of(op).deref() {
        Ty::Named { pkg: None, name } => cx.model.embeds_pointer(name, cx.text(field)),
        _ => false,
    }
}
