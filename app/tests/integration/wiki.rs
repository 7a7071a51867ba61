//! The wiki as people use it, on a real database (SQLite and PostgreSQL): revisions, merges and
//! conflicts that never lose an edit, sections, restore, links and backlinks, protection, and
//! bad input that changes nothing.

use crate::common::{audience, community};
use app::error::Field;
use app::{
    error::{AppError, InvalidReason},
    features::wiki::{
        service::{
            history, pages,
            saving::{self, SaveInput},
            spaces,
        },
        types::{ConflictPart, PageOrMissing, SaveOutcome, WikiView, SOURCE_MAX},
    },
    server::{
        access::Audience,
        entities::{wiki_page, wiki_revision},
        Db,
    },
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const SPACE: &str = "comunita";

async fn page(db: &Db, path: &str) -> wiki_page::Model {
    wiki_page::Entity::find()
        .filter(wiki_page::Column::Path.eq(path))
        .one(db.read())
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no page {path}"))
}

async fn revisions(db: &Db) -> u64 {
    wiki_revision::Entity::find()
        .count(db.read())
        .await
        .unwrap()
}

async fn save(
    db: &Db,
    who: &Audience,
    path: &str,
    base: i32,
    source: &str,
) -> Result<SaveOutcome, AppError> {
    saving::save(
        db,
        who,
        SPACE,
        path,
        SaveInput {
            title: "Pagina di prova".into(),
            source: source.into(),
            base,
            ..Default::default()
        },
    )
    .await
}

const TEXT: &str = "# Prima\n\nUno.\n\n# Seconda\n\nDue.\n\n# Terza\n\nTre.\n";

#[tokio::test]
async fn the_demo_guide_has_revisions_by_different_people_and_is_validated() {
    let (db, _) = community().await;
    let anna = audience(&db, "anna.rossi").await;
    let past = history::history(&db, &anna, SPACE, "guida-alla-coprogettazione", None)
        .await
        .unwrap();
    assert_eq!(past.current, 3);
    let authors: std::collections::HashSet<_> = past
        .entries
        .iter()
        .filter_map(|e| e.author.as_ref().map(|a| a.username.clone()))
        .collect();
    assert_eq!(authors.len(), 3, "{authors:?}");
    let PageOrMissing::Page(view) = pages::view(&db, &anna, SPACE, "guida-alla-coprogettazione")
        .await
        .unwrap()
    else {
        panic!("the guide is missing")
    };
    assert!(view.validation.is_some());
    assert!(view.toc.len() >= 4);
    // The sub-page exists, so its link is a normal one; the impact page is still to be written.
    assert!(view
        .html
        .contains("href=\"/wiki/guida-alla-coprogettazione/avviso-pubblico\""));
    assert!(
        view.html.contains("class=\"wikilink-new\""),
        "{}",
        view.html
    );
    assert_eq!(view.children.len(), 1);
}

#[tokio::test]
async fn saves_on_top_of_the_current_revision_add_revisions() {
    let (db, _) = community().await;
    let anna = audience(&db, "anna.rossi").await;
    assert_eq!(
        save(&db, &anna, "prova", 0, TEXT).await.unwrap(),
        SaveOutcome::Saved {
            number: 1,
            merged: false
        }
    );
    let changed = TEXT.replace("Uno.", "Uno, cambiato.");
    assert_eq!(
        save(&db, &anna, "prova", 1, &changed).await.unwrap(),
        SaveOutcome::Saved {
            number: 2,
            merged: false
        }
    );
    // The same text again is no new revision.
    assert_eq!(
        save(&db, &anna, "prova", 2, &changed).await.unwrap(),
        SaveOutcome::Unchanged
    );
    let saved = page(&db, "prova").await;
    assert_eq!(saved.revision_number, 2);
    assert!(saved.html.contains("Uno, cambiato."));
}

#[tokio::test]
async fn a_save_from_an_old_revision_is_merged_when_the_changes_do_not_touch() {
    let (db, _) = community().await;
    let (anna, luca) = (
        audience(&db, "anna.rossi").await,
        audience(&db, "luca.esposito").await,
    );
    save(&db, &anna, "prova", 0, TEXT).await.unwrap();
    // Both open revision 1; Anna saves first, Luca second.
    save(
        &db,
        &anna,
        "prova",
        1,
        &TEXT.replace("Uno.", "Uno di Anna."),
    )
    .await
    .unwrap();
    let outcome = save(
        &db,
        &luca,
        "prova",
        1,
        &TEXT.replace("Tre.", "Tre di Luca."),
    )
    .await
    .unwrap();
    assert_eq!(
        outcome,
        SaveOutcome::Saved {
            number: 3,
            merged: true
        }
    );
    let merged = page(&db, "prova").await.source;
    assert!(merged.contains("Uno di Anna.") && merged.contains("Tre di Luca."));
}

#[tokio::test]
async fn a_conflicting_save_saves_nothing_and_gives_both_versions_back() {
    let (db, _) = community().await;
    let (anna, luca) = (
        audience(&db, "anna.rossi").await,
        audience(&db, "luca.esposito").await,
    );
    save(&db, &anna, "prova", 0, TEXT).await.unwrap();
    save(
        &db,
        &anna,
        "prova",
        1,
        &TEXT.replace("Due.", "Due secondo Anna."),
    )
    .await
    .unwrap();
    let before = revisions(&db).await;
    let mine = TEXT.replace("Due.", "Due secondo Luca.");
    let SaveOutcome::Conflict(conflict) = save(&db, &luca, "prova", 1, &mine).await.unwrap() else {
        panic!("expected a conflict")
    };
    assert_eq!(revisions(&db).await, before, "nothing saved");
    assert_eq!(conflict.conflicts, 1);
    assert_eq!(conflict.their_revision, 2);
    assert_eq!(
        conflict.their_author.as_ref().map(|p| p.username.as_str()),
        Some("anna.rossi")
    );
    assert_eq!(conflict.mine, mine);
    assert!(conflict.parts.contains(&ConflictPart::Conflict {
        mine: "Due secondo Luca.\n".into(),
        theirs: "Due secondo Anna.\n".into(),
    }));
    // Saving the text with the marks still in it is refused.
    let marked = conflict.text_with_marks("la tua versione", "revisione 2");
    assert_eq!(
        save(&db, &luca, "prova", 2, &marked).await,
        Err(AppError::invalid(Field::Source, InvalidReason::Unresolved))
    );
    // Resolved on top of Anna's revision: saved, with both contributions.
    let resolved = TEXT.replace("Due.", "Due secondo Anna e Luca.");
    assert_eq!(
        save(&db, &luca, "prova", 2, &resolved).await.unwrap(),
        SaveOutcome::Saved {
            number: 3,
            merged: false
        }
    );
}

#[tokio::test]
async fn deleting_what_someone_else_edited_is_a_conflict() {
    let (db, _) = community().await;
    let (anna, luca) = (
        audience(&db, "anna.rossi").await,
        audience(&db, "luca.esposito").await,
    );
    save(&db, &anna, "prova", 0, TEXT).await.unwrap();
    save(
        &db,
        &anna,
        "prova",
        1,
        &TEXT.replace("Tre.", "Tre, ampliato."),
    )
    .await
    .unwrap();
    let outcome = save(
        &db,
        &luca,
        "prova",
        1,
        &TEXT.replace("# Terza\n\nTre.\n", ""),
    )
    .await
    .unwrap();
    assert!(matches!(outcome, SaveOutcome::Conflict(_)), "{outcome:?}");
    assert!(page(&db, "prova").await.source.contains("Tre, ampliato."));
}

#[tokio::test]
async fn concurrent_saves_from_one_revision_all_land() {
    let (db, _) = community().await;
    let anna = audience(&db, "anna.rossi").await;
    let lines: String = (0..8).map(|n| format!("Riga {n}.\n\n")).collect();
    save(&db, &anna, "prova", 0, &lines).await.unwrap();
    let mut tasks = Vec::new();
    for n in 0..8 {
        let (db, anna, lines) = (db.clone(), anna.clone(), lines.clone());
        tasks.push(tokio::spawn(async move {
            let mine = lines.replace(&format!("Riga {n}."), &format!("Riga {n}, rivista."));
            save(&db, &anna, "prova", 1, &mine).await
        }));
    }
    for task in tasks {
        assert!(matches!(task.await.unwrap(), Ok(SaveOutcome::Saved { .. })));
    }
    let saved = page(&db, "prova").await;
    assert_eq!(saved.revision_number, 9);
    for n in 0..8 {
        assert!(
            saved.source.contains(&format!("Riga {n}, rivista.")),
            "{}",
            saved.source
        );
    }
}

#[tokio::test]
async fn a_section_edit_changes_only_that_section_and_merges_with_others() {
    let (db, _) = community().await;
    let anna = audience(&db, "anna.rossi").await;
    save(&db, &anna, "prova", 0, TEXT).await.unwrap();
    let form = pages::edit_form(&db, &anna, SPACE, "prova", Some(2))
        .await
        .unwrap();
    assert_eq!(form.source, "# Seconda\n\nDue.\n\n");
    // Someone edits the first section meanwhile.
    save(&db, &anna, "prova", 1, &TEXT.replace("Uno.", "Uno bis."))
        .await
        .unwrap();
    let outcome = saving::save(
        &db,
        &anna,
        SPACE,
        "prova",
        SaveInput {
            source: "# Seconda\n\nDue, nella sezione.\n".into(),
            base: 1,
            section: Some(2),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(
        outcome,
        SaveOutcome::Saved {
            number: 3,
            merged: true
        }
    );
    assert_eq!(
        page(&db, "prova").await.source,
        TEXT.replace("Uno.", "Uno bis.")
            .replace("Due.", "Due, nella sezione.")
    );
    assert_eq!(
        pages::edit_form(&db, &anna, SPACE, "prova", Some(9))
            .await
            .map(|_| ()),
        Err(AppError::invalid(Field::Section, InvalidReason::Missing))
    );
}

#[tokio::test]
async fn restoring_an_old_revision_adds_a_new_one_and_keeps_the_history() {
    let (db, _) = community().await;
    let anna = audience(&db, "anna.rossi").await;
    save(&db, &anna, "prova", 0, TEXT).await.unwrap();
    save(&db, &anna, "prova", 1, "Tutto cancellato.\n")
        .await
        .unwrap();
    let outcome = saving::restore(&db, &anna, SPACE, "prova", 1)
        .await
        .unwrap();
    assert_eq!(
        outcome,
        SaveOutcome::Saved {
            number: 3,
            merged: false
        }
    );
    assert_eq!(page(&db, "prova").await.source, TEXT);
    let past = history::history(&db, &anna, SPACE, "prova", None)
        .await
        .unwrap();
    assert_eq!(past.entries.len(), 3);
    assert_eq!(past.entries[0].origin.as_deref(), Some("restore:1"));
    let diff = history::compare(&db, &anna, SPACE, "prova", 2, 3)
        .await
        .unwrap();
    assert!(diff.diff.added > 0 && diff.diff.removed > 0);
    assert_eq!(
        saving::restore(&db, &anna, SPACE, "prova", 42).await,
        Err(AppError::invalid(Field::Revision, InvalidReason::Missing))
    );
}

#[tokio::test]
async fn bad_input_gets_a_reason_and_changes_nothing() {
    let (db, _) = community().await;
    let anna = audience(&db, "anna.rossi").await;
    let before = revisions(&db).await;
    for address in ["../etc/passwd", "a/../b", "Glossario", "a%2e%2e/b", "a//b"] {
        assert!(
            matches!(
                spaces::locate(address),
                Err(AppError::Invalid { .. } | AppError::NotFound)
            ),
            "{address}"
        );
    }
    // A title that collides with an existing page, case and accents aside.
    for title in ["GLOSSARIO", "Glossàrio"] {
        assert_eq!(
            saving::create(&db, &anna, SPACE, "", title, "Testo", "")
                .await
                .map(|_| ()),
            Err(AppError::invalid(Field::Title, InvalidReason::Duplicate)),
            "{title}"
        );
    }
    assert_eq!(
        saving::create(&db, &anna, SPACE, "../x", "Nuova", "Testo", "")
            .await
            .map(|_| ()),
        Err(AppError::invalid(Field::Parent, InvalidReason::Malformed))
    );
    let glossary = page(&db, "glossario").await;
    assert_eq!(
        save(&db, &anna, "glossario", 99, "Testo").await,
        Err(AppError::invalid(Field::Base, InvalidReason::Missing))
    );
    assert_eq!(
        save(&db, &anna, "glossario", glossary.revision_number, "  \n").await,
        Err(AppError::invalid(Field::Source, InvalidReason::Required))
    );
    assert_eq!(
        save(
            &db,
            &anna,
            "glossario",
            glossary.revision_number,
            &"a".repeat(SOURCE_MAX + 1)
        )
        .await,
        Err(AppError::invalid(
            Field::Source,
            InvalidReason::TooLong { max: SOURCE_MAX }
        ))
    );
    let bomb = format!("{}x", "> ".repeat(100));
    assert_eq!(
        save(&db, &anna, "glossario", glossary.revision_number, &bomb).await,
        Err(AppError::invalid(Field::Source, InvalidReason::TooComplex))
    );
    // The community's rules are protected: a member may not edit them.
    let rules = page(&db, "regole-della-comunita").await;
    assert_eq!(
        save(
            &db,
            &anna,
            "regole-della-comunita",
            rules.revision_number,
            "Nuove regole"
        )
        .await,
        Err(AppError::Protected)
    );
    assert_eq!(revisions(&db).await, before);
    assert_eq!(page(&db, "glossario").await, glossary);
}

#[tokio::test]
async fn a_new_page_turns_the_links_to_it_into_normal_links_and_lists_its_backlinks() {
    let (db, _) = community().await;
    let anna = audience(&db, "anna.rossi").await;
    let guide = page(&db, "guida-alla-coprogettazione").await;
    assert!(guide
        .html
        .contains("href=\"/wiki/valutazione-d-impatto?nuova=1\""));
    let (created, _) = saving::create(
        &db,
        &anna,
        SPACE,
        "",
        "Valutazione d'impatto",
        "Come misurare gli esiti. Torna alla [[Guida alla coprogettazione]].",
        "",
    )
    .await
    .unwrap();
    assert_eq!(created.url, "/wiki/valutazione-d-impatto");
    let guide = page(&db, "guida-alla-coprogettazione").await;
    assert!(guide.html.contains("href=\"/wiki/valutazione-d-impatto\""));
    assert!(!guide.html.contains("valutazione-d-impatto?nuova=1"));
    let back = pages::backlinks(&db, &anna, SPACE, "guida-alla-coprogettazione")
        .await
        .unwrap();
    let titles: Vec<_> = back.pages.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(titles, vec!["Glossario", "Valutazione d'impatto"]);
}

#[tokio::test]
async fn showing_a_page_does_not_read_its_history() {
    let (mut db, _) = community().await;
    let anna = audience(&db, "anna.rossi").await;
    let mut counts = Vec::new();
    for (path, edits) in [("breve", 1), ("lunga", 40)] {
        let mut text = String::from("Inizio.\n");
        save(&db, &anna, path, 0, &text).await.unwrap();
        for n in 1..edits {
            text.push_str(&format!("Riga {n}.\n"));
            save(&db, &anna, path, n, &text).await.unwrap();
        }
        let counter = db.count_statements();
        let shown = pages::view(&db, &anna, SPACE, path).await.unwrap();
        assert!(matches!(shown, PageOrMissing::Page(_)));
        counts.push(counter.load(std::sync::atomic::Ordering::Relaxed));
    }
    assert_eq!(counts[0], counts[1], "{counts:?}");
    assert!(counts[0] <= 8, "{counts:?}");
}

#[tokio::test]
async fn the_space_index_lists_pages_and_missing_pages_invite_writing() {
    let (db, _) = community().await;
    let luca = audience(&db, "luca.esposito").await;
    let index = spaces::index(&db, &luca, SPACE).await.unwrap();
    let paths: Vec<_> = index.pages.iter().map(|p| p.path.as_str()).collect();
    assert!(paths.contains(&"glossario") && paths.contains(&"guida-alla-coprogettazione"));
    assert!(index.may_create);
    // Luca is not in the secret group: its space is not among his.
    assert!(index
        .spaces
        .iter()
        .all(|s| s.slug != "gruppo-cabina-di-regia"));
    match pages::view(&db, &luca, SPACE, "da-scrivere").await.unwrap() {
        PageOrMissing::Missing {
            title, may_create, ..
        } => {
            assert_eq!(title, "Da scrivere");
            assert!(may_create);
        }
        other => panic!("{other:?}"),
    }
    let _ = WikiView::Index(index);
}

/// The demo's solved question about the public notice: (thread, accepted answer, another answer).
async fn solved_question(db: &Db) -> (i32, i32, Option<i32>) {
    use app::server::entities::{post, thread};
    let found = thread::Entity::find()
        .filter(thread::Column::Title.contains("serve sempre un avviso"))
        .one(db.read())
        .await
        .unwrap()
        .unwrap();
    let other = post::Entity::find()
        .filter(post::Column::ThreadId.eq(found.id))
        .all(db.read())
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .find(|id| Some(*id) != found.accepted_post_id && *id != found.id);
    (found.id, found.accepted_post_id.unwrap(), other)
}

#[tokio::test]
async fn staff_bring_an_accepted_answer_into_the_wiki_with_its_provenance() {
    use app::features::wiki::service::promote::{self, Target};
    let (db, _) = community().await;
    let (staff, anna) = (
        audience(&db, "giulia.ferri").await,
        audience(&db, "anna.rossi").await,
    );
    let (_, accepted, other) = solved_question(&db).await;
    let provenance = format!("*Dalla risposta accettata: [domanda](/forum/m/{accepted}).*");
    // Only staff, and only the accepted answer.
    assert_eq!(
        promote::form(&db, &anna, accepted).await.map(|_| ()),
        Err(AppError::NotFound)
    );
    if let Some(other) = other {
        let target = Target::New {
            space: SPACE,
            parent: "",
            title: "Non accettata",
        };
        assert_eq!(
            promote::promote(&db, &staff, other, target, &provenance, "").await,
            Err(AppError::invalid(Field::Post, InvalidReason::NotAccepted))
        );
    }
    let form = promote::form(&db, &staff, accepted).await.unwrap();
    assert!(form.question.contains("avviso pubblico"));
    assert!(form.spaces.iter().any(|s| s.slug == SPACE));
    let created = promote::promote(
        &db,
        &staff,
        accepted,
        Target::New {
            space: SPACE,
            parent: "guida-alla-coprogettazione",
            title: "Avviso e cooperative già partner",
        },
        &provenance,
        "Dalla risposta accettata",
    )
    .await
    .unwrap();
    assert_eq!(
        created.url,
        "/wiki/guida-alla-coprogettazione/avviso-e-cooperative-gia-partner"
    );
    let saved = page(
        &db,
        "guida-alla-coprogettazione/avviso-e-cooperative-gia-partner",
    )
    .await;
    assert!(saved.source.ends_with(&format!("{provenance}\n")));
    assert!(saved
        .html
        .contains(&format!("href=\"/forum/m/{accepted}\"")));
    let past = history::history(
        &db,
        &staff,
        SPACE,
        "guida-alla-coprogettazione/avviso-e-cooperative-gia-partner",
        None,
    )
    .await
    .unwrap();
    assert_eq!(
        past.entries[0].origin.as_deref(),
        Some(format!("post:{accepted}").as_str())
    );
    // Appended to an existing page: a new revision at its end, the rest untouched.
    let glossary = page(&db, "glossario").await;
    promote::promote(
        &db,
        &staff,
        accepted,
        Target::Append {
            space: SPACE,
            path: "glossario",
        },
        &provenance,
        "",
    )
    .await
    .unwrap();
    let appended = page(&db, "glossario").await;
    assert_eq!(appended.revision_number, glossary.revision_number + 1);
    assert!(appended.source.starts_with(&glossary.source));
    assert!(appended.source.ends_with(&format!("{provenance}\n")));
    assert_eq!(
        promote::promote(
            &db,
            &staff,
            accepted,
            Target::Append {
                space: SPACE,
                path: "non-esiste",
            },
            &provenance,
            "",
        )
        .await,
        Err(AppError::invalid(Field::Path, InvalidReason::Missing))
    );
}

#[tokio::test]
async fn the_preview_renders_as_a_save_would_and_refuses_what_a_page_could_not_hold() {
    use app::{features::wiki::service::links, server::entities::wiki_space};
    let (db, _) = community().await;
    let space = wiki_space::Entity::find()
        .one(db.read())
        .await
        .unwrap()
        .expect("a space");
    let html = links::preview(db.read(), &space, "## Titolo\n\nVedi [[Glossario]].")
        .await
        .unwrap();
    assert!(
        html.contains("Titolo") && html.contains("href=\"/wiki/glossario\""),
        "{html}"
    );
    assert_eq!(links::preview(db.read(), &space, "  ").await.unwrap(), "");
    let too_long = "a".repeat(SOURCE_MAX + 1);
    let huge = "[[x]] `y` ".repeat(SOURCE_MAX);
    for text in [too_long, huge] {
        assert_eq!(
            links::preview(db.read(), &space, &text).await,
            Err(AppError::invalid(
                Field::Source,
                InvalidReason::TooLong { max: SOURCE_MAX }
            ))
        );
    }
}
