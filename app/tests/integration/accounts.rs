//! Sign-in, sessions and throttling on a real database (SQLite and PostgreSQL).
use crate::common;
use crate::common::POLICY;
use app::error::Field;

use crate::common::{attempt, community, PASSWORD};
use app::{
    error::{AppError, InvalidReason},
    features::accounts::{
        service::{self, ACCOUNT_FREE, IP_LIMIT},
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
        let seen = service::viewer_for_token(&db, &POLICY, &token)
            .await
            .unwrap();
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

/// Moves an account's counted sign-in failures `seconds` into the past.
async fn age_failures(db: &app::server::Db, login: &str, seconds: i64) {
    use app::server::entities::sign_in_attempt;
    use sea_orm::{sea_query::Expr, ColumnTrait, QueryFilter};
    let earlier = chrono::Utc::now() - chrono::Duration::seconds(seconds);
    sign_in_attempt::Entity::update_many()
        .col_expr(sign_in_attempt::Column::AttemptedAt, Expr::value(earlier))
        .filter(sign_in_attempt::Column::Bucket.eq(format!("account:{login}")))
        .exec(db.write())
        .await
        .unwrap();
}

#[tokio::test]
async fn an_account_waits_longer_after_each_failure_even_from_many_addresses() {
    let (db, passwords) = community().await;
    for i in 0..ACCOUNT_FREE {
        let ip = format!("10.1.0.{i}");
        let _ = common::sign_in(&db, &passwords, attempt("anna.rossi", "no", &ip)).await;
    }
    let blocked =
        common::sign_in(&db, &passwords, attempt("anna.rossi", PASSWORD, "10.9.9.9")).await;
    match blocked.unwrap_err() {
        AppError::RateLimited { retry_after_secs } => {
            assert!((1..=2).contains(&retry_after_secs), "{retry_after_secs}")
        }
        other => panic!("expected RateLimited, got {other:?}"),
    }
    // Once the wait is over the next failure counts, and the wait after it is longer.
    age_failures(&db, "anna.rossi", 3).await;
    let failed = common::sign_in(&db, &passwords, attempt("anna.rossi", "no", "10.9.9.8")).await;
    assert_eq!(failed.unwrap_err(), AppError::InvalidCredentials);
    match common::sign_in(&db, &passwords, attempt("anna.rossi", PASSWORD, "10.9.9.9"))
        .await
        .unwrap_err()
    {
        AppError::RateLimited { retry_after_secs } => {
            assert!((3..=4).contains(&retry_after_secs), "{retry_after_secs}")
        }
        other => panic!("expected RateLimited, got {other:?}"),
    }
    // Whoever types the name again and again does not keep the owner out: refused attempts do
    // not count, and the owner gets in once the wait since the last failure is over.
    for _ in 0..20 {
        let _ = common::sign_in(&db, &passwords, attempt("anna.rossi", "no", "10.9.9.7")).await;
    }
    age_failures(&db, "anna.rossi", 5).await;
    assert!(
        common::sign_in(&db, &passwords, attempt("anna.rossi", PASSWORD, "10.9.9.9"))
            .await
            .is_ok()
    );
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
    assert_eq!(
        service::viewer_for_token(&db, &POLICY, &idle)
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        service::viewer_for_token(&db, &POLICY, &old).await.unwrap(),
        None
    );
    assert!(service::viewer_for_token(&db, &POLICY, &fresh)
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
    assert_eq!(
        service::viewer_for_token(&db, &POLICY, &first)
            .await
            .unwrap(),
        None
    );
    assert!(service::viewer_for_token(&db, &POLICY, &second)
        .await
        .unwrap()
        .is_some());
    assert_eq!(
        service::viewer_for_token(&db, &POLICY, "not-a-token")
            .await
            .unwrap(),
        None
    );
}

#[tokio::test]
async fn sixty_parallel_wrong_passwords_check_at_most_the_free_ones() {
    let (db, passwords) = community().await;
    let mut tries = tokio::task::JoinSet::new();
    for i in 0..60 {
        let (db, passwords) = (db.clone(), passwords.clone());
        let ip = format!("10.4.{}.{}", i / 10, i % 10);
        tries.spawn(async move {
            common::sign_in(&db, &passwords, attempt("anna.rossi", "sbagliata", &ip)).await
        });
    }
    let (mut checked, mut waiting) = (0, 0);
    while let Some(outcome) = tries.join_next().await {
        match outcome.unwrap().unwrap_err() {
            AppError::InvalidCredentials => checked += 1,
            AppError::RateLimited { .. } => waiting += 1,
            other => panic!("{other:?}"),
        }
    }
    println!("sign-ins checked out of 60 parallel tries: {checked}");
    assert!(
        (ACCOUNT_FREE..=ACCOUNT_FREE + 1).contains(&(checked as u64)),
        "each attempt counted before its check: {checked} checked"
    );
    assert_eq!(checked + waiting, 60);
}
