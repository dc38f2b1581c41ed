//! The "Share link" button and what it did: the link is copied and also shown (selected on
//! focus) so it can be copied by hand when the browser refuses the clipboard.

use super::use_app;
use crate::browser;
use crate::i18n::T;
use crate::route::Route;
use crate::share;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ShareButtonProps {
    /// The code to share (the editor's current text).
    pub code: AttrValue,
    /// Share into this lesson instead of the playground.
    #[prop_or_default]
    pub lesson: Option<AttrValue>,
}

#[derive(Clone, PartialEq)]
enum Shared {
    None,
    Copied(String),
    CopyByHand(String),
    TooLarge,
}

#[function_component(ShareButton)]
pub fn share_button(props: &ShareButtonProps) -> Html {
    let lang = use_app().lang();
    // `_eq`: resetting on every keystroke re-renders only when a status was showing.
    let shared = use_state_eq(|| Shared::None);
    // A link shown for older code would share the wrong thing.
    {
        let shared = shared.clone();
        use_effect_with(props.code.clone(), move |_| shared.set(Shared::None));
    }
    let onclick = {
        let code = props.code.clone();
        let lesson = props.lesson.clone();
        let shared = shared.clone();
        Callback::from(move |_| match share::encode(&code) {
            None => shared.set(Shared::TooLarge),
            Some(param) => {
                let route = match &lesson {
                    Some(id) => Route::SharedLesson(id.to_string(), param),
                    None => Route::Shared(param),
                };
                let link = format!("{}{}", browser::page_url(), route.href());
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
    let status = match &*shared {
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
        <>
            <button class="secondary" {onclick} data-testid="share-button">{ T::ShareLink.get(lang) }</button>
            { status }
        </>
    }
}
