//! Signing in and out, password reset and the security page over HTTP, as plain form posts.

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
};
use tower::ServiceExt;

use crate::common::{
    app, app_and_db,
    forms::{
        code, cookie_pair, follow_refusal, form_post, location_path, session_cookie, signed_in,
        signed_in_cookie,
    },
    get,
};

use app::features::accounts::api::{
    ChangePassword, CompleteSignIn, CreateInvitation, RequestPasswordReset, ResetPassword,
    RevokeOtherSessions, SignIn, SignOut, SignUp,
};
use leptos::server_fn::ServerFn;

#[tokio::test]
async fn signing_in_with_the_form_opens_a_session_and_shows_the_person() {
    let app = app().await;
    let response = form_post(
        &app,
        SignIn::PATH,
        "login=Anna.Rossi&password=password-di-prova&next=%2Fwiki",
        &[],
    )
    .await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location_path(&response), "/wiki");
    let set_cookie = response.headers()[header::SET_COOKIE].to_str().unwrap();
    assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"));
    let cookie = session_cookie(&response).expect("a session cookie");

    let (_, _, body) = get(&app, "/", &[("cookie", &cookie)]).await;
    assert!(body.contains("Anna Rossi"), "the header names the person");
    assert!(body.contains(">Esci<"));
    assert!(!body.contains(">Accedi<"));
}

#[tokio::test]
async fn a_wrong_password_brings_back_the_form_with_a_clear_message() {
    let app = app().await;
    for login in ["anna.rossi", "nessuno"] {
        let body = format!("login={login}&password=sbagliata&next=%2F");
        let response = form_post(&app, SignIn::PATH, &body, &[]).await;
        assert_eq!(response.status(), StatusCode::FOUND);
        assert!(session_cookie(&response).is_none());
        let back = location_path(&response);
        assert!(back.starts_with("/accedi?"), "{back}");
        let (status, _, page) = get(&app, &back, &[]).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            page.contains("Nome utente, e-mail o password non corretti."),
            "same message for an unknown account and a wrong password"
        );
    }
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let app = app().await;
    let cookie = signed_in_cookie(&app, "admin").await;
    let response = form_post(&app, SignOut::PATH, "", &[("cookie", &cookie)]).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location_path(&response), "/");
    let cleared = response.headers()[header::SET_COOKIE].to_str().unwrap();
    assert!(cleared.contains("Max-Age=0"));
    let (_, _, body) = get(&app, "/", &[("cookie", &cookie)]).await;
    assert!(
        body.contains(">Accedi<"),
        "the old cookie no longer signs in"
    );
}

#[tokio::test]
async fn cross_site_posts_are_refused_before_anything_happens() {
    let app = app().await;
    let body = "login=anna.rossi&password=password-di-prova&next=%2F";
    for headers in [
        vec![("sec-fetch-site", "cross-site")],
        vec![("sec-fetch-site", "same-site")],
        vec![("origin", "https://evil.example")],
        vec![("origin", "null")],
    ] {
        let response = form_post(&app, SignIn::PATH, body, &headers).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{headers:?}");
        assert!(session_cookie(&response).is_none());
    }
    let same_origin = form_post(&app, SignIn::PATH, body, &[("origin", "http://localhost")]).await;
    assert_eq!(same_origin.status(), StatusCode::FOUND);
    let same_site = form_post(
        &app,
        SignIn::PATH,
        body,
        &[("sec-fetch-site", "same-origin")],
    )
    .await;
    assert!(session_cookie(&same_site).is_some());
}

#[tokio::test]
async fn too_many_failures_answer_429_with_retry_after() {
    let app = app().await;
    for _ in 0..app::features::accounts::service::ACCOUNT_FREE {
        form_post(
            &app,
            SignIn::PATH,
            "login=anna.rossi&password=no&next=%2F",
            &[],
        )
        .await;
    }
    // A plain form post goes back to the form, which answers 429 and says how long to wait.
    let response = form_post(
        &app,
        SignIn::PATH,
        "login=anna.rossi&password=password-di-prova&next=%2F",
        &[],
    )
    .await;
    assert!(
        session_cookie(&response).is_none(),
        "even the right password waits"
    );
    let (status, headers, page) = get(&app, &location_path(&response), &[]).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        headers[header::RETRY_AFTER]
            .to_str()
            .unwrap()
            .parse::<u64>()
            .unwrap()
            > 0
    );
    assert!(page.contains("Troppi tentativi di accesso"));

    // A script (no text/html) gets the 429 directly.
    let response = app
        .clone()
        .oneshot(
            Request::post(SignIn::PATH)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from("login=anna.rossi&password=x&next=%2F"))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(response.headers().contains_key(header::RETRY_AFTER));
}

#[tokio::test]
async fn a_forgotten_password_is_reset_through_the_mailed_link() {
    let (app, db) = app_and_db(false).await;
    let (status, _, page) = get(&app, "/accedi/password-dimenticata", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Indirizzo e-mail"));

    let response = form_post(
        &app,
        RequestPasswordReset::PATH,
        "email=anna.rossi%40castelmonte.example",
        &[("referer", "http://localhost/accedi/password-dimenticata")],
    )
    .await;
    assert_eq!(
        location_path(&response),
        "/accedi/password-dimenticata?inviata=1"
    );
    let (_, _, page) = get(&app, "/accedi/password-dimenticata?inviata=1", &[]).await;
    assert!(page.contains("ti abbiamo inviato un link"));

    use sea_orm::EntityTrait;
    let mail = app::server::entities::outbox::Entity::find()
        .one(db.read())
        .await
        .unwrap()
        .expect("the link waits in the outbox");
    let start = mail.body.find("/accedi/nuova-password?token=").unwrap();
    let link = &mail.body[start..start + "/accedi/nuova-password?token=".len() + 64];
    let (status, _, page) = get(&app, link, &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Ripeti la nuova password"));
    let token = &link[link.len() - 64..];

    let referer = format!("http://localhost{link}");
    let weak = form_post(
        &app,
        ResetPassword::PATH,
        &format!("token={token}&password=password1&confirmation=password1"),
        &[("referer", &referer)],
    )
    .await;
    let (_, _, page) = get(&app, &location_path(&weak), &[]).await;
    assert!(
        page.contains("tra le più usate"),
        "the reason is shown on the form"
    );

    let good = form_post(
        &app,
        ResetPassword::PATH,
        &format!("token={token}&password=tre+gatti+sul+tetto&confirmation=tre+gatti+sul+tetto"),
        &[("referer", &referer)],
    )
    .await;
    assert_eq!(location_path(&good), "/accedi?reimpostata=1");
    let (_, _, page) = get(&app, "/accedi?reimpostata=1", &[]).await;
    assert!(page.contains("Password cambiata"));
    let signed_in = form_post(
        &app,
        SignIn::PATH,
        "login=anna.rossi&password=tre+gatti+sul+tetto&next=%2F",
        &[],
    )
    .await;
    assert!(session_cookie(&signed_in).is_some());
}

#[tokio::test]
async fn the_security_page_needs_a_signed_in_person() {
    let app = app().await;
    let response = app
        .clone()
        .oneshot(
            Request::get("/profilo/sicurezza")
                .header(header::ACCEPT, "text/html")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location_path(&response), "/accedi?next=/profilo/sicurezza");
    // And its actions refuse anonymous requests.
    let response = form_post(&app, RevokeOtherSessions::PATH, "", &[]).await;
    let (_, _, page) = get(&app, &location_path(&response), &[]).await;
    assert!(page.contains("Non hai i permessi"));
}

#[tokio::test]
async fn a_person_lists_their_sessions_and_changes_the_password() {
    let app = app().await;
    let laptop = signed_in(&app, "anna.rossi").await;
    let phone = signed_in(&app, "anna.rossi").await;
    let (status, _, page) = get(&app, "/profilo/sicurezza", &[("cookie", &laptop)]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page.matches("class=\"card session\"").count(), 2);
    assert!(page.contains("Questa sessione"));

    let referer = "http://localhost/profilo/sicurezza";
    let response = form_post(
        &app,
        ChangePassword::PATH,
        "current=password-di-prova&password=un+gabbiano+sul+porto&confirmation=un+gabbiano+sul+porto",
        &[("cookie", &laptop), ("referer", referer)],
    )
    .await;
    assert_eq!(location_path(&response), "/profilo/sicurezza?cambiata=1");
    let (_, _, page) = get(
        &app,
        "/profilo/sicurezza?cambiata=1",
        &[("cookie", &laptop)],
    )
    .await;
    assert!(page.contains("Password cambiata"));
    assert_eq!(
        page.matches("class=\"card session\"").count(),
        1,
        "the phone was signed out"
    );
    let (_, _, home) = get(&app, "/", &[("cookie", &phone)]).await;
    assert!(home.contains(">Accedi<"));
}

#[tokio::test]
async fn staff_sign_in_asks_for_the_code_after_the_password() {
    let app = app().await;
    let response = form_post(
        &app,
        SignIn::PATH,
        "login=giulia.ferri&password=password-di-prova&next=%2Fwiki",
        &[],
    )
    .await;
    assert!(session_cookie(&response).is_none(), "no session yet");
    assert_eq!(location_path(&response), "/accedi/codice");
    let set_cookie = response.headers()[header::SET_COOKIE].to_str().unwrap();
    assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("Max-Age=300"));
    let challenge = cookie_pair(&response, "pratica_codice").unwrap();
    let (status, _, page) = get(&app, "/accedi/codice", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("autocomplete=\"one-time-code\""));

    let referer = [
        ("cookie", challenge.as_str()),
        ("referer", "http://localhost/accedi/codice"),
    ];
    let wrong = form_post(&app, CompleteSignIn::PATH, "code=000000", &referer).await;
    assert!(cookie_pair(&wrong, "pratica_session").is_none());
    let (_, _, page) = get(&app, &location_path(&wrong), &[]).await;
    assert!(page.contains("Il codice non è corretto"));

    let mut signed = None;
    for later in [false, true] {
        let response = form_post(
            &app,
            CompleteSignIn::PATH,
            &format!("code={}", code(later)),
            &referer,
        )
        .await;
        if cookie_pair(&response, "pratica_session").is_some() {
            signed = Some(response);
            break;
        }
    }
    let signed = signed.expect("the right code signs in");
    assert_eq!(
        location_path(&signed),
        "/wiki",
        "back where the person was going"
    );
    let cleared = cookie_pair(&signed, "pratica_codice").unwrap();
    assert_eq!(
        cleared, "pratica_codice=",
        "the challenge cookie is removed"
    );
}

#[tokio::test]
async fn an_invitation_link_leads_through_the_sign_up_form_to_the_profile() {
    let app = app().await;
    let staff = signed_in_cookie(&app, "giulia.ferri").await;
    let (status, _, page) = get(&app, "/inviti", &[("cookie", &staff)]).await;
    assert_eq!(status, StatusCode::OK);
    let organisation = page
        .split("<option value=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .find(|value| !value.is_empty() && value.chars().all(|c| c.is_ascii_digit()))
        .expect("an organisation to choose")
        .to_owned();
    let created = form_post(
        &app,
        CreateInvitation::PATH,
        &format!("email=&role=member&organisation={organisation}&days=7"),
        &[("cookie", &staff), ("referer", "http://localhost/inviti")],
    )
    .await;
    let back = location_path(&created);
    assert_eq!(
        back, "/inviti?nuovo=1",
        "the token never goes into the address"
    );
    // The token travels in a short-lived cookie to the one page that shows it.
    let kept = cookie_pair(&created, "pratica_invito").expect("the new link's cookie");
    let token = kept["pratica_invito=".len()..].to_owned();
    assert_eq!(token.len(), 64);
    let (_, headers, page) = get(&app, &back, &[("cookie", &format!("{staff}; {kept}"))]).await;
    assert!(
        page.contains(&format!("/registrati?invito={token}")),
        "the link is shown once"
    );
    let removed = headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.starts_with("pratica_invito=;") && v.contains("Max-Age=0"));
    assert!(removed, "and its cookie removed: {headers:?}");

    let form = format!("/registrati?invito={token}");
    let (status, _, page) = get(&app, &form, &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Giulia Ferri ti ha invitato"));

    // A refused post comes back with the reason and what was typed, but not the password.
    let referer = format!("http://localhost{form}");
    let fields = format!(
        "invitation={token}&display_name=Sara+Galli&username=Sara+G&email=sara%40example.org\
         &password=fiori+di+campo+a+maggio&confirmation=fiori+di+campo+a+maggio"
    );
    let refused = form_post(&app, SignUp::PATH, &fields, &[("referer", &referer)]).await;
    assert!(session_cookie(&refused).is_none());
    let (back, page) = follow_refusal(&app, &refused, None).await;
    assert!(
        page.contains("Nome utente: Il valore inserito non è valido."),
        "{back}"
    );
    assert!(
        !back.contains("sara") && !back.contains(&token),
        "neither the address nor the invitation go into the address: {back}"
    );
    assert!(page.contains("value=\"Sara Galli\""));
    assert!(page.contains("value=\"sara@example.org\""));
    assert!(!page.contains("fiori di campo"));

    let fields = fields.replace("username=Sara+G", "username=sara.galli");
    let accepted = form_post(&app, SignUp::PATH, &fields, &[("referer", &referer)]).await;
    assert_eq!(location_path(&accepted), "/profilo?benvenuto=1");
    let cookie = session_cookie(&accepted).expect("signed in at once");
    let (_, _, page) = get(&app, "/profilo?benvenuto=1", &[("cookie", &cookie)]).await;
    assert!(page.contains("Benvenuto/a in Pratica!"));
    assert!(page.contains("sara.galli"));
    assert!(page.contains("<li>Azienda sociosanitaria del Tirreno<!> · <!>Membro</li>"));
    assert!(
        page.contains("non ancora verificata"),
        "a link was sent to verify the address"
    );

    // The link worked once.
    let (_, _, page) = get(&app, &form, &[]).await;
    assert!(page.contains("Questo invito non è valido"));
}

#[tokio::test]
async fn the_staff_console_and_invitations_are_not_found_for_others() {
    let app = app().await;
    for (who, console, invitations) in [
        (None, StatusCode::FOUND, StatusCode::FOUND),
        (Some("luca.esposito"), StatusCode::NOT_FOUND, StatusCode::OK),
        (
            Some("marco.bellini"),
            StatusCode::NOT_FOUND,
            StatusCode::NOT_FOUND,
        ),
        (Some("giulia.ferri"), StatusCode::OK, StatusCode::OK),
        (Some("admin"), StatusCode::OK, StatusCode::OK),
    ] {
        let cookie = match who {
            Some(login) => signed_in_cookie(&app, login).await,
            None => String::new(),
        };
        let mut headers = vec![("accept", "text/html")];
        if !cookie.is_empty() {
            headers.push(("cookie", cookie.as_str()));
        }
        let (status, _, _) = get(&app, "/inviti", &headers).await;
        assert_eq!(status, invitations, "{who:?} /inviti");
        let (status, _, page) = get(&app, "/staff", &headers).await;
        if who.is_none() {
            // Visitors are not told the console exists either.
            assert_eq!(status, StatusCode::NOT_FOUND, "visitor /staff");
        } else {
            assert_eq!(status, console, "{who:?} /staff");
        }
        if status == StatusCode::OK {
            assert!(page.contains("Registro delle azioni"));
            assert_eq!(page.contains("Posta in uscita"), who == Some("admin"));
        }
    }
}

#[tokio::test]
async fn public_sign_up_follows_the_phase_the_admin_sets() {
    let app = app().await;
    let (_, _, page) = get(&app, "/registrati", &[]).await;
    assert!(page.contains("solo su invito"));
    assert!(!page.contains("name=\"username\""));

    let admin = signed_in_cookie(&app, "admin").await;
    let changed = form_post(
        &app,
        "/api/fase",
        "phase=3",
        &[("cookie", &admin), ("referer", "http://localhost/staff")],
    )
    .await;
    assert_eq!(location_path(&changed), "/staff?fase=1");
    let (_, _, page) = get(&app, "/registrati", &[]).await;
    assert!(
        page.contains("name=\"username\""),
        "the form is there in phase 3"
    );
    let (_, _, page) = get(&app, "/staff", &[("cookie", &admin)]).await;
    assert!(
        page.contains("community.phase"),
        "the change is in the audit log"
    );
}

#[tokio::test]
async fn a_secret_group_is_a_404_to_anyone_outside_it() {
    let app = app().await;
    for (who, visible) in [
        (None, false),
        (Some("luca.esposito"), false),
        (Some("marco.bellini"), false),
        (Some("anna.rossi"), true),
        (Some("giulia.ferri"), true),
    ] {
        let cookie = match who {
            Some(login) => signed_in_cookie(&app, login).await,
            None => String::new(),
        };
        let mut headers = vec![("accept", "text/html")];
        if !cookie.is_empty() {
            headers.push(("cookie", cookie.as_str()));
        }
        let (status, _, page) = get(&app, "/gruppi/cabina-di-regia", &headers).await;
        let (_, _, list) = get(&app, "/gruppi", &headers).await;
        if visible {
            assert_eq!(status, StatusCode::OK, "{who:?}");
            assert!(page.contains("Anna Rossi") && page.contains("Giulia Ferri"));
            assert!(list.contains("Cabina di regia"));
        } else {
            assert_eq!(status, StatusCode::NOT_FOUND, "{who:?}");
            assert!(!page.contains("Cabina di regia"), "not even its name");
            assert!(!list.contains("Cabina di regia"), "{who:?} list");
            assert!(list.contains("Coprogettazione art. 55"));
        }
    }
}

/// A router on a fresh demo database with this configuration changed.
async fn app_configured(
    change: impl FnOnce(&mut server::config::Config),
) -> (axum::Router, app::server::Db) {
    let url = app::server::testing::fresh_database_url().await;
    let mut config = crate::common::config_for(url);
    change(&mut config);
    let state = server::state(&config).await.expect("state");
    app::demo::load_if_empty(
        &state.db,
        &state.passwords,
        &state.secrets,
        Some("password-di-prova"),
        Some(crate::common::TOTP_SECRET),
    )
    .await
    .expect("demo");
    let db = state.db.clone();
    (server::router(state, &config), db)
}

/// Signs Anna in over a connection from `peer`, with an `X-Forwarded-For` header; returns the
/// address her new session recorded.
async fn sign_in_from(
    app: &axum::Router,
    db: &app::server::Db,
    peer: &str,
    forwarded: &str,
) -> String {
    use app::server::entities::session;
    use sea_orm::{EntityTrait, QueryOrder};
    let mut request = Request::post(SignIn::PATH)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header(header::HOST, "localhost")
        .header("x-forwarded-for", forwarded)
        .body(Body::from(
            "login=anna.rossi&password=password-di-prova&next=%2F",
        ))
        .unwrap();
    let peer: std::net::SocketAddr = format!("{peer}:40000").parse().unwrap();
    request
        .extensions_mut()
        .insert(axum::extract::ConnectInfo(peer));
    let response = app.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::FOUND);
    session::Entity::find()
        .order_by_desc(session::Column::CreatedAt)
        .one(db.read())
        .await
        .unwrap()
        .unwrap()
        .ip
}

#[tokio::test]
async fn forwarded_addresses_are_believed_only_from_the_configured_proxies() {
    // No proxy configured: a forged header changes nothing (throttles see the connection).
    let (direct, db) = app_configured(|_| {}).await;
    assert_eq!(
        sign_in_from(&direct, &db, "203.0.113.7", "6.6.6.6").await,
        "203.0.113.7"
    );
    // Behind the configured proxy: the address it forwarded, never the part a client forged.
    let (proxied, db) = app_configured(|config| {
        config.trusted_proxies = app::server::request::TrustedProxies::parse("127.0.0.1").unwrap();
    })
    .await;
    assert_eq!(
        sign_in_from(&proxied, &db, "127.0.0.1", "6.6.6.6, 198.51.100.4").await,
        "198.51.100.4"
    );
    assert_eq!(
        sign_in_from(&proxied, &db, "203.0.113.7", "6.6.6.6").await,
        "203.0.113.7",
        "a client that is not the proxy cannot pick its address"
    );
}

#[tokio::test]
async fn behind_https_a_plain_named_session_cookie_is_ignored() {
    let (app, _) = app_configured(|config| config.secure_cookies = true).await;
    let response = form_post(
        &app,
        SignIn::PATH,
        "login=anna.rossi&password=password-di-prova&next=%2F",
        &[],
    )
    .await;
    let set_cookie = response.headers()[header::SET_COOKIE].to_str().unwrap();
    assert!(
        set_cookie.starts_with("__Host-pratica_session="),
        "{set_cookie}"
    );
    let token = set_cookie
        .split(';')
        .next()
        .unwrap()
        .split_once('=')
        .unwrap()
        .1;
    let (_, _, page) = get(
        &app,
        "/profilo",
        &[("cookie", &format!("__Host-pratica_session={token}"))],
    )
    .await;
    assert!(
        page.contains("Anna Rossi"),
        "signed in under the __Host- name"
    );
    // The same token under the plain name (which a sibling domain could plant) is not a session.
    let (_, _, page) = get(
        &app,
        "/profilo",
        &[("cookie", &format!("pratica_session={token}"))],
    )
    .await;
    assert!(!page.contains("Anna Rossi"));
}

#[tokio::test]
async fn public_sign_up_answers_alike_for_new_and_known_addresses_and_the_link_signs_in() {
    use app::features::community::{service as community, types::Phase};
    use app::server::entities::outbox;
    use sea_orm::{EntityTrait, QueryOrder};
    let (app, db) = app_and_db(false).await;
    community::set_phase(db.write(), Phase::Open).await.unwrap();
    let sign_up = |username: &str, email: &str| {
        format!(
            "invitation=&display_name=Sara+Galli&username={username}&email={email}\
             &password=fiori+di+campo+a+maggio&confirmation=fiori+di+campo+a+maggio"
        )
    };
    let referer = [("referer", "http://localhost/registrati")];
    let new = form_post(
        &app,
        SignUp::PATH,
        &sign_up("sara.galli", "sara%40example.org"),
        &referer,
    )
    .await;
    let known = form_post(
        &app,
        SignUp::PATH,
        &sign_up("altro.nome", "anna.rossi%40castelmonte.example"),
        &referer,
    )
    .await;
    for response in [&new, &known] {
        assert_eq!(response.status(), StatusCode::FOUND);
        assert_eq!(location_path(response), "/registrati?inviata=1");
        assert!(
            session_cookie(response).is_none(),
            "no session before the address is confirmed"
        );
    }
    let (_, _, page) = get(&app, "/registrati?inviata=1", &[]).await;
    assert!(page.contains("Ti abbiamo scritto"));

    // Sara's link confirms the address and signs her in.
    let mail = outbox::Entity::find()
        .order_by_asc(outbox::Column::Id)
        .all(db.read())
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.recipient == "sara@example.org")
        .expect("Sara's mail");
    let start = mail.body.find("token=").unwrap() + "token=".len();
    let token = &mail.body[start..start + 64];
    let confirmed = form_post(
        &app,
        app::features::accounts::api::VerifyEmail::PATH,
        &format!("token={token}"),
        &[("referer", "http://localhost/verifica-email")],
    )
    .await;
    assert_eq!(location_path(&confirmed), "/profilo?benvenuto=1");
    let cookie = session_cookie(&confirmed).expect("signed in by the link");
    let (_, _, page) = get(&app, "/profilo?benvenuto=1", &[("cookie", &cookie)]).await;
    assert!(page.contains("sara.galli"));
}
