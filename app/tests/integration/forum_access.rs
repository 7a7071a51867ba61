//! Who sees what in the forum, as a table: every role against every kind of forum content, for
//! the page, the lists (latest, solved questions — the feed is the visitor's latest list), the
//! category counts, permalinks and the live stream's check. Private categories never leak
//! (regression of lemmy#6264); moderation without rights is refused (lemmy#3251).
use crate::common;
use app::error::Field;

use crate::common::{audience, community};
use app::{
    error::AppError,
    features::{
        accounts::types::{Role, Viewer},
        community::{service as community_service, types::Phase},
        forum::{
            service::{
                categories, lists, moderation, posts, reading, reading::PageAt, threads, votes,
            },
            types::{ListQuery, ListView, QuestionFilter, ThreadAction, ThreadKind},
        },
    },
    scope::Scope,
    server::{
        access::Audience,
        audit,
        entities::{category, post, thread, user},
        Db,
    },
};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, EntityTrait, QueryFilter, Set};

/// The kinds of content, in the order of the table's columns.
const KINDS: [&str; 9] = [
    "public",
    "registered",
    "members",
    "group of the member",
    "group of others",
    "staff",
    "hidden thread",
    "deleted thread",
    "hidden answer",
];

/// Rows: who; columns: KINDS; true = sees it.
const TABLE: [(&str, [bool; 9]); 9] = [
    (
        "visitor, closed phase",
        [
            false, false, false, false, false, false, false, false, false,
        ],
    ),
    (
        "visitor, open phase",
        [true, false, false, false, false, false, false, false, false],
    ),
    (
        "registered",
        [true, true, false, false, false, false, false, false, false],
    ),
    (
        "member",
        [true, true, true, true, false, false, false, false, false],
    ),
    (
        "expert",
        [true, true, true, false, false, false, false, false, false],
    ),
    (
        "staff",
        [true, true, true, true, true, true, true, false, true],
    ),
    (
        "admin",
        [true, true, true, true, true, true, true, false, true],
    ),
    (
        "staff without second factor",
        [true, true, true, false, false, false, false, false, false],
    ),
    (
        "registered, open phase",
        [true, true, false, false, false, false, false, false, false],
    ),
];

async fn new_category(db: &Db, slug: &str, scope: Scope) -> i32 {
    category::ActiveModel {
        slug: Set(slug.into()),
        name: Set(slug.into()),
        description: Set(String::new()),
        scope: Set(scope),
        position: Set(0),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db.write())
    .await
    .unwrap()
    .id
}

async fn category_by_slug(db: &Db, slug: &str) -> category::Model {
    category::Entity::find()
        .filter(category::Column::Slug.eq(slug))
        .one(db.read())
        .await
        .unwrap()
        .unwrap()
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

/// A solved question in a category: (thread, accepted answer).
async fn question(db: &Db, staff: &Audience, category_id: i32, title: &str) -> (i32, i32) {
    let created = threads::create_thread(
        db,
        staff,
        category_id,
        ThreadKind::Question,
        &format!("Domanda di prova: {title}"),
        "Il testo della domanda",
    )
    .await
    .unwrap();
    let answer = posts::reply(db, staff, created.thread_id, "La risposta")
        .await
        .unwrap();
    votes::accept(db, staff, created.thread_id, Some(answer))
        .await
        .unwrap();
    (created.thread_id, answer)
}

#[tokio::test]
async fn every_role_sees_exactly_the_forum_content_it_should() {
    let (db, _) = community().await;
    let staff = audience(&db, "giulia.ferri").await;
    let members = category_by_slug(&db, "generale").await;
    let mine = category_by_slug(&db, "gruppo-coprogettazione-art-55").await;
    let others = category_by_slug(&db, "gruppo-cabina-di-regia").await;
    let ids = [
        new_category(&db, "prova-pubblica", Scope::Public).await,
        new_category(&db, "prova-registrati", Scope::Registered).await,
        members.id,
        mine.id,
        others.id,
        new_category(&db, "prova-staff", Scope::Staff).await,
        members.id,
        members.id,
    ];
    let mut content = Vec::new();
    for (kind, category_id) in KINDS.iter().zip(ids) {
        content.push(question(&db, &staff, category_id, kind).await);
    }
    moderation::thread_action(&db, &staff, content[6].0, ThreadAction::Hide)
        .await
        .unwrap();
    let opening = threads::opening_post(db.read(), content[7].0)
        .await
        .unwrap();
    posts::delete(&db, &staff, opening.id).await.unwrap();
    // The hidden answer: a second answer, in the public thread, hidden by staff.
    let hidden_answer = posts::reply(&db, &staff, content[0].0, "Da nascondere")
        .await
        .unwrap();
    moderation::set_post_hidden(&db, &staff, hidden_answer, true)
        .await
        .unwrap();
    content.push((content[0].0, hidden_answer));

    let registered = new_person(&db, "registrata", Role::Registered).await;
    let unverified_staff = new_person(&db, "staff.senza.codice", Role::Staff).await;
    for (who, expected) in TABLE {
        if who.contains("open phase") {
            community_service::set_phase(db.write(), Phase::Open)
                .await
                .unwrap();
        } else {
            community_service::set_phase(db.write(), Phase::Closed)
                .await
                .unwrap();
        }
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
        let latest: Vec<i32> = lists::list(&db, &audience, &ListQuery::default())
            .await
            .unwrap()
            .threads
            .iter()
            .map(|t| t.id)
            .collect();
        let solved: Vec<i32> = lists::list(
            &db,
            &audience,
            &ListQuery {
                view: Some(ListView::Questions(QuestionFilter::Solved)),
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .threads
        .iter()
        .map(|t| t.id)
        .collect();
        let counted = categories::with_counts(&db, &audience).await.unwrap();
        for (index, (kind, may_see)) in KINDS.iter().zip(expected).enumerate() {
            let (thread_id, answer) = content[index];
            let case = format!("{who} × {kind}");
            let permalink = reading::permalink(&db, &audience, answer).await;
            assert_eq!(permalink.is_ok(), may_see, "permalink: {case}");
            if !may_see {
                assert_eq!(permalink, Err(AppError::NotFound), "a 404: {case}");
            }
            if *kind == "hidden answer" {
                let page = reading::thread_page(&db, &audience, thread_id, PageAt::Start).await;
                if let Ok(page) = page {
                    let listed = page.posts.iter().any(|p| p.id == answer);
                    assert_eq!(listed, may_see, "hidden answer on the page: {case}");
                }
                continue;
            }
            let page = reading::thread_page(&db, &audience, thread_id, PageAt::Start).await;
            assert_eq!(page.is_ok(), may_see, "page: {case}");
            if !may_see {
                assert_eq!(page.map(|_| ()), Err(AppError::NotFound), "a 404: {case}");
            }
            assert_eq!(
                reading::check_visible(&db, &audience, thread_id)
                    .await
                    .is_ok(),
                may_see,
                "live stream: {case}"
            );
            assert_eq!(latest.contains(&thread_id), may_see, "latest: {case}");
            assert_eq!(solved.contains(&thread_id), may_see, "solved: {case}");
            assert_eq!(
                posts::history(&db, &audience, answer).await.is_ok(),
                may_see,
                "history: {case}"
            );
        }
        // Counts: a category is listed (with its count) only when visible, and never counts a
        // thread the person may not see.
        for c in &counted {
            let visible_here: u64 = KINDS
                .iter()
                .zip(expected)
                .zip(ids)
                .filter(|((kind, may_see), category_id)| {
                    *category_id == c.id && *may_see && **kind != "hidden answer"
                })
                .count() as u64;
            let demo = thread::Entity::find()
                .filter(thread::Column::CategoryId.eq(c.id))
                .filter(
                    Condition::all()
                        .add(thread::Column::Title.starts_with("Domanda di prova"))
                        .not(),
                )
                .filter(thread::Column::DeletedAt.is_null())
                .filter(thread::Column::Hidden.eq(false))
                .all(db.read())
                .await
                .unwrap()
                .len() as u64;
            assert_eq!(
                c.threads,
                visible_here + demo,
                "count of {} for {who}",
                c.slug
            );
        }
        // The kept counts are the truth: recounting from the threads changes nothing.
        categories::recount(&db).await.unwrap();
        assert_eq!(
            categories::with_counts(&db, &audience).await.unwrap(),
            counted,
            "kept counts for {who}"
        );
        for (index, category_id) in ids.iter().enumerate().take(6) {
            let listed = counted.iter().any(|c| c.id == *category_id);
            assert_eq!(
                listed, expected[index],
                "category {} listed for {who}",
                KINDS[index]
            );
        }
    }
}

#[tokio::test]
async fn moderation_without_rights_is_refused_and_changes_nothing() {
    let (db, _) = community().await;
    let (luca, staff) = (
        audience(&db, "luca.esposito").await,
        audience(&db, "giulia.ferri").await,
    );
    let unverified = new_person(&db, "staff.da.verificare", Role::Staff).await;
    let unverified = Audience::load(&db, Some(&unverified)).await.unwrap();
    let members = category_by_slug(&db, "generale").await;
    let (thread_id, answer) = question(&db, &staff, members.id, "moderazione").await;
    let before = thread::Entity::find_by_id(thread_id)
        .one(db.read())
        .await
        .unwrap();
    let audit_before = audit::latest(db.read(), 1000).await.unwrap().len();
    for who in [&luca, &unverified] {
        let expected = if who.viewer().unwrap().role == Role::Staff {
            AppError::SecondFactorRequired
        } else {
            AppError::NotFound
        };
        for action in [ThreadAction::Pin, ThreadAction::Lock, ThreadAction::Hide] {
            assert_eq!(
                moderation::thread_action(&db, who, thread_id, action).await,
                Err(expected.clone())
            );
        }
        assert_eq!(
            moderation::move_thread(&db, who, thread_id, members.id).await,
            Err(expected.clone())
        );
        assert_eq!(
            moderation::set_post_hidden(&db, who, answer, true).await,
            Err(expected.clone())
        );
        assert_eq!(
            moderation::queue(&db, who).await.map(|_| ()),
            Err(expected.clone())
        );
        assert_eq!(
            moderation::resolve(&db, who, 1, "hide").await,
            Err(expected.clone())
        );
        assert_eq!(
            categories::set_scope(&db, who, members.id, "public")
                .await
                .map(|_| ()),
            Err(expected.clone())
        );
        // Not their post, not their question.
        assert_eq!(
            posts::delete(&db, who, answer).await.map(|_| ()),
            Err(AppError::Forbidden)
        );
        assert_eq!(
            votes::accept(&db, who, thread_id, None).await.map(|_| ()),
            Err(AppError::Forbidden)
        );
    }
    assert_eq!(
        thread::Entity::find_by_id(thread_id)
            .one(db.read())
            .await
            .unwrap(),
        before
    );
    let stored = post::Entity::find_by_id(answer)
        .one(db.read())
        .await
        .unwrap()
        .unwrap();
    assert!(!stored.hidden && stored.deleted_at.is_none());
    assert_eq!(
        audit::latest(db.read(), 1000).await.unwrap().len(),
        audit_before
    );

    // Staff may, and every action is in the audit log.
    moderation::thread_action(&db, &staff, thread_id, ThreadAction::Lock)
        .await
        .unwrap();
    moderation::set_post_hidden(&db, &staff, answer, true)
        .await
        .unwrap();
    let actions: Vec<String> = audit::latest(db.read(), 2)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions, ["forum.hide_post", "forum.lock"]);
}

#[tokio::test]
async fn a_report_reaches_staff_once_per_person_and_hiding_closes_it() {
    let (db, _) = community().await;
    let (anna, luca, staff) = (
        audience(&db, "anna.rossi").await,
        audience(&db, "luca.esposito").await,
        audience(&db, "giulia.ferri").await,
    );
    let members = category_by_slug(&db, "generale").await;
    let started = threads::create_thread(
        &db,
        &luca,
        members.id,
        ThreadKind::Discussion,
        "Una discussione con un messaggio fuori luogo",
        "Testo",
    )
    .await
    .unwrap();
    let rude = posts::reply(&db, &luca, started.thread_id, "Un messaggio fuori luogo")
        .await
        .unwrap();
    assert_eq!(
        moderation::report(&db, &anna, rude, "   ").await,
        Err(AppError::invalid(
            Field::Reason,
            app::error::InvalidReason::Required
        ))
    );
    moderation::report(&db, &anna, rude, "Tono offensivo")
        .await
        .unwrap();
    assert_eq!(
        moderation::report(&db, &anna, rude, "Di nuovo").await,
        Err(AppError::invalid(
            Field::Reason,
            app::error::InvalidReason::AlreadyDone
        ))
    );
    assert_eq!(
        moderation::report(&db, &luca, rude, "mio").await,
        Err(AppError::Forbidden)
    );
    let queue = moderation::queue(&db, &staff).await.unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].reason, "Tono offensivo");
    moderation::resolve(&db, &staff, queue[0].id, "hide")
        .await
        .unwrap();
    assert!(moderation::queue(&db, &staff).await.unwrap().is_empty());
    // Hidden: gone for members, still there for staff.
    assert_eq!(
        reading::permalink(&db, &anna, rude).await,
        Err(AppError::NotFound)
    );
    assert!(reading::permalink(&db, &staff, rude).await.is_ok());
}

#[tokio::test]
async fn moving_a_thread_gives_it_the_new_category_s_scope() {
    let (db, _) = community().await;
    let (luca, staff) = (
        audience(&db, "luca.esposito").await,
        audience(&db, "giulia.ferri").await,
    );
    let members = category_by_slug(&db, "generale").await;
    let secret = category_by_slug(&db, "gruppo-cabina-di-regia").await;
    let (thread_id, _) = question(&db, &staff, members.id, "da spostare").await;
    assert!(reading::check_visible(&db, &luca, thread_id).await.is_ok());
    let count = |slug: &'static str| {
        let (db, staff) = (db.clone(), staff.clone());
        async move {
            categories::with_counts(&db, &staff)
                .await
                .unwrap()
                .into_iter()
                .find(|c| c.slug == slug)
                .unwrap()
                .threads
        }
    };
    let (general_before, secret_before) = (
        count("generale").await,
        count("gruppo-cabina-di-regia").await,
    );
    moderation::move_thread(&db, &staff, thread_id, secret.id)
        .await
        .unwrap();
    assert_eq!(count("generale").await, general_before - 1);
    assert_eq!(count("gruppo-cabina-di-regia").await, secret_before + 1);
    assert_eq!(
        reading::check_visible(&db, &luca, thread_id).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        moderation::move_thread(&db, &staff, thread_id, 99_999).await,
        Err(AppError::invalid(
            Field::Category,
            app::error::InvalidReason::Unknown
        ))
    );
}
