//! Who sees which wiki pages, as a table: every role against a page in a space of every scope.
//! A page one may not see is a 404 as a page, in its history, its diff and its backlinks, and
//! it never appears in a space index, in the recent changes or in the (visitor's) feed. Edits to
//! protected pages and staff's marks are refused without the rights.
use crate::common;

use crate::common::{audience, community};
use app::{
    error::AppError,
    features::{
        accounts::types::{Role, Viewer},
        community::{service as community_service, types::Phase},
        wiki::{
            service::{history, pages, saving, spaces},
            types::PageOrMissing,
        },
    },
    scope::Scope,
    server::{
        access::Audience,
        entities::{user, wiki_space},
        Db,
    },
};
use sea_orm::{ActiveModelTrait, Set};

const KINDS: [&str; 6] = [
    "public",
    "registered",
    "members",
    "own group",
    "other group",
    "staff",
];

/// Rows: who; columns: KINDS; true = sees it.
const TABLE: [(&str, [bool; 6]); 9] = [
    (
        "visitor, closed phase",
        [false, false, false, false, false, false],
    ),
    (
        "visitor, open phase",
        [true, false, false, false, false, false],
    ),
    ("registered", [true, true, false, false, false, false]),
    ("member", [true, true, true, true, false, false]),
    ("expert", [true, true, true, false, false, false]),
    ("staff", [true, true, true, true, true, true]),
    ("admin", [true, true, true, true, true, true]),
    (
        "staff without second factor",
        [true, true, true, false, false, false],
    ),
    (
        "registered, open phase",
        [true, true, false, false, false, false],
    ),
];

async fn new_space(db: &Db, slug: &str, scope: Scope) {
    wiki_space::ActiveModel {
        slug: Set(slug.into()),
        name: Set(slug.into()),
        description: Set(String::new()),
        scope: Set(scope),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db.write())
    .await
    .unwrap();
}

async fn new_person(db: &Db, username: &str, role: Role) -> Viewer {
    let person = user::ActiveModel {
        username: Set(username.into()),
        email: Set(format!("{username}@example.org")),
        display_name: Set(username.into()),
        role: Set(role),
        password_hash: Set("x".into()),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db.write())
    .await
    .unwrap();
    Viewer {
        user_id: person.id,
        username: person.username,
        display_name: person.display_name,
        role,
        second_factor: false,
    }
}

#[tokio::test]
async fn every_role_sees_exactly_the_wiki_pages_it_should() {
    let (db, _) = community().await;
    let staff = audience(&db, "giulia.ferri").await;
    new_space(&db, "prova-registrati", Scope::Registered).await;
    new_space(&db, "prova-membri", Scope::Members).await;
    new_space(&db, "prova-staff", Scope::Staff).await;
    let spaces_by_kind = [
        "comunita",
        "prova-registrati",
        "prova-membri",
        "gruppo-coprogettazione-art-55",
        "gruppo-cabina-di-regia",
        "prova-staff",
    ];
    // In each space a page, and one linking to it; each saved twice (for a diff).
    for (kind, space) in KINDS.iter().zip(spaces_by_kind) {
        let path = format!("pagina-{}", kind.replace(' ', "-"));
        for (base, text) in [(0, "Prima."), (1, "Seconda.")] {
            saving::save(
                &db,
                &staff,
                space,
                &path,
                saving::SaveInput {
                    title: format!("Pagina {kind}"),
                    source: format!("{text} Vedi [[Glossario]]."),
                    base,
                    summary: format!("modifica {kind}"),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        }
    }
    let registered = new_person(&db, "registrata", Role::Registered).await;
    let unverified_staff = new_person(&db, "staff.senza.codice", Role::Staff).await;
    for (who, expected) in TABLE {
        let phase = if who.contains("open phase") {
            Phase::Open
        } else {
            Phase::Closed
        };
        community_service::set_phase(db.write(), phase)
            .await
            .unwrap();
        let viewer = match who {
            "member" => Some(common::viewer(&db, "luca.esposito").await),
            "expert" => Some(common::viewer(&db, "marco.bellini").await),
            "staff" => Some(common::viewer(&db, "giulia.ferri").await),
            "admin" => Some(common::viewer(&db, "admin").await),
            "staff without second factor" => Some(unverified_staff.clone()),
            w if w.starts_with("registered") => Some(registered.clone()),
            _ => None,
        };
        let audience = Audience::load(&db, viewer.as_ref()).await.unwrap();
        let recent: Vec<String> = history::recent(&db, &audience, None, None, 200)
            .await
            .unwrap()
            .changes
            .into_iter()
            .map(|c| c.summary)
            .collect();
        let glossary_links: Vec<String> =
            match pages::backlinks(&db, &audience, "comunita", "glossario").await {
                Ok(b) => b.pages.into_iter().map(|p| p.title).collect(),
                Err(_) => Vec::new(),
            };
        let listed_spaces: Vec<String> = match spaces::index(&db, &audience, "comunita").await {
            Ok(index) => index.spaces.into_iter().map(|s| s.slug).collect(),
            Err(_) => Vec::new(),
        };
        for ((kind, space), may_see) in KINDS.iter().zip(spaces_by_kind).zip(expected) {
            let case = format!("{who} × {kind}");
            let path = format!("pagina-{}", kind.replace(' ', "-"));
            let shown = pages::view(&db, &audience, space, &path).await;
            assert_eq!(
                matches!(shown, Ok(PageOrMissing::Page(_))),
                may_see,
                "page: {case}"
            );
            if !may_see {
                assert_eq!(shown.map(|_| ()), Err(AppError::NotFound), "a 404: {case}");
                // Not even "this page does not exist yet" for a space one may not see.
                assert_eq!(
                    pages::view(&db, &audience, space, "altro")
                        .await
                        .map(|_| ()),
                    Err(AppError::NotFound),
                    "missing page: {case}"
                );
            }
            let past = history::history(&db, &audience, space, &path, None).await;
            assert_eq!(past.is_ok(), may_see, "history: {case}");
            let diff = history::compare(&db, &audience, space, &path, 1, 2).await;
            assert_eq!(diff.is_ok(), may_see, "diff: {case}");
            assert_eq!(
                recent.contains(&format!("modifica {kind}")),
                may_see,
                "recent changes: {case}"
            );
            assert_eq!(
                glossary_links.contains(&format!("Pagina {kind}")),
                may_see && *kind == "public",
                "backlinks (same space only): {case}"
            );
            assert_eq!(
                listed_spaces.iter().any(|s| s == space),
                may_see,
                "space list: {case}"
            );
        }
    }
}

#[tokio::test]
async fn protection_and_staff_marks_need_staff() {
    let (db, _) = community().await;
    let (anna, staff) = (
        audience(&db, "anna.rossi").await,
        audience(&db, "giulia.ferri").await,
    );
    assert_eq!(
        saving::protect(&db, &anna, "comunita", "glossario", true).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        pages::validate(&db, &anna, "comunita", "glossario", None, false).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        pages::review_due(&db, &anna).await.map(|_| ()),
        Err(AppError::NotFound)
    );
    saving::protect(&db, &staff, "comunita", "glossario", true)
        .await
        .unwrap();
    let form = pages::edit_form(&db, &anna, "comunita", "glossario", None).await;
    assert_eq!(form.map(|_| ()), Err(AppError::Protected));
    // Staff still edit it.
    let current = pages::edit_form(&db, &staff, "comunita", "glossario", None)
        .await
        .unwrap();
    let outcome = saving::save(
        &db,
        &staff,
        "comunita",
        "glossario",
        saving::SaveInput {
            source: format!(
                "{}\n**Nuova voce** — aggiunta dallo staff.\n",
                current.source
            ),
            base: current.base,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert!(matches!(
        outcome,
        app::features::wiki::types::SaveOutcome::Saved { .. }
    ));
    // The demo's rules are overdue for review: staff see them in the list.
    let due = pages::review_due(&db, &staff).await.unwrap();
    assert!(due.iter().any(|d| d.page.path == "regole-della-comunita"));
}
