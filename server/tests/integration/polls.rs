//! Polls over HTTP: voting as a plain form (and a refused vote coming back with its reason), a
//! poll the person may not see is a 404 in page and stream, the live stream carries counts only
//! to those who may see them, and a vote on one instance reaches a stream on another through
//! PostgreSQL.
use crate::common;

use std::time::Duration;

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
    Router,
};
use http_body_util::BodyExt;
use leptos::server_fn::ServerFn;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use tower::ServiceExt;

use crate::common::{
    app_and_db,
    forms::{follow_refusal, form_post, location_path, signed_in_cookie},
    get,
};
use app::{
    features::polls::api::VotePoll,
    server::{
        entities::{poll, poll_option},
        Db,
    },
};

const FEATURED: &str = "prossimo seminario";
const CLOSED: &str = "notiziario";
const PER_ORGANISATION: &str = "protocollo";

async fn poll_and_options(db: &Db, question: &str) -> (i32, Vec<i32>) {
    let found = poll::Entity::find()
        .filter(poll::Column::Question.contains(question))
        .one(db.read())
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no poll {question}"));
    let options = poll_option::Entity::find()
        .filter(poll_option::Column::PollId.eq(found.id))
        .order_by_asc(poll_option::Column::Position)
        .all(db.read())
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.id)
        .collect();
    (found.id, options)
}

async fn vote(app: &Router, cookie: &str, poll_id: i32, option: i32) -> axum::response::Response {
    form_post(
        app,
        VotePoll::PATH,
        &format!("poll_id={poll_id}&choice%5B%5D={option}"),
        &[
            ("cookie", cookie),
            ("referer", &format!("http://localhost/sondaggi/{poll_id}")),
        ],
    )
    .await
}

/// Reads the SSE stream until an event arrives: its name and data.
async fn next_event(body: &mut Body, wait: Duration) -> Option<(String, String)> {
    let deadline = tokio::time::Instant::now() + wait;
    let mut seen = String::new();
    loop {
        let frame = tokio::time::timeout_at(deadline, body.frame())
            .await
            .ok()??
            .ok()?;
        if let Some(data) = frame.data_ref() {
            seen.push_str(&String::from_utf8_lossy(data));
            if let Some(block) = seen.split("\n\n").find(|b| b.contains("event:")) {
                let field = |name: &str| {
                    block
                        .lines()
                        .find_map(|l| l.strip_prefix(name))
                        .unwrap_or_default()
                        .trim()
                        .to_owned()
                };
                return Some((field("event:"), field("data:")));
            }
        }
    }
}

async fn open_stream(app: &Router, topic: &str, cookie: &str) -> Result<Body, StatusCode> {
    let request = Request::get(format!("/live?topic={topic}"))
        .header("cookie", cookie)
        .body(Body::empty())
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    if response.status() != StatusCode::OK {
        return Err(response.status());
    }
    assert!(response.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/event-stream"));
    Ok(response.into_body())
}

#[tokio::test]
async fn a_vote_by_plain_form_counts_and_a_refused_one_comes_back_with_its_reason() {
    let (app, db) = app_and_db(false).await;
    let (poll_id, options) = poll_and_options(&db, FEATURED).await;
    let anna = signed_in_cookie(&app, "anna.rossi").await;
    let (_, _, home) = get(&app, "/", &[("cookie", &anna)]).await;
    assert!(
        home.contains("Quale tema approfondiamo"),
        "featured on the home page"
    );
    assert!(home.contains("name=\"choice[]\""), "a plain vote form");
    let response = vote(&app, &anna, poll_id, options[2]).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let back = location_path(&response);
    assert!(
        back.starts_with(&format!("/sondaggi/{poll_id}?votato=1")),
        "{back}"
    );
    let (_, _, page) = get(&app, &back, &[("cookie", &anna)]).await;
    assert!(page.contains("Il tuo voto è stato registrato"));
    assert!(page.contains("3 votanti"), "two demo voters and Anna");
    assert!(page.contains("Cambia il voto"), "a named vote can change");

    // An option of another poll: refused, back with the reason, nothing counted.
    let (closed_id, closed_options) = poll_and_options(&db, CLOSED).await;
    let response = vote(&app, &anna, poll_id, closed_options[0]).await;
    let (back, page) = follow_refusal(&app, &response, Some(&anna)).await;
    assert!(back.contains("__err"), "{back}");
    assert!(page.contains("Scelta:"), "the reason names the field");
    // A closed poll refuses the vote.
    let response = vote(&app, &anna, closed_id, closed_options[0]).await;
    let (_, page) = follow_refusal(&app, &response, Some(&anna)).await;
    assert!(page.contains("La votazione è chiusa"));
    let (_, counts) = poll_and_options(&db, CLOSED).await;
    let total: i32 = poll_option::Entity::find()
        .filter(poll_option::Column::Id.is_in(counts))
        .all(db.read())
        .await
        .unwrap()
        .iter()
        .map(|o| o.votes)
        .sum();
    assert_eq!(total, 6, "the demo's votes only");
}

#[tokio::test]
async fn a_poll_one_may_not_see_is_a_404_in_page_and_stream() {
    let (app, db) = app_and_db(false).await;
    let (poll_id, _) = poll_and_options(&db, FEATURED).await;
    // Visitors, in the closed phase, see no members' poll.
    let (status, _, body) = get(&app, &format!("/sondaggi/{poll_id}"), &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!body.contains("Quale tema"));
    assert_eq!(
        open_stream(&app, &format!("poll:{poll_id}"), "")
            .await
            .err(),
        Some(StatusCode::NOT_FOUND)
    );
    assert_eq!(
        open_stream(&app, "poll:999999", "").await.err(),
        Some(StatusCode::NOT_FOUND)
    );
    let (_, _, home) = get(&app, "/", &[]).await;
    assert!(!home.contains("Quale tema"));
}

#[tokio::test]
async fn the_stream_carries_counts_only_to_those_who_may_see_them() {
    let (app, db) = app_and_db(false).await;
    // "After voting": Marco (no vote yet, not a referent) gets the number of voters only.
    let (hidden_id, hidden_options) = poll_and_options(&db, PER_ORGANISATION).await;
    let marco = signed_in_cookie(&app, "marco.bellini").await;
    let anna = signed_in_cookie(&app, "anna.rossi").await;
    let mut marco_stream = open_stream(&app, &format!("poll:{hidden_id}"), &marco)
        .await
        .unwrap();
    let response = vote(&app, &anna, hidden_id, hidden_options[0]).await;
    assert!(!location_path(&response).contains("__err"));
    // The stream opens with the state: one voter (Luca's organisation), no counts.
    let (event, data) = next_event(&mut marco_stream, Duration::from_secs(5))
        .await
        .expect("the opening state");
    assert_eq!((event.as_str(), data.as_str()), ("voters", "1"));
    let (event, data) = next_event(&mut marco_stream, Duration::from_secs(5))
        .await
        .expect("an event");
    assert_eq!(event, "voters");
    assert_eq!(data, "2", "the number of voters, no counts");
    // His page shows no counts either.
    let (_, _, page) = get(
        &app,
        &format!("/sondaggi/{hidden_id}"),
        &[("cookie", &marco)],
    )
    .await;
    assert!(page.contains("I risultati si vedono dopo aver votato"));
    let bars = &page[page.find("poll-bars").unwrap() - 30..];
    let tag = &bars[..bars.find('>').unwrap()];
    assert!(tag.contains("hidden"), "the bars are hidden: {tag}");
    assert!(!page.contains("-n\">1<"), "no count shows");
    // Anna voted: her stream carries the counts.
    let mut anna_stream = open_stream(&app, &format!("poll:{hidden_id}"), &anna)
        .await
        .unwrap();
    let (event, _) = next_event(&mut anna_stream, Duration::from_secs(5))
        .await
        .expect("the opening state");
    assert_eq!(
        event, "results",
        "Anna voted: the state comes with the counts"
    );
    let luca = signed_in_cookie(&app, "luca.esposito").await;
    vote(&app, &luca, hidden_id, hidden_options[2]).await;
    let (event, data) = next_event(&mut anna_stream, Duration::from_secs(5))
        .await
        .expect("an event");
    assert_eq!(event, "results");
    let (voters, counts) = app::features::polls::types::PollLive::parse_wire(&data).unwrap();
    assert_eq!(voters, 2, "Luca changed his organisation's vote");
    let counts = counts.expect("counts");
    assert_eq!(
        counts,
        vec![
            (hidden_options[0], 1),
            (hidden_options[1], 0),
            (hidden_options[2], 1)
        ]
    );
    // The API answers the same way: counts for Anna, none for Marco.
    let api = |cookie: String| {
        let app = app.clone();
        async move {
            let request = Request::post(app::features::polls::api::FetchPollLive::PATH)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header("cookie", cookie)
                .body(Body::from(format!("poll_id={hidden_id}")))
                .unwrap();
            let response = app.oneshot(request).await.unwrap();
            assert_eq!(response.status(), StatusCode::OK);
            let bytes = response.into_body().collect().await.unwrap().to_bytes();
            String::from_utf8_lossy(&bytes).into_owned()
        }
    };
    let marco_api = api(marco.clone()).await;
    assert!(marco_api.contains("\"counts\":null"), "{marco_api}");
    let anna_api = api(anna.clone()).await;
    assert!(anna_api.contains("\"counts\":[["), "{anna_api}");
}

#[tokio::test]
async fn a_vote_on_one_instance_reaches_a_stream_on_another_through_postgresql() {
    let Ok(url) = std::env::var(app::server::testing::TEST_DATABASE_ENV) else {
        return; // SQLite: one instance only.
    };
    if !url.starts_with("postgres") {
        return;
    }
    let (first, db) = app_and_db(false).await;
    let config = common::config_for(common::db_url(&db).await);
    let state = server::state(&config).await.unwrap();
    let listening = state.events.listening();
    tokio::spawn(state.events.clone().listen(state.db.clone()));
    let second = server::router(state, &config);
    let (poll_id, options) = poll_and_options(&db, FEATURED).await;
    let anna = signed_in_cookie(&second, "anna.rossi").await;
    let luca = signed_in_cookie(&first, "luca.esposito").await;
    let mut stream = open_stream(&second, &format!("poll:{poll_id}"), &anna)
        .await
        .unwrap();
    let (event, _) = next_event(&mut stream, Duration::from_secs(5))
        .await
        .expect("the opening state");
    assert_eq!(event, "results");
    tokio::time::timeout(Duration::from_secs(10), listening)
        .await
        .expect("the second instance listens");
    vote(&first, &luca, poll_id, options[3]).await;
    let (event, data) = next_event(&mut stream, Duration::from_secs(5))
        .await
        .expect("an event from the other instance");
    assert_eq!(event, "results");
    let (voters, counts) = app::features::polls::types::PollLive::parse_wire(&data).unwrap();
    assert_eq!(voters, 2, "Luca changed his vote");
    assert_eq!(counts.unwrap()[3], (options[3], 1));
}

#[tokio::test]
async fn staff_download_the_results_and_members_get_a_404_page() {
    let (app, db) = app_and_db(false).await;
    let (poll_id, _) = poll_and_options(&db, FEATURED).await;
    let download = |cookie: String| {
        let app = app.clone();
        async move {
            let request = Request::get(format!("/sondaggi/{poll_id}/risultati.csv"))
                .header("cookie", cookie)
                .body(Body::empty())
                .unwrap();
            let response = app.oneshot(request).await.unwrap();
            let status = response.status();
            let headers = response.headers().clone();
            let bytes = response.into_body().collect().await.unwrap().to_bytes();
            (status, headers, String::from_utf8(bytes.to_vec()).unwrap())
        }
    };
    let giulia = signed_in_cookie(&app, "giulia.ferri").await;
    let (status, headers, text) = download(giulia.clone()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    assert!(headers[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(rows.len(), 4, "one row per option");
    let votes: i32 = rows.iter().map(|r| r[1].parse::<i32>().unwrap()).sum();
    assert_eq!(votes, 2, "the demo's two votes");
    // The card offers the download to staff only.
    let (_, _, page) = get(
        &app,
        &format!("/sondaggi/{poll_id}"),
        &[("cookie", &giulia)],
    )
    .await;
    assert!(page.contains("risultati.csv"));
    let anna = signed_in_cookie(&app, "anna.rossi").await;
    let (_, _, page) = get(&app, &format!("/sondaggi/{poll_id}"), &[("cookie", &anna)]).await;
    assert!(!page.contains("risultati.csv"));
    assert!(
        !page.contains("Metti in evidenza nella home") && !page.contains("Togli dalla home"),
        "no feature button for members"
    );
    let (status, headers, text) = download(anna).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(text.contains("Pagina non trovata"), "{text}");
}

#[tokio::test]
async fn a_refused_vote_never_sends_the_browser_to_another_site() {
    let (app, db) = app_and_db(false).await;
    let (poll_id, _) = poll_and_options(&db, FEATURED).await;
    let (_, other_options) = poll_and_options(&db, CLOSED).await;
    let anna = signed_in_cookie(&app, "anna.rossi").await;
    for referer in [
        "http://localhost//evil.example/x",
        "http://localhost/\\evil.example",
    ] {
        let response = form_post(
            &app,
            VotePoll::PATH,
            &format!("poll_id={poll_id}&choice%5B%5D={}", other_options[0]),
            &[("cookie", &anna), ("referer", referer)],
        )
        .await;
        let back = location_path(&response);
        assert!(back.starts_with(&format!("/sondaggi/{poll_id}?")), "{back}");
    }
}
