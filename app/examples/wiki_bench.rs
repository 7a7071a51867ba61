//! Benchmark (run by bench/wiki): times the wiki's diff and merge on two 50 KB revisions, and
//! seeds a page with 500 revisions to show that viewing a page does not read its history.
//!
//! On the database named by `DATABASE_URL` it loads the demo community (password
//! `bench-password`), opens the community to visitors, writes a page through the real service
//! 500 times (printed as `PAGE <path>`), and prints the server time of showing it beside a page
//! with one revision.
use std::time::{Duration, Instant};

use app::{
    demo,
    features::{
        community::{service as community, types::Phase},
        wiki::{
            service::{pages, saving},
            text::{diff, merge},
        },
    },
    server::{access::Audience, passwords::Passwords, Db},
};

const ROUNDS: usize = 50;

fn summary(mut times: Vec<Duration>) -> String {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    format!(
        "p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        ms(times[times.len() / 2]),
        ms(times[times.len() * 95 / 100]),
        ms(times[times.len() - 1])
    )
}

const WORDS: [&str; 16] = [
    "coprogettazione",
    "amministrazione",
    "ente",
    "Terzo",
    "settore",
    "avviso",
    "pubblico",
    "istruttoria",
    "tavolo",
    "convenzione",
    "esiti",
    "indicatori",
    "risorse",
    "territorio",
    "servizi",
    "comunità",
];

/// A text of about `bytes` bytes: numbered paragraphs of pseudo-random words (same seed, same text).
fn text(bytes: usize, seed: u64) -> String {
    let mut state = seed;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut out = String::new();
    let mut line = 0;
    while out.len() < bytes {
        line += 1;
        out.push_str(&format!("{line}. "));
        for _ in 0..12 {
            out.push_str(WORDS[(next() % 16) as usize]);
            out.push(' ');
        }
        out.push_str("\n\n");
    }
    out
}

/// The same text edited as people do: a word changed in one paragraph in ten, some removed,
/// some added.
fn edited(original: &str) -> String {
    let mut out = String::new();
    for (n, line) in original.split_inclusive('\n').enumerate() {
        match n % 40 {
            0 => out.push_str(&line.replacen("ente", "organizzazione", 1)),
            10 => {}
            20 => {
                out.push_str(line);
                out.push_str("Un paragrafo nuovo, aggiunto in questa revisione.\n");
            }
            30 => out.push_str(&line.replacen("servizi", "interventi", 1)),
            _ => out.push_str(line),
        }
    }
    out
}

fn time<T>(mut run: impl FnMut() -> T) -> Vec<Duration> {
    (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(run());
            start.elapsed()
        })
        .collect()
}

#[tokio::main]
async fn main() {
    let old = text(50_000, 42);
    let new = edited(&old);
    let other = text(50_000, 7);
    let view = diff::diff(&old, &new);
    println!(
        "diff of two 50 KB revisions ({} and {} bytes; {} lines added, {} removed): {} (target ≤ 50 ms)",
        old.len(),
        new.len(),
        view.added,
        view.removed,
        summary(time(|| diff::diff(&old, &new)))
    );
    println!(
        "diff of two unrelated 50 KB texts (worst case): {}",
        summary(time(|| diff::diff(&old, &other)))
    );
    let theirs = old.replacen("territorio", "quartiere", 3);
    println!(
        "three-way merge of 50 KB (clean: {}): {}",
        merge::merge(&old, &new, &theirs).is_clean(),
        summary(time(|| merge::merge(&old, &new, &theirs)))
    );

    let url = std::env::var("DATABASE_URL").expect("DATABASE_URL");
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
    let staff = {
        use app::server::entities::user;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let person = user::Entity::find()
            .filter(user::Column::Username.eq("giulia.ferri"))
            .one(db.read())
            .await
            .expect("query")
            .expect("giulia.ferri");
        let viewer = app::features::accounts::types::Viewer {
            user_id: person.id,
            username: person.username,
            display_name: person.display_name,
            role: app::features::accounts::types::Role::Staff,
            second_factor: true,
        };
        Audience::new(Some(viewer), Vec::new(), true)
    };
    let path = "pagina-con-500-revisioni";
    let mut body = String::from("# Una pagina molto modificata\n\n");
    let started = Instant::now();
    for n in 0..500 {
        body.push_str(&format!("Riga aggiunta nella revisione {}.\n\n", n + 1));
        let outcome = saving::save(
            &db,
            &staff,
            "comunita",
            path,
            saving::SaveInput {
                title: "Pagina con 500 revisioni".into(),
                source: body.clone(),
                base: n,
                summary: format!("revisione {}", n + 1),
                ..Default::default()
            },
        )
        .await
        .expect("save");
        assert!(matches!(
            outcome,
            app::features::wiki::types::SaveOutcome::Saved { .. }
        ));
    }
    println!(
        "500 saves through the service: {:.1} s ({:.1} ms each)",
        started.elapsed().as_secs_f64(),
        started.elapsed().as_secs_f64() * 1000.0 / 500.0
    );
    let visitor = Audience::new(None, Vec::new(), true);
    for (label, page) in [
        ("page with 500 revisions", path),
        ("page with 1 revision (the glossary, 1 save)", "glossario"),
    ] {
        let mut times = Vec::new();
        for _ in 0..200 {
            let start = Instant::now();
            pages::view(&db, &visitor, "comunita", page)
                .await
                .expect("view");
            times.push(start.elapsed());
        }
        println!("service time, {label}, visitor: {}", summary(times));
    }
    println!("PAGE /wiki/{path}");
}
