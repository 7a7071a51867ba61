//! The forum and Q&A as members use them, on a real database (SQLite and PostgreSQL): asking,
//! answering, votes and the accepted answer, editing with history, deleting, drafts, unread
//! markers, lists with keyset pages, and bad input that changes nothing.

use app::error::Field;
use std::collections::HashSet;

use crate::common::{audience, community};
use app::{
    error::{AppError, InvalidReason},
    features::forum::{
        service::{lists, posts, reading, reading::PageAt, threads, votes},
        types::{ListQuery, ListView, QuestionFilter, ReadState, ThreadKind, THREADS_PER_PAGE},
    },
    kernel::draft::DraftKey,
    server::{
        access::Audience,
        drafts,
        entities::{category, post, post_mention, post_vote, thread, user},
        Db,
    },
};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

async fn category_id(db: &Db, slug: &str) -> i32 {
    category::Entity::find()
        .filter(category::Column::Slug.eq(slug))
        .one(db.read())
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no category {slug}"))
        .id
}

const GENERAL: &str = "generale";

async fn counts(db: &Db) -> (u64, u64) {
    (
        thread::Entity::find().count(db.read()).await.unwrap(),
        post::Entity::find().count(db.read()).await.unwrap(),
    )
}

async fn questions(db: &Db, who: &Audience, filter: QuestionFilter) -> Vec<String> {
    lists::list(
        db,
        who,
        &ListQuery {
            view: Some(ListView::Questions(filter)),
            ..Default::default()
        },
    )
    .await
    .unwrap()
    .threads
    .into_iter()
    .map(|t| t.title)
    .collect()
}

#[tokio::test]
async fn the_demo_has_solved_open_and_unanswered_questions() {
    let (db, _) = community().await;
    let anna = audience(&db, "anna.rossi").await;
    let solved = questions(&db, &anna, QuestionFilter::Solved).await;
    assert!(
        solved.iter().any(|t| t.contains("serve sempre un avviso")),
        "{solved:?}"
    );
    assert!(solved.iter().any(|t| t.contains("FSE+")), "{solved:?}");
    let unanswered = questions(&db, &anna, QuestionFilter::Unanswered).await;
    assert_eq!(unanswered.len(), 2, "{unanswered:?}");
    let open = questions(&db, &anna, QuestionFilter::Open).await;
    assert_eq!(open.len(), 1, "{open:?}");
    // The reserved group discussion is Anna's (she is in the group), not Luca's.
    let latest = |who: Audience| {
        let db = db.clone();
        async move {
            lists::list(&db, &who, &ListQuery::default())
                .await
                .unwrap()
                .threads
                .into_iter()
                .map(|t| t.title)
                .collect::<Vec<_>>()
        }
    };
    assert!(latest(anna)
        .await
        .iter()
        .any(|t| t.contains("seminario di marzo")));
    let luca = audience(&db, "luca.esposito").await;
    assert!(!latest(luca)
        .await
        .iter()
        .any(|t| t.contains("seminario di marzo")));
}

#[tokio::test]
async fn an_asked_question_gets_answers_ordered_by_votes_and_the_accepted_one_first() {
    let (db, _) = community().await;
    let (anna, marco, luca, giulia) = (
        audience(&db, "anna.rossi").await,
        audience(&db, "marco.bellini").await,
        audience(&db, "luca.esposito").await,
        audience(&db, "giulia.ferri").await,
    );
    let general = category_id(&db, GENERAL).await;
    let asked = threads::create_thread(
        &db,
        &anna,
        general,
        ThreadKind::Question,
        "Come si organizza un tavolo di coprogettazione?",
        "Con quali tempi e con chi?",
    )
    .await
    .unwrap();
    let first = posts::reply(&db, &luca, asked.thread_id, "Noi in tre incontri.")
        .await
        .unwrap();
    let expert = posts::reply(
        &db,
        &marco,
        asked.thread_id,
        "Dipende dall’avviso: **tre fasi**.",
    )
    .await
    .unwrap();
    // Luca and Giulia vote the expert's answer up; Anna votes Luca's down.
    votes::vote(&db, &luca, expert, 1).await.unwrap();
    votes::vote(&db, &giulia, expert, 1).await.unwrap();
    votes::vote(&db, &anna, first, -1).await.unwrap();
    // Voting again the same way takes the vote back; the other way changes it.
    votes::vote(&db, &anna, first, -1).await.unwrap();
    votes::vote(&db, &anna, first, 1).await.unwrap();
    assert_eq!(
        votes::vote(&db, &marco, expert, 1).await,
        Err(AppError::Forbidden),
        "nobody votes on their own answer"
    );

    let page = reading::thread_page(&db, &anna, asked.thread_id, PageAt::Start)
        .await
        .unwrap();
    let order: Vec<i32> = page.posts.iter().map(|p| p.id).collect();
    assert_eq!(order, vec![expert, first], "answers by votes");
    assert_eq!(page.posts[0].score, 2);
    assert_eq!(page.posts[1].score, 1);
    assert!(
        page.posts[0].author.as_ref().unwrap().expert,
        "expert answer marked"
    );
    assert!(page.may_accept, "the asker may accept");

    // Luca may not accept Anna's question's answer; Anna accepts Luca's, then changes her mind.
    assert_eq!(
        votes::accept(&db, &luca, asked.thread_id, Some(first)).await,
        Err(AppError::Forbidden)
    );
    votes::accept(&db, &anna, asked.thread_id, Some(first))
        .await
        .unwrap();
    let page = reading::thread_page(&db, &anna, asked.thread_id, PageAt::Start)
        .await
        .unwrap();
    assert_eq!(
        page.accepted.as_ref().map(|p| p.id),
        Some(first),
        "accepted shown first"
    );
    assert_eq!(
        page.posts.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![expert]
    );
    votes::accept(&db, &anna, asked.thread_id, Some(expert))
        .await
        .unwrap();
    let page = reading::thread_page(&db, &anna, asked.thread_id, PageAt::Start)
        .await
        .unwrap();
    assert_eq!(page.accepted.as_ref().map(|p| p.id), Some(expert));
    assert!(questions(&db, &anna, QuestionFilter::Solved)
        .await
        .contains(&"Come si organizza un tavolo di coprogettazione?".to_string()));
    // The opening post is not an answer.
    assert!(
        votes::accept(&db, &anna, asked.thread_id, Some(asked.post_id))
            .await
            .is_err()
    );
}

#[tokio::test]
async fn one_vote_per_person_and_answer_is_enforced_by_the_database() {
    let (db, _) = community().await;
    let luca = audience(&db, "luca.esposito").await;
    let answer = post::Entity::find()
        .filter(post::Column::Source.contains("Sì, serve un procedimento"))
        .one(db.read())
        .await
        .unwrap()
        .unwrap();
    // Luca voted on it in the demo: a second row is refused by the primary key.
    let second = post_vote::ActiveModel {
        post_id: Set(answer.id),
        user_id: Set(luca.viewer().unwrap().user_id),
        value: Set(1),
        created_at: Set(chrono::Utc::now()),
    }
    .insert(db.write())
    .await;
    assert!(second.is_err(), "a second vote row must be refused");
    // Many concurrent votes by the same person leave at most one vote and a consistent score.
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let (db, luca) = (db.clone(), luca.clone());
        tasks.push(tokio::spawn(async move {
            votes::vote(&db, &luca, answer.id, -1).await
        }));
    }
    for task in tasks {
        let _ = task.await.unwrap();
    }
    let rows = post_vote::Entity::find()
        .filter(post_vote::Column::PostId.eq(answer.id))
        .all(db.read())
        .await
        .unwrap();
    let sum: i32 = rows.iter().map(|v| i32::from(v.value)).sum();
    let stored = post::Entity::find_by_id(answer.id)
        .one(db.read())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.score, sum, "the score matches the votes");
    let luca_rows = rows
        .iter()
        .filter(|v| v.user_id == luca.viewer().unwrap().user_id)
        .count();
    assert!(luca_rows <= 1);
}

#[tokio::test]
async fn bad_input_gets_a_reason_and_changes_nothing() {
    let (db, _) = community().await;
    let anna = audience(&db, "anna.rossi").await;
    let general = category_id(&db, GENERAL).await;
    let before = counts(&db).await;
    let nested = format!("{} fondo", ">".repeat(100));
    let table = format!("|a|b|\n|-|-|\n{}", "|1|2|\n".repeat(800));
    let long = "x".repeat(20_001);
    let cases: [(&str, &str, AppError); 7] = [
        (
            "",
            "testo",
            AppError::invalid(Field::Title, InvalidReason::Required),
        ),
        (
            "Breve",
            "testo",
            AppError::invalid(Field::Title, InvalidReason::TooShort { min: 8 }),
        ),
        (
            &"t".repeat(201),
            "testo",
            AppError::invalid(Field::Title, InvalidReason::TooLong { max: 200 }),
        ),
        (
            "Un titolo valido",
            "   \n ",
            AppError::invalid(Field::Body, InvalidReason::Required),
        ),
        (
            "Un titolo valido",
            &long,
            AppError::invalid(Field::Body, InvalidReason::TooLong { max: 20_000 }),
        ),
        (
            "Un titolo valido",
            &nested,
            AppError::invalid(Field::Body, InvalidReason::TooComplex),
        ),
        (
            "Un titolo valido",
            &table,
            AppError::invalid(Field::Body, InvalidReason::TooComplex),
        ),
    ];
    for (title, body, expected) in cases {
        let got = threads::create_thread(&db, &anna, general, ThreadKind::Discussion, title, body)
            .await
            .map(|_| ());
        assert_eq!(got, Err(expected), "title {title:?}");
    }
    // Unknown category, a category one may not see, an unknown thread.
    assert_eq!(
        threads::create_thread(
            &db,
            &anna,
            99_999,
            ThreadKind::Question,
            "Un titolo valido",
            "x"
        )
        .await
        .map(|_| ()),
        Err(AppError::NotFound)
    );
    let luca = audience(&db, "luca.esposito").await;
    let secret = category_id(&db, "gruppo-cabina-di-regia").await;
    assert_eq!(
        threads::create_thread(
            &db,
            &luca,
            secret,
            ThreadKind::Discussion,
            "Un titolo valido",
            "x"
        )
        .await
        .map(|_| ()),
        Err(AppError::NotFound)
    );
    assert_eq!(
        posts::reply(&db, &anna, 99_999, "ciao").await,
        Err(AppError::NotFound)
    );
    assert_eq!(counts(&db).await, before, "nothing was saved");
}

#[tokio::test]
async fn a_locked_thread_takes_no_more_posts_except_from_staff() {
    use app::features::forum::{service::moderation, types::ThreadAction};
    let (db, _) = community().await;
    let (anna, giulia) = (
        audience(&db, "anna.rossi").await,
        audience(&db, "giulia.ferri").await,
    );
    let general = category_id(&db, GENERAL).await;
    let started = threads::create_thread(
        &db,
        &anna,
        general,
        ThreadKind::Discussion,
        "Una discussione da chiudere",
        "testo",
    )
    .await
    .unwrap();
    moderation::thread_action(&db, &giulia, started.thread_id, ThreadAction::Lock)
        .await
        .unwrap();
    let before = counts(&db).await;
    assert_eq!(
        posts::reply(&db, &anna, started.thread_id, "ancora una cosa").await,
        Err(AppError::Locked)
    );
    assert_eq!(
        posts::edit(
            &db,
            &anna,
            started.post_id,
            Some("Una discussione da chiudere"),
            "nuovo"
        )
        .await,
        Err(AppError::Locked)
    );
    assert_eq!(counts(&db).await, before);
    posts::reply(&db, &giulia, started.thread_id, "Chiusa: grazie a tutti.")
        .await
        .unwrap();
}

#[tokio::test]
async fn editing_keeps_every_version_and_deleting_leaves_a_notice() {
    let (db, _) = community().await;
    let (anna, luca, giulia) = (
        audience(&db, "anna.rossi").await,
        audience(&db, "luca.esposito").await,
        audience(&db, "giulia.ferri").await,
    );
    let general = category_id(&db, GENERAL).await;
    let started = threads::create_thread(
        &db,
        &anna,
        general,
        ThreadKind::Discussion,
        "Prima versione del titolo",
        "Prima versione del testo",
    )
    .await
    .unwrap();
    let reply = posts::reply(&db, &luca, started.thread_id, "Una risposta")
        .await
        .unwrap();
    assert_eq!(
        posts::edit(&db, &luca, started.post_id, Some("Titolo di Luca!"), "no").await,
        Err(AppError::Forbidden),
        "only the author or staff edit"
    );
    posts::edit(
        &db,
        &anna,
        started.post_id,
        Some("Seconda versione del titolo"),
        "Seconda",
    )
    .await
    .unwrap();
    posts::edit(
        &db,
        &giulia,
        started.post_id,
        Some("Seconda versione del titolo"),
        "Terza",
    )
    .await
    .unwrap();
    let history = posts::history(&db, &luca, started.post_id).await.unwrap();
    let sources: Vec<&str> = history
        .revisions
        .iter()
        .map(|r| r.source.as_str())
        .collect();
    assert_eq!(sources, ["Terza", "Seconda", "Prima versione del testo"]);
    assert_eq!(
        history.revisions[2].title.as_deref(),
        Some("Prima versione del titolo")
    );
    assert_eq!(history.thread_title, "Seconda versione del titolo");
    assert_eq!(
        history.revisions[0]
            .written_by
            .as_ref()
            .map(|p| p.username.as_str()),
        Some("giulia.ferri")
    );

    // Deleting a reply leaves a notice without its text; the count goes down.
    posts::delete(&db, &luca, reply).await.unwrap();
    let page = reading::thread_page(&db, &anna, started.thread_id, PageAt::Start)
        .await
        .unwrap();
    let shown = page.posts.iter().find(|p| p.id == reply).unwrap();
    assert!(shown.deleted && shown.html.is_empty() && shown.author.is_none());
    assert_eq!(page.thread.replies, 0);
    // Deleting the first post deletes the thread: a 404 for members, still there for staff.
    posts::delete(&db, &anna, started.post_id).await.unwrap();
    assert_eq!(
        reading::thread_page(&db, &anna, started.thread_id, PageAt::Start)
            .await
            .map(|_| ()),
        Err(AppError::NotFound)
    );
}

#[tokio::test]
async fn mentions_of_existing_people_are_stored_and_linked() {
    let (db, _) = community().await;
    let anna = audience(&db, "anna.rossi").await;
    let general = category_id(&db, GENERAL).await;
    let started = threads::create_thread(
        &db,
        &anna,
        general,
        ThreadKind::Discussion,
        "Chi mi aiuta con il regolamento?",
        "Ciao @marco.bellini e @Luca.Esposito, e anche @nessuno.",
    )
    .await
    .unwrap();
    let mentioned: HashSet<i32> = post_mention::Entity::find()
        .filter(post_mention::Column::PostId.eq(started.post_id))
        .all(db.read())
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.user_id)
        .collect();
    let expected: HashSet<i32> = user::Entity::find()
        .filter(user::Column::Username.is_in(["marco.bellini", "luca.esposito"]))
        .all(db.read())
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.id)
        .collect();
    assert_eq!(mentioned, expected);
    let stored = post::Entity::find_by_id(started.post_id)
        .one(db.read())
        .await
        .unwrap()
        .unwrap();
    assert!(
        stored.html.contains("href=\"/rete?q=marco.bellini\""),
        "{}",
        stored.html
    );
    assert!(!stored.html.contains("q=nessuno"));
}

#[tokio::test]
async fn drafts_are_kept_and_cleared_when_the_post_is_saved() {
    let (db, _) = community().await;
    let anna = audience(&db, "anna.rossi").await;
    let id = anna.viewer().unwrap().user_id;
    let welcome = thread::Entity::find()
        .filter(thread::Column::Title.contains("Benvenute"))
        .one(db.read())
        .await
        .unwrap()
        .unwrap();
    let key = DraftKey::Reply(welcome.id);
    drafts::save_typed(&db, id, &key, "", "Sto scrivendo…")
        .await
        .unwrap();
    drafts::save_typed(&db, id, &key, "", "Sto scrivendo una risposta")
        .await
        .unwrap();
    let page = reading::thread_page(&db, &anna, welcome.id, PageAt::Start)
        .await
        .unwrap();
    assert_eq!(
        page.draft, "Sto scrivendo una risposta",
        "restored after a reload"
    );
    assert!("altro:1".parse::<DraftKey>().is_err(), "not a key");
    assert_eq!(
        drafts::save_typed(&db, id, &DraftKey::WikiPage(welcome.id, None), "", "x").await,
        Err(AppError::invalid(Field::Draft, InvalidReason::Malformed)),
        "the wiki's kept texts are not saved from the browser"
    );
    posts::reply(&db, &anna, welcome.id, "Sto scrivendo una risposta")
        .await
        .unwrap();
    assert_eq!(drafts::load(&db, id, &key).await.unwrap(), None);

    // A person holds at most PER_PERSON drafts; the ones held can still change.
    for thread in 0..drafts::PER_PERSON as i32 {
        drafts::save_typed(&db, id, &DraftKey::Reply(1000 + thread), "", "x")
            .await
            .unwrap();
    }
    let max = drafts::PER_PERSON as usize;
    assert_eq!(
        drafts::save_typed(&db, id, &DraftKey::Reply(5000), "", "x").await,
        Err(AppError::invalid(
            Field::Draft,
            InvalidReason::TooMany { max }
        ))
    );
    drafts::save_typed(&db, id, &DraftKey::Reply(1000), "", "ancora")
        .await
        .unwrap();
}

#[tokio::test]
async fn unread_markers_follow_what_each_person_has_read() {
    let (db, _) = community().await;
    let (anna, luca) = (
        audience(&db, "anna.rossi").await,
        audience(&db, "luca.esposito").await,
    );
    let read_state = |who: Audience, title: &'static str| {
        let db = db.clone();
        async move {
            lists::list(&db, &who, &ListQuery::default())
                .await
                .unwrap()
                .threads
                .into_iter()
                .find(|t| t.title.contains(title))
                .unwrap()
                .read
        }
    };
    // Luca has not opened Anna's question; Anna wrote it, so it is read for her.
    let title = "Come si iscrive in bilancio";
    assert_eq!(read_state(luca.clone(), title).await, ReadState::New);
    assert_eq!(read_state(anna.clone(), title).await, ReadState::Read);
    let thread_id = thread::Entity::find()
        .filter(thread::Column::Title.contains(title))
        .one(db.read())
        .await
        .unwrap()
        .unwrap()
        .id;
    let page = reading::thread_page(&db, &luca, thread_id, PageAt::Start)
        .await
        .unwrap();
    assert_eq!(
        read_state(luca.clone(), title).await,
        ReadState::New,
        "reading writes nothing"
    );
    reading::mark_read(&db, &luca, &page).await.unwrap();
    assert_eq!(read_state(luca.clone(), title).await, ReadState::Read);
    posts::reply(&db, &anna, thread_id, "Aggiungo un dettaglio sul bilancio")
        .await
        .unwrap();
    assert_eq!(read_state(luca.clone(), title).await, ReadState::Unread);
    assert_eq!(
        read_state(anna, title).await,
        ReadState::Read,
        "her own post"
    );
    let page = reading::thread_page(&db, &luca, thread_id, PageAt::Start)
        .await
        .unwrap();
    assert!(
        page.last_read.is_some_and(|last| last < page.last_post_id),
        "new divider"
    );
    reading::mark_read(&db, &luca, &page).await.unwrap();
    assert_eq!(read_state(luca, title).await, ReadState::Read);
}

#[tokio::test]
async fn keyset_pages_show_every_thread_once_in_order() {
    let (db, _) = community().await;
    let anna = audience(&db, "anna.rossi").await;
    let general = category_id(&db, GENERAL).await;
    for i in 0..(THREADS_PER_PAGE * 2 + 5) {
        threads::create_thread(
            &db,
            &anna,
            general,
            ThreadKind::Discussion,
            &format!("Discussione numero {i:03}"),
            "testo",
        )
        .await
        .unwrap();
    }
    let mut seen = Vec::new();
    let mut after = None;
    let mut pages = 0;
    loop {
        let page = lists::list(
            &db,
            &anna,
            &ListQuery {
                view: Some(ListView::Category(GENERAL.into())),
                after: after.clone(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        pages += 1;
        seen.extend(
            page.pinned
                .iter()
                .chain(&page.threads)
                .map(|t| (t.id, t.last_activity_at)),
        );
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    let total = thread::Entity::find()
        .filter(thread::Column::CategoryId.eq(general))
        .count(db.read())
        .await
        .unwrap();
    let unique: HashSet<i32> = seen.iter().map(|(id, _)| *id).collect();
    assert_eq!(unique.len() as u64, total, "every thread once");
    assert_eq!(seen.len() as u64, total, "no thread twice");
    assert_eq!(pages, 3);
    // After the pinned welcome thread, newest activity first.
    assert!(seen[1..].windows(2).all(|w| w[0].1 >= w[1].1));
    assert_eq!(
        lists::list(
            &db,
            &anna,
            &ListQuery {
                after: Some("domani".into()),
                ..Default::default()
            }
        )
        .await
        .map(|_| ()),
        Err(AppError::invalid(Field::Cursor, InvalidReason::Malformed))
    );
}

#[tokio::test]
async fn a_thread_page_runs_the_same_number_of_queries_whatever_its_length() {
    let (mut db, _) = community().await;
    let (anna, luca) = (
        audience(&db, "anna.rossi").await,
        audience(&db, "luca.esposito").await,
    );
    let general = category_id(&db, GENERAL).await;
    let mut queries = Vec::new();
    for replies in [2usize, 40] {
        let started = threads::create_thread(
            &db,
            &anna,
            general,
            ThreadKind::Question,
            "Quante query per pagina?",
            "testo",
        )
        .await
        .unwrap();
        for i in 0..replies {
            let id = posts::reply(&db, &luca, started.thread_id, &format!("Risposta {i}"))
                .await
                .unwrap();
            if i % 3 == 0 {
                votes::vote(&db, &anna, id, 1).await.unwrap();
            }
        }
        // Both visits are first visits for Anna's reading marker? No: she wrote it. Same path.
        let counter = db.count_statements();
        let page = reading::thread_page(&db, &anna, started.thread_id, PageAt::Start)
            .await
            .unwrap();
        assert_eq!(page.posts.len(), replies);
        queries.push(counter.load(std::sync::atomic::Ordering::Relaxed));
    }
    assert_eq!(
        queries[0], queries[1],
        "queries for 2 and 40 answers: {queries:?}"
    );
    assert!(queries[0] <= 16, "{queries:?}");
}
