//! `GET /forum/feed.atom` and `GET /wiki/feed.atom`: public threads and public wiki changes as Atom feeds, seen as a visitor sees
//! them (empty until the community is open to visitors). Feed readers carry no session, so the
//! feed never holds anything reserved.
use atom_syndication::{Entry, Feed, Link, Person, Text};
use axum::{
    extract::State,
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use chrono::Utc;

use app::{
    features::forum::{service::lists, types::ListQuery},
    server::{access::Audience, AppState},
};

pub async fn forum(State(state): State<AppState>) -> Response {
    let visitor = match Audience::load(&state.db, None).await {
        Ok(audience) => audience,
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let list = match lists::list(&state.db, &visitor, &ListQuery::default()).await {
        Ok(list) => list,
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let base = state.public_url.trim_end_matches('/');
    let updated = list
        .threads
        .iter()
        .map(|t| t.last_activity_at)
        .max()
        .unwrap_or_else(Utc::now);
    let entries = list
        .threads
        .into_iter()
        .map(|thread| {
            let url = format!("{base}/forum/t/{}", thread.id);
            Entry {
                title: Text::plain(thread.title),
                id: url.clone(),
                updated: thread.last_activity_at.into(),
                published: Some(thread.created_at.into()),
                authors: thread
                    .author
                    .map(|a| Person {
                        name: a.display_name,
                        ..Default::default()
                    })
                    .into_iter()
                    .collect(),
                links: vec![link(url, "alternate")],
                summary: Some(Text::plain(thread.category_name)),
                ..Default::default()
            }
        })
        .collect();
    let feed = Feed {
        title: Text::plain("Pratica · Forum"),
        id: format!("{base}/forum"),
        updated: updated.into(),
        links: vec![
            link(format!("{base}/forum/feed.atom"), "self"),
            link(format!("{base}/forum"), "alternate"),
        ],
        entries,
        ..Default::default()
    };
    atom(feed)
}

/// `GET /wiki/feed.atom`: the recent changes of public wiki pages, as a visitor sees them.
pub async fn wiki(State(state): State<AppState>) -> Response {
    let visitor = match Audience::load(&state.db, None).await {
        Ok(audience) => audience,
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let recent =
        match app::features::wiki::service::history::recent(&state.db, &visitor, None, None, 50)
            .await
        {
            Ok(recent) => recent,
            Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        };
    let base = state.public_url.trim_end_matches('/');
    let updated = recent
        .changes
        .iter()
        .map(|c| c.at)
        .max()
        .unwrap_or_else(Utc::now);
    let entries = recent
        .changes
        .into_iter()
        .map(|change| {
            let url = format!("{base}{}", change.page.url);
            let diff = if change.number > 1 {
                format!(
                    "{url}?azione=diff&da={}&a={}",
                    change.number - 1,
                    change.number
                )
            } else {
                url.clone()
            };
            Entry {
                title: Text::plain(format!("{} ({})", change.page.title, change.number)),
                id: format!("{url}#r{}", change.number),
                updated: change.at.into(),
                authors: change
                    .author
                    .map(|a| Person {
                        name: a.display_name,
                        ..Default::default()
                    })
                    .into_iter()
                    .collect(),
                links: vec![link(diff, "alternate")],
                summary: Some(Text::plain(if change.summary.is_empty() {
                    change.space
                } else {
                    change.summary
                })),
                ..Default::default()
            }
        })
        .collect();
    let feed = Feed {
        title: Text::plain("Pratica · Wiki"),
        id: format!("{base}/wiki"),
        updated: updated.into(),
        links: vec![
            link(format!("{base}/wiki/feed.atom"), "self"),
            link(format!("{base}/wiki/modifiche-recenti"), "alternate"),
        ],
        entries,
        ..Default::default()
    };
    atom(feed)
}

fn link(href: String, rel: &str) -> Link {
    Link {
        href,
        rel: rel.to_owned(),
        ..Default::default()
    }
}

fn atom(feed: Feed) -> Response {
    let mut response = feed.to_string().into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/atom+xml; charset=utf-8"),
    );
    response
}
