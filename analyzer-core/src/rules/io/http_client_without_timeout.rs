//! GP5004 http-client-without-timeout: requests through a client that never times out.

use crate::model::{Callee, ImportName, Resolved, Ty};
use crate::rules::{Ctx, Match, Rule};
use crate::syntax::{self, KindStr as _};
use crate::{Category, Safety, Severity};
use tree_sitter::Node;

pub static RULE: Rule = Rule {
    code: "GP5004",
    name: "http-client-without-timeout",
    category: Category::IoResources,
    severity: Severity::Warning,
    title_en: "HTTP client without a timeout",
    title_zh: "HTTP 客户端没有设置超时",
    min_go: None,
    max_go: None,
    query: include_str!("http_client_without_timeout.scm"),
    docs_en: include_str!("http_client_without_timeout.en.md"),
    docs_zh: include_str!("http_client_without_timeout.zh.md"),
    check,
};

fn check(cx: &mut Ctx<'_, '_>, m: &Match<'_, '_>) {
    if let Some(call) = m.get("call") {
        check_call(cx, call);
    } else if let (Some(lit), Some(body)) = (m.get("lit"), m.get("body")) {
        check_literal(cx, lit, body);
    }
}

const SENDERS: [&str; 4] = ["Get", "Head", "Post", "PostForm"];

fn check_call(cx: &mut Ctx<'_, '_>, call: Node<'_>) {
    let callee = cx.model.callee(call);
    let default_client = matches!(&callee, Callee::Method { name, .. } if SENDERS.contains(&name.as_str()))
        && cx
            .model
            .call_receiver(call)
            .is_some_and(|r| is_default_client(cx, r));
    if !default_client && !callee.is_pkg_any("net/http", &SENDERS) {
        return;
    }
    let f = cx.text(call.child_by_field_name("function").unwrap_or(call));
    cx.report(
        call,
        format!(
            "`{f}` sends the request with `http.DefaultClient`, which has no timeout and takes no context: a server that accepts the connection but never answers blocks this call (and its goroutine) forever; use an `http.Client` with `Timeout`, or build the request with `http.NewRequestWithContext` and a deadline"
        ),
        format!(
            "`{f}` 使用 `http.DefaultClient` 发送请求，它没有超时，也不接受 context：一个接受了连接却永不应答的服务器会让这次调用（及其 goroutine）永远阻塞；请使用设置了 `Timeout` 的 `http.Client`，或用 `http.NewRequestWithContext` 加截止时间构造请求"
        ),
    );
}

/// `http.DefaultClient` (any import name, or a dot import), not a local value of that name.
fn is_default_client(cx: &Ctx<'_, '_>, expr: Node<'_>) -> bool {
    let expr = syntax::unparen(expr);
    match expr.kind_str() {
        "selector_expression" => {
            let (Some(op), Some(field)) = (
                expr.child_by_field_name("operand"),
                expr.child_by_field_name("field"),
            ) else {
                return false;
            };
            cx.text(field) == "DefaultClient"
                && matches!(cx.model.resolve(syntax::unparen(op)),
                    Resolved::Package(i) if cx.model.imports[i].path == "net/http")
        }
        "identifier" => {
            cx.text(expr) == "DefaultClient"
                && cx.model.resolve(expr) == Resolved::Unresolved
                && cx
                    .model
                    .imports
                    .iter()
                    .any(|i| i.path == "net/http" && i.name == ImportName::Dot)
        }
        _ => false,
    }
}

fn check_literal(cx: &mut Ctx<'_, '_>, lit: Node<'_>, body: Node<'_>) {
    let ty = lit
        .child_by_field_name("type")
        .map(|t| cx.model.type_from_node(t))
        .unwrap_or_default();
    if ty != Ty::named("net/http", "Client") {
        return;
    }
    let Some(keys) = literal_keys(cx, body) else {
        return;
    };
    if keys.contains(&"Timeout")
        || set_later(cx, lit, "Timeout")
        || uses_request_context(cx)
        || transport_may_time_out(cx, body)
    {
        return;
    }
    let fix = time_pkg(cx).map(|t| {
        let edit = insert_field(cx, body, &format!("Timeout: 30 * {t}.Second"));
        cx.fix(
            "Set `Timeout: 30 * time.Second`",
            "设置 `Timeout: 30 * time.Second`",
            Safety::Unsafe,
            vec![edit],
        )
    });
    let diag = cx.report(
        lit,
        "this `http.Client` has no `Timeout`, and this file never attaches a context to its requests: a server that accepts the connection but never answers (or trickles the body) blocks the request and its goroutine forever; set `Timeout`, or send requests built with `http.NewRequestWithContext` and a deadline",
        "这个 `http.Client` 没有设置 `Timeout`，而且本文件从不为请求附加 context：一个接受了连接却永不应答（或极慢地发送正文）的服务器会让请求及其 goroutine 永远阻塞；请设置 `Timeout`，或者用 `http.NewRequestWithContext` 加截止时间构造请求",
    );
    if let Some(f) = fix {
        diag.fixes.push(f);
    }
}

/// The file attaches contexts to requests (`http.NewRequestWithContext`, `req.WithContext`):
/// deadlines may come from there.
fn uses_request_context(cx: &Ctx<'_, '_>) -> bool {
    let mut found = false;
    cx.model.walk(cx.model.file_root(), |n| {
        if found {
            return false;
        }
        if n.kind_str() == "call_expression" {
            let callee = cx.model.callee(n);
            found = callee.is_pkg("net/http", "NewRequestWithContext")
                || matches!(&callee, Callee::Method { name, .. } if name == "WithContext");
        }
        !found
    });
    found
}

/// The field names of a keyed composite literal; `None` if any element is positional.
fn literal_keys<'t>(cx: &Ctx<'_, 't>, body: Node<'_>) -> Option<Vec<&'t str>> {
    let mut keys = Vec::new();
    for el in syntax::named_children(body) {
        if el.kind_str() != "keyed_element" {
            return None;
        }
        let key = el
            .child_by_field_name("key")
            .or_else(|| el.named_child(0))?;
        keys.push(cx.text(key).trim());
    }
    Some(keys)
}

/// The literal initialises a variable whose `field` is set afterwards (`c.Timeout = ...`),
/// or is stored somewhere this rule does not follow (`s.client = &http.Client{}`).
fn set_later(cx: &Ctx<'_, '_>, lit: Node<'_>, field: &str) -> bool {
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
            .map(syntax::list_items)
            .unwrap_or_default(),
        "var_spec" => {
            let mut c = stmt.walk();
            stmt.children_by_field_name("name", &mut c).collect()
        }
        _ => return false,
    };
    let values = syntax::list_items(list);
    let Some(i) = values.iter().position(|v| *v == e) else {
        return false;
    };
    let Some(target) = names.get(i) else {
        return false;
    };
    let Some(decl) = cx.model.decl_of(*target) else {
        return true;
    };
    cx.model.uses(decl).iter().any(|u| {
        u.parent().is_some_and(|sel| {
            sel.kind_str() == "selector_expression"
                && sel
                    .child_by_field_name("field")
                    .is_some_and(|f| cx.text(f) == field)
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
    let first = syntax::named_children(body).into_iter().next();
    match first {
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

/// The client's `Transport` is not an evident `&http.Transport{...}` literal without a
/// `ResponseHeaderTimeout`: a transport from elsewhere may bound the wait for responses.
fn transport_may_time_out(cx: &Ctx<'_, '_>, body: Node<'_>) -> bool {
    for el in syntax::named_children(body) {
        let (Some(key), Some(value)) = (
            el.child_by_field_name("key"),
            el.child_by_field_name("value"),
        ) else {
            continue;
        };
        if cx.text(key).trim() != "Transport" {
            continue;
        }
        let mut v = syntax::unparen(value.named_child(0).unwrap_or(value));
        if v.kind_str() == "unary_expression" && cx.text(v).starts_with('&') {
            match v.child_by_field_name("operand") {
                Some(o) => v = syntax::unparen(o),
                None => return true,
            }
        }
        if v.kind_str() != "composite_literal" {
            return true;
        }
        let is_transport = v
            .child_by_field_name("type")
            .is_some_and(|t| cx.model.type_from_node(t) == Ty::named("net/http", "Transport"));
        let sets_header_timeout = v
            .child_by_field_name("body")
            .and_then(|b| literal_keys(cx, b))
            .is_none_or(|keys| keys.contains(&"ResponseHeaderTimeout"));
        return !is_transport || sets_header_timeout;
    }
    false
}
