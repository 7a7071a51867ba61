//! Answering a survey: one response per person. Answers are checked against the questions
//! (known question, an existing option, a value on the scale, text within its length); a draft
//! keeps whatever is answered so far; submitting needs every required question. A named
//! response stays editable until closing. An anonymous response, once submitted, is written
//! without person or time and the person's draft is deleted: what remains of them is only that
//! they responded. Drafts of an anonymous survey that closed unsent are deleted too.
use crate::error::Field;
use crate::server::clock::now;
use std::collections::{HashMap, HashSet};

use crate::server::access as forum_access;
use sea_orm::{
    sea_query::{Expr, ExprTrait},
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
    TransactionTrait,
};

use super::{find, kind_of, options_of, phase, questions};
use crate::{
    error::{AppError, InvalidReason},
    features::surveys::types::{QuestionKind, ResponseState, SurveyPhase},
    server::{
        access::Audience,
        entities::{survey, survey_answer, survey_question, survey_respondent, survey_response},
        Db,
    },
};

pub const SHORT_MAX: usize = 300;
pub const LONG_MAX: usize = 5000;

/// One question's answer: the options or scale value chosen, or the text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Answer {
    pub choices: Vec<i32>,
    pub text: String,
}

impl Answer {
    pub fn is_empty(&self) -> bool {
        self.choices.is_empty() && self.text.trim().is_empty()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Draft,
    Submit,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Saved,
    Submitted,
    /// Required questions left unanswered (`ids`). `kept`: the answers were saved as a draft;
    /// for a submitted named response nothing changed, so it stays complete.
    Missing {
        ids: Vec<i32>,
        kept: bool,
    },
}

/// Reads the form's fields (`q<id>`, repeated for multiple choice) into answers, refusing
/// anything that does not fit the questions.
pub fn read_answers(
    questions: &[survey_question::Model],
    fields: &[(String, String)],
) -> Result<HashMap<i32, Answer>, AppError> {
    let by_id: HashMap<i32, &survey_question::Model> =
        questions.iter().map(|q| (q.id, q)).collect();
    let mut answers: HashMap<i32, Answer> = HashMap::new();
    for (name, value) in fields {
        let Some(id) = name.strip_prefix('q') else {
            continue;
        };
        let id: i32 = id
            .parse()
            .map_err(|_| AppError::invalid(Field::Answers, InvalidReason::Malformed))?;
        let question = by_id
            .get(&id)
            .ok_or_else(|| AppError::invalid(Field::Answers, InvalidReason::Malformed))?;
        let kind = kind_of(question);
        let answer = answers.entry(id).or_default();
        if kind.is_text() {
            if !answer.text.is_empty() {
                return Err(AppError::invalid(Field::Answers, InvalidReason::Malformed));
            }
            let max = if kind == QuestionKind::Short {
                SHORT_MAX
            } else {
                LONG_MAX
            };
            let text = value.trim();
            if text.chars().count() > max {
                return Err(AppError::invalid(
                    Field::Answer,
                    InvalidReason::TooLong { max },
                ));
            }
            if kind == QuestionKind::Short && text.contains(['\n', '\r']) {
                return Err(AppError::invalid(Field::Answer, InvalidReason::Malformed));
            }
            answer.text = text.to_owned();
            continue;
        }
        if value.trim().is_empty() {
            continue;
        }
        let choice: i32 = value
            .trim()
            .parse()
            .map_err(|_| AppError::invalid(Field::Answers, InvalidReason::Malformed))?;
        let valid = match kind.scale_max() {
            Some(max) => (1..=max).contains(&choice),
            None => choice >= 0 && (choice as usize) < options_of(question).len(),
        };
        if !valid || answer.choices.contains(&choice) {
            return Err(AppError::invalid(Field::Answers, InvalidReason::Malformed));
        }
        if kind != QuestionKind::Multiple && !answer.choices.is_empty() {
            return Err(AppError::invalid(Field::Answers, InvalidReason::Malformed));
        }
        answer.choices.push(choice);
    }
    answers.retain(|_, a| !a.is_empty());
    Ok(answers)
}

/// The person's own response row (a draft, or a submitted named one).
pub async fn own_response(
    db: &impl ConnectionTrait,
    survey_id: i32,
    user_id: i32,
) -> Result<Option<survey_response::Model>, AppError> {
    Ok(survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.eq(survey_id))
        .filter(survey_response::Column::UserId.eq(user_id))
        .one(db)
        .await?)
}

pub async fn has_responded(db: &Db, survey_id: i32, user_id: i32) -> Result<bool, AppError> {
    Ok(survey_respondent::Entity::find_by_id((survey_id, user_id))
        .one(db.read())
        .await?
        .is_some())
}

/// Where the person stands, and their saved answers.
pub async fn state(
    db: &Db,
    found: &survey::Model,
    user_id: i32,
) -> Result<(ResponseState, HashMap<i32, Answer>), AppError> {
    let responded = has_responded(db, found.id, user_id).await?;
    let own = own_response(db.read(), found.id, user_id).await?;
    let answers = match &own {
        Some(r) => answers_of(db.read(), r.id).await?,
        None => HashMap::new(),
    };
    let state = match (responded, own) {
        (true, _) => ResponseState::Submitted,
        (false, Some(_)) => ResponseState::Draft,
        (false, None) => ResponseState::None,
    };
    Ok((state, answers))
}

/// Where the person stands in each of these surveys (for lists: two queries in all).
pub async fn states(
    db: &Db,
    survey_ids: Vec<i32>,
    user_id: i32,
) -> Result<HashMap<i32, ResponseState>, AppError> {
    if survey_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut states: HashMap<i32, ResponseState> = survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.is_in(survey_ids.clone()))
        .filter(survey_response::Column::UserId.eq(user_id))
        .all(db.read())
        .await?
        .into_iter()
        .map(|r| (r.survey_id, ResponseState::Draft))
        .collect();
    for done in survey_respondent::Entity::find()
        .filter(survey_respondent::Column::SurveyId.is_in(survey_ids))
        .filter(survey_respondent::Column::UserId.eq(user_id))
        .all(db.read())
        .await?
    {
        states.insert(done.survey_id, ResponseState::Submitted);
    }
    Ok(states)
}

pub async fn answers_of(
    db: &impl ConnectionTrait,
    response_id: i32,
) -> Result<HashMap<i32, Answer>, AppError> {
    let mut answers: HashMap<i32, Answer> = HashMap::new();
    for row in survey_answer::Entity::find()
        .filter(survey_answer::Column::ResponseId.eq(response_id))
        .all(db)
        .await?
    {
        let answer = answers.entry(row.question_id).or_default();
        if let Some(choice) = row.choice {
            answer.choices.push(choice);
        }
        if let Some(text) = row.text {
            answer.text = text;
        }
    }
    Ok(answers)
}

async fn write_answers(
    txn: &impl ConnectionTrait,
    response_id: i32,
    answers: &HashMap<i32, Answer>,
) -> Result<(), AppError> {
    survey_answer::Entity::delete_many()
        .filter(survey_answer::Column::ResponseId.eq(response_id))
        .exec(txn)
        .await?;
    let mut rows = Vec::new();
    let mut ids: Vec<&i32> = answers.keys().collect();
    ids.sort();
    for id in ids {
        let answer = &answers[id];
        if !answer.text.is_empty() {
            rows.push(survey_answer::ActiveModel {
                response_id: Set(response_id),
                question_id: Set(*id),
                choice: Set(None),
                text: Set(Some(answer.text.clone())),
                ..Default::default()
            });
        }
        for choice in &answer.choices {
            rows.push(survey_answer::ActiveModel {
                response_id: Set(response_id),
                question_id: Set(*id),
                choice: Set(Some(*choice)),
                text: Set(None),
                ..Default::default()
            });
        }
    }
    if !rows.is_empty() {
        survey_answer::Entity::insert_many(rows).exec(txn).await?;
    }
    Ok(())
}

/// The person's own response row (`own`, or a new one for `(survey, person)`) with these
/// answers: a draft, or (`submitted`) a named response.
async fn save_own(
    txn: &impl ConnectionTrait,
    own: Option<survey_response::Model>,
    (survey_id, user_id): (i32, i32),
    answers: &HashMap<i32, Answer>,
    submitted: bool,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    let id = match own {
        Some(r) => r.id,
        None => {
            survey_response::ActiveModel {
                survey_id: Set(survey_id),
                user_id: Set(Some(user_id)),
                submitted: Set(submitted),
                updated_at: Set(Some(at)),
                ..Default::default()
            }
            .insert(txn)
            .await?
            .id
        }
    };
    write_answers(txn, id, answers).await?;
    survey_response::Entity::update_many()
        .col_expr(survey_response::Column::Submitted, Expr::value(submitted))
        .col_expr(survey_response::Column::UpdatedAt, Expr::value(Some(at)))
        .filter(survey_response::Column::Id.eq(id))
        .exec(txn)
        .await?;
    Ok(())
}

/// Saves a draft or submits. Bad input changes nothing.
///
/// Everything is decided inside one transaction holding the survey's row (PostgreSQL; SQLite
/// has a single writer), so a person's draft saves and submissions queue: a draft can never
/// come back after its anonymous submission, and a second submission is refused.
pub async fn answer(
    db: &Db,
    audience: &Audience,
    survey_id: i32,
    fields: &[(String, String)],
    action: Action,
) -> Result<Outcome, AppError> {
    let found = find(db, audience, survey_id).await?;
    let viewer = forum_access::signed_in(audience)?;
    let all = questions(db, found.id).await?;
    let answers = read_answers(&all, fields)?;
    let missing: Vec<i32> = all
        .iter()
        .filter(|q| q.required && !answers.contains_key(&q.id))
        .map(|q| q.id)
        .collect();

    let txn = db.write().begin().await?;
    let locked = survey::Entity::find_by_id(found.id)
        .lock_exclusive()
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    match phase(&locked, now()) {
        SurveyPhase::NotYetOpen => return Err(AppError::SurveyNotOpen),
        SurveyPhase::Closed => return Err(AppError::SurveyClosed),
        SurveyPhase::Open => {}
    }
    let responded = survey_respondent::Entity::find_by_id((locked.id, viewer.user_id))
        .one(&txn)
        .await?
        .is_some();
    if responded && locked.anonymous {
        return Err(AppError::AlreadyAnswered);
    }
    let submit = action == Action::Submit || responded;
    if responded && !missing.is_empty() {
        // A submitted named response stays complete: nothing changes.
        return Ok(Outcome::Missing {
            ids: missing,
            kept: false,
        });
    }
    let at = now();
    let own = own_response(&txn, locked.id, viewer.user_id).await?;
    if !submit || !missing.is_empty() {
        // A draft: the person's answers so far, kept under their name until they submit.
        save_own(&txn, own, (locked.id, viewer.user_id), &answers, false, at).await?;
        txn.commit().await?;
        return Ok(if !submit || missing.is_empty() {
            Outcome::Saved
        } else {
            Outcome::Missing {
                ids: missing,
                kept: true,
            }
        });
    }
    if locked.anonymous {
        // The submitted copy carries neither person nor time; the draft goes.
        let anonymous = survey_response::ActiveModel {
            survey_id: Set(locked.id),
            user_id: Set(None),
            submitted: Set(true),
            updated_at: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        write_answers(&txn, anonymous.id, &answers).await?;
        if let Some(draft) = own {
            survey_response::Entity::delete_by_id(draft.id)
                .exec(&txn)
                .await?;
        }
    } else {
        save_own(&txn, own, (locked.id, viewer.user_id), &answers, true, at).await?;
    }
    if !responded {
        // The primary key refuses a second submission, should one ever get this far.
        survey_respondent::ActiveModel {
            survey_id: Set(locked.id),
            user_id: Set(viewer.user_id),
        }
        .insert(&txn)
        .await
        .map_err(|err| match AppError::from(err) {
            AppError::Conflict => AppError::AlreadyAnswered,
            other => other,
        })?;
        if locked.anonymous {
            // Every respondent row is rewritten with this one. On PostgreSQL each row carries
            // the id of the transaction that last wrote it (`xmin`): the new respondent's would
            // otherwise be the same as that of the response written beside it.
            survey_respondent::Entity::update_many()
                .col_expr(
                    survey_respondent::Column::SurveyId,
                    Expr::col(survey_respondent::Column::SurveyId),
                )
                .filter(survey_respondent::Column::SurveyId.eq(locked.id))
                .exec(&txn)
                .await?;
        }
        survey::Entity::update_many()
            .col_expr(
                survey::Column::Responses,
                Expr::col(survey::Column::Responses).add(1),
            )
            .filter(survey::Column::Id.eq(locked.id))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(Outcome::Submitted)
}

/// Drafts of anonymous surveys that closed: they hold a person's unsent answers under their
/// name, which an anonymous survey keeps no longer than it must. Returns how many went.
pub async fn forget_closed_anonymous_drafts(db: &Db) -> Result<u64, AppError> {
    use sea_orm::sea_query::Query;
    let closed = Query::select()
        .column(survey::Column::Id)
        .from(survey::Entity)
        .and_where(survey::Column::Anonymous.eq(true))
        .and_where(survey::Column::ClosesAt.lte(now()))
        .to_owned();
    let removed = survey_response::Entity::delete_many()
        .filter(survey_response::Column::Submitted.eq(false))
        .filter(survey_response::Column::SurveyId.in_subquery(closed))
        .exec(db.write())
        .await?;
    Ok(removed.rows_affected)
}

/// Question ids answered in `answers` (for the progress indicator).
pub fn answered_count(
    answers: &HashMap<i32, Answer>,
    questions: &[survey_question::Model],
) -> usize {
    let ids: HashSet<i32> = questions.iter().map(|q| q.id).collect();
    answers.keys().filter(|id| ids.contains(id)).count()
}
