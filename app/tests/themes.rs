//! Themes on a real database (SQLite, or PostgreSQL with PRATICA_TEST_DATABASE_URL).
use app::{
    error::{AppError, InvalidReason},
    features::themes::service,
    server::{entities::theme::ThemeStatus, testing::fresh_db},
};

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
            AppError::invalid("name", InvalidReason::Required),
        ),
        (
            too_long.as_str(),
            "",
            AppError::invalid("name", InvalidReason::TooLong { max: 120 }),
        ),
        (
            "!!!",
            "",
            AppError::invalid("name", InvalidReason::Malformed),
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
        AppError::invalid("description", InvalidReason::TooLong { max: 2000 })
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
    assert_eq!(err, AppError::invalid("name", InvalidReason::Duplicate));
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
