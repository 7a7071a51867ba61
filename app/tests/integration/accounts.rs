//! Sign-in, sessions and throttling on a real database (SQLite and PostgreSQL).
use crate::common;
use app::error::Field;

use crate::common::{attempt, community, PASSWORD};
use app::{
    error::{AppError, InvalidReason},
    features::accounts::{
        service::{self, ACCOUNT_LIMIT, IP_LIMIT},
        types::Role,
    },
    server::entities::session,
};
use chrono::{Duration, Utc};
use sea_orm::{sea_query::Expr, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

#[tokio::test]
async fn people_sign_in_with_username_or_email_in_any_case() {
    let (db, passwords) = community().await;
    for login in [
        "anna.rossi",
        "ANNA.ROSSI",
        " anna.rossi@castelmonte.example ",
    ] {
        let (token, viewer) =
            common::sign_in(&db, &passwords, attempt(login, PASSWORD, "10.0.0.1"))
                .await
                .unwrap();
        assert_eq!(viewer.display_name, "Anna Rossi");
        assert_eq!(viewer.role, Role::Member);
        assert_eq!(token.len(), 64, "256 random bits, hex");
        let seen = service::viewer_for_token(&db, &token).await.unwrap();
        assert_eq!(seen, Some(viewer));
    }
    assert_eq!(
        session::Entity::find().count(db.read()).await.unwrap(),
        3,
        "a new session each time"
    );
}

#[tokio::test]
async fn unknown_accounts_and_wrong_passwords_get_the_same_answer() {
    let (db, passwords) = community().await;
    let wrong = common::sign_in(&db, &passwords, attempt("anna.rossi", "no", "10.0.0.2")).await;
    let unknown = common::sign_in(&db, &passwords, attempt("nessuno", PASSWORD, "10.0.0.2")).await;
    assert_eq!(wrong.unwrap_err(), AppError::InvalidCredentials);
    assert_eq!(unknown.unwrap_err(), AppError::InvalidCredentials);
    let empty = common::sign_in(&db, &passwords, attempt("  ", PASSWORD, "10.0.0.2")).await;
    assert_eq!(
        empty.unwrap_err(),
        AppError::invalid(Field::Login, InvalidReason::Required)
    );
    assert_eq!(session::Entity::find().count(db.read()).await.unwrap(), 0);
}

#[tokio::test]
async fn an_account_is_throttled_after_repeated_failures_even_from_many_addresses() {
    let (db, passwords) = community().await;
    for i in 0..ACCOUNT_LIMIT {
        let ip = format!("10.1.0.{i}");
        let _ = common::sign_in(&db, &passwords, attempt("anna.rossi", "no", &ip)).await;
    }
    let blocked =
        common::sign_in(&db, &passwords, attempt("anna.rossi", PASSWORD, "10.9.9.9")).await;
    match blocked.unwrap_err() {
        AppError::RateLimited { retry_after_secs } => {
            assert!((1..=300).contains(&retry_after_secs))
        }
        other => panic!("expected RateLimited, got {other:?}"),
    }
    // Another person is not affected.
    assert!(common::sign_in(
        &db,
        &passwords,
        attempt("luca.esposito", PASSWORD, "10.9.9.9")
    )
    .await
    .is_ok());
}

#[tokio::test]
async fn an_address_is_throttled_after_repeated_failures_on_any_accounts() {
    let (db, passwords) = community().await;
    for i in 0..IP_LIMIT {
        let login = format!("inventato{i}");
        let _ = common::sign_in(&db, &passwords, attempt(&login, "no", "10.2.0.1")).await;
    }
    let blocked = common::sign_in(&db, &passwords, attempt("admin", PASSWORD, "10.2.0.1")).await;
    assert!(matches!(blocked, Err(AppError::RateLimited { .. })));
    let elsewhere = common::sign_in(&db, &passwords, attempt("admin", PASSWORD, "10.2.0.2")).await;
    assert!(elsewhere.is_ok());
}

#[tokio::test]
async fn idle_and_old_sessions_end() {
    let (db, passwords) = community().await;
    let (idle, _) = common::sign_in(&db, &passwords, attempt("admin", PASSWORD, "10.3.0.1"))
        .await
        .unwrap();
    let (old, _) = common::sign_in(
        &db,
        &passwords,
        attempt("giulia.ferri", PASSWORD, "10.3.0.1"),
    )
    .await
    .unwrap();
    let (fresh, _) = common::sign_in(&db, &passwords, attempt("anna.rossi", PASSWORD, "10.3.0.1"))
        .await
        .unwrap();
    let now = Utc::now();
    // The admin has not been seen for eight days; the staff session is past its absolute limit.
    session::Entity::update_many()
        .col_expr(
            session::Column::LastSeenAt,
            Expr::value(now - Duration::days(8)),
        )
        .filter(session::Column::UserId.eq(1))
        .exec(db.write())
        .await
        .unwrap();
    session::Entity::update_many()
        .col_expr(
            session::Column::ExpiresAt,
            Expr::value(now - Duration::minutes(1)),
        )
        .filter(session::Column::UserId.eq(2))
        .exec(db.write())
        .await
        .unwrap();
    assert_eq!(service::viewer_for_token(&db, &idle).await.unwrap(), None);
    assert_eq!(service::viewer_for_token(&db, &old).await.unwrap(), None);
    assert!(service::viewer_for_token(&db, &fresh)
        .await
        .unwrap()
        .is_some());
    assert_eq!(
        session::Entity::find().count(db.read()).await.unwrap(),
        1,
        "ended sessions are deleted"
    );
}

#[tokio::test]
async fn signing_out_ends_only_that_session() {
    let (db, passwords) = community().await;
    let (first, _) = common::sign_in(&db, &passwords, attempt("admin", PASSWORD, "10.4.0.1"))
        .await
        .unwrap();
    let (second, _) = common::sign_in(&db, &passwords, attempt("admin", PASSWORD, "10.4.0.2"))
        .await
        .unwrap();
    service::sign_out(&db, &first).await.unwrap();
    assert_eq!(service::viewer_for_token(&db, &first).await.unwrap(), None);
    assert!(service::viewer_for_token(&db, &second)
        .await
        .unwrap()
        .is_some());
    assert_eq!(
        service::viewer_for_token(&db, "not-a-token").await.unwrap(),
        None
    );
}
