//! Surveys (DESIGN §2.9): staff questionnaires with sections and questions, for an audience
//! (scope), open between two times, named or anonymous. One response per person, kept as a
//! draft while filling; results with charts drawn on the server, and a CSV export.
//!
//! - **Tables**: `surveys` (scope, anonymous, results published, opening and closing, a kept count
//!   of responses), `survey_sections`, `survey_questions` (single, multiple, 5- and 10-point
//!   scales, short and long text; required or not), `survey_responses` (one per person by a unique
//!   index: a draft or a submitted named response), `survey_answers`, `survey_respondents`.
//! - **Building**: staff create a survey (`/questionari/nuovo`) and add sections and questions on
//!   its page; questions freeze once anyone has started answering.
//! - **Answering**: the form posts to `POST /questionari/<id>/risposte`, an axum route
//!   (`server/src/routes/surveys.rs`) because its fields are named after the questions; same
//!   session and same-origin checks as server functions. `service::answer` checks every answer
//!   against its question, then saves a draft or submits when every required question is
//!   answered (otherwise the missing ones come back marked). Named responses stay editable until
//!   closing; anonymous ones are copied without person or time and the draft is deleted.
//! - **Concurrency**: answering and building run in one transaction holding the survey's row, so a
//!   person's saves queue and questions never change under a first response. An anonymous
//!   submission rewrites every respondent row, so on PostgreSQL no `xmin` ties a respondent to a
//!   response. Unsent drafts of closed anonymous surveys are deleted by the server's hourly chore.
//! - **Results** (`/questionari/<id>/risultati`): staff always, respondents once published, a 404
//!   otherwise (`may_see_results`). Counts per option and scale value, means of scales, text
//!   answers in alphabetical order (not the order given). Charts are SVG drawn on the server
//!   (`pages/chart.rs`) whose description states every number, with the same numbers in a table.
//! - **Export**: `GET /questionari/<id>/risultati.csv`, staff only, written by
//!   `server::spreadsheet` (byte-order mark, `;` in Italian and `,` in English, formula-like cells
//!   neutralised); one row per response, an anonymous survey's rows sorted by their answers.
//!   See `decisions/0006-anonymous-votes-and-live-results.md`.
pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
