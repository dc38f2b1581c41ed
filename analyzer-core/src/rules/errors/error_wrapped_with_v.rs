//! GP6002 error-wrapped-with-v: `fmt.Errorf` formats an error with `%v` or `%s` instead of
//! wrapping it with `%w`, so `errors.Is`/`errors.As` cannot find the cause.

use crate::model::errs::format_verbs;
use crate::rules::{Ctx, Match, Rule};
use crate::syntax::{KindStr as _, named_children, string_value};
use crate::{Category, GoVersion, Safety, Severity};
use tree_sitter::Node;

pub static RULE: Rule = Rule {
    code: "GP6002",
    name: "error-wrapped-with-v",
    category: Category::Errors,
    severity: Severity::Warning,
    title_en: "Error formatted with %v instead of wrapped with %w",
    title_zh: "用 %v 格式化错误而不是用 %w 包装",
    // `%w` exists since Go 1.13.
    min_go: Some(GoVersion::new(1, 13)),
    max_go: None,
    query: include_str!("error_wrapped_with_v.scm"),
    docs_en: include_str!("error_wrapped_with_v.en.md"),
    docs_zh: include_str!("error_wrapped_with_v.zh.md"),
    check,
};

fn check(cx: &mut Ctx<'_, '_>, m: &Match<'_, '_>) {
    let (Some(call), Some(format)) = (m.get("call"), m.get("format")) else {
        return;
    };
    // A test helper's error ends up in t.Fatal, not in errors.Is.
    if cx.model.is_test_file() {
        return;
    }
    // `errors.New(fmt.Sprintf(...))`: the same as `fmt.Errorf` without `%w`.
    let new_of_sprintf = sprintf_into_errors_new(cx, call);
    if new_of_sprintf.is_none() && !cx.model.callee(call).is_pkg("fmt", "Errorf") {
        return;
    }
    let Some(args) = call.child_by_field_name("arguments").map(named_children) else {
        return;
    };
    // `fmt.Errorf(format, args...)`: the arguments are not visible one by one.
    if args.iter().any(|a| a.kind_str() == "variadic_argument") {
        return;
    }
    let Some(text) = string_value(format, cx.src) else {
        return;
    };
    let Some(verbs) = format_verbs(text) else {
        return;
    };
    let wraps = verbs.iter().filter(|v| v.verb == 'w').count();
    // Several `%w` are allowed since Go 1.20; before, a second one is an error of its own.
    let may_add_w = wraps == 0 || cx.go() >= GoVersion::new(1, 20);
    let content_start = format.start_byte() + 1;
    for v in verbs {
        if !matches!(v.verb, 'v' | 's') {
            continue;
        }
        let Some(&arg) = args.get(v.arg + 1) else {
            continue;
        };
        let directive = &text[v.start..v.end];
        let (start, end) = (content_start + v.start, content_start + v.end);
        if let Some(err) = cx.model.error_message_call(arg) {
            let name = cx.text(err);
            cx.report_range(
                start,
                end,
                format!("`{directive}` formats `{name}.Error()`, the message only: callers cannot use `errors.Is` or `errors.As` to find `{name}`; pass `{name}` itself with `%w`"),
                format!("`{directive}` 格式化的是 `{name}.Error()`，只保留了消息文本：调用方无法用 `errors.Is` 或 `errors.As` 找到 `{name}`；请直接传入 `{name}` 并使用 `%w`"),
            );
            continue;
        }
        if !cx.model.is_error_value(arg) {
            continue;
        }
        let name = cx.text(arg);
        let related = cx.related(arg, "the wrapped error", "被格式化的错误");
        if let Some(outer) = new_of_sprintf {
            let fix = (wraps == 0).then(|| errorf_fix(cx, outer, call, start, end));
            let d = cx.report_range(
                start,
                end,
                format!("`errors.New(fmt.Sprintf(...))` with `{directive}` turns the error `{name}` into text: callers cannot use `errors.Is` or `errors.As` to find it; use `fmt.Errorf` with `%w` to wrap it"),
                format!("`errors.New(fmt.Sprintf(...))` 配合 `{directive}` 把错误 `{name}` 变成了纯文本：调用方无法用 `errors.Is` 或 `errors.As` 找到它；请改用 `fmt.Errorf` 并以 `%w` 包装"),
            );
            d.related.push(related);
            d.fixes.extend(fix);
            continue;
        }
        let fix = may_add_w.then(|| {
            cx.fix(
                format!("Wrap `{name}` with `%w`"),
                format!("用 `%w` 包装 `{name}`"),
                // Callers can now see (and depend on) the cause: an API decision.
                Safety::Unsafe,
                vec![cx.edit(start, end, "%w")],
            )
        });
        let d = cx.report_range(
            start,
            end,
            format!("`{directive}` turns the error `{name}` into text: callers cannot use `errors.Is` or `errors.As` to find it; use `%w` to wrap it"),
            format!("`{directive}` 把错误 `{name}` 变成了纯文本：调用方无法用 `errors.Is` 或 `errors.As` 找到它；请使用 `%w` 包装"),
        );
        d.related.push(related);
        d.fixes.extend(fix);
    }
}

/// For `fmt.Sprintf(...)` that is the only argument of `errors.New`: that outer call.
fn sprintf_into_errors_new<'t>(cx: &Ctx<'_, 't>, call: Node<'t>) -> Option<Node<'t>> {
    if !cx.model.callee(call).is_pkg("fmt", "Sprintf") {
        return None;
    }
    let args = call.parent().filter(|p| p.kind_str() == "argument_list")?;
    let outer = args.parent()?;
    (named_children(args).len() == 1 && cx.model.callee(outer).is_pkg("errors", "New"))
        .then_some(outer)
}

/// `errors.New(fmt.Sprintf("... %v", err))` → `fmt.Errorf("... %w", err)`.
fn errorf_fix(
    cx: &Ctx<'_, '_>,
    outer: Node<'_>,
    sprintf: Node<'_>,
    start: usize,
    end: usize,
) -> crate::Fix {
    let func = sprintf.child_by_field_name("function");
    let errorf = func.map_or("fmt.Errorf".to_string(), |f| {
        cx.text(f).replace("Sprintf", "Errorf")
    });
    let open = sprintf
        .child_by_field_name("arguments")
        .map_or(sprintf.end_byte(), |a| a.start_byte());
    cx.fix(
        "Use `fmt.Errorf` with `%w`",
        "改用 `fmt.Errorf` 并使用 `%w`",
        Safety::Unsafe,
        vec![
            cx.edit(outer.start_byte(), open, errorf),
            cx.edit(start, end, "%w"),
            cx.edit(sprintf.end_byte(), outer.end_byte(), ""),
        ],
    )
}
