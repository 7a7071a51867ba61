//! Staff's part of a survey's page: the builder (sections and questions, until people start
//! answering), publishing the results, and the way to the results and the export.
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::{
    features::surveys::{
        api::{AddSurveyQuestion, AddSurveySection, PublishSurvey, RemoveSurveyQuestion},
        types::{QuestionKind, SurveyView},
    },
    i18n::use_messages,
    ui::{typed, TextField},
};

/// Staff: sections and questions (until people start answering), publishing, the results and
/// the export.
#[component]
pub fn Builder(survey: SurveyView) -> impl IntoView {
    let t = use_messages();
    let s = t.surveys;
    let id = survey.id.to_string();
    let started = survey.started;
    let questions = survey
        .sections
        .iter()
        .map(|section| {
            let items =
                section
                    .questions
                    .iter()
                    .map(|q| {
                        let remove = (!started).then(|| view! {
                            <form
                                method="post"
                                action={<RemoveSurveyQuestion as ServerFn>::PATH}
                                class="button-form"
                            >
                                <input type="hidden" name="survey_id" value=id.clone()/>
                                <input type="hidden" name="question_id" value=q.id.to_string()/>
                                <button type="submit" class="button secondary small">
                                    {s.remove_question}
                                </button>
                            </form>
                    });
                        view! {
                            <li>
                                {q.prompt.clone()}
                                " "
                                {remove}
                            </li>
                        }
                    })
                    .collect_view();
            view! {
                <h3>{section.title.clone()}</h3>
                <ol>{items}</ol>
            }
        })
        .collect_view();
    let (section_form, question_form) = (
        <AddSurveySection as ServerFn>::PATH,
        <AddSurveyQuestion as ServerFn>::PATH,
    );
    let kept = move |name: &str| typed(question_form, name).unwrap_or_default();
    let (chosen_section, chosen_kind) = (kept("section_id"), kept("kind"));
    let section_choices = survey
        .sections
        .iter()
        .map(|section| {
            let value = section.id.to_string();
            view! {
                <option value=value.clone() selected=chosen_section == value>
                    {section.title.clone()}
                </option>
            }
        })
        .collect_view();
    let kinds = QuestionKind::ALL
        .iter()
        .copied()
        .map(|kind| {
            let label = match kind {
                QuestionKind::Single => s.kind_single,
                QuestionKind::Multiple => s.kind_multiple,
                QuestionKind::Scale5 => s.kind_scale5,
                QuestionKind::Scale10 => s.kind_scale10,
                QuestionKind::Short => s.kind_short,
                QuestionKind::Long => s.kind_long,
            };
            view! { <option value=kind.as_str() selected=chosen_kind == kind.as_str()>{label}</option> }
        })
        .collect_view();
    let has_sections = !survey.sections.is_empty();
    let publish_label = if survey.publish_results {
        s.unpublish
    } else {
        s.publish
    };
    view! {
        <section class="survey-builder" id="costruisci" aria-labelledby="costruisci-titolo">
            <h2 id="costruisci-titolo">{s.manage_heading}</h2>
            <form method="post" action={<PublishSurvey as ServerFn>::PATH} class="button-form">
                <input type="hidden" name="survey_id" value=id.clone()/>
                <input type="hidden" name="published" value=(!survey.publish_results).to_string()/>
                <button type="submit" class="button secondary">{publish_label}</button>
            </form>
            " "
            <a class="button secondary" href=format!("/questionari/{}/risultati", survey.id)>
                {s.results}
            </a>
            {(survey.total == 0).then(|| view! { <p>{s.no_questions}</p> })}
            {survey.started.then(|| view! { <p class="notice">{s.started_notice}</p> })}
            {questions}
            {(!survey.started).then(|| view! {
            <form method="post" action={<AddSurveySection as ServerFn>::PATH} class="builder-form">
                <input type="hidden" name="survey_id" value=id.clone()/>
                <p>
                    <label for="sezione-titolo">{s.section_title_label}</label>
                    <input
                        id="sezione-titolo"
                        name="title"
                        value=typed(section_form, "title")
                        type="text"
                        required
                        maxlength="200"
                    />
                </p>
                <p>
                    <button type="submit" class="button secondary">{s.add_section}</button>
                </p>
            </form>
            })}
            {(has_sections && !survey.started)
                .then(|| {
                    view! {
                        <form method="post" action={<AddSurveyQuestion as ServerFn>::PATH} class="builder-form">
                            <input type="hidden" name="survey_id" value=id.clone()/>
                            <p>
                                <label for="domanda-sezione">{s.section_label}</label>
                                <select id="domanda-sezione" name="section_id">{section_choices}</select>
                            </p>
                            <p>
                                <label for="domanda-tipo">{s.kind_label}</label>
                                <select id="domanda-tipo" name="kind">{kinds}</select>
                            </p>
                            <TextField
                                id="domanda-testo"
                                name="prompt"
                                label=s.prompt_label
                                value=kept("prompt")
                                required=true
                                maxlength=500
                            />
                            <p>
                                <input
                                    type="checkbox"
                                    id="domanda-obbligatoria"
                                    name="required"
                                    value="1"
                                    checked=!kept("required").is_empty()
                                />
                                <label for="domanda-obbligatoria">{s.required_label}</label>
                            </p>
                            <p>
                                <label for="domanda-opzioni">{s.options_label}</label>
                                <span class="hint" id="domanda-opzioni-aiuto">{s.options_hint}</span>
                                <textarea
                                    id="domanda-opzioni"
                                    name="options"
                                    rows="4"
                                    aria-describedby="domanda-opzioni-aiuto"
                                    inner_html=crate::ui::escape_html(&kept("options"))
                                ></textarea>
                            </p>
                            <p>
                                <button type="submit" class="button">{s.add_question}</button>
                            </p>
                        </form>
                    }
                })}
        </section>
    }
}
