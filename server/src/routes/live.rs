//! Server-sent events: `GET /live/forum/<thread>` streams "post" events for one thread to
//! those who may see it (404 otherwise, like the page). The stream carries only ids; the page's
//! island fetches the posts through the checked server function. Each open stream holds one
//! broadcast receiver and ends when the server shuts down.
use std::{convert::Infallible, time::Duration};

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{
        sse::{Event, KeepAlive, Sse},
        IntoResponse, Response,
    },
    Extension,
};
use tokio::sync::broadcast::error::RecvError;

use app::{
    error::AppError,
    features::forum::service::reading,
    server::{access::Audience, events::LiveEvent, session::CurrentSession, AppState},
};

/// How often an idle stream sends a comment, so proxies keep it open.
const KEEP_ALIVE: Duration = Duration::from_secs(20);

pub async fn forum_thread(
    State(state): State<AppState>,
    Path(thread_id): Path<i32>,
    session: Option<Extension<CurrentSession>>,
) -> Response {
    let viewer = session.map(|Extension(s)| s.viewer);
    let visible = match Audience::load(&state.db, viewer.as_ref()).await {
        Ok(audience) => reading::check_visible(&state.db, &audience, thread_id).await,
        Err(error) => Err(error),
    };
    match visible {
        Ok(()) => {}
        Err(AppError::NotFound) => return StatusCode::NOT_FOUND.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
    let topic = format!("thread:{thread_id}");
    let receiver = state.events.subscribe();
    let closed = Box::pin(state.events.closed());
    let stream = futures_util::stream::unfold(
        (receiver, closed, topic),
        |(mut receiver, mut closed, topic)| async move {
            loop {
                let next = tokio::select! {
                    _ = &mut closed => return None,
                    next = receiver.recv() => next,
                };
                let event = match next {
                    Ok(LiveEvent { topic: t, kind, id }) if t == topic => {
                        Event::default().event(kind).data(id.to_string())
                    }
                    Ok(_) => continue,
                    // Fell behind: tell the page to catch up (it fetches what is new).
                    Err(RecvError::Lagged(_)) => Event::default().event("post").data("0"),
                    Err(RecvError::Closed) => return None,
                };
                return Some((Ok::<_, Infallible>(event), (receiver, closed, topic)));
            }
        },
    );
    let mut response = Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
        .into_response();
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    response
}
