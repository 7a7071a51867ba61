//! The wiki's pages, all rendered on the server and working as plain links and form posts.
//! One route (`/wiki/*address`) serves a space's index, a page and its actions, chosen by the
//! `azione` query parameter, MediaWiki-style: `modifica` (with `sezione`, or `conflitto` after a
//! save that could not be merged), `storia`, `diff` (`da`, `a`) and `puntano-qui`.
mod edit;
mod history;
mod inline;
mod promote;
mod view;

pub use edit::NewWikiPage;
pub use history::{RecentChangesPage, ReviewDuePage};
pub use inline::InlineWikiArea;
pub use promote::PromotePage;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::ui::query_param;

/// The address under `/wiki/` (empty for the community space's index).
fn address() -> String {
    use_params_map()
        .read_untracked()
        .get("address")
        .unwrap_or_default()
}

#[component]
pub fn WikiPage() -> impl IntoView {
    let address = address();
    match query_param("azione").as_str() {
        "modifica" => view! { <edit::EditPage address=address/> }.into_any(),
        "storia" => view! { <history::HistoryPage address=address/> }.into_any(),
        "diff" => view! { <history::DiffPage address=address/> }.into_any(),
        "puntano-qui" => view! { <history::BacklinksPage address=address/> }.into_any(),
        _ => view! { <view::ReadPage address=address/> }.into_any(),
    }
}

/// `/wiki/<address>` with a query.
fn url_with(address: &str, query: &str) -> String {
    let address = address.trim_matches('/');
    let base = if address.is_empty() {
        "/wiki".to_owned()
    } else {
        format!("/wiki/{address}")
    };
    if query.is_empty() {
        base
    } else {
        format!("{base}?{query}")
    }
}

/// The trail above a page: the wiki, the space (for a group's), the parent pages.
#[component]
fn Trail(space: super::types::SpaceInfo, ancestors: Vec<super::types::PageRef>) -> impl IntoView {
    let t = crate::i18n::use_messages();
    let group = (space.base != "/wiki").then(|| {
        view! {
            " › "
            <a href=space.base.clone()>{space.name.clone()}</a>
        }
    });
    view! {
        <nav class="breadcrumb" aria-label=t.forum.breadcrumb_label>
            <a href="/wiki">{t.nav_wiki}</a>
            {group}
            {ancestors
                .into_iter()
                .map(|p| view! { " › " <a href=p.url>{p.title}</a> })
                .collect_view()}
        </nav>
    }
}

/// The page's HTML with an "edit" link after each section heading (the anchors are the
/// renderer's own, so the insertion points are known).
pub fn with_section_links(
    html: &str,
    toc: &[super::types::TocEntry],
    address: &str,
    label: &str,
) -> String {
    let mut out = html.to_owned();
    for entry in toc.iter().rev() {
        let marker = format!(" id=\"{}\">", entry.anchor);
        let Some(at) = out.find(&marker) else {
            continue;
        };
        let level = entry.level.saturating_add(1).min(6);
        let close = format!("</h{level}>");
        let Some(end) = out[at..].find(&close).map(|e| at + e + close.len()) else {
            continue;
        };
        let href = url_with(
            address,
            &format!("azione=modifica&amp;sezione={}", entry.section),
        );
        let title = html_escape(&entry.title);
        out.insert_str(
            end,
            &format!(
                "<p class=\"section-edit\"><a href=\"{href}\" data-section=\"{}\" aria-label=\"{label}: {title}\">{label}</a></p>",
                entry.section
            ),
        );
    }
    out
}

pub(crate) fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
