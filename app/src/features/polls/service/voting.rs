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
    i18n::Locale,
    server::{
        access::Audience,
        entities::{
            organisation, organisation_member, poll, poll_choice, poll_option, poll_voter, user,
        },
        spreadsheet, Db,
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
        revision: found.revision,
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
    details_many(db, audience, vec![found])
        .await?
        .pop()
        .ok_or(AppError::Internal)
}

/// [`details`] of many polls (a list, a group's page), in the same few queries whatever their
/// number, in the order given.
pub async fn details_many(
    db: &Db,
    audience: &Audience,
    polls: Vec<poll::Model>,
) -> Result<Vec<Details>, AppError> {
    if polls.is_empty() {
        return Ok(Vec::new());
    }
    let at = now();
    let ids: Vec<i32> = polls.iter().map(|p| p.id).collect();
    let mut options: HashMap<i32, Vec<poll_option::Model>> = HashMap::new();
    for o in poll_option::Entity::find()
        .filter(poll_option::Column::PollId.is_in(ids.clone()))
        .order_by_asc(poll_option::Column::PollId)
        .order_by_asc(poll_option::Column::Position)
        .all(db.read())
        .await?
    {
        options.entry(o.poll_id).or_default().push(o);
    }
    let viewer = audience.viewer();
    let mut rows: HashMap<i32, Vec<poll_voter::Model>> = HashMap::new();
    let mut mine: HashMap<i32, Vec<i32>> = HashMap::new();
    let mut referent = Vec::new();
    let mut admin_groups = Vec::new();
    if let Some(viewer) = viewer {
        // The voter rows that speak for the viewer: their own votes, and their organisations'.
        let organisations = organisations_of(db, viewer).await?;
        let mut who = Condition::any()
            .add(poll_voter::Column::UserId.eq(viewer.user_id))
            .add(poll_voter::Column::Voter.eq(person_key(viewer.user_id)));
        if !organisations.is_empty() {
            who = who.add(poll_voter::Column::OrganisationId.is_in(organisations));
        }
        let mut keys = Vec::new();
        for row in poll_voter::Entity::find()
            .filter(poll_voter::Column::PollId.is_in(ids.clone()))
            .filter(who)
            .all(db.read())
            .await?
        {
            keys.push(row.voter.clone());
            rows.entry(row.poll_id).or_default().push(row);
        }
        let named: Vec<i32> = polls
            .iter()
            .filter(|p| !p.anonymous && rows.contains_key(&p.id))
            .map(|p| p.id)
            .collect();
        if !named.is_empty() {
            for choice in poll_choice::Entity::find()
                .filter(poll_choice::Column::PollId.is_in(named))
                .filter(poll_choice::Column::Voter.is_in(keys))
                .all(db.read())
                .await?
            {
                mine.entry(choice.poll_id)
                    .or_default()
                    .push(choice.option_id);
            }
        }
        if polls.iter().any(|p| p.per_organisation) {
            referent = referent_of(db, viewer).await?;
        }
        if !audience.is_team() && polls.iter().any(|p| p.group_id.is_some()) {
            admin_groups = crate::features::groups::service::admin_of(db, viewer.user_id).await?;
        }
    }
    let organisation_names: HashMap<i32, String> = if referent.is_empty() {
        HashMap::new()
    } else {
        organisation::Entity::find()
            .filter(organisation::Column::Id.is_in(referent.clone()))
            .all(db.read())
            .await?
            .into_iter()
            .map(|o| (o.id, o.name))
            .collect()
    };
    let visible: HashMap<i32, bool> = polls
        .iter()
        .map(|p| {
            let voted = rows.contains_key(&p.id);
            (p.id, results_visible(p, audience, voted, at))
        })
        .collect();
    let named_visible: Vec<i32> = polls
        .iter()
        .filter(|p| !p.anonymous && visible[&p.id])
        .map(|p| p.id)
        .collect();
    let mut names = names(db, named_visible).await?;
    let mut out = Vec::with_capacity(polls.len());
    for found in polls {
        let options = options.remove(&found.id).unwrap_or_default();
        let rows = rows.remove(&found.id).unwrap_or_default();
        let counts = visible[&found.id].then(|| options.iter().map(|o| (o.id, o.votes)).collect());
        let right = right(&found, &rows, &referent, &organisation_names, viewer, at);
        let may_manage = audience.is_team()
            || found
                .group_id
                .is_some_and(|g| viewer.is_some() && admin_groups.contains(&g));
        out.push(Details {
            live: PollLive {
                revision: found.revision,
                voters: found.voters,
                counts,
                phase: phase(&found, at),
            },
            voted: !rows.is_empty(),
            mine: mine.remove(&found.id).unwrap_or_default(),
            names: names.remove(&found.id).unwrap_or_default(),
            options,
            right,
            may_manage,
            poll: found,
        });
    }
    Ok(out)
}

/// Whether and how the viewer may vote: `referent` is the organisations they are the referent
/// of, `organisation_names` their names.
fn right(
    found: &poll::Model,
    rows: &[poll_voter::Model],
    referent: &[i32],
    organisation_names: &HashMap<i32, String>,
    viewer: Option<&Viewer>,
    at: DateTime<Utc>,
) -> VoteRight {
    if phase(found, at) != PollPhase::Open {
        return VoteRight::NotOpen;
    }
    if viewer.is_none() {
        return VoteRight::SignIn;
    }
    if !found.per_organisation {
        return if found.anonymous && !rows.is_empty() {
            VoteRight::AlreadyVoted
        } else {
            VoteRight::May {
                organisations: Vec::new(),
            }
        };
    }
    if referent.is_empty() {
        return VoteRight::ReferentOnly;
    }
    let done: HashSet<i32> = rows.iter().filter_map(|r| r.organisation_id).collect();
    let mut organisations: Vec<(i32, String)> = referent
        .iter()
        .filter(|o| !(found.anonymous && done.contains(o)))
        .filter_map(|o| organisation_names.get(o).map(|name| (*o, name.clone())))
        .collect();
    if organisations.is_empty() {
        return VoteRight::AlreadyVoted;
    }
    organisations.sort_by(|a, b| a.1.cmp(&b.1));
    VoteRight::May { organisations }
}

/// Named polls: who chose each option (people by name, organisations by name), per poll.
async fn names(
    db: &Db,
    poll_ids: Vec<i32>,
) -> Result<HashMap<i32, HashMap<i32, Vec<String>>>, AppError> {
    if poll_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let choices = poll_choice::Entity::find()
        .filter(poll_choice::Column::PollId.is_in(poll_ids))
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
    let mut names: HashMap<i32, HashMap<i32, Vec<String>>> = HashMap::new();
    for c in choices {
        if let Some(name) = label.get(&c.voter) {
            names
                .entry(c.poll_id)
                .or_default()
                .entry(c.option_id)
                .or_default()
                .push(name.clone());
        }
    }
    for list in names
        .values_mut()
        .flat_map(|by_option| by_option.values_mut())
    {
        list.sort();
    }
    Ok(names)
}

/// The results as a CSV file, for those who manage the poll (staff, its group's admins) and
/// only when the results are shown to them: each option with its votes and, in a named poll,
/// who chose it.
pub async fn export_csv(
    db: &Db,
    audience: &Audience,
    poll_id: i32,
    locale: Locale,
) -> Result<(String, Vec<u8>), AppError> {
    let found = find(db, audience, poll_id).await?;
    if !may_manage(db, audience, &found).await? {
        return Err(AppError::NotFound);
    }
    let voted = has_voted(db, audience, &found).await?;
    if !results_visible(&found, audience, voted, now()) {
        return Err(AppError::ResultsHidden);
    }
    let t = locale.messages().polls;
    let mut names = if found.anonymous {
        HashMap::new()
    } else {
        names(db, vec![found.id])
            .await?
            .remove(&found.id)
            .unwrap_or_default()
    };
    let mut header = vec![t.csv_option.to_owned(), t.csv_votes.to_owned()];
    if !found.anonymous {
        header.push(t.csv_who.to_owned());
    }
    let mut table = vec![header];
    for option in options(db, found.id).await? {
        let mut row = vec![option.label, option.votes.to_string()];
        if !found.anonymous {
            row.push(names.remove(&option.id).unwrap_or_default().join(", "));
        }
        table.push(row);
    }
    let bytes = spreadsheet::csv(&table, locale)?;
    Ok((format!("sondaggio-{}.csv", found.id), bytes))
}
