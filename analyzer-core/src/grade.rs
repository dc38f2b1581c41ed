//! Grading a learner's code against a lesson: the target pitfalls are gone, nothing new is
//! reported, the code parses, and the "keep" checks still hold (deleting the goroutine is
//! not a fix). Lives here because it reads syntax through the model.

use crate::model::{Callee, DeclId, Model};
use crate::syntax::{KindStr as _, fields as F, list_items, unparen};
use crate::{Analysis, Diagnostic, Document, Options, Severity, analyze};
use serde::{Deserialize, Serialize};

/// A structural property that a correct fix must keep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Keep {
    /// At least `min` calls of `callee`: `time.NewTicker`, `net/http.Get` (package functions
    /// by import path), `.Wait` (any method of that name), `close` (builtin or local func).
    Call {
        callee: String,
        #[serde(default = "one")]
        min: usize,
    },
    /// At least one call of any of `callees` (one of several correct tools: a Ticker, a
    /// Timer or a context deadline).
    AnyCall { callees: Vec<String> },
    /// No call of `callee` at all (e.g. `time.Sleep` is not synchronisation).
    NoCall { callee: String },
    /// At least `min` places that start concurrent work: `go` statements, or `.Go(f)` method
    /// calls (`sync.WaitGroup.Go` since Go 1.25, `errgroup.Group.Go`).
    Go {
        #[serde(default = "one")]
        min: usize,
    },
    /// A top-level function or method of this name still exists.
    Func { name: String },
    /// At least `min` `select` statements.
    Select {
        #[serde(default = "one")]
        min: usize,
    },
    /// No call of `callee` (`.Wait`) in a loop that starts goroutines at its own level:
    /// waiting there runs the goroutines one at a time.
    NotInGoLoop { callee: String },
    /// No call of `callee` after a call of `after` in the same function, in source order:
    /// a `.Reset` after the `.WriteString`s throws away what they wrote.
    NotAfter { callee: String, after: String },
    /// The whole result of `callee` (`os.ReadFile`) is not stored where it outlives the
    /// call, that is assigned to a field or an element (`c.heads[k] = data`): a cache of
    /// file heads that keeps each whole file is the leak the lesson removes, not a fix.
    NotStored { callee: String },
}

fn one() -> usize {
    1
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeepFailure {
    pub keep: Keep,
    pub message_en: String,
    pub message_zh: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Grade {
    pub solved: bool,
    pub parses: bool,
    /// Target pitfalls still reported.
    pub remaining: Vec<Diagnostic>,
    /// Other findings (anything at `info` or above that is not a target).
    pub other: Vec<Diagnostic>,
    pub keep_failures: Vec<KeepFailure>,
}

/// Grades `source` for a lesson whose targets are `target_codes`.
pub fn grade(source: &str, target_codes: &[String], keep: &[Keep], options: &Options) -> Grade {
    let analysis = analyze(source, options);
    grade_analysis(source, &analysis, target_codes, keep)
}

pub fn grade_analysis(
    source: &str,
    analysis: &Analysis,
    target_codes: &[String],
    keep: &[Keep],
) -> Grade {
    grade_parsed(source, analysis, target_codes, keep, None)
}

/// Grades the editor's document, re-using its tree: no second parse on every keystroke.
pub fn grade_document(doc: &Document, target_codes: &[String], keep: &[Keep]) -> Grade {
    grade_parsed(doc.text(), doc.analysis(), target_codes, keep, doc.tree())
}

fn grade_parsed(
    source: &str,
    analysis: &Analysis,
    target_codes: &[String],
    keep: &[Keep],
    tree: Option<&tree_sitter::Tree>,
) -> Grade {
    let parses = !analysis.has_syntax_errors && !analysis.incomplete;
    let (remaining, other): (Vec<_>, Vec<_>) = analysis
        .diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Info)
        .cloned()
        .partition(|d| target_codes.iter().any(|c| c == d.code));
    let keep_failures = match tree {
        _ if !parses => Vec::new(),
        Some(tree) => keep_failures_in(tree.root_node(), source, keep),
        None => check_keep(source, keep),
    };
    Grade {
        solved: parses && remaining.is_empty() && other.is_empty() && keep_failures.is_empty(),
        parses,
        remaining,
        other,
        keep_failures,
    }
}

/// The keep checks that fail for `source`.
pub fn check_keep(source: &str, keep: &[Keep]) -> Vec<KeepFailure> {
    if keep.is_empty() {
        return Vec::new();
    }
    let mut parser = crate::engine::new_parser();
    let Some(tree) = crate::engine::parse(&mut parser, source, None) else {
        return Vec::new();
    };
    keep_failures_in(tree.root_node(), source, keep)
}

fn keep_failures_in(root: tree_sitter::Node, source: &str, keep: &[Keep]) -> Vec<KeepFailure> {
    if keep.is_empty() {
        return Vec::new();
    }
    let model = Model::build(root, source);
    let calls = model.descendants_of_kind(root, "call_expression");
    let calls_of = |spec: &str| -> Vec<tree_sitter::Node<'_>> {
        calls
            .iter()
            .copied()
            .filter(|c| callee_matches(&model.callee(*c), spec))
            .collect()
    };
    let count_calls = |spec: &str| calls_of(spec).len();
    keep.iter()
        .filter_map(|k| {
            let (ok, en, zh) = match k {
                Keep::Call { callee, min } => (
                    count_calls(callee) >= *min,
                    format!("the fix must still call `{callee}`"),
                    format!("修复后仍需调用 `{callee}`"),
                ),
                Keep::AnyCall { callees } => (
                    callees.iter().any(|c| count_calls(c) > 0),
                    format!("the fix must still call one of {}", quoted(callees)),
                    format!("修复后仍需调用 {} 之一", quoted(callees)),
                ),
                Keep::NoCall { callee } => (
                    count_calls(callee) == 0,
                    format!("`{callee}` does not fix this pitfall"),
                    format!("`{callee}` 并不能修复这个问题"),
                ),
                Keep::Go { min } => (
                    model.descendants_of_kind(root, "go_statement").len() + count_calls(".Go")
                        >= *min,
                    "the work must still run concurrently (keep the `go` statement)".to_string(),
                    "工作仍需并发执行（保留 `go` 语句）".to_string(),
                ),
                Keep::Func { name } => (
                    model.funcs.iter().any(|f| &f.name == name),
                    format!("keep the function `{name}`"),
                    format!("请保留函数 `{name}`"),
                ),
                Keep::Select { min } => (
                    model.descendants_of_kind(root, "select_statement").len() >= *min,
                    "keep the `select` (the timeout or cancellation must stay)".to_string(),
                    "保留 `select`（超时或取消逻辑必须保留）".to_string(),
                ),
                Keep::NotAfter { callee, after } => {
                    let afters = calls_of(after);
                    (
                        !calls_of(callee).into_iter().any(|c| {
                            afters.iter().any(|a| {
                                a.end_byte() <= c.start_byte()
                                    && model.enclosing_func(*a) == model.enclosing_func(c)
                            })
                        }),
                    format!("`{callee}` after `{after}` throws away what was just written: call it before the object is used (right after taking it from the pool), or just before putting it back"),
                        format!("在 `{after}` 之后调用 `{callee}` 会丢掉刚写入的内容：请在使用对象之前（从池中取出后立即）调用它，或在放回池之前调用"),
                    )
                }
                Keep::NotStored { callee } => (
                    !stores_whole_result(&model, root, &calls_of(callee)),
                    format!("the whole result of `{callee}` is stored, so it stays in memory for as long as what holds it: store only the part you need, as a copy"),
                    format!("`{callee}` 的完整结果被存了起来，只要持有它的对象还在，它就一直占着内存：只存需要的那一部分，并且存一份拷贝"),
                ),
                Keep::NotInGoLoop { callee } => (
                    !calls_of(callee).into_iter().any(|c| in_go_loop(&model, c)),
                    format!("`{callee}` inside the loop waits for each goroutine before starting the next, so they no longer run in parallel: call it once, after the loop"),
                    format!("在循环里调用 `{callee}` 会先等每个 goroutine 结束再启动下一个，它们不再并行执行：请在循环结束后调用一次"),
                ),
            };
            (!ok).then(|| KeepFailure {
                keep: k.clone(),
                message_en: en,
                message_zh: zh,
            })
        })
        .collect()
}

/// Does the innermost loop around `call` start a goroutine (`go`, `.Go(f)`) at its own level?
/// Then each iteration waits for the goroutine of this one or the last one (the wait comes
/// after or before the `go`): one or two at a time. Goroutines started by an inner loop and
/// waited for by the outer one, batch by batch, still run in parallel within a batch.
fn in_go_loop<'t>(model: &Model<'t>, call: tree_sitter::Node<'t>) -> bool {
    let Some(lp) = model.enclosing_loop_same_func(call) else {
        return false;
    };
    model
        .descendants_same_func(lp, "go_statement")
        .into_iter()
        .chain(
            model
                .descendants_same_func(lp, "call_expression")
                .into_iter()
                .filter(|c| model.callee(*c).method_name() == Some("Go")),
        )
        .any(|g| model.enclosing_loop_same_func(g) == Some(lp))
}

/// Is one of `calls`, or a variable holding its first result, assigned to a field or an
/// element (somewhere that outlives the function)? Sub-slices are GP4001's business.
fn stores_whole_result<'t>(
    model: &Model<'t>,
    root: tree_sitter::Node<'t>,
    calls: &[tree_sitter::Node<'t>],
) -> bool {
    if calls.is_empty() {
        return false;
    }
    // `data, err := os.ReadFile(p)` or `data, err = ...`: the variable of the first result.
    let holders: Vec<DeclId> = calls
        .iter()
        .filter_map(|c| {
            let list = model
                .parent(*c)
                .filter(|l| l.kind_str() == "expression_list")?;
            let stmt = model.parent(list)?;
            if !matches!(
                stmt.kind_str(),
                "short_var_declaration" | "assignment_statement"
            ) || stmt.child_by_field_id(F().right) != Some(list)
            {
                return None;
            }
            let first = list_items(stmt.child_by_field_id(F().left)?)
                .into_iter()
                .next()?;
            model.decl_of(first)
        })
        .collect();
    model
        .descendants_of_kind(root, "assignment_statement")
        .into_iter()
        .any(|a| {
            let (Some(l), Some(r)) = (
                a.child_by_field_id(F().left),
                a.child_by_field_id(F().right),
            ) else {
                return false;
            };
            list_items(l).into_iter().zip(list_items(r)).any(|(l, r)| {
                let r = unparen(r);
                matches!(l.kind_str(), "index_expression" | "selector_expression")
                    && (calls.contains(&r)
                        || (r.kind_str() == "identifier"
                            && model.decl_of(r).is_some_and(|d| holders.contains(&d))))
            })
        })
}

fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn callee_matches(callee: &Callee, spec: &str) -> bool {
    if let Some(method) = spec.strip_prefix('.') {
        return callee.method_name() == Some(method);
    }
    match spec.rsplit_once('.') {
        Some((path, name)) => callee.is_pkg(path, name),
        None => matches!(callee, Callee::Builtin { name } | Callee::Local { name } if name == spec),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Does `keep` fail for a file of `head` (package clause, imports, types) and a function
    /// `signature` with `body`?
    fn fails(head: &str, signature: &str, body: &str, keep: Keep) -> bool {
        let src = format!("package p\n\n{head}\n\n{signature} {{\n{body}\n}}\n");
        !check_keep(&src, &[keep]).is_empty()
    }

    fn waits_in_go_loop(body: &str) -> bool {
        let body = format!("\tvar wg sync.WaitGroup\n{body}");
        let keep = Keep::NotInGoLoop {
            callee: ".Wait".into(),
        };
        fails("import \"sync\"", "func f(xs [][]int)", &body, keep)
    }

    fn resets_after_writing(body: &str) -> bool {
        let keep = Keep::NotAfter {
            callee: ".Reset".into(),
            after: ".WriteString".into(),
        };
        fails(
            "import \"bytes\"",
            "func f(buf *bytes.Buffer) string",
            body,
            keep,
        )
    }

    fn stores_the_whole_file(body: &str) -> bool {
        let head =
            "import \"os\"\n\ntype cache struct {\n\theads map[string][]byte\n\tlast  []byte\n}";
        let keep = Keep::NotStored {
            callee: "os.ReadFile".into(),
        };
        let body = format!("{body}\n\treturn nil");
        fails(head, "func (c *cache) add(path string) error", &body, keep)
    }

    #[test]
    fn not_stored_rejects_keeping_the_whole_result() {
        let read = "\tdata, err := os.ReadFile(path)\n\tif err != nil {\n\t\treturn err\n\t}\n";
        assert!(stores_the_whole_file(&format!(
            "{read}\tc.heads[path] = data"
        )));
        assert!(stores_the_whole_file(&format!("{read}\tc.last = (data)")));
        assert!(stores_the_whole_file(
            "\tvar err error\n\tc.heads[path], err = os.ReadFile(path)\n\t_ = err"
        ));
        // A copy of the head, or the data used and dropped, is fine.
        assert!(!stores_the_whole_file(&format!(
            "{read}\tc.heads[path] = append([]byte(nil), data[:min(len(data), 512)]...)"
        )));
        assert!(!stores_the_whole_file(&format!(
            "{read}\tc.heads[path] = nil\n\t_ = len(data)"
        )));
        // Another variable of the same name is not the file.
        assert!(!stores_the_whole_file(&format!(
            "{read}\t_ = data\n\t{{\n\t\tdata := []byte(\"x\")\n\t\tc.last = data\n\t}}"
        )));
    }

    #[test]
    fn not_after_rejects_a_reset_that_discards_the_writes() {
        assert!(resets_after_writing(
            "\tbuf.WriteString(\"hi\")\n\tbuf.Reset()\n\treturn buf.String()"
        ));
        assert!(!resets_after_writing(
            "\tbuf.Reset()\n\tbuf.WriteString(\"hi\")\n\treturn buf.String()"
        ));
        // A deferred literal is another function: it runs after the return value is taken.
        assert!(!resets_after_writing(
            "\tdefer func() { buf.Reset() }()\n\tbuf.WriteString(\"hi\")\n\treturn buf.String()"
        ));
    }

    #[test]
    fn not_in_go_loop_rejects_waiting_per_goroutine_only() {
        // One goroutine at a time.
        assert!(waits_in_go_loop(
            "for range xs {\n\twg.Add(1)\n\tgo func() { wg.Done() }()\n\twg.Wait()\n}"
        ));
        assert!(waits_in_go_loop(
            "for range xs {\n\twg.Go(func() {})\n\twg.Wait()\n}"
        ));
        // Waiting once, after the loop.
        assert!(!waits_in_go_loop(
            "for range xs {\n\twg.Add(1)\n\tgo func() { wg.Done() }()\n}\nwg.Wait()"
        ));
        // Batches: parallel within a batch, waited for batch by batch.
        assert!(!waits_in_go_loop(
            "for _, b := range xs {\n\tfor range b {\n\t\twg.Add(1)\n\t\tgo func() { wg.Done() }()\n\t}\n\twg.Wait()\n}"
        ));
        // A wait before the `go` waits for the previous iteration's goroutine: one at a time.
        assert!(waits_in_go_loop(
            "for range xs {\n\twg.Wait()\n\twg.Add(1)\n\tgo func() { wg.Done() }()\n}"
        ));
    }
}
