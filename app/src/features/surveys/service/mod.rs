//! The rules of surveys. `find` is the access check (the scope: what a person may not see is
//! not found). Staff create surveys and build them (sections, questions) until the first
//! response; answering is in `answering`, results and the CSV export in `results`.
use crate::error::Field;
mod answering;
mod results;

pub use answering::*;
pub use results::*;

use crate::server::clock::now;
use crate::server::{access as forum_access, clock::parse_local};
use chrono::{DateTime, Utc};
use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde::Serialize;

use crate::{
    error::{AppError, InvalidReason},
    features::surveys::types::{QuestionKind, SurveyPhase},
    scope::Scope,
    server::{
        access::{visible, Audience},
        audit::{self, AuditAction, AuditRecord},
        entities::{group, survey, survey_question, survey_response, survey_section},
        forms::{checked_text, option_lines},
        Db,
    },
};

pub const MAX_QUESTIONS: usize = 100;
pub const MAX_OPTIONS: usize = 30;

pub fn phase(found: &survey::Model, at: DateTime<Utc>) -> SurveyPhase {
    if at < found.opens_at {
        SurveyPhase::NotYetOpen
    } else if at < found.closes_at {
        SurveyPhase::Open
    } else {
        SurveyPhase::Closed
    }
}

/// A survey the audience may see; otherwise not found.
pub async fn find(db: &Db, audience: &Audience, survey_id: i32) -> Result<survey::Model, AppError> {
    survey::Entity::find_by_id(survey_id)
        .filter(visible(survey::Column::Scope, audience))
        .one(db.read())
        .await?
        .ok_or(AppError::NotFound)
}

/// The surveys the audience sees: the open (and coming) ones closing soonest first, then the
/// closed ones, the most recently closed first. At most 100 of each.
pub async fn list(db: &Db, audience: &Audience) -> Result<Vec<survey::Model>, AppError> {
    let at = now();
    let mut surveys = survey::Entity::find()
        .filter(visible(survey::Column::Scope, audience))
        .filter(survey::Column::ClosesAt.gt(at))
        .order_by_asc(survey::Column::ClosesAt)
        .limit(100)
        .all(db.read())
        .await?;
    surveys.extend(
        survey::Entity::find()
            .filter(visible(survey::Column::Scope, audience))
            .filter(survey::Column::ClosesAt.lte(at))
            .order_by_desc(survey::Column::ClosesAt)
            .limit(100)
            .all(db.read())
            .await?,
    );
    Ok(surveys)
}

pub async fn sections(db: &Db, survey_id: i32) -> Result<Vec<survey_section::Model>, AppError> {
    Ok(survey_section::Entity::find()
        .filter(survey_section::Column::SurveyId.eq(survey_id))
        .order_by_asc(survey_section::Column::Position)
        .all(db.read())
        .await?)
}

pub async fn questions(db: &Db, survey_id: i32) -> Result<Vec<survey_question::Model>, AppError> {
    Ok(survey_question::Entity::find()
        .filter(survey_question::Column::SurveyId.eq(survey_id))
        .order_by_asc(survey_question::Column::Position)
        .order_by_asc(survey_question::Column::Id)
        .all(db.read())
        .await?)
}

pub fn kind_of(question: &survey_question::Model) -> QuestionKind {
    question.kind
}

pub fn options_of(question: &survey_question::Model) -> Vec<String> {
    question
        .options
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// What the creation form sends, as typed.
#[derive(Debug, Clone, Default)]
pub struct SurveyInput {
    pub title: String,
    pub description: String,
    pub scope: String,
    pub anonymous: bool,
    pub publish_results: bool,
    /// `YYYY-MM-DDTHH:MM` in Rome's time; empty: now.
    pub opens_at: String,
    pub closes_at: String,
}

/// The audience typed in the form; a group's must be a group that exists.
async fn parse_scope(db: &Db, text: &str) -> Result<Scope, AppError> {
    let scope = match text {
        "public" => Scope::Public,
        "registered" => Scope::Registered,
        "members" | "" => Scope::Members,
        "staff" => Scope::Staff,
        other => Scope::from_db(other)
            .filter(|s| matches!(s, Scope::Group(_)))
            .ok_or_else(|| AppError::invalid(Field::Scope, InvalidReason::Malformed))?,
    };
    if let Scope::Group(id) = scope {
        if group::Entity::find_by_id(id)
            .one(db.read())
            .await?
            .is_none()
        {
            return Err(AppError::invalid(Field::Scope, InvalidReason::Malformed));
        }
    }
    Ok(scope)
}

#[derive(Serialize)]
struct Audited<'a> {
    title: &'a str,
    scope: &'a str,
}

/// Staff create a survey (then add sections and questions). Nothing is saved when something is
/// wrong.
pub async fn create(db: &Db, audience: &Audience, input: &SurveyInput) -> Result<i32, AppError> {
    forum_access::require_team(audience)?;
    let viewer = forum_access::signed_in(audience)?;
    let title = checked_text(Field::Title, &input.title, 3, 200)?;
    let description = input.description.trim().to_owned();
    if description.chars().count() > 4000 {
        return Err(AppError::invalid(
            Field::Description,
            InvalidReason::TooLong { max: 4000 },
        ));
    }
    let scope = parse_scope(db, input.scope.trim()).await?;
    let at = now();
    let opens_at = parse_local(Field::OpensAt, &input.opens_at)?.unwrap_or(at);
    let closes_at = parse_local(Field::ClosesAt, &input.closes_at)?
        .ok_or_else(|| AppError::invalid(Field::ClosesAt, InvalidReason::Required))?;
    if closes_at <= opens_at
        || closes_at <= at
        || closes_at - opens_at > chrono::Duration::days(366)
    {
        return Err(AppError::invalid(Field::ClosesAt, InvalidReason::DateOrder));
    }
    let txn = db.write().begin().await?;
    let created = survey::ActiveModel {
        title: Set(title.clone()),
        description: Set(description),
        scope: Set(scope),
        anonymous: Set(input.anonymous),
        publish_results: Set(input.publish_results),
        opens_at: Set(opens_at),
        closes_at: Set(closes_at),
        responses: Set(0),
        created_by: Set(Some(viewer.user_id)),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        AuditRecord {
            actor: Some(viewer.user_id),
            action: AuditAction::SurveyCreate,
            target: format!("survey:{}", created.id),
            before: None::<()>,
            after: Some(Audited {
                title: &title,
                scope: &created.scope.to_db(),
            }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(created.id)
}

/// Whether anyone has started answering (a draft or a response).
pub async fn started(db: &Db, survey_id: i32) -> Result<bool, AppError> {
    Ok(survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.eq(survey_id))
        .count(db.read())
        .await?
        > 0)
}

/// Staff change the questions only before anyone has started answering. Checked inside the
/// change's transaction, holding the survey's row as answering does, so a first response and a
/// change of the questions never cross.
async fn editable(
    db: &Db,
    txn: &DatabaseTransaction,
    audience: &Audience,
    survey_id: i32,
) -> Result<survey::Model, AppError> {
    forum_access::require_team(audience)?;
    let found = find(db, audience, survey_id).await?;
    let locked = survey::Entity::find_by_id(found.id)
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let started = survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.eq(locked.id))
        .count(txn)
        .await?;
    if started > 0 {
        return Err(AppError::SurveyStarted);
    }
    Ok(locked)
}

pub async fn add_section(
    db: &Db,
    audience: &Audience,
    survey_id: i32,
    title: &str,
    description: &str,
) -> Result<i32, AppError> {
    let title = checked_text(Field::SectionTitle, title, 2, 200)?;
    let description = description.trim();
    if description.chars().count() > 2000 {
        return Err(AppError::invalid(
            Field::Description,
            InvalidReason::TooLong { max: 2000 },
        ));
    }
    let txn = db.write().begin().await?;
    let found = editable(db, &txn, audience, survey_id).await?;
    let position = survey_section::Entity::find()
        .filter(survey_section::Column::SurveyId.eq(found.id))
        .count(&txn)
        .await? as i32;
    let created = survey_section::ActiveModel {
        survey_id: Set(found.id),
        position: Set(position),
        title: Set(title),
        description: Set(description.to_owned()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(created.id)
}

/// What the question form sends.
#[derive(Debug, Clone, Default)]
pub struct QuestionInput {
    pub section_id: i32,
    pub kind: String,
    pub prompt: String,
    pub required: bool,
    /// One per line (single and multiple).
    pub options: String,
}

pub async fn add_question(
    db: &Db,
    audience: &Audience,
    survey_id: i32,
    input: &QuestionInput,
) -> Result<i32, AppError> {
    // Who may ask first, then what is asked: nobody else makes the server read the options.
    forum_access::require_team(audience)?;
    let kind = QuestionKind::parse(&input.kind)
        .ok_or_else(|| AppError::invalid(Field::Kind, InvalidReason::Malformed))?;
    let prompt = checked_text(Field::Prompt, &input.prompt, 3, 500)?;
    let options = if kind.has_options() {
        option_lines(Field::Options, &input.options, (2, MAX_OPTIONS), 200)?
    } else {
        Vec::new()
    };
    let txn = db.write().begin().await?;
    let found = editable(db, &txn, audience, survey_id).await?;
    let section = survey_section::Entity::find_by_id(input.section_id)
        .filter(survey_section::Column::SurveyId.eq(found.id))
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::invalid(Field::Section, InvalidReason::Missing))?;
    let existing = survey_question::Entity::find()
        .filter(survey_question::Column::SurveyId.eq(found.id))
        .all(&txn)
        .await?;
    if existing.len() >= MAX_QUESTIONS {
        return Err(AppError::invalid(
            Field::Prompt,
            InvalidReason::Count {
                min: 1,
                max: MAX_QUESTIONS,
            },
        ));
    }
    let position = existing
        .iter()
        .filter(|q| q.section_id == section.id)
        .count() as i32;
    let created = survey_question::ActiveModel {
        survey_id: Set(found.id),
        section_id: Set(section.id),
        position: Set(position),
        kind: Set(kind),
        prompt: Set(prompt),
        required: Set(input.required),
        options: Set(options.join("\n")),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(created.id)
}

pub async fn remove_question(
    db: &Db,
    audience: &Audience,
    survey_id: i32,
    question_id: i32,
) -> Result<(), AppError> {
    let txn = db.write().begin().await?;
    let found = editable(db, &txn, audience, survey_id).await?;
    let removed = survey_question::Entity::delete_many()
        .filter(survey_question::Column::Id.eq(question_id))
        .filter(survey_question::Column::SurveyId.eq(found.id))
        .exec(&txn)
        .await?;
    if removed.rows_affected == 0 {
        return Err(AppError::invalid(Field::Question, InvalidReason::Missing));
    }
    txn.commit().await?;
    Ok(())
}

/// Staff publish the results to respondents, or withdraw them.
pub async fn set_published(
    db: &Db,
    audience: &Audience,
    survey_id: i32,
    published: bool,
) -> Result<(), AppError> {
    forum_access::require_team(audience)?;
    let found = find(db, audience, survey_id).await?;
    let txn = db.write().begin().await?;
    survey::Entity::update_many()
        .col_expr(survey::Column::PublishResults, Expr::value(published))
        .filter(survey::Column::Id.eq(found.id))
        .exec(&txn)
        .await?;
    let action = if published {
        AuditAction::SurveyPublish
    } else {
        AuditAction::SurveyUnpublish
    };
    let actor = audience.viewer().map(|v| v.user_id);
    audit::record_action(&txn, actor, action, format!("survey:{}", found.id)).await?;
    txn.commit().await?;
    Ok(())
}
