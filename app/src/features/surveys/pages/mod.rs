//! Survey pages: `/questionari` (the list), `/questionari/nuovo` (staff), `/questionari/<id>`
//! (the form, with the person's draft, and for staff the builder) and
//! `/questionari/<id>/risultati` (charts and tables drawn on the server; the CSV export is
//! `/questionari/<id>/risultati.csv`, for staff). Everything works as plain links and form posts.
mod builder;
mod chart;
mod fill;
mod new;

pub use chart::{bar_chart_svg, QuestionResultsView};
pub use fill::SurveyPage;
pub use new::NewSurveyPage;

use leptos::prelude::*;
use leptos_meta::Title;

use super::{
    api::{fetch_survey_results, fetch_surveys},
    types::{ResponseState, SurveyPhase},
};
use crate::{
    i18n::use_messages,
    ui::{failed, id_param, loaded},
};

/// `/questionari`.
#[component]
pub fn SurveysPage() -> impl IntoView {
    let t = use_messages();
    let s = t.surveys;
    let list = Resource::new_blocking(|| (), |_| fetch_surveys());
    view! {
        <Title text=format!("{} · {}", s.title, t.site_name)/>
        <h1>{s.title}</h1>
        <p class="lead">{s.intro}</p>
        <Suspense>
            {move || Suspend::new(async move {
                match list.await {
                    Ok((surveys, staff)) => {
                        let empty = surveys.is_empty();
                        let items = surveys
                            .into_iter()
                            .map(|survey| {
                                let state = match (survey.phase, survey.state) {
                                    (SurveyPhase::Closed, _) => s.closed,
                                    (SurveyPhase::NotYetOpen, _) => s.not_open,
                                    (_, ResponseState::None) => s.state_none,
                                    (_, ResponseState::Draft) => s.state_draft,
                                    (_, ResponseState::Submitted) => s.state_submitted,
                                };
                                let kind = if survey.anonymous {
                                    s.anonymous_badge
                                } else {
                                    s.named_badge
                                };
                                view! {
                                    <li class="card">
                                        <h2 class="card-title">
                                            <a href=format!("/questionari/{}", survey.id)>
                                                {survey.title.clone()}
                                            </a>
                                        </h2>
                                        <p class="meta">
                                            <span class="badge">{state}</span>
                                            " "
                                            <span class="badge muted">{kind}</span>
                                            " · "
                                            {(t.polls.closes_on)(&survey.closes)}
                                            " · "
                                            {(s.responses)(survey.responses)}
                                        </p>
                                    </li>
                                }
                            })
                            .collect_view();
                        view! {
                            {staff
                                .then(|| {
                                    view! {
                                        <p>
                                            <a class="button" href="/questionari/nuovo">
                                                {s.new_survey}
                                            </a>
                                        </p>
                                    }
                                })}
                            {empty.then(|| view! { <p>{s.none}</p> })}
                            <ul class="card-list">{items}</ul>
                        }
                            .into_any()
                    }
                    Err(error) => failed(error),
                }
            })}
        </Suspense>
    }
}

/// `/questionari/<id>/risultati`.
#[component]
pub fn SurveyResultsPage() -> impl IntoView {
    let t = use_messages();
    let s = t.surveys;
    let id = id_param();
    let results = Resource::new_blocking(move || id, fetch_survey_results);
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                loaded(results.await, |results| {
                        let heading = (s.results_title)(&results.title);
                        let sections = results
                            .sections
                            .into_iter()
                            .enumerate()
                            .map(|(i, (title, questions))| {
                                let heading_id = format!("sezione-{i}");
                                view! {
                                    <section aria-labelledby=heading_id.clone()>
                                        <h2 id=heading_id.clone()>{title}</h2>
                                        {questions
                                            .into_iter()
                                            .map(|q| view! { <QuestionResultsView question=q/> })
                                            .collect_view()}
                                    </section>
                                }
                            })
                            .collect_view();
                        view! {
                            <Title text=format!("{} · {}", heading, t.site_name)/>
                            <p class="breadcrumb">
                                <a href=format!("/questionari/{}", results.id)>{results.title.clone()}</a>
                            </p>
                            <h1>{heading.clone()}</h1>
                            <p class="meta">{(s.responses)(results.responses)}</p>
                            {results.may_export.then(|| view! {
                                <p>
                                    <a
                                        class="button secondary"
                                        href=format!("/questionari/{}/risultati.csv", results.id)
                                        download=format!("questionario-{}.csv", results.id)
                                    >
                                        {s.export_csv}
                                    </a>
                                </p>
                            })}
                            {sections}
                        }
                            .into_any()
                    })
            })}
        </Suspense>
    }
}
