//! Reading threads: one page of a thread in a constant number of queries, whatever its length;
//! permalinks to the page a post is on; the unread marker; posts that arrived after a given one
//! (live updates); the visibility check of live streams.
use std::collections::HashMap;

use sea_orm::{
    sea_query::Expr, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

mod rows;
mod view;
mod viewer;

use super::{
    access, categories, people,
    threads::{kind_of, opening_post},
};
use crate::{
    error::AppError,
    features::forum::types::{ThreadHead, ThreadKind, ThreadPage, POSTS_PER_PAGE},
    server::{
        access::Audience,
        entities::{post, thread_read},
        Db,
    },
};

/// Where a page of a thread starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageAt {
    /// The beginning: the opening post (and a question's accepted answer).
    Start,
    /// From this post on, in the thread's order (`da=`).
    From(i32),
    /// The page before this post (`prima=`, discussions).
    Before(i32),
}

/// One page of a thread the audience may see. The number of queries does not grow with the
/// number of posts. Reading writes nothing: the caller marks the page read (`mark_read`).
pub async fn thread_page(
    db: &Db,
    audience: &Audience,
    thread_id: i32,
    at: PageAt,
) -> Result<ThreadPage, AppError> {
    let (t, category) = access::find_thread(db, audience, thread_id).await?;
    let kind = kind_of(&t);
    let opening = opening_post(db.read(), t.id).await?;
    let rows = rows::page_rows(db, audience, &t, kind, &opening, at).await?;
    let start = rows.start;
    let shown: Vec<&post::Model> = std::iter::once(&opening)
        .filter(|_| start)
        .chain(rows.accepted.iter())
        .chain(rows.rows.iter())
        .collect();
    let ids: Vec<i32> = shown.iter().map(|p| p.id).collect();
    let authors = people(
        db.read(),
        shown.iter().filter_map(|p| p.author_id).chain(t.author_id),
    )
    .await?;
    let viewer = audience.viewer();
    let state = viewer::state(db, viewer, &t, kind, &ids).await?;
    let rights = viewer::rights(db, audience, &t, kind, &category).await?;
    let posts = view::Posts {
        thread: &t,
        kind,
        opening_id: opening.id,
        authors: &authors,
        state: &state,
        rights: &rights,
        viewer,
    };
    let max_shown = ids.iter().copied().max().unwrap_or(opening.id);
    let category_info = categories::info_of(db, category).await?;
    Ok(ThreadPage {
        thread: ThreadHead {
            id: t.id,
            title: t.title.clone(),
            kind,
            category: category_info,
            author: t.author_id.and_then(|id| authors.get(&id).cloned()),
            created_at: t.created_at,
            replies: t.reply_count,
            pinned: t.pinned,
            locked: t.locked,
            hidden: t.hidden,
            accepted_post_id: t.accepted_post_id,
        },
        opening: start.then(|| posts.view(&opening)),
        accepted: rows.accepted.as_ref().map(|p| posts.view(p)),
        posts: rows.rows.iter().map(|p| posts.view(p)).collect(),
        next: rows.next,
        previous: if start { None } else { rows.previous },
        from_middle: !start,
        last_read: state.last_read,
        last_post_id: t.last_post_id.unwrap_or(opening.id).max(max_shown),
        signed_in: viewer.is_some(),
        may_reply: rights.may_post && (!t.locked || rights.team),
        may_moderate: rights.team,
        may_add_poll: rights.may_add_poll,
        may_accept: rights.may_accept,
        watching: state.watching,
        move_targets: rights.move_targets,
        draft: state.draft,
    })
}

/// After a page was shown: the person's unread marker moves forward to the newest post on it
/// (never back), in at most two statements.
pub async fn mark_read(db: &Db, audience: &Audience, page: &ThreadPage) -> Result<(), AppError> {
    let Some(viewer) = audience.viewer() else {
        return Ok(());
    };
    let shown = page
        .opening
        .iter()
        .chain(page.accepted.iter())
        .chain(page.posts.iter())
        .map(|p| p.id)
        .max();
    let Some(up_to) = shown else {
        return Ok(());
    };
    let (user_id, thread_id) = (viewer.user_id, page.thread.id);
    match page.last_read {
        Some(last) if last >= up_to => Ok(()),
        Some(_) => {
            thread_read::Entity::update_many()
                .col_expr(thread_read::Column::LastReadPostId, Expr::value(up_to))
                .filter(thread_read::Column::UserId.eq(user_id))
                .filter(thread_read::Column::ThreadId.eq(thread_id))
                .filter(thread_read::Column::LastReadPostId.lt(up_to))
                .exec(db.write())
                .await?;
            Ok(())
        }
        None => {
            thread_read::Entity::insert(thread_read::ActiveModel {
                user_id: Set(user_id),
                thread_id: Set(thread_id),
                last_read_post_id: Set(up_to),
            })
            .on_conflict_do_nothing()
            .exec(db.write())
            .await?;
            Ok(())
        }
    }
}

fn accepted_excluded(accepted: Option<i32>) -> Condition {
    match accepted {
        Some(id) => Condition::all().add(post::Column::Id.ne(id)),
        None => Condition::all(),
    }
}

/// Where a post lives: the thread's first page when the post is on it, else a page starting at
/// the post. Not found when the audience may not see it.
pub async fn permalink(db: &Db, audience: &Audience, post_id: i32) -> Result<String, AppError> {
    use sea_orm::PaginatorTrait;
    let (p, t, _) = access::find_post(db, audience, post_id).await?;
    let opening = opening_post(db.read(), t.id).await?;
    let on_first_page = if p.id == opening.id || Some(p.id) == t.accepted_post_id {
        true
    } else {
        // How many posts come before it in the thread's order (a count, not an offset).
        let mut before = post::Entity::find()
            .filter(post::Column::ThreadId.eq(t.id))
            .filter(post::Column::Id.ne(opening.id))
            .filter(accepted_excluded(t.accepted_post_id));
        if !audience.is_team() {
            before = before.filter(post::Column::Hidden.eq(false));
        }
        let before = if kind_of(&t) == ThreadKind::Question {
            before.filter(
                Condition::any().add(post::Column::Score.gt(p.score)).add(
                    Condition::all()
                        .add(post::Column::Score.eq(p.score))
                        .add(post::Column::Id.lt(p.id)),
                ),
            )
        } else {
            before.filter(post::Column::Id.lt(p.id))
        };
        before.count(db.read()).await? < POSTS_PER_PAGE
    };
    Ok(if on_first_page {
        format!("/forum/t/{}#m{}", t.id, p.id)
    } else {
        format!("/forum/t/{}?da={}#m{}", t.id, p.id, p.id)
    })
}

/// Posts that arrived after `after` in a thread the audience may see (live updates).
pub async fn posts_after(
    db: &Db,
    audience: &Audience,
    thread_id: i32,
    after: i32,
) -> Result<(Vec<post::Model>, HashMap<i32, crate::ui::Person>), AppError> {
    let (t, _) = access::find_thread(db, audience, thread_id).await?;
    let mut query = post::Entity::find()
        .filter(post::Column::ThreadId.eq(t.id))
        .filter(post::Column::Id.gt(after))
        .filter(post::Column::DeletedAt.is_null());
    if !audience.is_team() {
        query = query.filter(post::Column::Hidden.eq(false));
    }
    let rows = query
        .order_by_asc(post::Column::Id)
        .limit(POSTS_PER_PAGE)
        .all(db.read())
        .await?;
    let authors = people(db.read(), rows.iter().filter_map(|p| p.author_id)).await?;
    Ok((rows, authors))
}

/// The thread a live stream may follow: found only when the audience may see it.
pub async fn check_visible(db: &Db, audience: &Audience, thread_id: i32) -> Result<(), AppError> {
    access::find_thread(db, audience, thread_id)
        .await
        .map(|_| ())
}
