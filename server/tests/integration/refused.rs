//! A refused form comes back with what was typed, and only where it was refused: the values are
//! kept on the server under a cookie, never in the address.
use axum::http::StatusCode;
use leptos::server_fn::ServerFn;

use crate::common::{
    app_and_db,
    forms::{cookie_pair, follow_refusal, form_post, signed_in_cookie},
    get,
};
use app::features::{groups::api::CreateGroup, themes::api::ProposeTheme};

const DESCRIPTION: &str = "Indicatori condivisi per i servizi coprogettati";

async fn refused_proposal(app: &axum::Router, anna: &str) -> axum::response::Response {
    let body = format!("name=+++&description={}", DESCRIPTION.replace(' ', "+"));
    let headers = [("cookie", anna), ("referer", "http://localhost/temi")];
    form_post(app, ProposeTheme::PATH, &body, &headers).await
}

#[tokio::test]
async fn a_refused_form_shows_what_was_typed_without_putting_it_in_the_address() {
    let (app, db) = app_and_db(false).await;
    let anna = signed_in_cookie(&app, "anna.rossi").await;
    let response = refused_proposal(&app, &anna).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let kept = cookie_pair(&response, app::server::refused::COOKIE).expect("a cookie");
    let (back, page) = follow_refusal(&app, &response, Some(&anna)).await;
    assert!(
        back.starts_with("/temi?") && back.contains("__err"),
        "{back}"
    );
    assert!(
        !back.contains("Indicatori"),
        "nothing typed in the address: {back}"
    );
    assert!(page.contains("Nome: "), "the reason names the field");
    assert!(page.contains(DESCRIPTION), "the description typed is back");

    // The same page reached in another way is a clean form, cookie or not.
    let cookies = format!("{anna}; {kept}");
    let (_, _, page) = get(&app, "/temi", &[("cookie", &cookies)]).await;
    assert!(!page.contains(DESCRIPTION));
    // What was typed into another form does not fill this one.
    let fields = [("name", "Gruppo"), ("description", DESCRIPTION)];
    let token = app::server::refused::keep(&db, CreateGroup::PATH, &fields)
        .await
        .unwrap();
    let cookies = format!("{anna}; {}={token}", app::server::refused::COOKIE);
    let (_, _, page) = get(&app, &back, &[("cookie", &cookies)]).await;
    assert!(page.contains("Nome: ") && !page.contains(DESCRIPTION));
}

#[tokio::test]
async fn a_client_that_is_not_a_page_gets_the_error_itself() {
    use axum::{body::Body, http::Request};
    use tower::ServiceExt;

    let (app, _) = app_and_db(false).await;
    let anna = signed_in_cookie(&app, "anna.rossi").await;
    let request = Request::post(ProposeTheme::PATH)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .header("host", "localhost")
        .header("cookie", anna)
        .body(Body::from("name=+++&description=x"))
        .unwrap();
    let response = app.oneshot(request).await.unwrap();
    assert_eq!(
        response.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "no redirect"
    );
    assert!(
        cookie_pair(&response, app::server::refused::COOKIE).is_none(),
        "nothing kept"
    );
}
