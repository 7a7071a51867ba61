//! Server functions of surveys: the list, one survey with the person's answers, the results,
//! and staff's forms (create, sections, questions, publishing). Answers are posted to
//! `POST /questionari/<id>/risposte` (server/src/routes/surveys.rs): their fields are named
//! after the questions, which a server function's fixed arguments cannot take.
#[cfg(feature = "ssr")]
use crate::server::clock::now;
use leptos::prelude::*;

use crate::{
    error::AppError,
    features::surveys::types::{SurveyResults, SurveySummary, SurveyView},
};

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    pub use crate::server::request::{audience, back};
}

/// The surveys the person sees, and whether they may create one.
#[server(prefix = "/api", endpoint = "questionari")]
pub async fn fetch_surveys() -> Result<(Vec<SurveySummary>, bool), AppError> {
    use crate::{
        features::surveys::{service, types::ResponseState},
        i18n::format_date_time,
    };
    let (state, audience) = ssr::audience().await?;
    let locale = crate::i18n::use_locale();
    let at = now();
    let surveys = service::list(&state.db, &audience).await?;
    let states = match audience.viewer() {
        Some(v) => {
            let ids = surveys.iter().map(|s| s.id).collect();
            service::states(&state.db, ids, v.user_id).await?
        }
        None => Default::default(),
    };
    let mut out = Vec::with_capacity(surveys.len());
    for s in surveys {
        let person_state = states.get(&s.id).copied().unwrap_or(ResponseState::None);
        out.push(SurveySummary {
            id: s.id,
            title: s.title.clone(),
            phase: service::phase(&s, at),
            closes: format_date_time(s.closes_at, locale),
            responses: s.responses,
            anonymous: s.anonymous,
            state: person_state,
        });
    }
    Ok((out, audience.is_team()))
}

/// One survey as the person sees it, with their saved answers.
#[server(prefix = "/api", endpoint = "questionario")]
pub async fn fetch_survey(survey_id: i32) -> Result<SurveyView, AppError> {
    use crate::{
        features::surveys::{
            service,
            types::{QuestionView, ResponseState, SectionView, SurveyPhase},
        },
        i18n::format_date_time,
    };
    let (state, audience) = ssr::audience().await?;
    let locale = crate::i18n::use_locale();
    let found = service::find(&state.db, &audience, survey_id).await?;
    let (person_state, mut answers) = match audience.viewer() {
        Some(v) => service::state(&state.db, &found, v.user_id).await?,
        None => (ResponseState::None, Default::default()),
    };
    let questions = service::questions(&state.db, found.id).await?;
    let answered = service::answered_count(&answers, &questions);
    let total = questions.len();
    let sections = service::sections(&state.db, found.id)
        .await?
        .into_iter()
        .map(|section| SectionView {
            id: section.id,
            title: section.title,
            description: section.description,
            questions: questions
                .iter()
                .filter(|q| q.section_id == section.id)
                .map(|q| {
                    let answer = answers.remove(&q.id).unwrap_or_default();
                    QuestionView {
                        id: q.id,
                        kind: service::kind_of(q),
                        prompt: q.prompt.clone(),
                        required: q.required,
                        options: service::options_of(q),
                        chosen: answer.choices,
                        text: answer.text,
                    }
                })
                .collect(),
        })
        .collect();
    let phase = service::phase(&found, now());
    let may_answer = audience.viewer().is_some()
        && phase == SurveyPhase::Open
        && !(found.anonymous && person_state == ResponseState::Submitted)
        && total > 0;
    Ok(SurveyView {
        id: found.id,
        title: found.title.clone(),
        description: found.description.clone(),
        anonymous: found.anonymous,
        publish_results: found.publish_results,
        phase,
        opens: format_date_time(found.opens_at, locale),
        closes: format_date_time(found.closes_at, locale),
        responses: found.responses,
        sections,
        state: person_state,
        may_answer,
        may_see_results: service::may_see_results(&state.db, &audience, &found).await?,
        may_manage: audience.is_team(),
        started: audience.is_team() && service::started(&state.db, found.id).await?,
        answered,
        total,
    })
}

#[server(prefix = "/api", endpoint = "risultati-questionario")]
pub async fn fetch_survey_results(survey_id: i32) -> Result<SurveyResults, AppError> {
    let (state, audience) = ssr::audience().await?;
    crate::features::surveys::service::results(&state.db, &audience, survey_id).await
}

#[server(prefix = "/api", endpoint = "nuovo-questionario")]
pub async fn create_survey(
    title: String,
    #[server(default)] description: String,
    #[server(default)] scope: String,
    #[server(default)] anonymous: Option<String>,
    #[server(default)] publish_results: Option<String>,
    #[server(default)] opens_at: String,
    #[server(default)] closes_at: String,
) -> Result<(), AppError> {
    use crate::features::surveys::service::{self, SurveyInput};
    let (state, audience) = ssr::audience().await?;
    let input = SurveyInput {
        title,
        description,
        scope,
        anonymous: anonymous.is_some(),
        publish_results: publish_results.is_some(),
        opens_at,
        closes_at,
    };
    match service::create(&state.db, &audience, &input).await {
        Ok(id) => {
            leptos_axum::redirect(&format!("/questionari/{id}"));
            Ok(())
        }
        Err(error) => {
            use leptos::server_fn::ServerFn;
            let flag = |on: bool| if on { "1" } else { "" };
            crate::server::refused::refuse(
                "/questionari/nuovo",
                CreateSurvey::PATH,
                &[
                    ("title", &input.title),
                    ("description", &input.description),
                    ("scope", &input.scope),
                    ("anonymous", flag(input.anonymous)),
                    ("publish_results", flag(input.publish_results)),
                    ("opens_at", &input.opens_at),
                    ("closes_at", &input.closes_at),
                ],
                error,
            )
            .await
        }
    }
}

#[server(prefix = "/api", endpoint = "sezione-questionario")]
pub async fn add_survey_section(
    survey_id: i32,
    title: String,
    #[server(default)] description: String,
) -> Result<(), AppError> {
    let (state, audience) = ssr::audience().await?;
    if let Err(error) = crate::features::surveys::service::add_section(
        &state.db,
        &audience,
        survey_id,
        &title,
        &description,
    )
    .await
    {
        use leptos::server_fn::ServerFn;
        let page = format!("/questionari/{survey_id}");
        let fields = [
            ("title", title.as_str()),
            ("description", description.as_str()),
        ];
        return crate::server::refused::refuse(&page, AddSurveySection::PATH, &fields, error).await;
    }
    ssr::back(
        &format!("/questionari/{survey_id}"),
        Some("costruisci".into()),
    );
    Ok(())
}

#[server(prefix = "/api", endpoint = "domanda-questionario")]
pub async fn add_survey_question(
    survey_id: i32,
    section_id: i32,
    kind: String,
    prompt: String,
    #[server(default)] required: Option<String>,
    #[server(default)] options: String,
) -> Result<(), AppError> {
    use crate::features::surveys::service::{self, QuestionInput};
    let (state, audience) = ssr::audience().await?;
    let input = QuestionInput {
        section_id,
        kind,
        prompt,
        required: required.is_some(),
        options,
    };
    if let Err(error) = service::add_question(&state.db, &audience, survey_id, &input).await {
        use leptos::server_fn::ServerFn;
        let page = format!("/questionari/{survey_id}");
        let section = section_id.to_string();
        let fields = [
            ("section_id", section.as_str()),
            ("kind", input.kind.as_str()),
            ("prompt", input.prompt.as_str()),
            ("required", if input.required { "1" } else { "" }),
            ("options", input.options.as_str()),
        ];
        return crate::server::refused::refuse(&page, AddSurveyQuestion::PATH, &fields, error)
            .await;
    }
    ssr::back(
        &format!("/questionari/{survey_id}"),
        Some("costruisci".into()),
    );
    Ok(())
}

#[server(prefix = "/api", endpoint = "togli-domanda")]
pub async fn remove_survey_question(survey_id: i32, question_id: i32) -> Result<(), AppError> {
    let (state, audience) = ssr::audience().await?;
    crate::features::surveys::service::remove_question(
        &state.db,
        &audience,
        survey_id,
        question_id,
    )
    .await?;
    ssr::back(
        &format!("/questionari/{survey_id}"),
        Some("costruisci".into()),
    );
    Ok(())
}

#[server(prefix = "/api", endpoint = "pubblica-risultati")]
pub async fn publish_survey(survey_id: i32, published: bool) -> Result<(), AppError> {
    let (state, audience) = ssr::audience().await?;
    crate::features::surveys::service::set_published(&state.db, &audience, survey_id, published)
        .await?;
    ssr::back(&format!("/questionari/{survey_id}"), None);
    Ok(())
}
