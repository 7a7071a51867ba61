//! Votes and results. A vote is checked whole before anything is written (known options, no
//! repeats, no more than allowed, the poll open, the voter's right), then written in one
//! transaction that holds the poll row, so concurrent votes queue and the counts stay exact.
//! Anonymous polls record that someone voted and add to the counts, and nothing else: no row
//! ties a person to an option.
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::{
    sea_query::{Expr, ExprTrait},
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionTrait,
};

use super::{find, may_manage, options};
use crate::{
    error::{AppError, InvalidReason},
    features::{
        accounts::types::Viewer,
        forum::service::{access as forum_access, now},
        network::service::referent_of,
        polls::types::{Counts, PollLive, PollPhase, ResultsShown, VoteRight},
    },
    server::{
        access::Audience,
        entities::{
            organisation, organisation_member, poll, poll_choice, poll_option, poll_voter, user,
        },
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
    ResultsShown::parse(&poll.results).unwrap_or(ResultsShown::StaffOnly)
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

fn person_key(user_id: i32) -> String {
    format!("user:{user_id}")
}

fn organisation_key(organisation_id: i32) -> String {
    format!("org:{organisation_id}")
}

/// The organisations the person belongs to (any role).
async fn organisations_of(db: &Db, viewer: &Viewer) -> Result<Vec<i32>, AppError> {
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
async fn counts(db: &impl ConnectionTrait, poll_id: i32) -> Result<Counts, AppError> {
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
        return Err(AppError::invalid("choice", InvalidReason::Required));
    }
    let unique: HashSet<i32> = chosen.iter().copied().collect();
    if unique.len() != chosen.len() {
        return Err(AppError::invalid("choice", InvalidReason::Duplicate));
    }
    if chosen.len() > found.max_choices as usize {
        return Err(AppError::invalid(
            "choice",
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
        return Err(AppError::invalid("choice", InvalidReason::Malformed));
    }
    // Who votes: the person, or the organisation they are the referent of.
    let (key, organisation_id) = if found.per_organisation {
        let theirs = referent_of(db, viewer).await?;
        let picked = match (organisation, theirs.as_slice()) {
            (_, []) => return Err(AppError::ReferentOnly),
            (Some(o), _) if theirs.contains(&o) => o,
            (Some(_), _) => return Err(AppError::ReferentOnly),
            (None, [only]) => *only,
            (None, _) => return Err(AppError::invalid("organisation", InvalidReason::Required)),
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
    match existing {
        Some(_) if locked.anonymous => return Err(AppError::AlreadyVoted),
        Some(_) => {
            let old: Vec<i32> = poll_choice::Entity::find()
                .filter(poll_choice::Column::PollId.eq(locked.id))
                .filter(poll_choice::Column::Voter.eq(key.as_str()))
                .all(&txn)
                .await?
                .into_iter()
                .map(|c| c.option_id)
                .collect();
            poll_choice::Entity::delete_many()
                .filter(poll_choice::Column::PollId.eq(locked.id))
                .filter(poll_choice::Column::Voter.eq(key.as_str()))
                .exec(&txn)
                .await?;
            if !old.is_empty() {
                poll_option::Entity::update_many()
                    .col_expr(
                        poll_option::Column::Votes,
                        Expr::col(poll_option::Column::Votes).sub(1),
                    )
                    .filter(poll_option::Column::Id.is_in(old))
                    .exec(&txn)
                    .await?;
            }
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
            poll::Entity::update_many()
                .col_expr(poll::Column::Voters, Expr::col(poll::Column::Voters).add(1))
                .filter(poll::Column::Id.eq(locked.id))
                .exec(&txn)
                .await?;
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
    poll_option::Entity::update_many()
        .col_expr(
            poll_option::Column::Votes,
            Expr::col(poll_option::Column::Votes).add(1),
        )
        .filter(poll_option::Column::Id.is_in(chosen.to_vec()))
        .filter(poll_option::Column::PollId.eq(locked.id))
        .exec(&txn)
        .await?;
    let counts = counts(&txn, locked.id).await?;
    txn.commit().await?;
    Ok(Snapshot {
        poll_id: locked.id,
        voters,
        counts,
    })
}

/// The counts and the number of voters as the audience may see them.
pub async fn live(db: &Db, audience: &Audience, poll_id: i32) -> Result<PollLive, AppError> {
    let found = find(db, audience, poll_id).await?;
    let voted = has_voted(db, audience, &found).await?;
    let at = now();
    let counts = if results_visible(&found, audience, voted, at) {
        Some(counts(db.read(), found.id).await?)
    } else {
        None
    };
    Ok(PollLive {
        voters: found.voters,
        counts,
        phase: phase(&found, at),
    })
}

/// Whether a live stream opened now by this audience may carry the counts.
pub async fn stream_shows_counts(
    db: &Db,
    audience: &Audience,
    poll_id: i32,
) -> Result<bool, AppError> {
    let found = find(db, audience, poll_id).await?;
    let voted = has_voted(db, audience, &found).await?;
    Ok(results_visible(&found, audience, voted, now()))
}

/// Everything a page needs to show one poll to this audience.
pub struct Details {
    pub poll: poll::Model,
    pub options: Vec<poll_option::Model>,
    pub live: PollLive,
    pub voted: bool,
    pub mine: Vec<i32>,
    pub right: VoteRight,
    pub may_manage: bool,
    /// Named polls with visible results: who chose each option.
    pub names: HashMap<i32, Vec<String>>,
}

pub async fn details(
    db: &Db,
    audience: &Audience,
    found: poll::Model,
) -> Result<Details, AppError> {
    let at = now();
    let options = options(db, found.id).await?;
    let rows = match audience.viewer() {
        Some(viewer) => voter_rows(db, viewer, &found).await?,
        None => Vec::new(),
    };
    let voted = !rows.is_empty();
    let visible = results_visible(&found, audience, voted, at);
    let counts = visible.then(|| options.iter().map(|o| (o.id, o.votes)).collect());
    let mine = if found.anonymous || rows.is_empty() {
        Vec::new()
    } else {
        poll_choice::Entity::find()
            .filter(poll_choice::Column::PollId.eq(found.id))
            .filter(poll_choice::Column::Voter.is_in(rows.iter().map(|r| r.voter.clone())))
            .all(db.read())
            .await?
            .into_iter()
            .map(|c| c.option_id)
            .collect()
    };
    let right = right(db, audience, &found, &rows, at).await?;
    let names = if visible && !found.anonymous {
        names(db, found.id).await?
    } else {
        HashMap::new()
    };
    let may_manage = may_manage(db, audience, &found).await?;
    let live = PollLive {
        voters: found.voters,
        counts,
        phase: phase(&found, at),
    };
    Ok(Details {
        poll: found,
        options,
        live,
        voted,
        mine,
        right,
        may_manage,
        names,
    })
}

async fn right(
    db: &Db,
    audience: &Audience,
    found: &poll::Model,
    rows: &[poll_voter::Model],
    at: DateTime<Utc>,
) -> Result<VoteRight, AppError> {
    if phase(found, at) != PollPhase::Open {
        return Ok(VoteRight::NotOpen);
    }
    let Some(viewer) = audience.viewer() else {
        return Ok(VoteRight::SignIn);
    };
    if !found.per_organisation {
        return Ok(if found.anonymous && !rows.is_empty() {
            VoteRight::AlreadyVoted
        } else {
            VoteRight::May {
                organisations: Vec::new(),
            }
        });
    }
    let theirs = referent_of(db, viewer).await?;
    if theirs.is_empty() {
        return Ok(VoteRight::ReferentOnly);
    }
    let done: HashSet<i32> = rows.iter().filter_map(|r| r.organisation_id).collect();
    let open: Vec<i32> = theirs
        .into_iter()
        .filter(|o| !(found.anonymous && done.contains(o)))
        .collect();
    if open.is_empty() {
        return Ok(VoteRight::AlreadyVoted);
    }
    let organisations = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(open))
        .order_by_asc(organisation::Column::Name)
        .all(db.read())
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    Ok(VoteRight::May { organisations })
}

/// Named polls: who chose each option (people by name, organisations by name).
async fn names(db: &Db, poll_id: i32) -> Result<HashMap<i32, Vec<String>>, AppError> {
    let choices = poll_choice::Entity::find()
        .filter(poll_choice::Column::PollId.eq(poll_id))
        .all(db.read())
        .await?;
    let mut people = Vec::new();
    let mut organisations = Vec::new();
    for c in &choices {
        if let Some(id) = c
            .voter
            .strip_prefix("user:")
            .and_then(|i| i.parse::<i32>().ok())
        {
            people.push(id);
        } else if let Some(id) = c
            .voter
            .strip_prefix("org:")
            .and_then(|i| i.parse::<i32>().ok())
        {
            organisations.push(id);
        }
    }
    let mut label: HashMap<String, String> = HashMap::new();
    if !people.is_empty() {
        for u in user::Entity::find()
            .filter(user::Column::Id.is_in(people))
            .select_only()
            .column(user::Column::Id)
            .column(user::Column::DisplayName)
            .into_tuple::<(i32, String)>()
            .all(db.read())
            .await?
        {
            label.insert(person_key(u.0), u.1);
        }
    }
    if !organisations.is_empty() {
        for o in organisation::Entity::find()
            .filter(organisation::Column::Id.is_in(organisations))
            .all(db.read())
            .await?
        {
            label.insert(organisation_key(o.id), o.name);
        }
    }
    let mut names: HashMap<i32, Vec<String>> = HashMap::new();
    for c in choices {
        if let Some(name) = label.get(&c.voter) {
            names.entry(c.option_id).or_default().push(name.clone());
        }
    }
    for list in names.values_mut() {
        list.sort();
    }
    Ok(names)
}
