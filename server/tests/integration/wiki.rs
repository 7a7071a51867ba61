//! The wiki over HTTP, through the whole router: a group's page is a 404 outside the group (page,
//! history, feed); a save works as a plain form; a save that conflicts lands on the page that
//! shows both versions, with the person's text; a refused save comes back with the reason and
//! the text; the feed holds only public changes.

use axum::http::StatusCode;
use leptos::server_fn::ServerFn;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::common::{
    app_and_db,
    forms::{form_post, location_path, signed_in_cookie},
    get,
};
use app::{
    features::wiki::api::SaveWikiPage,
    server::{entities::wiki_page, Db},
};

const GROUP_PAGE: &str = "/wiki/gruppi/cabina-di-regia/programma-dei-seminari";

async fn revision(db: &Db, path: &str) -> i32 {
    wiki_page::Entity::find()
        .filter(wiki_page::Column::Path.eq(path))
        .one(db.read())
        .await
        .unwrap()
        .unwrap()
        .revision_number
}

fn encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => out.push(byte as char),
            b' ' => out.push('+'),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

#[tokio::test]
async fn a_group_page_is_a_404_outside_the_group_and_absent_from_the_feed() {
    let (app, _) = app_and_db(false).await;
    let luca = signed_in_cookie(&app, "luca.esposito").await;
    let anna = signed_in_cookie(&app, "anna.rossi").await;
    for address in [
        GROUP_PAGE.to_owned(),
        format!("{GROUP_PAGE}?azione=storia"),
        format!("{GROUP_PAGE}?azione=modifica"),
        format!("{GROUP_PAGE}?azione=diff&da=1&a=1"),
        "/wiki/gruppi/cabina-di-regia".to_owned(),
        "/wiki/gruppi/cabina-di-regia/non-esiste".to_owned(),
    ] {
        let (status, _, body) = get(&app, &address, &[("cookie", &luca)]).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{address}");
        assert!(!body.contains("Programma dei seminari"), "{address}");
    }
    let (status, _, body) = get(&app, GROUP_PAGE, &[("cookie", &anna)]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Primo semestre"));
    let (_, _, body) = get(&app, "/wiki/modifiche-recenti", &[("cookie", &luca)]).await;
    assert!(body.contains("Glossario") && !body.contains("Programma dei seminari"));
    // The feed is what a visitor sees: nothing before the community opens.
    let (status, _, feed) = get(&app, "/wiki/feed.atom", &[("cookie", &anna)]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(feed.contains("<feed") && !feed.contains("Programma dei seminari"));
    assert!(
        !feed.contains("Glossario"),
        "closed phase: no public changes"
    );
    // Paths with odd characters are refused, never resolved. (`..`, even encoded, is resolved
    // by URL rules before routing, as browsers do: `/wiki/a/%2e%2e/glossario` is the glossary,
    // still behind the same checks; in a form's address it is refused, below.)
    for address in ["/wiki/Glossario", "/wiki/glossario%2e", "/wiki/a%2fb"] {
        let (status, _, body) = get(&app, address, &[("cookie", &anna)]).await;
        let h1 = body
            .split("<h1")
            .nth(1)
            .map(|b| b.chars().take(120).collect::<String>());
        assert!(
            status == StatusCode::NOT_FOUND || status == StatusCode::UNPROCESSABLE_ENTITY,
            "{address}: {status} {h1:?}"
        );
    }
    // The same in a form's address: refused, nothing saved.
    let response = form_post(
        &app,
        SaveWikiPage::PATH,
        "address=..%2Fglossario&source=x&base=1&section=&summary=",
        &[
            ("cookie", &anna),
            ("referer", "http://localhost/wiki/glossario?azione=modifica"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert!(location_path(&response).contains("__err"));
}

#[tokio::test]
async fn plain_form_saves_merge_or_show_the_conflict_and_never_lose_the_text() {
    let (app, db) = app_and_db(false).await;
    let anna = signed_in_cookie(&app, "anna.rossi").await;
    let luca = signed_in_cookie(&app, "luca.esposito").await;
    let base = revision(&db, "glossario").await;
    let (_, _, form) = get(
        &app,
        "/wiki/glossario?azione=modifica",
        &[("cookie", &anna)],
    )
    .await;
    assert!(form.contains(&format!("name=\"base\" value=\"{base}\"")));
    let text = |extra: &str| {
        format!(
            "**Amministrazione condivisa** — {extra}\n\n**Coprogettazione** — vedi [[Guida alla coprogettazione]].\n"
        )
    };
    let save = |cookie: String, body: String| {
        let app = app.clone();
        async move {
            form_post(
                &app,
                SaveWikiPage::PATH,
                &body,
                &[
                    ("cookie", &cookie),
                    ("referer", "http://localhost/wiki/glossario?azione=modifica"),
                ],
            )
            .await
        }
    };
    let body = |source: &str, base: i32| {
        format!(
            "address=glossario&source={}&base={base}&section=&summary=prova",
            encode(source)
        )
    };
    let response = save(anna.clone(), body(&text("versione di Anna."), base)).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(
        location_path(&response),
        format!("/wiki/glossario?salvata={}", base + 1)
    );
    // Luca saves the same line from the old revision: the conflict page, with both versions.
    let response = save(luca.clone(), body(&text("versione di Luca."), base)).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let conflict = location_path(&response);
    assert_eq!(
        conflict,
        format!("/wiki/glossario?azione=modifica&conflitto={base}")
    );
    assert_eq!(revision(&db, "glossario").await, base + 1, "nothing saved");
    let (status, _, page) = get(&app, &conflict, &[("cookie", &luca)]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Conflitto di modifica"));
    assert!(page.contains("versione di Luca.") && page.contains("versione di Anna."));
    assert!(page.contains(&format!("name=\"base\" value=\"{}\"", base + 1)));
    assert!(page.contains("&lt;&lt;&lt;&lt;&lt;&lt;&lt; la tua versione"));

    // A refused save (too large) comes back with the reason and the text.
    let huge = "x".repeat(200_001);
    let response = save(luca.clone(), body(&huge, base + 1)).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let back = location_path(&response);
    assert!(back.contains("__err"), "{back}");
    assert_eq!(revision(&db, "glossario").await, base + 1, "nothing saved");
    let (_, _, page) = get(&app, &back, &[("cookie", &luca)]).await;
    assert!(page.contains("200000"), "the reason shows");
    assert!(page.contains(&"x".repeat(1_000)), "the text is back");
}
