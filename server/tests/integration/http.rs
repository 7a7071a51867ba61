//! HTTP behaviour of the whole router, without a browser: pages, languages, errors, headers.

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
    Router,
};
use tower::ServiceExt;

use crate::common::{app, app_and_db, app_with, get};
use app::demo;

#[tokio::test]
async fn health_check_answers_ok_when_the_database_does() {
    let app = app().await;
    let (status, _, body) = get(&app, "/healthz", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, "ok");
}

#[tokio::test]
async fn the_home_page_is_complete_html_in_italian_by_default() {
    let app = app().await;
    let (status, headers, body) = get(&app, "/", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.starts_with("<!DOCTYPE html>"), "{body}");
    assert!(body.contains(r#"<html lang="it""#));
    assert!(body.contains("Benvenuti nella comunità di pratica"));
    for (name, _) in demo::THEMES {
        assert!(body.contains(name), "theme {name} is in the HTML");
    }
    assert!(body.contains("Temi mostrati: 5 su 5"));
    assert!(body.contains("1 · chiusa"), "the footer shows the phase");
    assert_eq!(body.matches("<h1").count(), 1, "one h1 per page");
    assert!(body.contains(r##"href="#main""##), "skip link");

    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the policy");
    assert!(nonce.len() >= 16);
    assert!(
        body.contains(&format!(r#"nonce="{nonce}""#)),
        "scripts carry the nonce"
    );
    assert!(csp.contains("frame-ancestors 'none'"));
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(headers[header::CACHE_CONTROL], "private, no-cache");
}

#[tokio::test]
async fn each_page_gets_a_fresh_nonce() {
    let app = app().await;
    let (_, first, _) = get(&app, "/", &[]).await;
    let (_, second, _) = get(&app, "/", &[]).await;
    assert_ne!(
        first[header::CONTENT_SECURITY_POLICY],
        second[header::CONTENT_SECURITY_POLICY]
    );
}

#[tokio::test]
async fn every_html_answer_carries_the_policy_with_its_own_nonce() {
    let app = app().await;
    for path in ["/", "/accedi", "/nessuna-pagina-qui"] {
        let (_, headers, body) = get(&app, path, &[]).await;
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .unwrap_or_else(|| panic!("{path}: a nonce in {csp}"));
        assert!(
            body.contains(&format!(r#"nonce="{nonce}""#)),
            "{path}: the scripts carry the policy's nonce"
        );
    }
}

#[tokio::test]
async fn the_server_filters_themes_for_browsers_without_javascript() {
    let app = app().await;
    let (status, _, body) = get(&app, "/?q=FINANZA", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Temi mostrati: 1 su 5"), "{body}");
    assert!(body.contains("Strumenti di finanza d’impatto"));
    // The other cards wait in a template for the filter's island: not in the list.
    let list = body.split("<template").next().unwrap_or_default();
    assert!(!list.contains("<h3>Misurazione e valutazione degli esiti</h3>"));
}

#[tokio::test]
async fn english_is_chosen_by_cookie_or_by_browser_preference() {
    let app = app().await;
    let (_, _, by_header) = get(&app, "/", &[("accept-language", "en-GB,en;q=0.9")]).await;
    assert!(by_header.contains(r#"<html lang="en""#));
    assert!(by_header.contains("Welcome to the community of practice"));

    let (_, _, by_cookie) = get(
        &app,
        "/",
        &[("cookie", "pratica_lang=en"), ("accept-language", "it-IT")],
    )
    .await;
    assert!(by_cookie.contains("Main navigation"));
}

#[tokio::test]
async fn the_language_switch_sets_the_cookie_and_goes_back() {
    let app = app().await;
    let (status, headers, _) = get(&app, "/lingua?to=en&back=%2Fforum%3Fp%3D2", &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/forum?p=2");
    let cookie = headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("pratica_lang=en;"));
    assert!(cookie.contains("SameSite=Lax"));

    let (status, headers, _) =
        get(&app, "/lingua?to=it&back=https%3A%2F%2Fevil.example", &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/", "no open redirect");

    let (status, headers, _) = get(&app, "/lingua?to=xx&back=%2F", &[]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(headers.get(header::SET_COOKIE).is_none());
}

#[tokio::test]
async fn an_unknown_address_is_a_localised_404_without_internals() {
    let app = app().await;
    let (status, _, body) = get(&app, "/questa/pagina/non-esiste", &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("Pagina non trovata"));
    assert!(!body.to_lowercase().contains("panic"));

    let (status, _, body) = get(&app, "/nope", &[("accept-language", "en")]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("Page not found"));
}

#[tokio::test]
async fn every_section_of_the_navigation_answers() {
    let app = app().await;
    for path in [
        "/forum",
        "/domande",
        "/wiki",
        "/agenda",
        "/materiali",
        "/accedi",
    ] {
        let (status, _, body) = get(&app, path, &[]).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(
            body.contains(r#"aria-current="page""#),
            "{path} marks the current item"
        );
    }
}

#[cfg(feature = "bench")]
#[tokio::test]
async fn the_benchmark_write_endpoint_exists_only_when_enabled() {
    let post = |app: Router| async move {
        app.oneshot(
            Request::post("/_bench/themes")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from("name=Tema+di+prova"))
                .unwrap(),
        )
        .await
        .unwrap()
        .status()
    };
    assert_ne!(post(app().await).await, StatusCode::CREATED);
    let enabled = app_with(true).await;
    assert_eq!(post(enabled.clone()).await, StatusCode::CREATED);
    assert_eq!(
        post(enabled).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "duplicate name"
    );
}

#[tokio::test]
async fn a_failure_on_our_side_is_a_localised_500_without_internals() {
    use sea_orm::ConnectionTrait;
    let (app, db) = app_and_db(false).await;
    db.write()
        // Renamed rather than dropped: other tables' foreign keys point at it (PostgreSQL
        // refuses to drop it), and the page's query fails all the same.
        .execute_unprepared("ALTER TABLE themes RENAME TO themes_gone")
        .await
        .unwrap();
    let (status, _, body) = get(&app, "/", &[]).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(
        body.contains("Qualcosa non ha funzionato da parte nostra"),
        "{body}"
    );
    assert!(
        body.contains("<footer"),
        "the page around the error still renders"
    );
    let lower = body.to_lowercase();
    for internal in [
        "no such table",
        "does not exist",
        "sqlx",
        "sea_orm",
        "dberr",
    ] {
        assert!(!lower.contains(internal), "the page leaks {internal:?}");
    }
}

/// Calls a server function as a script does (no HTML page): the status and the body.
async fn call(app: &Router, path: &str, body: &str, cookie: Option<&str>) -> (StatusCode, String) {
    let mut request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .header(header::HOST, "localhost");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::from(body.to_owned())).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .unwrap();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

#[tokio::test]
async fn a_refused_server_function_call_answers_its_status_not_500() {
    use app::features::{
        accounts::api::SignIn,
        groups::api::{CreateGroup, FetchGroup},
        themes::api::ProposeTheme,
    };
    use leptos::server_fn::ServerFn;

    let app = app().await;
    let anna = crate::common::forms::signed_in_cookie(&app, "anna.rossi").await;
    // Who is not signed in may not; a wrong password; what one may not see; bad input.
    let forbidden = call(
        &app,
        CreateGroup::PATH,
        "name=G&description=&kind=open",
        None,
    )
    .await;
    assert_eq!(forbidden.0, StatusCode::FORBIDDEN, "{}", forbidden.1);
    let wrong = call(
        &app,
        SignIn::PATH,
        "login=anna.rossi&password=sbagliata&next=%2F",
        None,
    )
    .await;
    assert_eq!(wrong.0, StatusCode::UNAUTHORIZED, "{}", wrong.1);
    let missing = call(&app, FetchGroup::PATH, "slug=nessun-gruppo", Some(&anna)).await;
    assert_eq!(missing.0, StatusCode::NOT_FOUND, "{}", missing.1);
    let invalid = call(&app, ProposeTheme::PATH, "name=+&description=", Some(&anna)).await;
    assert_eq!(invalid.0, StatusCode::UNPROCESSABLE_ENTITY, "{}", invalid.1);
    assert!(
        invalid.1.contains("Invalid"),
        "the error itself: {}",
        invalid.1
    );
    let malformed = call(&app, ProposeTheme::PATH, "nome=x", Some(&anna)).await;
    assert_eq!(
        malformed.0,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        malformed.1
    );
}

#[tokio::test]
async fn behind_https_browsers_are_told_to_keep_to_https() {
    use app::server::testing::fresh_database_url;
    let plain = app().await;
    let (_, headers, _) = get(&plain, "/", &[]).await;
    assert!(headers.get(header::STRICT_TRANSPORT_SECURITY).is_none());

    let config = server::config::Config {
        secure_cookies: true,
        ..crate::common::config_for(fresh_database_url().await)
    };
    let state = server::state(&config).await.expect("state");
    let secure = server::router(state, &config);
    for path in ["/", "/healthz", "/nessuna-pagina"] {
        let (_, headers, _) = get(&secure, path, &[]).await;
        assert_eq!(
            headers[header::STRICT_TRANSPORT_SECURITY],
            "max-age=31536000; includeSubDomains",
            "{path}"
        );
    }
}

#[tokio::test]
async fn a_form_larger_than_its_route_takes_is_refused_unread_with_413() {
    use app::features::surveys::api::AddSurveyQuestion;
    use leptos::server_fn::ServerFn;
    let app = app().await;
    // The survey question of the attack: 16,000 option lines, about 700 KB.
    let options = "opzione+numero+tal+dei+tali%0A".repeat(16_000);
    let body = format!("survey_id=1&section_id=&kind=single&prompt=Domanda&options={options}");
    assert!(body.len() > 400_000);
    let started = std::time::Instant::now();
    let response = app
        .clone()
        .oneshot(
            Request::post(AddSurveyQuestion::PATH)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT_LANGUAGE, "it")
                .body(Body::from(body))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    let text = axum::body::to_bytes(response.into_body(), 4096)
        .await
        .unwrap();
    assert!(String::from_utf8_lossy(&text).contains("troppo grande"));
    // A wiki page's text may be long: the same size passes the limit there (and is then judged
    // by the wiki's own rules, here as a visitor who may not edit).
    let long = "parola+".repeat(60_000);
    let response = app
        .oneshot(
            Request::post("/api/wiki-anteprima")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(format!("path=Pagina&source={long}")))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_ne!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

/// The nonce of an answer's Content-Security-Policy.
fn policy_nonce(headers: &axum::http::HeaderMap) -> String {
    let policy = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    let start = policy.find("'nonce-").unwrap() + "'nonce-".len();
    policy[start..start + policy[start..].find('\'').unwrap()].to_owned()
}

/// A page visitors read is rendered once and kept a moment for the next visitors (the visitor
/// cache): each answer still carries a nonce of its own, in its policy and on its scripts; a
/// change acknowledged by the site shows to the very next visitor; a person signed in gets their
/// own page.
#[tokio::test]
async fn visitors_share_a_kept_page_with_a_nonce_each_and_see_a_change_at_once() {
    use app::features::themes::api::{DecideTheme, ProposeTheme};
    use app::server::entities::theme;
    use leptos::server_fn::ServerFn;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

    let (app, db) = app_and_db(false).await;
    let (first_status, first_headers, first) = get(&app, "/", &[]).await;
    let (second_status, second_headers, second) = get(&app, "/", &[]).await;
    assert_eq!(
        (first_status, second_status),
        (StatusCode::OK, StatusCode::OK)
    );
    let (one, two) = (policy_nonce(&first_headers), policy_nonce(&second_headers));
    assert_ne!(one, two, "every answer has a nonce of its own");
    assert!(first.contains(&format!("nonce=\"{one}\"")));
    assert!(second.contains(&format!("nonce=\"{two}\"")) && !second.contains(&one));
    assert_eq!(first.replace(&one, &two), second);
    // The language is part of the page: the English page is not the Italian one kept.
    let (_, _, english) = get(&app, "/", &[("cookie", "pratica_lang=en")]).await;
    assert!(english.contains("lang=\"en\"") && first.contains("lang=\"it\""));

    // Luca proposes a theme, staff approve it: the next visitor sees it on the home page.
    let name = "Welfare di prossimità digitale";
    let luca = crate::common::forms::signed_in_cookie(&app, "luca.esposito").await;
    let proposal = format!(
        "name={}&description={}",
        "Welfare+di+prossimit%C3%A0+digitale",
        "Servizi+sociali+di+prossimit%C3%A0+con+strumenti+digitali+condivisi"
    );
    let back = [
        ("cookie", luca.as_str()),
        ("referer", "http://localhost/temi"),
    ];
    let response =
        crate::common::forms::form_post(&app, ProposeTheme::PATH, &proposal, &back).await;
    assert!(response.status().is_redirection());
    let id = theme::Entity::find()
        .filter(theme::Column::Name.eq(name))
        .one(db.read())
        .await
        .unwrap()
        .expect("proposed")
        .id;
    let (_, _, before) = get(&app, "/", &[]).await;
    assert!(!before.contains(name));
    let giulia = crate::common::forms::signed_in_cookie(&app, "giulia.ferri").await;
    let decision = format!("theme_id={id}&decision=approve");
    let staff = [
        ("cookie", giulia.as_str()),
        ("referer", "http://localhost/temi"),
    ];
    let response =
        crate::common::forms::form_post(&app, DecideTheme::PATH, &decision, &staff).await;
    assert!(response.status().is_redirection());
    let (_, _, after) = get(&app, "/", &[]).await;
    assert!(after.contains(name), "a visitor sees the change at once");

    let (_, _, hers) = get(&app, "/", &[("cookie", &giulia)]).await;
    assert!(
        hers.contains("class=\"sign-out\""),
        "a person signed in gets their own page"
    );
    let (_, _, visitor) = get(&app, "/", &[]).await;
    assert!(!visitor.contains("class=\"sign-out\""));
}
