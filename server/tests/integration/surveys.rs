//! Surveys over HTTP: the answers form as a plain post (draft, missing required questions
//! marked, submitted), the results page with its SVG charts and tables, and the CSV export
//! only for those who may see the results.

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
    assert!(body.contains("Hai risposto a 1 domande su 7"));
    // Submitting without the other required questions: back with them marked.
    let response = post(format!("q{}=4&q{}=5&azione=invia", q[0], q[6])).await;
    let back = location_path(&response);
    assert!(
        back.starts_with(&format!("{page}?mancanti={},{}", q[1], q[2])),
        "{back}"
    );
    let (_, _, body) = get(&app, &back, &[("cookie", &giulia)]).await;
    assert!(body.contains("Mancano le risposte a 2 domande obbligatorie"));
    assert!(body.contains("Questa domanda è obbligatoria."));
    // A value off the scale: refused with the reason, nothing changed.
    let response = post(format!("q{}=9&azione=invia", q[0])).await;
    let back = location_path(&response);
    assert!(back.contains("__err"), "{back}");
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
async fn the_export_is_a_csv_for_those_who_may_see_results_and_a_404_for_others() {
    let (app, db) = app_and_db(false).await;
    let (id, _) = demo_survey(&db).await;
    let anna = signed_in_cookie(&app, "anna.rossi").await;
    let (status, kind, bytes) = csv(&app, id, &anna).await;
    assert_eq!(status, StatusCode::OK);
    assert!(kind.starts_with("text/csv"), "{kind}");
    assert!(bytes.starts_with("\u{feff}".as_bytes()));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "a header and three responses");
    assert!(lines[0].starts_with("Risposta n.,Quanto sono stati utili"));
    assert!(text.contains("Più tempo per le domande finali."));
    // Visitors: 404, for the page, the results and the export.
    let (status, _, _) = csv(&app, id, "").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = get(&app, &format!("/questionari/{id}/risultati"), &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = get(&app, &format!("/questionari/{id}"), &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Staff always.
    let giulia = signed_in_cookie(&app, "giulia.ferri").await;
    let (status, _, _) = csv(&app, id, &giulia).await;
    assert_eq!(status, StatusCode::OK);
}
