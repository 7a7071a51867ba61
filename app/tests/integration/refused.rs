//! What was typed into a refused form is kept ten minutes, then forgotten (SQLite, or PostgreSQL
//! with PRATICA_TEST_DATABASE_URL).
use app::server::{
    entities::refused_form,
    refused::{forget_expired, keep, load, LIFETIME},
    testing::fresh_db,
    tokens::token_hash,
};
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, PaginatorTrait, Set};

#[tokio::test]
async fn what_was_typed_is_kept_ten_minutes_under_a_token_stored_hashed() {
    let db = fresh_db().await;
    let fields = [
        ("name", "Bilancio sociale"),
        ("themes", "1"),
        ("themes", "3"),
    ];
    let token = keep(&db, "/api/nuovo-gruppo", &fields).await.unwrap();
    let kept = load(&db, &token).await.unwrap().expect("kept");
    assert_eq!(kept.form, "/api/nuovo-gruppo");
    assert_eq!(
        kept.fields,
        [
            ("name", "Bilancio sociale"),
            ("themes", "1"),
            ("themes", "3")
        ]
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
    );
    // The database holds the token's hash, not the token.
    assert!(refused_form::Entity::find_by_id(token.clone())
        .one(db.read())
        .await
        .unwrap()
        .is_none());
    assert_eq!(load(&db, "another-token").await.unwrap(), None);

    // Once older than its lifetime it is not shown, and the hourly chore deletes it.
    let fresh = keep(&db, "/api/nuovo-gruppo", &fields).await.unwrap();
    let mut old = refused_form::Entity::find_by_id(token_hash(&token))
        .one(db.read())
        .await
        .unwrap()
        .unwrap()
        .into_active_model();
    old.created_at = Set(Utc::now() - LIFETIME - Duration::seconds(1));
    old.update(db.write()).await.unwrap();
    assert_eq!(load(&db, &token).await.unwrap(), None);
    assert_eq!(forget_expired(&db).await.unwrap(), 1);
    assert!(load(&db, &fresh).await.unwrap().is_some());
    assert_eq!(
        refused_form::Entity::find().count(db.read()).await.unwrap(),
        1
    );
}
