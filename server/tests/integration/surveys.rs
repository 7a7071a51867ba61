//! Surveys over HTTP: the answers form as a plain post (draft, missing required questions
//! marked, submitted), the results page with its SVG charts and tables, and the CSV export
//! for staff only.

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
    Router,
};
use http_body_util::BodyExt;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use tower::ServiceExt;

use crate::common::{
    app_and_db,
    forms::{form_post, location_path, signed_in_cookie},
    get,
};
use app::server::{
    entities::{survey, survey_question},
    Db,
};

async fn demo_survey(db: &Db) -> (i32, Vec<i32>) {
    let found = survey::Entity::find()
        .filter(survey::Column::Title.contains("primo seminario"))
        .one(db.read())
        .await
        .unwrap()
        .unwrap();
    let questions = survey_question::Entity::find()
        .filter(survey_question::Column::SurveyId.eq(found.id))
        .order_by_asc(survey_question::Column::SectionId)
        .order_by_asc(survey_question::Column::Position)
        .all(db.read())
        .await
        .unwrap()
        .into_iter()
        .map(|q| q.id)
        .collect();
    (found.id, questions)
}

async fn csv(app: &Router, id: i32, cookie: &str) -> (StatusCode, String, Vec<u8>) {
    let request = Request::get(format!("/questionari/{id}/risultati.csv"))
        .header("cookie", cookie)
        .body(Body::empty())
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let kind = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let bytes = response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    (status, kind, bytes)
}

#[tokio::test]
async fn answering_by_plain_form_saves_marks_missing_and_submits() {
    let (app, db) = app_and_db(false).await;
    let (id, q) = demo_survey(&db).await;
    // Giulia has not answered the demo survey.
    let giulia = signed_in_cookie(&app, "giulia.ferri").await;
    let page = format!("/questionari/{id}");
    let referer = format!("http://localhost{page}");
    let post = |body: String| {
        let (app, giulia, referer) = (app.clone(), giulia.clone(), referer.clone());
        async move {
            form_post(
                &app,
                &format!("/questionari/{id}/risposte"),
                &body,
                &[("cookie", &giulia), ("referer", &referer)],
            )
            .await
        }
    };
    let (_, _, body) = get(&app, &page, &[("cookie", &giulia)]).await;
    assert!(body.contains("Hai risposto a 0 domande su 7"));
    assert!(body.contains(&format!("name=\"q{}\"", q[0])));
    // A draft: one answer.
    let response = post(format!("q{}=4&azione=bozza", q[0])).await;
    assert_eq!(location_path(&response), format!("{page}?salvato=1"));
    let (_, _, body) = get(&app, &format!("{page}?salvato=1"), &[("cookie", &giulia)]).await;
    assert!(body.contains("Bozza salvata"));
    assert!(body.contains("Hai risposto a 1 domanda su 7"));
    // Submitting without the other required questions: back with them marked.
    let response = post(format!("q{}=4&q{}=5&azione=invia", q[0], q[6])).await;
    let back = location_path(&response);
    assert!(
        back.starts_with(&format!("{page}?mancanti={},{}", q[1], q[2])),
        "{back}"
    );
    let (_, _, body) = get(&app, &back, &[("cookie", &giulia)]).await;
    assert!(body.contains("Mancano le risposte a 2 domande obbligatorie"));
    assert!(body.contains("Le risposte date sono salvate come bozza."));
    assert!(body.contains("Questa domanda è obbligatoria."));
    // A value off the scale: refused with the reason, nothing changed.
    let response = post(format!("q{}=9&azione=invia", q[0])).await;
    let back = location_path(&response);
    assert!(back.contains("__err"), "{back}");
    // A body that is not a form at all: back to the page with a clear message.
    let request = Request::post(format!("/questionari/{id}/risposte"))
        .header(header::CONTENT_TYPE, "text/plain")
        .header(header::HOST, "localhost")
        .header(header::REFERER, referer.as_str())
        .header("cookie", giulia.as_str())
        .body(Body::from("q1=1"))
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let back = location_path(&response);
    assert!(back.starts_with(&page) && back.contains("__err"), "{back}");
    let (_, _, body) = get(&app, &back, &[("cookie", &giulia)]).await;
    assert!(body.contains("Risposte:"), "the message names the answers");
    // Complete: submitted; the count moves to 4.
    let response = post(format!(
        "q{}=4&q{}=5&q{}=2&q{}=0&q{}=3&q{}=Ottimo&azione=invia",
        q[0], q[1], q[2], q[3], q[3], q[5]
    ))
    .await;
    assert_eq!(location_path(&response), format!("{page}?inviato=1"));
    let (_, _, body) = get(&app, &format!("{page}?inviato=1"), &[("cookie", &giulia)]).await;
    assert!(body.contains("Risposte inviate"));
    assert!(body.contains("4 risposte"));
    assert!(body.contains("Hai già risposto a questo questionario anonimo"));

    // Results: SVG charts with their numbers, tables, written answers.
    let (status, _, body) = get(&app, &format!("{page}/risultati"), &[("cookie", &giulia)]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("<svg") && body.contains("role=\"img\""));
    assert!(body.contains("<desc id=\"grafico-"));
    assert!(body.contains("<table class=\"results-table\""));
    assert!(body.contains("Ottimo") && body.contains("Più tempo per le domande finali."));
}

#[tokio::test]
async fn the_export_is_a_csv_for_staff_and_a_404_page_for_everyone_else() {
    let (app, db) = app_and_db(false).await;
    let (id, _) = demo_survey(&db).await;
    // Staff: a CSV that an Italian spreadsheet opens as it is.
    let giulia = signed_in_cookie(&app, "giulia.ferri").await;
    let (status, kind, bytes) = csv(&app, id, &giulia).await;
    assert_eq!(status, StatusCode::OK);
    assert!(kind.starts_with("text/csv"), "{kind}");
    assert!(bytes.starts_with("\u{feff}".as_bytes()));
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[3..]);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header[0], "Risposta n.");
    assert!(
        header[1].starts_with("Quanto sono stati utili"),
        "{header:?}"
    );
    assert!(
        !header.iter().any(|h| h == "Persona"),
        "anonymous: no names"
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(rows.len(), 3, "the three demo responses");
    assert!(rows.iter().all(|r| r.len() == header.len()));
    assert!(rows
        .iter()
        .any(|r| r.iter().any(|c| c == "Più tempo per le domande finali.")));
    // Anna responded and the results are published: she reads the totals, not the rows.
    let anna = signed_in_cookie(&app, "anna.rossi").await;
    let (status, _, body) = get(
        &app,
        &format!("/questionari/{id}/risultati"),
        &[("cookie", &anna)],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body.contains("risultati.csv"), "no export link for her");
    let (status, kind, bytes) = csv(&app, id, &anna).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(kind.starts_with("text/html"), "{kind}");
    let page = String::from_utf8(bytes).unwrap();
    assert!(
        page.contains("Pagina non trovata") && page.contains("lang=\"it\""),
        "{page}"
    );
    // Visitors: 404, for the page, the results and the export.
    let (status, _, _) = csv(&app, id, "").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = get(&app, &format!("/questionari/{id}/risultati"), &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = get(&app, &format!("/questionari/{id}"), &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Answers posted to a survey one may not see go to its page, which is a 404 too.
    let response = form_post(&app, &format!("/questionari/{id}/risposte"), "q1=1", &[]).await;
    assert_eq!(location_path(&response), format!("/questionari/{id}"));
}
