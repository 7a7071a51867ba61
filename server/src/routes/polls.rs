//! `GET /sondaggi/<id>/risultati.csv`: a poll's results for those who manage it (staff, the
//! group's admins), when the results are shown to them; otherwise an error page (404 for those
//! who may not manage it, like a poll they may not see).
use axum::{
    extract::{Path, State},
    http::HeaderMap,
    response::Response,
    Extension,
};

use app::{
    error::AppError,
    features::polls::service,
    server::{access::Audience, session::CurrentSession, AppState},
};

use super::{
    error_page::{error_page, locale},
    surveys::csv_response,
};

pub async fn export(
    State(state): State<AppState>,
    Path(poll_id): Path<i32>,
    session: Option<Extension<CurrentSession>>,
    headers: HeaderMap,
) -> Response {
    let viewer = session.map(|Extension(s)| s.viewer);
    let locale = locale(&headers);
    let exported = match Audience::load(&state.db, viewer.as_ref()).await {
        Ok(audience) => service::export_csv(&state.db, &audience, poll_id, locale).await,
        Err(error) => Err(error),
    };
    match exported {
        Ok((name, bytes)) => csv_response(&name, bytes),
        Err(error @ AppError::NotFound) => error_page(&error, locale, None),
        Err(error) => error_page(&error, locale, Some(&format!("/sondaggi/{poll_id}"))),
    }
}
