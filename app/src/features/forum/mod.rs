//! The forum and Q&A (DESIGN §2 items 3, 4): categories with scopes, discussions and questions,
//! Markdown posts, votes and accepted answers, unread markers, drafts, live threads,
//! subscriptions and moderation.
//!
//! - **Categories** carry the scope: the general one, one per approved theme, one per working
//!   group (made by `lifecycle::group_created`; its scope is the group and cannot change). A
//!   thread has no scope of its own: it is visible when its category is, it is not deleted and
//!   not hidden (staff see hidden threads and posts). Every list, count, fetch, permalink, feed
//!   and live stream goes through `service::access`; `tests/integration/forum_access.rs` is the
//!   table of every role against every kind of forum content. When staff move a thread or change
//!   a category's scope, `lifecycle::thread_moved` / `category_scope_changed` run in the same
//!   transaction (the thread's polls follow). See
//!   `decisions/0004-forum-visibility-and-live-events.md`.
//! - **Posts** are stored as Markdown plus the HTML `server::markdown` made of it (sanitised once,
//!   on saving). Every edit keeps the earlier version (`post_revisions`); deleting is soft (a
//!   notice stays; the first post takes the thread with it).
//! - **Answers**: one vote per person and answer (`post_votes` primary key; the post row is locked
//!   while a vote changes, so the score is always the sum); the asker or staff accept one answer
//!   and may change it; experts' answers are marked; solved questions form `/domande/risolte`.
//! - **Counts**: `categories.thread_count` holds the visible threads and changes in the same
//!   transaction as the thread (create, delete, hide, unhide, move); `categories::recount`
//!   rebuilds it. Lists use keyset pagination, and a thread's page costs a constant number of
//!   queries whatever its length (tested).
//! - **Drafts** (`server::drafts`, keys `kernel::draft::DraftKey`) are saved while typing and when
//!   a post is refused, so the form comes back with the text. The writing box is
//!   `ui::MarkdownEditor`, previewing through this feature's `PreviewMarkdown`.
//! - **Live**: a new post publishes `thread:<id>` on `server::events` after the commit; the
//!   `LiveThread` island listens on `/live?topic=thread:<id>` and fetches the posts through
//!   `fetch_live_posts`, which checks again. No content travels on the bus.
//! - **Moderation**: staff pin, lock, hide and move threads, hide posts and work through reports
//!   (`/staff/segnalazioni`); every action is audited (`server::audit`).
//!
//! Pages: `/forum`, `/forum/c/<slug>`, `/forum/t/<id>` (`?da=<post>`, `?prima=<post>`),
//! `/forum/m/<id>` (permalink) with `/modifica` and `/versioni`, `/forum/nuovo`, `/domande`,
//! `/domande/risolte`, `/forum/feed.atom` (as a visitor sees it). Public questions carry
//! schema.org `QAPage` microdata.
pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
