//! Forum and Q&A types shared by server and browser.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use crate::ui::Person;

use crate::scope::Scope;

pub const TITLE_MIN: usize = 8;
pub const TITLE_MAX: usize = 200;
pub const BODY_MAX: usize = 20_000;
pub const REASON_MAX: usize = 1_000;
/// Posts on one page of a thread, and threads on one page of a list.
pub const POSTS_PER_PAGE: u64 = 50;
pub const THREADS_PER_PAGE: u64 = 30;

crate::stored_enum! {
    pub enum ThreadKind {
        Discussion = "discussion",
        Question = "question",
    }
}

impl ThreadKind {
    /// A kind posted by a form, which may use the Italian words.
    pub fn from_form(text: &str) -> Option<ThreadKind> {
        match text {
            "discussion" | "discussione" => Some(ThreadKind::Discussion),
            "question" | "domanda" => Some(ThreadKind::Question),
            _ => None,
        }
    }
}

/// Which threads a list shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ListView {
    /// Everything one may see, newest activity first.
    Latest,
    /// Threads one watches, in categories one watches, or on themes one follows.
    Followed,
    /// One category (by slug).
    Category(String),
    /// Questions only.
    Questions(QuestionFilter),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuestionFilter {
    All,
    /// No answer yet.
    Unanswered,
    /// Answers, none accepted yet.
    Open,
    /// An answer is accepted ("Domande risolte").
    Solved,
}

impl QuestionFilter {
    pub const ALL: [QuestionFilter; 4] = [
        QuestionFilter::All,
        QuestionFilter::Unanswered,
        QuestionFilter::Open,
        QuestionFilter::Solved,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            QuestionFilter::All => "tutte",
            QuestionFilter::Unanswered => "senza-risposta",
            QuestionFilter::Open => "aperte",
            QuestionFilter::Solved => "risolte",
        }
    }

    pub fn parse(text: &str) -> Option<QuestionFilter> {
        QuestionFilter::ALL.into_iter().find(|f| f.as_str() == text)
    }
}

/// What a list asks for: the view, an optional theme (by slug) and title search, and the
/// keyset cursor of the page (`dopo=`), as found in the address.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListQuery {
    pub view: Option<ListView>,
    pub theme: Option<String>,
    pub search: Option<String>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryInfo {
    pub id: i32,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub scope: Scope,
    /// The theme or working group the category belongs to, by slug.
    pub theme_slug: Option<String>,
    pub group_slug: Option<String>,
    /// Threads in it the viewer may see.
    pub threads: u64,
}

/// Where the viewer stands with a thread's posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReadState {
    /// Not signed in, or nothing new.
    Read,
    /// Never opened.
    New,
    /// Opened before; posts came since.
    Unread,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadSummary {
    pub id: i32,
    pub title: String,
    pub kind: ThreadKind,
    pub category_slug: String,
    pub category_name: String,
    pub author: Option<Person>,
    pub created_at: DateTime<Utc>,
    pub last_activity_at: DateTime<Utc>,
    pub replies: i32,
    pub pinned: bool,
    pub locked: bool,
    pub hidden: bool,
    pub solved: bool,
    pub read: ReadState,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadList {
    /// Pinned threads (first page of a category only).
    pub pinned: Vec<ThreadSummary>,
    pub threads: Vec<ThreadSummary>,
    /// The cursor of the next page, when there is one.
    pub next: Option<String>,
}

/// The forum's front page: categories and a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForumIndex {
    pub categories: Vec<CategoryInfo>,
    pub list: ThreadList,
    pub signed_in: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryPage {
    pub category: CategoryInfo,
    pub list: ThreadList,
    pub may_post: bool,
    pub watching: bool,
    pub signed_in: bool,
    /// Staff may change the scope (not of a working group's category).
    pub may_change_scope: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeChoice {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionsPage {
    pub filter: QuestionFilter,
    pub theme: Option<String>,
    pub search: String,
    pub themes: Vec<ThemeChoice>,
    pub list: ThreadList,
    pub signed_in: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PostView {
    pub id: i32,
    pub author: Option<Person>,
    /// Sanitised HTML; empty for a deleted post, and for a hidden one unless the viewer is staff.
    pub html: String,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    pub edit_count: i32,
    pub deleted: bool,
    pub hidden: bool,
    /// The first post: the question, or the opening of a discussion.
    pub opening: bool,
    pub score: i32,
    pub useful: i32,
    /// The viewer's vote on this answer: -1, 0 or 1.
    pub my_vote: i16,
    pub my_useful: bool,
    pub accepted: bool,
    pub may_edit: bool,
    pub may_delete: bool,
    pub may_vote: bool,
    pub may_react: bool,
    pub may_report: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadHead {
    pub id: i32,
    pub title: String,
    pub kind: ThreadKind,
    pub category: CategoryInfo,
    pub author: Option<Person>,
    pub created_at: DateTime<Utc>,
    pub replies: i32,
    pub pinned: bool,
    pub locked: bool,
    pub hidden: bool,
    pub accepted_post_id: Option<i32>,
}

/// One page of a thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadPage {
    pub thread: ThreadHead,
    /// The first post, on the first page (or when a page starts elsewhere, for context: no).
    pub opening: Option<PostView>,
    /// A question's accepted answer, shown before the others on the first page.
    pub accepted: Option<PostView>,
    pub posts: Vec<PostView>,
    /// `da=` of the next page, `prima=` of the previous one.
    pub next: Option<i32>,
    pub previous: Option<i32>,
    /// This page starts somewhere in the middle (a permalink or a later page).
    pub from_middle: bool,
    /// The highest post id the viewer had read before this visit (the "new" divider).
    pub last_read: Option<i32>,
    /// The highest post id of the thread the page knows (live updates continue from here).
    pub last_post_id: i32,
    pub signed_in: bool,
    pub may_reply: bool,
    pub may_moderate: bool,
    /// Staff, or an admin of the thread's group.
    pub may_add_poll: bool,
    pub may_accept: bool,
    pub watching: bool,
    /// Categories a thread may move to (staff).
    pub move_targets: Vec<(i32, String)>,
    /// The viewer's saved reply draft.
    pub draft: String,
}

/// What the new-thread form offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewThreadForm {
    /// Categories the viewer may post in: id, slug, name.
    pub categories: Vec<(i32, String, String)>,
    pub category_id: Option<i32>,
    pub kind: ThreadKind,
    pub title: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditForm {
    pub post_id: i32,
    pub thread_id: i32,
    pub thread_title: String,
    /// The first post's edit also changes the title.
    pub title: Option<String>,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    pub title: Option<String>,
    pub source: String,
    pub written_by: Option<Person>,
    pub written_at: DateTime<Utc>,
    pub current: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostHistory {
    pub post_id: i32,
    pub thread_id: i32,
    pub thread_title: String,
    /// Newest first.
    pub revisions: Vec<Revision>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportView {
    pub id: i32,
    pub post_id: i32,
    pub thread_id: i32,
    pub thread_title: String,
    pub excerpt: String,
    pub post_author: Option<Person>,
    pub post_hidden: bool,
    pub reporter: Option<Person>,
    pub reason: String,
    pub created_at: DateTime<Utc>,
}

/// Posts that arrived while a thread page was open, rendered (`first`, `last`: their ids;
/// `last` is `after` when there are none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LivePosts {
    pub first: i32,
    pub last: i32,
    pub count: u32,
    pub html: String,
}

/// A post that arrived while a thread page was open, ready to show (dates already formatted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LivePost {
    pub id: i32,
    pub author: String,
    pub badge: Option<String>,
    pub html: String,
    pub when: String,
    pub datetime: String,
}

/// What a moderator does to a thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThreadAction {
    Pin,
    Unpin,
    Lock,
    Unlock,
    Hide,
    Unhide,
}

impl ThreadAction {
    pub fn as_str(self) -> &'static str {
        match self {
            ThreadAction::Pin => "pin",
            ThreadAction::Unpin => "unpin",
            ThreadAction::Lock => "lock",
            ThreadAction::Unlock => "unlock",
            ThreadAction::Hide => "hide",
            ThreadAction::Unhide => "unhide",
        }
    }

    pub fn parse(text: &str) -> Option<ThreadAction> {
        [
            ThreadAction::Pin,
            ThreadAction::Unpin,
            ThreadAction::Lock,
            ThreadAction::Unlock,
            ThreadAction::Hide,
            ThreadAction::Unhide,
        ]
        .into_iter()
        .find(|a| a.as_str() == text)
    }
}
