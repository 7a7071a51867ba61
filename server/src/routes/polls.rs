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
    features::polls::service,
    server::{session::CurrentSession, AppState},
};

use super::export::csv_download;

pub async fn export(
    State(state): State<AppState>,
    Path(poll_id): Path<i32>,
    session: Option<Extension<CurrentSession>>,
    headers: HeaderMap,
) -> Response {
    let db = state.db.clone();
    let back = format!("/sondaggi/{poll_id}");
    csv_download(&state, session, &headers, &back, |audience, locale| async move {
        service::export_csv(&db, &audience, poll_id, locale).await
    })
    .await
}
