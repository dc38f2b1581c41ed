//! `#/playground`: free editing with every rule on; the code persists. Share links carry the
//! code in the URL fragment (`share.rs`); opening one is the reducer's job.

use super::editor::EditorHandle;
use super::share_button::ShareButton;
use super::use_app;
use super::workbench::{Outcome, Workbench};
use crate::i18n::T;
use crate::state::Action;
use analyzer_core::Options;
use yew::prelude::*;

pub use crate::view::PLAYGROUND_EXAMPLE as EXAMPLE;

#[function_component(Playground)]
pub fn playground() -> Html {
    let ctx = use_app();
    let lang = ctx.lang();
    let handle = use_memo((), |_| EditorHandle::default());
    let initial = use_memo((), {
        let code = ctx.stored.playground.clone();
        move |_| code.unwrap_or_else(|| EXAMPLE.to_string())
    });
    let on_result = {
        let d = ctx.dispatcher();
        Callback::from(move |o: Outcome| d.dispatch(Action::SetPlayground(o.text.to_string())))
    };
    let restore = {
        let handle = handle.clone();
        Callback::from(move |_| handle.set_text(EXAMPLE))
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
    let code = ctx
        .stored
        .playground
        .clone()
        .unwrap_or_else(|| initial.to_string());
    html! {
        <section class="page wide">
            <div class="page-head">
                <h1>{ T::PlaygroundTitle.get(lang) }</h1>
                <p class="lead">{ T::PlaygroundIntro.get(lang) }</p>
                <div class="actions">
                    <button class="secondary" onclick={restore}>{ T::ResetExample.get(lang) }</button>
                    if let Some(cb) = restore_own {
                        <button class="secondary" onclick={cb} data-testid="restore-own">{ T::RestoreOwnCode.get(lang) }</button>
                    }
                    <ShareButton code={AttrValue::from(code)} />
                </div>
            </div>
            <Workbench initial={AttrValue::from(initial.to_string())} options={Options::default()}
                handle={(*handle).clone()} on_result={on_result} />
        </section>
    }
}
