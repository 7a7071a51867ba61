//! `/sondaggi/nuovo`: the creation form. Staff choose who sees the poll; in a group
//! (`?gruppo=<slug>`) or a thread (`?discussione=<id>`) the scope is the group's or the
//! thread's. A refused form comes back with what was typed.
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::{
    error::AppError,
    features::polls::{
        api::{fetch_poll_place, CreatePoll},
        types::{PollPlace, ResultsShown},
    },
    i18n::use_messages,
    ui::{failed, form_error, query_param, typed, FormError, TextField},
};

#[component]
pub fn NewPollPage() -> impl IntoView {
    let t = use_messages();
    let group = Some(query_param("gruppo")).filter(|g| !g.is_empty());
    let thread = query_param("discussione").parse::<i32>().ok();
    let place = Resource::new_blocking(
        move || (group.clone(), thread),
        |(g, th)| fetch_poll_place(g, th),
    );
    view! {
        <Title text=format!("{} · {}", t.polls.new_poll, t.site_name)/>
        <h1>{t.polls.new_poll}</h1>
        <Suspense>
            {move || Suspend::new(async move {
                match place.await {
                    Ok(place) => view! { <PollForm place=place/> }.into_any(),
                    Err(AppError::Forbidden) if crate::ui::use_viewer().is_none() => {
                        view! {
                            <p class="notice">
                                <a href="/accedi?next=/sondaggi/nuovo">{t.nav_sign_in}</a>
                            </p>
                        }
                            .into_any()
                    }
                    Err(error) => failed(error),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PollForm(place: PollPlace) -> impl IntoView {
    let t = use_messages();
    let p = t.polls;
    let form = <CreatePoll as ServerFn>::PATH;
    let kept = |name: &str| typed(form, name).unwrap_or_default();
    let checked = |name: &str| !kept(name).is_empty();
    let results = Some(kept("results"))
        .filter(|r| ResultsShown::parse(r).is_some())
        .unwrap_or_else(|| "always".into());
    let results_choices = ResultsShown::ALL
        .iter()
        .copied()
        .map(|r| {
            let label = match r {
                ResultsShown::Always => p.results_always,
                ResultsShown::AfterVoting => p.results_voted,
                ResultsShown::AfterClosing => p.results_closed,
                ResultsShown::StaffOnly => p.results_staff,
            };
            let id = format!("results-{}", r.as_str());
            view! {
                <li>
                    <input
                        type="radio"
                        id=id.clone()
                        name="results"
                        value=r.as_str()
                        checked=results == r.as_str()
                    />
                    <label for=id>{label}</label>
                </li>
            }
        })
        .collect_view();
    let where_ = match (&place.thread, &place.group) {
        (Some((id, title)), _) => view! {
            <p class="meta">{p.in_thread} " " <a href=format!("/forum/t/{id}")>{title.clone()}</a></p>
            <input type="hidden" name="thread" value=id.to_string()/>
        }
        .into_any(),
        (None, Some((slug, name))) => view! {
            <p class="meta">{p.in_group} " " <a href=format!("/gruppi/{slug}")>{name.clone()}</a></p>
            <input type="hidden" name="group" value=slug.clone()/>
        }
        .into_any(),
        (None, None) => {
            let scope = Some(kept("scope")).filter(|s| !s.is_empty()).unwrap_or_else(|| "members".into());
            let choices = [
                ("public", t.forum.scope_public),
                ("registered", t.forum.scope_registered),
                ("members", t.forum.scope_members),
                ("staff", t.forum.scope_staff),
            ]
            .into_iter()
            .map(|(value, label)| {
                view! { <option value=value selected=scope == value>{label}</option> }
            })
            .collect_view();
            view! {
                <p>
                    <label for="scope">{t.forum.scope_label}</label>
                    <select id="scope" name="scope">{choices}</select>
                </p>
            }
            .into_any()
        }
    };
    let featured = (place.staff && place.group.is_none() && place.thread.is_none()).then(|| {
        view! {
            <p>
                <input type="checkbox" id="featured" name="featured" value="1" checked=checked("featured")/>
                <label for="featured">{p.featured_label}</label>
            </p>
        }
    });
    view! {
        <FormError error=form_error()/>
        <form method="post" action={<CreatePoll as ServerFn>::PATH} class="poll-form">
            {where_}
            <TextField
                id="question"
                name="question"
                label=p.question_label
                value=kept("question")
                required=true
                minlength=3
                maxlength=300
            />
            <p>
                <label for="options">{p.options_label}</label>
                <span class="hint" id="options-hint">{p.options_hint}</span>
                <textarea
                    id="options"
                    name="options"
                    rows="6"
                    required
                    aria-describedby="options-hint"
                    inner_html=crate::ui::escape_html(&kept("options"))
                ></textarea>
            </p>
            <p>
                <input type="checkbox" id="multiple" name="multiple" value="1" checked=checked("multiple")/>
                <label for="multiple">{p.multiple_label}</label>
            </p>
            <p>
                <label for="max_choices">{p.max_choices_label}</label>
                <span class="hint" id="max-hint">{p.max_choices_hint}</span>
                <input
                    id="max_choices"
                    name="max_choices"
                    type="number"
                    min="1"
                    max="20"
                    aria-describedby="max-hint"
                    value=kept("max_choices")
                />
            </p>
            <p>
                <label for="opens_at">{p.opens_label}</label>
                <span class="hint" id="opens-hint">{p.opens_hint}</span>
                <input
                    id="opens_at"
                    name="opens_at"
                    type="datetime-local"
                    aria-describedby="opens-hint"
                    value=kept("opens_at")
                />
            </p>
            <p>
                <label for="closes_at">{p.closes_label}</label>
                <span class="hint" id="closes-hint">{p.closes_hint}</span>
                <input
                    id="closes_at"
                    name="closes_at"
                    type="datetime-local"
                    required
                    aria-describedby="closes-hint"
                    value=kept("closes_at")
                />
            </p>
            <fieldset>
                <legend>{p.results_label}</legend>
                <ul class="choices">{results_choices}</ul>
            </fieldset>
            <p>
                <input type="checkbox" id="anonymous" name="anonymous" value="1" checked=checked("anonymous")/>
                <label for="anonymous">{p.anonymous_label}</label>
            </p>
            <p>
                <input
                    type="checkbox"
                    id="per_organisation"
                    name="per_organisation"
                    value="1"
                    checked=checked("per_organisation")
                />
                <label for="per_organisation">{p.per_organisation_label}</label>
            </p>
            {featured}
            <p>
                <button type="submit" class="button">{p.create}</button>
            </p>
        </form>
    }
}
