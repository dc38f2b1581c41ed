//! The browser's side effects in one place: storage, location, media queries, clock,
//! downloads. Everything else is pure.

use crate::i18n::{self, Lang};
use crate::route::Route;
use crate::state::{AppState, CORRUPT_KEY, Loaded, STORAGE_KEY, Stored, parse_stored};
use wasm_bindgen::JsCast;

pub fn window() -> web_sys::Window {
    web_sys::window().expect("running in a browser window")
}

pub fn document() -> web_sys::Document {
    window().document().expect("window has a document")
}

pub fn hash() -> String {
    window().location().hash().unwrap_or_default()
}

pub fn set_hash(route: &Route) {
    let _ = window().location().set_hash(&route.href());
}

/// Replaces the address's fragment without a history entry or a `hashchange`: a share link,
/// once opened, becomes `#/playground` (or `#/lesson/<id>`), so reloading shows the learner's
/// edits, not the link's code again.
pub fn replace_hash(route: &Route) {
    if let Ok(h) = window().history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&route.href()));
    }
}

/// This page's address without its fragment (share links are built on it).
pub fn page_url() -> String {
    let href = window().location().href().unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_string()
}

/// Copies `text` to the clipboard; `false` when the browser refuses (no permission, not a
/// secure context): the caller then shows the text to copy by hand.
pub async fn copy_text(text: &str) -> bool {
    let promise = window().navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

pub fn prefers_dark() -> bool {
    window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

pub fn dark_media() -> Option<web_sys::MediaQueryList> {
    window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
}

pub fn browser_lang() -> Lang {
    i18n::lang_from_browser(&window().navigator().language().unwrap_or_default())
}

/// Reads the saved state. An unreadable value is copied to [`CORRUPT_KEY`] before the app
/// starts fresh; if even that fails, saving stays off so the value is never overwritten.
pub fn initial_state() -> AppState {
    let raw = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    let loaded = parse_stored(raw.as_deref());
    let kept = match (&loaded, &raw, storage()) {
        (Loaded::Corrupt, Some(raw), Some(s)) => s
            .set_item(CORRUPT_KEY, raw)
            .ok()
            .map(|_| CORRUPT_KEY.to_string()),
        _ => None,
    };
    let route = Route::parse(&hash());
    let mut state = AppState::new(route.clone(), browser_lang(), loaded, kept);
    if let Some(page) = route.opened() {
        replace_hash(&page);
        state = state.apply(crate::state::Action::Navigate(route));
    }
    state.system_dark = prefers_dark();
    state
}

/// Saves the state; `Err` when storage is full or unavailable.
pub fn save(stored: &Stored) -> Result<(), ()> {
    let s = storage().ok_or(())?;
    s.set_item(STORAGE_KEY, &stored.to_json()).map_err(|_| ())
}

pub fn now_ms() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

/// Reflects language and theme on `<html>` (CSS and screen readers read them there).
pub fn set_root(lang: Lang, dark: bool) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute(
            "lang",
            match lang {
                Lang::Zh => "zh-CN",
                Lang::En => "en",
            },
        );
        let _ = root.set_attribute("data-theme", if dark { "dark" } else { "light" });
    }
    document().set_title(crate::i18n::T::AppName.get(lang));
}

/// Offers `text` as a file download.
pub fn download(name: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = document().create_element("a")
        && let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>()
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Clicks the element with this `data-testid`, if any (keyboard shortcuts reuse buttons).
pub fn click_testid(id: &str) {
    if let Ok(Some(el)) = document().query_selector(&format!("[data-testid=\"{id}\"]"))
        && let Ok(el) = el.dyn_into::<web_sys::HtmlElement>()
    {
        el.click();
    }
}

pub fn focus_id(id: &str) {
    if let Some(el) = document().get_element_by_id(id)
        && let Ok(el) = el.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = el.focus();
    }
}
