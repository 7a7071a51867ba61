//! Surveys on a real database (SQLite and PostgreSQL): filling as a draft, submitting with the
//! required questions, editing a named response until closing, what an anonymous survey keeps
//! (and never keeps), answers that do not fit refused with nothing changed, who sees results
//! and the export, the CSV itself, and the builder locking once answering has started.

use crate::common::{audience, community, visitor};
use app::error::Field;
use app::{
    error::{AppError, InvalidReason},
    features::surveys::{
        service::{self, Action, Outcome, QuestionInput, SurveyInput},
        types::{QuestionKind, ResponseState},
    },
    i18n::Locale,
    server::{
        entities::{survey, survey_answer, survey_respondent, survey_response, user},
        Db,
    },
};
use chrono::{Duration, Utc};
use sea_orm::{
    sea_query::Expr, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait,
    QueryFilter, Statement,
};

fn local_in(days: i64) -> String {
    (Utc::now() + Duration::days(days))
        .with_timezone(&chrono_tz::Europe::Rome)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// A survey with one section: a required single choice (3 options), a required 1–5 scale, an
/// optional multiple choice (3 options) and an optional long text. Returns the survey and the
/// question ids in that order.
async fn build(db: &Db, anonymous: bool, publish: bool, scope: &str) -> (i32, Vec<i32>) {
    let staff = audience(db, "giulia.ferri").await;
    let id = service::create(
        db,
        &staff,
        &SurveyInput {
            title: "Come lavoriamo insieme".into(),
            description: "Per migliorare la comunità.".into(),
            scope: scope.into(),
            anonymous,
            publish_results: publish,
            opens_at: String::new(),
            closes_at: local_in(10),
        },
    )
    .await
    .unwrap();
    let section = service::add_section(db, &staff, id, "Il funzionamento", "")
        .await
        .unwrap();
    let mut questions = Vec::new();
    for (kind, prompt, required, options) in [
        (
            "single",
            "Quanto spesso partecipi?",
            true,
            "Ogni settimana\nOgni mese\nRaramente",
        ),
        ("scale5", "Quanto ti è utile la comunità?", true, ""),
        (
            "multiple",
            "Che cosa usi di più?",
            false,
            "Forum\nWiki\nSeminari",
        ),
        ("long", "Che cosa miglioreresti?", false, ""),
    ] {
        let q = service::add_question(
            db,
            &staff,
            id,
            &QuestionInput {
                section_id: section,
                kind: kind.into(),
                prompt: prompt.into(),
                required,
                options: options.into(),
            },
        )
        .await
        .unwrap();
        questions.push(q);
    }
    (id, questions)
}

/// The export as an Italian spreadsheet reads it: after the byte-order mark, `;`-separated.
fn italian_csv(bytes: &[u8]) -> csv::Reader<&[u8]> {
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "a byte-order mark"
    );
    csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[3..])
}

fn fields(pairs: &[(i32, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(q, v)| (format!("q{q}"), (*v).to_owned()))
        .collect()
}

async fn responses(db: &Db, survey_id: i32) -> Vec<survey_response::Model> {
    survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.eq(survey_id))
        .all(db.read())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_named_response_is_drafted_submitted_edited_and_exported() {
    let (db, _) = community().await;
    let (id, q) = build(&db, false, true, "members").await;
    let anna = audience(&db, "anna.rossi").await;
    // A draft with one answer.
    let saved = service::answer(&db, &anna, id, &fields(&[(q[0], "1")]), Action::Draft).await;
    assert_eq!(saved, Ok(Outcome::Saved));
    let found = service::find(&db, &anna, id).await.unwrap();
    let viewer = anna.viewer().unwrap().user_id;
    let (state, answers) = service::state(&db, &found, viewer).await.unwrap();
    assert_eq!(state, ResponseState::Draft);
    assert_eq!(answers[&q[0]].choices, vec![1]);
    // Submitting without the required scale: kept as a draft, the question named.
    let missing = service::answer(
        &db,
        &anna,
        id,
        &fields(&[(q[0], "1"), (q[3], "Più incontri in presenza")]),
        Action::Submit,
    )
    .await;
    assert_eq!(
        missing,
        Ok(Outcome::Missing {
            ids: vec![q[1]],
            kept: true
        })
    );
    let (state, answers) = service::state(&db, &found, viewer).await.unwrap();
    assert_eq!(state, ResponseState::Draft);
    assert_eq!(answers[&q[3]].text, "Più incontri in presenza");
    // Complete: submitted.
    let all = fields(&[
        (q[0], "1"),
        (q[1], "4"),
        (q[2], "0"),
        (q[2], "2"),
        (q[3], "=SOMMA(A1:A2) e più incontri"),
    ]);
    assert_eq!(
        service::answer(&db, &anna, id, &all, Action::Submit).await,
        Ok(Outcome::Submitted)
    );
    // An edit that leaves a required question empty changes nothing, and says so.
    assert_eq!(
        service::answer(&db, &anna, id, &fields(&[(q[0], "2")]), Action::Submit).await,
        Ok(Outcome::Missing {
            ids: vec![q[1]],
            kept: false
        })
    );
    let (_, answers) = service::state(&db, &found, viewer).await.unwrap();
    assert_eq!(
        answers[&q[0]].choices,
        vec![1],
        "the response stayed as sent"
    );
    assert_eq!(answers[&q[1]].choices, vec![4]);
    // Named: editable until closing; the count stays one.
    let changed = fields(&[(q[0], "0"), (q[1], "5"), (q[2], "1")]);
    assert_eq!(
        service::answer(&db, &anna, id, &changed, Action::Draft).await,
        Ok(Outcome::Submitted)
    );
    let luca = audience(&db, "luca.esposito").await;
    service::answer(
        &db,
        &luca,
        id,
        &fields(&[(q[0], "0"), (q[1], "3")]),
        Action::Submit,
    )
    .await
    .unwrap();
    let surveyed = survey::Entity::find_by_id(id)
        .one(db.read())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(surveyed.responses, 2);

    // Results, as staff see them.
    let staff = audience(&db, "giulia.ferri").await;
    let results = service::results(&db, &staff, id).await.unwrap();
    assert_eq!(results.responses, 2);
    let questions = &results.sections[0].1;
    assert_eq!(questions[0].counts[0], ("Ogni settimana".to_string(), 2));
    assert_eq!(questions[1].kind, QuestionKind::Scale5);
    assert_eq!(questions[1].mean, Some(4.0));
    assert_eq!(questions[1].counts[2], ("3".to_string(), 1));
    assert_eq!(questions[1].counts[4], ("5".to_string(), 1));
    assert_eq!(questions[2].answered, 1);
    assert!(
        questions[3].texts.is_empty(),
        "Anna's edit dropped her text"
    );

    // The CSV: a byte-order mark, a header, one row per response, names for a named survey.
    let (name, bytes) = service::export_csv(&db, &staff, id, Locale::It)
        .await
        .unwrap();
    assert_eq!(name, format!("questionario-{id}.csv"));
    assert!(bytes.starts_with("\u{feff}".as_bytes()));
    let mut reader = italian_csv(&bytes);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        vec![
            "Risposta n.",
            "Persona",
            "Quanto spesso partecipi?",
            "Quanto ti è utile la comunità?",
            "Che cosa usi di più?",
            "Che cosa miglioreresti?"
        ]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0],
        vec!["1", "Anna Rossi", "Ogni settimana", "5", "Wiki", ""]
    );
    assert_eq!(
        rows[1],
        vec!["2", "Luca Esposito", "Ogni settimana", "3", "", ""]
    );
}

#[tokio::test]
async fn a_formula_in_a_text_answer_is_exported_as_text() {
    let (db, _) = community().await;
    let (id, q) = build(&db, true, false, "members").await;
    let anna = audience(&db, "anna.rossi").await;
    let all = fields(&[(q[0], "2"), (q[1], "1"), (q[3], "=HYPERLINK(\"http://x\")")]);
    service::answer(&db, &anna, id, &all, Action::Submit)
        .await
        .unwrap();
    let staff = audience(&db, "giulia.ferri").await;
    let (_, bytes) = service::export_csv(&db, &staff, id, Locale::It)
        .await
        .unwrap();
    let mut reader = italian_csv(&bytes);
    let header = reader.headers().unwrap().clone();
    assert!(
        !header.iter().any(|h| h == "Persona"),
        "no names in an anonymous export"
    );
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(&row[1], "Raramente");
    assert_eq!(&row[4], "'=HYPERLINK(\"http://x\")");
}

#[tokio::test]
async fn an_anonymous_survey_keeps_who_answered_never_what() {
    let (db, _) = community().await;
    let (id, q) = build(&db, true, true, "members").await;
    let anna = audience(&db, "anna.rossi").await;
    let anna_id = anna.viewer().unwrap().user_id;
    // While filling, the draft is hers (she can come back to it).
    service::answer(&db, &anna, id, &fields(&[(q[0], "2")]), Action::Draft)
        .await
        .unwrap();
    assert_eq!(responses(&db, id).await[0].user_id, Some(anna_id));
    let all = fields(&[(q[0], "2"), (q[1], "3"), (q[3], "Nulla da aggiungere")]);
    assert_eq!(
        service::answer(&db, &anna, id, &all, Action::Submit).await,
        Ok(Outcome::Submitted)
    );
    // The tables: a response without person or time; her draft gone; she is a respondent.
    let rows = responses(&db, id).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].user_id, None);
    assert_eq!(rows[0].updated_at, None);
    assert!(rows[0].submitted);
    let mine = survey_response::Entity::find()
        .filter(survey_response::Column::UserId.eq(anna_id))
        .count(db.read())
        .await
        .unwrap();
    assert_eq!(mine, 0, "no response row carries her id");
    assert!(survey_respondent::Entity::find_by_id((id, anna_id))
        .one(db.read())
        .await
        .unwrap()
        .is_some());
    let answers = survey_answer::Entity::find()
        .filter(survey_answer::Column::ResponseId.eq(rows[0].id))
        .count(db.read())
        .await
        .unwrap();
    assert_eq!(answers, 3);
    // Once submitted, never changed.
    assert_eq!(
        service::answer(&db, &anna, id, &all, Action::Submit).await,
        Err(AppError::AlreadyAnswered)
    );
    let found = service::find(&db, &anna, id).await.unwrap();
    let (state, answers) = service::state(&db, &found, anna_id).await.unwrap();
    assert_eq!(state, ResponseState::Submitted);
    assert!(answers.is_empty(), "her answers cannot be found again");
}

#[tokio::test]
async fn answers_that_do_not_fit_are_refused_and_change_nothing() {
    let (db, _) = community().await;
    let (id, q) = build(&db, false, false, "members").await;
    let anna = audience(&db, "anna.rossi").await;
    let long = "x".repeat(5001);
    let bad: Vec<(Vec<(String, String)>, AppError)> = vec![
        (
            fields(&[(q[0], "3")]),
            AppError::invalid(Field::Answers, InvalidReason::Malformed),
        ),
        (
            fields(&[(q[0], "-1")]),
            AppError::invalid(Field::Answers, InvalidReason::Malformed),
        ),
        (
            fields(&[(q[0], "0"), (q[0], "1")]),
            AppError::invalid(Field::Answers, InvalidReason::Malformed),
        ),
        (
            fields(&[(q[1], "0")]),
            AppError::invalid(Field::Answers, InvalidReason::Malformed),
        ),
        (
            fields(&[(q[1], "6")]),
            AppError::invalid(Field::Answers, InvalidReason::Malformed),
        ),
        (
            fields(&[(q[2], "1"), (q[2], "1")]),
            AppError::invalid(Field::Answers, InvalidReason::Malformed),
        ),
        (
            fields(&[(q[1], "uno")]),
            AppError::invalid(Field::Answers, InvalidReason::Malformed),
        ),
        (
            fields(&[(999_999, "1")]),
            AppError::invalid(Field::Answers, InvalidReason::Malformed),
        ),
        (
            fields(&[(q[3], long.as_str())]),
            AppError::invalid(Field::Answer, InvalidReason::TooLong { max: 5000 }),
        ),
    ];
    for (wrong, expected) in bad {
        assert_eq!(
            service::answer(&db, &anna, id, &wrong, Action::Submit).await,
            Err(expected),
            "{wrong:?}"
        );
    }
    assert!(responses(&db, id).await.is_empty());
    // Visitors cannot answer; closed and not-yet-open surveys take no answers.
    let outsider = visitor(&db).await;
    assert!(
        service::answer(&db, &outsider, id, &fields(&[(q[0], "1")]), Action::Draft)
            .await
            .is_err()
    );
    survey::Entity::update_many()
        .col_expr(
            survey::Column::ClosesAt,
            Expr::value(Utc::now() - Duration::seconds(1)),
        )
        .filter(survey::Column::Id.eq(id))
        .exec(db.write())
        .await
        .unwrap();
    assert_eq!(
        service::answer(&db, &anna, id, &fields(&[(q[0], "1")]), Action::Draft).await,
        Err(AppError::SurveyClosed)
    );
    survey::Entity::update_many()
        .col_expr(
            survey::Column::OpensAt,
            Expr::value(Utc::now() + Duration::days(1)),
        )
        .col_expr(
            survey::Column::ClosesAt,
            Expr::value(Utc::now() + Duration::days(2)),
        )
        .filter(survey::Column::Id.eq(id))
        .exec(db.write())
        .await
        .unwrap();
    assert_eq!(
        service::answer(&db, &anna, id, &fields(&[(q[0], "1")]), Action::Draft).await,
        Err(AppError::SurveyNotOpen)
    );
    assert!(responses(&db, id).await.is_empty());
}

#[tokio::test]
async fn results_and_export_go_to_staff_and_once_published_to_respondents() {
    let (db, _) = community().await;
    let (unpublished, q1) = build(&db, false, false, "members").await;
    let (published, q2) = build(&db, false, true, "members").await;
    let (staff_only, _) = build(&db, false, true, "staff").await;
    let anna = audience(&db, "anna.rossi").await;
    for (id, q) in [(unpublished, &q1), (published, &q2)] {
        service::answer(
            &db,
            &anna,
            id,
            &fields(&[(q[0], "0"), (q[1], "2")]),
            Action::Submit,
        )
        .await
        .unwrap();
    }
    let luca = audience(&db, "luca.esposito").await;
    let staff = audience(&db, "giulia.ferri").await;
    let outsider = visitor(&db).await;
    // (who, results of: unpublished, published, staff-only survey; may export). The export
    // holds every response row (with names, in a named survey): staff only, even once the
    // totals are published to respondents.
    let table = [
        ("staff", &staff, [true, true, true], true),
        ("respondent", &anna, [false, true, false], false),
        (
            "member who did not answer",
            &luca,
            [false, false, false],
            false,
        ),
        ("visitor", &outsider, [false, false, false], false),
    ];
    for (who, audience, expected, exports) in table {
        for (id, sees) in [unpublished, published, staff_only]
            .into_iter()
            .zip(expected)
        {
            let results = service::results(&db, audience, id).await;
            let export = service::export_csv(&db, audience, id, Locale::It).await;
            assert_eq!(results.is_ok(), sees, "{who} results {id}");
            assert_eq!(export.is_ok(), exports, "{who} export {id}");
            match results {
                Ok(results) => assert_eq!(results.may_export, exports, "{who} export offered"),
                Err(error) => assert_eq!(error, AppError::NotFound),
            }
            if !exports {
                assert_eq!(export.err(), Some(AppError::NotFound), "{who} export {id}");
            }
        }
    }
    // A staff-only survey does not exist for members at all.
    assert_eq!(
        service::find(&db, &anna, staff_only).await.err(),
        Some(AppError::NotFound)
    );
    let listed = service::list(&db, &anna).await.unwrap();
    assert!(listed.iter().all(|s| s.id != staff_only));
}

#[tokio::test]
async fn the_questions_stop_changing_once_answering_starts() {
    let (db, _) = community().await;
    let (id, q) = build(&db, false, false, "members").await;
    let staff = audience(&db, "giulia.ferri").await;
    let anna = audience(&db, "anna.rossi").await;
    // Members do not build surveys.
    assert_eq!(
        service::add_section(&db, &anna, id, "Altro", "").await,
        Err(AppError::NotFound)
    );
    // Bad questions are refused.
    let section = service::sections(&db, id).await.unwrap()[0].id;
    for (kind, options) in [("single", "Una sola"), ("multiple", "A\na"), ("colore", "")] {
        assert!(service::add_question(
            &db,
            &staff,
            id,
            &QuestionInput {
                section_id: section,
                kind: kind.into(),
                prompt: "Domanda di prova".into(),
                required: false,
                options: options.into(),
            },
        )
        .await
        .is_err());
    }
    service::answer(&db, &anna, id, &fields(&[(q[0], "1")]), Action::Draft)
        .await
        .unwrap();
    assert_eq!(
        service::remove_question(&db, &staff, id, q[3]).await,
        Err(AppError::SurveyStarted)
    );
    assert_eq!(
        service::add_section(&db, &staff, id, "Altro", "").await,
        Err(AppError::SurveyStarted)
    );
    assert_eq!(service::questions(&db, id).await.unwrap().len(), 4);
}

#[tokio::test]
async fn the_demo_has_a_seminar_feedback_survey_with_published_results() {
    let (db, _) = community().await;
    let found = survey::Entity::find()
        .filter(survey::Column::Title.contains("primo seminario"))
        .one(db.read())
        .await
        .unwrap()
        .expect("the demo survey");
    assert_eq!(found.responses, 3);
    assert!(found.anonymous && found.publish_results);
    let anna = audience(&db, "anna.rossi").await;
    let results = service::results(&db, &anna, found.id).await.unwrap();
    assert_eq!(results.sections.len(), 3);
    let usefulness = &results.sections[0].1[0];
    assert_eq!(usefulness.answered, 3);
    assert!((usefulness.mean.unwrap() - 13.0 / 3.0).abs() < 1e-9);
    // Respondents are recorded; no submitted response names anyone.
    let named = survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.eq(found.id))
        .filter(survey_response::Column::UserId.is_not_null())
        .count(db.read())
        .await
        .unwrap();
    assert_eq!(named, 0);
    let _ = user::Entity::find().count(db.read()).await.unwrap();
}

#[tokio::test]
async fn one_person_submitting_many_times_at_once_gives_one_anonymous_response() {
    let (db, _) = community().await;
    let (id, q) = build(&db, true, false, "members").await;
    let anna = audience(&db, "anna.rossi").await;
    let all = fields(&[(q[0], "1"), (q[1], "4")]);
    // A draft saved while the submissions race: it must not outlive them.
    let tries: Vec<_> = (0..8)
        .map(|i| {
            let (db, anna, all) = (db.clone(), anna.clone(), all.clone());
            let action = if i % 4 == 3 {
                Action::Draft
            } else {
                Action::Submit
            };
            tokio::spawn(async move { service::answer(&db, &anna, id, &all, action).await })
        })
        .collect();
    let mut submitted = 0;
    for task in tries {
        match task.await.unwrap() {
            Ok(Outcome::Submitted) => submitted += 1,
            Ok(Outcome::Saved) | Err(AppError::AlreadyAnswered) => {}
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(submitted, 1);
    let rows = responses(&db, id).await;
    let anna_id = anna.viewer().unwrap().user_id;
    // Drafts saved before the submission went with it; those after it were refused.
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].submitted && rows[0].user_id.is_none(), "{rows:?}");
    assert!(service::has_responded(&db, id, anna_id).await.unwrap());
    let found = survey::Entity::find_by_id(id)
        .one(db.read())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.responses, 1);
}

#[tokio::test]
async fn on_postgresql_no_transaction_id_ties_a_respondent_to_an_anonymous_response() {
    let (db, _) = community().await;
    if db.backend() != DbBackend::Postgres {
        return;
    }
    let (id, q) = build(&db, true, false, "members").await;
    for (who, choice) in [
        ("anna.rossi", "0"),
        ("luca.esposito", "1"),
        ("marco.bellini", "2"),
    ] {
        let person = audience(&db, who).await;
        let all = fields(&[(q[0], choice), (q[1], "3")]);
        service::answer(&db, &person, id, &all, Action::Submit)
            .await
            .unwrap();
    }
    // `xmin` is the transaction that last wrote a row. Every respondent row carries the last
    // submission's, so none of them points at an earlier response (nor singles out the last).
    let xmins = |table: &str, column: &str| {
        Statement::from_string(
            DbBackend::Postgres,
            format!("SELECT DISTINCT xmin::text AS x FROM {table} WHERE {column} = {id}"),
        )
    };
    let respondents = db
        .read()
        .query_all_raw(xmins("survey_respondents", "survey_id"))
        .await
        .unwrap();
    assert_eq!(
        respondents.len(),
        1,
        "one transaction id for all respondents"
    );
    let responses = db
        .read()
        .query_all_raw(xmins("survey_responses", "survey_id"))
        .await
        .unwrap();
    assert_eq!(responses.len(), 3);
}

#[tokio::test]
async fn drafts_of_an_anonymous_survey_go_once_it_closes() {
    let (db, _) = community().await;
    let (anonymous, qa) = build(&db, true, false, "members").await;
    let (named, qn) = build(&db, false, false, "members").await;
    let anna = audience(&db, "anna.rossi").await;
    for (id, q) in [(anonymous, &qa), (named, &qn)] {
        service::answer(&db, &anna, id, &fields(&[(q[0], "1")]), Action::Draft)
            .await
            .unwrap();
    }
    // Open: nothing goes.
    assert_eq!(service::forget_closed_anonymous_drafts(&db).await, Ok(0));
    survey::Entity::update_many()
        .col_expr(
            survey::Column::ClosesAt,
            Expr::value(Utc::now() - Duration::seconds(1)),
        )
        .filter(survey::Column::Id.is_in([anonymous, named]))
        .exec(db.write())
        .await
        .unwrap();
    assert_eq!(service::forget_closed_anonymous_drafts(&db).await, Ok(1));
    assert!(responses(&db, anonymous).await.is_empty());
    assert_eq!(
        responses(&db, named).await.len(),
        1,
        "a named survey keeps the draft"
    );
    let anna_id = anna.viewer().unwrap().user_id;
    let found = service::find(&db, &anna, named).await.unwrap();
    let (state, answers) = service::state(&db, &found, anna_id).await.unwrap();
    assert_eq!(state, ResponseState::Draft);
    assert_eq!(answers[&qn[0]].choices, vec![1]);
    assert!(!service::has_responded(&db, anonymous, anna_id)
        .await
        .unwrap());
}

#[tokio::test]
async fn written_answers_are_listed_in_alphabetical_order_not_in_the_order_given() {
    let (db, _) = community().await;
    let (id, q) = build(&db, true, false, "members").await;
    for (who, text) in [
        ("marco.bellini", "zuppa di idee"),
        ("anna.rossi", "Meno riunioni"),
        ("luca.esposito", "apertura ai comuni piccoli"),
    ] {
        let person = audience(&db, who).await;
        let all = fields(&[(q[0], "1"), (q[1], "3"), (q[3], text)]);
        service::answer(&db, &person, id, &all, Action::Submit)
            .await
            .unwrap();
    }
    let staff = audience(&db, "giulia.ferri").await;
    let results = service::results(&db, &staff, id).await.unwrap();
    assert_eq!(
        results.sections[0].1[3].texts,
        vec![
            "apertura ai comuni piccoli",
            "Meno riunioni",
            "zuppa di idee"
        ]
    );
    let (_, bytes) = service::export_csv(&db, &staff, id, Locale::It)
        .await
        .unwrap();
    let texts: Vec<String> = italian_csv(&bytes)
        .records()
        .map(|r| r.unwrap()[4].to_owned())
        .collect();
    let mut sorted = texts.clone();
    sorted.sort();
    assert_eq!(texts, sorted, "rows sorted by their answers");
}

#[tokio::test]
async fn a_group_survey_is_for_the_group_and_staff_only() {
    let (db, _) = community().await;
    let secret = app::server::entities::group::Entity::find()
        .filter(app::server::entities::group::Column::Slug.eq("cabina-di-regia"))
        .one(db.read())
        .await
        .unwrap()
        .unwrap();
    let (id, _) = build(&db, false, false, &format!("group:{}", secret.id)).await;
    for (who, sees) in [
        ("giulia.ferri", true),
        ("anna.rossi", true),
        ("luca.esposito", false),
        ("marco.bellini", false),
    ] {
        let person = audience(&db, who).await;
        let found = service::find(&db, &person, id).await;
        assert_eq!(found.is_ok(), sees, "{who}");
        let listed = service::list(&db, &person).await.unwrap();
        assert_eq!(listed.iter().any(|s| s.id == id), sees, "{who} list");
    }
    // A group that does not exist is refused, and nothing is created.
    let staff = audience(&db, "giulia.ferri").await;
    let before = survey::Entity::find().count(db.read()).await.unwrap();
    let refused = service::create(
        &db,
        &staff,
        &SurveyInput {
            title: "Per nessuno".into(),
            scope: "group:999999".into(),
            closes_at: local_in(3),
            ..Default::default()
        },
    )
    .await;
    assert_eq!(
        refused,
        Err(AppError::invalid(Field::Scope, InvalidReason::Malformed))
    );
    assert_eq!(
        survey::Entity::find().count(db.read()).await.unwrap(),
        before
    );
}
