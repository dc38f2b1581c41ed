//! Thin yew components over `state`, `view` and `i18n`.

mod editor;
mod home;
mod lesson;
mod playground;
mod rules;
mod share_button;
pub mod testing;
mod workbench;

use crate::browser;
use crate::i18n::{Lang, T};
use crate::route::Route;
use crate::share::ShareError;
use crate::state::{Action, AppState, Notice, Theme};
use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

pub type Ctx = UseReducerHandle<AppState>;

/// The state handle every page reads (provided by [`App`]).
#[hook]
pub fn use_app() -> Ctx {
    use_context::<Ctx>().expect("inside App")
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(browser::initial_state);
    // Route from the hash.
    {
        let d = state.dispatcher();
        use_effect_with((), move |_| {
            let l = EventListener::new(&browser::window(), "hashchange", move |_| {
                let route = Route::parse(&browser::hash());
                if let Some(page) = route.opened() {
                    browser::replace_hash(&page);
                }
                d.dispatch(Action::Navigate(route));
                browser::window().scroll_to_with_x_and_y(0.0, 0.0);
            });
            move || drop(l)
        });
    }
    // Follow the system theme.
    {
        let d = state.dispatcher();
        use_effect_with((), move |_| {
            let l = browser::dark_media().map(|m| {
                EventListener::new(&m, "change", move |_| {
                    d.dispatch(Action::SystemDark(browser::prefers_dark()))
                })
            });
            move || drop(l)
        });
    }
    // Global shortcuts (not while typing).
    {
        let d = state.dispatcher();
        use_effect_with((), move |_| {
            // Not passive: shortcuts call preventDefault.
            let opts = gloo::events::EventListenerOptions::enable_prevent_default();
            let l =
                EventListener::new_with_options(&browser::document(), "keydown", opts, move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    if e.ctrl_key() || e.meta_key() || e.alt_key() || typing(e) {
                        return;
                    }
                    let go = |r: Route| browser::set_hash(&r);
                    match e.key().as_str() {
                        "?" => d.dispatch(Action::ToggleHelp(true)),
                        "Escape" => d.dispatch(Action::ToggleHelp(false)),
                        "h" => go(Route::Home),
                        "p" => go(Route::Playground),
                        "r" => go(Route::Rules),
                        "n" => browser::click_testid("next-lesson"),
                        "t" => d.dispatch(Action::CycleTheme),
                        "l" => d.dispatch(Action::ToggleLang),
                        _ => return,
                    }
                    e.prevent_default();
                });
            move || drop(l)
        });
    }
    // Save whenever the stored part changed.
    {
        let s = state.clone();
        use_effect_with(state.revision, move |rev| {
            if *rev > 0 && s.can_save && browser::save(&s.stored).is_err() {
                s.dispatch(Action::SaveFailed);
            }
        });
    }
    let lang = state.lang();
    let dark = state.dark();
    use_effect_with((lang, dark), |(lang, dark)| browser::set_root(*lang, *dark));

    let page = match &state.route {
        Route::Home => html! { <home::Home /> },
        // Keyed by `shared_opened` too: a share link opened on its own page remounts it.
        Route::Lesson(id) | Route::SharedLesson(id, _) => html! {
            <lesson::LessonPage key={format!("{id}/{}", state.shared_opened)} id={id.clone()} />
        },
        // `Shared` is only ever a moment: the reducer opens the link and routes here.
        Route::Playground | Route::Shared(_) => {
            html! { <playground::Playground key={state.shared_opened.to_string()} /> }
        }
        Route::Rules => html! { <rules::RulesPage /> },
        Route::Rule(code) => html! { <rules::RulePage key={code.clone()} code={code.clone()} /> },
        Route::NotFound(_) => html! { <NotFound /> },
    };
    html! {
        <ContextProvider<Ctx> context={state.clone()}>
            <a class="skip" href="#main" onclick={skip_to_main()}>{ T::SkipToContent.get(lang) }</a>
            <Header />
            <NoticeBar />
            <main id="main" tabindex="-1">{ page }</main>
            <footer class="footer">
                <span>{ T::ProgressSaved.get(lang) }</span>
                <button class="link-button" onclick={open_help(&state)}>{ T::ShortcutsButton.get(lang) }{ " (?)" }</button>
            </footer>
            if state.help_open { <HelpDialog /> }
        </ContextProvider<Ctx>>
    }
}

/// In-page links would change the hash route; move focus instead.
fn skip_to_main() -> Callback<MouseEvent> {
    Callback::from(|e: MouseEvent| {
        e.prevent_default();
        browser::focus_id("main");
    })
}

fn open_help(state: &Ctx) -> Callback<MouseEvent> {
    let d = state.dispatcher();
    Callback::from(move |_| d.dispatch(Action::ToggleHelp(true)))
}

fn typing(e: &web_sys::KeyboardEvent) -> bool {
    let Some(el) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    let tag = el.tag_name().to_ascii_lowercase();
    matches!(tag.as_str(), "input" | "textarea" | "select")
        || el
            .closest("[contenteditable=true], .cm-editor")
            .ok()
            .flatten()
            .is_some()
}

#[function_component(Header)]
fn header() -> Html {
    let ctx = use_app();
    let lang = ctx.lang();
    let t = |k: T| k.get(lang);
    let active = |r: &Route| -> Option<&'static str> {
        let on = matches!(
            (&ctx.route, r),
            (Route::Home | Route::Lesson(_), Route::Home)
                | (Route::Playground, Route::Playground)
                | (Route::Rules | Route::Rule(_), Route::Rules)
        );
        on.then_some("page")
    };
    let theme_label = match ctx.stored.theme {
        Theme::System => T::ThemeSystem,
        Theme::Light => T::ThemeLight,
        Theme::Dark => T::ThemeDark,
    };
    let toggle_lang = {
        let d = ctx.dispatcher();
        Callback::from(move |_| d.dispatch(Action::ToggleLang))
    };
    let cycle_theme = {
        let d = ctx.dispatcher();
        Callback::from(move |_| d.dispatch(Action::CycleTheme))
    };
    let theme_icon = if ctx.dark() { "☾" } else { "☀" };
    html! {
        <header class="topbar">
            <a class="brand" href="#/">
                <span class="logo" aria-hidden="true">{ "Go" }</span>
                <span>{ t(T::AppName) }</span>
            </a>
            <nav aria-label={ if lang == Lang::Zh { "主导航" } else { "Main" } }>
                <a href="#/" aria-current={active(&Route::Home)}>{ t(T::NavHome) }</a>
                <a href="#/playground" aria-current={active(&Route::Playground)}>{ t(T::NavPlayground) }</a>
                <a href="#/rules" aria-current={active(&Route::Rules)}>{ t(T::NavRules) }</a>
            </nav>
            <div class="tools">
                <button data-testid="lang-switch" lang={ if lang == Lang::Zh { "en" } else { "zh-CN" } }
                    title={t(T::SwitchLangLabel)} onclick={toggle_lang}>{ t(T::SwitchLang) }</button>
                <button data-testid="theme-switch" data-theme={ctx.stored.theme.as_str()}
                    title={t(theme_label)} aria-label={t(theme_label)} onclick={cycle_theme}>
                    <span aria-hidden="true">{ theme_icon }</span>
                </button>
            </div>
        </header>
    }
}

#[function_component(NoticeBar)]
fn notice_bar() -> Html {
    let ctx = use_app();
    let lang = ctx.lang();
    let Some(n) = &ctx.notice else {
        return html! {};
    };
    let (text, alert) = match n {
        Notice::Corrupt { kept_at } => (
            T::StorageCorrupt.fmt(lang, kept_at.as_deref().unwrap_or("-")),
            true,
        ),
        Notice::StorageFull => (T::StorageFull.get(lang).to_string(), true),
        Notice::ImportDone => (T::ImportDone.get(lang).to_string(), false),
        Notice::ImportFailed => (T::ImportFailed.get(lang).to_string(), true),
        Notice::SharedOpened { kept_own: true } => {
            (T::SharedOpenedKept.get(lang).to_string(), false)
        }
        Notice::SharedOpened { kept_own: false } => (T::SharedOpened.get(lang).to_string(), false),
        Notice::SharedBroken(e) => (
            match e {
                ShareError::Damaged => T::SharedDamaged,
                ShareError::NotText => T::SharedNotText,
                ShareError::TooLarge => T::SharedTooLarge,
            }
            .get(lang)
            .to_string(),
            true,
        ),
    };
    let dismiss = {
        let d = ctx.dispatcher();
        Callback::from(move |_| d.dispatch(Action::Notice(None)))
    };
    html! {
        <div class={classes!("notice", alert.then_some("notice-alert"))}
             role={ if alert { "alert" } else { "status" } } data-testid="notice">
            <span>{ text }</span>
            <button onclick={dismiss}>{ T::Dismiss.get(lang) }</button>
        </div>
    }
}

#[function_component(HelpDialog)]
fn help_dialog() -> Html {
    let ctx = use_app();
    let lang = ctx.lang();
    let close = {
        let d = ctx.dispatcher();
        Callback::from(move |_| d.dispatch(Action::ToggleHelp(false)))
    };
    use_effect_with((), |_| browser::focus_id("help-close"));
    let rows: &[(&str, T)] = &[
        ("?", T::KeyHelp),
        ("h", T::KeyHome),
        ("p", T::KeyPlayground),
        ("r", T::KeyRules),
        ("n", T::KeyNext),
        ("t", T::KeyTheme),
        ("l", T::KeyLang),
        ("Tab", T::KeyTab),
        ("Esc, Tab", T::KeyEscTab),
        ("Ctrl/⌘ F", T::KeySearch),
        ("Ctrl/⌘ Z, Ctrl/⌘ Shift Z", T::KeyUndo),
        ("F8", T::KeyNextDiag),
    ];
    html! {
        <div class="backdrop" onclick={close.clone()}>
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title"
                 onclick={Callback::from(|e: MouseEvent| e.stop_propagation())}>
                <h2 id="help-title">{ T::ShortcutsTitle.get(lang) }</h2>
                <table class="keys">
                    <tbody>
                    { for rows.iter().map(|(k, t)| html! {
                        <tr><th scope="row"><kbd>{ *k }</kbd></th><td>{ t.get(lang) }</td></tr>
                    }) }
                    </tbody>
                </table>
                <button id="help-close" onclick={close}>{ T::Close.get(lang) }</button>
            </div>
        </div>
    }
}

#[function_component(NotFound)]
fn not_found() -> Html {
    let ctx = use_app();
    let lang = ctx.lang();
    html! {
        <section class="page narrow">
            <h1>{ T::NotFoundTitle.get(lang) }</h1>
            <p>{ T::NotFoundText.get(lang) }</p>
            <ul class="links">
                <li><a href="#/">{ T::NavHome.get(lang) }</a></li>
                <li><a href="#/playground">{ T::NavPlayground.get(lang) }</a></li>
                <li><a href="#/rules">{ T::NavRules.get(lang) }</a></li>
            </ul>
        </section>
    }
}
