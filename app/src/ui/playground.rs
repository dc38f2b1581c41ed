//! `#/playground`: free editing with every rule on; the code persists. Share links carry the
//! code in the URL fragment (`share.rs`); opening one is the reducer's job.

use super::editor::EditorHandle;
use super::use_app;
use super::workbench::{Outcome, Workbench};
use crate::browser;
use crate::i18n::T;
use crate::route::Route;
use crate::share;
use crate::state::Action;
use analyzer_core::Options;
use yew::prelude::*;

pub use crate::view::PLAYGROUND_EXAMPLE as EXAMPLE;

/// What the share button last did.
#[derive(Clone, PartialEq)]
enum Shared {
    None,
    Copied(String),
    CopyByHand(String),
    TooLarge,
}

#[function_component(Playground)]
pub fn playground() -> Html {
    let ctx = use_app();
    let lang = ctx.lang();
    let handle = use_memo((), |_| EditorHandle::default());
    let initial = use_memo((), {
        let code = ctx.stored.playground.clone();
        move |_| code.unwrap_or_else(|| EXAMPLE.to_string())
    });
    let shared = use_state(|| Shared::None);
    let on_result = {
        let d = ctx.dispatcher();
        let shared = shared.clone();
        Callback::from(move |o: Outcome| {
            // A link shown for older code would share the wrong thing.
            shared.set(Shared::None);
            d.dispatch(Action::SetPlayground(o.text.to_string()))
        })
    };
    let restore = {
        let handle = handle.clone();
        Callback::from(move |_| handle.set_text(EXAMPLE))
    };
    let share = {
        let code = ctx
            .stored
            .playground
            .clone()
            .unwrap_or_else(|| initial.to_string());
        let shared = shared.clone();
        Callback::from(move |_| match share::encode(&code) {
            None => shared.set(Shared::TooLarge),
            Some(param) => {
                let link = format!("{}{}", browser::page_url(), Route::Shared(param).href());
                let shared = shared.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let copied = browser::copy_text(&link).await;
                    shared.set(if copied {
                        Shared::Copied(link)
                    } else {
                        Shared::CopyByHand(link)
                    });
                });
            }
        })
    };
    // Offered for as long as a share link's code stands in for the learner's own.
    let restore_own = ctx.stored.playground_backup.clone().map(|own| {
        let d = ctx.dispatcher();
        let handle = handle.clone();
        Callback::from(move |_| {
            d.dispatch(Action::RestoreOwnPlayground);
            handle.set_text(&own);
        })
    });
    let share_status = match &*shared {
        Shared::None => html! {},
        Shared::TooLarge => html! {
            <p class="share-status" role="alert" data-testid="share-status">{ T::ShareTooLarge.get(lang) }</p>
        },
        Shared::Copied(link) | Shared::CopyByHand(link) => {
            let text = if matches!(&*shared, Shared::Copied(_)) {
                T::ShareCopied
            } else {
                T::ShareCopyByHand
            };
            let select = Callback::from(|e: FocusEvent| {
                use wasm_bindgen::JsCast;
                if let Some(i) = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                {
                    i.select();
                }
            });
            html! {
                <div class="share-status" role="status" data-testid="share-status">
                    <p>{ text.get(lang) }</p>
                    <input type="text" readonly=true value={link.clone()} onfocus={select}
                        aria-label={T::ShareLinkLabel.get(lang)} data-testid="share-link" />
                </div>
            }
        }
    };
    html! {
        <section class="page wide">
            <div class="page-head">
                <h1>{ T::PlaygroundTitle.get(lang) }</h1>
                <p class="lead">{ T::PlaygroundIntro.get(lang) }</p>
                <div class="actions">
                    <button class="secondary" onclick={restore}>{ T::ResetExample.get(lang) }</button>
                    <button class="secondary" onclick={share} data-testid="share-button">{ T::ShareLink.get(lang) }</button>
                    if let Some(cb) = restore_own {
                        <button class="secondary" onclick={cb} data-testid="restore-own">{ T::RestoreOwnCode.get(lang) }</button>
                    }
                </div>
                { share_status }
            </div>
            <Workbench initial={AttrValue::from(initial.to_string())} options={Options::default()}
                handle={(*handle).clone()} on_result={on_result} />
        </section>
    }
}
