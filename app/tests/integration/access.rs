//! The access-control matrix: every role against every scope, for list, count and fetch, through
//! the one condition every query uses — on SQLite and PostgreSQL.
use app::{
    features::accounts::types::{Role, Viewer},
    scope::Scope,
    server::{
        access::{visible, Audience},
        testing::fresh_db,
    },
};
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Schema, Set};

/// A stand-in for any scoped content (threads, pages, documents, events…).
mod item {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "scoped_items")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: i32,
        pub scope: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Everyone signed in belongs to working group 1, nobody (but staff, who see all) to group 2.
const MY_GROUP: i32 = 1;
const OTHER_GROUP: i32 = 2;

const SCOPES: [Scope; 6] = [
    Scope::Public,
    Scope::Registered,
    Scope::Members,
    Scope::Group(MY_GROUP),
    Scope::Group(OTHER_GROUP),
    Scope::Staff,
];

/// Rows: who (with the second factor on, except where said); columns: SCOPES in order;
/// true = may see.
const MATRIX: [(&str, Option<Role>, [bool; 6]); 8] = [
    // Phase 3 (open): visitors read what is public.
    ("visitor", None, [true, false, false, false, false, false]),
    // Phases 1 and 2: visitors read nothing.
    (
        "visitor before the open phase",
        None,
        [false, false, false, false, false, false],
    ),
    (
        "registered",
        Some(Role::Registered),
        [true, true, false, true, false, false],
    ),
    (
        "member",
        Some(Role::Member),
        [true, true, true, true, false, false],
    ),
    (
        "expert",
        Some(Role::Expert),
        [true, true, true, true, false, false],
    ),
    (
        "staff",
        Some(Role::Staff),
        [true, true, true, true, true, true],
    ),
    (
        "admin",
        Some(Role::Admin),
        [true, true, true, true, true, true],
    ),
    // Staff powers wait for the second factor: until then, what a member sees.
    (
        "staff without second factor",
        Some(Role::Staff),
        [true, true, true, true, false, false],
    ),
];

fn audience(who: &str, role: Option<Role>) -> Audience {
    match role {
        None => Audience::new(None, vec![], !who.contains("before the open phase")),
        Some(role) => Audience::new(
            Some(Viewer {
                user_id: 1,
                username: "x".into(),
                display_name: "X".into(),
                role,
                second_factor: role < Role::Staff || !who.contains("without second factor"),
            }),
            vec![MY_GROUP],
            true,
        ),
    }
}

#[test]
fn every_role_sees_exactly_the_scopes_it_should() {
    for (who, role, expected) in MATRIX {
        let audience = audience(who, role);
        for (scope, may_see) in SCOPES.iter().zip(expected) {
            assert_eq!(audience.sees(*scope), may_see, "{who} × {}", scope.to_db());
        }
    }
}

#[tokio::test]
async fn lists_counts_and_fetches_follow_the_matrix_in_the_database() {
    let db = fresh_db().await;
    let backend = db.write().get_database_backend();
    let create = Schema::new(backend).create_table_from_entity(item::Entity);
    db.write().execute(&create).await.unwrap();
    for (index, scope) in SCOPES.iter().enumerate() {
        item::Entity::insert(item::ActiveModel {
            id: Set(index as i32 + 1),
            scope: Set(scope.to_db()),
        })
        .exec(db.write())
        .await
        .unwrap();
    }

    for (who, role, expected) in MATRIX {
        let audience = audience(who, role);
        let condition = || visible(item::Column::Scope, &audience);
        let expected_ids: Vec<i32> = (1..=6)
            .zip(expected)
            .filter(|(_, v)| *v)
            .map(|(id, _)| id)
            .collect();

        let mut listed: Vec<i32> = item::Entity::find()
            .filter(condition())
            .all(db.read())
            .await
            .unwrap()
            .into_iter()
            .map(|row| row.id)
            .collect();
        listed.sort_unstable();
        assert_eq!(listed, expected_ids, "list for {who}");

        let counted = item::Entity::find()
            .filter(condition())
            .count(db.read())
            .await
            .unwrap();
        assert_eq!(counted as usize, expected_ids.len(), "count for {who}");

        for (id, may_see) in (1..=6).zip(expected) {
            let fetched = item::Entity::find_by_id(id)
                .filter(condition())
                .one(db.read())
                .await
                .unwrap();
            assert_eq!(
                fetched.is_some(),
                may_see,
                "fetch of {} by {who}",
                SCOPES[id as usize - 1].to_db()
            );
        }
    }
}
