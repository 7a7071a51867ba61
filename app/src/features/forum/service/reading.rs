//! Reading threads: one page of a thread in a constant number of queries, whatever its length;
//! permalinks to the page a post is on; the unread marker; posts that arrived after a given one
//! (live updates); the visibility check of live streams.
use std::collections::{HashMap, HashSet};

use sea_orm::{
    sea_query::Expr, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::{
    access, categories, people, subscriptions,
    threads::{kind_of, opening_post},
};
use crate::{
    error::AppError,
    features::forum::types::{PostView, ThreadHead, ThreadKind, ThreadPage, POSTS_PER_PAGE},
    server::{
        access::Audience,
        entities::{post, post_reaction, post_vote, thread_read},
        Db,
    },
};
use crate::{kernel::draft::DraftKey, server::drafts};

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
/// number of posts.
pub async fn thread_page(
    db: &Db,
    audience: &Audience,
    thread_id: i32,
    at: PageAt,
) -> Result<ThreadPage, AppError> {
    let (t, category) = access::find_thread(db, audience, thread_id).await?;
    let kind = kind_of(&t);
    let opening = opening_post(db.read(), t.id).await?;
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

    let shown: Vec<&post::Model> = std::iter::once(&opening)
        .filter(|_| start)
        .chain(accepted.iter())
        .chain(rows.iter())
        .collect();
    let ids: Vec<i32> = shown.iter().map(|p| p.id).collect();
    let authors = people(
        db.read(),
        shown.iter().filter_map(|p| p.author_id).chain(t.author_id),
    )
    .await?;
    let viewer = audience.viewer();
    let (my_votes, my_useful, last_read, watching, draft) = match viewer {
        Some(v) => {
            let votes: HashMap<i32, i16> = if kind == ThreadKind::Question {
                post_vote::Entity::find()
                    .filter(post_vote::Column::UserId.eq(v.user_id))
                    .filter(post_vote::Column::PostId.is_in(ids.clone()))
                    .all(db.read())
                    .await?
                    .into_iter()
                    .map(|vote| (vote.post_id, vote.value))
                    .collect()
            } else {
                HashMap::new()
            };
            let useful: HashSet<i32> = post_reaction::Entity::find()
                .filter(post_reaction::Column::UserId.eq(v.user_id))
                .filter(post_reaction::Column::PostId.is_in(ids.clone()))
                .all(db.read())
                .await?
                .into_iter()
                .map(|r| r.post_id)
                .collect();
            let last_read = thread_read::Entity::find_by_id((v.user_id, t.id))
                .one(db.read())
                .await?
                .map(|r| r.last_read_post_id);
            let watching =
                subscriptions::is_watching(db, v.user_id, subscriptions::THREAD, t.id).await?;
            let draft = drafts::load(db, v.user_id, &DraftKey::Reply(t.id))
                .await?
                .map(|(_, body)| body)
                .unwrap_or_default();
            (votes, useful, last_read, watching, draft)
        }
        None => (HashMap::new(), HashSet::new(), None, false, String::new()),
    };
    let team = audience.is_team();
    let may_post = access::may_post_in(audience, &category);
    let view = |p: &post::Model| -> PostView {
        let own = viewer.is_some_and(|v| p.author_id == Some(v.user_id));
        let deleted = p.deleted_at.is_some();
        let is_opening = p.id == opening.id;
        PostView {
            id: p.id,
            author: if deleted && !team {
                None
            } else {
                p.author_id.and_then(|id| authors.get(&id).cloned())
            },
            html: if deleted && !team {
                String::new()
            } else {
                p.html.clone()
            },
            created_at: p.created_at,
            edited_at: p.edited_at,
            edit_count: p.edit_count,
            deleted,
            hidden: p.hidden,
            opening: is_opening,
            score: p.score,
            useful: p.useful_count,
            my_vote: my_votes.get(&p.id).copied().unwrap_or(0),
            my_useful: my_useful.contains(&p.id),
            accepted: t.accepted_post_id == Some(p.id),
            may_edit: !deleted && ((own && !t.locked) || team),
            may_delete: !deleted && (own || team),
            may_vote: kind == ThreadKind::Question && !is_opening && !deleted && !own && may_post,
            may_react: viewer.is_some() && !deleted && !own,
            may_report: viewer.is_some() && !deleted && !own,
        }
    };
    let opening_view = start.then(|| view(&opening));
    let accepted_view = accepted.as_ref().map(view);
    let posts: Vec<PostView> = rows.iter().map(view).collect();
    let max_shown = ids.iter().copied().max().unwrap_or(opening.id);
    if let Some(v) = viewer {
        mark_read(db, v.user_id, t.id, max_shown, last_read).await?;
    }
    let move_targets = if team {
        access::categories(db, audience)
            .await?
            .into_iter()
            .filter(|c| c.id != category.id)
            .map(|c| (c.id, c.name))
            .collect()
    } else {
        Vec::new()
    };
    let may_accept = kind == ThreadKind::Question
        && (team || viewer.is_some_and(|v| t.author_id == Some(v.user_id)));
    // Polls in a thread: staff anywhere, a group's admins in their group's threads.
    let may_add_poll = team
        || match (viewer, category.group_id) {
            (Some(v), Some(group_id)) => {
                crate::features::groups::service::membership(db, group_id, v.user_id).await?
                    == crate::features::groups::types::Membership::Admin
            }
            _ => false,
        };
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
        opening: opening_view,
        accepted: accepted_view,
        posts,
        next,
        previous: if start { None } else { previous },
        from_middle: !start,
        last_read,
        last_post_id: t.last_post_id.unwrap_or(opening.id).max(max_shown),
        signed_in: viewer.is_some(),
        may_reply: may_post && (!t.locked || team),
        may_moderate: team,
        may_add_poll,
        may_accept,
        watching,
        move_targets,
        draft,
    })
}

fn accepted_excluded(accepted: Option<i32>) -> Condition {
    match accepted {
        Some(id) => Condition::all().add(post::Column::Id.ne(id)),
        None => Condition::all(),
    }
}

/// Moves the person's unread marker forward (never back), in at most two statements.
async fn mark_read(
    db: &Db,
    user_id: i32,
    thread_id: i32,
    up_to: i32,
    known: Option<i32>,
) -> Result<(), AppError> {
    match known {
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
