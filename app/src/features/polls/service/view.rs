//! What pages, the API, the stream and the export show of polls: the counts and voters as
//! the audience may see them, each poll's details for its card (in a fixed number of queries
//! for a whole list), and the results as CSV. The one rule for counts is `results_visible`.
use crate::kernel::identity::Viewer;
use crate::server::clock::now;
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::{
    counts, find, has_voted, may_manage, options, organisation_key, organisations_of, person_key,
    phase, results_visible,
};
use crate::{
    error::AppError,
    features::{
        network::service::referent_of,
        polls::types::{PollLive, PollPhase, VoteRight},
    },
    i18n::Locale,
    server::{
        access::Audience,
        entities::{group, organisation, poll, poll_choice, poll_option, poll_voter, thread, user},
        spreadsheet, Db,
    },
};

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

/// Where polls stand, as pages name the places: groups (slug, name) and threads (id, title),
/// one query each whatever the number of polls.
pub struct Places {
    pub groups: HashMap<i32, (String, String)>,
    pub threads: HashMap<i32, (i32, String)>,
}

pub async fn places(db: &Db, polls: &[poll::Model]) -> Result<Places, AppError> {
    let group_ids: Vec<i32> = polls.iter().filter_map(|p| p.group_id).collect();
    let thread_ids: Vec<i32> = polls.iter().filter_map(|p| p.thread_id).collect();
    let groups = if group_ids.is_empty() {
        HashMap::new()
    } else {
        group::Entity::find()
            .filter(group::Column::Id.is_in(group_ids))
            .all(db.read())
            .await?
            .into_iter()
            .map(|g| (g.id, (g.slug, g.name)))
            .collect()
    };
    let threads = if thread_ids.is_empty() {
        HashMap::new()
    } else {
        thread::Entity::find()
            .filter(thread::Column::Id.is_in(thread_ids))
            .all(db.read())
            .await?
            .into_iter()
            .map(|t| (t.id, (t.id, t.title)))
            .collect()
    };
    Ok(Places { groups, threads })
}

/// The names of one place (the creation form's heading).
pub async fn place_names(
    db: &Db,
    group_id: Option<i32>,
    thread_id: Option<i32>,
) -> Result<(Option<(String, String)>, Option<(i32, String)>), AppError> {
    let group = match group_id {
        Some(id) => group::Entity::find_by_id(id)
            .one(db.read())
            .await?
            .map(|g| (g.slug, g.name)),
        None => None,
    };
    let thread = match thread_id {
        Some(id) => thread::Entity::find_by_id(id)
            .one(db.read())
            .await?
            .map(|t| (t.id, t.title)),
        None => None,
    };
    Ok((group, thread))
}
