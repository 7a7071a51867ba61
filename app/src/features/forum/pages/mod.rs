//! The forum's pages. Everything is rendered on the server and works as plain links and form
//! posts; two islands add the live preview with drafts (`editor`) and new posts arriving on an
//! open thread (`live`).
mod compose;
mod editor;
mod index;
mod live;
mod post;
mod questions;
mod reports;
mod thread;

pub use compose::{EditPostPage, HistoryPage, NewThreadPage};
pub use editor::{EditorText, MarkdownEditor};
pub use index::{CategoryPage, ForumPage, NewThreadLinks};
pub use live::{LiveText, LiveThread};
pub use questions::{QuestionsPage, SolvedPage};
pub use reports::ReportsPage;
pub use thread::{PermalinkPage, ThreadPage};

use leptos::prelude::*;

use super::types::{Person, ReadState, ThreadKind, ThreadList, ThreadSummary};
use crate::{
    i18n::{format_date_time, use_locale, Messages},
    scope::Scope,
};

pub fn scope_label(scope: Scope, t: &Messages) -> &'static str {
    match scope {
        Scope::Public => t.forum.scope_public,
        Scope::Registered => t.forum.scope_registered,
        Scope::Members => t.forum.scope_members,
        Scope::Group(_) => t.forum.scope_group,
        Scope::Staff => t.forum.scope_staff,
    }
}

/// A person's name with the marks the community cares about (expert, staff).
#[component]
pub fn PersonName(person: Option<Person>) -> impl IntoView {
    let t = crate::i18n::use_messages();
    match person {
        None => view! { <span class="author">{t.forum.someone}</span> }.into_any(),
        Some(p) => {
            let badge = if p.expert {
                Some(("badge expert", t.forum.badge_expert))
            } else if p.staff {
                Some(("badge staff", t.forum.badge_staff))
            } else {
                None
            };
            view! {
                <span class="author">{p.display_name}</span>
                {badge.map(|(class, label)| view! { " " <span class=class>{label}</span> })}
            }
            .into_any()
        }
    }
}

/// A list of threads with its "next page" link (`base` is the page's address with its other
/// parameters; the cursor is added to it).
#[component]
pub fn ThreadListView(list: ThreadList, base: String, empty: &'static str) -> impl IntoView {
    let t = crate::i18n::use_messages();
    let ThreadList {
        pinned,
        threads,
        next,
    } = list;
    if pinned.is_empty() && threads.is_empty() {
        return view! { <p class="notice">{empty}</p> }.into_any();
    }
    let next = next.map(|cursor| {
        let joiner = if base.contains('?') { '&' } else { '?' };
        let href = format!("{base}{joiner}dopo={cursor}");
        view! {
            <nav class="pager" aria-label=t.forum.pages_label>
                <a href=href rel="next" class="button secondary">{t.forum.older_threads}</a>
            </nav>
        }
    });
    view! {
        <ul class="thread-list">
            {pinned
                .into_iter()
                .chain(threads)
                .map(|thread| view! { <ThreadRow thread=thread/> })
                .collect_view()}
        </ul>
        {next}
    }
    .into_any()
}

#[component]
pub fn ThreadRow(thread: ThreadSummary) -> impl IntoView {
    let locale = use_locale();
    let t = locale.messages();
    let href = format!("/forum/t/{}", thread.id);
    let category_href = format!("/forum/c/{}", thread.category_slug);
    let mut badges: Vec<(&'static str, &'static str)> = Vec::new();
    if thread.pinned {
        badges.push(("badge", t.forum.badge_pinned));
    }
    if thread.kind == ThreadKind::Question {
        badges.push(if thread.solved {
            ("badge solved", t.forum.badge_solved)
        } else {
            ("badge question", t.forum.badge_question)
        });
    }
    if thread.locked {
        badges.push(("badge muted", t.forum.badge_locked));
    }
    if thread.hidden {
        badges.push(("badge danger", t.forum.badge_hidden));
    }
    match thread.read {
        ReadState::New => badges.push(("badge new", t.forum.badge_new)),
        ReadState::Unread => badges.push(("badge new", t.forum.badge_unread)),
        ReadState::Read => {}
    }
    let unread = thread.read != ReadState::Read;
    let datetime = thread.last_activity_at.to_rfc3339();
    let when = format_date_time(thread.last_activity_at, locale);
    let replies = if thread.kind == ThreadKind::Question {
        (t.forum.answers_count)(thread.replies.max(0) as u64)
    } else {
        (t.forum.replies_count)(thread.replies.max(0) as u64)
    };
    view! {
        <li class="thread-row" class:unread=unread>
            <div class="thread-main">
                <a href=href class="thread-title">{thread.title}</a>
                {badges
                    .into_iter()
                    .map(|(class, label)| view! { " " <span class=class>{label}</span> })
                    .collect_view()}
                <p class="meta">
                    <a href=category_href>{thread.category_name}</a>
                    " · "
                    <PersonName person=thread.author/>
                    " · "
                    {t.forum.last_activity}
                    " "
                    <time datetime=datetime>{when}</time>
                </p>
            </div>
            <p class="thread-stats">{replies}</p>
        </li>
    }
}

/// Reads a query parameter of the current address.
pub fn query_param(name: &str) -> String {
    leptos_router::hooks::use_query_map()
        .read_untracked()
        .get(name)
        .unwrap_or_default()
}

/// Reads a numeric route parameter (`:id`); anything else is 0, which is never found.
pub fn id_param() -> i32 {
    leptos_router::hooks::use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse().ok())
        .unwrap_or(0)
}
