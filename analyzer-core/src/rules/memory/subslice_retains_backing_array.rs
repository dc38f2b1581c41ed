//! GP4001 subslice-retains-backing-array: a small sub-slice of an evidently large slice
//! (a whole file, a whole body, a big buffer) outlives the function, keeping the whole
//! backing array reachable.

use crate::model::{DeclId, DeclKind, Resolved, Ty};
use crate::rules::{Ctx, Match, Rule};
use crate::syntax::{KindStr as _, list_items, named_children, unparen};
use crate::{Category, GoVersion, Safety, Severity};
use tree_sitter::Node;

pub static RULE: Rule = Rule {
    code: "GP4001",
    name: "subslice-retains-backing-array",
    category: Category::Memory,
    severity: Severity::Warning,
    title_en: "Small sub-slice keeps a large backing array alive",
    title_zh: "小的子切片让整个大底层数组无法释放",
    min_go: None,
    max_go: None,
    query: include_str!("subslice_retains_backing_array.scm"),
    docs_en: include_str!("subslice_retains_backing_array.en.md"),
    docs_zh: include_str!("subslice_retains_backing_array.zh.md"),
    check,
};

/// `make([]T, n)` with a constant n at least this large counts as a large buffer.
const LARGE: i128 = 64 * 1024;

/// Where the large array comes from.
enum Source {
    /// `os.ReadFile`, `io.ReadAll`, ...: "the whole file read by os.ReadFile".
    Read(&'static str),
    /// `make([]byte, n)`: its constant size in bytes (elements).
    Make(i128),
}

#[derive(Clone, Copy)]
enum Sink {
    Returned,
    Stored,
    Sent,
}

fn check(cx: &mut Ctx<'_, '_>, m: &Match<'_, '_>) {
    let (Some(slice), Some(base)) = (m.get("slice"), m.get("base")) else {
        return;
    };
    // Only a bounded part: `x[a:b]`, `x[:n]`. `x[i:]` keeps the tail (most of the data)
    // and `x[:]` is the whole slice; neither wastes the array.
    let Some(end) = slice.child_by_field_name("end") else {
        return;
    };
    if is_len_of(cx, end, base) {
        return;
    }
    let Some(decl) = cx.model.decl_of(base) else {
        return;
    };
    let d = cx.model.decl(decl);
    if d.kind != DeclKind::Var || d.scope == 0 || reassigned(cx, decl) {
        return;
    }
    let d_node = d.node;
    let Some(source) = large_source(cx, decl) else {
        return;
    };
    let Some(func) = cx.model.enclosing_func(slice) else {
        return;
    };
    // Where the sub-slice goes: directly, or through one local variable (`h := data[:16]`).
    let mut sink = sink_of(cx, slice, func);
    if sink.is_none()
        && let Some(v) = bound_var(cx, slice)
        && !reassigned(cx, v)
    {
        sink = cx
            .model
            .uses(v)
            .iter()
            .find_map(|&u| sink_of(cx, u, func));
    }
    let Some((at, kind)) = sink else {
        return;
    };
    // Returned from a callback literal that does not own the buffer
    // (`Transform(path, func(data []byte) []byte { return buf[a:b] })`): the caller consumes
    // it; only a return from the function that read or made the buffer hands it out.
    if matches!(kind, Sink::Returned) && cx.model.enclosing_func(at) != cx.model.enclosing_func(d_node) {
        return;
    }
    let name = cx.text(base);
    let sub = cx.text(slice);
    let (what_en, what_zh) = match source {
        Source::Read(f) => (
            format!("`{name}` holds everything read by {f}"),
            format!("`{name}` 持有 {f} 读到的全部数据"),
        ),
        Source::Make(n) if is_byte_slice(&cx.model.decl(decl).ty) => (
            format!("`{name}` is a {n}-byte buffer"),
            format!("`{name}` 是一个 {n} 字节的缓冲区"),
        ),
        Source::Make(n) => (
            format!("`{name}` is a {n}-element buffer"),
            format!("`{name}` 是一个 {n} 个元素的缓冲区"),
        ),
    };
    let (how_en, how_zh, label_en, label_zh) = match kind {
        Sink::Returned => (
            "is returned",
            "被返回",
            "the sub-slice leaves the function here",
            "子切片在这里被返回，离开了函数",
        ),
        Sink::Stored => (
            "is stored where it outlives the call",
            "被保存到比本次调用活得更久的地方",
            "stored here: the whole array stays reachable from this place",
            "保存在这里：整个数组都会因此保持可达",
        ),
        Sink::Sent => (
            "is sent to another goroutine",
            "被发送给另一个 goroutine",
            "sent here",
            "在这里被发送",
        ),
    };
    let bytes_clone = clone_call(cx, decl, func);
    let advice_en = match &bytes_clone {
        Some(c) => format!("copy it with `{c}({sub})`"),
        None => format!("copy it (`append([]T(nil), {sub}...)`)"),
    };
    let advice_zh = match &bytes_clone {
        Some(c) => format!("用 `{c}({sub})` 复制一份"),
        None => format!("复制一份（`append([]T(nil), {sub}...)`）"),
    };
    let related = cx.related(at, label_en, label_zh);
    let fix = bytes_clone.map(|c| {
        let edits = vec![
            cx.edit(slice.start_byte(), slice.start_byte(), format!("{c}(")),
            cx.edit(slice.end_byte(), slice.end_byte(), ")"),
        ];
        cx.fix(
            format!("Copy the sub-slice with `{c}`"),
            format!("用 `{c}` 复制子切片"),
            Safety::Safe,
            edits,
        )
    });
    let diag = cx.report(
        slice,
        format!(
            "`{sub}` {how_en}, but it shares its backing array: {what_en}, and all of it stays in memory as long as the sub-slice does; {advice_en}"
        ),
        format!(
            "`{sub}` {how_zh}，但它与原切片共享底层数组：{what_zh}，只要子切片还在，整个数组就一直占用内存；{advice_zh}"
        ),
    );
    diag.related.push(related);
    if let Some(f) = fix {
        diag.fixes.push(f);
    }
}

/// `len(base)` (the end of a tail slice).
fn is_len_of(cx: &Ctx<'_, '_>, end: Node<'_>, base: Node<'_>) -> bool {
    let end = unparen(end);
    end.kind_str() == "call_expression"
        && cx.model.callee(end).is_builtin("len")
        && cx
            .model
            .call_args(end)
            .first()
            .is_some_and(|a| cx.model.same_var(*a, base))
}

/// The value a variable was declared with, and which result of it (for `a, b := f()`).
fn decl_value<'t>(cx: &Ctx<'_, 't>, decl: DeclId) -> Option<(Node<'t>, usize)> {
    let d = cx.model.decl(decl);
    if let Some(init) = d.init {
        return Some((init, 0));
    }
    let ident = d.node;
    let parent = ident.parent()?;
    let (names, values) = match parent.kind_str() {
        "expression_list" => {
            let stmt = parent.parent()?;
            if stmt.kind_str() != "short_var_declaration" {
                return None;
            }
            (list_items(parent), list_items(stmt.child_by_field_name("right")?))
        }
        "var_spec" => {
            let mut cursor = parent.walk();
            let names: Vec<Node<'t>> = parent.children_by_field_name("name", &mut cursor).collect();
            (names, list_items(parent.child_by_field_name("value")?))
        }
        _ => return None,
    };
    let i = names.iter().position(|n| *n == ident)?;
    match values.as_slice() {
        [one] if names.len() > 1 => Some((*one, i)),
        vs => vs.get(i).map(|v| (*v, 0)),
    }
}

fn large_source(cx: &Ctx<'_, '_>, decl: DeclId) -> Option<Source> {
    let (value, index) = decl_value(cx, decl)?;
    let value = unparen(value);
    if value.kind_str() != "call_expression" || index != 0 {
        return None;
    }
    let callee = cx.model.callee(value);
    for (path, name, label) in [
        ("os", "ReadFile", "os.ReadFile"),
        ("io", "ReadAll", "io.ReadAll"),
        ("io/ioutil", "ReadAll", "ioutil.ReadAll"),
        ("io/ioutil", "ReadFile", "ioutil.ReadFile"),
    ] {
        if callee.is_pkg(path, name) {
            return Some(Source::Read(label));
        }
    }
    if callee.is_builtin("make") {
        let args = cx.model.call_args(value);
        let ty = args.first().map(|t| cx.model.type_from_node(*t))?;
        if !matches!(ty, Ty::Slice(_)) {
            return None;
        }
        let size = args
            .iter()
            .skip(1)
            .filter_map(|a| const_int(cx, *a, 0))
            .max()?;
        return (size >= LARGE).then_some(Source::Make(size));
    }
    None
}

/// The value of a constant integer expression (`64 * 1024`, `1 << 20`, a named const).
/// Depth-bounded: constant expressions are short, and deep input just gives up.
fn const_int(cx: &Ctx<'_, '_>, e: Node<'_>, depth: u8) -> Option<i128> {
    if depth > 8 {
        return None;
    }
    let e = unparen(e);
    match e.kind_str() {
        "int_literal" => parse_int(cx.text(e)),
        "identifier" => {
            let d = cx.model.decl(cx.model.decl_of(e)?);
            if d.kind != DeclKind::Const {
                return None;
            }
            const_int(cx, d.init?, depth + 1)
        }
        "binary_expression" => {
            let l = const_int(cx, e.child_by_field_name("left")?, depth + 1)?;
            let r = const_int(cx, e.child_by_field_name("right")?, depth + 1)?;
            match cx.text(e.child_by_field_name("operator")?) {
                "*" => l.checked_mul(r),
                "+" => l.checked_add(r),
                "-" => l.checked_sub(r),
                "<<" if (0..64).contains(&r) => l.checked_mul(1i128 << r),
                _ => None,
            }
        }
        _ => None,
    }
}

fn parse_int(lit: &str) -> Option<i128> {
    let s: String = lit.chars().filter(|c| *c != '_').collect();
    let lower = s.to_ascii_lowercase();
    if let Some(h) = lower.strip_prefix("0x") {
        i128::from_str_radix(h, 16).ok()
    } else if let Some(b) = lower.strip_prefix("0b") {
        i128::from_str_radix(b, 2).ok()
    } else if let Some(o) = lower.strip_prefix("0o") {
        i128::from_str_radix(o, 8).ok()
    } else if lower.len() > 1 && lower.starts_with('0') {
        i128::from_str_radix(&lower[1..], 8).ok()
    } else {
        lower.parse().ok()
    }
}

/// True if the variable is assigned again after its declaration (`x = ...`, `x, err = ...`,
/// redeclared by `:=`, or its address is taken).
fn reassigned(cx: &Ctx<'_, '_>, decl: DeclId) -> bool {
    cx.model.uses(decl).iter().any(|&u| {
        let Some(p) = u.parent() else { return false };
        match p.kind_str() {
            "expression_list" => p.parent().is_some_and(|s| {
                matches!(s.kind_str(), "assignment_statement" | "short_var_declaration")
                    && s.child_by_field_name("left") == Some(p)
            }),
            "unary_expression" => cx.text(p).starts_with('&'),
            "inc_statement" | "dec_statement" => true,
            _ => false,
        }
    })
}

/// `v := <slice>` / `var v = <slice>`: the variable the sub-slice is bound to.
fn bound_var(cx: &Ctx<'_, '_>, slice: Node<'_>) -> Option<DeclId> {
    let mut e = slice;
    while let Some(p) = e.parent().filter(|p| p.kind_str() == "parenthesized_expression") {
        e = p;
    }
    let list = e.parent().filter(|p| p.kind_str() == "expression_list")?;
    let stmt = list.parent()?;
    let names = match stmt.kind_str() {
        "short_var_declaration" if stmt.child_by_field_name("right") == Some(list) => {
            list_items(stmt.child_by_field_name("left")?)
        }
        "var_spec" => {
            let mut cursor = stmt.walk();
            stmt.children_by_field_name("name", &mut cursor).collect()
        }
        _ => return None,
    };
    let values = list_items(list);
    if names.len() != values.len() {
        return None;
    }
    let i = values.iter().position(|v| *v == e)?;
    let d = cx.model.decl_of(*names.get(i)?)?;
    (cx.model.decl(d).node == names[i]).then_some(d)
}

/// Where the value of `e` goes, if it outlives the function `func`.
fn sink_of<'t>(cx: &Ctx<'_, 't>, e: Node<'t>, func: Node<'t>) -> Option<(Node<'t>, Sink)> {
    let mut cur = e;
    for _ in 0..16 {
        let p = cur.parent()?;
        match p.kind_str() {
            "parenthesized_expression" => cur = p,
            "expression_list" => {
                let stmt = p.parent()?;
                return match stmt.kind_str() {
                    "return_statement" => Some((stmt, Sink::Returned)),
                    "assignment_statement" if stmt.child_by_field_name("right") == Some(p) => {
                        let rights = list_items(p);
                        let lefts = list_items(stmt.child_by_field_name("left")?);
                        if lefts.len() != rights.len() {
                            return None;
                        }
                        let i = rights.iter().position(|r| *r == cur)?;
                        let target = *lefts.get(i)?;
                        long_lived(cx, target, func).map(|k| (target, k))
                    }
                    _ => None,
                };
            }
            "return_statement" => return Some((p, Sink::Returned)),
            "send_statement" if p.child_by_field_name("value") == Some(cur) => {
                return Some((p, Sink::Sent));
            }
            // `append(dst, sub)`: follow the appended-to slice.
            "argument_list" => {
                let call = p.parent()?;
                if !cx.model.callee(call).is_builtin("append")
                    || named_children(p).first() == Some(&cur)
                {
                    return None;
                }
                cur = call;
            }
            // An element of a composite literal: follow the literal (and `&T{...}`).
            "literal_element" | "keyed_element" | "literal_value" => cur = p,
            "composite_literal" => {
                cur = p;
                if let Some(u) = p.parent().filter(|u| {
                    u.kind_str() == "unary_expression" && cx.text(*u).starts_with('&')
                }) {
                    cur = u;
                }
            }
            _ => return None,
        }
    }
    None
}

/// Is an assignment target one that outlives the function: a field, map entry or element
/// of something not declared in this function, a package-level variable, a named result.
fn long_lived(cx: &Ctx<'_, '_>, target: Node<'_>, func: Node<'_>) -> Option<Sink> {
    let target = unparen(target);
    let mut root = target;
    let mut through_field = false;
    for _ in 0..32 {
        match root.kind_str() {
            "selector_expression" | "index_expression" => {
                through_field = true;
                root = unparen(root.child_by_field_name("operand")?);
            }
            "unary_expression" if cx.text(root).starts_with('*') => {
                through_field = true;
                root = unparen(root.child_by_field_name("operand")?);
            }
            _ => break,
        }
    }
    if root.kind_str() != "identifier" || cx.text(root) == "_" {
        return None;
    }
    match cx.model.resolve(root) {
        // A package: `pkg.Var = sub`.
        Resolved::Package(_) => Some(Sink::Stored),
        // Not declared in this file: a package-level variable of another file.
        Resolved::Unresolved => Some(Sink::Stored),
        Resolved::Builtin => None,
        Resolved::Local(d) => {
            let decl = cx.model.decl(d);
            let in_func = crate::syntax::contains(func, decl.node);
            match decl.kind {
                DeclKind::Result if !through_field && in_func => Some(Sink::Returned),
                DeclKind::Var if !in_func => Some(Sink::Stored),
                DeclKind::Param | DeclKind::Receiver if through_field && in_func => {
                    Some(Sink::Stored)
                }
                _ => None,
            }
        }
    }
}

/// The call that copies a byte slice, if the file can use one: `bytes.Clone` (Go 1.20) or
/// `slices.Clone` (Go 1.21) under the name the file imports it by.
fn clone_call(cx: &Ctx<'_, '_>, decl: DeclId, func: Node<'_>) -> Option<String> {
    let is_bytes = is_byte_slice(&cx.model.decl(decl).ty);
    for (path, min, only_bytes) in [("bytes", 20, true), ("slices", 21, false)] {
        if cx.go() < GoVersion::new(1, min) || (only_bytes && !is_bytes) {
            continue;
        }
        if let Some(imp) = cx.model.imports.iter().find(|i| i.path == path)
            && let Some(local) = imp.local_name()
            && !shadowed(cx, local, func)
        {
            return Some(format!("{local}.Clone"));
        }
    }
    None
}

/// True if `name` is declared locally somewhere in `func` or as a function of the file (then
/// an inserted `bytes.Clone` might not mean the package).
fn shadowed(cx: &Ctx<'_, '_>, name: &str, func: Node<'_>) -> bool {
    if cx.model.func_sig(name).is_some() {
        return true;
    }
    let mut found = false;
    cx.model.walk(func, |n| {
        if n.kind_str() == "identifier"
            && cx.text(n) == name
            && matches!(cx.model.resolve(n), Resolved::Local(_))
        {
            found = true;
        }
        !found
    });
    found
}

fn is_byte_slice(ty: &Ty) -> bool {
    match ty {
        Ty::Slice(e) => {
            matches!(&**e, Ty::Named { pkg: None, name } if name == "byte" || name == "uint8")
        }
        _ => false,
    }
}
