//! Working groups on a real database (SQLite and PostgreSQL): who sees which group, joining,
//! asking, approving, inviting, and the group scope that later content uses.

use crate::common::{community, viewer};
use app::error::Field;
use app::{
    error::{AppError, InvalidReason},
    features::{
        accounts::types::{Role, Viewer},
        groups::{
            service,
            types::{GroupKind, Membership},
        },
    },
    scope::Scope,
    server::{entities::audit_entry, Db},
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const SECRET: &str = "cabina-di-regia";
const OPEN: &str = "coprogettazione-art-55";
const CLOSED: &str = "valutazione-di-impatto";

async fn slugs(db: &Db, who: Option<&Viewer>) -> Vec<String> {
    service::list_groups(db, who)
        .await
        .unwrap()
        .groups
        .into_iter()
        .map(|g| g.slug)
        .collect()
}

#[tokio::test]
async fn a_secret_group_does_not_exist_for_non_members() {
    let (db, _) = community().await;
    let anna = viewer(&db, "anna.rossi").await; // in the secret group
    let giulia = viewer(&db, "giulia.ferri").await; // staff
    let luca = viewer(&db, "luca.esposito").await; // member, not in it
    let marco = viewer(&db, "marco.bellini").await; // expert, not in it

    for (who, sees) in [
        (None, false),
        (Some(&luca), false),
        (Some(&marco), false),
        (Some(&anna), true),
        (Some(&giulia), true),
    ] {
        let name = who.map_or("visitor", |v| v.username.as_str());
        assert_eq!(
            slugs(&db, who).await.contains(&SECRET.to_owned()),
            sees,
            "{name} list"
        );
        let page = service::group_details(&db, who, SECRET).await;
        if sees {
            let page = page.unwrap();
            assert_eq!(page.members.len(), 2, "{name} sees the members");
        } else {
            assert_eq!(page.unwrap_err(), AppError::NotFound, "{name} page");
        }
        // Open and closed groups are there for everyone.
        assert!(service::group_details(&db, who, OPEN).await.is_ok());
        assert!(service::group_details(&db, who, CLOSED).await.is_ok());
    }
    assert_eq!(
        service::join(&db, &luca, SECRET).await.unwrap_err(),
        AppError::NotFound,
        "nor can one join it"
    );

    // Content under the group's scope follows the membership.
    let secret_id = service::group_details(&db, Some(&anna), SECRET)
        .await
        .unwrap()
        .group
        .id;
    let scope = Scope::Group(secret_id);
    for (who, sees) in [(&anna, true), (&luca, false), (&giulia, true)] {
        let groups = service::member_group_ids(&db, who.user_id).await.unwrap();
        assert_eq!(scope.allows(Some(who), &groups), sees, "{}", who.username);
    }
}

#[tokio::test]
async fn open_groups_are_joined_closed_ones_asked_and_approved() {
    let (db, _) = community().await;
    let marco = viewer(&db, "marco.bellini").await; // admin of the closed group
    let luca = viewer(&db, "luca.esposito").await;
    let anna = viewer(&db, "anna.rossi").await;

    // Open: in at once, and out again.
    assert_eq!(
        service::join(&db, &marco, OPEN).await.unwrap(),
        Membership::Member
    );
    service::leave(&db, &marco, OPEN).await.unwrap();
    let page = service::group_details(&db, Some(&marco), OPEN)
        .await
        .unwrap();
    assert_eq!(page.group.membership, Membership::Outside);

    // Closed: a request, which only the group's admins (or staff) decide.
    assert_eq!(
        service::join(&db, &luca, CLOSED).await.unwrap(),
        Membership::Requested
    );
    assert_eq!(
        service::decide_request(&db, &anna, CLOSED, luca.user_id, true)
            .await
            .unwrap_err(),
        AppError::Forbidden,
        "a plain member does not decide"
    );
    let page = service::group_details(&db, Some(&marco), CLOSED)
        .await
        .unwrap();
    assert!(page.manage);
    assert_eq!(page.pending.len(), 1);
    service::decide_request(&db, &marco, CLOSED, luca.user_id, true)
        .await
        .unwrap();
    let page = service::group_details(&db, Some(&luca), CLOSED)
        .await
        .unwrap();
    assert_eq!(page.group.membership, Membership::Member);
    assert_eq!(page.group.members, 3);

    // Registered people and visitors only read.
    let registered = Viewer {
        role: Role::Registered,
        ..luca.clone()
    };
    assert_eq!(
        service::join(&db, &registered, OPEN).await.unwrap_err(),
        AppError::Forbidden
    );
}

#[tokio::test]
async fn an_invitation_opens_a_secret_group_to_the_invited_person_only() {
    let (db, _) = community().await;
    let giulia = viewer(&db, "giulia.ferri").await;
    let luca = viewer(&db, "luca.esposito").await;
    let marco = viewer(&db, "marco.bellini").await;
    assert_eq!(
        service::invite(&db, &giulia, SECRET, "nessuno")
            .await
            .unwrap_err(),
        AppError::invalid(Field::Username, InvalidReason::Malformed)
    );
    assert_eq!(
        service::invite(&db, &giulia, SECRET, "anna.rossi")
            .await
            .unwrap_err(),
        AppError::invalid(Field::Username, InvalidReason::Duplicate)
    );
    service::invite(&db, &giulia, SECRET, "@Luca.Esposito")
        .await
        .unwrap();
    let page = service::group_details(&db, Some(&luca), SECRET)
        .await
        .unwrap();
    assert_eq!(page.group.membership, Membership::Invited);
    assert_eq!(
        service::group_details(&db, Some(&marco), SECRET)
            .await
            .unwrap_err(),
        AppError::NotFound,
        "others still do not see it"
    );
    assert_eq!(
        service::join(&db, &luca, SECRET).await.unwrap(),
        Membership::Member
    );
    assert!(slugs(&db, Some(&luca)).await.contains(&SECRET.to_owned()));
}

#[tokio::test]
async fn staff_create_groups_and_the_creation_is_logged() {
    let (db, _) = community().await;
    let giulia = viewer(&db, "giulia.ferri").await;
    let anna = viewer(&db, "anna.rossi").await;
    assert_eq!(
        service::create_group(&db, &anna, "Nuovo", "", GroupKind::Open)
            .await
            .unwrap_err(),
        AppError::NotFound
    );
    let slug = service::create_group(
        &db,
        &giulia,
        "  Bilancio sociale  ",
        "Per chi redige il bilancio sociale.",
        GroupKind::Closed,
    )
    .await
    .unwrap();
    assert_eq!(slug, "bilancio-sociale");
    let page = service::group_details(&db, Some(&giulia), &slug)
        .await
        .unwrap();
    assert_eq!(page.group.name, "Bilancio sociale");
    assert_eq!(page.group.membership, Membership::Admin);
    for (name, expected) in [
        (
            "BILANCIO SOCIALE",
            AppError::invalid(Field::Name, InvalidReason::Duplicate),
        ),
        (
            "   ",
            AppError::invalid(Field::Name, InvalidReason::Required),
        ),
        (
            &"x".repeat(121),
            AppError::invalid(Field::Name, InvalidReason::TooLong { max: 120 }),
        ),
    ] {
        assert_eq!(
            service::create_group(&db, &giulia, name, "", GroupKind::Open)
                .await
                .unwrap_err(),
            expected
        );
    }
    let logged = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("group.create"))
        .filter(audit_entry::Column::Target.eq(format!("group:{}", page.group.id)))
        .all(db.read())
        .await
        .unwrap();
    assert_eq!(logged.len(), 1, "the refused names logged nothing");
}

#[tokio::test]
async fn visitors_see_who_is_in_a_group_only_when_they_may_see_the_directory() {
    use app::{kernel::phase::Phase, server::settings};
    let (db, _) = community().await;
    let visible: Vec<String> = slugs(&db, None).await;
    let open = visible.first().expect("a group visitors see").clone();
    let page = service::group_details(&db, None, &open).await.unwrap();
    assert!(page.members.is_empty(), "no names for visitors in phase 1");
    assert!(page.group.members > 0, "the count is shown");
    settings::set_phase(db.write(), Phase::Open).await.unwrap();
    let page = service::group_details(&db, None, &open).await.unwrap();
    assert_eq!(
        page.members.len() as u64,
        page.group.members,
        "phase 3: as the directory"
    );
}
