//! Go Pitfall Lab's single-page app.
//!
//! Architecture invariant: the app holds no analysis logic. It shows what `analyzer-core`
//! reports and what `lessons` contains. Pure state (routes, progress, view models, i18n)
//! lives in plain modules with native tests; `ui` is thin yew components over them, and
//! the CodeMirror editor is reached only through `ui::editor`.

pub mod catalog;
pub mod diff;
pub mod i18n;
pub mod markdown;
pub mod route;
pub mod share;
pub mod state;
pub mod view;

#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(target_arch = "wasm32")]
pub mod ui;

/// Mounts the app into `<body>`. Only meaningful in a browser.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    yew::Renderer::<ui::App>::new().render();
}
