//! Which posts one page of a thread shows: keyset pages in the thread's order (by time for a
//! discussion, by score for a question, the accepted answer first), one query each.
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::{accepted_excluded, PageAt};
use crate::{
    error::AppError,
    features::forum::types::{ThreadKind, POSTS_PER_PAGE},
    server::{
        access::Audience,
        entities::{post, thread},
        Db,
    },
};

/// The posts of a page (the opening post aside) and where the pages around it start.
pub struct PageRows {
    pub rows: Vec<post::Model>,
    /// A question's accepted answer, shown first on the first page.
    pub accepted: Option<post::Model>,
    pub previous: Option<i32>,
    pub next: Option<i32>,
    /// The page is the thread's beginning (it shows the opening post).
    pub start: bool,
}

pub async fn page_rows(
    db: &Db,
    audience: &Audience,
    t: &thread::Model,
    kind: ThreadKind,
    opening: &post::Model,
    at: PageAt,
) -> Result<PageRows, AppError> {
    let mut visible = Condition::all()
        .add(post::Column::ThreadId.eq(t.id))
        .add(post::Column::Id.ne(opening.id));
    if !audience.is_team() {
        visible = visible.add(post::Column::Hidden.eq(false));
    }
    let at = match at {
        PageAt::From(id) | PageAt::Before(id) if id <= opening.id => PageAt::Start,
        PageAt::From(id) if Some(id) == t.accepted_post_id => PageAt::Start,
        PageAt::Before(_) if kind == ThreadKind::Question => PageAt::Start,
        other => other,
    };
    let limit = POSTS_PER_PAGE + 1;
    // Rows of this page in order, plus the first post of the next page (to know there is one)
    // or, for a page before a post, that post.
    let (mut rows, accepted, previous, next) = match (kind, at) {
        (ThreadKind::Discussion, PageAt::Before(before)) => {
            let mut rows = post::Entity::find()
                .filter(visible)
                .filter(post::Column::Id.lt(before))
                .order_by_desc(post::Column::Id)
                .limit(limit)
                .all(db.read())
                .await?;
            let more = rows.len() as u64 > POSTS_PER_PAGE;
            rows.truncate(POSTS_PER_PAGE as usize);
            rows.reverse();
            // Nothing before these: this page is the thread's beginning.
            let previous = if more {
                rows.first().map(|p| p.id)
            } else {
                None
            };
            (rows, None, previous, Some(before))
        }
        (ThreadKind::Discussion, PageAt::From(from)) => {
            let rows = post::Entity::find()
                .filter(visible)
                .filter(post::Column::Id.gte(from))
                .order_by_asc(post::Column::Id)
                .limit(limit)
                .all(db.read())
                .await?;
            let previous = rows.first().map(|p| p.id);
            (rows, None, previous, None)
        }
        (ThreadKind::Discussion, _) => {
            let rows = post::Entity::find()
                .filter(visible)
                .order_by_asc(post::Column::Id)
                .limit(limit)
                .all(db.read())
                .await?;
            (rows, None, None, None)
        }
        (ThreadKind::Question, PageAt::From(from)) => {
            let anchor = post::Entity::find_by_id(from)
                .filter(visible.clone())
                .one(db.read())
                .await?
                .ok_or(AppError::NotFound)?;
            let rows = post::Entity::find()
                .filter(visible)
                .filter(
                    Condition::any()
                        .add(post::Column::Score.lt(anchor.score))
                        .add(
                            Condition::all()
                                .add(post::Column::Score.eq(anchor.score))
                                .add(post::Column::Id.gte(anchor.id)),
                        ),
                )
                .filter(accepted_excluded(t.accepted_post_id))
                .order_by_desc(post::Column::Score)
                .order_by_asc(post::Column::Id)
                .limit(limit)
                .all(db.read())
                .await?;
            (rows, None, None, None)
        }
        (ThreadKind::Question, _) => {
            let accepted = match t.accepted_post_id {
                Some(id) => {
                    post::Entity::find_by_id(id)
                        .filter(visible.clone())
                        .one(db.read())
                        .await?
                }
                None => None,
            };
            let rows = post::Entity::find()
                .filter(visible)
                .filter(accepted_excluded(t.accepted_post_id))
                .order_by_desc(post::Column::Score)
                .order_by_asc(post::Column::Id)
                .limit(limit)
                .all(db.read())
                .await?;
            (rows, accepted, None, None)
        }
    };
    let next = if rows.len() as u64 > POSTS_PER_PAGE {
        rows.pop().map(|p| p.id)
    } else {
        next
    };
    let start = at == PageAt::Start || (matches!(at, PageAt::Before(_)) && previous.is_none());
    Ok(PageRows {
        rows,
        accepted,
        previous,
        next,
        start,
    })
}
