//! How each post of a page looks to the person reading it: hidden or deleted content only for
//! staff, and which actions they may take on it.
use std::collections::HashMap;

use super::viewer::{Rights, State};
use crate::{
    features::forum::types::{PostView, ThreadKind},
    kernel::identity::Viewer,
    server::entities::{post, thread},
    ui::Person,
};

/// What every post of one page is shown with.
pub struct Posts<'a> {
    pub thread: &'a thread::Model,
    pub kind: ThreadKind,
    pub opening_id: i32,
    pub authors: &'a HashMap<i32, Person>,
    pub state: &'a State,
    pub rights: &'a Rights,
    pub viewer: Option<&'a Viewer>,
}

impl Posts<'_> {
    pub fn view(&self, p: &post::Model) -> PostView {
        let team = self.rights.team;
        let own = self.viewer.is_some_and(|v| p.author_id == Some(v.user_id));
        let deleted = p.deleted_at.is_some();
        let is_opening = p.id == self.opening_id;
        PostView {
            id: p.id,
            author: if deleted && !team {
                None
            } else {
                p.author_id.and_then(|id| self.authors.get(&id).cloned())
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
            my_vote: self.state.my_votes.get(&p.id).copied().unwrap_or(0),
            my_useful: self.state.my_useful.contains(&p.id),
            accepted: self.thread.accepted_post_id == Some(p.id),
            may_edit: !deleted && ((own && !self.thread.locked) || team),
            may_delete: !deleted && (own || team),
            may_vote: self.kind == ThreadKind::Question
                && !is_opening
                && !deleted
                && !own
                && self.rights.may_post,
            may_react: self.viewer.is_some() && !deleted && !own,
            may_report: self.viewer.is_some() && !deleted && !own,
        }
    }
}
