//! Themes on a real database (SQLite, or PostgreSQL with PRATICA_TEST_DATABASE_URL).
use crate::common;
use app::error::Field;

use app::{
    error::{AppError, InvalidReason},
    features::{
        forum::{
            service::{lists, subscriptions},
            types::{ListQuery, ListView},
        },
        themes::service,
    },
    server::{
        audit,
        entities::{category, theme, theme::ThemeStatus},
        testing::fresh_db,
    },
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

#[tokio::test]
async fn only_approved_themes_are_listed_in_name_order() {
    let db = fresh_db().await;
    service::insert(db.write(), "Valutazione", "", ThemeStatus::Approved)
        .await
        .unwrap();
    service::insert(db.write(), "Appalti innovativi", "", ThemeStatus::Approved)
        .await
        .unwrap();
    service::propose(&db, &member(), "Una proposta", "in attesa dello staff")
        .await
        .unwrap();

    let names: Vec<String> = service::list_approved(db.read())
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(names, ["Appalti innovativi", "Valutazione"]);
}

#[tokio::test]
async fn bad_input_is_refused_with_a_reason_and_changes_nothing() {
    let db = fresh_db().await;
    let too_long = "x".repeat(121);
    let cases = [
        (
            "   ",
            "",
            AppError::invalid(Field::Name, InvalidReason::Required),
        ),
        (
            too_long.as_str(),
            "",
            AppError::invalid(Field::Name, InvalidReason::TooLong { max: 120 }),
        ),
        (
            "!!!",
            "",
            AppError::invalid(Field::Name, InvalidReason::Malformed),
        ),
    ];
    for (name, description, expected) in cases {
        assert_eq!(
            service::propose(&db, &member(), name, description)
                .await
                .unwrap_err(),
            expected
        );
    }
    let long_description = "d".repeat(2001);
    assert_eq!(
        service::propose(&db, &member(), "Buon nome", &long_description)
            .await
            .unwrap_err(),
        AppError::invalid(Field::Description, InvalidReason::TooLong { max: 2000 })
    );
    service::insert(db.write(), "Buon nome", "", ThemeStatus::Approved)
        .await
        .unwrap();
    let listed = service::list_approved(db.read()).await.unwrap();
    assert_eq!(listed.len(), 1, "only the valid theme was stored");
}

#[tokio::test]
async fn a_theme_named_like_an_existing_one_is_a_duplicate() {
    let db = fresh_db().await;
    service::insert(db.write(), "Finanza d’impatto", "", ThemeStatus::Approved)
        .await
        .unwrap();
    // Same slug despite case and accents.
    let err = service::propose(&db, &member(), "FINANZA D'IMPATTO", "")
        .await
        .unwrap_err();
    assert_eq!(
        err,
        AppError::invalid(Field::Name, InvalidReason::Duplicate)
    );
}

#[tokio::test]
async fn names_and_descriptions_are_stored_trimmed() {
    let db = fresh_db().await;
    let theme = service::insert(
        db.write(),
        "  Co-progettazione  ",
        "  testo  ",
        ThemeStatus::Approved,
    )
    .await
    .unwrap();
    assert_eq!(theme.name, "Co-progettazione");
    assert_eq!(theme.description, "testo");
    assert_eq!(theme.slug, "co-progettazione");
}

/// A member proposing themes (no account row is needed for these rules).
fn member() -> app::features::accounts::types::Viewer {
    app::features::accounts::types::Viewer {
        user_id: 1,
        username: "m".into(),
        display_name: "M".into(),
        role: app::features::accounts::types::Role::Member,
        second_factor: false,
    }
}

#[tokio::test]
async fn staff_approve_merge_or_reject_proposals_and_each_decision_is_logged() {
    use service::Decision;
    let (db, _) = common::community().await;
    let anna = common::viewer(&db, "anna.rossi").await;
    let (staff, member) = (
        common::audience(&db, "giulia.ferri").await,
        common::audience(&db, "anna.rossi").await,
    );
    let first = service::propose(&db, &anna, "Abitare sociale", "Casa e inclusione")
        .await
        .unwrap();
    let second = service::propose(&db, &anna, "Housing first", "")
        .await
        .unwrap();
    let third = service::propose(&db, &anna, "Un tema troppo vicino", "")
        .await
        .unwrap();
    // Only staff decide; nothing changes otherwise.
    assert_eq!(
        service::decide(&db, &member, first.id, Decision::Approve).await,
        Err(AppError::NotFound)
    );
    // A rejection needs a reason.
    assert_eq!(
        service::decide(
            &db,
            &staff,
            third.id,
            Decision::Reject {
                reason: "  ".into()
            }
        )
        .await,
        Err(AppError::invalid(Field::Reason, InvalidReason::Required))
    );
    service::decide(&db, &staff, first.id, Decision::Approve)
        .await
        .unwrap();
    service::decide(&db, &staff, second.id, Decision::Merge { into: first.id })
        .await
        .unwrap();
    service::decide(
        &db,
        &staff,
        third.id,
        Decision::Reject {
            reason: "Rientra già nei temi esistenti".into(),
        },
    )
    .await
    .unwrap();
    // A decided proposal is not decided again.
    assert_eq!(
        service::decide(&db, &staff, third.id, Decision::Approve).await,
        Err(AppError::NotFound)
    );

    // The approved theme is listed and has its forum category; the others do not.
    let names: Vec<String> = service::list_approved(db.read())
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert!(names.contains(&"Abitare sociale".to_string()));
    assert!(!names.contains(&"Housing first".to_string()));
    let categories = category::Entity::find()
        .filter(category::Column::ThemeId.is_in([first.id, second.id, third.id]))
        .all(db.read())
        .await
        .unwrap();
    assert_eq!(categories.len(), 1);
    assert_eq!(categories[0].slug, "abitare-sociale");

    // The proposer sees the outcome of each, with the reason and the merge.
    let overview = service::overview(&db, &member).await.unwrap();
    let outcome = |name: &str| {
        overview
            .proposals
            .iter()
            .find(|p| p.name == name)
            .cloned()
            .unwrap()
    };
    assert_eq!(
        outcome("Un tema troppo vicino").reason.as_deref(),
        Some("Rientra già nei temi esistenti")
    );
    assert_eq!(
        outcome("Housing first").merged_into,
        Some(("Abitare sociale".into(), "abitare-sociale".into()))
    );
    let stored = theme::Entity::find_by_id(second.id)
        .one(db.read())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.merged_into, Some(first.id));
    let logged = audit::latest(db.read(), 3).await.unwrap();
    assert!(logged.iter().all(|e| e.action == "theme.decide"));
    assert_eq!(logged.len(), 3);
}

#[tokio::test]
async fn following_a_theme_or_a_category_fills_the_followed_list() {
    let (db, _) = common::community().await;
    let luca = common::audience(&db, "luca.esposito").await;
    let followed = |db: app::server::Db, who: app::server::access::Audience| async move {
        lists::list(
            &db,
            &who,
            &ListQuery {
                view: Some(ListView::Followed),
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .threads
        .into_iter()
        .map(|t| t.title)
        .collect::<Vec<_>>()
    };
    // Luca follows the themes of his profile (demo) and the threads he took part in.
    let before = followed(db.clone(), luca.clone()).await;
    assert!(before.iter().any(|t| t.contains("indicatori di esito")));
    assert!(!before
        .iter()
        .any(|t| t.contains("Come si iscrive in bilancio")));
    let accounting = theme::Entity::find()
        .filter(theme::Column::Slug.eq("pagamento-per-risultati-e-contabilita-pubblica"))
        .one(db.read())
        .await
        .unwrap()
        .unwrap();
    subscriptions::follow_theme(&db, &luca, accounting.id, true)
        .await
        .unwrap();
    let after = followed(db.clone(), luca.clone()).await;
    assert!(after
        .iter()
        .any(|t| t.contains("Come si iscrive in bilancio")));
    subscriptions::follow_theme(&db, &luca, accounting.id, false)
        .await
        .unwrap();
    let general = category::Entity::find()
        .filter(category::Column::Slug.eq("generale"))
        .one(db.read())
        .await
        .unwrap()
        .unwrap();
    subscriptions::watch(&db, &luca, subscriptions::CATEGORY, general.id, true)
        .await
        .unwrap();
    let watched = followed(db.clone(), luca.clone()).await;
    assert!(watched.iter().any(|t| t.contains("Benvenute")));
    assert!(!watched
        .iter()
        .any(|t| t.contains("Come si iscrive in bilancio")));
    // A category one may not see cannot be watched: not found.
    let secret = category::Entity::find()
        .filter(category::Column::Slug.eq("gruppo-cabina-di-regia"))
        .one(db.read())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        subscriptions::watch(&db, &luca, subscriptions::CATEGORY, secret.id, true).await,
        Err(AppError::NotFound)
    );
}
