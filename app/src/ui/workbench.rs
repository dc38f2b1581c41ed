//! Editor + live analysis + findings panel + status line: shared by lessons and the
//! playground. Analysis runs in wasm on every change, re-parsing incrementally.

use super::editor::{Editor, EditorHandle};
use super::use_app;
use crate::browser;
use crate::i18n::T;
use crate::view;
use analyzer_core::grade::Grade;
use analyzer_core::{Analysis, Document, Options};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub struct Outcome {
    pub text: Rc<str>,
    pub analysis: Rc<Analysis>,
    pub millis: f64,
    /// The grade against the lesson in `WorkbenchProps::lesson`, from the same parse.
    pub grade: Option<Rc<Grade>>,
}

#[derive(Properties, PartialEq)]
pub struct WorkbenchProps {
    pub initial: AttrValue,
    pub options: Options,
    pub handle: EditorHandle,
    /// Grade every change against this lesson (by id).
    #[prop_or_default]
    pub lesson: Option<AttrValue>,
    /// Every new analysis (not the first one, which the page computes itself).
    #[prop_or_default]
    pub on_result: Callback<Outcome>,
}

#[function_component(Workbench)]
pub fn workbench(props: &WorkbenchProps) -> Html {
    let ctx = use_app();
    let lang = ctx.lang();
    let doc = {
        let initial = props.initial.clone();
        let options = props.options.clone();
        use_mut_ref(move || {
            let t0 = browser::now_ms();
            let d = Document::new(&initial, options);
            (d, browser::now_ms() - t0)
        })
    };
    let outcome = {
        let doc = doc.clone();
        let initial = props.initial.clone();
        use_state(move || {
            let d = doc.borrow();
            Outcome {
                text: Rc::from(initial.as_str()),
                analysis: Rc::new(d.0.analysis().clone()),
                millis: d.1,
                grade: None,
            }
        })
    };
    let on_change = {
        let doc = doc.clone();
        let outcome = outcome.clone();
        let on_result = props.on_result.clone();
        let lesson = props.lesson.as_deref().and_then(lessons::by_id);
        Callback::from(move |text: String| {
            let t0 = browser::now_ms();
            let mut d = doc.borrow_mut();
            let analysis = Rc::new(d.0.set_text(&text).clone());
            let millis = browser::now_ms() - t0;
            let grade = lesson.map(|l| Rc::new(l.grade_document(&d.0)));
            drop(d);
            let o = Outcome {
                text: Rc::from(text),
                analysis,
                millis,
                grade,
            };
            outcome.set(o.clone());
            on_result.emit(o);
        })
    };
    // Push findings into the editor whenever they or the language change.
    {
        let handle = props.handle.clone();
        use_effect_with((outcome.analysis.clone(), lang), move |(a, lang)| {
            handle.set_diagnostics(view::editor_payload(a, *lang));
        });
    }
    let items = view::panel_items(&outcome.analysis, lang);
    let count = match items.len() {
        1 => T::OneFinding.get(lang).to_string(),
        n => T::FindingsCount.fmt(lang, n),
    };
    let millis = format!("{:.2}", outcome.millis);
    html! {
        <div class="workbench">
            <p class="editor-help" id="editor-help">{ T::EditorHelp.get(lang) }</p>
            <Editor handle={props.handle.clone()} initial={props.initial.clone()}
                    on_change={on_change} label={T::EditorLabel.get(lang)} />
            <section class="findings" aria-labelledby="findings-title">
                <div class="findings-head">
                    <h2 id="findings-title">{ T::Diagnostics.get(lang) }</h2>
                    <span class="count" aria-live="polite" aria-atomic="true" data-testid="diagnostic-count">{ count }</span>
                </div>
                if items.is_empty() {
                    <p class="empty">{ "✓ " }{ T::NoDiagnostics.get(lang) }</p>
                } else {
                    <ul class="diag-list">
                    { for items.iter().map(|it| {
                        let handle = props.handle.clone();
                        let (from, to) = (it.from, it.to);
                        let jump = Callback::from(move |_| handle.reveal(from, to));
                        html! {
                            <li class={classes!("diag", it.severity.as_str())}>
                                <button class="diag-jump" data-testid="diagnostic"
                                    data-code={it.code} data-line={it.line.to_string()} onclick={jump}>
                                    <span class="diag-line">{ T::Line.fmt(lang, it.line) }</span>
                                    <span class="diag-msg">{ for view::code_spans(&it.message).into_iter().map(|(code, text)| {
                                        if code { html! { <code>{ text }</code> } } else { html! { { text } } }
                                    }) }</span>
                                </button>
                                <a class="diag-code" href={format!("#/rules/{}", it.code)} title={it.rule}>{ it.code }</a>
                            </li>
                        }
                    }) }
                    </ul>
                }
                <p class="status-line" data-testid="analysis-time" data-ms={millis.clone()}
                   data-chars={outcome.text.len().to_string()}>
                    { T::AnalysedIn.fmt(lang, millis) }
                </p>
            </section>
        </div>
    }
}
