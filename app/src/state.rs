//! The app's state and its reducer: settings, per-lesson progress, the current route and
//! notices. Pure: the browser glue (`browser.rs`) loads and saves `Stored` as JSON.

use crate::i18n::Lang;
use crate::route::Route;
use crate::share::ShareError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::rc::Rc;

/// localStorage key of the saved state; the number is the schema version.
pub const STORAGE_KEY: &str = "gopitfall.v1";
/// Where an unreadable saved value is kept aside.
pub const CORRUPT_KEY: &str = "gopitfall.v1.corrupt";
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Dark,
            Theme::Dark => Theme::Light,
            Theme::Light => Theme::System,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct LessonProgress {
    /// The learner's code; `None` means the lesson's original code.
    pub code: Option<String>,
    /// Solved at least once.
    pub solved: bool,
    /// Hints revealed (0..=3).
    pub hints: u8,
    /// The learner's code before the last reset, so a reset can be undone.
    pub backup: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    NotStarted,
    InProgress,
    Solved,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::NotStarted => "not-started",
            Status::InProgress => "in-progress",
            Status::Solved => "solved",
        }
    }
}

impl LessonProgress {
    pub fn status(&self, buggy: &str) -> Status {
        if self.solved {
            Status::Solved
        } else if self.hints > 0 || self.code.as_deref().is_some_and(|c| c != buggy) {
            Status::InProgress
        } else {
            Status::NotStarted
        }
    }
}

/// Everything saved in the browser, under [`STORAGE_KEY`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Stored {
    pub version: u32,
    /// `zh` or `en`; `None` follows the browser.
    pub lang: Option<String>,
    pub theme: Theme,
    pub lessons: BTreeMap<String, LessonProgress>,
    pub playground: Option<String>,
    /// The learner's own playground code, set aside when a share link replaced it.
    pub playground_backup: Option<String>,
    pub last_lesson: Option<String>,
}

impl Default for Stored {
    fn default() -> Self {
        Stored {
            version: SCHEMA_VERSION,
            lang: None,
            theme: Theme::System,
            lessons: BTreeMap::new(),
            playground: None,
            playground_backup: None,
            last_lesson: None,
        }
    }
}

impl Stored {
    pub fn progress(&self, id: &str) -> LessonProgress {
        self.lessons.get(id).cloned().unwrap_or_default()
    }
    pub fn status(&self, id: &str, buggy: &str) -> Status {
        self.lessons
            .get(id)
            .map_or(Status::NotStarted, |p| p.status(buggy))
    }
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
    pub fn to_pretty_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Puts a share link's `code` in `slot`. The first link sets the learner's own code aside in
/// `backup`; a later one replaces only the previous shared code (still in its link). Returns
/// (anything changed, own code set aside).
fn open_shared(
    slot: &mut Option<String>,
    backup: &mut Option<String>,
    code: String,
) -> (bool, bool) {
    let own = slot.take();
    if own.as_ref().is_some_and(|o| *o != code) && backup.is_none() {
        *backup = own.clone();
    }
    let changed = own.as_deref() != Some(code.as_str());
    *slot = Some(code);
    (changed, backup.is_some())
}

/// What reading the saved value gave.
#[derive(Debug, PartialEq, Eq)]
pub enum Loaded {
    Fresh,
    Ok(Stored),
    /// The raw value is unreadable (bad JSON, wrong shape, unknown version).
    Corrupt,
}

/// Parses a saved or imported value. Only this schema version is accepted.
pub fn parse_stored(raw: Option<&str>) -> Loaded {
    let Some(raw) = raw else {
        return Loaded::Fresh;
    };
    let Ok(value) = serde_json::from_str::<serde_json::Value>(raw) else {
        return Loaded::Corrupt;
    };
    if !value.is_object() {
        return Loaded::Corrupt;
    }
    match serde_json::from_value::<Stored>(value) {
        Ok(s) if s.version == SCHEMA_VERSION && s.lessons.values().all(|p| p.hints <= 3) => {
            Loaded::Ok(s)
        }
        _ => Loaded::Corrupt,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Saved progress was unreadable; the raw value was kept under this key (or not, if
    /// even that failed: then saving stays off so nothing is overwritten).
    Corrupt {
        kept_at: Option<String>,
    },
    StorageFull,
    ImportDone,
    ImportFailed,
    /// A share link's code is in the playground or a lesson; `kept_own`: the learner's own
    /// code was set aside (`Stored::playground_backup`, the lesson's `backup`) to restore.
    SharedOpened {
        kept_own: bool,
    },
    /// A share link that does not decode: nothing was replaced.
    SharedBroken(ShareError),
}

/// The app's state (one reducer at the root).
#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub route: Route,
    pub browser_lang: Lang,
    pub system_dark: bool,
    pub stored: Rc<Stored>,
    pub notice: Option<Notice>,
    /// False after corrupt storage could not be kept aside: never overwrite it then.
    pub can_save: bool,
    pub help_open: bool,
    /// Bumped whenever `stored` changes, so the saver runs once per change.
    pub revision: u64,
    /// Bumped when a share link puts new code in the playground or a lesson: an open page
    /// remounts (its editor reads the code once, when it mounts).
    pub shared_opened: u32,
}

impl AppState {
    pub fn new(route: Route, browser_lang: Lang, loaded: Loaded, kept_at: Option<String>) -> Self {
        let (stored, notice, can_save) = match loaded {
            Loaded::Fresh => (Stored::default(), None, true),
            Loaded::Ok(s) => (s, None, true),
            Loaded::Corrupt => {
                let can_save = kept_at.is_some();
                (
                    Stored::default(),
                    Some(Notice::Corrupt { kept_at }),
                    can_save,
                )
            }
        };
        AppState {
            route,
            browser_lang,
            system_dark: false,
            stored: Rc::new(stored),
            notice,
            can_save,
            help_open: false,
            revision: 0,
            shared_opened: 0,
        }
    }

    /// Opens a share link into the playground or `lesson` (see [`open_shared`]) and routes
    /// there; whether `stored` changed.
    fn open_link(&mut self, stored: &mut Stored, lesson: Option<String>, param: &str) -> bool {
        let mut changed = false;
        // Unreadable saved progress is the more urgent news.
        let keep_notice = matches!(self.notice, Some(Notice::Corrupt { .. }));
        let notice = match crate::share::decode(param) {
            // A link to a lesson that does not exist (renamed, mistyped) stores nothing: its
            // page says the lesson was not found.
            _ if lesson
                .as_deref()
                .is_some_and(|id| lessons::by_id(id).is_none()) =>
            {
                None
            }
            Ok(code) => {
                let (slot, backup) = match &lesson {
                    Some(id) => {
                        stored.last_lesson = Some(id.clone());
                        let p = stored.lessons.entry(id.clone()).or_default();
                        (&mut p.code, &mut p.backup)
                    }
                    None => (&mut stored.playground, &mut stored.playground_backup),
                };
                let kept_own;
                (changed, kept_own) = open_shared(slot, backup, code);
                self.shared_opened += 1;
                Some(Notice::SharedOpened { kept_own })
            }
            Err(e) => Some(Notice::SharedBroken(e)),
        };
        if !keep_notice && notice.is_some() {
            self.notice = notice;
        }
        self.route = lesson.map_or(Route::Playground, Route::Lesson);
        self.help_open = false;
        changed
    }

    /// The learner's own code is back: "set aside" is no longer news.
    fn clear_shared_notice(&mut self) {
        if matches!(self.notice, Some(Notice::SharedOpened { .. })) {
            self.notice = None;
        }
    }

    pub fn lang(&self) -> Lang {
        self.stored
            .lang
            .as_deref()
            .and_then(crate::i18n::parse_lang)
            .unwrap_or(self.browser_lang)
    }

    /// The theme actually shown.
    pub fn dark(&self) -> bool {
        match self.stored.theme {
            Theme::System => self.system_dark,
            Theme::Dark => true,
            Theme::Light => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Navigate(Route),
    ToggleLang,
    CycleTheme,
    SystemDark(bool),
    /// The learner's code for a lesson changed (`buggy` tells "in progress" apart).
    EditLesson {
        id: String,
        code: String,
    },
    Solved(String),
    ShowHint(String),
    /// Restore the original; keep the learner's code as a backup.
    Reset(String),
    UndoReset(String),
    SetPlayground(String),
    /// Put the code set aside by a share link back into the playground.
    RestoreOwnPlayground,
    Import(String),
    Notice(Option<Notice>),
    /// Saving failed (quota or storage unavailable).
    SaveFailed,
    ToggleHelp(bool),
}

impl AppState {
    pub fn apply(&self, action: Action) -> AppState {
        let mut s = self.clone();
        let mut stored = (*self.stored).clone();
        let mut changed = true;
        match action {
            Action::Navigate(Route::Shared(param)) => {
                changed = s.open_link(&mut stored, None, &param);
            }
            Action::Navigate(Route::SharedLesson(id, param)) => {
                changed = s.open_link(&mut stored, Some(id), &param);
            }
            Action::Navigate(r) => {
                if let Route::Lesson(id) = &r {
                    stored.last_lesson = Some(id.clone());
                } else {
                    changed = false;
                }
                s.route = r;
                s.help_open = false;
            }
            Action::ToggleLang => {
                let next = match s.lang() {
                    Lang::Zh => Lang::En,
                    Lang::En => Lang::Zh,
                };
                stored.lang = Some(crate::i18n::lang_code(next).into());
            }
            Action::CycleTheme => stored.theme = stored.theme.next(),
            Action::SystemDark(d) => {
                s.system_dark = d;
                changed = false;
            }
            Action::EditLesson { id, code } => {
                let p = stored.lessons.entry(id.clone()).or_default();
                if p.code.as_deref() == Some(code.as_str()) {
                    changed = false;
                }
                p.code = Some(code);
                stored.last_lesson = Some(id);
            }
            Action::Solved(id) => {
                let p = stored.lessons.entry(id).or_default();
                changed = !p.solved;
                p.solved = true;
            }
            Action::ShowHint(id) => {
                let p = stored.lessons.entry(id).or_default();
                changed = p.hints < 3;
                p.hints = (p.hints + 1).min(3);
            }
            Action::Reset(id) => {
                let p = stored.lessons.entry(id).or_default();
                if p.code.is_some() {
                    p.backup = p.code.take();
                }
            }
            Action::UndoReset(id) => {
                let p = stored.lessons.entry(id).or_default();
                if let Some(b) = p.backup.take() {
                    p.code = Some(b);
                    s.clear_shared_notice();
                } else {
                    changed = false;
                }
            }
            Action::SetPlayground(code) => {
                changed = stored.playground.as_deref() != Some(code.as_str());
                stored.playground = Some(code);
            }
            Action::RestoreOwnPlayground => match stored.playground_backup.take() {
                Some(own) => {
                    stored.playground = Some(own);
                    s.clear_shared_notice();
                }
                None => changed = false,
            },
            Action::Import(raw) => match parse_stored(Some(&raw)) {
                Loaded::Ok(imported) => {
                    stored = imported;
                    s.notice = Some(Notice::ImportDone);
                }
                _ => {
                    s.notice = Some(Notice::ImportFailed);
                    changed = false;
                }
            },
            Action::Notice(n) => {
                s.notice = n;
                changed = false;
            }
            Action::SaveFailed => {
                s.notice = Some(Notice::StorageFull);
                changed = false;
            }
            Action::ToggleHelp(open) => {
                s.help_open = open;
                changed = false;
            }
        }
        if changed {
            s.stored = Rc::new(stored);
            s.revision += 1;
        }
        s
    }
}

impl yew::Reducible for AppState {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fresh() -> AppState {
        AppState::new(Route::Home, Lang::En, Loaded::Fresh, None)
    }

    #[test]
    fn status_follows_progress() {
        let buggy = "package a\n";
        let mut p = LessonProgress::default();
        assert_eq!(p.status(buggy), Status::NotStarted);
        p.code = Some(buggy.into());
        assert_eq!(p.status(buggy), Status::NotStarted, "unchanged code");
        p.code = Some("package a // edited\n".into());
        assert_eq!(p.status(buggy), Status::InProgress);
        p.solved = true;
        assert_eq!(p.status(buggy), Status::Solved);
        let hinted = LessonProgress {
            hints: 1,
            ..LessonProgress::default()
        };
        assert_eq!(hinted.status(buggy), Status::InProgress);
    }

    #[test]
    fn edits_hints_solve_reset_undo() {
        let s = fresh()
            .apply(Action::EditLesson {
                id: "l1".into(),
                code: "mine".into(),
            })
            .apply(Action::ShowHint("l1".into()))
            .apply(Action::ShowHint("l1".into()))
            .apply(Action::ShowHint("l1".into()))
            .apply(Action::ShowHint("l1".into()));
        let p = s.stored.progress("l1");
        assert_eq!(p.code.as_deref(), Some("mine"));
        assert_eq!(p.hints, 3, "hints stop at 3");
        assert_eq!(s.stored.last_lesson.as_deref(), Some("l1"));
        let r = s.apply(Action::Reset("l1".into()));
        assert_eq!(r.stored.progress("l1").code, None);
        assert_eq!(r.stored.progress("l1").backup.as_deref(), Some("mine"));
        let u = r.apply(Action::UndoReset("l1".into()));
        assert_eq!(u.stored.progress("l1").code.as_deref(), Some("mine"));
        let solved = u.apply(Action::Solved("l1".into()));
        assert!(solved.stored.progress("l1").solved);
        assert!(solved.revision > u.revision);
        // Solving again changes nothing, so nothing is saved again.
        assert_eq!(
            solved.apply(Action::Solved("l1".into())).revision,
            solved.revision
        );
    }

    #[test]
    fn language_and_theme() {
        let s = AppState::new(Route::Home, Lang::Zh, Loaded::Fresh, None);
        assert_eq!(s.lang(), Lang::Zh);
        let s = s.apply(Action::ToggleLang);
        assert_eq!(s.lang(), Lang::En);
        assert_eq!(s.stored.lang.as_deref(), Some("en"));
        assert!(!s.dark());
        let s = s.apply(Action::SystemDark(true));
        assert!(s.dark(), "system theme follows the system");
        let s = s.apply(Action::CycleTheme);
        assert_eq!(s.stored.theme, Theme::Dark);
        let s = s.apply(Action::CycleTheme).apply(Action::SystemDark(true));
        assert_eq!(s.stored.theme, Theme::Light);
        assert!(!s.dark(), "explicit light wins over a dark system");
    }

    #[test]
    fn corrupt_storage_is_reported_and_kept() {
        for raw in [
            "{",
            "null",
            "[]",
            "{\"version\":99}",
            "{\"version\":1,\"lessons\":{\"x\":{\"hints\":\"many\"}}}",
        ] {
            assert_eq!(parse_stored(Some(raw)), Loaded::Corrupt, "{raw}");
        }
        let s = AppState::new(
            Route::Home,
            Lang::En,
            Loaded::Corrupt,
            Some(CORRUPT_KEY.into()),
        );
        assert!(s.can_save);
        assert_eq!(
            s.notice,
            Some(Notice::Corrupt {
                kept_at: Some(CORRUPT_KEY.into())
            })
        );
        let s = AppState::new(Route::Home, Lang::En, Loaded::Corrupt, None);
        assert!(
            !s.can_save,
            "never overwrite a value we could not keep aside"
        );
    }

    #[test]
    fn a_share_link_never_loses_the_learners_own_code() {
        let link =
            |code: &str| Action::Navigate(Route::Shared(crate::share::encode(code).unwrap()));
        // No code of one's own yet: the shared code is simply there.
        let s = fresh().apply(link("shared"));
        assert_eq!(s.route, Route::Playground);
        assert_eq!(s.stored.playground.as_deref(), Some("shared"));
        assert_eq!(s.stored.playground_backup, None);
        assert_eq!(s.notice, Some(Notice::SharedOpened { kept_own: false }));
        assert!(s.revision > 0, "saved");
        assert_eq!(s.shared_opened, 1, "an open playground shows it");
        // Own code is set aside, and comes back.
        let own = fresh().apply(Action::SetPlayground("mine".into()));
        let s = own.apply(link("shared"));
        assert_eq!(s.stored.playground.as_deref(), Some("shared"));
        assert_eq!(s.stored.playground_backup.as_deref(), Some("mine"));
        assert_eq!(s.notice, Some(Notice::SharedOpened { kept_own: true }));
        // A second link replaces the first shared code, not the code set aside.
        let s = s
            .apply(Action::SetPlayground("shared, edited".into()))
            .apply(link("second"));
        assert_eq!(s.stored.playground.as_deref(), Some("second"));
        assert_eq!(s.stored.playground_backup.as_deref(), Some("mine"));
        let s = s.apply(Action::RestoreOwnPlayground);
        assert_eq!(s.stored.playground.as_deref(), Some("mine"));
        assert_eq!(s.stored.playground_backup, None);
        assert_eq!(s.notice, None);
        // The same code again changes nothing.
        let same = own.apply(link("mine"));
        assert_eq!(same.stored, own.stored);
        assert_eq!(same.notice, Some(Notice::SharedOpened { kept_own: false }));
        // A broken link replaces nothing and says so.
        let s = own.apply(Action::Navigate(Route::Shared("%%%".into())));
        assert_eq!(s.stored, own.stored);
        assert_eq!(s.route, Route::Playground);
        assert_eq!(
            s.notice,
            Some(Notice::SharedBroken(crate::share::ShareError::Damaged))
        );
        // Unreadable saved progress stays the notice shown.
        let corrupt = AppState::new(
            Route::Home,
            Lang::En,
            Loaded::Corrupt,
            Some(CORRUPT_KEY.into()),
        );
        assert!(matches!(
            corrupt.apply(link("x")).notice,
            Some(Notice::Corrupt { .. })
        ));
    }

    #[test]
    fn a_lesson_share_link_sets_the_learners_attempt_aside() {
        const L: &str = "01-1-error-discarded";
        let link = |id: &str, code: &str| {
            Action::Navigate(Route::SharedLesson(
                id.into(),
                crate::share::encode(code).unwrap(),
            ))
        };
        // Never edited: the lesson's original is not "own code" to keep.
        let s = fresh().apply(link(L, "attempt"));
        assert_eq!(s.route, Route::Lesson(L.into()));
        assert_eq!(s.stored.progress(L).code.as_deref(), Some("attempt"));
        assert_eq!(s.stored.progress(L).backup, None);
        assert_eq!(s.stored.last_lesson.as_deref(), Some(L));
        let mine = fresh().apply(Action::EditLesson {
            id: L.into(),
            code: "mine".into(),
        });
        let s = mine.apply(link(L, "attempt"));
        assert_eq!(s.stored.progress(L).code.as_deref(), Some("attempt"));
        assert_eq!(s.stored.progress(L).backup.as_deref(), Some("mine"));
        assert_eq!(s.notice, Some(Notice::SharedOpened { kept_own: true }));
        // Restoring is the undo that a reset offers.
        let s = s.apply(Action::UndoReset(L.into()));
        assert_eq!(s.stored.progress(L).code.as_deref(), Some("mine"));
        // Other lessons and the playground are untouched; a broken link changes nothing.
        let s = mine.apply(Action::Navigate(Route::SharedLesson(L.into(), "!".into())));
        assert_eq!(s.stored, mine.stored);
        assert_eq!(s.route, Route::Lesson(L.into()));
    }

    #[test]
    fn round_trip_and_import() {
        let s = fresh()
            .apply(Action::EditLesson {
                id: "a".into(),
                code: "x".into(),
            })
            .apply(Action::SetPlayground("pg".into()));
        let json = s.stored.to_pretty_json();
        assert_eq!(parse_stored(Some(&json)), Loaded::Ok((*s.stored).clone()));
        let imported = fresh().apply(Action::Import(json));
        assert_eq!(imported.stored, s.stored);
        assert_eq!(imported.notice, Some(Notice::ImportDone));
        let bad = fresh().apply(Action::Import("{oops".into()));
        assert_eq!(bad.notice, Some(Notice::ImportFailed));
        assert_eq!(bad.revision, 0);
        assert_eq!(parse_stored(None), Loaded::Fresh);
        // Unknown fields from a newer app of the same schema are tolerated.
        assert!(matches!(
            parse_stored(Some("{\"version\":1,\"extra\":true}")),
            Loaded::Ok(_)
        ));
    }
}
