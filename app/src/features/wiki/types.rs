//! Wiki types shared by server and browser.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::scope::Scope;
pub use crate::ui::Person;

pub const TITLE_MIN: usize = 2;
pub const TITLE_MAX: usize = 200;
/// The largest page text accepted (characters).
pub const SOURCE_MAX: usize = 200_000;
pub const SUMMARY_MAX: usize = 300;
/// Revisions on one page of a history, and changes on one page of "modifiche recenti".
pub const HISTORY_PER_PAGE: u64 = 50;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpaceInfo {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub scope: Scope,
    /// Where the space's pages live: `/wiki` or `/wiki/gruppi/<slug>`.
    pub base: String,
    pub pages: u64,
}

/// A link to a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageRef {
    pub title: String,
    pub path: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TocEntry {
    pub level: u8,
    pub title: String,
    pub anchor: String,
    /// The section's number, for "edit this section".
    pub section: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validation {
    pub by: Option<Person>,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageView {
    pub space: SpaceInfo,
    pub page: PageRef,
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub revision: i32,
    pub updated_at: DateTime<Utc>,
    pub updated_by: Option<Person>,
    pub protected: bool,
    pub validation: Option<Validation>,
    pub review_at: Option<DateTime<Utc>>,
    pub review_due: bool,
    /// The pages above this one, top first.
    pub ancestors: Vec<PageRef>,
    pub children: Vec<PageRef>,
    pub may_edit: bool,
    /// Staff, and a group's admins in its space: "Modifica" edits in place on the page.
    pub inline: bool,
    pub is_team: bool,
    pub signed_in: bool,
    pub watching: bool,
}

/// What `/wiki/<path>` shows: the page, or (when it does not exist) an invitation to write it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PageOrMissing {
    Page(Box<PageView>),
    Missing {
        space: SpaceInfo,
        path: String,
        title: String,
        may_create: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpaceIndex {
    pub space: SpaceInfo,
    pub spaces: Vec<SpaceInfo>,
    pub pages: Vec<PageRef>,
    pub may_create: bool,
}

/// The edit form: a whole page or one section, starting from revision `base` (0 for a new page).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditForm {
    pub space: SpaceInfo,
    pub page: PageRef,
    pub exists: bool,
    pub base: i32,
    pub section: Option<usize>,
    pub source: String,
    pub protected: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub number: i32,
    pub title: String,
    pub author: Option<Person>,
    pub at: DateTime<Utc>,
    pub summary: String,
    pub size: i32,
    pub size_delta: i32,
    /// `restore:<number>` or `post:<id>`.
    pub origin: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    pub space: SpaceInfo,
    pub page: PageRef,
    pub current: i32,
    pub entries: Vec<HistoryEntry>,
    /// The revision number to continue from, for older entries.
    pub older: Option<i32>,
    pub may_edit: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffSegment {
    pub text: String,
    pub changed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffLine {
    pub number: u32,
    pub segments: Vec<DiffSegment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DiffRow {
    Same {
        old: u32,
        new: u32,
        text: String,
    },
    Changed {
        old: Option<DiffLine>,
        new: Option<DiffLine>,
    },
    /// Unchanged lines not shown.
    Skipped(u32),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct DiffView {
    pub rows: Vec<DiffRow>,
    pub added: u32,
    pub removed: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionDiff {
    pub space: SpaceInfo,
    pub page: PageRef,
    pub from: HistoryEntry,
    pub to: HistoryEntry,
    pub diff: DiffView,
    pub may_edit: bool,
    pub current: i32,
}

/// A stretch of the conflict view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConflictPart {
    Same(String),
    Conflict { mine: String, theirs: String },
}

/// A save that could not be merged: both versions, the conflicting parts marked, and the text to
/// resolve (with marks), to be saved on top of the other person's revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictView {
    pub parts: Vec<ConflictPart>,
    pub conflicts: usize,
    pub their_revision: i32,
    pub their_author: Option<Person>,
    /// The whole text the person saved (with their section put back in its page).
    pub mine: String,
}

impl ConflictView {
    /// The text offered for resolving: the agreed parts, and each conflict as both versions
    /// between marks (a text still holding them is not saved).
    pub fn text_with_marks(&self, mine_label: &str, theirs_label: &str) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                ConflictPart::Same(text) => out.push_str(text),
                ConflictPart::Conflict { mine, theirs } => {
                    out.push_str(&format!("<<<<<<< {mine_label}\n{mine}=======\n{theirs}"));
                    out.push_str(&format!(">>>>>>> {theirs_label}\n"));
                }
            }
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SaveOutcome {
    /// Saved as revision `number`; `merged` when someone else's changes were merged in.
    Saved {
        number: i32,
        merged: bool,
    },
    /// Nothing changed: the text is the same as the current one.
    Unchanged,
    Conflict(ConflictView),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentChange {
    pub space: String,
    pub page: PageRef,
    pub number: i32,
    pub author: Option<Person>,
    pub at: DateTime<Utc>,
    pub summary: String,
    pub size_delta: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentChanges {
    pub spaces: Vec<SpaceInfo>,
    pub space: Option<String>,
    pub changes: Vec<RecentChange>,
    /// A cursor for older changes.
    pub older: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backlinks {
    pub space: SpaceInfo,
    pub page: PageRef,
    pub pages: Vec<PageRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewItem {
    pub space: String,
    pub page: PageRef,
    pub review_at: DateTime<Utc>,
    pub validated_by: Option<Person>,
}

/// What an address under `/wiki` shows by default: a space's index or a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum WikiView {
    Index(SpaceIndex),
    Page(PageOrMissing),
    /// A visitor before the community opens: the wiki is for its people.
    Closed,
}

/// The edit page: the form, the text kept from a refused save (if any), and the conflict to
/// resolve after a save that could not be merged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditScreen {
    pub form: EditForm,
    pub kept: Option<String>,
    pub conflict: Option<ConflictView>,
}

/// The form for a new page in a space.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPageForm {
    pub space: SpaceInfo,
    pub parent: String,
    pub title: String,
    pub kept: Option<String>,
}

/// What an inline save gives back to the page it was made on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InlineSaved {
    /// The page's new HTML (with its section links), to show in place.
    pub html: String,
    pub revision: i32,
    /// A localised line for the person: saved, merged, unchanged, or why it was refused.
    pub message: String,
    pub saved: bool,
    /// After a conflict: the page where both versions are shown (the text is kept there).
    pub conflict_url: Option<String>,
}

/// The inline editor's strings, in the page's language (islands get their text as props).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InlineText {
    pub edit_here: String,
    pub source_label: String,
    pub summary_label: String,
    pub save: String,
    pub cancel: String,
    pub preview: String,
    pub loading_failed: String,
    pub saving_failed: String,
    pub resolve: String,
}

/// Staff bring an accepted answer into the wiki: as a new page, or appended to a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromoteForm {
    pub post_id: i32,
    pub thread_id: i32,
    pub question: String,
    pub author: Option<Person>,
    /// The answer as it shows in the forum (sanitised HTML).
    pub html: String,
    pub spaces: Vec<SpaceInfo>,
}
