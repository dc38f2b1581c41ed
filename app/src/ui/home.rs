//! `#/`: the curriculum, the learner's progress, and "continue where I left off".

use super::use_app;
use crate::browser;
use crate::i18n::{Lang, T};
use crate::state::{Action, Status};
use crate::view;
use wasm_bindgen::JsCast;
use yew::prelude::*;

pub fn status_label(s: Status, lang: Lang) -> &'static str {
    match s {
        Status::NotStarted => T::StatusNotStarted.get(lang),
        Status::InProgress => T::StatusInProgress.get(lang),
        Status::Solved => T::StatusSolved.get(lang),
    }
}

#[function_component(Home)]
pub fn home() -> Html {
    let ctx = use_app();
    let lang = ctx.lang();
    let t = |k: T| k.get(lang);
    let all = view::lesson_refs();
    let parts = view::curriculum(lessons::chapters(), &all, &ctx.stored);
    let (solved, total) = view::overall(&all, &ctx.stored);
    let cont = view::continue_target(&all, &ctx.stored);
    let started = !ctx.stored.lessons.is_empty();
    let export = {
        let stored = ctx.stored.clone();
        Callback::from(move |_| {
            browser::download("go-pitfall-lab-progress.json", &stored.to_pretty_json())
        })
    };
    let import = {
        let d = ctx.dispatcher();
        Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let d = d.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default();
                d.dispatch(Action::Import(text));
            });
        })
    };
    let pct = (solved * 100).checked_div(total).unwrap_or(0);
    html! {
        <div class="page">
            <section class="hero">
                <h1>{ t(T::AppName) }</h1>
                <p class="lead">{ t(T::Tagline) }</p>
                <div class="progress-box">
                    <div class="progress-text">
                        <span>{ t(T::Progress) }</span>
                        <strong>{ format!("{solved} / {total}") }</strong>
                        <span>{ t(T::LessonsSolved) }</span>
                    </div>
                    <div class="bar" role="progressbar" aria-label={t(T::Progress)}
                         aria-valuemin="0" aria-valuemax={total.to_string()} aria-valuenow={solved.to_string()}>
                        <div class="bar-fill" style={format!("width:{pct}%")}></div>
                    </div>
                    <div class="hero-actions">
                    { match cont {
                        Some(l) => html! {
                            <a class="button primary" data-testid="continue" href={format!("#/lesson/{}", l.id)}>
                                { if started { t(T::Continue) } else { t(T::Start) } }{ " → " }{ l.title(lang) }
                            </a>
                        },
                        None => html! {
                            <p class="muted">{ t(T::NoLessonsAtAll) }{ " " }<a href="#/playground">{ t(T::NavPlayground) }</a></p>
                        },
                    } }
                        <button class="secondary" onclick={export}>{ t(T::Export) }</button>
                        <label class="button secondary file-button">
                            { t(T::Import) }
                            <input type="file" accept="application/json,.json" class="visually-hidden" onchange={import} />
                        </label>
                    </div>
                </div>
            </section>
            <div class="curriculum" data-testid="chapter-list">
            { for parts.iter().map(|p| html! {
                <section class="part" aria-labelledby={format!("part-{}", p.number)}>
                    <h2 id={format!("part-{}", p.number)}>
                        <span class="part-no">{ T::Part.fmt(lang, p.number) }</span>
                        <span lang="zh-CN">{ p.title_zh }</span>
                        if !p.title_en.is_empty() { <span class="en" lang="en">{ p.title_en }</span> }
                    </h2>
                    <ol class="chapters">
                    { for p.chapters.iter().map(|c| html! {
                        <li class={classes!("chapter", c.lessons.is_empty().then_some("empty"))} value={c.number.to_string()}>
                            <div class="chapter-head">
                                <span class="chapter-no" aria-hidden="true">{ c.number }</span>
                                <div>
                                    <h3 lang="zh-CN">{ c.title_zh }</h3>
                                    <p class="en" lang="en">{ c.title_en }</p>
                                </div>
                            </div>
                            if c.lessons.is_empty() {
                                <p class="muted small">{ t(T::NoLessonsYet) }</p>
                            } else {
                                <ul class="lessons">
                                { for c.lessons.iter().map(|l| html! {
                                    <li>
                                        <a data-testid="lesson-link" data-lesson-id={l.lesson.id.to_string()}
                                           data-status={l.status.as_str()}
                                           href={format!("#/lesson/{}", l.lesson.id)}>
                                            <span class={classes!("dot", l.status.as_str())} aria-hidden="true"></span>
                                            <span class="lesson-title">{ l.lesson.title(lang) }</span>
                                            <span class={classes!("badge", l.status.as_str())}>{ status_label(l.status, lang) }</span>
                                        </a>
                                    </li>
                                }) }
                                </ul>
                            }
                        </li>
                    }) }
                    </ol>
                </section>
            }) }
            </div>
        </div>
    }
}
