//! The second factor on a real database (SQLite and PostgreSQL): turning it on, signing in with
//! a code or a recovery code, never the same code twice, few tries per challenge, and staff
//! powers waiting for it.
use crate::common;
use app::error::Field;

use crate::common::{attempt, community, secrets, PASSWORD, POLICY};
use app::{
    error::{AppError, InvalidReason},
    features::{
        accounts::{
            service::{self, SignInOutcome},
            types::{Role, Viewer},
        },
        staff::service as staff,
    },
    server::{entities::user, passwords::Passwords, Db},
};
use chrono::Utc;
use sea_orm::{sea_query::Expr, ColumnTrait, EntityTrait, QueryFilter};

fn now() -> u64 {
    Utc::now().timestamp() as u64
}

fn wrong_code() -> AppError {
    AppError::invalid(Field::Code, InvalidReason::WrongCode)
}

async fn user_id(db: &Db, username: &str) -> i32 {
    user::Entity::find()
        .filter(user::Column::Username.eq(username))
        .one(db.read())
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn challenge(db: &Db, passwords: &Passwords, login: &str) -> String {
    match service::sign_in(
        db,
        passwords,
        &POLICY,
        attempt(login, PASSWORD, "10.20.0.1"),
    )
    .await
    .unwrap()
    {
        SignInOutcome::SecondFactor { challenge } => challenge,
        SignInOutcome::Signed { .. } => panic!("{login} signed in without a code"),
    }
}

#[tokio::test]
async fn a_member_turns_it_on_and_then_needs_a_code_used_only_once() {
    let (db, passwords) = community().await;
    let anna = user_id(&db, "anna.rossi").await;
    let (here, _) = common::sign_in(
        &db,
        &passwords,
        attempt("anna.rossi", PASSWORD, "10.20.0.1"),
    )
    .await
    .unwrap();
    service::reauthenticate(&db, &passwords, anna, &here, PASSWORD)
        .await
        .unwrap();
    let enrolment = service::start_enrolment(&db, &secrets(), anna, &here)
        .await
        .unwrap();
    assert_eq!(enrolment.secret.len(), 32);
    assert!(enrolment.qr_svg.contains("<svg"));
    assert_eq!(enrolment.recovery_codes.len(), 10);

    // Until confirmed, nothing changes for signing in, and pending recovery codes do not work.
    let outcome = service::sign_in(
        &db,
        &passwords,
        &POLICY,
        attempt("anna.rossi", PASSWORD, "10.20.0.1"),
    )
    .await
    .unwrap();
    assert!(matches!(outcome, SignInOutcome::Signed { .. }));
    assert_eq!(
        service::confirm_enrolment(&db, &secrets(), anna, &here, "000000")
            .await
            .unwrap_err(),
        wrong_code()
    );
    let code = service::code_at(&enrolment.secret, now()).unwrap();
    service::confirm_enrolment(&db, &secrets(), anna, &here, &code)
        .await
        .unwrap();
    let status = service::second_factor_status(&db, anna, &here)
        .await
        .unwrap();
    assert!(status.enabled && !status.required);
    assert_eq!(status.recovery_codes_left, 10);

    // The password alone no longer signs in; the code just used for confirming does not either.
    let first = challenge(&db, &passwords, "anna.rossi").await;
    assert_eq!(
        service::complete_sign_in(&db, &secrets(), &POLICY, &first, &code, "10.20.0.1", "test")
            .await
            .unwrap_err(),
        wrong_code(),
        "a code is accepted once"
    );
    let next = service::code_at(&enrolment.secret, now() + service::STEP_SECONDS).unwrap();
    let signed =
        service::complete_sign_in(&db, &secrets(), &POLICY, &first, &next, "10.20.0.1", "test")
            .await
            .unwrap();
    assert!(signed.viewer.second_factor);
    assert_eq!(
        service::viewer_for_token(&db, &POLICY, &signed.token)
            .await
            .unwrap(),
        Some(signed.viewer)
    );
    // The challenge is gone once used.
    assert_eq!(
        service::complete_sign_in(&db, &secrets(), &POLICY, &first, &next, "10.20.0.1", "test")
            .await
            .unwrap_err(),
        AppError::invalid(Field::Challenge, InvalidReason::Expired)
    );

    // A recovery code works once, in any case and spacing.
    let recovery = enrolment.recovery_codes[3].to_uppercase().replace('-', " ");
    let second = challenge(&db, &passwords, "anna.rossi").await;
    service::complete_sign_in(
        &db,
        &secrets(),
        &POLICY,
        &second,
        &recovery,
        "10.20.0.1",
        "test",
    )
    .await
    .unwrap();
    let third = challenge(&db, &passwords, "anna.rossi").await;
    assert_eq!(
        service::complete_sign_in(
            &db,
            &secrets(),
            &POLICY,
            &third,
            &recovery,
            "10.20.0.1",
            "test"
        )
        .await
        .unwrap_err(),
        wrong_code()
    );
    assert_eq!(
        service::second_factor_status(&db, anna, &here)
            .await
            .unwrap()
            .recovery_codes_left,
        9
    );

    // Turning it off needs the password.
    assert_eq!(
        service::disable_second_factor(&db, &passwords, anna, "sbagliata")
            .await
            .unwrap_err(),
        AppError::invalid(Field::Current, InvalidReason::WrongPassword)
    );
    service::disable_second_factor(&db, &passwords, anna, PASSWORD)
        .await
        .unwrap();
    let outcome = service::sign_in(
        &db,
        &passwords,
        &POLICY,
        attempt("anna.rossi", PASSWORD, "10.20.0.1"),
    )
    .await
    .unwrap();
    assert!(matches!(outcome, SignInOutcome::Signed { .. }));
}

#[tokio::test]
async fn a_challenge_ends_after_five_wrong_codes() {
    let (db, passwords) = community().await;
    let challenge = challenge(&db, &passwords, "giulia.ferri").await;
    for _ in 0..4 {
        assert_eq!(
            service::complete_sign_in(
                &db,
                &secrets(),
                &POLICY,
                &challenge,
                "123456",
                "10.20.0.2",
                "test"
            )
            .await
            .unwrap_err(),
            wrong_code()
        );
    }
    assert_eq!(
        service::complete_sign_in(
            &db,
            &secrets(),
            &POLICY,
            &challenge,
            "123456",
            "10.20.0.2",
            "test"
        )
        .await
        .unwrap_err(),
        AppError::invalid(Field::Challenge, InvalidReason::Expired)
    );
    let right = service::code_at(common::TOTP_SECRET, now()).unwrap();
    assert_eq!(
        service::complete_sign_in(
            &db,
            &secrets(),
            &POLICY,
            &challenge,
            &right,
            "10.20.0.2",
            "test"
        )
        .await
        .unwrap_err(),
        AppError::invalid(Field::Challenge, InvalidReason::Expired),
        "even the right code does not revive it"
    );
}

#[tokio::test]
async fn staff_powers_wait_for_the_second_factor_which_staff_cannot_turn_off() {
    let (db, passwords) = community().await;
    let giulia = user_id(&db, "giulia.ferri").await;
    assert_eq!(
        service::disable_second_factor(&db, &passwords, giulia, PASSWORD)
            .await
            .unwrap_err(),
        AppError::Forbidden
    );
    // A staff account without the second factor (say, one just invited) …
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
    let (here, viewer) = common::sign_in(
        &db,
        &passwords,
        attempt("giulia.ferri", PASSWORD, "10.20.0.3"),
    )
    .await
    .unwrap();
    let expected = Viewer {
        user_id: giulia,
        username: "giulia.ferri".into(),
        display_name: "Giulia Ferri".into(),
        role: Role::Staff,
        second_factor: false,
    };
    assert_eq!(viewer, expected, "signs in with the password alone…");
    assert!(viewer.needs_second_factor() && !viewer.is_team());
    // … but may not use staff powers until it is on.
    assert_eq!(
        staff::overview(&db, &viewer).await.unwrap_err(),
        AppError::SecondFactorRequired
    );
    assert_eq!(
        service::invitation_options(&db, &viewer).await.unwrap_err(),
        AppError::SecondFactorRequired
    );
    assert!(
        service::second_factor_status(&db, giulia, &here)
            .await
            .unwrap()
            .required
    );

    service::reauthenticate(&db, &passwords, giulia, &here, PASSWORD)
        .await
        .unwrap();
    let enrolment = service::start_enrolment(&db, &secrets(), giulia, &here)
        .await
        .unwrap();
    let code = service::code_at(&enrolment.secret, now()).unwrap();
    service::confirm_enrolment(&db, &secrets(), giulia, &here, &code)
        .await
        .unwrap();
    // The session that turned it on passed it (the code just typed): staff powers at once.
    let now_here = service::viewer_for_token(&db, &POLICY, &here)
        .await
        .unwrap()
        .unwrap();
    assert!(now_here.is_team());
    let challenge = challenge(&db, &passwords, "giulia.ferri").await;
    let next = service::code_at(&enrolment.secret, now() + service::STEP_SECONDS).unwrap();
    let viewer = service::complete_sign_in(
        &db,
        &secrets(),
        &POLICY,
        &challenge,
        &next,
        "10.20.0.3",
        "test",
    )
    .await
    .unwrap()
    .viewer;
    assert!(viewer.is_team());
    assert!(staff::overview(&db, &viewer).await.is_ok());
}

/// How many codes were checked for the account: each check first claims an attempt.
async fn codes_checked(db: &Db, login: &str) -> usize {
    use app::server::entities::{sign_in_attempt, user};
    let person = user::Entity::find()
        .filter(user::Column::Username.eq(login))
        .one(db.read())
        .await
        .unwrap()
        .unwrap();
    sign_in_attempt::Entity::find()
        .filter(sign_in_attempt::Column::Bucket.eq(format!("code:{}", person.id)))
        .all(db.read())
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn sixty_parallel_wrong_codes_on_one_challenge_check_at_most_five() {
    let (db, passwords) = community().await;
    let challenge = challenge(&db, &passwords, "giulia.ferri").await;
    let mut tries = tokio::task::JoinSet::new();
    for _ in 0..60 {
        let (db, challenge) = (db.clone(), challenge.clone());
        tries.spawn(async move {
            service::complete_sign_in(
                &db,
                &secrets(),
                &POLICY,
                &challenge,
                "123456",
                "10.20.0.3",
                "test",
            )
            .await
        });
    }
    let mut wrong = 0;
    while let Some(outcome) = tries.join_next().await {
        let error = outcome.unwrap().unwrap_err();
        if error == wrong_code() {
            wrong += 1;
        } else {
            assert_eq!(
                error,
                AppError::invalid(Field::Challenge, InvalidReason::Expired)
            );
        }
    }
    // Four answered "wrong code", the fifth ended the challenge: without the claim before the
    // check, every request that read the challenge before the others' writes was checked.
    assert_eq!(wrong, 4, "wrong codes answered as such");
    let checked = codes_checked(&db, "giulia.ferri").await;
    println!("codes checked out of 60 parallel tries: {checked}");
    assert_eq!(checked, 5, "five attempts, each claimed before its check");
}

#[tokio::test]
async fn wrong_codes_count_for_the_account_across_challenges() {
    let (db, passwords) = community().await;
    // Two challenges used up (five wrong codes each), then a third with the right code.
    for _ in 0..2 {
        let challenge = challenge(&db, &passwords, "giulia.ferri").await;
        for _ in 0..5 {
            let _ = service::complete_sign_in(
                &db,
                &secrets(),
                &POLICY,
                &challenge,
                "123456",
                "10.20.0.4",
                "test",
            )
            .await;
        }
    }
    let challenge = challenge(&db, &passwords, "giulia.ferri").await;
    let right = service::code_at(common::TOTP_SECRET, now()).unwrap();
    let refused = service::complete_sign_in(
        &db,
        &secrets(),
        &POLICY,
        &challenge,
        &right,
        "10.20.0.4",
        "test",
    )
    .await
    .unwrap_err();
    assert!(
        matches!(refused, AppError::RateLimited { retry_after_secs } if retry_after_secs > 60),
        "{refused:?}"
    );
    assert_eq!(
        codes_checked(&db, "giulia.ferri").await,
        10,
        "the refused one is not kept: a flood adds nothing"
    );
}
