//! GP1006 nil-channel-operation: a send, receive, range or close on a channel variable (or
//! struct field) that is still nil because nothing ever assigned it a made channel.

use crate::model::flow::{self, UseRole};
use crate::model::{DeclId, Ty};
use crate::rules::{Ctx, Match, Rule};
use crate::syntax::{self, KindStr as _};
use crate::{Category, Safety, Severity};
use tree_sitter::Node;

pub static RULE: Rule = Rule {
    code: "GP1006",
    name: "nil-channel-operation",
    category: Category::GoroutinesChannels,
    severity: Severity::Error,
    title_en: "Operation on a nil channel",
    title_zh: "对 nil channel 进行操作",
    min_go: None,
    max_go: None,
    query: include_str!("nil_channel_operation.scm"),
    docs_en: include_str!("nil_channel_operation.en.md"),
    docs_zh: include_str!("nil_channel_operation.zh.md"),
    check,
};

fn check(cx: &mut Ctx<'_, '_>, m: &Match<'_, '_>) {
    let (Some(spec), Some(name)) = (m.get("spec"), m.get("name")) else {
        return;
    };
    if spec.kind_str() == "var_spec" && spec.child_by_field_name("value").is_some() {
        return;
    }
    let Some(decl) = cx.model.decl_of(name) else {
        return;
    };
    if cx.model.decl(decl).scope == 0 {
        // Package-level: another file or an init func may assign it.
        return;
    }
    match cx.model.decl(decl).ty.clone() {
        Ty::Chan { .. } => check_plain(cx, spec, name, decl),
        ty => check_struct(cx, spec, decl, &ty, m.get("lit")),
    }
}

/// `var ch chan T`: every use is the variable itself.
fn check_plain(cx: &mut Ctx<'_, '_>, spec: Node<'_>, name: Node<'_>, decl: DeclId) {
    let mut op = None;
    for &u in cx.model.uses(decl) {
        match cx.model.use_role(u) {
            UseRole::Assigned | UseRole::Escapes => return,
            // In a select, a nil channel is the idiom for "disable this case".
            UseRole::Send | UseRole::Receive | UseRole::Range | UseRole::Closed
                if flow::select_of_case_comm(u).is_none() && op.is_none() =>
            {
                op = Some(u);
            }
            _ => {}
        }
    }
    let Some(u) = op else {
        return;
    };
    let text = cx.text(name).to_string();
    let fix = make_fix(cx, spec, name);
    let rel = cx.related(
        spec,
        format!("`{text}` is declared here without `make`, so it is nil"),
        format!("`{text}` 在这里声明但没有 `make`，因此是 nil"),
    );
    report(cx, u, &text, rel, fix);
}

/// A struct of this file declared without some of its channel fields.
fn check_struct(
    cx: &mut Ctx<'_, '_>,
    spec: Node<'_>,
    decl: DeclId,
    ty: &Ty,
    lit: Option<Node<'_>>,
) {
    let Ty::Named { pkg: None, name: tname } = ty.deref() else {
        return;
    };
    let Some(fields) = cx.model.structs.get(tname) else {
        return;
    };
    let mut nil_fields: Vec<String> = fields
        .iter()
        .filter(|(_, t)| t.is_chan())
        .map(|(f, _)| f.clone())
        .collect();
    if let Some(lit) = lit {
        let Some(body) = lit.child_by_field_name("body") else {
            return;
        };
        for el in syntax::named_children(body) {
            if el.kind_str() != "keyed_element" {
                // Positional: every field is set.
                return;
            }
            if let Some(k) = el.named_child(0) {
                let k = cx.text(k).to_string();
                nil_fields.retain(|f| *f != k);
            }
        }
    }
    if nil_fields.is_empty() {
        return;
    }
    // Any use of the struct other than reading one of its fields hands it to code that may
    // set the channel (a constructor method, an init function).
    let mut ops: Vec<(Node<'_>, String)> = Vec::new();
    let mut set: Vec<String> = Vec::new();
    for &u in cx.model.uses(decl) {
        let Some(sel) = u.parent().filter(|p| p.kind_str() == "selector_expression") else {
            return;
        };
        let Some(field) = sel.child_by_field_name("field").map(|f| cx.text(f).to_string())
        else {
            return;
        };
        if sel.parent().is_some_and(|p| {
            p.kind_str() == "call_expression" && p.child_by_field_name("function") == Some(sel)
        }) {
            // A method call: it may initialise the struct.
            return;
        }
        if !nil_fields.contains(&field) {
            continue;
        }
        match cx.model.use_role(sel) {
            UseRole::Assigned | UseRole::Escapes => set.push(field),
            UseRole::Send | UseRole::Receive | UseRole::Range | UseRole::Closed
                if flow::select_of_case_comm(sel).is_none() =>
            {
                ops.push((sel, field));
            }
            _ => {}
        }
    }
    let Some((sel, _)) = ops.into_iter().find(|(_, f)| !set.contains(f)) else {
        return;
    };
    let text = cx.text(sel).to_string();
    let field = sel
        .child_by_field_name("field")
        .map_or("", |f| cx.text(f))
        .to_string();
    let rel = cx.related(
        spec,
        format!("created here without setting `{field}`, so `{text}` is nil"),
        format!("在这里创建时没有设置 `{field}`，因此 `{text}` 是 nil"),
    );
    report(cx, sel, &text, rel, None);
}

fn report(
    cx: &mut Ctx<'_, '_>,
    u: Node<'_>,
    text: &str,
    rel: crate::Related,
    fix: Option<crate::Fix>,
) {
    let role = cx.model.use_role(u);
    // The whole operation: the send statement, `<-ch`, `range ch` or `close(ch)`.
    let at = u.parent().unwrap_or(u);
    let at = if at.kind_str() == "argument_list" {
        at.parent().unwrap_or(at)
    } else {
        at
    };
    let (what_en, what_zh) = match role {
        UseRole::Closed => (
            "closing a nil channel panics with \"close of nil channel\"".to_string(),
            "关闭 nil channel 会以 \"close of nil channel\" panic".to_string(),
        ),
        UseRole::Range => (
            "ranging over a nil channel blocks forever (if no other goroutine is left, the program dies with \"all goroutines are asleep - deadlock!\")".to_string(),
            "对 nil channel 进行 range 会永远阻塞（若没有其他 goroutine，程序会以 \"all goroutines are asleep - deadlock!\" 崩溃）".to_string(),
        ),
        UseRole::Send => (
            "a send on a nil channel blocks forever (if no other goroutine is left, the program dies with \"all goroutines are asleep - deadlock!\")".to_string(),
            "向 nil channel 发送会永远阻塞（若没有其他 goroutine，程序会以 \"all goroutines are asleep - deadlock!\" 崩溃）".to_string(),
        ),
        _ => (
            "a receive from a nil channel blocks forever (if no other goroutine is left, the program dies with \"all goroutines are asleep - deadlock!\")".to_string(),
            "从 nil channel 接收会永远阻塞（若没有其他 goroutine，程序会以 \"all goroutines are asleep - deadlock!\" 崩溃）".to_string(),
        ),
    };
    let d = cx.report(
        at,
        format!("`{text}` is never assigned a channel, so it is nil here: {what_en}; create it with `make(chan T)` before use"),
        format!("`{text}` 从未被赋予 channel，因此这里它是 nil：{what_zh}；请在使用前用 `make(chan T)` 创建它"),
    );
    d.related.push(rel);
    if let Some(f) = fix {
        d.fixes.push(f);
    }
}

/// `var ch chan T` -> `var ch = make(chan T)` when the spec declares only this name.
fn make_fix(cx: &Ctx<'_, '_>, spec: Node<'_>, name: Node<'_>) -> Option<crate::Fix> {
    let mut cursor = spec.walk();
    if spec.children_by_field_name("name", &mut cursor).count() != 1 {
        return None;
    }
    let ty = spec.child_by_field_name("type")?;
    let ty_text = cx.text(ty);
    Some(cx.fix(
        format!("Make the channel: `var {} = make({ty_text})`", cx.text(name)),
        format!("创建 channel：`var {} = make({ty_text})`", cx.text(name)),
        Safety::Unsafe,
        vec![cx.edit(
            name.end_byte(),
            ty.end_byte(),
            format!(" = make({ty_text})"),
        )],
    ))
}
