//! Survey routes outside the server functions:
//! - `POST /questionari/<id>/risposte`: the answers form. Its fields are named after the
//!   questions (`q<id>`, repeated for multiple choice), so it is read as a list of pairs. It
//!   goes back to the survey with what happened: saved, submitted, the required questions
//!   still missing, or the error.
//! - `GET /questionari/<id>/risultati.csv`: the export, for staff (a 404 page for others).
use app::error::Field;
use axum::{
    extract::{rejection::FormRejection, Path, State},
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
    Extension, Form,
};
use leptos::server_fn::error::ServerFnUrlError;

use app::{
    error::{AppError, InvalidReason},
    features::surveys::service::{self, Action, Outcome},
    server::{access::Audience, session::CurrentSession, AppState},
};

use super::export::csv_download;

/// The survey's page with the error shown on it (what a plain form post comes back with).
fn back_with_error(page: &str, error: AppError) -> String {
    let base = format!("http://pratica.invalid{page}");
    match ServerFnUrlError::new(page.to_owned(), error).to_url(&base) {
        Ok(url) => format!("{}?{}", url.path(), url.query().unwrap_or_default()),
        Err(_) => page.to_owned(),
    }
}

pub async fn answer(
    State(state): State<AppState>,
    Path(survey_id): Path<i32>,
    session: Option<Extension<CurrentSession>>,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Response {
    let page = format!("/questionari/{survey_id}");
    let Ok(Form(fields)) = form else {
        let error = AppError::invalid(Field::Answers, InvalidReason::Malformed);
        return Redirect::to(&back_with_error(&page, error)).into_response();
    };
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
        Ok(Outcome::Missing { ids, kept }) => {
            let list: Vec<String> = ids.iter().map(i32::to_string).collect();
            let first = ids.first().copied().unwrap_or_default();
            let kept = if kept { "" } else { "&non_salvato=1" };
            format!("{page}?mancanti={}{kept}#domanda-{first}", list.join(","))
        }
        // The page says "not found" itself (in the person's language, with its status).
        Err(AppError::NotFound) => page,
        Err(error) => back_with_error(&page, error),
    };
    Redirect::to(&target).into_response()
}

pub async fn export(
    State(state): State<AppState>,
    Path(survey_id): Path<i32>,
    session: Option<Extension<CurrentSession>>,
    headers: HeaderMap,
) -> Response {
    let db = state.db.clone();
    let back = format!("/questionari/{survey_id}");
    csv_download(&state, session, &headers, &back, |audience, locale| async move {
        service::export_csv(&db, &audience, survey_id, locale).await
    })
    .await
}
