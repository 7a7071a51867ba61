//! The wiki (DESIGN §2 item 5): spaces with scopes, pages at hierarchical paths, every save a
//! revision, diffs, restore, protected pages, `[[links]]` with backlinks, and edits that never
//! overwrite each other silently (three-way merge, or both versions shown for resolving).
//!
//! - **Spaces** carry the scope: the community's (`public`, readable by visitors only in phase 3)
//!   and one per working group (`group:<id>`, made by `lifecycle::group_created`). A page one may
//!   not see is a 404 everywhere: page, history, diff, backlinks, recent changes, feed, space list
//!   (`service::access`; `tests/integration/wiki_access.rs` checks every role against every scope).
//! - **Pages** sit at canonical lower-case paths (unique per space; titles differing only in case
//!   or accents collide). Every save is a numbered revision (`wiki_revisions`, unique per page);
//!   the page row holds the current text and HTML, so showing a page never reads the history (a
//!   test counts the statements). `[[Pagina]]` links are kept in `wiki_links` for backlinks and
//!   for marking pages not written yet; `server::markdown::render_page` renders with anchored
//!   headings.
//! - **Edits never overwrite each other.** A save names the revision it started from. On top of
//!   the current one it becomes the next; on top of an older one it is merged with what was saved
//!   in between, or nothing is saved and the conflict page shows both versions (a text still
//!   holding conflict marks is refused). Saves of a page queue on its row, which is updated only
//!   if still at the revision read, so no save is lost even without the lock (eight concurrent
//!   saves from one revision all land, tested). A section edit is the same save. The person's
//!   text waits in the drafts (`DraftKey::WikiConflict`, `WikiPage`, `WikiNew`) so a conflict or
//!   a refused save comes back with it. See `decisions/0005-wiki-merge-not-lock.md`.
//! - **Text algorithms** are in `text/` (paths, merge, diff, sections): no database, unit-tested.
//! - **Editing**: the form uses `ui::MarkdownEditor` previewing through `PreviewWiki` (with the
//!   space's slug). Staff, and a group's admins in its space, edit in place with the
//!   `InlineWikiEditor` island (`save_wiki_inline`). Staff protect pages and validate them with a
//!   review date (`/wiki/da-rivedere`), both audited, and bring accepted answers of the forum in
//!   (`/wiki/promuovi`: the revision keeps its origin `post:<id>`).
//!
//! Pages: `/wiki`, `/wiki/<path>`, `/wiki/gruppi/<group>/<path>`, with `?azione=modifica`
//! (`&sezione=<n>`), `storia`, `diff` (`&da=&a=`, `&vista=affiancata`), `puntano-qui`;
//! `/wiki/nuova`, `/wiki/modifiche-recenti` (`?spazio=`), `/wiki/feed.atom` (public changes).
pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod text;
pub mod types;
