//! GP5003 http-server-without-timeouts: a server that never times out slow clients.

use crate::syntax::KindStr as _;
use crate::model::Ty;
use crate::rules::{Ctx, Match, Rule};
use crate::{Category, Safety, Severity};
use tree_sitter::Node;

pub static RULE: Rule = Rule {
    code: "GP5003",
    name: "http-server-without-timeouts",
    category: Category::IoResources,
    severity: Severity::Warning,
    title_en: "HTTP server without read timeouts",
    title_zh: "HTTP 服务器没有设置读取超时",
    min_go: None,
    max_go: None,
    query: include_str!("http_server_without_timeouts.scm"),
    docs_en: include_str!("http_server_without_timeouts.en.md"),
    docs_zh: include_str!("http_server_without_timeouts.zh.md"),
    check,
};

const TIMEOUT_FIELDS: &[&str] = &["ReadHeaderTimeout", "ReadTimeout"];

fn check(cx: &mut Ctx<'_, '_>, m: &Match<'_, '_>) {
    if let Some(call) = m.get("call") {
        check_call(cx, call);
    } else if let (Some(lit), Some(body)) = (m.get("lit"), m.get("body")) {
        check_literal(cx, lit, body);
    }
}

fn check_call(cx: &mut Ctx<'_, '_>, call: Node<'_>) {
    let callee = cx.model.callee(call);
    if !callee.is_pkg_any(
        "net/http",
        &["ListenAndServe", "ListenAndServeTLS", "Serve", "ServeTLS"],
    ) {
        return;
    }
    let f = cx.text(call.child_by_field_name("function").unwrap_or(call));
    cx.report(
        call,
        format!(
            "`{f}` serves with an `http.Server` that has no timeouts, and offers no way to set them: a client that sends its headers one byte at a time (slowloris) holds a connection and a goroutine forever; create an `http.Server` with `ReadHeaderTimeout` (and `ReadTimeout`/`WriteTimeout`/`IdleTimeout`) and call its method instead"
        ),
        format!(
            "`{f}` 使用的 `http.Server` 没有任何超时，而且无法设置：一个每次只发送一个字节请求头的客户端（slowloris）就能永远占住一个连接和一个 goroutine；请创建设置了 `ReadHeaderTimeout`（以及 `ReadTimeout`/`WriteTimeout`/`IdleTimeout`）的 `http.Server`，并调用它的方法"
        ),
    );
}

fn check_literal(cx: &mut Ctx<'_, '_>, lit: Node<'_>, body: Node<'_>) {
    let ty = lit
        .child_by_field_name("type")
        .map(|t| cx.model.type_from_node(t))
        .unwrap_or_default();
    if ty != Ty::named("net/http", "Server") {
        return;
    }
    let Some(keys) = literal_keys(cx, body) else {
        return;
    };
    if keys.iter().any(|k| TIMEOUT_FIELDS.contains(k)) {
        return;
    }
    if set_later(cx, lit, TIMEOUT_FIELDS) {
        return;
    }
    let fix = time_pkg(cx).map(|t| {
        let edit = insert_field(cx, body, &format!("ReadHeaderTimeout: 10 * {t}.Second"));
        cx.fix(
            "Set `ReadHeaderTimeout: 10 * time.Second`",
            "设置 `ReadHeaderTimeout: 10 * time.Second`",
            Safety::Unsafe,
            vec![edit],
        )
    });
    let diag = cx.report(
        lit,
        "this `http.Server` sets neither `ReadHeaderTimeout` nor `ReadTimeout`: a client that sends its headers one byte at a time (slowloris) holds a connection and a goroutine forever; set `ReadHeaderTimeout` (and usually `ReadTimeout`, `WriteTimeout`, `IdleTimeout`)",
        "这个 `http.Server` 既没有设置 `ReadHeaderTimeout` 也没有设置 `ReadTimeout`：一个每次只发送一个字节请求头的客户端（slowloris）就能永远占住一个连接和一个 goroutine；请设置 `ReadHeaderTimeout`（通常还有 `ReadTimeout`、`WriteTimeout`、`IdleTimeout`）",
    );
    if let Some(f) = fix {
        diag.fixes.push(f);
    }
}

/// The field names of a keyed composite literal; `None` if any element is positional.
fn literal_keys<'t>(cx: &Ctx<'_, 't>, body: Node<'_>) -> Option<Vec<&'t str>> {
    let mut keys = Vec::new();
    for el in crate::syntax::named_children(body) {
        if el.kind_str() != "keyed_element" {
            return None;
        }
        let key = el.child_by_field_name("key").or_else(|| el.named_child(0))?;
        keys.push(cx.text(key).trim());
    }
    Some(keys)
}

/// The literal initialises a local variable (`srv := &http.Server{...}`) whose field is set
/// afterwards (`srv.ReadTimeout = ...`).
fn set_later(cx: &Ctx<'_, '_>, lit: Node<'_>, fields: &[&str]) -> bool {
    let mut e = lit;
    while let Some(p) = e.parent().filter(|p| {
        p.kind_str() == "parenthesized_expression"
            || (p.kind_str() == "unary_expression" && cx.text(*p).starts_with('&'))
    }) {
        e = p;
    }
    // A field of another literal (`httptest.Server{Config: &http.Server{...}}`): whoever owns
    // the outer value may set the timeouts later.
    if e.parent().is_some_and(|p| p.kind_str() == "literal_element") {
        return true;
    }
    let Some(list) = e.parent().filter(|p| p.kind_str() == "expression_list") else {
        return false;
    };
    let Some(stmt) = list.parent() else {
        return false;
    };
    let names = match stmt.kind_str() {
        "short_var_declaration" | "assignment_statement" => stmt
            .child_by_field_name("left")
            .map(crate::syntax::list_items)
            .unwrap_or_default(),
        "var_spec" => {
            let mut c = stmt.walk();
            stmt.children_by_field_name("name", &mut c).collect()
        }
        _ => return false,
    };
    let values = crate::syntax::list_items(list);
    let Some(i) = values.iter().position(|v| *v == e) else {
        return false;
    };
    let Some(target) = names.get(i) else {
        return false;
    };
    // `s.srv = &http.Server{...}` or an untracked name: someone else may set the fields.
    let Some(decl) = cx.model.decl_of(*target) else {
        return true;
    };
    cx.model.uses(decl).iter().any(|u| {
        u.parent().is_some_and(|sel| {
            sel.kind_str() == "selector_expression"
                && sel
                    .child_by_field_name("field")
                    .is_some_and(|f| fields.contains(&cx.text(f)))
        })
    })
}

/// The name the file imports `time` under, if it does.
fn time_pkg(cx: &Ctx<'_, '_>) -> Option<String> {
    cx.model
        .imports
        .iter()
        .find(|i| i.path == "time")
        .and_then(|i| i.local_name())
        .map(str::to_string)
}

/// An edit adding `field` as the first element of a literal body.
fn insert_field(cx: &Ctx<'_, '_>, body: Node<'_>, field: &str) -> crate::TextEdit {
    let open = body.start_byte() + 1;
    let first = crate::syntax::named_children(body).into_iter().next();
    match first {
        // Multi-line: a line of its own before the first element.
        Some(el) if body.start_position().row != el.start_position().row => {
            let indent = cx.indent_at(el.start_byte()).to_string();
            cx.edit(
                el.start_byte(),
                el.start_byte(),
                format!("{field},\n{indent}"),
            )
        }
        Some(_) => cx.edit(open, open, format!("{field}, ")),
        None => cx.edit(open, open, field.to_string()),
    }
}
