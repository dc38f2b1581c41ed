//! Questions the error rules ask: does this call return an error, is this value an error,
//! which arguments do a format string's verbs consume. Shared by GP6001–GP6003 and GP7001.

use super::{DeclKind, Model, Ty, stdlib};
use crate::syntax::{KindStr as _, list_items, unparen};
use tree_sitter::Node;

/// One verb of a `fmt` format string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verb {
    /// Byte range of the whole directive (`%-8v`) within the format text.
    pub start: usize,
    pub end: usize,
    pub verb: char,
    /// Index (0-based) of the argument after the format that the verb formats.
    pub arg: usize,
}

/// The verbs of a format string with the argument each one consumes, or `None` when the
/// mapping is not positional (explicit `[n]` indexes): then no verb can be matched safely.
/// `%%` consumes nothing; a `*` width or precision consumes an argument of its own.
pub fn format_verbs(fmt: &str) -> Option<Vec<Verb>> {
    let b = fmt.as_bytes();
    let mut out = Vec::new();
    let mut arg = 0usize;
    let mut i = 0usize;
    while i < b.len() {
        if b[i] != b'%' {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        while i < b.len() && matches!(b[i], b'+' | b'-' | b'#' | b' ' | b'0') {
            i += 1;
        }
        for part in 0..2 {
            if part == 1 {
                if i < b.len() && b[i] == b'.' {
                    i += 1;
                } else {
                    break;
                }
            }
            if i < b.len() && b[i] == b'[' {
                return None;
            }
            if i < b.len() && b[i] == b'*' {
                arg += 1;
                i += 1;
            } else {
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
            }
        }
        if i < b.len() && b[i] == b'[' {
            return None;
        }
        let Some(verb) = fmt[i..].chars().next() else {
            break;
        };
        i += verb.len_utf8();
        if verb == '%' {
            continue;
        }
        out.push(Verb {
            start,
            end: i,
            verb,
            arg,
        });
        arg += 1;
    }
    Some(out)
}

impl<'t> Model<'t> {
    /// For `fmt.Errorf` with a literal format: the arguments its `%w` verbs wrap (empty for
    /// any other call).
    pub fn errorf_wrapped_args<'n>(&self, call: Node<'n>) -> Vec<Node<'n>> {
        if !self.callee(call).is_pkg("fmt", "Errorf") {
            return Vec::new();
        }
        let args = self.call_args(call);
        let verbs = args
            .first()
            .and_then(|f| crate::syntax::string_value(*f, self.src))
            .and_then(format_verbs)
            .unwrap_or_default();
        verbs
            .iter()
            .filter(|v| v.verb == 'w')
            .filter_map(|v| args.get(v.arg + 1).copied())
            .collect()
    }

    /// The number of results of a call whose last result is `error`, if it is evidently one
    /// (a function of this file, a method of a type of this file, or the stdlib table).
    pub fn error_result_count(&self, call: Node<'_>) -> Option<usize> {
        let ty = self.type_of(call);
        if !stdlib::returns_error(&ty) {
            return None;
        }
        Some(match ty {
            Ty::Tuple(ts) => ts.len(),
            _ => 1,
        })
    }

    /// True if the file is evidently test code: package `x_test` or it imports "testing".
    /// (The analyzer sees text, not file names.)
    pub fn is_test_file(&self) -> bool {
        self.has_import("testing") || self.package_name().is_some_and(|p| p.ends_with("_test"))
    }

    /// The name in the `package` clause.
    pub fn package_name(&self) -> Option<&'t str> {
        self.package
    }

    /// True if `expr` is evidently an error value: its type is `error`, or (type unknown) it
    /// is a local variable that the code compares with nil and that is either the last of
    /// several results of one call (`v, err := f()`) or named like an error (`err`, `readErr`).
    pub fn is_error_value(&self, expr: Node<'_>) -> bool {
        let e = unparen(expr);
        let ty = self.type_of(e);
        if ty.is_error() {
            return true;
        }
        if ty.is_known() || e.kind_str() != "identifier" {
            return false;
        }
        let Some(d) = self.decl_of(e) else {
            return false;
        };
        let decl = self.decl(d);
        if decl.kind != DeclKind::Var {
            return false;
        }
        if !self.uses(d).iter().any(|u| is_nil_comparison(self, *u)) {
            return false;
        }
        let name = decl.name.as_str();
        let err_name = name == "err"
            || name.ends_with("Err")
            || name
                .strip_prefix("err")
                .is_some_and(|r| r.chars().all(|c| c.is_ascii_digit()));
        err_name || last_of_call_results(decl.node)
    }

    /// For `x.Error()` with no arguments where `x` is an error or of unknown type: `x`.
    pub fn error_message_call<'n>(&self, expr: Node<'n>) -> Option<Node<'n>> {
        let call = unparen(expr);
        if call.kind_str() != "call_expression" || !self.call_args(call).is_empty() {
            return None;
        }
        let f = unparen(call.child_by_field_name("function")?);
        if f.kind_str() != "selector_expression"
            || f.child_by_field_name("field").map(|n| self.text(n)) != Some("Error")
        {
            return None;
        }
        let recv = f.child_by_field_name("operand")?;
        let ty = self.type_of(recv);
        (ty.is_error() || !ty.is_known()).then_some(recv)
    }
}

/// `u == nil` or `u != nil`.
fn is_nil_comparison(m: &Model<'_>, u: Node<'_>) -> bool {
    let Some(p) = u.parent() else {
        return false;
    };
    if p.kind_str() != "binary_expression" {
        return false;
    }
    let op = p.child_by_field_name("operator").map(|o| m.text(o));
    if !matches!(op, Some("==" | "!=")) {
        return false;
    }
    let other = if p.child_by_field_name("left") == Some(u) {
        p.child_by_field_name("right")
    } else {
        p.child_by_field_name("left")
    };
    other.is_some_and(|o| o.kind_str() == "nil")
}

/// `ident` is the last name of `a, ident := call()` (two or more names, one call).
fn last_of_call_results(ident: Node<'_>) -> bool {
    let Some(list) = ident.parent().filter(|p| p.kind_str() == "expression_list") else {
        return false;
    };
    let Some(stmt) = list.parent() else {
        return false;
    };
    if !matches!(
        stmt.kind_str(),
        "short_var_declaration" | "assignment_statement"
    ) {
        return false;
    }
    let lefts = list_items(list);
    let rights = stmt
        .child_by_field_name("right")
        .map(list_items)
        .unwrap_or_default();
    lefts.len() >= 2
        && lefts.last() == Some(&ident)
        && rights.len() == 1
        && unparen(rights[0]).kind_str() == "call_expression"
}

#[cfg(test)]
mod tests {
    use super::format_verbs;

    fn verbs(f: &str) -> Vec<(char, usize)> {
        format_verbs(f)
            .unwrap()
            .iter()
            .map(|v| (v.verb, v.arg))
            .collect()
    }

    #[test]
    fn maps_verbs_to_arguments() {
        assert_eq!(verbs("read %s: %v"), [('s', 0), ('v', 1)]);
        assert_eq!(verbs("100%% of %d: %w"), [('d', 0), ('w', 1)]);
        assert_eq!(verbs("%*d %-8.3f %+v"), [('d', 1), ('f', 2), ('v', 3)]);
        assert_eq!(verbs("%.*s|%v"), [('s', 1), ('v', 2)]);
        assert!(format_verbs("%[2]v %[1]v").is_none());
        assert!(format_verbs("%x %[1]v").is_none());
        assert_eq!(verbs("trailing %"), []);
    }
}
