//! GP4003 pool-put-non-pointer: `pool.Put(x)` where x is a slice or struct value.

use crate::model::{Callee, Ty};
use crate::rules::{Ctx, Match, Rule};
use crate::syntax::{KindStr as _, unparen};
use crate::{Category, Severity};

pub static RULE: Rule = Rule {
    code: "GP4003",
    name: "pool-put-non-pointer",
    category: Category::Memory,
    severity: Severity::Warning,
    title_en: "Non-pointer value put into a sync.Pool",
    title_zh: "向 sync.Pool 放入非指针值",
    min_go: None,
    max_go: None,
    query: include_str!("pool_put_non_pointer.scm"),
    docs_en: include_str!("pool_put_non_pointer.en.md"),
    docs_zh: include_str!("pool_put_non_pointer.zh.md"),
    check,
};

fn check(cx: &mut Ctx<'_, '_>, m: &Match<'_, '_>) {
    let (Some(call), Some(arg)) = (m.get("call"), m.get("arg")) else {
        return;
    };
    let Callee::Method { recv_ty, .. } = cx.model.callee(call) else {
        return;
    };
    if !recv_ty.is("sync", "Pool") {
        return;
    }
    // `var boxed any = buf[:0]; p.Put(boxed)`: the conversion (and its allocation) only
    // moved up to the declaration.
    let boxed_at = boxed_earlier(cx, arg);
    let arg = boxed_at.unwrap_or(arg);
    let (kind_en, kind_zh, hint_en, hint_zh) = match cx.model.type_of(arg) {
        Ty::Slice(_) => ("a slice", "切片", "`*[]T`", "`*[]T`"),
        Ty::Array(_) => ("an array", "数组", "a pointer to the array", "指向数组的指针"),
        // A constant string is stored without allocating.
        Ty::Named { pkg: None, name } if name == "string" && !is_literal(arg) => {
            ("a string", "字符串", "a pointer", "指针")
        }
        Ty::Named { pkg: None, name } if boxed_struct(cx, &name) => (
            "a struct value",
            "结构体值",
            "a pointer to the struct",
            "指向结构体的指针",
        ),
        _ => return,
    };
    let x = cx.text(arg);
    let header = matches!(kind_en, "a slice" | "a string");
    let (copy_en, copy_zh) = if header {
        ("a copy of its header", "一份头部拷贝")
    } else {
        ("a copy of the value", "一份值的拷贝")
    };
    let (put_en, put_zh) = if unparen(arg).kind_str() == "identifier" {
        (format!(" (`Put(&{x})`, and assert the same pointer type after `Get`)"), format!("（`Put(&{x})`，并在 `Get` 之后断言为同一指针类型）"))
    } else {
        (" (and assert the same pointer type after `Get`)".to_string(), "（并在 `Get` 之后断言为同一指针类型）".to_string())
    };
    if boxed_at.is_some() {
        let put = cx.related(call, "and put into the pool here", "并在这里放回池中");
        let d = cx.report(
            arg,
            format!(
                "`{x}` is {kind_en}, not a pointer: storing it in an `any` variable to `Put` later allocates {copy_en} all the same, on every call, which is the allocation the pool was meant to save; pool {hint_en} instead"
            ),
            format!(
                "`{x}` 是{kind_zh}而不是指针：先存进 `any` 变量再 `Put`，同样每次都会分配{copy_zh}，恰恰是池本来要省掉的那次分配；请改为在池中存放{hint_zh}"
            ),
        );
        d.related.push(put);
        return;
    }
    cx.report(
        arg,
        format!(
            "`{x}` is {kind_en}, not a pointer: converting it to `any` for `Put` allocates {copy_en} on every call, which is the allocation the pool was meant to save; pool {hint_en} instead{put_en}"
        ),
        format!(
            "`{x}` 是{kind_zh}而不是指针：为了调用 `Put` 把它转换成 `any` 时，每次都会分配{copy_zh}，恰恰是池本来要省掉的那次分配；请改为在池中存放{hint_zh}{put_zh}"
        ),
    );
}

/// A struct of this file that does not fit in an interface word: not empty, and not a single
/// pointer-shaped field (those are stored in the interface directly, without allocating).
fn boxed_struct(cx: &Ctx<'_, '_>, name: &str) -> bool {
    match cx.model.structs.get(name).map(Vec::as_slice) {
        None | Some([]) => false,
        Some([(_, only)]) => !matches!(
            only,
            Ty::Pointer(_) | Ty::Map(..) | Ty::Chan { .. } | Ty::Func { .. } | Ty::Unknown
        ),
        Some(_) => true,
    }
}

fn is_literal(arg: tree_sitter::Node<'_>) -> bool {
    matches!(
        unparen(arg).kind_str(),
        "interpreted_string_literal" | "raw_string_literal"
    )
}

/// For an argument that is a local `any`/`interface{}` variable initialised once and never
/// reassigned: that initial value.
fn boxed_earlier<'t>(cx: &Ctx<'_, 't>, arg: tree_sitter::Node<'_>) -> Option<tree_sitter::Node<'t>> {
    let arg = unparen(arg);
    if arg.kind_str() != "identifier" {
        return None;
    }
    let d = cx.model.decl_of(arg)?;
    let decl = cx.model.decl(d);
    let is_interface = match &decl.ty {
        Ty::Named { pkg: None, name } => name == "any",
        _ => decl
            .node
            .parent()
            .and_then(|spec| spec.child_by_field_name("type"))
            .is_some_and(|t| t.kind_str() == "interface_type"),
    };
    if !is_interface {
        return None;
    }
    cx.model.sole_value(d)
}
