//! The rules of polls. `find` and `visible_polls` are the access check (the scope, and for a
//! poll in a thread the thread too): what a person may not see is not found. Creating, closing
//! and featuring need staff, or an admin of the poll's group. Voting and results are in
//! `voting`.
use crate::error::Field;
mod view;
mod voting;

pub use view::*;
pub use voting::*;

use crate::server::clock::now;
use crate::server::clock::parse_local;
use sea_orm::{
    sea_query::{Expr, Query},
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Set, TransactionTrait,
};
use serde::Serialize;

use crate::{
    error::{AppError, InvalidReason},
    features::{
        forum::service::access as forum_access, groups::types::Membership,
        polls::types::ResultsShown,
    },
    scope::Scope,
    server::{
        access::{visible, Audience},
        audit::{self, AuditAction, AuditRecord},
        entities::{category, group, poll, poll_option, thread},
        forms::{checked_text, option_lines},
        Db,
    },
};

pub const MIN_OPTIONS: usize = 2;
pub const MAX_OPTIONS: usize = 20;
/// How long a poll may stay open.
const MAX_DAYS: i64 = 366;

/// What the creation form sends, as typed.
#[derive(Debug, Clone, Default)]
pub struct PollInput {
    pub question: String,
    /// One option per line.
    pub options: String,
    pub multiple: bool,
    pub max_choices: Option<i32>,
    /// `YYYY-MM-DDTHH:MM` in Rome's time (a `datetime-local` field); empty: now.
    pub opens_at: String,
    pub closes_at: String,
    pub results: String,
    pub anonymous: bool,
    pub per_organisation: bool,
    pub featured: bool,
    /// Staff only, for polls not in a group or a thread.
    pub scope: String,
    pub group: Option<String>,
    pub thread: Option<i32>,
}

/// Condition for the polls the audience may see: their scope, and for polls in a thread, a
/// thread that is neither hidden (except for staff) nor deleted, in a category the audience
/// sees *now* (staff may have moved the thread or closed its category since the poll was made).
pub fn visible_polls(audience: &Audience) -> Condition {
    let mut categories = Query::select();
    categories
        .column(category::Column::Id)
        .from(category::Entity)
        .cond_where(visible(category::Column::Scope, audience));
    let mut threads = Query::select();
    threads
        .column(thread::Column::Id)
        .from(thread::Entity)
        .and_where(thread::Column::DeletedAt.is_null())
        .and_where(thread::Column::CategoryId.in_subquery(categories));
    if !audience.is_team() {
        threads.and_where(thread::Column::Hidden.eq(false));
    }
    Condition::all()
        .add(visible(poll::Column::Scope, audience))
        .add(
            Condition::any()
                .add(poll::Column::ThreadId.is_null())
                .add(poll::Column::ThreadId.in_subquery(threads)),
        )
}

/// Threads moved to another category, or their category's scope changed: their polls take the
/// scope and group of where the threads now are (in the caller's transaction), so a group's
/// page and its admins follow too.
pub async fn follow_threads(
    txn: &impl sea_orm::ConnectionTrait,
    threads: sea_orm::sea_query::SelectStatement,
    scope: Scope,
    group_id: Option<i32>,
) -> Result<(), AppError> {
    poll::Entity::update_many()
        .col_expr(poll::Column::Scope, Expr::value(scope.to_db()))
        .col_expr(poll::Column::GroupId, Expr::value(group_id))
        .filter(poll::Column::ThreadId.in_subquery(threads))
        .exec(txn)
        .await?;
    Ok(())
}

/// A poll the audience may see; otherwise not found.
pub async fn find(db: &Db, audience: &Audience, poll_id: i32) -> Result<poll::Model, AppError> {
    poll::Entity::find_by_id(poll_id)
        .filter(visible_polls(audience))
        .one(db.read())
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn options(db: &Db, poll_id: i32) -> Result<Vec<poll_option::Model>, AppError> {
    Ok(poll_option::Entity::find()
        .filter(poll_option::Column::PollId.eq(poll_id))
        .order_by_asc(poll_option::Column::Position)
        .all(db.read())
        .await?)
}

/// The featured poll of the home page: the newest open one the audience sees, else the newest
/// closed one.
pub async fn featured(db: &Db, audience: &Audience) -> Result<Option<poll::Model>, AppError> {
    let at = now();
    let base = || {
        poll::Entity::find()
            .filter(visible_polls(audience))
            .filter(poll::Column::Featured.eq(true))
    };
    if let Some(open) = base()
        .filter(poll::Column::OpensAt.lte(at))
        .filter(poll::Column::ClosesAt.gt(at))
        .order_by_desc(poll::Column::OpensAt)
        .one(db.read())
        .await?
    {
        return Ok(Some(open));
    }
    Ok(base()
        .filter(poll::Column::ClosesAt.lte(at))
        .order_by_desc(poll::Column::ClosesAt)
        .one(db.read())
        .await?)
}

/// The polls on a group's page or in a thread (the caller has checked the group or thread).
pub async fn placed(
    db: &Db,
    audience: &Audience,
    group_id: Option<i32>,
    thread_id: Option<i32>,
) -> Result<Vec<poll::Model>, AppError> {
    let mut query = poll::Entity::find().filter(visible_polls(audience));
    query = match (group_id, thread_id) {
        (Some(g), _) => query.filter(poll::Column::GroupId.eq(g)),
        (None, Some(t)) => query.filter(poll::Column::ThreadId.eq(t)),
        (None, None) => return Ok(Vec::new()),
    };
    Ok(query
        .order_by_desc(poll::Column::ClosesAt)
        .limit(20)
        .all(db.read())
        .await?)
}

/// Every poll the audience sees: open ones first (closing soonest first), then the closed ones,
/// newest first. At most 100 of each.
pub async fn list(
    db: &Db,
    audience: &Audience,
) -> Result<(Vec<poll::Model>, Vec<poll::Model>), AppError> {
    let at = now();
    let open = poll::Entity::find()
        .filter(visible_polls(audience))
        .filter(poll::Column::ClosesAt.gt(at))
        .order_by_asc(poll::Column::ClosesAt)
        .limit(100)
        .all(db.read())
        .await?;
    let closed = poll::Entity::find()
        .filter(visible_polls(audience))
        .filter(poll::Column::ClosesAt.lte(at))
        .order_by_desc(poll::Column::ClosesAt)
        .limit(100)
        .all(db.read())
        .await?;
    Ok((open, closed))
}

/// Staff manage every poll; a group's admins the polls of their group.
pub async fn may_manage(
    db: &Db,
    audience: &Audience,
    poll: &poll::Model,
) -> Result<bool, AppError> {
    if audience.is_team() {
        return Ok(true);
    }
    match (audience.viewer(), poll.group_id) {
        (Some(viewer), Some(group_id)) => {
            Ok(
                crate::features::groups::service::membership(db, group_id, viewer.user_id).await?
                    == Membership::Admin,
            )
        }
        _ => Ok(false),
    }
}

/// Where a new poll goes and what scope it gets, if the person may put one there.
pub async fn place(
    db: &Db,
    audience: &Audience,
    input: &PollInput,
) -> Result<(Scope, Option<i32>, Option<i32>), AppError> {
    let viewer = forum_access::signed_in(audience)?;
    if let Some(slug) = input.group.as_deref().filter(|s| !s.is_empty()) {
        let found = group::Entity::find()
            .filter(group::Column::Slug.eq(slug))
            .one(db.read())
            .await?
            .ok_or(AppError::NotFound)?;
        let membership =
            crate::features::groups::service::membership(db, found.id, viewer.user_id).await?;
        if !audience.is_team() && membership != Membership::Admin {
            if membership == Membership::Member || audience.sees(Scope::Group(found.id)) {
                return Err(AppError::Forbidden);
            }
            return Err(AppError::NotFound);
        }
        return Ok((Scope::Group(found.id), Some(found.id), None));
    }
    if let Some(thread_id) = input.thread {
        let (found, category) = forum_access::find_thread(db, audience, thread_id).await?;
        let scope = category.scope;
        let group_admin = match scope {
            Scope::Group(g) => {
                crate::features::groups::service::membership(db, g, viewer.user_id).await?
                    == Membership::Admin
            }
            _ => false,
        };
        if !audience.is_team() && !group_admin {
            forum_access::require_team(audience)?;
        }
        // A poll in a group's thread also shows on the group's page, for its admins to manage.
        let group_id = match scope {
            Scope::Group(g) => Some(g),
            _ => None,
        };
        return Ok((scope, group_id, Some(found.id)));
    }
    forum_access::require_team(audience)?;
    let scope = match input.scope.as_str() {
        "public" => Scope::Public,
        "registered" => Scope::Registered,
        "members" | "" => Scope::Members,
        "staff" => Scope::Staff,
        _ => return Err(AppError::invalid(Field::Scope, InvalidReason::Malformed)),
    };
    Ok((scope, None, None))
}

#[derive(Serialize)]
struct AuditedPoll<'a> {
    question: &'a str,
    scope: &'a str,
    options: usize,
}

/// Creates a poll after checking everything; nothing is saved when something is wrong.
pub async fn create(db: &Db, audience: &Audience, input: &PollInput) -> Result<i32, AppError> {
    let (scope, group_id, thread_id) = place(db, audience, input).await?;
    let viewer = forum_access::signed_in(audience)?;
    let question = checked_text(Field::Question, &input.question, 3, 300)?;
    let range = (MIN_OPTIONS, MAX_OPTIONS);
    let labels = option_lines(Field::Options, &input.options, range, 200)?;
    let max_choices = if input.multiple {
        let max = input.max_choices.unwrap_or(labels.len() as i32);
        if max < 1 || max as usize > labels.len() {
            return Err(AppError::invalid(
                Field::MaxChoices,
                InvalidReason::Count {
                    min: 1,
                    max: labels.len(),
                },
            ));
        }
        max
    } else {
        1
    };
    let at = now();
    let opens_at = parse_local(Field::OpensAt, &input.opens_at)?.unwrap_or(at);
    let closes_at = parse_local(Field::ClosesAt, &input.closes_at)?
        .ok_or_else(|| AppError::invalid(Field::ClosesAt, InvalidReason::Required))?;
    if closes_at <= opens_at || closes_at <= at {
        return Err(AppError::invalid(Field::ClosesAt, InvalidReason::DateOrder));
    }
    if closes_at - opens_at > chrono::Duration::days(MAX_DAYS) {
        return Err(AppError::invalid(Field::ClosesAt, InvalidReason::DateOrder));
    }
    let results = ResultsShown::parse(&input.results)
        .ok_or_else(|| AppError::invalid(Field::Results, InvalidReason::Malformed))?;
    let featured = input.featured && audience.is_team();
    let txn = db.write().begin().await?;
    let created = poll::ActiveModel {
        question: Set(question.clone()),
        scope: Set(scope),
        group_id: Set(group_id),
        thread_id: Set(thread_id),
        multiple: Set(input.multiple),
        max_choices: Set(max_choices),
        opens_at: Set(opens_at),
        closes_at: Set(closes_at),
        results: Set(results),
        anonymous: Set(input.anonymous),
        per_organisation: Set(input.per_organisation),
        featured: Set(featured),
        voters: Set(0),
        revision: Set(0),
        created_by: Set(Some(viewer.user_id)),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let rows: Vec<poll_option::ActiveModel> = labels
        .iter()
        .enumerate()
        .map(|(i, label)| poll_option::ActiveModel {
            poll_id: Set(created.id),
            position: Set(i as i32),
            label: Set(label.clone()),
            votes: Set(0),
            ..Default::default()
        })
        .collect();
    poll_option::Entity::insert_many(rows).exec(&txn).await?;
    audit::record(
        &txn,
        AuditRecord {
            actor: Some(viewer.user_id),
            action: AuditAction::PollCreate,
            target: format!("poll:{}", created.id),
            before: None::<()>,
            after: Some(AuditedPoll {
                question: &question,
                scope: &created.scope.to_db(),
                options: labels.len(),
            }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(created.id)
}

/// Closes a poll now (staff, or an admin of its group). Returns it, closed.
pub async fn close(db: &Db, audience: &Audience, poll_id: i32) -> Result<poll::Model, AppError> {
    let found = find(db, audience, poll_id).await?;
    if !may_manage(db, audience, &found).await? {
        return Err(AppError::Forbidden);
    }
    let at = now();
    if found.closes_at <= at {
        return Ok(found);
    }
    let txn = db.write().begin().await?;
    poll::Entity::update_many()
        .col_expr(poll::Column::ClosesAt, Expr::value(at))
        .filter(poll::Column::Id.eq(found.id))
        .exec(&txn)
        .await?;
    if found.opens_at > at {
        poll::Entity::update_many()
            .col_expr(poll::Column::OpensAt, Expr::value(at))
            .filter(poll::Column::Id.eq(found.id))
            .exec(&txn)
            .await?;
    }
    let actor = audience.viewer().map(|v| v.user_id);
    let target = format!("poll:{}", found.id);
    audit::record_action(&txn, actor, AuditAction::PollClose, target).await?;
    txn.commit().await?;
    find(db, audience, poll_id).await
}

/// Staff put a poll on the home page, or take it off.
pub async fn set_featured(
    db: &Db,
    audience: &Audience,
    poll_id: i32,
    featured: bool,
) -> Result<(), AppError> {
    forum_access::require_team(audience)?;
    let found = find(db, audience, poll_id).await?;
    let txn = db.write().begin().await?;
    poll::Entity::update_many()
        .col_expr(poll::Column::Featured, Expr::value(featured))
        .filter(poll::Column::Id.eq(found.id))
        .exec(&txn)
        .await?;
    let action = if featured {
        AuditAction::PollFeature
    } else {
        AuditAction::PollUnfeature
    };
    let actor = audience.viewer().map(|v| v.user_id);
    audit::record_action(&txn, actor, action, format!("poll:{}", found.id)).await?;
    txn.commit().await?;
    Ok(())
}
