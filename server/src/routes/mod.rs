//! Plain HTTP endpoints beside the Leptos pages.
#[cfg(feature = "bench")]
pub mod bench;
pub mod error_page;
pub mod export;
pub mod feed;
pub mod health;
pub mod images;
pub mod language;
pub mod live;
pub mod polls;
pub mod surveys;

use axum::{
    http::Method,
    routing::{get, post, MethodRouter},
};

use app::server::AppState;

/// One of the server's own routes: its address, its method and its handler.
pub struct Route {
    pub path: &'static str,
    pub method: Method,
    pub handler: MethodRouter<AppState>,
}

/// The server's own routes beside the Leptos pages and server functions (static files apart):
/// one table, which `router` mounts and the robustness test walks, so a new route is tried
/// with bad input as soon as it exists.
pub fn own() -> Vec<Route> {
    let route = |path, method, handler| Route {
        path,
        method,
        handler,
    };
    let upload = || axum::extract::DefaultBodyLimit::max(images::UPLOAD_BODY_LIMIT);
    vec![
        route("/healthz", Method::GET, get(health::healthz)),
        route("/lingua", Method::GET, get(language::switch)),
        route("/immagini/{id}", Method::GET, get(images::serve)),
        route("/live", Method::GET, get(live::stream)),
        route("/live/forum/{id}", Method::GET, get(live::forum_thread)),
        route(
            "/questionari/{id}/risposte",
            Method::POST,
            post(surveys::answer),
        ),
        route(
            "/questionari/{id}/risultati.csv",
            Method::GET,
            get(surveys::export),
        ),
        route(
            "/sondaggi/{id}/risultati.csv",
            Method::GET,
            get(polls::export),
        ),
        route("/forum/feed.atom", Method::GET, get(feed::forum)),
        route("/wiki/feed.atom", Method::GET, get(feed::wiki)),
        route(
            "/profilo/foto",
            Method::POST,
            post(images::upload_photo).layer(upload()),
        ),
        route(
            "/rete/organizzazioni/{id}/logo",
            Method::POST,
            post(images::upload_logo).layer(upload()),
        ),
    ]
}
