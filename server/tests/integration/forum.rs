//! The forum over HTTP, through the whole router: pages a person may not see are 404s (page,
//! permalink, live stream), posting works as a plain form, a refused post comes back with the
//! reason and the text, the feed holds only public threads, a new post reaches an open live
//! stream — also across two server instances on one PostgreSQL — and the live island's catch-up
//! sends it rendered.
use crate::common;

use std::time::Duration;

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
    Router,
};
use http_body_util::BodyExt;
use leptos::server_fn::ServerFn;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tower::ServiceExt;

use crate::common::{
    app_and_db,
    forms::{form_post, location_path, signed_in_cookie},
    get,
};
use app::{
    features::forum::api::{FetchLivePosts, Reply},
    server::{entities::thread, Db},
};

async fn thread_id(db: &Db, title: &str) -> i32 {
    thread::Entity::find()
        .filter(thread::Column::Title.contains(title))
        .one(db.read())
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no thread {title}"))
        .id
}

const SECRET_THREAD: &str = "seminario di marzo";
const OPEN_QUESTION: &str = "indicatori di esito";

#[tokio::test]
async fn a_reserved_thread_is_a_404_in_page_permalink_and_live_stream() {
    let (app, db) = app_and_db(false).await;
    let secret = thread_id(&db, SECRET_THREAD).await;
    let luca = signed_in_cookie(&app, "luca.esposito").await;
    let anna = signed_in_cookie(&app, "anna.rossi").await;
    let page = format!("/forum/t/{secret}");
    let (status, _, body) = get(&app, &page, &[("cookie", &luca)]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!body.contains("seminario"), "nothing of it shows");
    let (status, _, _) = get(&app, &format!("/live/forum/{secret}"), &[("cookie", &luca)]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, body) = get(&app, &page, &[("cookie", &anna)]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Programma del seminario di marzo"));
    // Not in Luca's lists either.
    let (_, _, body) = get(&app, "/forum", &[("cookie", &luca)]).await;
    assert!(body.contains("Fondo rotativo") && !body.contains("seminario di marzo"));
    // Visitors in the closed phase see nothing of the forum.
    let (status, _, body) = get(&app, "/forum", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body.contains("Fondo rotativo"));
    let open = thread_id(&db, OPEN_QUESTION).await;
    let (status, _, _) = get(&app, &format!("/forum/t/{open}"), &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_reply_posted_as_a_plain_form_appears_and_a_refused_one_keeps_its_text() {
    let (app, db) = app_and_db(false).await;
    let open = thread_id(&db, OPEN_QUESTION).await;
    let anna = signed_in_cookie(&app, "anna.rossi").await;
    let referer = format!("http://localhost/forum/t/{open}");
    let response = form_post(
        &app,
        Reply::PATH,
        &format!("thread_id={open}&body=Anche+noi+usiamo+la+**tenuta+a+12+mesi**."),
        &[("cookie", &anna), ("referer", &referer)],
    )
    .await;
    assert_eq!(response.status(), StatusCode::FOUND, "{response:?}");
    let permalink = location_path(&response);
    assert!(permalink.starts_with("/forum/m/"), "{permalink}");
    let browser = [("cookie", anna.as_str()), ("accept", "text/html")];
    let (status, headers, _) = get(&app, &permalink, &browser).await;
    assert_eq!(status, StatusCode::FOUND);
    let target = headers[header::LOCATION].to_str().unwrap().to_owned();
    assert!(target.starts_with(&format!("/forum/t/{open}")), "{target}");
    let (_, _, body) = get(&app, &format!("/forum/t/{open}"), &[("cookie", &anna)]).await;
    assert!(
        body.contains("<strong>tenuta a 12 mesi</strong>"),
        "rendered Markdown"
    );

    // Too long: back to the thread with the reason; the text waits in the reply box.
    let long = "parola ".repeat(3_000);
    let response = form_post(
        &app,
        Reply::PATH,
        &format!("thread_id={open}&body={}", long.replace(' ', "+")),
        &[("cookie", &anna), ("referer", &referer)],
    )
    .await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let back = location_path(&response);
    assert!(
        back.starts_with(&format!("/forum/t/{open}")) && back.contains("__err"),
        "{back}"
    );
    let (status, _, body) = get(&app, &back, &[("cookie", &anna)]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("al massimo 20000") || body.contains("20000"),
        "the reason shows"
    );
    assert!(
        body.contains("parola parola parola"),
        "the typed text is back"
    );
}

#[tokio::test]
async fn the_feed_lists_only_public_threads_and_only_when_visitors_may_read() {
    use app::{
        features::community::{service as community, types::Phase},
        server::entities::category,
    };
    use sea_orm::sea_query::Expr;
    let (app, db) = app_and_db(false).await;
    let (status, headers, body) = get(&app, "/forum/feed.atom", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("application/atom+xml"));
    assert!(
        body.contains("<feed") && !body.contains("<entry>"),
        "{body}"
    );
    // Open the community and one category to the public: only its threads appear.
    community::set_phase(db.write(), Phase::Open).await.unwrap();
    category::Entity::update_many()
        .col_expr(category::Column::Scope, Expr::value("public"))
        .filter(category::Column::Slug.eq("strumenti-di-finanza-d-impatto"))
        .exec(db.write())
        .await
        .unwrap();
    let (_, _, body) = get(&app, "/forum/feed.atom", &[]).await;
    assert!(body.contains("Fondo rotativo"), "{body}");
    assert!(
        !body.contains("avviso pubblico") && !body.contains("seminario"),
        "{body}"
    );
}

/// Reads the SSE stream until an event line appears, or gives up after `wait`.
async fn next_event(body: &mut Body, wait: Duration) -> Option<String> {
    let deadline = tokio::time::Instant::now() + wait;
    let mut seen = String::new();
    loop {
        let frame = tokio::time::timeout_at(deadline, body.frame())
            .await
            .ok()??
            .ok()?;
        if let Some(data) = frame.data_ref() {
            seen.push_str(&String::from_utf8_lossy(data));
            if let Some(line) = seen.lines().find(|l| l.starts_with("event:")) {
                return Some(line.to_owned());
            }
        }
    }
}

/// Opens a thread's stream as a browser does, accepting compressed answers: a stream must come
/// uncompressed, or the compressor would hold its events back.
async fn open_stream(app: &Router, thread: i32, cookie: &str) -> Body {
    let request = Request::get(format!("/live/forum/{thread}"))
        .header("cookie", cookie)
        .header("accept-encoding", "gzip, deflate, br")
        .body(Body::empty())
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/event-stream"));
    assert!(response.headers().get(header::CONTENT_ENCODING).is_none());
    response.into_body()
}

async fn reply_as(app: &Router, thread: i32, cookie: &str, text: &str) {
    let response = form_post(
        app,
        Reply::PATH,
        &format!("thread_id={thread}&body={}", text.replace(' ', "+")),
        &[("cookie", cookie)],
    )
    .await;
    assert_eq!(response.status(), StatusCode::FOUND);
}

#[tokio::test]
async fn a_new_post_reaches_an_open_live_stream() {
    let (app, db) = app_and_db(false).await;
    let open = thread_id(&db, OPEN_QUESTION).await;
    let anna = signed_in_cookie(&app, "anna.rossi").await;
    let luca = signed_in_cookie(&app, "luca.esposito").await;
    let mut stream = open_stream(&app, open, &anna).await;
    reply_as(&app, open, &luca, "Arriva in diretta").await;
    let event = next_event(&mut stream, Duration::from_secs(5)).await;
    assert_eq!(event.as_deref(), Some("event: post"));
}

/// The live island's catch-up, as it calls it: a GET with the thread and the last post it shows,
/// answered with JSON read by the browser's parser.
async fn catch_up(app: &Router, thread: i32, after: i32, cookie: &str) -> (StatusCode, String) {
    let url = format!("{}?thread_id={thread}&after={after}", FetchLivePosts::PATH);
    let (status, _, body) = get(app, &url, &[("cookie", cookie)]).await;
    (status, body)
}

fn field(json: &str, name: &str) -> leptos::serde_json::Value {
    let value: leptos::serde_json::Value = leptos::serde_json::from_str(json).unwrap();
    value[name].clone()
}

#[tokio::test]
async fn the_live_catch_up_sends_the_new_posts_rendered_and_nothing_of_a_hidden_thread() {
    let (app, db) = app_and_db(false).await;
    let open = thread_id(&db, OPEN_QUESTION).await;
    let anna = signed_in_cookie(&app, "anna.rossi").await;
    let luca = signed_in_cookie(&app, "luca.esposito").await;
    let (status, body) = catch_up(&app, open, 0, &anna).await;
    assert_eq!(status, StatusCode::OK);
    let shown = field(&body, "last").as_i64().unwrap();
    assert!(field(&body, "count").as_i64().unwrap() > 0);

    reply_as(&app, open, &luca, "Arriva in diretta").await;
    let (status, body) = catch_up(&app, open, shown as i32, &anna).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(field(&body, "count").as_i64(), Some(1));
    let (first, last) = (field(&body, "first"), field(&body, "last"));
    assert_eq!(first, last);
    let html = field(&body, "html").as_str().unwrap().to_string();
    let id = last.as_i64().unwrap();
    assert!(id > shown);
    assert!(html.contains(&format!("id=\"m{id}\"")), "{html}");
    assert!(html.contains("Luca Esposito") && html.contains("Arriva in diretta"));
    // Nothing newer: an empty answer that keeps the island where it is.
    let (_, body) = catch_up(&app, open, id as i32, &anna).await;
    assert_eq!(field(&body, "count").as_i64(), Some(0));
    assert_eq!(field(&body, "last").as_i64(), Some(id));

    // A thread Luca may not see gives him nothing, as its page does.
    let secret = thread_id(&db, SECRET_THREAD).await;
    let (status, body) = catch_up(&app, secret, 0, &luca).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!body.contains("seminario"));
}

/// Whether the stream ends (the server closes it) within `wait`; keep-alive comments and events
/// before the end are skipped.
async fn ends_within(body: &mut Body, wait: Duration) -> bool {
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        match tokio::time::timeout_at(deadline, body.frame()).await {
            Err(_) => return false,
            Ok(None) => return true,
            Ok(Some(Err(_))) => return true,
            Ok(Some(Ok(_))) => continue,
        }
    }
}

#[tokio::test]
async fn an_open_stream_ends_when_its_session_ends_or_its_person_leaves_the_group() {
    use app::features::{accounts::api::SignOut, groups::api::LeaveGroup};
    let (app, db) = app_and_db(false).await;
    let secret = thread_id(&db, SECRET_THREAD).await;
    let open = thread_id(&db, OPEN_QUESTION).await;

    // Signing out ends the streams of that session: they were allowed only while it lasted.
    let anna = signed_in_cookie(&app, "anna.rossi").await;
    let mut stream = open_stream(&app, open, &anna).await;
    assert!(!ends_within(&mut stream, Duration::from_millis(300)).await);
    let response = form_post(&app, SignOut::PATH, "", &[("cookie", &anna)]).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert!(
        ends_within(&mut stream, Duration::from_secs(5)).await,
        "the stream outlived its session"
    );

    // Leaving the working group ends the stream of its reserved thread, at once.
    let anna = signed_in_cookie(&app, "anna.rossi").await;
    let mut reserved = open_stream(&app, secret, &anna).await;
    let mut public = open_stream(&app, open, &anna).await;
    let response = form_post(
        &app,
        LeaveGroup::PATH,
        "slug=cabina-di-regia",
        &[("cookie", &anna)],
    )
    .await;
    assert_eq!(response.status(), StatusCode::FOUND, "{response:?}");
    assert!(
        ends_within(&mut reserved, Duration::from_secs(5)).await,
        "the reserved thread's stream outlived the membership"
    );
    assert!(
        !ends_within(&mut public, Duration::from_millis(500)).await,
        "a thread still visible keeps its stream"
    );
    let (status, _, _) = get(&app, &format!("/live/forum/{secret}"), &[("cookie", &anna)]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_session_holds_a_few_streams_at_most() {
    let (app, db) = app_and_db(false).await;
    let open = thread_id(&db, OPEN_QUESTION).await;
    let anna = signed_in_cookie(&app, "anna.rossi").await;
    let mut streams = Vec::new();
    for _ in 0..server::routes::live::PER_SESSION {
        streams.push(open_stream(&app, open, &anna).await);
    }
    let (status, _, _) = get(&app, &format!("/live/forum/{open}"), &[("cookie", &anna)]).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    // Another person is not affected; a closed stream frees its place.
    let luca = signed_in_cookie(&app, "luca.esposito").await;
    drop(open_stream(&app, open, &luca).await);
    streams.pop();
    drop(open_stream(&app, open, &anna).await);
}

#[tokio::test]
async fn a_post_on_one_instance_reaches_a_stream_on_another_through_postgresql() {
    let Ok(url) = std::env::var(app::server::testing::TEST_DATABASE_ENV) else {
        return; // SQLite: one instance only.
    };
    if !url.starts_with("postgres") {
        return;
    }
    let (first, db) = app_and_db(false).await;
    // A second instance: its own state and event bus on the same database.
    let config = common::config_for(common::db_url(&db).await);
    let state = server::state(&config).await.unwrap();
    let listening = state.events.listening();
    tokio::spawn(state.events.clone().listen(state.db.clone()));
    let second = server::router(state, &config);
    let first_state_db = db.clone();
    let open = thread_id(&first_state_db, OPEN_QUESTION).await;
    let anna = signed_in_cookie(&second, "anna.rossi").await;
    let luca = signed_in_cookie(&first, "luca.esposito").await;
    let mut stream = open_stream(&second, open, &anna).await;
    tokio::time::timeout(Duration::from_secs(10), listening)
        .await
        .expect("the second instance listens");
    reply_as(&first, open, &luca, "Da un'altra istanza").await;
    let event = next_event(&mut stream, Duration::from_secs(5)).await;
    assert_eq!(event.as_deref(), Some("event: post"));
}

#[tokio::test]
async fn a_quote_fills_the_reply_box_and_public_questions_carry_qa_microdata() {
    use app::server::entities::{category, post};
    use sea_orm::sea_query::Expr;
    let (app, db) = app_and_db(false).await;
    let open = thread_id(&db, OPEN_QUESTION).await;
    let anna = signed_in_cookie(&app, "anna.rossi").await;
    let answer = post::Entity::find()
        .filter(post::Column::Source.contains("Una proposta di partenza"))
        .one(db.read())
        .await
        .unwrap()
        .unwrap();
    let page = format!("/forum/t/{open}?cita={}", answer.id);
    let (status, _, body) = get(&app, &page, &[("cookie", &anna)]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("@marco.bellini ha scritto:"),
        "the quote is in the box"
    );
    assert!(body.contains("&gt; Una proposta di partenza"));
    assert!(!body.contains("schema.org/QAPage"), "not a public question");
    category::Entity::update_many()
        .col_expr(category::Column::Scope, Expr::value("public"))
        .filter(category::Column::Slug.eq("misurazione-e-valutazione-degli-esiti"))
        .exec(db.write())
        .await
        .unwrap();
    let (_, _, body) = get(&app, &format!("/forum/t/{open}"), &[("cookie", &anna)]).await;
    assert!(body.contains("itemtype=\"https://schema.org/QAPage\""));
    assert!(body.contains("itemprop=\"mainEntity\""));
    assert!(body.contains("itemprop=\"suggestedAnswer\""));
    assert!(body.contains("itemprop=\"answerCount\""));
}

/// A draft is put back in the writing box as text: one that holds `</textarea>` and a script
/// stays inside the box (the box's content is escaped by us, as the view library does not).
#[tokio::test]
async fn a_draft_that_closes_the_textarea_comes_back_as_text() {
    let (app, _) = app_and_db(false).await;
    let luca = signed_in_cookie(&app, "luca.esposito").await;
    let hostile = "</textarea><script>alert(1)</script><textarea>";
    let body = format!(
        "key=new&title=Titolo+di+prova&body={}",
        "%3C%2Ftextarea%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E%3Ctextarea%3E"
    );
    let response = form_post(
        &app,
        app::ui::SaveDraft::PATH,
        &body,
        &[
            ("cookie", &luca),
            ("referer", "http://localhost/forum/nuovo"),
        ],
    )
    .await;
    assert!(response.status().is_success() || response.status().is_redirection());
    let (status, _, page) = get(&app, "/forum/nuovo", &[("cookie", &luca)]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !page.contains(hostile),
        "the draft broke out of its textarea"
    );
    assert!(page.contains("&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
}

/// The HTML of the post with this id on a page (its `<article>`).
fn article(page: &str, post_id: i32) -> &str {
    let start = page
        .find(&format!("id=\"m{post_id}\""))
        .unwrap_or_else(|| panic!("post {post_id} not on the page"));
    let start = page[..start].rfind("<article").unwrap();
    let end = start + page[start..].find("</article>").unwrap();
    &page[start..end]
}

/// Posts are rendered once and kept by everything they show (`ui::fragments`): each person
/// still sees their own marks, and a change shows at once to everyone.
#[tokio::test]
async fn kept_posts_show_each_person_their_own_marks_and_every_change_at_once() {
    use app::server::entities::{post, user};
    let (app, db) = app_and_db(false).await;
    let open = thread_id(&db, OPEN_QUESTION).await;
    let user_id = |login: &'static str| {
        let db = db.clone();
        async move {
            user::Entity::find()
                .filter(user::Column::Username.eq(login))
                .one(db.read())
                .await
                .unwrap()
                .unwrap()
                .id
        }
    };
    let (anna_id, luca_id) = (user_id("anna.rossi").await, user_id("luca.esposito").await);
    // A post in the thread by neither of them: both may mark it useful.
    let target = post::Entity::find()
        .filter(post::Column::ThreadId.eq(open))
        .all(db.read())
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.author_id.is_some_and(|a| a != anna_id && a != luca_id))
        .expect("a post by someone else")
        .id;
    let anna = signed_in_cookie(&app, "anna.rossi").await;
    let luca = signed_in_cookie(&app, "luca.esposito").await;
    let page = format!("/forum/t/{open}");
    let view = |cookie: String| {
        let (app, page) = (app.clone(), page.clone());
        async move {
            let (status, _, body) = get(&app, &page, &[("cookie", &cookie)]).await;
            assert_eq!(status, StatusCode::OK);
            body
        }
    };
    // Both have seen the page (its posts are kept now).
    let before = view(anna.clone()).await;
    view(luca.clone()).await;
    let useful = |html: &str| {
        html.split("Utile (")
            .nth(1)
            .and_then(|rest| rest.split(')').next())
            .and_then(|n| n.parse::<u32>().ok())
            .expect("a useful count")
    };
    let count = useful(article(&before, target));
    let pressed = "aria-pressed=\"true\" class=\"link-button\">Utile (";
    assert!(
        article(&before, target).contains("aria-pressed=\"false\" class=\"link-button\">Utile (")
    );

    let response = form_post(
        &app,
        "/api/utile",
        &format!("post_id={target}"),
        &[
            ("cookie", &anna),
            ("referer", &format!("http://localhost{page}")),
        ],
    )
    .await;
    assert!(response.status().is_redirection(), "{}", response.status());

    let annas = view(anna.clone()).await;
    let lucas = view(luca.clone()).await;
    assert_eq!(
        useful(article(&annas, target)),
        count + 1,
        "Anna sees her mark counted"
    );
    assert_eq!(
        useful(article(&lucas, target)),
        count + 1,
        "Luca sees it counted at once"
    );
    assert!(
        article(&annas, target).contains(pressed),
        "Anna's button shows her mark"
    );
    assert!(
        !article(&lucas, target).contains(pressed),
        "Luca's does not: it is not his"
    );
    // Anna's page as English asks: the same post in the other language, not the kept Italian one.
    let (_, _, english) = get(&app, &page, &[("cookie", &anna), ("accept-language", "en")]).await;
    assert!(article(&english, target).contains(&format!("Useful ({})", count + 1)));
}
