//! Mounts one page with a given state, for the wasm-bindgen component tests
//! (`app/tests/components.rs`). The lesson player and the playground are left to the
//! browser tests: they need the CodeMirror bundle, which only the built site serves.

use super::{Ctx, Header, NoticeBar, home, rules};
use crate::state::AppState;
use yew::prelude::*;

#[derive(Debug, Clone, PartialEq)]
pub enum Page {
    Home,
    Rules,
    Rule(String),
    NotFound,
}

#[derive(Properties, PartialEq)]
pub struct HostProps {
    pub state: AppState,
    pub page: Page,
}

/// The header, the notice bar and one page, over a reducer started from `state`.
#[function_component(Host)]
pub fn host(props: &HostProps) -> Html {
    let initial = props.state.clone();
    let state = use_reducer(move || initial);
    let page = match &props.page {
        Page::Home => html! { <home::Home /> },
        Page::Rules => html! { <rules::RulesPage /> },
        Page::Rule(code) => html! { <rules::RulePage code={code.clone()} /> },
        Page::NotFound => html! { <super::NotFound /> },
    };
    html! {
        <ContextProvider<Ctx> context={state}>
            <Header />
            <NoticeBar />
            <main>{ page }</main>
        </ContextProvider<Ctx>>
    }
}

/// Renders [`Host`] into `root`; the DOM is there after the next turn of the event loop.
pub fn mount(root: web_sys::Element, state: AppState, page: Page) -> yew::AppHandle<Host> {
    yew::Renderer::<Host>::with_root_and_props(root, HostProps { state, page }).render()
}
