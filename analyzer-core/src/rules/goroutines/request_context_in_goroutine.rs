//! GP1007 request-context-in-goroutine: a goroutine that outlives its HTTP handler uses the
//! handler's `r`, `r.Context()` or `w`.

use crate::model::{DeclId, DeclKind, Model, Ty};
use crate::rules::{Ctx, Match, Rule};
use crate::syntax::{KindStr as _, self, unparen};
use crate::{Category, GoVersion, Safety, Severity};
use tree_sitter::Node;

pub static RULE: Rule = Rule {
    code: "GP1007",
    name: "request-context-in-goroutine",
    category: Category::GoroutinesChannels,
    severity: Severity::Error,
    title_en: "Goroutine outlives its HTTP handler but uses the request or its context",
    title_zh: "goroutine 比 HTTP handler 活得更久，却使用了请求或其 context",
    min_go: None,
    max_go: None,
    query: include_str!("request_context_in_goroutine.scm"),
    docs_en: include_str!("request_context_in_goroutine.en.md"),
    docs_zh: include_str!("request_context_in_goroutine.zh.md"),
    check,
};

/// What the goroutine holds on to.
#[derive(Clone, Copy, PartialEq)]
enum Held {
    /// `r.Context()`
    Context,
    /// `r` itself (its body, headers, ...)
    Request,
    /// `w`
    Writer,
}

fn check(cx: &mut Ctx<'_, '_>, m: &Match<'_, '_>) {
    let (Some(go), Some(call)) = (m.get("go"), m.get("call")) else {
        return;
    };
    let Some(handler) = cx.model.enclosing_func(go) else {
        return;
    };
    let Some((w, r)) = handler_params(cx.model, handler) else {
        return;
    };
    let Some(body) = syntax::func_body(handler) else {
        return;
    };
    // The handler waits for the goroutine (wg.Wait(), a receive, a select) before returning.
    if syntax::followed_by(go, body, |s| cx.model.waits_for_goroutines(s)) {
        return;
    }
    let mut found: Option<(Node<'_>, Held)> = None;
    // Arguments are evaluated when the goroutine starts: only `r`, `w` or `r.Context()`
    // themselves are handed over (`r.URL.Path` is a copy).
    for arg in cx.model.call_args(call) {
        let arg = unparen(arg);
        if let Some(h) = held_by(cx.model, arg, w, r)
            && (h == Held::Context || arg.kind_str() == "identifier")
        {
            found = Some((arg, h));
            break;
        }
    }
    // In a literal's body every use counts: it runs after the handler may have returned.
    if found.is_none()
        && let Some(lit) = syntax::go_func_literal(go)
        && let Some(lit_body) = syntax::func_body(lit)
    {
        cx.model.walk(lit_body, |n| {
            if found.is_some() {
                return false;
            }
            if n.kind_str() == "call_expression" && cx.model.calls_pkg(n, "context", &["WithoutCancel"])
            {
                return false;
            }
            if n.kind_str() == "identifier"
                && let Some(h) = held_by(cx.model, n, w, r)
            {
                // `r` of `r.Context()`: report the call; a variable holding it: itself.
                let at = if h == Held::Context && cx.model.decl_of(n) == Some(r) {
                    n.parent().and_then(|p| p.parent()).unwrap_or(n)
                } else {
                    n
                };
                found = Some((at, h));
            }
            true
        });
    }
    let Some((at, held)) = found else {
        return;
    };
    report(cx, go, body, at, held);
}

/// The `w http.ResponseWriter` and `r *http.Request` parameters of a handler.
fn handler_params(model: &Model<'_>, func: Node<'_>) -> Option<(DeclId, DeclId)> {
    let params = func.child_by_field_name("parameters")?;
    let (mut w, mut r) = (None, None);
    for p in syntax::named_children(params) {
        let mut cursor = p.walk();
        for n in p.children_by_field_name("name", &mut cursor) {
            let Some(d) = model.decl_of(n) else {
                continue;
            };
            let ty = &model.decl(d).ty;
            if matches!(ty, Ty::Named { .. }) && ty.is("net/http", "ResponseWriter") {
                w = Some(d);
            } else if matches!(ty, Ty::Pointer(_)) && ty.is("net/http", "Request") {
                r = Some(d);
            }
        }
    }
    Some((w?, r?))
}

/// If `n` is (or starts with) a use of the handler's `w` or `r`: what it holds.
fn held_by(model: &Model<'_>, n: Node<'_>, w: DeclId, r: DeclId) -> Option<Held> {
    if n.kind_str() == "call_expression" {
        return is_request_context(model, n, r).then_some(Held::Context);
    }
    let root = syntax::root_ident(n);
    if root.kind_str() != "identifier" {
        return None;
    }
    let d = model.decl_of(root)?;
    if d == w {
        return Some(Held::Writer);
    }
    if d != r {
        // `ctx := r.Context()`, kept in a variable that is never reassigned.
        let is_ctx = root == n
            && model.decl(d).kind == DeclKind::Var
            && model
                .sole_value(d)
                .is_some_and(|i| is_request_context(model, unparen(i), r));
        return is_ctx.then_some(Held::Context);
    }
    // `r.Context()`: the identifier's selector is the function of a call.
    let sel = root.parent().filter(|p| p.kind_str() == "selector_expression");
    if let Some(call) = sel.and_then(|s| s.parent())
        && is_request_context(model, call, r)
    {
        return Some(Held::Context);
    }
    Some(Held::Request)
}

fn is_request_context(model: &Model<'_>, call: Node<'_>, r: DeclId) -> bool {
    call.kind_str() == "call_expression"
        && model.callee(call).method_name() == Some("Context")
        && model
            .call_receiver(call)
            .and_then(|recv| model.decl_of(recv))
            == Some(r)
}

fn report(cx: &mut Ctx<'_, '_>, go: Node<'_>, body: Node<'_>, at: Node<'_>, held: Held) {
    let text = cx.text(at).to_string();
    let modern = cx.go() >= GoVersion::new(1, 21);
    let (what_en, what_zh) = match held {
        Held::Context => (
            format!("`{text}` is cancelled as soon as the handler returns, so the goroutine's database calls, HTTP calls and sleeps on it fail with \"context canceled\" part-way through"),
            format!("`{text}` 会在 handler 返回时立即被取消，goroutine 中基于它的数据库调用、HTTP 调用和等待都会中途以 \"context canceled\" 失败"),
        ),
        Held::Request => (
            format!("`{text}` belongs to a request that ends when the handler returns: by then its body is closed and its context cancelled"),
            format!("`{text}` 属于一个在 handler 返回时就结束的请求：那时它的 Body 已被关闭、context 已被取消"),
        ),
        Held::Writer => (
            format!("`{text}` must not be used after the handler returns: the response is already finished, so writes are lost or race with the server"),
            format!("handler 返回后不能再使用 `{text}`：响应已经结束，写入会丢失，或与服务器发生数据竞争"),
        ),
    };
    let (fix_en, fix_zh) = if modern {
        (
            "copy what the goroutine needs before starting it, and give it `context.WithoutCancel(r.Context())` (keeps the values, drops the cancellation) or a server-scoped context",
            "在启动 goroutine 之前复制它需要的数据，并传给它 `context.WithoutCancel(r.Context())`（保留值、去掉取消）或服务器级别的 context",
        )
    } else {
        (
            "copy what the goroutine needs before starting it, and give it a server-scoped context (`context.WithoutCancel` needs Go 1.21)",
            "在启动 goroutine 之前复制它需要的数据，并传给它服务器级别的 context（`context.WithoutCancel` 需要 Go 1.21）",
        )
    };
    let go_rel = cx.related(
        go,
        "the goroutine starts here and nothing in the handler waits for it",
        "goroutine 在这里启动，handler 中没有任何地方等待它",
    );
    let end = body.child(body.child_count().saturating_sub(1)).unwrap_or(body);
    let end_rel = cx.related(
        end,
        "the handler returns here, ending the request",
        "handler 在这里返回，请求随之结束",
    );
    let fix = (held == Held::Context && modern)
        .then(|| context_name(cx.model, at.start_byte()))
        .flatten()
        .map(|pkg| {
            cx.fix(
                format!("Use `{pkg}.WithoutCancel({text})`"),
                format!("改用 `{pkg}.WithoutCancel({text})`"),
                Safety::Safe,
                vec![
                    cx.edit(at.start_byte(), at.start_byte(), format!("{pkg}.WithoutCancel(")),
                    cx.edit(at.end_byte(), at.end_byte(), ")"),
                ],
            )
        });
    let d = cx.report(
        at,
        format!("this goroutine outlives the HTTP handler, and {what_en}; {fix_en}"),
        format!("这个 goroutine 比 HTTP handler 活得更久，而{what_zh}；{fix_zh}"),
    );
    d.related.push(go_rel);
    d.related.push(end_rel);
    if let Some(f) = fix {
        d.fixes.push(f);
    }
}

/// The name this file uses for package context, if it imports it under a name that no
/// local declaration shadows at `pos`.
fn context_name(model: &Model<'_>, pos: usize) -> Option<String> {
    model
        .imports
        .iter()
        .find(|i| i.path == "context")
        .and_then(|i| i.local_name())
        .filter(|n| !model.name_visible(n, pos))
        .map(str::to_string)
}
