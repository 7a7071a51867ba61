//! `/questionari/<id>`: the survey's form with the person's saved answers and a progress
//! indicator. "Salva bozza" keeps what is answered; "Invia" needs the required questions (the
//! missing ones come back marked, the answers kept as a draft). Staff also get the builder.
use leptos::prelude::*;
use leptos_meta::Title;

use super::builder::Builder;
use crate::{
    features::surveys::{
        api::fetch_survey,
        types::{QuestionKind, QuestionView, ResponseState, SurveyPhase, SurveyView},
    },
    i18n::use_messages,
    ui::{form_error, id_param, query_param, FormError, Loaded},
};

#[component]
pub fn SurveyPage() -> impl IntoView {
    let id = id_param();
    let survey = Resource::new_blocking(move || id, fetch_survey);
    view! {
        <Loaded data=survey view=move |survey| view! { <SurveyView survey=survey/> }/>
    }
}

#[component]
fn SurveyView(survey: SurveyView) -> impl IntoView {
    let t = use_messages();
    let s = t.surveys;
    let missing: Vec<i32> = query_param("mancanti")
        .split(',')
        .filter_map(|id| id.parse().ok())
        .collect();
    let notice = if query_param("inviato") == "1" {
        Some(s.submitted_notice)
    } else if query_param("salvato") == "1" {
        Some(s.saved_notice)
    } else {
        None
    };
    let kind = if survey.anonymous {
        s.anonymous_badge
    } else {
        s.named_badge
    };
    let when = match survey.phase {
        SurveyPhase::NotYetOpen => (t.polls.opens_on)(&survey.opens),
        SurveyPhase::Open => (t.polls.closes_on)(&survey.closes),
        SurveyPhase::Closed => (t.polls.closed_on)(&survey.closes),
    };
    let status = match (survey.phase, survey.state, survey.anonymous) {
        (SurveyPhase::NotYetOpen, ..) => Some(s.not_open.to_string()),
        (SurveyPhase::Closed, ..) => Some(s.closed.to_string()),
        (_, ResponseState::Submitted, true) => Some(s.thanks_anonymous.to_string()),
        (_, ResponseState::Submitted, false) => Some((s.editable_until)(&survey.closes)),
        _ => None,
    };
    let kept = if query_param("non_salvato") == "1" {
        s.missing_not_saved
    } else {
        s.missing_kept
    };
    let summary = missing.first().map(|first| {
        view! {
            <div class="form-error" role="alert">
                <p>
                    <a href=format!("#domanda-{first}")>{(s.missing_summary)(missing.len())}</a>
                    " "
                    {kept}
                </p>
            </div>
        }
    });
    let signed_out = crate::ui::use_viewer().is_none();
    let sign_in = (signed_out && survey.phase == SurveyPhase::Open).then(|| {
        view! {
            <p class="notice">
                <a href=format!("/accedi?next=/questionari/{}", survey.id)>{s.sign_in_to_answer}</a>
            </p>
        }
    });
    let results = survey.may_see_results.then(|| {
        view! {
            <p>
                <a class="button secondary" href=format!("/questionari/{}/risultati", survey.id)>
                    {s.results}
                </a>
            </p>
        }
    });
    let form = survey.may_answer.then(|| answer_form(&survey, &missing));
    let read_only = (!survey.may_answer && survey.total > 0).then(|| {
        survey
            .sections
            .iter()
            .map(|section| {
                view! {
                    <h2>{section.title.clone()}</h2>
                    <ol class="survey-questions">
                        {section
                            .questions
                            .iter()
                            .map(|q| view! { <li>{q.prompt.clone()} {own_answer(q)}</li> })
                            .collect_view()}
                    </ol>
                }
            })
            .collect_view()
    });
    let manage = survey
        .may_manage
        .then(|| view! { <Builder survey=survey.clone()/> });
    view! {
        <Title text=format!("{} · {}", survey.title, t.site_name)/>
        <p class="breadcrumb">
            <a href="/questionari">{s.title}</a>
        </p>
        <h1>{survey.title.clone()}</h1>
        <p class="meta">
            <span class="badge">{kind}</span>
            {survey
                .publish_results
                .then(|| view! { " " <span class="badge muted">{s.published_badge}</span> })}
            " · "
            {when}
            " · "
            {(s.responses)(survey.responses)}
        </p>
        {(!survey.description.is_empty()).then(|| view! { <p class="lead">{survey.description.clone()}</p> })}
        <FormError error=form_error()/>
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        {status.map(|text| view! { <p class="notice">{text}</p> })}
        {sign_in}
        {results}
        {summary}
        {form}
        {read_only}
        {manage}
    }
}

/// The person's own saved answer under a question, once they can no longer change it (nothing
/// for an anonymous response: it is not kept under their name).
fn own_answer(q: &QuestionView) -> Option<impl IntoView> {
    let s = use_messages().surveys;
    let text = if q.kind.is_text() {
        q.text.clone()
    } else if let Some(_max) = q.kind.scale_max() {
        q.chosen
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    } else {
        q.chosen
            .iter()
            .filter_map(|c| q.options.get(*c as usize).cloned())
            .collect::<Vec<_>>()
            .join(", ")
    };
    (!text.is_empty()).then(|| {
        view! {
            <p class="survey-own-answer">
                <span class="muted">{s.your_answer}</span>
                " "
                {text}
            </p>
        }
    })
}

fn answer_form(survey: &SurveyView, missing: &[i32]) -> impl IntoView {
    let t = use_messages();
    let s = t.surveys;
    let action = format!("/questionari/{}/risposte", survey.id);
    let submitted = survey.state == ResponseState::Submitted;
    let sections = survey
        .sections
        .iter()
        .map(|section| {
            let heading_id = format!("sezione-{}", section.id);
            view! {
                <section class="survey-section" aria-labelledby=heading_id.clone()>
                    <h2 id=heading_id.clone()>{section.title.clone()}</h2>
                    {(!section.description.is_empty())
                        .then(|| view! { <p>{section.description.clone()}</p> })}
                    {section
                        .questions
                        .iter()
                        .map(|q| question_field(q, missing.contains(&q.id), submitted))
                        .collect_view()}
                </section>
            }
        })
        .collect_view();
    let buttons = if submitted {
        view! { <button type="submit" name="azione" value="invia" class="button">{s.update}</button> }
            .into_any()
    } else {
        view! {
            <button type="submit" name="azione" value="bozza" class="button secondary">
                {s.save_draft}
            </button>
            " "
            <button type="submit" name="azione" value="invia" class="button">{s.submit}</button>
        }
        .into_any()
    };
    view! {
        <p class="survey-progress">
            <label for="avanzamento">{s.progress_label}</label>
            " "
            <progress id="avanzamento" max=survey.total.to_string() value=survey.answered.to_string()>
                {survey.answered} "/" {survey.total}
            </progress>
            " "
            <span>{(s.progress)(survey.answered, survey.total)}</span>
        </p>
        <p class="hint">{s.required_hint}</p>
        <form method="post" action=action class="survey-form">
            {sections}
            <p class="form-actions">{buttons}</p>
        </form>
    }
}

/// One question's field. `enforce`: a submitted response being edited must stay complete, so
/// the browser itself stops an update that leaves a required question empty (a draft may be
/// saved incomplete, and the server marks what is missing at submission).
fn question_field(q: &QuestionView, missing: bool, enforce: bool) -> impl IntoView {
    let t = use_messages();
    let s = t.surveys;
    let name = format!("q{}", q.id);
    let anchor = format!("domanda-{}", q.id);
    let error_id = format!("domanda-{}-errore", q.id);
    let described = missing.then(|| error_id.clone());
    let error =
        missing.then(|| view! { <p class="field-error" id=error_id.clone()>{s.missing_one}</p> });
    let required = q
        .required
        .then(|| view! { " " <span class="required">"(" {s.required_mark} ")"</span> });
    let enforced = enforce && q.required;
    match q.kind {
        QuestionKind::Short | QuestionKind::Long => {
            let input = if q.kind == QuestionKind::Short {
                view! {
                    <input
                        type="text"
                        id=anchor.clone()
                        name=name
                        maxlength="300"
                        required=enforced
                        value=q.text.clone()
                        aria-describedby=described
                        aria-invalid=missing.then_some("true")
                    />
                }
                .into_any()
            } else {
                view! {
                    <textarea
                        id=anchor.clone()
                        name=name
                        rows="5"
                        maxlength="5000"
                        required=enforced
                        aria-describedby=described
                        aria-invalid=missing.then_some("true")
                        inner_html=crate::ui::escape_html(&q.text)
                    ></textarea>
                }
                .into_any()
            };
            view! {
                <div class="survey-question">
                    <label for=anchor.clone()>{q.prompt.clone()} {required}</label>
                    {error}
                    {input}
                </div>
            }
            .into_any()
        }
        kind => {
            let (kind_attr, choices): (&str, Vec<(i32, String)>) = match kind.scale_max() {
                Some(max) => ("radio", (1..=max).map(|v| (v, v.to_string())).collect()),
                None => (
                    if kind == QuestionKind::Multiple {
                        "checkbox"
                    } else {
                        "radio"
                    },
                    q.options
                        .iter()
                        .enumerate()
                        .map(|(i, o)| (i as i32, o.clone()))
                        .collect(),
                ),
            };
            let scale = kind.scale_max().is_some();
            // A checkbox group has no "one of these" rule in HTML: only radios enforce it.
            let enforced = enforced && kind_attr == "radio";
            let items = choices
                .into_iter()
                .map(|(value, label)| {
                    let input_id = format!("domanda-{}-{}", q.id, value);
                    view! {
                        <li>
                            <input
                                type=kind_attr
                                id=input_id.clone()
                                name=name.clone()
                                value=value.to_string()
                                required=enforced
                                checked=q.chosen.contains(&value)
                            />
                            <label for=input_id>{label}</label>
                        </li>
                    }
                })
                .collect_view();
            let ends = scale.then(|| {
                view! { <p class="hint">"1 = " {s.scale_low} " · " {kind.scale_max().unwrap_or(5)} " = " {s.scale_high}</p> }
            });
            view! {
                <fieldset
                    class="survey-question"
                    id=anchor
                    aria-describedby=described
                    aria-invalid=missing.then_some("true")
                >
                    <legend>{q.prompt.clone()} {required}</legend>
                    {error}
                    {ends}
                    <ul class=if scale { "choices scale" } else { "choices" }>{items}</ul>
                </fieldset>
            }
            .into_any()
        }
    }
}
