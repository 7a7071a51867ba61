//! Where the person looking stands with a thread: their votes and reactions on the posts shown,
//! their unread marker, whether they watch it, their draft; and what they may do there.
use std::collections::{HashMap, HashSet};

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::super::{access, subscriptions};
use crate::{
    error::AppError,
    features::forum::types::ThreadKind,
    kernel::{draft::DraftKey, identity::Viewer},
    server::{
        access::Audience,
        drafts,
        entities::{category, post_reaction, post_vote, thread, thread_read},
        Db,
    },
};

/// The person's own marks on a page (empty for a visitor).
#[derive(Default)]
pub struct State {
    pub my_votes: HashMap<i32, i16>,
    pub my_useful: HashSet<i32>,
    pub last_read: Option<i32>,
    pub watching: bool,
    pub draft: String,
}

/// What the person may do in the thread as a whole.
pub struct Rights {
    pub team: bool,
    pub may_post: bool,
    pub may_accept: bool,
    pub may_add_poll: bool,
    /// Categories staff may move the thread to.
    pub move_targets: Vec<(i32, String)>,
}

/// `ids`: the posts shown on the page.
pub async fn state(
    db: &Db,
    viewer: Option<&Viewer>,
    t: &thread::Model,
    kind: ThreadKind,
    ids: &[i32],
) -> Result<State, AppError> {
    let Some(v) = viewer else {
        return Ok(State::default());
    };
    let my_votes: HashMap<i32, i16> = if kind == ThreadKind::Question {
        post_vote::Entity::find()
            .filter(post_vote::Column::UserId.eq(v.user_id))
            .filter(post_vote::Column::PostId.is_in(ids.to_vec()))
            .all(db.read())
            .await?
            .into_iter()
            .map(|vote| (vote.post_id, vote.value))
            .collect()
    } else {
        HashMap::new()
    };
    let my_useful: HashSet<i32> = post_reaction::Entity::find()
        .filter(post_reaction::Column::UserId.eq(v.user_id))
        .filter(post_reaction::Column::PostId.is_in(ids.to_vec()))
        .all(db.read())
        .await?
        .into_iter()
        .map(|r| r.post_id)
        .collect();
    let last_read = thread_read::Entity::find_by_id((v.user_id, t.id))
        .one(db.read())
        .await?
        .map(|r| r.last_read_post_id);
    let watching = subscriptions::is_watching(db, v.user_id, subscriptions::THREAD, t.id).await?;
    let draft = drafts::load(db, v.user_id, &DraftKey::Reply(t.id))
        .await?
        .map(|(_, body)| body)
        .unwrap_or_default();
    Ok(State {
        my_votes,
        my_useful,
        last_read,
        watching,
        draft,
    })
}

pub async fn rights(
    db: &Db,
    audience: &Audience,
    t: &thread::Model,
    kind: ThreadKind,
    category: &category::Model,
) -> Result<Rights, AppError> {
    let team = audience.is_team();
    let viewer = audience.viewer();
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
    Ok(Rights {
        team,
        may_post: access::may_post_in(audience, category),
        may_accept,
        may_add_poll,
        move_targets,
    })
}
