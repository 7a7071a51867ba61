//! Benchmark (run by bench/forum): seeds a database for the forum benchmarks and times the
//! forum's services in-process.
//!
//! On the database named by `DATABASE_URL` it loads the demo community (password
//! `bench-password`), opens the community and the general category to visitors, writes one
//! thread of 50 posts through the real services (printed as `THREAD <id>`), adds
//! `PRATICA_BENCH_THREADS` threads (default 100,000) with their first posts in bulk, and prints
//! the server time (p50, p95, max) of a thread page and of the latest-threads list.
use std::time::Instant;

use app::{
    demo,
    features::{
        community::{service as community, types::Phase},
        forum::{
            service::{lists, posts, reading, reading::PageAt, threads},
            types::{ListQuery, ThreadKind},
        },
    },
    server::{
        access::Audience,
        entities::{category, post, thread, user},
        passwords::Passwords,
        Db,
    },
};
use chrono::{Duration, Utc};
use sea_orm::{
    sea_query::Expr, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait,
    QueryFilter, QuerySelect, Set, TransactionTrait,
};

const BATCH: usize = 500;
const ROUNDS: usize = 300;

#[tokio::main]
async fn main() {
    let url = std::env::var("DATABASE_URL").expect("DATABASE_URL");
    let extra: usize = std::env::var("PRATICA_BENCH_THREADS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let db = Db::connect(&url).await.expect("database");
    demo::load_if_empty(
        &db,
        &Passwords::new(2),
        &app::server::secrets::Secrets::random(),
        Some("bench-password"),
        None,
    )
    .await
    .expect("demo");
    community::set_phase(db.write(), Phase::Open)
        .await
        .expect("phase");
    category::Entity::update_many()
        .col_expr(category::Column::Scope, Expr::value("public"))
        .filter(category::Column::Slug.eq("generale"))
        .exec(db.write())
        .await
        .expect("public category");
    let general = category::Entity::find()
        .filter(category::Column::Slug.eq("generale"))
        .one(db.read())
        .await
        .expect("query")
        .expect("general category")
        .id;

    let anna = audience(&db, "anna.rossi").await;
    let luca = audience(&db, "luca.esposito").await;
    let marco = audience(&db, "marco.bellini").await;
    let created = threads::create_thread(
        &db,
        &anna,
        general,
        ThreadKind::Discussion,
        "Una discussione lunga: cinquanta messaggi",
        "Apro la discussione con un testo di **prova** e un [collegamento](https://example.org).",
    )
    .await
    .expect("thread");
    for i in 1..50 {
        let who = [&luca, &marco, &anna][i % 3];
        let text = format!(
            "Messaggio numero {i}. Un paragrafo con *corsivo*, **grassetto** e un elenco:\n\n\
             - primo punto\n- secondo punto\n\n> una citazione breve\n\nE una chiusura."
        );
        posts::reply(&db, who, created.thread_id, &text)
            .await
            .expect("reply");
    }
    println!("THREAD {}", created.thread_id);

    let (seeded, middle) = seed(&db, extra).await;
    app::features::forum::service::categories::recount(&db)
        .await
        .expect("recount");
    let total = thread::Entity::find()
        .count(db.read())
        .await
        .expect("count");
    println!("  threads in the database: {total} ({seeded} added in bulk)");

    let visitor = Audience::load(&db, None).await.expect("visitor");
    let page = || reading::thread_page(&db, &visitor, created.thread_id, PageAt::Start);
    report("thread page, 50 posts (visitor)", ROUNDS, || async {
        page().await.expect("page");
    })
    .await;
    report("thread page, 50 posts (member)", ROUNDS, || async {
        reading::thread_page(&db, &luca, created.thread_id, PageAt::Start)
            .await
            .expect("page");
    })
    .await;
    report(
        "forum index: categories with counts (member)",
        ROUNDS,
        || async {
            app::features::forum::service::categories::with_counts(&db, &luca)
                .await
                .expect("counts");
        },
    )
    .await;
    report("latest threads list (member)", ROUNDS, || async {
        lists::list(&db, &luca, &ListQuery::default())
            .await
            .expect("list");
    })
    .await;
    let second_page = lists::list(&db, &luca, &ListQuery::default())
        .await
        .expect("list")
        .next;
    report("latest threads, second page (member)", ROUNDS, || async {
        lists::list(
            &db,
            &luca,
            &ListQuery {
                after: second_page.clone(),
                ..Default::default()
            },
        )
        .await
        .expect("list");
    })
    .await;
    if let Some(middle) = middle {
        report(
            "latest threads, a page half-way down (member)",
            ROUNDS,
            || async {
                lists::list(
                    &db,
                    &luca,
                    &ListQuery {
                        after: Some(middle.clone()),
                        ..Default::default()
                    },
                )
                .await
                .expect("list");
            },
        )
        .await;
    }
}

async fn audience(db: &Db, username: &str) -> Audience {
    use app::kernel::identity::Viewer;
    let person = user::Entity::find()
        .filter(user::Column::Username.eq(username))
        .one(db.read())
        .await
        .expect("query")
        .expect("demo person");
    let viewer = Viewer {
        user_id: person.id,
        username: person.username,
        display_name: person.display_name,
        role: person.role,
        second_factor: person.totp_enabled_at.is_some(),
    };
    Audience::load(db, Some(&viewer)).await.expect("audience")
}

/// Adds `count` threads (each with its first post) over the visible categories, older than the
/// demo's, in transactions of `BATCH` rows. Returns how many, and the list cursor half-way.
async fn seed(db: &Db, count: usize) -> (usize, Option<String>) {
    let categories: Vec<i32> = category::Entity::find()
        .filter(category::Column::GroupId.is_null())
        .all(db.read())
        .await
        .expect("categories")
        .into_iter()
        .map(|c| c.id)
        .collect();
    let authors: Vec<i32> = user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .into_tuple()
        .all(db.read())
        .await
        .expect("people");
    let next_thread: i32 = thread::Entity::find()
        .select_only()
        .column_as(thread::Column::Id.max(), "m")
        .into_tuple::<Option<i32>>()
        .one(db.read())
        .await
        .expect("max")
        .flatten()
        .unwrap_or(0)
        + 1;
    let next_post: i32 = post::Entity::find()
        .select_only()
        .column_as(post::Column::Id.max(), "m")
        .into_tuple::<Option<i32>>()
        .one(db.read())
        .await
        .expect("max")
        .flatten()
        .unwrap_or(0)
        + 1;
    let start = Utc::now() - Duration::days(400);
    let started = Instant::now();
    let mut done = 0;
    while done < count {
        let size = BATCH.min(count - done);
        let txn = db.write().begin().await.expect("begin");
        let rows = (0..size).map(|i| {
            let n = (done + i) as i32;
            let at = start + Duration::seconds(i64::from(n) * 300);
            thread::ActiveModel {
                id: Set(next_thread + n),
                category_id: Set(categories[n as usize % categories.len()]),
                kind: Set(if n % 3 == 0 {
                    ThreadKind::Question
                } else {
                    ThreadKind::Discussion
                }),
                title: Set(format!("Discussione d’archivio numero {n}")),
                author_id: Set(Some(authors[n as usize % authors.len()])),
                created_at: Set(at),
                last_activity_at: Set(at),
                last_post_id: Set(Some(next_post + n)),
                reply_count: Set(0),
                pinned: Set(false),
                locked: Set(false),
                hidden: Set(false),
                deleted_at: Set(None),
                accepted_post_id: Set(None),
            }
        });
        thread::Entity::insert_many(rows)
            .exec_without_returning(&txn)
            .await
            .expect("threads");
        let rows = (0..size).map(|i| {
            let n = (done + i) as i32;
            let at = start + Duration::seconds(i64::from(n) * 300);
            post::ActiveModel {
                id: Set(next_post + n),
                thread_id: Set(next_thread + n),
                author_id: Set(Some(authors[n as usize % authors.len()])),
                source: Set(format!("Testo della discussione numero {n}.")),
                html: Set(format!("<p>Testo della discussione numero {n}.</p>")),
                created_at: Set(at),
                edit_count: Set(0),
                hidden: Set(false),
                score: Set(0),
                useful_count: Set(0),
                ..Default::default()
            }
        });
        post::Entity::insert_many(rows)
            .exec_without_returning(&txn)
            .await
            .expect("posts");
        txn.commit().await.expect("commit");
        done += size;
    }
    if db.backend() == DbBackend::Postgres {
        for table in ["threads", "posts"] {
            db.write()
                .execute_unprepared(&format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                     (SELECT MAX(id) FROM {table}))"
                ))
                .await
                .expect("sequence");
        }
    }
    println!(
        "  seeded {count} threads in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let half = (count / 2) as i32;
    let middle = (count > 0).then(|| {
        lists::Cursor {
            at: start + Duration::seconds(i64::from(half) * 300),
            id: next_thread + half,
        }
        .encode()
    });
    (count, middle)
}

/// Times `rounds` calls and prints p50, p95 and max in milliseconds.
async fn report<F, Fut>(what: &str, rounds: usize, call: F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    for _ in 0..10 {
        call().await;
    }
    let mut ms = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let start = Instant::now();
        call().await;
        ms.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    ms.sort_by(f64::total_cmp);
    let at = |q: f64| ms[((ms.len() as f64 * q) as usize).min(ms.len() - 1)];
    println!(
        "  {what}: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms ({rounds} calls, server time)",
        at(0.50),
        at(0.95),
        ms[ms.len() - 1]
    );
}
