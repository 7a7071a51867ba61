//! Results: counts per option and scale value (with the mean of scales), the text answers,
//! and the CSV export, one row per submitted response. Staff see the results always,
//! respondents once staff publish them; the export is for staff. Drafts never count.
use std::collections::{BTreeMap, HashMap, HashSet};

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{find, kind_of, options_of, questions, sections};
use crate::{
    error::AppError,
    features::surveys::types::{QuestionKind, QuestionResults, SurveyResults},
    i18n::Locale,
    server::{
        access::Audience,
        entities::{survey, survey_answer, survey_response, user},
        spreadsheet, Db,
    },
};

/// Staff always; a respondent once the results are published.
pub async fn may_see_results(
    db: &Db,
    audience: &Audience,
    found: &survey::Model,
) -> Result<bool, AppError> {
    if audience.is_team() {
        return Ok(true);
    }
    match audience.viewer() {
        Some(viewer) if found.publish_results => {
            super::has_responded(db, found.id, viewer.user_id).await
        }
        _ => Ok(false),
    }
}

/// A survey whose results the audience may see; otherwise not found.
pub async fn find_results(
    db: &Db,
    audience: &Audience,
    survey_id: i32,
) -> Result<survey::Model, AppError> {
    let found = find(db, audience, survey_id).await?;
    if !may_see_results(db, audience, &found).await? {
        return Err(AppError::NotFound);
    }
    Ok(found)
}

async fn submitted(db: &Db, survey_id: i32) -> Result<Vec<survey_response::Model>, AppError> {
    Ok(survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.eq(survey_id))
        .filter(survey_response::Column::Submitted.eq(true))
        .order_by_asc(survey_response::Column::Id)
        .all(db.read())
        .await?)
}

async fn answers(db: &Db, response_ids: Vec<i32>) -> Result<Vec<survey_answer::Model>, AppError> {
    if response_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut all = Vec::new();
    for chunk in response_ids.chunks(500) {
        all.extend(
            survey_answer::Entity::find()
                .filter(survey_answer::Column::ResponseId.is_in(chunk.to_vec()))
                .order_by_asc(survey_answer::Column::Id)
                .all(db.read())
                .await?,
        );
    }
    Ok(all)
}

pub async fn results(
    db: &Db,
    audience: &Audience,
    survey_id: i32,
) -> Result<SurveyResults, AppError> {
    let found = find_results(db, audience, survey_id).await?;
    let responses = submitted(db, found.id).await?;
    let rows = answers(db, responses.iter().map(|r| r.id).collect()).await?;
    let mut by_question: HashMap<i32, Vec<&survey_answer::Model>> = HashMap::new();
    for row in &rows {
        by_question.entry(row.question_id).or_default().push(row);
    }
    let all = questions(db, found.id).await?;
    let mut out = Vec::new();
    for section in sections(db, found.id).await? {
        let mut list = Vec::new();
        for q in all.iter().filter(|q| q.section_id == section.id) {
            let kind = kind_of(q);
            let rows = by_question
                .get(&q.id)
                .map(Vec::as_slice)
                .unwrap_or_default();
            let answered = rows
                .iter()
                .map(|r| r.response_id)
                .collect::<HashSet<_>>()
                .len() as i32;
            let labels: Vec<String> = match kind.scale_max() {
                Some(max) => (1..=max).map(|v| v.to_string()).collect(),
                None => options_of(q),
            };
            let value_of = |choice: i32| match kind.scale_max() {
                Some(_) => (choice - 1) as usize,
                None => choice as usize,
            };
            let mut counts = vec![0; labels.len()];
            let mut sum = 0i64;
            let mut n = 0i64;
            let mut texts = Vec::new();
            for row in rows {
                if let Some(choice) = row.choice {
                    if let Some(c) = counts.get_mut(value_of(choice)) {
                        *c += 1;
                        sum += i64::from(choice);
                        n += 1;
                    }
                }
                if let Some(text) = &row.text {
                    texts.push(text.clone());
                }
            }
            // In alphabetical order: the order of answering says nothing about who wrote what.
            texts.sort_by_cached_key(|t| t.to_lowercase());
            let mean = (kind.scale_max().is_some() && n > 0).then(|| sum as f64 / n as f64);
            list.push(QuestionResults {
                id: q.id,
                kind,
                prompt: q.prompt.clone(),
                counts: if kind.is_text() {
                    Vec::new()
                } else {
                    labels.into_iter().zip(counts).collect()
                },
                answered,
                mean,
                texts,
            });
        }
        out.push((section.title, list));
    }
    Ok(SurveyResults {
        id: found.id,
        title: found.title,
        responses: responses.len() as i32,
        anonymous: found.anonymous,
        sections: out,
        may_export: audience.is_team(),
    })
}

/// The CSV export, for staff: one row per submitted response, one column per question (see
/// `server::spreadsheet` for how it opens right in spreadsheet programs). Respondents see the
/// published totals on the results page, never other people's rows. An anonymous survey's
/// rows are sorted by their answers, so their order says nothing about who answered when.
pub async fn export_csv(
    db: &Db,
    audience: &Audience,
    survey_id: i32,
    locale: Locale,
) -> Result<(String, Vec<u8>), AppError> {
    let found = find(db, audience, survey_id).await?;
    if !audience.is_team() {
        return Err(AppError::NotFound);
    }
    let t = locale.messages().surveys;
    let responses = submitted(db, found.id).await?;
    let rows = answers(db, responses.iter().map(|r| r.id).collect()).await?;
    let all = questions(db, found.id).await?;
    let names: HashMap<i32, String> = if found.anonymous {
        HashMap::new()
    } else {
        let ids: Vec<i32> = responses.iter().filter_map(|r| r.user_id).collect();
        if ids.is_empty() {
            HashMap::new()
        } else {
            user::Entity::find()
                .filter(user::Column::Id.is_in(ids))
                .all(db.read())
                .await?
                .into_iter()
                .map(|u| (u.id, u.display_name))
                .collect()
        }
    };
    let mut by_response: HashMap<i32, BTreeMap<i32, Vec<&survey_answer::Model>>> = HashMap::new();
    for row in &rows {
        by_response
            .entry(row.response_id)
            .or_default()
            .entry(row.question_id)
            .or_default()
            .push(row);
    }
    let mut records: Vec<Vec<String>> = Vec::with_capacity(responses.len());
    for response in &responses {
        let mut record = Vec::with_capacity(all.len() + 1);
        if !found.anonymous {
            record.push(
                response
                    .user_id
                    .and_then(|id| names.get(&id))
                    .cloned()
                    .unwrap_or_default(),
            );
        }
        let given = by_response.get(&response.id);
        for q in &all {
            let rows = given
                .and_then(|g| g.get(&q.id))
                .map(Vec::as_slice)
                .unwrap_or_default();
            let kind = kind_of(q);
            let cell = if kind.is_text() {
                rows.iter()
                    .filter_map(|r| r.text.clone())
                    .collect::<Vec<_>>()
                    .join(" ")
            } else if kind.scale_max().is_some() {
                rows.iter()
                    .filter_map(|r| r.choice)
                    .map(|c| c.to_string())
                    .collect::<Vec<_>>()
                    .join(" | ")
            } else {
                let options = options_of(q);
                rows.iter()
                    .filter_map(|r| r.choice.and_then(|c| options.get(c as usize).cloned()))
                    .collect::<Vec<_>>()
                    .join(" | ")
            };
            record.push(cell);
        }
        records.push(record);
    }
    if found.anonymous {
        records.sort();
    }
    let mut header = vec![t.csv_number.to_owned()];
    if !found.anonymous {
        header.push(t.csv_person.to_owned());
    }
    header.extend(all.iter().map(|q| q.prompt.clone()));
    let mut table = vec![header];
    for (number, mut record) in records.into_iter().enumerate() {
        record.insert(0, (number + 1).to_string());
        table.push(record);
    }
    let bytes = spreadsheet::csv(&table, locale)?;
    Ok((format!("questionario-{}.csv", found.id), bytes))
}

/// For tests and the page: the kinds that draw a chart.
pub fn charted(kind: QuestionKind) -> bool {
    !kind.is_text()
}
