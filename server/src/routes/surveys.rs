//! Survey routes outside the server functions:
//! - `POST /questionari/<id>/risposte`: the answers form. Its fields are named after the
//!   questions (`q<id>`, repeated for multiple choice), so it is read as a list of pairs. It
//!   goes back to the survey with what happened: saved, submitted, the required questions
//!   still missing, or the error.
//! - `GET /questionari/<id>/risultati.csv`: the export, to those who may see the results (404
//!   otherwise, like the page).
use axum::{
    extract::{Path, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
    Extension, Form,
};
use leptos::server_fn::error::ServerFnUrlError;

use app::{
    error::AppError,
    features::surveys::service::{self, Action, Outcome},
    i18n::Locale,
    server::{access::Audience, session::CurrentSession, AppState},
};

pub async fn answer(
    State(state): State<AppState>,
    Path(survey_id): Path<i32>,
    session: Option<Extension<CurrentSession>>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let page = format!("/questionari/{survey_id}");
    let viewer = session.map(|Extension(s)| s.viewer);
    let action = match fields
        .iter()
        .find(|(k, _)| k == "azione")
        .map(|(_, v)| v.as_str())
    {
        Some("invia") => Action::Submit,
        _ => Action::Draft,
    };
    let outcome = match Audience::load(&state.db, viewer.as_ref()).await {
        Ok(audience) => service::answer(&state.db, &audience, survey_id, &fields, action).await,
        Err(error) => Err(error),
    };
    let target = match outcome {
        Ok(Outcome::Saved) => format!("{page}?salvato=1"),
        Ok(Outcome::Submitted) => format!("{page}?inviato=1"),
        Ok(Outcome::Missing(ids)) => {
            let list: Vec<String> = ids.iter().map(i32::to_string).collect();
            format!("{page}?mancanti={}#domanda-{}", list.join(","), ids[0])
        }
        Err(AppError::NotFound) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            let base = format!("http://pratica.invalid{page}");
            match ServerFnUrlError::new(page.clone(), error).to_url(&base) {
                Ok(url) => format!("{}?{}", url.path(), url.query().unwrap_or_default()),
                Err(_) => page,
            }
        }
    };
    Redirect::to(&target).into_response()
}

pub async fn export(
    State(state): State<AppState>,
    Path(survey_id): Path<i32>,
    session: Option<Extension<CurrentSession>>,
    headers: HeaderMap,
) -> Response {
    let viewer = session.map(|Extension(s)| s.viewer);
    let locale = Locale::negotiate(
        headers.get(header::COOKIE).and_then(|v| v.to_str().ok()),
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let t = locale.messages().surveys;
    let exported = match Audience::load(&state.db, viewer.as_ref()).await {
        Ok(audience) => {
            service::export_csv(
                &state.db,
                &audience,
                survey_id,
                (t.csv_number, t.csv_person),
            )
            .await
        }
        Err(error) => Err(error),
    };
    match exported {
        Ok((name, bytes)) => {
            let mut response = bytes.into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            );
            if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(AppError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
