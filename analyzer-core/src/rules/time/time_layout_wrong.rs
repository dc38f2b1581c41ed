//! GP7001 time-layout-wrong: a literal time layout that is not written in Go's reference-time
//! style: month and day swapped (`2006-02-01`), `YYYY-MM-DD`/`HH:mm`/`%Y` tokens from other
//! languages, or a 12-hour clock (`03`) without AM/PM.

use crate::model::{Callee, DeclKind};
use crate::rules::{Ctx, Match, Rule};
use crate::syntax::{KindStr as _, string_value, unparen};
use crate::{Category, Safety, Severity};
use tree_sitter::Node;

pub static RULE: Rule = Rule {
    code: "GP7001",
    name: "time-layout-wrong",
    category: Category::TimeI18n,
    severity: Severity::Warning,
    title_en: "Time layout is not in Go's reference-time style",
    title_zh: "时间布局不是 Go 参考时间的写法",
    min_go: None,
    max_go: None,
    query: include_str!("time_layout_wrong.scm"),
    docs_en: include_str!("time_layout_wrong.en.md"),
    docs_zh: include_str!("time_layout_wrong.zh.md"),
    check,
};

fn check(cx: &mut Ctx<'_, '_>, m: &Match<'_, '_>) {
    let Some(call) = m.get("call") else {
        return;
    };
    let args = cx.model.call_args(call);
    // How sure are we that this is Go's time layout? Parse and a `time.Time` receiver: sure.
    // A receiver of unknown type: only when the layout itself is written with Go elements.
    let (idx, certain) = match cx.model.callee(call) {
        Callee::Pkg { path, name } if path == "time" => match name.as_str() {
            "Parse" | "ParseInLocation" => (0, true),
            _ => return,
        },
        Callee::Method { recv_ty, name } => {
            let idx = if name == "AppendFormat" { 1 } else { 0 };
            if name.starts_with("Parse") || args.len() != idx + 1 {
                return;
            }
            if recv_ty.is("time", "Time") {
                (idx, true)
            } else if !recv_ty.is_known() && cx.model.has_import("time") {
                (idx, false)
            } else {
                return;
            }
        }
        _ => return,
    };
    let Some(&arg) = args.get(idx) else {
        return;
    };
    let Some((lit, via_const)) = layout_literal(cx, arg) else {
        return;
    };
    let Some(layout) = string_value(lit, cx.src) else {
        return;
    };
    let toks = tokenize(layout);
    let elems = toks.iter().filter(|t| t.elem.is_some()).count();
    if !certain && (elems < 3 || !toks.iter().any(|t| t.elem == Some(Elem::Year))) {
        return;
    }
    let content = lit.start_byte() + 1;
    let Some(problem) = find_problem(layout, &toks, certain) else {
        return;
    };
    let (en, zh, fixed) = match &problem {
        Problem::DayMonthSwapped { fixed } => (
            format!("layout \"{layout}\" puts the day (`02`) before the month (`01`) after the year: it formats 7 March 2024 as 2024-07-03; did you mean \"{fixed}\"?"),
            format!("布局 \"{layout}\" 在年份之后先写日（`02`）再写月（`01`）：2024 年 3 月 7 日会被格式化为 2024-07-03；是否想写 \"{fixed}\"？"),
            Some(fixed.clone()),
        ),
        Problem::Foreign { token, fixed } => (
            format!("layout \"{layout}\" uses `{token}`, which Go does not understand: Go layouts are written with the reference time Mon Jan 2 15:04:05 MST 2006 (`2006-01-02 15:04:05`), and other letters are copied as they are"),
            format!("布局 \"{layout}\" 使用了 Go 不认识的 `{token}`：Go 的布局用参考时间 Mon Jan 2 15:04:05 MST 2006 来书写（`2006-01-02 15:04:05`），其他字母会原样输出"),
            fixed.clone(),
        ),
        Problem::TwelveHour { fixed } => (
            format!("layout \"{layout}\" uses a 12-hour clock (`03`/`3`) without AM/PM (`PM`): 15:30 and 03:30 both print as 03:30; use `15` for a 24-hour clock"),
            format!("布局 \"{layout}\" 使用 12 小时制（`03`/`3`）却没有 AM/PM（`PM`）：15:30 和 03:30 都会输出 03:30；24 小时制请用 `15`"),
            Some(fixed.clone()),
        ),
    };
    let fix = fixed.filter(|_| !via_const).map(|f| {
        cx.fix(
            format!("Use \"{f}\""),
            format!("改为 \"{f}\""),
            Safety::Unsafe,
            vec![cx.edit(content, content + layout.len(), f)],
        )
    });
    let related = via_const.then(|| cx.related(lit, "the layout is defined here", "布局在这里定义"));
    let d = cx.report(arg, en, zh);
    d.fixes.extend(fix);
    d.related.extend(related);
}

/// The string literal the layout argument is: itself, or the value of a constant of this
/// file. The bool says it came through a constant.
fn layout_literal<'t>(cx: &Ctx<'_, 't>, arg: Node<'t>) -> Option<(Node<'t>, bool)> {
    let arg = unparen(arg);
    match arg.kind_str() {
        "interpreted_string_literal" | "raw_string_literal" => Some((arg, false)),
        "identifier" => {
            let d = cx.model.decl(cx.model.decl_of(arg)?);
            let init = unparen(d.init?);
            (d.kind == DeclKind::Const
                && matches!(
                    init.kind_str(),
                    "interpreted_string_literal" | "raw_string_literal"
                ))
            .then_some((init, true))
        }
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Elem {
    Year,
    Month,
    Day,
    Hour24,
    Hour12,
    Minute,
    Second,
    AmPm,
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    elem: Option<Elem>,
}

/// Splits a layout into Go's layout elements and literal bytes, as `time.nextStdChunk` does.
fn tokenize(layout: &str) -> Vec<Tok> {
    use Elem::*;
    let b = layout.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let at = |i: usize, s: &str| layout[i..].starts_with(s);
    while i < b.len() {
        let found: Option<(usize, Elem)> = match b[i] {
            b'J' if at(i, "January") => Some((7, Month)),
            b'J' if at(i, "Jan") => Some((3, Month)),
            b'M' if at(i, "Monday") => Some((6, Other)),
            b'M' if at(i, "Mon") || at(i, "MST") => Some((3, Other)),
            b'0' if at(i, "002") => Some((3, Day)),
            b'0' if i + 1 < b.len() && (b'1'..=b'6').contains(&b[i + 1]) => Some((
                2,
                match b[i + 1] {
                    b'1' => Month,
                    b'2' => Day,
                    b'3' => Hour12,
                    b'4' => Minute,
                    b'5' => Second,
                    _ => Year,
                },
            )),
            b'1' if at(i, "15") => Some((2, Hour24)),
            b'1' => Some((1, Month)),
            b'2' if at(i, "2006") => Some((4, Year)),
            b'2' => Some((1, Day)),
            b'_' if at(i, "__2") => Some((3, Day)),
            b'_' if at(i, "_2") && !at(i, "_2006") => Some((2, Day)),
            b'3' => Some((1, Hour12)),
            b'4' => Some((1, Minute)),
            b'5' => Some((1, Second)),
            b'P' if at(i, "PM") => Some((2, AmPm)),
            b'p' if at(i, "pm") => Some((2, AmPm)),
            b'-' | b'Z' => ["070000", "07:00:00", "0700", "07:00", "07"]
                .iter()
                .find(|z| at(i + 1, z))
                .map(|z| (z.len() + 1, Other)),
            b'.' | b',' if i + 1 < b.len() && matches!(b[i + 1], b'0' | b'9') => {
                let d = b[i + 1];
                let mut j = i + 1;
                while j < b.len() && b[j] == d {
                    j += 1;
                }
                (j >= b.len() || !b[j].is_ascii_digit()).then_some((j - i, Other))
            }
            _ => None,
        };
        match found {
            Some((len, e)) => {
                out.push(Tok {
                    start: i,
                    end: i + len,
                    elem: Some(e),
                });
                i += len;
            }
            None => {
                let len = layout[i..].chars().next().map_or(1, char::len_utf8);
                out.push(Tok {
                    start: i,
                    end: i + len,
                    elem: None,
                });
                i += len;
            }
        }
    }
    out
}

enum Problem {
    DayMonthSwapped { fixed: String },
    Foreign { token: String, fixed: Option<String> },
    TwelveHour { fixed: String },
}

fn find_problem(layout: &str, toks: &[Tok], certain: bool) -> Option<Problem> {
    if let Some(p) = foreign(layout, toks) {
        return certain.then_some(p);
    }
    // Year, then `02`, then `01`, separated by single non-alphanumeric literals.
    let elems: Vec<(usize, &Tok)> = toks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.elem.is_some())
        .collect();
    for w in elems.windows(3) {
        let [(ia, a), (ib, b), (ic, c)] = [w[0], w[1], w[2]];
        let txt = |t: &Tok| &layout[t.start..t.end];
        if a.elem == Some(Elem::Year)
            && txt(b) == "02"
            && txt(c) == "01"
            && ib == ia + 2
            && ic == ib + 2
            && [ia + 1, ib + 1]
                .iter()
                .all(|&k| !layout.as_bytes()[toks[k].start].is_ascii_alphanumeric())
        {
            let mut fixed = layout.to_string();
            fixed.replace_range(b.start..b.end, "01");
            fixed.replace_range(c.start..c.end, "02");
            return Some(Problem::DayMonthSwapped { fixed });
        }
    }
    let has = |e: Elem| toks.iter().any(|t| t.elem == Some(e));
    if has(Elem::Hour12) && has(Elem::Minute) && !has(Elem::AmPm) {
        let mut fixed = String::new();
        let mut last = 0;
        for t in toks.iter().filter(|t| t.elem == Some(Elem::Hour12)) {
            fixed.push_str(&layout[last..t.start]);
            fixed.push_str("15");
            last = t.end;
        }
        fixed.push_str(&layout[last..]);
        return Some(Problem::TwelveHour { fixed });
    }
    None
}

/// Letters Java, .NET, moment.js and C `strftime` use for date fields.
const FOREIGN_LETTERS: &str = "YyMDdHhmsS";

/// A run of literal letters made only of date-pattern letters with a doubled letter
/// (`YYYY`, `MM`, `dd`, `HH:mm`), or a `strftime` directive (`%Y`).
fn foreign(layout: &str, toks: &[Tok]) -> Option<Problem> {
    let b = layout.as_bytes();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for t in toks {
        let letter = t.elem.is_none() && b[t.start].is_ascii_alphabetic();
        match runs.last_mut() {
            Some(r) if letter && r.1 == t.start => r.1 = t.end,
            _ if letter => runs.push((t.start, t.end)),
            _ => {}
        }
    }
    for w in b.windows(2) {
        if w[0] == b'%' && b"YmdHMSyIpbBaAjZ".contains(&w[1]) {
            let token = format!("%{}", w[1] as char);
            return Some(Problem::Foreign { token, fixed: None });
        }
    }
    let mut first = None;
    for &(s, e) in &runs {
        let run = &layout[s..e];
        let only = run.chars().all(|c| FOREIGN_LETTERS.contains(c));
        let doubled = run.as_bytes().windows(2).any(|w| w[0] == w[1]);
        // Other words (`at`, `UTC`) are literal text, as Go intends.
        if only && doubled {
            first.get_or_insert(run);
        }
    }
    let token = first?.to_string();
    Some(Problem::Foreign {
        fixed: translate(layout, &runs),
        token,
    })
}

/// The Go layout for a layout written with Java-style tokens, if every letter run maps.
fn translate(layout: &str, runs: &[(usize, usize)]) -> Option<String> {
    let mut out = String::new();
    let mut last = 0;
    for &(s, e) in runs {
        out.push_str(&layout[last..s]);
        let run = &layout.as_bytes()[s..e];
        let mut i = 0;
        while i < run.len() {
            let mut j = i;
            while j < run.len() && run[j] == run[i] {
                j += 1;
            }
            let group = &layout[s + i..s + j];
            out.push_str(match group {
                "yyyy" | "YYYY" => "2006",
                "yy" | "YY" => "06",
                "MM" => "01",
                "dd" | "DD" => "02",
                "HH" => "15",
                "hh" => "03",
                "mm" => "04",
                "ss" => "05",
                "SSS" => "000",
                _ => return None,
            });
            i = j;
        }
        last = e;
    }
    out.push_str(&layout[last..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::{Problem, find_problem, tokenize};

    fn problem(l: &str) -> Option<String> {
        find_problem(l, &tokenize(l), true).map(|p| match p {
            Problem::DayMonthSwapped { fixed } => format!("swap {fixed}"),
            Problem::Foreign { token, fixed } => format!("foreign {token} {fixed:?}"),
            Problem::TwelveHour { fixed } => format!("12h {fixed}"),
        })
    }

    #[test]
    fn classifies_layouts() {
        assert_eq!(problem("2006-02-01").as_deref(), Some("swap 2006-01-02"));
        assert_eq!(
            problem("YYYY-MM-DD").as_deref(),
            Some("foreign YYYY Some(\"2006-01-02\")")
        );
        assert_eq!(
            problem("yyyyMMdd HH:mm:ss").as_deref(),
            Some("foreign yyyyMMdd Some(\"20060102 15:04:05\")")
        );
        assert_eq!(
            problem("2006-01-02 03:04:05").as_deref(),
            Some("12h 2006-01-02 15:04:05")
        );
        assert_eq!(problem("%Y-%m-%d").as_deref(), Some("foreign %Y None"));
        for ok in [
            "2006-01-02",
            "02/01/2006",
            "Mon, 02 Jan 2006 15:04:05 MST",
            "3:04PM",
            "2006-01-02T15:04:05.000Z07:00",
            "Jan _2 15:04:05.000000",
            "2006-01-02 15:04:05 -0700",
            "20060102150405",
        ] {
            assert_eq!(problem(ok), None, "{ok}");
        }
    }
}
