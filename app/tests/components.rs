//! Component tests in headless Chromium (wasm-bindgen-test): pages mounted with a given
//! state, checked through the DOM. Run with
//! `cargo test -p app --target wasm32-unknown-unknown --test components`.
#![cfg(target_arch = "wasm32")]

use app::i18n::Lang;
use app::route::Route;
use app::state::{AppState, LessonProgress, Loaded, Stored};
use app::ui::testing::{Page, mount};
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn state(lang: Lang, stored: Stored) -> AppState {
    AppState::new(Route::Home, lang, Loaded::Ok(stored), None)
}

/// Mounts `page` into a fresh element and lets yew render.
async fn render(state: AppState, page: Page) -> Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    let _ = mount(root.clone(), state, page);
    settle().await;
    root
}

async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(20)).await;
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

fn one(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

fn text(e: &Element) -> String {
    e.text_content().unwrap_or_default()
}

fn click(e: &Element) {
    e.dyn_ref::<HtmlElement>().unwrap().click();
}

#[wasm_bindgen_test]
async fn home_lists_every_chapter_and_each_lessons_status() {
    let lessons = lessons::all();
    let (solved, started) = (&lessons[0], &lessons[1]);
    let mut stored = Stored::default();
    stored.lessons.insert(
        solved.meta.id.clone(),
        LessonProgress {
            solved: true,
            ..LessonProgress::default()
        },
    );
    stored.lessons.insert(
        started.meta.id.clone(),
        LessonProgress {
            hints: 1,
            ..LessonProgress::default()
        },
    );
    let root = render(state(Lang::En, stored), Page::Home).await;
    let list = one(&root, "[data-testid=chapter-list]");
    assert_eq!(all(&list, "li.chapter").len(), 100);
    let links = all(&list, "[data-testid=lesson-link]");
    assert_eq!(links.len(), lessons.len());
    let status = |id: &str| {
        one(&list, &format!("[data-lesson-id='{id}']"))
            .get_attribute("data-status")
            .unwrap()
    };
    assert_eq!(status(&solved.meta.id), "solved");
    assert_eq!(status(&started.meta.id), "in-progress");
    assert_eq!(status(&lessons[2].meta.id), "not-started");
    let body = text(&root);
    assert!(
        body.contains(&format!("1 / {}", lessons.len())),
        "overall progress missing: {body}"
    );
    let cont = one(&root, "[data-testid=continue]");
    assert!(cont.get_attribute("href").unwrap().starts_with("#/lesson/"));
}

#[wasm_bindgen_test]
async fn the_language_switch_changes_the_labels() {
    let root = render(state(Lang::Zh, Stored::default()), Page::Home).await;
    let switch = one(&root, "[data-testid=lang-switch]");
    let nav = || text(&one(&root, "nav"));
    assert!(nav().contains("课程"), "{}", nav());
    click(&switch);
    settle().await;
    assert!(nav().contains("Curriculum"), "{}", nav());
    let first = &lessons::all()[0];
    let link = one(&root, &format!("[data-lesson-id='{}']", first.meta.id));
    assert!(
        text(&link).contains(&first.meta.title_en),
        "{}",
        text(&link)
    );
    click(&switch);
    settle().await;
    assert!(nav().contains("课程"), "{}", nav());
}

#[wasm_bindgen_test]
async fn rules_search_filters_the_list() {
    let root = render(state(Lang::En, Stored::default()), Page::Rules).await;
    let codes = || {
        all(&root, "[data-testid=rule-link]")
            .iter()
            .map(|e| e.get_attribute("data-code").unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(codes().len(), analyzer_core::rules().len());
    let input: HtmlInputElement = one(&root, "[data-testid=rule-search]").dyn_into().unwrap();
    let search = |q: &str| {
        input.set_value(q);
        let ev = web_sys::InputEvent::new("input").unwrap();
        input.dispatch_event(&ev).unwrap();
    };
    search("ticker");
    settle().await;
    assert_eq!(codes(), ["GP3001"]);
    search("no rule is called this");
    settle().await;
    assert!(codes().is_empty());
}

#[wasm_bindgen_test]
async fn a_rule_page_shows_its_docs_and_the_lessons_teaching_it() {
    let root = render(
        state(Lang::En, Stored::default()),
        Page::Rule("GP3001".into()),
    )
    .await;
    let h1 = text(&one(&root, "h1"));
    assert!(h1.contains("GP3001"), "{h1}");
    let headings: Vec<String> = all(&root, ".prose h2").iter().map(text).collect();
    assert!(
        headings.iter().any(|h| h == "Why is this bad?"),
        "{headings:?}"
    );
    let taught: Vec<String> = all(&root, "section a")
        .iter()
        .filter_map(|a| a.get_attribute("href"))
        .collect();
    let want: Vec<String> = lessons::all()
        .iter()
        .filter(|l| l.target_codes().iter().any(|c| c == "GP3001"))
        .map(|l| format!("#/lesson/{}", l.meta.id))
        .collect();
    assert!(!want.is_empty());
    assert_eq!(taught, want);
}

#[wasm_bindgen_test]
async fn an_unknown_rule_and_an_unknown_page_say_so() {
    let root = render(
        state(Lang::En, Stored::default()),
        Page::Rule("GP9999".into()),
    )
    .await;
    assert!(
        all(&root, "main a")
            .iter()
            .any(|a| a.get_attribute("href").as_deref() == Some("#/rules"))
    );
    assert!(!text(&one(&root, "h1")).contains("GP9999"));
    let root = render(state(Lang::Zh, Stored::default()), Page::NotFound).await;
    let links: Vec<String> = all(&root, "main a")
        .iter()
        .filter_map(|a| a.get_attribute("href"))
        .collect();
    assert_eq!(links, ["#/", "#/playground", "#/rules"]);
}

#[wasm_bindgen_test]
async fn corrupt_storage_is_announced_and_can_be_dismissed() {
    let s = AppState::new(
        Route::Home,
        Lang::En,
        Loaded::Corrupt,
        Some("gopitfall.v1.corrupt".into()),
    );
    let root = render(s, Page::Home).await;
    let notice = one(&root, "[data-testid=notice]");
    assert_eq!(notice.get_attribute("role").as_deref(), Some("alert"));
    assert!(
        text(&notice).contains("gopitfall.v1.corrupt"),
        "{}",
        text(&notice)
    );
    click(&one(&notice, "button"));
    settle().await;
    assert!(
        root.query_selector("[data-testid=notice]")
            .unwrap()
            .is_none()
    );
}
