//! `#/lesson/<id>`: explanation, goal, editor with the buggy code, live findings, graded
//! hints, solution as a diff, reset with a way back, and the solved state.

use super::editor::EditorHandle;
use super::share_button::ShareButton;
use super::use_app;
use super::workbench::{Outcome, Workbench};
use crate::diff::{Kind, diff_lines};
use crate::i18n::{Lang, T};
use crate::markdown;
use crate::state::{Action, Notice};
use crate::view;
use lessons::{Difficulty, Lesson};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LessonProps {
    pub id: AttrValue,
}

#[function_component(LessonPage)]
pub fn lesson_page(props: &LessonProps) -> Html {
    let ctx = use_app();
    let lang = ctx.lang();
    if lessons::by_id(&props.id).is_none() {
        return html! {
            <section class="page narrow">
                <h1>{ T::NotFoundTitle.get(lang) }</h1>
                <p>{ T::LessonNotFound.get(lang) }</p>
                <p><a href="#/">{ T::NavHome.get(lang) }</a></p>
            </section>
        };
    }
    html! { <Player lesson_id={props.id.clone()} /> }
}

#[derive(Properties, PartialEq)]
struct PlayerProps {
    lesson_id: AttrValue,
}

#[function_component(Player)]
fn player(props: &PlayerProps) -> Html {
    let ctx = use_app();
    let lang = ctx.lang();
    let t = |k: T| k.get(lang);
    let lesson: &'static Lesson = lessons::by_id(&props.lesson_id).expect("checked by LessonPage");
    let id = lesson.meta.id.clone();
    let progress = ctx.stored.progress(&id);
    let handle = use_memo((), |_| EditorHandle::default());
    let initial = use_memo((), {
        let code = progress.code.clone();
        move |_| code.unwrap_or_else(|| lesson.buggy.to_string())
    });
    let grade_state = use_state(|| lesson.grade(&initial));
    let confirm = use_state(|| false);
    let show_solution = use_state(|| false);
    let just_reset = use_state(|| false);
    // Remember the visit (continue where I left off).
    {
        let d = ctx.dispatcher();
        let id = id.clone();
        use_effect_with((), move |_| {
            d.dispatch(Action::Navigate(crate::route::Route::Lesson(id)))
        });
    }
    let on_result = {
        let d = ctx.dispatcher();
        let id = id.clone();
        let grade_state = grade_state.clone();
        Callback::from(move |o: Outcome| {
            let g = o
                .grade
                .as_deref()
                .cloned()
                .unwrap_or_else(|| lesson.grade(&o.text));
            if g.solved {
                d.dispatch(Action::Solved(id.clone()));
            }
            grade_state.set(g);
            d.dispatch(Action::EditLesson {
                id: id.clone(),
                code: o.text.to_string(),
            });
        })
    };
    let hint = {
        let d = ctx.dispatcher();
        let id = id.clone();
        Callback::from(move |_| d.dispatch(Action::ShowHint(id.clone())))
    };
    let reset = {
        let d = ctx.dispatcher();
        let id = id.clone();
        let handle = handle.clone();
        let just_reset = just_reset.clone();
        Callback::from(move |_| {
            d.dispatch(Action::Reset(id.clone()));
            handle.set_text(lesson.buggy);
            just_reset.set(true);
        })
    };
    let undo_reset = {
        let d = ctx.dispatcher();
        let id = id.clone();
        let handle = handle.clone();
        let just_reset = just_reset.clone();
        let backup = progress.backup.clone();
        Callback::from(move |_| {
            if let Some(b) = &backup {
                d.dispatch(Action::UndoReset(id.clone()));
                handle.set_text(b);
            }
            just_reset.set(false);
        })
    };
    // Opened from a share link that set the learner's own attempt aside (restored like a reset).
    let shared_over_own = matches!(ctx.notice, Some(Notice::SharedOpened { kept_own: true }));
    let use_solution = {
        let handle = handle.clone();
        Callback::from(move |_| handle.set_text(lesson.fixed))
    };
    let set = |s: &UseStateHandle<bool>, v: bool| {
        let s = s.clone();
        Callback::from(move |_| s.set(v))
    };
    let (prev, next) = view::neighbours(&view::lesson_refs(), &id);
    let hints_shown = progress.hints.min(3) as usize;
    let hint_titles = [T::HintConcept, T::HintWhere, T::HintShape];
    // Rendered once per language, not on every keystroke.
    let explanation_html = use_memo(lang, move |lang| {
        let md = match lang {
            Lang::Zh => lesson.explanation_zh,
            Lang::En => lesson.explanation_en,
        };
        Html::from_html_unchecked(AttrValue::from(markdown::render(md, *lang)))
    });
    let chapter = lessons::chapters()
        .chapters
        .iter()
        .find(|c| c.number == lesson.meta.chapter);
    let difficulty = match lesson.meta.difficulty {
        Difficulty::Beginner => T::Beginner,
        Difficulty::Intermediate => T::Intermediate,
        Difficulty::Advanced => T::Advanced,
    };
    let g = &*grade_state;
    let next_link = next.map(|n| {
        html! {
            <a class="button primary" href={format!("#/lesson/{}", n.id)}>
                { t(T::NextLesson) }{ ": " }{ n.title(lang) }{ " →" }
            </a>
        }
    });
    html! {
        <div class="page lesson">
            <nav class="crumbs" aria-label={ if lang == Lang::Zh { "位置" } else { "Breadcrumb" } }>
                <a href="#/">{ t(T::NavHome) }</a>
                <span aria-hidden="true">{ " / " }</span>
                <span>{ T::Chapter.fmt(lang, lesson.meta.chapter) }
                    { chapter.map(|c| format!(" · {}", if lang == Lang::Zh { &c.title_zh } else { &c.title_en })).unwrap_or_default() }</span>
            </nav>
            <div class="lesson-grid">
                <article class="lesson-text">
                    <h1>{ lesson.title(lang) }</h1>
                    <p class="meta">
                        <span class="badge">{ t(T::Difficulty) }{ ": " }{ t(difficulty) }</span>
                        <span class="badge">{ t(T::GoVersionLabel) }{ " " }{ &lesson.meta.go_version }</span>
                        { for lesson.target_codes().iter().map(|c| html! {
                            <a class="badge code" href={format!("#/rules/{c}")}>{ c }</a>
                        }) }
                    </p>
                    <div class="goal" role="note">
                        <h2>{ t(T::Goal) }</h2>
                        <p>{ if lang == Lang::Zh { &lesson.meta.goal_zh } else { &lesson.meta.goal_en } }</p>
                    </div>
                    <section class="prose" aria-label={t(T::Explanation)}>{ (*explanation_html).clone() }</section>
                    <section class="hints" aria-labelledby="hints-title">
                        <h2 id="hints-title">{ t(T::Hints) }{ format!(" ({hints_shown}/3)") }</h2>
                        <ol>
                        { for lesson.meta.hints.iter().take(hints_shown).enumerate().map(|(i, h)| html! {
                            <li class="hint">
                                <strong>{ hint_titles[i.min(2)].get(lang) }</strong>
                                <p>{ if lang == Lang::Zh { &h.zh } else { &h.en } }</p>
                            </li>
                        }) }
                        </ol>
                        <button data-testid="hint-button" onclick={hint} disabled={hints_shown >= 3}>
                            { if hints_shown >= 3 { t(T::NoMoreHints) } else { t(T::HintButton) } }
                        </button>
                    </section>
                </article>
                <div class="lesson-work">
                    <div class={classes!("lesson-status", if g.solved { "solved" } else { "unsolved" })}
                         data-testid="lesson-status" data-status={ if g.solved { "solved" } else { "unsolved" } }
                         role="status">
                        if g.solved {
                            <p><strong>{ "✓ " }{ t(T::Solved) }</strong></p>
                            { next_link.clone().unwrap_or_else(|| html! { <p>{ t(T::LastLesson) }</p> }) }
                        } else {
                            <p><strong>{ t(T::Unsolved) }</strong></p>
                            <ul class="grade-notes">
                                if !g.parses { <li>{ t(T::DoesNotParse) }</li> }
                                if !g.remaining.is_empty() {
                                    <li>{ t(T::TargetsRemain) }{ " " }{ codes_at(&g.remaining, lang) }</li>
                                }
                                if !g.other.is_empty() {
                                    <li>{ t(T::OtherFindings) }{ " " }{ codes_at(&g.other, lang) }</li>
                                }
                                { for g.keep_failures.iter().map(|k| html! {
                                    <li>{ if lang == Lang::Zh { &k.message_zh } else { &k.message_en } }</li>
                                }) }
                            </ul>
                        }
                    </div>
                    <div class="toolbar">
                        <button data-testid="reset-button" class="secondary" onclick={reset}>{ t(T::ResetButton) }</button>
                        <button data-testid="solution-button" class="secondary" onclick={set(&confirm, true)}
                                aria-expanded={(*show_solution).to_string()}>{ t(T::SolutionButton) }</button>
                        if shared_over_own && progress.backup.is_some() {
                            <button data-testid="restore-own" class="secondary" onclick={undo_reset.clone()}>{ t(T::RestoreOwnCode) }</button>
                        }
                        <ShareButton code={AttrValue::from(progress.code.clone().unwrap_or_else(|| lesson.buggy.to_string()))}
                            lesson={Some(AttrValue::from(id.clone()))} />
                    </div>
                    if *just_reset {
                        <div class="inline-notice" role="status">
                            <span>{ t(T::ResetDone) }</span>
                            if progress.backup.is_some() {
                                <button class="link-button" data-testid="undo-reset" onclick={undo_reset}>{ t(T::UndoReset) }</button>
                            }
                        </div>
                    }
                    if *confirm && !*show_solution {
                        <div class="confirm" role="alertdialog" aria-labelledby="confirm-text">
                            <p id="confirm-text">{ t(T::SolutionConfirm) }</p>
                            <button data-testid="solution-confirm" onclick={ let c = confirm.clone(); let s = show_solution.clone(); Callback::from(move |_| { c.set(false); s.set(true); }) }>{ t(T::SolutionYes) }</button>
                            <button class="secondary" onclick={set(&confirm, false)}>{ t(T::Cancel) }</button>
                        </div>
                    }
                    if *show_solution {
                        <section class="solution" aria-labelledby="solution-title">
                            <h2 id="solution-title">{ t(T::SolutionTitle) }</h2>
                            <pre class="diff" data-testid="solution-diff">{ for diff_lines(lesson.buggy, lesson.fixed).into_iter().map(|l| {
                                let (class, sign) = match l.kind { Kind::Same => ("same", " "), Kind::Added => ("added", "+"), Kind::Removed => ("removed", "-") };
                                html! { <span class={classes!("dl", class)}>{ sign }{ " " }{ l.text }{ "\n" }</span> }
                            }) }</pre>
                            <div class="toolbar">
                                <button onclick={use_solution}>{ t(T::UseSolution) }</button>
                                <button class="secondary" onclick={set(&show_solution, false)}>{ t(T::HideSolution) }</button>
                            </div>
                        </section>
                    }
                    <Workbench initial={AttrValue::from(initial.to_string())} options={lesson.options()}
                        lesson={Some(AttrValue::from(id.clone()))}
                        handle={(*handle).clone()} on_result={on_result} />
                    <nav class="pager" aria-label={ if lang == Lang::Zh { "课程导航" } else { "Lessons" } }>
                        { prev.map(|p| html! { <a href={format!("#/lesson/{}", p.id)}>{ "← " }{ p.title(lang) }</a> }).unwrap_or_default() }
                        { next.map(|n| html! { <a class="next" data-testid="next-lesson" href={format!("#/lesson/{}", n.id)}>{ n.title(lang) }{ " →" }</a> }).unwrap_or_default() }
                    </nav>
                </div>
            </div>
        </div>
    }
}

fn codes_at(ds: &[analyzer_core::Diagnostic], lang: Lang) -> String {
    ds.iter()
        .map(|d| format!("{} ({})", d.code, T::Line.fmt(lang, d.span.start.line)))
        .collect::<Vec<_>>()
        .join(", ")
}
