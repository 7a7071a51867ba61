//! Session assurance and secrets at rest (issue 14, items 4 and 5) on a real database: staff
//! powers come from the session having passed the second factor, sensitive changes need the
//! password again within minutes, staff sessions are short, and the second factor's secrets are
//! sealed in the database.
use crate::common::{self, attempt, community, secrets, PASSWORD, POLICY};
use app::{
    error::{AppError, Field, InvalidReason},
    features::accounts::service,
    server::{
        entities::{recovery_code, session, sign_in_attempt, user},
        passwords::Passwords,
        secrets::Secrets,
        tokens::token_hash,
        Db,
    },
};
use chrono::{Duration, Utc};
use sea_orm::{sea_query::Expr, ColumnTrait, EntityTrait, QueryFilter};

fn now() -> u64 {
    Utc::now().timestamp() as u64
}

async fn person(db: &Db, username: &str) -> user::Model {
    user::Entity::find()
        .filter(user::Column::Username.eq(username))
        .one(db.read())
        .await
        .unwrap()
        .unwrap()
}

/// A staff account without the second factor yet (say, one just invited).
async fn staff_without_second_factor(db: &Db) -> i32 {
    let giulia = person(db, "giulia.ferri").await.id;
    user::Entity::update_many()
        .col_expr(
            user::Column::TotpEnabledAt,
            Expr::value(None::<chrono::DateTime<Utc>>),
        )
        .col_expr(user::Column::TotpSecret, Expr::value(None::<String>))
        .filter(user::Column::Id.eq(giulia))
        .exec(db.write())
        .await
        .unwrap();
    giulia
}

async fn password_session(db: &Db, passwords: &Passwords, ip: &str) -> String {
    common::sign_in(db, passwords, attempt("giulia.ferri", PASSWORD, ip))
        .await
        .unwrap()
        .0
}

#[tokio::test]
async fn a_password_only_session_never_has_staff_powers_even_when_the_account_has_the_second_factor(
) {
    let (db, _) = community().await;
    let giulia = person(&db, "giulia.ferri").await;
    assert!(giulia.totp_enabled_at.is_some());
    // A session that did not pass the code (one opened before the factor was turned on).
    let (token, _) = service::open_session(&db, &POLICY, giulia.id, "10.30.0.1", "test", false)
        .await
        .unwrap();
    let viewer = service::viewer_for_token(&db, &POLICY, &token)
        .await
        .unwrap()
        .unwrap();
    assert!(
        !viewer.is_team(),
        "staff power comes from this session's second factor, not the account's flag"
    );
    let (passed, _) = service::open_session(&db, &POLICY, giulia.id, "10.30.0.1", "test", true)
        .await
        .unwrap();
    let viewer = service::viewer_for_token(&db, &POLICY, &passed)
        .await
        .unwrap()
        .unwrap();
    assert!(viewer.is_team());
}

#[tokio::test]
async fn turning_the_second_factor_on_needs_the_password_again_and_ends_the_other_sessions() {
    let (db, passwords) = community().await;
    let giulia = staff_without_second_factor(&db).await;
    let laptop = password_session(&db, &passwords, "10.30.0.2").await;
    let phone = password_session(&db, &passwords, "10.30.0.3").await;

    // Someone holding the laptop's session cookie cannot see the secret or turn it on.
    assert_eq!(
        service::start_enrolment(&db, &secrets(), giulia, &laptop)
            .await
            .unwrap_err(),
        AppError::PasswordAgain
    );
    assert_eq!(
        service::confirm_enrolment(&db, &secrets(), giulia, &laptop, "123456")
            .await
            .unwrap_err(),
        AppError::PasswordAgain
    );
    assert!(
        !service::second_factor_status(&db, giulia, &laptop)
            .await
            .unwrap()
            .password_confirmed
    );
    assert_eq!(
        service::reauthenticate(&db, &passwords, giulia, &laptop, "sbagliata")
            .await
            .unwrap_err(),
        AppError::invalid(Field::Current, InvalidReason::WrongPassword)
    );
    // The password typed again opens it in this session only.
    service::reauthenticate(&db, &passwords, giulia, &laptop, PASSWORD)
        .await
        .unwrap();
    assert_eq!(
        service::start_enrolment(&db, &secrets(), giulia, &phone)
            .await
            .unwrap_err(),
        AppError::PasswordAgain
    );
    let enrolment = service::start_enrolment(&db, &secrets(), giulia, &laptop)
        .await
        .unwrap();
    let code = service::code_at(&enrolment.secret, now()).unwrap();
    service::confirm_enrolment(&db, &secrets(), giulia, &laptop, &code)
        .await
        .unwrap();

    let here = service::viewer_for_token(&db, &POLICY, &laptop)
        .await
        .unwrap()
        .unwrap();
    assert!(
        here.is_team(),
        "the session that typed the code has the powers"
    );
    assert_eq!(
        service::viewer_for_token(&db, &POLICY, &phone)
            .await
            .unwrap(),
        None,
        "the password-only session ended instead of gaining staff powers"
    );
}

#[tokio::test]
async fn the_password_typed_again_lasts_five_minutes() {
    let (db, passwords) = community().await;
    let giulia = staff_without_second_factor(&db).await;
    let laptop = password_session(&db, &passwords, "10.30.0.4").await;
    service::reauthenticate(&db, &passwords, giulia, &laptop, PASSWORD)
        .await
        .unwrap();
    assert!(
        service::prepare_recovery_codes(&db, &secrets(), giulia, &laptop)
            .await
            .is_ok()
    );
    session::Entity::update_many()
        .col_expr(
            session::Column::ReauthenticatedAt,
            Expr::value(Some(Utc::now() - Duration::minutes(6))),
        )
        .filter(session::Column::Id.eq(token_hash(&laptop)))
        .exec(db.write())
        .await
        .unwrap();
    assert_eq!(
        service::prepare_recovery_codes(&db, &secrets(), giulia, &laptop)
            .await
            .unwrap_err(),
        AppError::PasswordAgain
    );
}

#[tokio::test]
async fn sixty_parallel_wrong_passwords_in_a_session_check_at_most_five() {
    let (db, passwords) = community().await;
    let giulia = staff_without_second_factor(&db).await;
    let laptop = password_session(&db, &passwords, "10.30.0.5").await;
    let mut tries = tokio::task::JoinSet::new();
    for _ in 0..60 {
        let (db, passwords, laptop) = (db.clone(), passwords.clone(), laptop.clone());
        tries.spawn(async move {
            service::reauthenticate(&db, &passwords, giulia, &laptop, "sbagliata").await
        });
    }
    let mut limited = 0;
    while let Some(outcome) = tries.join_next().await {
        match outcome.unwrap().unwrap_err() {
            AppError::RateLimited { .. } => limited += 1,
            other => assert_eq!(
                other,
                AppError::invalid(Field::Current, InvalidReason::WrongPassword)
            ),
        }
    }
    let checked = sign_in_attempt::Entity::find()
        .filter(sign_in_attempt::Column::Bucket.eq(format!("reauth:{giulia}")))
        .all(db.read())
        .await
        .unwrap()
        .len();
    assert_eq!(checked, service::REAUTH_FAILURES as usize);
    assert_eq!(limited, 60 - checked);
    // Even the right password waits now: a stolen session cannot guess on.
    assert!(matches!(
        service::reauthenticate(&db, &passwords, giulia, &laptop, PASSWORD).await,
        Err(AppError::RateLimited { .. })
    ));
}

/// Moves a session's clock back.
async fn age_session(db: &Db, token: &str, created: Duration, last_seen: Duration) {
    session::Entity::update_many()
        .col_expr(
            session::Column::CreatedAt,
            Expr::value(Utc::now() - created),
        )
        .col_expr(
            session::Column::LastSeenAt,
            Expr::value(Utc::now() - last_seen),
        )
        .filter(session::Column::Id.eq(token_hash(token)))
        .exec(db.write())
        .await
        .unwrap();
}

#[tokio::test]
async fn staff_sessions_end_after_two_idle_hours_or_twelve_hours_members_keep_theirs() {
    let (db, passwords) = community().await;
    let (member, _) = common::sign_in(
        &db,
        &passwords,
        attempt("anna.rossi", PASSWORD, "10.30.0.6"),
    )
    .await
    .unwrap();
    let (idle_staff, staff) = common::sign_in(
        &db,
        &passwords,
        attempt("giulia.ferri", PASSWORD, "10.30.0.6"),
    )
    .await
    .unwrap();
    assert!(staff.is_team());
    age_session(&db, &member, Duration::hours(3), Duration::hours(3)).await;
    age_session(&db, &idle_staff, Duration::hours(3), Duration::hours(3)).await;
    assert!(service::viewer_for_token(&db, &POLICY, &member)
        .await
        .unwrap()
        .is_some());
    assert_eq!(
        service::viewer_for_token(&db, &POLICY, &idle_staff)
            .await
            .unwrap(),
        None,
        "two hours without a request end a staff session"
    );
    // Busy all day: the twelfth hour ends it anyway.
    let (busy, _) = common::sign_in(
        &db,
        &passwords,
        attempt("giulia.ferri", PASSWORD, "10.30.0.6"),
    )
    .await
    .unwrap();
    age_session(&db, &busy, Duration::hours(11), Duration::minutes(1)).await;
    assert!(service::viewer_for_token(&db, &POLICY, &busy)
        .await
        .unwrap()
        .is_some());
    age_session(&db, &busy, Duration::hours(13), Duration::minutes(1)).await;
    assert_eq!(
        service::viewer_for_token(&db, &POLICY, &busy)
            .await
            .unwrap(),
        None
    );
}

#[tokio::test]
async fn the_second_factor_secrets_are_sealed_in_the_database() {
    let (db, passwords) = community().await;
    let anna = person(&db, "anna.rossi").await.id;
    let (here, _) = common::sign_in(
        &db,
        &passwords,
        attempt("anna.rossi", PASSWORD, "10.30.0.7"),
    )
    .await
    .unwrap();
    service::reauthenticate(&db, &passwords, anna, &here, PASSWORD)
        .await
        .unwrap();
    let enrolment = service::start_enrolment(&db, &secrets(), anna, &here)
        .await
        .unwrap();
    let code = service::code_at(&enrolment.secret, now()).unwrap();
    service::confirm_enrolment(&db, &secrets(), anna, &here, &code)
        .await
        .unwrap();

    let stored = person(&db, "anna.rossi").await.totp_secret.unwrap();
    assert!(Secrets::is_sealed(&stored) && !stored.contains(&enrolment.secret));
    // Recovery codes: 16 characters (80 bits), stored as keyed hashes, not plain SHA-256.
    let shown = &enrolment.recovery_codes[0];
    let plain: String = shown.chars().filter(|c| *c != '-').collect();
    assert_eq!(plain.len(), 16);
    let hashes: Vec<String> = recovery_code::Entity::find()
        .filter(recovery_code::Column::UserId.eq(anna))
        .all(db.read())
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.code_hash)
        .collect();
    assert_eq!(hashes.len(), 10);
    assert!(!hashes.contains(&token_hash(&plain)));
    assert!(hashes.contains(&secrets().keyed_hash(&plain)));

    // A copy of the database without the key opens nothing.
    let challenge = match service::sign_in(
        &db,
        &passwords,
        &POLICY,
        attempt("anna.rossi", PASSWORD, "10.30.0.7"),
    )
    .await
    .unwrap()
    {
        service::SignInOutcome::SecondFactor { challenge } => challenge,
        other => panic!("{other:?}"),
    };
    let next = service::code_at(&enrolment.secret, now() + service::STEP_SECONDS).unwrap();
    let other_key = Secrets::random();
    assert!(service::complete_sign_in(
        &db,
        &other_key,
        &POLICY,
        &challenge,
        shown,
        "10.30.0.7",
        "test"
    )
    .await
    .is_err());
    assert!(service::complete_sign_in(
        &db,
        &secrets(),
        &POLICY,
        &challenge,
        &next,
        "10.30.0.7",
        "test"
    )
    .await
    .is_ok());
}

#[tokio::test]
async fn secrets_stored_in_clear_by_an_earlier_version_are_sealed_at_start() {
    let (db, passwords) = community().await;
    let giulia = person(&db, "giulia.ferri").await.id;
    user::Entity::update_many()
        .col_expr(
            user::Column::TotpSecret,
            Expr::value(Some(common::TOTP_SECRET.to_owned())),
        )
        .filter(user::Column::Id.eq(giulia))
        .exec(db.write())
        .await
        .unwrap();
    assert_eq!(
        service::seal_stored_secrets(&db, &secrets()).await.unwrap(),
        1
    );
    assert_eq!(
        service::seal_stored_secrets(&db, &secrets()).await.unwrap(),
        0
    );
    let stored = person(&db, "giulia.ferri").await.totp_secret.unwrap();
    assert!(Secrets::is_sealed(&stored));
    // And the person signs in with their app as before.
    assert!(common::sign_in(
        &db,
        &passwords,
        attempt("giulia.ferri", PASSWORD, "10.30.0.8")
    )
    .await
    .unwrap()
    .1
    .is_team());
}
