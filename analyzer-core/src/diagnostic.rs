//! What the analyzer reports. Plain data: serialisable, comparable, no behaviour.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// The rule families; the first digit of a rule code names the family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// GP0xxx: the input itself (syntax errors, limits).
    Input,
    /// GP1xxx
    GoroutinesChannels,
    /// GP2xxx
    SyncRaces,
    /// GP3xxx
    Timers,
    /// GP4xxx
    Memory,
    /// GP5xxx
    IoResources,
    /// GP6xxx
    Errors,
    /// GP7xxx
    TimeI18n,
    /// GP8xxx
    ModulesBuild,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Input => "input",
            Category::GoroutinesChannels => "goroutines-channels",
            Category::SyncRaces => "sync-races",
            Category::Timers => "timers",
            Category::Memory => "memory",
            Category::IoResources => "io-resources",
            Category::Errors => "errors",
            Category::TimeI18n => "time-i18n",
            Category::ModulesBuild => "modules-build",
        }
    }
    pub fn title_en(self) -> &'static str {
        match self {
            Category::Input => "Input",
            Category::GoroutinesChannels => "Goroutines and channels",
            Category::SyncRaces => "Sync and races",
            Category::Timers => "Timers",
            Category::Memory => "Memory",
            Category::IoResources => "I/O, HTTP, exec, DB",
            Category::Errors => "Errors",
            Category::TimeI18n => "Time and i18n",
            Category::ModulesBuild => "Modules and build",
        }
    }
    pub fn title_zh(self) -> &'static str {
        match self {
            Category::Input => "输入",
            Category::GoroutinesChannels => "goroutine 与 channel",
            Category::SyncRaces => "同步与竞态",
            Category::Timers => "定时器",
            Category::Memory => "内存",
            Category::IoResources => "I/O、HTTP、exec、数据库",
            Category::Errors => "错误处理",
            Category::TimeI18n => "时间与国际化",
            Category::ModulesBuild => "模块与构建",
        }
    }
}

/// A position in the source. `line` and `column` are 1-based; `column` counts Unicode
/// scalar values, `utf16_column` counts UTF-16 code units (what browser editors use).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
    pub utf16_column: u32,
}

/// A range of the source: byte offsets, 1-based positions, and absolute UTF-16 offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start_byte: usize,
    pub end_byte: usize,
    pub start: Position,
    pub end: Position,
    pub start_utf16: usize,
    pub end_utf16: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    pub span: Span,
    pub label_en: String,
    pub label_zh: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Safety {
    /// Applying it keeps the program's meaning apart from removing the pitfall.
    Safe,
    /// Applying it changes behaviour; the learner should read it first.
    Unsafe,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextEdit {
    pub span: Span,
    pub new_text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    pub title_en: String,
    pub title_zh: String,
    pub safety: Safety,
    pub edits: Vec<TextEdit>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Stable code, e.g. `GP1001`.
    pub code: &'static str,
    /// Kebab-case rule name, named for the bad pattern.
    pub rule: &'static str,
    pub severity: Severity,
    pub category: Category,
    pub span: Span,
    pub message_en: String,
    pub message_zh: String,
    pub related: Vec<Related>,
    pub fixes: Vec<Fix>,
}

impl Diagnostic {
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.message_en,
            Lang::Zh => &self.message_zh,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}
