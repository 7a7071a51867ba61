//! The people section of the staff console on a real database: search, roles, disabling.

use crate::common::POLICY;
use crate::common::{attempt, community, sign_in, viewer, PASSWORD};
use app::error::Field;
use app::{
    error::{AppError, InvalidReason},
    features::{
        accounts::{service, types::Role},
        network::{service::directory::directory, types::DirectoryFilter},
        staff::people,
    },
    server::audit,
};

#[tokio::test]
async fn staff_find_people_by_name_username_or_email() {
    let (db, _) = community().await;
    let giulia = viewer(&db, "giulia.ferri").await;
    let all = people::search_people(&db, &giulia, "").await.unwrap();
    assert_eq!(all.len(), 5);
    for (text, expected) in [
        ("ROSSI", vec!["anna.rossi"]),
        ("@pianura", vec!["marco.bellini"]),
        ("luca.", vec!["luca.esposito"]),
        ("%", vec![]),
    ] {
        let found: Vec<_> = people::search_people(&db, &giulia, text)
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.username)
            .collect();
        assert_eq!(found, expected, "{text:?}");
    }
    let anna = people::search_people(&db, &giulia, "anna").await.unwrap();
    assert_eq!(anna[0].organisations, ["Comune di Castelmonte"]);
    for who in ["anna.rossi", "marco.bellini"] {
        let outsider = viewer(&db, who).await;
        assert_eq!(
            people::search_people(&db, &outsider, "").await.unwrap_err(),
            AppError::NotFound,
            "{who}"
        );
    }
    let mut without = giulia.clone();
    without.second_factor = false;
    assert_eq!(
        people::search_people(&db, &without, "").await.unwrap_err(),
        AppError::SecondFactorRequired
    );
}

#[tokio::test]
async fn only_admins_grant_or_take_team_roles() {
    let (db, _) = community().await;
    let giulia = viewer(&db, "giulia.ferri").await;
    let admin = viewer(&db, "admin").await;
    let marco = viewer(&db, "marco.bellini").await;
    let anna = viewer(&db, "anna.rossi").await;

    people::change_role(&db, &giulia, anna.user_id, Role::Expert)
        .await
        .unwrap();
    assert_eq!(viewer(&db, "anna.rossi").await.role, Role::Expert);
    let entry = &audit::latest(db.read(), 1).await.unwrap()[0];
    assert_eq!(entry.action, "person.role");
    assert!(entry.before.as_deref().unwrap().contains("member"));
    assert!(entry.after.as_deref().unwrap().contains("expert"));

    assert_eq!(
        people::change_role(&db, &giulia, marco.user_id, Role::Staff)
            .await
            .unwrap_err(),
        AppError::Forbidden
    );
    assert_eq!(
        people::change_role(&db, &giulia, admin.user_id, Role::Member)
            .await
            .unwrap_err(),
        AppError::Forbidden
    );
    assert_eq!(
        people::change_role(&db, &giulia, giulia.user_id, Role::Admin)
            .await
            .unwrap_err(),
        AppError::invalid(Field::Role, InvalidReason::SelfChange)
    );
    people::change_role(&db, &admin, marco.user_id, Role::Staff)
        .await
        .unwrap();
    assert_eq!(viewer(&db, "marco.bellini").await.role, Role::Staff);
    assert_eq!(
        people::change_role(&db, &admin, 424_242, Role::Member)
            .await
            .unwrap_err(),
        AppError::NotFound
    );
}

#[tokio::test]
async fn disabling_ends_sessions_and_hides_the_person() {
    let (db, passwords) = community().await;
    let giulia = viewer(&db, "giulia.ferri").await;
    let luca = viewer(&db, "luca.esposito").await;
    let (token, _) = sign_in(
        &db,
        &passwords,
        attempt("luca.esposito", PASSWORD, "10.0.0.1"),
    )
    .await
    .unwrap();
    assert!(service::viewer_for_token(&db, &POLICY, &token)
        .await
        .unwrap()
        .is_some());

    people::set_disabled(&db, &giulia, luca.user_id, true)
        .await
        .unwrap();
    assert!(
        service::viewer_for_token(&db, &POLICY, &token)
            .await
            .unwrap()
            .is_none(),
        "the open session ended"
    );
    assert_eq!(
        sign_in(
            &db,
            &passwords,
            attempt("luca.esposito", PASSWORD, "10.0.0.1")
        )
        .await
        .unwrap_err(),
        AppError::AccountDisabled
    );
    assert_eq!(
        sign_in(
            &db,
            &passwords,
            attempt("luca.esposito", "sbagliata!!", "10.0.0.1")
        )
        .await
        .unwrap_err(),
        AppError::InvalidCredentials,
        "a wrong password learns nothing"
    );
    let listed = directory(&db, Some(&giulia), &DirectoryFilter::default())
        .await
        .unwrap();
    assert!(!listed
        .people
        .unwrap()
        .iter()
        .any(|p| p.username == "luca.esposito"));
    let line = &people::search_people(&db, &giulia, "luca").await.unwrap()[0];
    assert!(line.disabled, "staff still find them");
    assert_eq!(
        audit::latest(db.read(), 1).await.unwrap()[0].action,
        "person.disable"
    );

    // Staff cannot disable the admin, nor themselves.
    let admin = viewer(&db, "admin").await;
    assert_eq!(
        people::set_disabled(&db, &giulia, admin.user_id, true)
            .await
            .unwrap_err(),
        AppError::Forbidden
    );
    assert_eq!(
        people::set_disabled(&db, &giulia, giulia.user_id, true)
            .await
            .unwrap_err(),
        AppError::invalid(Field::Role, InvalidReason::SelfChange)
    );

    people::set_disabled(&db, &giulia, luca.user_id, false)
        .await
        .unwrap();
    assert!(sign_in(
        &db,
        &passwords,
        attempt("luca.esposito", PASSWORD, "10.0.0.2")
    )
    .await
    .is_ok());
}
