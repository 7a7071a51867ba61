//! Thread lists: latest, followed, one category, questions (all, unanswered, open, solved), by
//! theme and by words in the title. Newest activity first, keyset pagination with the id as
//! tie-breaker (never OFFSET), and a constant number of queries per page.
use crate::error::Field;
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::{access, people, subscriptions};
use crate::{
    error::{AppError, InvalidReason},
    features::forum::types::{
        ListQuery, ListView, QuestionFilter, ReadState, ThreadKind, ThreadList, ThreadSummary,
        THREADS_PER_PAGE,
    },
    server::{
        access::Audience,
        entities::{category, theme, thread, thread_read},
        search, Db,
    },
};

/// Where a page of a list starts: after this thread in the list's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub at: DateTime<Utc>,
    pub id: i32,
}

impl Cursor {
    /// `<microseconds>-<id>`: short, and exact on both databases.
    pub fn encode(self) -> String {
        format!("{}-{}", self.at.timestamp_micros(), self.id)
    }

    pub fn decode(text: &str) -> Result<Cursor, AppError> {
        let bad = || AppError::invalid(Field::Cursor, InvalidReason::Malformed);
        let (micros, id) = text.trim().split_once('-').ok_or_else(bad)?;
        let micros: i64 = micros.parse().map_err(|_| bad())?;
        let id: i32 = id.parse().map_err(|_| bad())?;
        let at = DateTime::<Utc>::from_timestamp_micros(micros).ok_or_else(bad)?;
        if id <= 0 {
            return Err(bad());
        }
        Ok(Cursor { at, id })
    }

    /// `(last_activity_at, id) < (at, id)`, written so that every database can walk the
    /// `(…, last_activity_at, id)` indexes from the cursor instead of sorting what is left:
    /// `last_activity_at <= at AND (last_activity_at < at OR id < id)`.
    fn condition(self) -> Condition {
        Condition::all()
            .add(thread::Column::LastActivityAt.lte(self.at))
            .add(
                Condition::any()
                    .add(thread::Column::LastActivityAt.lt(self.at))
                    .add(thread::Column::Id.lt(self.id)),
            )
    }
}

/// One page of a list. A category's first page shows its pinned threads on top.
pub async fn list(db: &Db, audience: &Audience, query: &ListQuery) -> Result<ThreadList, AppError> {
    let categories = access::categories(db, audience).await?;
    list_in(db, audience, &categories, query, THREADS_PER_PAGE).await
}

/// The latest threads and the unanswered questions (`count` of each), for the home page: the
/// visible categories are looked up once.
pub async fn home(
    db: &Db,
    audience: &Audience,
    count: u64,
) -> Result<(Vec<ThreadSummary>, Vec<ThreadSummary>), AppError> {
    let categories = access::categories(db, audience).await?;
    let unanswered = ListQuery {
        view: Some(ListView::Questions(QuestionFilter::Unanswered)),
        ..Default::default()
    };
    let latest = list_in(db, audience, &categories, &ListQuery::default(), count).await?;
    let questions = list_in(db, audience, &categories, &unanswered, count).await?;
    Ok((latest.threads, questions.threads))
}

/// A page of `per_page` threads among the given visible categories.
async fn list_in(
    db: &Db,
    audience: &Audience,
    categories: &[category::Model],
    query: &ListQuery,
    per_page: u64,
) -> Result<ThreadList, AppError> {
    if categories.is_empty() {
        // Nothing is visible (a visitor before the community opens): no query to run.
        return Ok(ThreadList {
            pinned: Vec::new(),
            threads: Vec::new(),
            next: None,
        });
    }
    let view = query.view.clone().unwrap_or(ListView::Latest);
    let mut ids: Vec<i32> = categories.iter().map(|c| c.id).collect();
    let mut condition = Condition::all();
    let mut pinned_first = false;
    match &view {
        ListView::Latest => {}
        ListView::Category(slug) => {
            let found = categories
                .iter()
                .find(|c| &c.slug == slug)
                .ok_or(AppError::NotFound)?;
            ids = vec![found.id];
            pinned_first = true;
        }
        ListView::Followed => {
            let viewer = access::signed_in(audience)?;
            let followed = subscriptions::followed(db, viewer.user_id).await?;
            condition = condition.add(
                Condition::any()
                    .add(thread::Column::CategoryId.is_in(followed.categories))
                    .add(thread::Column::Id.is_in(followed.threads)),
            );
        }
        ListView::Questions(filter) => {
            condition = condition.add(thread::Column::Kind.eq(ThreadKind::Question));
            condition = match filter {
                QuestionFilter::All => condition,
                QuestionFilter::Unanswered => condition.add(thread::Column::ReplyCount.eq(0)),
                QuestionFilter::Open => condition
                    .add(thread::Column::ReplyCount.gt(0))
                    .add(thread::Column::AcceptedPostId.is_null()),
                QuestionFilter::Solved => {
                    condition.add(thread::Column::AcceptedPostId.is_not_null())
                }
            };
        }
    }
    if let Some(slug) = query.theme.as_deref().filter(|s| !s.is_empty()) {
        let category_id = theme_category(categories, db, slug).await?;
        ids.retain(|id| Some(*id) == category_id);
    }
    if let Some(text) = query.search.as_deref().filter(|s| !s.trim().is_empty()) {
        condition = condition.add(search::contains(thread::Column::Title, text));
    }
    let base = access::threads(audience, ids).add(condition);

    let cursor = query
        .after
        .as_deref()
        .filter(|s| !s.is_empty())
        .map(Cursor::decode)
        .transpose()?;
    let mut pinned = Vec::new();
    let mut page_query = thread::Entity::find().filter(base.clone());
    if pinned_first {
        if cursor.is_none() {
            pinned = thread::Entity::find()
                .filter(base.clone())
                .filter(thread::Column::Pinned.eq(true))
                .order_by_desc(thread::Column::LastActivityAt)
                .order_by_desc(thread::Column::Id)
                .limit(per_page)
                .all(db.read())
                .await?;
        }
        page_query = page_query.filter(thread::Column::Pinned.eq(false));
    }
    if let Some(cursor) = cursor {
        page_query = page_query.filter(cursor.condition());
    }
    let mut rows = page_query
        .order_by_desc(thread::Column::LastActivityAt)
        .order_by_desc(thread::Column::Id)
        .limit(per_page + 1)
        .all(db.read())
        .await?;
    let next = if rows.len() as u64 > per_page {
        rows.truncate(per_page as usize);
        rows.last().map(|t| {
            Cursor {
                at: t.last_activity_at,
                id: t.id,
            }
            .encode()
        })
    } else {
        None
    };
    let names: HashMap<i32, &category::Model> = categories.iter().map(|c| (c.id, c)).collect();
    let mut all = pinned;
    let pinned_count = all.len();
    all.extend(rows);
    let mut summaries = summaries(db, audience, all, &names).await?;
    let threads = summaries.split_off(pinned_count);
    Ok(ThreadList {
        pinned: summaries,
        threads,
        next,
    })
}

/// The category of a theme (by the theme's slug), among the visible ones; unknown themes are
/// bad input.
async fn theme_category(
    categories: &[category::Model],
    db: &Db,
    slug: &str,
) -> Result<Option<i32>, AppError> {
    let found = theme::Entity::find()
        .filter(theme::Column::Slug.eq(slug))
        .one(db.read())
        .await?
        .ok_or(AppError::invalid(Field::Theme, InvalidReason::Unknown))?;
    Ok(categories
        .iter()
        .find(|c| c.theme_id == Some(found.id))
        .map(|c| c.id))
}

/// Threads as lists show them: authors and read state in two more queries.
pub async fn summaries(
    db: &Db,
    audience: &Audience,
    threads: Vec<thread::Model>,
    categories: &HashMap<i32, &category::Model>,
) -> Result<Vec<ThreadSummary>, AppError> {
    let authors = people(db.read(), threads.iter().filter_map(|t| t.author_id)).await?;
    let reads: HashMap<i32, i32> = match audience.viewer() {
        Some(viewer) if !threads.is_empty() => thread_read::Entity::find()
            .filter(thread_read::Column::UserId.eq(viewer.user_id))
            .filter(thread_read::Column::ThreadId.is_in(threads.iter().map(|t| t.id)))
            .all(db.read())
            .await?
            .into_iter()
            .map(|r| (r.thread_id, r.last_read_post_id))
            .collect(),
        _ => HashMap::new(),
    };
    let signed_in = audience.viewer().is_some();
    Ok(threads
        .into_iter()
        .map(|t| {
            let read = match (signed_in, reads.get(&t.id)) {
                (false, _) => ReadState::Read,
                (true, None) => ReadState::New,
                (true, Some(last)) if t.last_post_id.is_some_and(|p| p > *last) => {
                    ReadState::Unread
                }
                (true, Some(_)) => ReadState::Read,
            };
            let category = categories.get(&t.category_id);
            ThreadSummary {
                id: t.id,
                kind: t.kind,
                category_slug: category.map(|c| c.slug.clone()).unwrap_or_default(),
                category_name: category.map(|c| c.name.clone()).unwrap_or_default(),
                author: t.author_id.and_then(|id| authors.get(&id).cloned()),
                created_at: t.created_at,
                last_activity_at: t.last_activity_at,
                replies: t.reply_count,
                pinned: t.pinned,
                locked: t.locked,
                hidden: t.hidden,
                solved: t.accepted_post_id.is_some(),
                read,
                title: t.title,
            }
        })
        .collect())
}
