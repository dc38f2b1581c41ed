//! View models: what the pages show, computed from analyzer output, lessons and progress.
//! Plain data with native tests; the yew components only lay it out.

use crate::i18n::Lang;
use crate::state::{Status, Stored};
use analyzer_core::{Analysis, Category, Diagnostic, Severity};
use serde::Serialize;

/// The playground's starting code: a small service loop with real pitfalls (an unstopped
/// ticker driving a loop, a response body never closed, a client without a timeout).
pub const PLAYGROUND_EXAMPLE: &str = include_str!("playground_example.go");

/// One row of the diagnostics panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelItem {
    pub code: &'static str,
    pub rule: &'static str,
    pub severity: Severity,
    pub line: u32,
    pub column: u32,
    pub message: String,
    pub from: usize,
    pub to: usize,
}

/// Findings sorted by line, then column, then code.
pub fn panel_items(analysis: &Analysis, lang: Lang) -> Vec<PanelItem> {
    let mut items: Vec<PanelItem> = analysis
        .diagnostics
        .iter()
        .map(|d| PanelItem {
            code: d.code,
            rule: d.rule,
            severity: d.severity,
            line: d.span.start.line,
            column: d.span.start.column,
            message: d.message(lang).to_string(),
            from: d.span.start_utf16,
            to: d.span.end_utf16,
        })
        .collect();
    items.sort_by(|a, b| (a.line, a.column, a.code).cmp(&(b.line, b.column, b.code)));
    items
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct EditorRelated {
    pub from: usize,
    pub to: usize,
    pub label: String,
    pub line: u32,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct EditorEdit {
    pub from: usize,
    pub to: usize,
    pub insert: String,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct EditorFix {
    pub title: String,
    pub edits: Vec<EditorEdit>,
}

/// What `static/editor/editor.js` `setDiagnostics` takes (offsets in UTF-16 units).
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct EditorDiagnostic {
    pub from: usize,
    pub to: usize,
    pub severity: &'static str,
    pub message: String,
    pub code: &'static str,
    pub rule: &'static str,
    pub related: Vec<EditorRelated>,
    pub fixes: Vec<EditorFix>,
}

fn editor_diagnostic(d: &Diagnostic, lang: Lang) -> EditorDiagnostic {
    let zh = lang == Lang::Zh;
    EditorDiagnostic {
        from: d.span.start_utf16,
        to: d.span.end_utf16,
        severity: d.severity.as_str(),
        message: d.message(lang).to_string(),
        code: d.code,
        rule: d.rule,
        related: d
            .related
            .iter()
            .map(|r| EditorRelated {
                from: r.span.start_utf16,
                to: r.span.end_utf16,
                label: if zh { &r.label_zh } else { &r.label_en }.clone(),
                line: r.span.start.line,
            })
            .collect(),
        fixes: d
            .fixes
            .iter()
            .map(|f| EditorFix {
                title: if zh { &f.title_zh } else { &f.title_en }.clone(),
                edits: f
                    .edits
                    .iter()
                    .map(|e| EditorEdit {
                        from: e.span.start_utf16,
                        to: e.span.end_utf16,
                        insert: e.new_text.clone(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

pub fn editor_payload(analysis: &Analysis, lang: Lang) -> String {
    let list: Vec<_> = analysis
        .diagnostics
        .iter()
        .map(|d| editor_diagnostic(d, lang))
        .collect();
    serde_json::to_string(&list).unwrap_or_else(|_| "[]".into())
}

/// A lesson as the lists need it (tests build these by hand).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LessonRef<'a> {
    pub id: &'a str,
    pub chapter: u32,
    pub title_zh: &'a str,
    pub title_en: &'a str,
    pub buggy: &'a str,
}

impl LessonRef<'_> {
    pub fn title(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => self.title_zh,
            Lang::En => self.title_en,
        }
    }
}

pub fn lesson_refs() -> Vec<LessonRef<'static>> {
    lessons::all()
        .iter()
        .map(|l| LessonRef {
            id: &l.meta.id,
            chapter: l.meta.chapter,
            title_zh: &l.meta.title_zh,
            title_en: &l.meta.title_en,
            buggy: l.buggy,
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonItem<'a> {
    pub lesson: LessonRef<'a>,
    pub status: Status,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChapterItem<'a> {
    pub number: u32,
    pub title_zh: &'a str,
    pub title_en: &'a str,
    pub lessons: Vec<LessonItem<'a>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartItem<'a> {
    pub number: u32,
    pub title_zh: &'a str,
    pub title_en: &'a str,
    pub chapters: Vec<ChapterItem<'a>>,
}

/// Parts → chapters → lessons with the learner's status. Chapters whose part is unknown
/// still appear (under a part numbered like them), so no chapter is ever hidden.
pub fn curriculum<'a>(
    c: &'a lessons::Curriculum,
    all: &[LessonRef<'a>],
    stored: &Stored,
) -> Vec<PartItem<'a>> {
    let mut parts: Vec<PartItem<'a>> = c
        .parts
        .iter()
        .map(|p| PartItem {
            number: p.number,
            title_zh: &p.title_zh,
            title_en: &p.title_en,
            chapters: Vec::new(),
        })
        .collect();
    let mut chapters: Vec<&lessons::Chapter> = c.chapters.iter().collect();
    chapters.sort_by_key(|ch| ch.number);
    for ch in chapters {
        let item = ChapterItem {
            number: ch.number,
            title_zh: &ch.title_zh,
            title_en: &ch.title_en,
            lessons: all
                .iter()
                .filter(|l| l.chapter == ch.number)
                .map(|l| LessonItem {
                    lesson: *l,
                    status: stored.status(l.id, l.buggy),
                })
                .collect(),
        };
        match parts.iter_mut().find(|p| p.number == ch.part) {
            Some(p) => p.chapters.push(item),
            None => parts.push(PartItem {
                number: ch.part,
                title_zh: "",
                title_en: "",
                chapters: vec![item],
            }),
        }
    }
    parts.sort_by_key(|p| p.number);
    parts
}

/// (solved, total) over the lessons that exist.
pub fn overall(all: &[LessonRef<'_>], stored: &Stored) -> (usize, usize) {
    let solved = all
        .iter()
        .filter(|l| stored.status(l.id, l.buggy) == Status::Solved)
        .count();
    (solved, all.len())
}

/// Where "continue" goes: the last lesson opened if it is unsolved, else the first
/// unsolved lesson after it (wrapping), else the last lesson opened, else the first lesson.
pub fn continue_target<'a>(all: &[LessonRef<'a>], stored: &Stored) -> Option<LessonRef<'a>> {
    let start = stored
        .last_lesson
        .as_deref()
        .and_then(|id| all.iter().position(|l| l.id == id));
    let unsolved = |l: &&LessonRef<'_>| stored.status(l.id, l.buggy) != Status::Solved;
    match start {
        Some(i) => all[i..]
            .iter()
            .chain(all[..i].iter())
            .find(unsolved)
            .or(all.get(i))
            .copied(),
        None => all.iter().find(unsolved).or(all.first()).copied(),
    }
}

/// The lessons before and after `id` in curriculum order.
pub fn neighbours<'a>(
    all: &[LessonRef<'a>],
    id: &str,
) -> (Option<LessonRef<'a>>, Option<LessonRef<'a>>) {
    match all.iter().position(|l| l.id == id) {
        Some(i) => (
            i.checked_sub(1).and_then(|p| all.get(p)).copied(),
            all.get(i + 1).copied(),
        ),
        None => (None, None),
    }
}

/// A rule row for the rules page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleRow {
    pub code: &'static str,
    pub name: &'static str,
    pub category: Category,
    pub severity: Severity,
    pub title_zh: &'static str,
    pub title_en: &'static str,
}

pub fn rule_rows() -> Vec<RuleRow> {
    analyzer_core::rules()
        .iter()
        .map(|r| RuleRow {
            code: r.code,
            name: r.name,
            category: r.category,
            severity: r.severity,
            title_zh: r.title_zh,
            title_en: r.title_en,
        })
        .collect()
}

/// Filters rules by a free-text query (code, name, either title; all words must match),
/// a category and a severity.
pub fn filter_rules(
    rows: &[RuleRow],
    query: &str,
    category: Option<Category>,
    severity: Option<Severity>,
) -> Vec<RuleRow> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    rows.iter()
        .filter(|r| category.is_none_or(|c| r.category == c))
        .filter(|r| severity.is_none_or(|s| r.severity == s))
        .filter(|r| {
            let hay = format!(
                "{} {} {} {}",
                r.code.to_lowercase(),
                r.name,
                r.title_en.to_lowercase(),
                r.title_zh
            );
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .copied()
        .collect()
}

pub const CATEGORIES: &[Category] = &[
    Category::GoroutinesChannels,
    Category::SyncRaces,
    Category::Timers,
    Category::Memory,
    Category::IoResources,
    Category::Errors,
    Category::TimeI18n,
    Category::ModulesBuild,
];

pub const SEVERITIES: &[Severity] = &[
    Severity::Error,
    Severity::Warning,
    Severity::Info,
    Severity::Hint,
];

pub fn category_from_str(s: &str) -> Option<Category> {
    CATEGORIES.iter().copied().find(|c| c.as_str() == s)
}

pub fn severity_from_str(s: &str) -> Option<Severity> {
    SEVERITIES.iter().copied().find(|c| c.as_str() == s)
}

pub fn category_title(c: Category, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => c.title_zh(),
        Lang::En => c.title_en(),
    }
}

pub fn severity_title(s: Severity, lang: Lang) -> &'static str {
    match (s, lang) {
        (Severity::Error, Lang::Zh) => "错误",
        (Severity::Warning, Lang::Zh) => "警告",
        (Severity::Info, Lang::Zh) => "提示信息",
        (Severity::Hint, Lang::Zh) => "建议",
        (s, Lang::En) => s.as_str(),
    }
}

/// Lessons whose targets include `code`.
pub fn lessons_teaching(code: &str) -> Vec<&'static lessons::Lesson> {
    lessons::all()
        .iter()
        .filter(|l| l.meta.expect.iter().any(|e| e.code == code))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{Action, AppState, Loaded};

    const TICKER: &str = "package p\n\nimport \"time\"\n\nfunc poll(check func() bool) {\n\tt := time.NewTicker(time.Second)\n\tfor range t.C {\n\t\tif check() {\n\t\t\treturn\n\t\t}\n\t}\n}\n";

    #[test]
    fn panel_lists_the_ticker_leak_with_its_line() {
        let a = analyzer_core::analyze(TICKER, &analyzer_core::Options::default());
        let items = panel_items(&a, Lang::En);
        assert_eq!(items.len(), 1, "{items:?}");
        assert_eq!(items[0].code, "GP3001");
        assert_eq!(items[0].line, 6);
        assert!(items[0].from < items[0].to);
        let payload: serde_json::Value =
            serde_json::from_str(&editor_payload(&a, Lang::Zh)).unwrap();
        assert_eq!(payload[0]["code"], "GP3001");
        assert_eq!(payload[0]["from"], items[0].from);
        assert!(
            payload[0]["message"]
                .as_str()
                .unwrap()
                .chars()
                .any(|c| c > '\u{2e80}')
        );
    }

    #[test]
    fn panel_is_sorted_by_line() {
        let src = format!(
            "{TICKER}\nfunc poll2() {{\n\tt := time.NewTicker(1)\n\tfor range t.C {{\n\t}}\n}}\n"
        );
        let a = analyzer_core::analyze(&src, &analyzer_core::Options::default());
        let lines: Vec<u32> = panel_items(&a, Lang::En).iter().map(|i| i.line).collect();
        assert!(lines.len() >= 2);
        assert!(lines.windows(2).all(|w| w[0] <= w[1]), "{lines:?}");
    }

    #[test]
    fn playground_example_shows_its_pitfalls() {
        let a = analyzer_core::analyze(PLAYGROUND_EXAMPLE, &analyzer_core::Options::default());
        assert!(!a.has_syntax_errors);
        let codes = a.codes();
        assert!(codes.contains(&"GP3001"), "{codes:?}");
        assert!(codes.len() >= 2, "{codes:?}");
    }

    fn refs() -> Vec<LessonRef<'static>> {
        vec![
            LessonRef {
                id: "a",
                chapter: 1,
                title_zh: "甲",
                title_en: "A",
                buggy: "a",
            },
            LessonRef {
                id: "b",
                chapter: 1,
                title_zh: "乙",
                title_en: "B",
                buggy: "b",
            },
            LessonRef {
                id: "c",
                chapter: 3,
                title_zh: "丙",
                title_en: "C",
                buggy: "c",
            },
        ]
    }

    #[test]
    fn curriculum_groups_and_counts() {
        let c = lessons::Curriculum {
            parts: vec![lessons::Part {
                number: 1,
                title_zh: "一".into(),
                title_en: "One".into(),
            }],
            chapters: vec![
                lessons::Chapter {
                    number: 3,
                    part: 2,
                    title_zh: "三".into(),
                    title_en: "Three".into(),
                },
                lessons::Chapter {
                    number: 1,
                    part: 1,
                    title_zh: "一".into(),
                    title_en: "One".into(),
                },
                lessons::Chapter {
                    number: 2,
                    part: 1,
                    title_zh: "二".into(),
                    title_en: "Two".into(),
                },
            ],
        };
        let all = refs();
        let st = AppState::new(crate::route::Route::Home, Lang::En, Loaded::Fresh, None)
            .apply(Action::EditLesson {
                id: "b".into(),
                code: "b2".into(),
            })
            .apply(Action::Solved("a".into()));
        let parts = curriculum(&c, &all, &st.stored);
        assert_eq!(parts.len(), 2, "unknown part 2 still shown");
        assert_eq!(
            parts[0]
                .chapters
                .iter()
                .map(|c| c.number)
                .collect::<Vec<_>>(),
            [1, 2]
        );
        let ch1 = &parts[0].chapters[0];
        assert_eq!(
            ch1.lessons.iter().map(|l| l.status).collect::<Vec<_>>(),
            [Status::Solved, Status::InProgress]
        );
        assert!(parts[0].chapters[1].lessons.is_empty());
        assert_eq!(overall(&all, &st.stored), (1, 3));
        // Last opened was b (unsolved): continue there.
        assert_eq!(continue_target(&all, &st.stored).unwrap().id, "b");
        let st = st.apply(Action::Solved("b".into()));
        assert_eq!(continue_target(&all, &st.stored).unwrap().id, "c");
        assert_eq!(continue_target(&[], &st.stored), None);
        let fresh = Stored::default();
        assert_eq!(continue_target(&all, &fresh).unwrap().id, "a");
        let (p, n) = neighbours(&all, "b");
        assert_eq!((p.unwrap().id, n.unwrap().id), ("a", "c"));
        assert_eq!(neighbours(&all, "c").1, None);
    }

    #[test]
    fn rules_filter() {
        let rows = rule_rows();
        assert_eq!(filter_rules(&rows, "", None, None).len(), rows.len());
        let t = filter_rules(&rows, "gp3001", None, None);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].name, "ticker-not-stopped");
        let timers = filter_rules(&rows, "", Some(Category::Timers), None);
        assert!(!timers.is_empty());
        assert!(timers.iter().all(|r| r.code.starts_with("GP3")));
        assert!(filter_rules(&rows, "ticker zzzz", None, None).is_empty());
        assert_eq!(category_from_str("timers"), Some(Category::Timers));
        assert_eq!(severity_from_str("warning"), Some(Severity::Warning));
        assert_eq!(severity_from_str("nope"), None);
    }
}
