//! `#/rules` (searchable, filterable) and `#/rules/<code>` (a rule's documentation).

use super::use_app;
use crate::browser;
use crate::i18n::{Lang, T};
use crate::markdown;
use crate::route::Route;
use crate::state::Action;
use crate::view::{self, CATEGORIES, SEVERITIES};
use wasm_bindgen::JsCast;
use yew::prelude::*;

fn input_value(e: &Event) -> String {
    e.target()
        .and_then(|t| {
            t.clone()
                .dyn_into::<web_sys::HtmlInputElement>()
                .map(|i| i.value())
                .or_else(|_| {
                    t.dyn_into::<web_sys::HtmlSelectElement>()
                        .map(|s| s.value())
                })
                .ok()
        })
        .unwrap_or_default()
}

#[function_component(RulesPage)]
pub fn rules_page() -> Html {
    let ctx = use_app();
    let lang = ctx.lang();
    let t = |k: T| k.get(lang);
    let query = use_state(String::new);
    let category = use_state(String::new);
    let severity = use_state(String::new);
    let rows = view::rule_rows();
    let shown = view::filter_rules(
        &rows,
        &query,
        view::category_from_str(&category),
        view::severity_from_str(&severity),
    );
    let on_query = {
        let q = query.clone();
        Callback::from(move |e: InputEvent| q.set(input_value(&e.into())))
    };
    let on_cat = {
        let c = category.clone();
        Callback::from(move |e: Event| c.set(input_value(&e)))
    };
    let on_sev = {
        let s = severity.clone();
        Callback::from(move |e: Event| s.set(input_value(&e)))
    };
    html! {
        <section class="page">
            <div class="page-head">
                <h1>{ t(T::RulesTitle) }</h1>
                <p class="lead">{ t(T::RulesIntro) }</p>
            </div>
            <div class="filters" role="search">
                <label>
                    <span>{ t(T::Search) }</span>
                    <input type="search" data-testid="rule-search" placeholder={t(T::SearchPlaceholder)}
                           value={(*query).clone()} oninput={on_query} />
                </label>
                <label>
                    <span>{ t(T::Category) }</span>
                    <select data-testid="rule-category" onchange={on_cat}>
                        <option value="" selected={category.is_empty()}>{ t(T::All) }</option>
                        { for CATEGORIES.iter().map(|c| html! {
                            <option value={c.as_str()} selected={*category == c.as_str()}>{ view::category_title(*c, lang) }</option>
                        }) }
                    </select>
                </label>
                <label>
                    <span>{ t(T::Severity) }</span>
                    <select data-testid="rule-severity" onchange={on_sev}>
                        <option value="" selected={severity.is_empty()}>{ t(T::All) }</option>
                        { for SEVERITIES.iter().map(|s| html! {
                            <option value={s.as_str()} selected={*severity == s.as_str()}>{ view::severity_title(*s, lang) }</option>
                        }) }
                    </select>
                </label>
            </div>
            <p class="muted" aria-live="polite">{ T::RulesShown.fmt(lang, shown.len()) }</p>
            if shown.is_empty() {
                <p class="empty">{ t(T::NoRulesMatch) }</p>
            } else {
                <ul class="rule-list">
                { for shown.iter().map(|r| html! {
                    <li>
                        <a class="rule-card" data-testid="rule-link" data-code={r.code} href={format!("#/rules/{}", r.code)}>
                            <span class="rule-code">{ r.code }</span>
                            <span class="rule-title">{ if lang == Lang::Zh { r.title_zh } else { r.title_en } }</span>
                            <span class="rule-name">{ r.name }</span>
                            <span class="rule-tags">
                                <span class="badge">{ view::category_title(r.category, lang) }</span>
                                <span class={classes!("badge", "sev", r.severity.as_str())}>{ view::severity_title(r.severity, lang) }</span>
                            </span>
                        </a>
                    </li>
                }) }
                </ul>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct RuleProps {
    pub code: AttrValue,
}

#[function_component(RulePage)]
pub fn rule_page(props: &RuleProps) -> Html {
    let ctx = use_app();
    let lang = ctx.lang();
    let t = |k: T| k.get(lang);
    let Some(rule) = analyzer_core::rule(&props.code) else {
        return html! {
            <section class="page narrow">
                <h1>{ t(T::NotFoundTitle) }</h1>
                <p>{ t(T::RuleNotFound) }</p>
                <p><a href="#/rules">{ t(T::AllRules) }</a></p>
            </section>
        };
    };
    let docs = rule.docs(lang);
    let html_docs = Html::from_html_unchecked(AttrValue::from(markdown::render(docs, lang)));
    let teaching = view::lessons_teaching(rule.code);
    let bad = markdown::first_bad_example(docs);
    let open_bad = bad.map(|code| {
        let d = ctx.dispatcher();
        Callback::from(move |_| {
            d.dispatch(Action::SetPlayground(code.clone()));
            browser::set_hash(&Route::Playground);
        })
    });
    html! {
        <article class="page narrow rule-page">
            <nav class="crumbs" aria-label={ if lang == Lang::Zh { "位置" } else { "Breadcrumb" } }>
                <a href="#/rules">{ t(T::AllRules) }</a>
            </nav>
            <h1><span class="rule-code">{ rule.code }</span>{ " " }{ rule.title(lang) }</h1>
            <p class="meta">
                <code>{ rule.name }</code>
                <span class="badge">{ view::category_title(rule.category, lang) }</span>
                <span class={classes!("badge", "sev", rule.severity.as_str())}>{ view::severity_title(rule.severity, lang) }</span>
            </p>
            if let Some(cb) = open_bad {
                <p><button class="secondary" onclick={cb}>{ t(T::TryInPlayground) }</button></p>
            }
            <div class="prose">{ html_docs }</div>
            <section aria-labelledby="taught-title">
                <h2 id="taught-title">{ t(T::TaughtIn) }</h2>
                if teaching.is_empty() {
                    <p class="muted">{ t(T::NotTaughtYet) }</p>
                } else {
                    <ul class="links">
                    { for teaching.iter().map(|l| html! {
                        <li><a href={format!("#/lesson/{}", l.meta.id)}>{ l.title(lang) }</a>
                            <span class="muted">{ " · " }{ T::Chapter.fmt(lang, l.meta.chapter) }</span></li>
                    }) }
                    </ul>
                }
            </section>
        </article>
    }
}
