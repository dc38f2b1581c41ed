//! Every UI string in Simplified Chinese and English. Lesson and rule texts come with their
//! own translations from `lessons` and `analyzer-core`.

pub use analyzer_core::Lang;

/// Picks the UI language from `navigator.language` (`zh`, `zh-CN`, `zh-TW` → Chinese).
pub fn lang_from_browser(tag: &str) -> Lang {
    if tag.to_ascii_lowercase().starts_with("zh") {
        Lang::Zh
    } else {
        Lang::En
    }
}

pub fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh",
        Lang::En => "en",
    }
}

pub fn parse_lang(s: &str) -> Option<Lang> {
    match s {
        "zh" => Some(Lang::Zh),
        "en" => Some(Lang::En),
        _ => None,
    }
}

macro_rules! strings {
    ($($key:ident => $zh:literal, $en:literal;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum T { $($key),* }
        impl T {
            pub const ALL: &'static [T] = &[$(T::$key),*];
            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((T::$key, Lang::Zh) => $zh, (T::$key, Lang::En) => $en,)*
                }
            }
        }
    };
}

strings! {
    AppName => "Go 避坑实验室", "Go Pitfall Lab";
    Tagline => "在浏览器里动手修复真实的 Go 陷阱：泄漏、竞态、内存与资源问题，边写边得到分析反馈。",
        "Fix real Go pitfalls in your browser: leaks, races, memory and resource bugs, with live analysis as you type.";
    NavHome => "课程", "Curriculum";
    NavPlayground => "练习场", "Playground";
    NavRules => "规则", "Rules";
    SkipToContent => "跳到正文", "Skip to content";
    SwitchLang => "English", "中文";
    SwitchLangLabel => "切换到英文", "Switch to Chinese";
    ThemeSystem => "主题：跟随系统", "Theme: system";
    ThemeLight => "主题：浅色", "Theme: light";
    ThemeDark => "主题：深色", "Theme: dark";
    ShortcutsButton => "快捷键", "Shortcuts";
    Progress => "总进度", "Overall progress";
    LessonsSolved => "课已完成", "lessons solved";
    Continue => "继续学习", "Continue where I left off";
    Start => "从第一课开始", "Start with the first lesson";
    NoLessonsYet => "课程正在编写中，这一章暂时还没有课。", "Lessons for this chapter are being written.";
    NoLessonsAtAll => "还没有可用的课程。可以先去练习场试试分析器。", "No lessons are available yet. Try the analyzer in the playground meanwhile.";
    Part => "第 {} 部分", "Part {}";
    Chapter => "第 {} 章", "Chapter {}";
    StatusNotStarted => "未开始", "not started";
    StatusInProgress => "进行中", "in progress";
    StatusSolved => "已完成", "solved";
    Goal => "目标", "Goal";
    Hints => "提示", "Hints";
    HintButton => "显示提示", "Show a hint";
    HintConcept => "提示 1 · 概念", "Hint 1 · the concept";
    HintWhere => "提示 2 · 看哪里", "Hint 2 · where to look";
    HintShape => "提示 3 · 修复的样子", "Hint 3 · the shape of the fix";
    NoMoreHints => "所有提示都已显示", "All hints shown";
    SolutionButton => "查看答案", "Show solution";
    SolutionConfirm => "确定要看答案吗？先试试提示，自己修好记得更牢。", "Show the solution? Trying the hints first makes it stick.";
    SolutionYes => "显示答案", "Show it";
    Cancel => "取消", "Cancel";
    SolutionTitle => "答案：与原始代码的差异", "Solution: changes from the original code";
    UseSolution => "把答案放进编辑器", "Put the solution in the editor";
    HideSolution => "收起答案", "Hide solution";
    ResetButton => "重置代码", "Reset code";
    ResetDone => "已恢复原始代码。", "The original code is back.";
    UndoReset => "恢复我的代码", "Bring my code back";
    Solved => "已解决！目标问题已消除，且没有引入新问题。", "Solved! The target pitfalls are gone and nothing new appeared.";
    Unsolved => "尚未解决", "Not solved yet";
    TargetsRemain => "目标问题仍在：", "Target pitfalls still reported:";
    OtherFindings => "出现了新的问题：", "New findings:";
    DoesNotParse => "代码有语法错误，先让它能解析。", "The code has syntax errors; make it parse first.";
    NextLesson => "下一课", "Next lesson";
    PrevLesson => "上一课", "Previous lesson";
    LastLesson => "这是最后一课。", "This is the last lesson.";
    Diagnostics => "分析结果", "Findings";
    NoDiagnostics => "没有发现问题。", "No pitfalls found.";
    FindingsCount => "{} 个问题", "{} findings";
    OneFinding => "1 个问题", "1 finding";
    AnalysedIn => "分析耗时 {} 毫秒", "Analysed in {} ms";
    Line => "第 {} 行", "line {}";
    EditorLabel => "Go 代码编辑器", "Go code editor";
    EditorHelp => "Tab 插入制表符；按 Esc 再按 Tab 离开编辑器。", "Tab inserts a tab; press Esc then Tab to leave the editor.";
    PlaygroundTitle => "练习场", "Playground";
    PlaygroundIntro => "所有规则都开启。写任意 Go 代码，分析结果实时更新；代码会自动保存。", "Every rule is on. Write any Go code; findings update as you type and the code is saved automatically.";
    ResetExample => "恢复示例代码", "Restore the example";
    ShareLink => "分享链接", "Share link";
    ShareCopied => "链接已复制。代码就在链接里，不会上传到任何地方；打开链接的人会看到这段代码（他们自己的代码会另存，不会丢）。", "Link copied. The code is inside the link and is not uploaded anywhere; whoever opens it sees this code (their own is set aside, not lost).";
    ShareCopyByHand => "浏览器不允许自动复制，请手动复制下面的链接。代码就在链接里，不会上传到任何地方。", "The browser did not allow copying: copy the link below by hand. The code is inside the link and is not uploaded anywhere.";
    ShareTooLarge => "代码超过 64 KB，放不进链接。", "The code is larger than 64 KB, too large for a link.";
    ShareLinkLabel => "分享链接", "Share link";
    SharedOpened => "已打开分享的代码。", "Opened the shared code.";
    SharedOpenedKept => "已打开分享的代码。你自己之前的练习场代码已另存，可以随时恢复。", "Opened the shared code. Your own playground code was set aside and can be restored.";
    RestoreOwnCode => "恢复我自己的代码", "Restore my own code";
    SharedDamaged => "这个分享链接已损坏（可能被截断或被聊天软件改动），没有打开任何代码；你自己的代码保持不变。", "This share link is damaged (cut short or altered on the way), so no code was opened; your own code is unchanged.";
    SharedNotText => "这个分享链接里的内容不是文本，没有打开；你自己的代码保持不变。", "This share link does not contain text, so nothing was opened; your own code is unchanged.";
    SharedTooLarge => "这个分享链接太大（超过 64 KB），没有打开；你自己的代码保持不变。", "This share link is too large (over 64 KB), so nothing was opened; your own code is unchanged.";
    RulesTitle => "规则", "Rules";
    RulesIntro => "分析器的每条规则：它发现什么、为什么危险、怎么改。", "Every rule of the analyzer: what it finds, why it hurts, what to write instead.";
    Search => "搜索", "Search";
    SearchPlaceholder => "代码、名称或标题", "code, name or title";
    Category => "类别", "Category";
    Severity => "严重程度", "Severity";
    All => "全部", "All";
    NoRulesMatch => "没有匹配的规则。", "No rule matches.";
    RulesShown => "显示 {} 条规则", "{} rules shown";
    Code => "代码", "Code";
    Name => "名称", "Name";
    Title => "标题", "Title";
    TaughtIn => "讲解这条规则的课", "Lessons that teach it";
    NotTaughtYet => "还没有课讲解这条规则。", "No lesson teaches this rule yet.";
    TryInPlayground => "在练习场打开反例", "Open the bad example in the playground";
    AllRules => "所有规则", "All rules";
    NotFoundTitle => "页面不存在", "Page not found";
    NotFoundText => "这个地址没有对应的页面。可以从下面的入口继续：", "Nothing lives at this address. Carry on from here:";
    LessonNotFound => "没有这节课。", "There is no such lesson.";
    RuleNotFound => "没有这条规则。", "There is no such rule.";
    StorageCorrupt => "保存的进度无法读取，已另存原始数据（键名 {}），应用会从空白进度开始。", "Your saved progress could not be read. The raw data was kept aside (key {}) and the app starts with fresh progress.";
    StorageFull => "浏览器存储已满或不可用，进度暂时无法保存。", "Browser storage is full or unavailable; progress cannot be saved right now.";
    Dismiss => "知道了", "Dismiss";
    Export => "导出进度", "Export progress";
    Import => "导入进度", "Import progress";
    ImportDone => "进度已导入。", "Progress imported.";
    ImportFailed => "导入失败：文件不是有效的进度 JSON。", "Import failed: the file is not valid progress JSON.";
    ShortcutsTitle => "键盘快捷键", "Keyboard shortcuts";
    Close => "关闭", "Close";
    KeyHelp => "显示本帮助", "Show this help";
    KeyHome => "课程首页", "Curriculum";
    KeyPlayground => "练习场", "Playground";
    KeyRules => "规则列表", "Rules";
    KeyNext => "下一课（在课程页）", "Next lesson (on a lesson page)";
    KeyTheme => "切换主题", "Switch theme";
    KeyLang => "切换语言", "Switch language";
    KeyEscTab => "离开编辑器", "Leave the editor";
    KeyTab => "在编辑器中插入制表符", "Insert a tab in the editor";
    KeySearch => "在编辑器中查找", "Search in the editor";
    KeyUndo => "撤销 / 重做", "Undo / redo";
    KeyNextDiag => "跳到下一个问题", "Go to the next finding";
    Difficulty => "难度", "Difficulty";
    Beginner => "入门", "beginner";
    Intermediate => "进阶", "intermediate";
    Advanced => "高级", "advanced";
    GoVersionLabel => "Go 版本", "Go version";
    Explanation => "讲解", "Explanation";
    YourCode => "你的代码", "Your code";
    Fix => "修复", "Fix";
    Loading => "加载中…", "Loading…";
    ProgressSaved => "进度自动保存在本浏览器中。", "Progress is saved in this browser automatically.";
    RelatedHere => "相关位置", "Related";
}

impl T {
    /// The string with `{}` replaced by `arg`.
    pub fn fmt(self, lang: Lang, arg: impl std::fmt::Display) -> String {
        self.get(lang).replacen("{}", &arg.to_string(), 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_exists_in_both_languages() {
        for t in T::ALL {
            for lang in [Lang::Zh, Lang::En] {
                assert!(!t.get(lang).trim().is_empty(), "{t:?} {lang:?}");
            }
            // Placeholders must agree, or one language loses the number.
            assert_eq!(
                t.get(Lang::Zh).matches("{}").count(),
                t.get(Lang::En).matches("{}").count(),
                "{t:?}"
            );
        }
    }

    #[test]
    fn browser_language() {
        assert_eq!(lang_from_browser("zh-CN"), Lang::Zh);
        assert_eq!(lang_from_browser("ZH-tw"), Lang::Zh);
        assert_eq!(lang_from_browser("en-US"), Lang::En);
        assert_eq!(lang_from_browser(""), Lang::En);
        assert_eq!(T::Chapter.fmt(Lang::En, 7), "Chapter 7");
        assert_eq!(parse_lang(lang_code(Lang::Zh)), Some(Lang::Zh));
    }
}
