//! Passwords of existing accounts — reset by e-mail link, change from the security page — and
//! the security page's sessions, on a real database (SQLite and PostgreSQL).
use crate::common;
use crate::common::POLICY;
use app::error::Field;

use crate::common::{attempt, community, PASSWORD};
use app::{
    error::{AppError, InvalidReason},
    features::accounts::service,
    i18n::Locale,
    server::{
        entities::{outbox, password_reset, user},
        Db,
    },
};
use chrono::{Duration, Utc};
use sea_orm::{sea_query::Expr, EntityTrait, PaginatorTrait};

async fn mailed_token(db: &Db) -> String {
    let mail = outbox::Entity::find()
        .all(db.read())
        .await
        .unwrap()
        .pop()
        .expect("a mail");
    let start = mail.body.find("token=").expect("a link with a token") + "token=".len();
    mail.body[start..start + 64].to_owned()
}

/// The address the tests ask from.
const IP: &str = "10.30.0.1";

#[tokio::test]
async fn a_reset_link_sets_a_new_password_once_and_ends_every_session() {
    let (db, passwords) = community().await;
    let (old_session, _) =
        common::sign_in(&db, &passwords, attempt("anna.rossi", PASSWORD, "10.5.0.1"))
            .await
            .unwrap();

    service::request_password_reset(
        &db,
        " Anna.Rossi@Castelmonte.example ",
        IP,
        "https://pratica.example",
        Locale::It,
    )
    .await
    .unwrap();
    let mail = outbox::Entity::find()
        .one(db.read())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(mail.recipient, "anna.rossi@castelmonte.example");
    assert!(mail.body.contains("Ciao Anna Rossi"));
    assert!(mail
        .body
        .contains("https://pratica.example/accedi/nuova-password?token="));
    let token = mailed_token(&db).await;

    let new = "tre gatti sul tetto di Bologna";
    let weak = service::reset_password(&db, &passwords, &token, "password1", "password1").await;
    assert_eq!(
        weak.unwrap_err(),
        AppError::invalid(Field::Password, InvalidReason::Common)
    );
    let mismatch = service::reset_password(&db, &passwords, &token, new, "altro").await;
    assert_eq!(
        mismatch.unwrap_err(),
        AppError::invalid(Field::Confirmation, InvalidReason::Mismatch)
    );

    service::reset_password(&db, &passwords, &token, new, new)
        .await
        .unwrap();
    assert_eq!(
        service::viewer_for_token(&db, &POLICY, &old_session)
            .await
            .unwrap(),
        None,
        "signed out everywhere"
    );
    assert!(
        common::sign_in(&db, &passwords, attempt("anna.rossi", new, "10.5.0.2"))
            .await
            .is_ok()
    );
    let old = common::sign_in(&db, &passwords, attempt("anna.rossi", PASSWORD, "10.5.0.3")).await;
    assert_eq!(old.unwrap_err(), AppError::InvalidCredentials);

    let again = service::reset_password(
        &db,
        &passwords,
        &token,
        "un'altra frase lunga",
        "un'altra frase lunga",
    )
    .await;
    assert_eq!(
        again.unwrap_err(),
        AppError::invalid(Field::Token, InvalidReason::Expired)
    );
}

#[tokio::test]
async fn an_unknown_address_gets_the_same_answer_and_no_mail() {
    let (db, _) = community().await;
    service::request_password_reset(&db, "nessuno@example.org", IP, "http://x", Locale::It)
        .await
        .unwrap();
    assert_eq!(outbox::Entity::find().count(db.read()).await.unwrap(), 0);
    let malformed =
        service::request_password_reset(&db, "non una mail", IP, "http://x", Locale::It).await;
    assert_eq!(
        malformed.unwrap_err(),
        AppError::invalid(Field::Email, InvalidReason::Malformed)
    );
}

#[tokio::test]
async fn an_expired_link_changes_nothing() {
    let (db, passwords) = community().await;
    service::request_password_reset(&db, "admin@pratica.example", IP, "http://x", Locale::En)
        .await
        .unwrap();
    let mail = outbox::Entity::find()
        .one(db.read())
        .await
        .unwrap()
        .unwrap();
    assert!(mail.body.starts_with("Hello Amministrazione Pratica"));
    let token = mailed_token(&db).await;
    password_reset::Entity::update_many()
        .col_expr(
            password_reset::Column::ExpiresAt,
            Expr::value(Utc::now() - Duration::minutes(1)),
        )
        .exec(db.write())
        .await
        .unwrap();
    let before = user::Entity::find_by_id(1)
        .one(db.read())
        .await
        .unwrap()
        .unwrap()
        .password_hash;
    let phrase = "una frase nuova e lunga";
    let result = service::reset_password(&db, &passwords, &token, phrase, phrase).await;
    assert_eq!(
        result.unwrap_err(),
        AppError::invalid(Field::Token, InvalidReason::Expired)
    );
    let after = user::Entity::find_by_id(1)
        .one(db.read())
        .await
        .unwrap()
        .unwrap()
        .password_hash;
    assert_eq!(before, after);
}

#[tokio::test]
async fn a_person_sees_and_ends_their_own_sessions_only() {
    let (db, passwords) = community().await;
    let (laptop, anna) =
        common::sign_in(&db, &passwords, attempt("anna.rossi", PASSWORD, "10.6.0.1"))
            .await
            .unwrap();
    let (phone, _) = common::sign_in(&db, &passwords, attempt("anna.rossi", PASSWORD, "10.6.0.2"))
        .await
        .unwrap();
    let (admin, admin_viewer) =
        common::sign_in(&db, &passwords, attempt("admin", PASSWORD, "10.6.0.3"))
            .await
            .unwrap();

    let listed = service::list_sessions(&db, anna.user_id, &laptop)
        .await
        .unwrap();
    assert_eq!(listed.len(), 2, "only Anna's sessions");
    assert_eq!(listed.iter().filter(|s| s.current).count(), 1);
    let phone_id = listed.iter().find(|s| !s.current).unwrap().id.clone();

    // Someone else's session is "not found" and stays.
    let admins = service::list_sessions(&db, admin_viewer.user_id, &admin)
        .await
        .unwrap();
    let err = service::revoke_session(&db, anna.user_id, &admins[0].id)
        .await
        .unwrap_err();
    assert_eq!(err, AppError::NotFound);
    assert!(service::viewer_for_token(&db, &POLICY, &admin)
        .await
        .unwrap()
        .is_some());

    service::revoke_session(&db, anna.user_id, &phone_id)
        .await
        .unwrap();
    assert_eq!(
        service::viewer_for_token(&db, &POLICY, &phone)
            .await
            .unwrap(),
        None
    );
    assert!(service::viewer_for_token(&db, &POLICY, &laptop)
        .await
        .unwrap()
        .is_some());
}

#[tokio::test]
async fn signing_out_elsewhere_keeps_this_session() {
    let (db, passwords) = community().await;
    let (here, anna) =
        common::sign_in(&db, &passwords, attempt("anna.rossi", PASSWORD, "10.7.0.1"))
            .await
            .unwrap();
    let (elsewhere, _) =
        common::sign_in(&db, &passwords, attempt("anna.rossi", PASSWORD, "10.7.0.2"))
            .await
            .unwrap();
    assert_eq!(
        service::revoke_other_sessions(&db, anna.user_id, &here)
            .await
            .unwrap(),
        1
    );
    assert!(service::viewer_for_token(&db, &POLICY, &here)
        .await
        .unwrap()
        .is_some());
    assert_eq!(
        service::viewer_for_token(&db, &POLICY, &elsewhere)
            .await
            .unwrap(),
        None
    );
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_ends_other_sessions() {
    let (db, passwords) = community().await;
    let (here, anna) =
        common::sign_in(&db, &passwords, attempt("anna.rossi", PASSWORD, "10.8.0.1"))
            .await
            .unwrap();
    let (elsewhere, _) =
        common::sign_in(&db, &passwords, attempt("anna.rossi", PASSWORD, "10.8.0.2"))
            .await
            .unwrap();
    let new = "un gabbiano sopra il porto";
    let wrong =
        service::change_password(&db, &passwords, anna.user_id, &here, "non è lei", new, new).await;
    assert_eq!(
        wrong.unwrap_err(),
        AppError::invalid(Field::Current, InvalidReason::WrongPassword)
    );
    let weak = service::change_password(
        &db,
        &passwords,
        anna.user_id,
        &here,
        PASSWORD,
        "anna.rossi",
        "anna.rossi",
    )
    .await;
    assert_eq!(
        weak.unwrap_err(),
        AppError::invalid(Field::Password, InvalidReason::Common)
    );
    assert!(
        service::viewer_for_token(&db, &POLICY, &elsewhere)
            .await
            .unwrap()
            .is_some(),
        "nothing changed yet"
    );

    service::change_password(&db, &passwords, anna.user_id, &here, PASSWORD, new, new)
        .await
        .unwrap();
    assert!(service::viewer_for_token(&db, &POLICY, &here)
        .await
        .unwrap()
        .is_some());
    assert_eq!(
        service::viewer_for_token(&db, &POLICY, &elsewhere)
            .await
            .unwrap(),
        None
    );
    assert!(
        common::sign_in(&db, &passwords, attempt("anna.rossi", new, "10.8.0.3"))
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn password_reset_mails_are_limited_per_address_and_per_ip() {
    use app::server::entities::outbox;
    use sea_orm::PaginatorTrait;
    let (db, _) = community().await;
    // Fifty requests for one address from many places: three mails, the same answer each time.
    for i in 0..50 {
        let ip = format!("10.31.{}.{}", i / 10, i % 10);
        service::request_password_reset(
            &db,
            "anna.rossi@castelmonte.example",
            &ip,
            "http://x",
            Locale::It,
        )
        .await
        .unwrap();
    }
    assert_eq!(outbox::Entity::find().count(db.read()).await.unwrap(), 3);
    // One address asking for many accounts is told to wait after ten.
    for i in 0..10 {
        let email = format!("nessuno{i}@example.org");
        service::request_password_reset(&db, &email, "10.32.0.1", "http://x", Locale::It)
            .await
            .unwrap();
    }
    let refused = service::request_password_reset(
        &db,
        "altro@example.org",
        "10.32.0.1",
        "http://x",
        Locale::It,
    )
    .await
    .unwrap_err();
    assert!(
        matches!(refused, AppError::RateLimited { .. }),
        "{refused:?}"
    );
}

#[tokio::test]
async fn the_admins_outbox_view_masks_the_links_that_would_act_for_the_recipient() {
    let (db, _) = community().await;
    service::request_password_reset(
        &db,
        "anna.rossi@castelmonte.example",
        IP,
        "https://pratica.example",
        Locale::It,
    )
    .await
    .unwrap();
    let token = mailed_token(&db).await;
    let admin = common::viewer(&db, "admin").await;
    let overview = app::features::staff::service::overview(&db, &admin)
        .await
        .unwrap();
    let shown = &overview.outbox[0].body;
    assert!(shown.contains("https://pratica.example/accedi/nuova-password?token=…"));
    assert!(
        !shown.contains(&token),
        "the reset link would let an admin take the account"
    );
}
