//! The network directory, profiles, photos and the people console over HTTP, as a browser
//! without WebAssembly uses them.

use axum::{
    body::{to_bytes, Body},
    http::{header, Request, StatusCode},
    Router,
};
use leptos::server_fn::ServerFn;
use tower::ServiceExt;

use crate::common::{
    app_and_db,
    forms::{follow_refusal, form_post, location_path, signed_in, signed_in_cookie},
    get,
};
use app::features::{
    community::{service as community, types::Phase},
    network::api::UpdateProfile,
    staff::api::SetPersonDisabled,
};

const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

#[tokio::test]
async fn the_directory_is_a_404_to_visitors_until_the_community_opens() {
    let (app, db) = app_and_db(false).await;
    // A browser is sent to sign in (coming back afterwards), whether the organisation exists
    // or not; nothing of the directory shows.
    for (path, next) in [
        ("/rete", "/rete"),
        ("/rete/organizzazioni/1", "/rete/organizzazioni/1"),
        ("/rete/organizzazioni/999", "/rete/organizzazioni/999"),
    ] {
        let (status, headers, page) = get(&app, path, &[("accept", "text/html")]).await;
        assert_eq!(status, StatusCode::FOUND, "{path}");
        assert_eq!(headers[header::LOCATION], format!("/accedi?next={next}"));
        assert!(!page.contains("Castelmonte"));
    }
    let (status, _, _) = get(&app, "/api/rete", &[]).await;
    assert_ne!(status, StatusCode::OK, "nor through the API");

    community::set_phase(db.write(), Phase::Open).await.unwrap();
    let (status, _, page) = get(&app, "/rete", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains(r#"aria-current="page""#),
        "the navigation marks it"
    );
    assert!(page.contains("Comune di Castelmonte"));
    assert!(!page.contains("Anna Rossi"), "visitors do not see people");

    let anna = signed_in(&app, "anna.rossi").await;
    let (_, _, page) = get(&app, "/rete?tipo=third_sector", &[("cookie", &anna)]).await;
    assert!(page.contains("Cooperativa sociale Il Ponte"));
    assert!(!page.contains("Comune di Castelmonte"));
    assert!(page.contains("Luca Esposito"));
    assert!(
        !page.contains("luca.esposito@"),
        "Luca shows his contacts to staff and referents only"
    );
    assert!(page.contains("Contatti visibili solo allo staff e ai referenti."));
    let (status, _, _) = get(&app, "/rete/organizzazioni/abc", &[("cookie", &anna)]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_refused_profile_comes_back_with_the_message_and_what_was_typed() {
    let (app, _) = app_and_db(false).await;
    let anna = signed_in(&app, "anna.rossi").await;
    let referer = "http://localhost/profilo";
    let response = form_post(
        &app,
        UpdateProfile::PATH,
        "display_name=Anna+Rossi&bio=Scrivo+bandi&phone=chiamami&contact_visibility=members",
        &[("cookie", &anna), ("referer", referer)],
    )
    .await;
    let (back, page) = follow_refusal(&app, &response, Some(&anna)).await;
    assert!(back.starts_with("/profilo?"), "{back}");
    assert!(
        !back.contains("bandi") && !back.contains("chiamami"),
        "nothing typed goes into the address: {back}"
    );
    assert!(
        page.contains("Telefono: Il valore inserito non è valido."),
        "localised"
    );
    assert!(
        page.contains("Scrivo bandi"),
        "the bio typed is still there"
    );

    let response = form_post(
        &app,
        UpdateProfile::PATH,
        "display_name=Anna+Rossi&bio=Scrivo+bandi&phone=0577+987654&contact_visibility=registered&themes%5B%5D=1&themes%5B%5D=2",
        &[("cookie", &anna), ("referer", referer)],
    )
    .await;
    assert_eq!(location_path(&response), "/profilo?salvato=1");
    let (_, _, page) = get(&app, "/profilo?salvato=1", &[("cookie", &anna)]).await;
    assert!(page.contains("Profilo salvato."));
    assert!(page.contains("Scrivo bandi"));
    assert_eq!(
        page.matches("checked").count(),
        3,
        "two followed themes and one visibility choice"
    );
}

fn multipart(field: &str, file: &[u8]) -> (String, Vec<u8>) {
    let boundary = "pratica-test-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"x.png\"\r\n\
         Content-Type: image/png\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload(app: &Router, path: &str, cookie: &str, file: &[u8]) -> axum::http::Response<Body> {
    let (content_type, body) = multipart("image", file);
    app.clone()
        .oneshot(
            Request::post(path)
                .header(header::CONTENT_TYPE, content_type)
                .header(header::COOKIE, cookie)
                .header("sec-fetch-site", "same-origin")
                .body(Body::from(body))
                .unwrap(),
        )
        .await
        .unwrap()
}

#[tokio::test]
async fn a_photo_is_uploaded_checked_and_served_only_to_people_signed_in() {
    let (app, _) = app_and_db(false).await;
    let anna = signed_in(&app, "anna.rossi").await;
    let response = upload(&app, "/profilo/foto", &anna, b"<svg onload=alert(1)>").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let back = location_path(&response);
    let (_, _, page) = get(&app, &back, &[("cookie", &anna)]).await;
    assert!(page.contains("Foto: Il file deve essere un’immagine PNG, JPEG o WebP."));

    let response = upload(&app, "/profilo/foto", &anna, PNG).await;
    assert_eq!(location_path(&response), "/profilo?foto=1");
    let (_, _, page) = get(&app, "/profilo?foto=1", &[("cookie", &anna)]).await;
    assert!(page.contains("Foto aggiornata."));
    let src = page
        .split("src=\"/immagini/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the photo on the page");
    let url = format!("/immagini/{src}");

    let response = app
        .clone()
        .oneshot(
            Request::get(&url)
                .header(header::COOKIE, &anna)
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "image/png");
    assert_eq!(
        response.headers()[header::X_CONTENT_TYPE_OPTIONS],
        "nosniff"
    );
    assert!(response.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .contains("default-src 'none'"));
    let bytes = to_bytes(response.into_body(), 1 << 20).await.unwrap();
    assert_eq!(&bytes[..], PNG);
    let (status, _, _) = get(&app, &url, &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "visitors do not see photos");

    // Uploads from another site are refused before anything happens.
    let (content_type, body) = multipart("image", PNG);
    let response = app
        .clone()
        .oneshot(
            Request::post("/profilo/foto")
                .header(header::CONTENT_TYPE, content_type)
                .header(header::COOKIE, &anna)
                .header("sec-fetch-site", "cross-site")
                .body(Body::from(body))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn staff_disable_an_account_and_its_sessions_end() {
    let (app, _) = app_and_db(false).await;
    let luca = signed_in(&app, "luca.esposito").await;
    let giulia = signed_in_cookie(&app, "giulia.ferri").await;
    let (status, _, _) = get(&app, "/staff/persone", &[("cookie", &luca)]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, page) = get(&app, "/staff/persone?q=luca", &[("cookie", &giulia)]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("luca.esposito@ilponte.example"));
    assert!(
        !page.contains("anna.rossi@"),
        "the search narrowed the list"
    );
    let id = page
        .split("name=\"user_id\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();

    let response = form_post(
        &app,
        SetPersonDisabled::PATH,
        &format!("user_id={id}&disabled=1&q=luca"),
        &[
            ("cookie", &giulia),
            ("referer", "http://localhost/staff/persone?q=luca"),
        ],
    )
    .await;
    assert_eq!(location_path(&response), "/staff/persone?fatto=1&q=luca");
    let (_, _, page) = get(&app, "/staff/persone?q=luca", &[("cookie", &giulia)]).await;
    assert!(page.contains("Disattivato"));
    let (_, _, home) = get(&app, "/", &[("cookie", &luca)]).await;
    assert!(home.contains(">Accedi<"), "Luca's session ended");
}
