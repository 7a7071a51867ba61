//! Polls (DESIGN §2.8): quick questions on the home page, a working group's page or a forum
//! thread, with live results. Staff create them anywhere, a group's admins in their group.
//!
//! - **Tables**: `polls` (scope, optional group or thread, single or multiple choice with
//!   `max_choices`, opening and closing, who sees results, anonymous, per organisation, featured,
//!   a kept `voters` count and a `revision` every vote moves on), `poll_options` (kept counts),
//!   `poll_voters` (key `(poll, voter)`, voter `user:<id>` or `org:<id>`: one vote per person or
//!   per organisation, by the database) and `poll_choices` (who chose what, **named polls only**).
//! - **Anonymous means anonymous**: the poll keeps that someone voted (no time) and the counts,
//!   nothing that links the two, so the vote cannot change. Each vote rewrites all the poll's
//!   option rows in one statement, so on PostgreSQL no option's `xmin` matches the voter row;
//!   `tests/integration/polls.rs` inspects the tables to prove it.
//! - **Access**: `service::visible_polls` (the scope, and for a poll in a thread a visible thread)
//!   in every list and fetch; `service::find` is the 404. A thread's polls take the category's
//!   scope and follow it when the thread moves or the category's scope changes
//!   (`service::follow_threads`, called from `lifecycle`, in the same transaction).
//! - **Voting** (`service::vote`): the choice is checked whole (known options, no repeats, at most
//!   `max_choices`, open now, the referent for an organisation), then one transaction locks the
//!   poll row and writes the voter, the choices and the counts. 100 concurrent votes give exact
//!   counts (tested).
//! - **Results**: `service::results_visible` is the one rule (always, after voting, after closing,
//!   staff only), used by pages, `fetch_poll_live`, the live stream and the CSV export
//!   (`GET /sondaggi/<id>/risultati.csv`, for those who manage the poll). A vote publishes the
//!   counts once; each stream passes them only to subscribers who could see them when it opened,
//!   and sends the others the number of voters.
//! - **Live**: the `LivePoll` island updates the card's server-rendered markup by id, ignores a
//!   state older than the poll revision it shows, and reconnects with backoff (1 s to 30 s); every
//!   (re)connection starts with the poll's state. See
//!   `decisions/0006-anonymous-votes-and-live-results.md`.
//!
//! Pages: `/sondaggi`, `/sondaggi/<id>`, `/sondaggi/nuovo` (`?gruppo=`, `?discussione=`), and the
//! `PollCard` on the home page, group pages and threads. Voting is a plain form; a refused vote
//! goes back to the page it came from with the reason on that poll's card.
pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
