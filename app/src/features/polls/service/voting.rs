//! Votes and results. A vote is checked whole before anything is written (known options, no
//! repeats, no more than allowed, the poll open, the voter's right), then written in one
//! transaction that holds the poll row, so concurrent votes queue and the counts stay exact.
//! Anonymous polls record that someone voted and add to the counts, and nothing else: no row
//! ties a person to an option. What pages show of polls is in `view`.
use crate::error::Field;
use crate::kernel::identity::Viewer;
use crate::server::clock::now;
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::{
    sea_query::{Expr, ExprTrait},
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionTrait,
};

use super::{find, options};
use crate::{
    error::{AppError, InvalidReason},
    features::{
        forum::service::access as forum_access,
        network::service::referent_of,
        polls::types::{Counts, PollPhase, ResultsShown},
    },
    server::{
        access::Audience,
        entities::{organisation_member, poll, poll_choice, poll_option, poll_voter},
        Db,
    },
};

pub fn phase(poll: &poll::Model, at: DateTime<Utc>) -> PollPhase {
    if at < poll.opens_at {
        PollPhase::NotYetOpen
    } else if at < poll.closes_at {
        PollPhase::Open
    } else {
        PollPhase::Closed
    }
}

pub fn results_shown(poll: &poll::Model) -> ResultsShown {
    poll.results
}

/// The one rule for counts, used by pages, the live stream, the API and exports.
pub fn results_visible(
    poll: &poll::Model,
    audience: &Audience,
    voted: bool,
    at: DateTime<Utc>,
) -> bool {
    let closed = phase(poll, at) == PollPhase::Closed;
    match results_shown(poll) {
        ResultsShown::Always => true,
        ResultsShown::AfterVoting => voted || closed,
        ResultsShown::AfterClosing => closed,
        ResultsShown::StaffOnly => audience.is_team(),
    }
}

pub(super) fn person_key(user_id: i32) -> String {
    format!("user:{user_id}")
}

pub(super) fn organisation_key(organisation_id: i32) -> String {
    format!("org:{organisation_id}")
}

/// The organisations the person belongs to (any role).
pub(super) async fn organisations_of(db: &Db, viewer: &Viewer) -> Result<Vec<i32>, AppError> {
    Ok(organisation_member::Entity::find()
        .filter(organisation_member::Column::UserId.eq(viewer.user_id))
        .all(db.read())
        .await?
        .into_iter()
        .map(|m| m.organisation_id)
        .collect())
}

/// The voter rows that speak for the viewer: their own vote, or (one vote per organisation)
/// their organisations' votes.
async fn voter_rows(
    db: &Db,
    viewer: &Viewer,
    poll: &poll::Model,
) -> Result<Vec<poll_voter::Model>, AppError> {
    let mut who = Condition::any().add(poll_voter::Column::UserId.eq(viewer.user_id));
    if poll.per_organisation {
        let organisations = organisations_of(db, viewer).await?;
        if !organisations.is_empty() {
            who = who.add(poll_voter::Column::OrganisationId.is_in(organisations));
        }
    } else {
        who = who.add(poll_voter::Column::Voter.eq(person_key(viewer.user_id)));
    }
    Ok(poll_voter::Entity::find()
        .filter(poll_voter::Column::PollId.eq(poll.id))
        .filter(who)
        .all(db.read())
        .await?)
}

pub async fn has_voted(db: &Db, audience: &Audience, poll: &poll::Model) -> Result<bool, AppError> {
    match audience.viewer() {
        Some(viewer) => Ok(!voter_rows(db, viewer, poll).await?.is_empty()),
        None => Ok(false),
    }
}

/// `(option id, votes)` in the options' order.
pub(super) async fn counts(db: &impl ConnectionTrait, poll_id: i32) -> Result<Counts, AppError> {
    Ok(poll_option::Entity::find()
        .filter(poll_option::Column::PollId.eq(poll_id))
        .order_by_asc(poll_option::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.votes))
        .collect())
}

/// A poll's state after a vote: what the live stream carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub poll_id: i32,
    /// The poll's revision after the vote: pages ignore an older state arriving late.
    pub revision: i64,
    pub voters: i32,
    pub counts: Counts,
}

/// Casts (or, in a named poll, changes) a vote. `organisation`: for a vote per organisation,
/// which one the referent votes for (needed only when they are the referent of several).
pub async fn vote(
    db: &Db,
    audience: &Audience,
    poll_id: i32,
    organisation: Option<i32>,
    chosen: &[i32],
) -> Result<Snapshot, AppError> {
    let found = find(db, audience, poll_id).await?;
    let viewer = forum_access::signed_in(audience)?;
    match phase(&found, now()) {
        PollPhase::NotYetOpen => return Err(AppError::PollNotOpen),
        PollPhase::Closed => return Err(AppError::PollClosed),
        PollPhase::Open => {}
    }
    // The choice, checked whole.
    if chosen.is_empty() {
        return Err(AppError::invalid(Field::Choice, InvalidReason::Required));
    }
    let unique: HashSet<i32> = chosen.iter().copied().collect();
    if unique.len() != chosen.len() {
        return Err(AppError::invalid(Field::Choice, InvalidReason::Duplicate));
    }
    if chosen.len() > found.max_choices as usize {
        return Err(AppError::invalid(
            Field::Choice,
            InvalidReason::Count {
                min: 1,
                max: found.max_choices as usize,
            },
        ));
    }
    let known: HashSet<i32> = options(db, found.id)
        .await?
        .into_iter()
        .map(|o| o.id)
        .collect();
    if !unique.is_subset(&known) {
        return Err(AppError::invalid(Field::Choice, InvalidReason::Malformed));
    }
    // Who votes: the person, or the organisation they are the referent of.
    let (key, organisation_id) = if found.per_organisation {
        let theirs = referent_of(db, viewer).await?;
        let picked = match (organisation, theirs.as_slice()) {
            (_, []) => return Err(AppError::ReferentOnly),
            (Some(o), _) if theirs.contains(&o) => o,
            (Some(_), _) => return Err(AppError::ReferentOnly),
            (None, [only]) => *only,
            (None, _) => {
                return Err(AppError::invalid(
                    Field::Organisation,
                    InvalidReason::Required,
                ))
            }
        };
        (organisation_key(picked), Some(picked))
    } else {
        (person_key(viewer.user_id), None)
    };

    let txn = db.write().begin().await?;
    // Votes on one poll queue here (PostgreSQL; SQLite has a single writer anyway), and the
    // closing time is read again under the lock.
    let locked = poll::Entity::find_by_id(found.id)
        .lock_exclusive()
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if phase(&locked, now()) != PollPhase::Open {
        return Err(AppError::PollClosed);
    }
    let existing = poll_voter::Entity::find_by_id((locked.id, key.clone()))
        .one(&txn)
        .await?;
    let mut voters = locked.voters;
    // What each option gains (+1) or loses (-1, the choice a named vote replaces).
    let mut delta: HashMap<i32, i32> = chosen.iter().map(|id| (*id, 1)).collect();
    match existing {
        Some(_) if locked.anonymous => return Err(AppError::AlreadyVoted),
        Some(_) => {
            for old in poll_choice::Entity::find()
                .filter(poll_choice::Column::PollId.eq(locked.id))
                .filter(poll_choice::Column::Voter.eq(key.as_str()))
                .all(&txn)
                .await?
            {
                *delta.entry(old.option_id).or_default() -= 1;
            }
            poll_choice::Entity::delete_many()
                .filter(poll_choice::Column::PollId.eq(locked.id))
                .filter(poll_choice::Column::Voter.eq(key.as_str()))
                .exec(&txn)
                .await?;
            poll_voter::Entity::update_many()
                .col_expr(poll_voter::Column::UserId, Expr::value(viewer.user_id))
                .col_expr(poll_voter::Column::VotedAt, Expr::value(Some(now())))
                .filter(poll_voter::Column::PollId.eq(locked.id))
                .filter(poll_voter::Column::Voter.eq(key.as_str()))
                .exec(&txn)
                .await?;
        }
        None => {
            poll_voter::ActiveModel {
                poll_id: Set(locked.id),
                voter: Set(key.clone()),
                user_id: Set(viewer.user_id),
                organisation_id: Set(organisation_id),
                // An anonymous poll keeps no time: nothing to line up with the counts.
                voted_at: Set((!locked.anonymous).then(now)),
            }
            .insert(&txn)
            .await?;
            voters += 1;
        }
    }
    if !locked.anonymous {
        let rows: Vec<poll_choice::ActiveModel> = chosen
            .iter()
            .map(|option_id| poll_choice::ActiveModel {
                poll_id: Set(locked.id),
                voter: Set(key.clone()),
                option_id: Set(*option_id),
            })
            .collect();
        poll_choice::Entity::insert_many(rows).exec(&txn).await?;
    }
    // One statement rewrites every option of the poll, chosen or not. On PostgreSQL each row
    // carries the id of the transaction that last wrote it (`xmin`); were only the chosen
    // options written, that id would tie them to the voter row written beside them.
    let mut changed = delta.iter().filter(|(_, d)| **d != 0);
    let change: Expr = match changed.next() {
        None => Expr::value(0),
        Some((first, d)) => changed
            .fold(
                Expr::case(poll_option::Column::Id.eq(*first), *d),
                |case, (id, d)| case.case(poll_option::Column::Id.eq(*id), *d),
            )
            .finally(0)
            .into(),
    };
    poll_option::Entity::update_many()
        .col_expr(
            poll_option::Column::Votes,
            Expr::col(poll_option::Column::Votes).add(change),
        )
        .filter(poll_option::Column::PollId.eq(locked.id))
        .exec(&txn)
        .await?;
    let revision = locked.revision + 1;
    poll::Entity::update_many()
        .col_expr(poll::Column::Voters, Expr::value(voters))
        .col_expr(poll::Column::Revision, Expr::value(revision))
        .filter(poll::Column::Id.eq(locked.id))
        .exec(&txn)
        .await?;
    let counts = counts(&txn, locked.id).await?;
    txn.commit().await?;
    Ok(Snapshot {
        poll_id: locked.id,
        revision,
        voters,
        counts,
    })
}
