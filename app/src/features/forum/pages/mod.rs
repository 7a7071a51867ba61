//! The forum's pages. Everything is rendered on the server and works as plain links and form
//! posts; two islands add the live preview with drafts (`editor`) and new posts arriving on an
//! open thread (`live`).
mod compose;
mod index;
mod live;
mod post;
mod questions;
mod reports;
mod thread;

pub use compose::{EditPostPage, HistoryPage, NewThreadPage};
pub use index::{CategoryPage, ForumPage, NewThreadLinks};
#[cfg(feature = "ssr")]
pub(crate) use live::render_live_posts;
pub use live::LiveThread;
pub use questions::{QuestionsPage, SolvedPage};
pub use reports::ReportsPage;
pub use thread::{PermalinkPage, ThreadPage};

use crate::ui::PersonName;
use leptos::prelude::*;

use super::types::{ReadState, ThreadKind, ThreadList, ThreadSummary};
use crate::i18n::{format_date_time, use_locale};

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

/// The writing box's preview for posts: the forum's renderer (mentions, sanitiser).
pub(super) fn post_preview() -> crate::ui::PreviewSource {
    use leptos::server_fn::ServerFn;
    crate::ui::PreviewSource {
        endpoint: <super::api::PreviewMarkdown as ServerFn>::PATH.to_owned(),
        context: String::new(),
    }
}
