//! Changing organisations: staff add them; staff and an organisation's referents edit its record
//! and manage its people. Every change is written to the audit log with the state before and
//! after, in the same transaction.
use crate::error::Field;
use crate::kernel::identity::{OrganisationRole, Viewer};
use std::collections::HashSet;

use chrono::Utc;
use sea_orm::{
    sea_query::{Expr, ExprTrait, Func},
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, Set, TransactionTrait,
};
use serde::Serialize;

use super::{cards::all_themes, clean_text, directory::manages, optional_text};
use crate::{
    error::{AppError, InvalidReason},
    features::network::types::{OrganisationInput, OrganisationKind, REGIONS},
    server::{
        audit::{self, AuditAction, AuditRecord},
        entities::{organisation, organisation_member, organisation_theme, user},
        Db,
    },
};

pub const NAME_MAX: usize = 200;
pub const CITY_MAX: usize = 120;
pub const WEBSITE_MAX: usize = 300;
pub const DESCRIPTION_MAX: usize = 4000;

/// An organisation's record, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct Record {
    name: String,
    kind: OrganisationKind,
    ipa_code: Option<String>,
    tax_code: Option<String>,
    region: String,
    city: String,
    website: Option<String>,
    description: String,
    themes: Vec<i32>,
}

/// The IPA code (Indice dei domicili digitali della PA): letters, digits and underscores, as
/// `c_h501` or `asl_to`.
fn ipa_code(value: &str) -> Result<Option<String>, AppError> {
    let Some(code) = optional_text(Field::IpaCode, value, 16)? else {
        return Ok(None);
    };
    if !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(AppError::invalid(Field::IpaCode, InvalidReason::Malformed));
    }
    Ok(Some(code.to_ascii_lowercase()))
}

/// An Italian tax code of a body (11 digits, the same as its VAT number) or of a person
/// (16 letters and digits).
fn tax_code(value: &str) -> Result<Option<String>, AppError> {
    let code: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    if code.is_empty() {
        return Ok(None);
    }
    let code = code.to_ascii_uppercase();
    let valid = (code.len() == 11 && code.bytes().all(|b| b.is_ascii_digit()))
        || (code.len() == 16 && code.bytes().all(|b| b.is_ascii_alphanumeric()));
    if !valid {
        return Err(AppError::invalid(Field::TaxCode, InvalidReason::Malformed));
    }
    Ok(Some(code))
}

/// A web address: `https://` is added when the scheme is missing; only http(s) is accepted.
fn website(value: &str) -> Result<Option<String>, AppError> {
    let Some(text) = optional_text(Field::Website, value, WEBSITE_MAX)? else {
        return Ok(None);
    };
    let full = if text.contains("://") {
        text
    } else {
        format!("https://{text}")
    };
    let Some((scheme, rest)) = full.split_once("://") else {
        return Err(AppError::invalid(Field::Website, InvalidReason::Malformed));
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_ok = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ':'));
    if !matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https")
        || !host_ok
        || full.chars().any(char::is_whitespace)
        || full.chars().count() > WEBSITE_MAX
    {
        return Err(AppError::invalid(Field::Website, InvalidReason::Malformed));
    }
    Ok(Some(full))
}

async fn check(db: &Db, input: &OrganisationInput) -> Result<Record, AppError> {
    let name = clean_text(Field::OrganisationName, &input.name, NAME_MAX, true, false)?;
    let kind = OrganisationKind::parse(&input.kind)
        .ok_or(AppError::invalid(Field::Kind, InvalidReason::Required))?;
    let region = REGIONS
        .into_iter()
        .find(|r| *r == input.region.trim())
        .ok_or(AppError::invalid(Field::Region, InvalidReason::Required))?;
    let known: HashSet<i32> = all_themes(db).await?.into_iter().map(|t| t.id).collect();
    let mut themes: Vec<i32> = input.themes.clone();
    themes.sort_unstable();
    themes.dedup();
    if themes.iter().any(|id| !known.contains(id)) {
        return Err(AppError::invalid(Field::Themes, InvalidReason::Malformed));
    }
    Ok(Record {
        name,
        kind,
        ipa_code: ipa_code(&input.ipa_code)?,
        tax_code: tax_code(&input.tax_code)?,
        region: region.to_owned(),
        city: clean_text(Field::City, &input.city, CITY_MAX, true, false)?,
        website: website(&input.website)?,
        description: clean_text(
            Field::Description,
            &input.description,
            DESCRIPTION_MAX,
            false,
            true,
        )?,
        themes,
    })
}

/// Names are unique whatever their case.
async fn name_taken(db: &Db, name: &str, except: Option<i32>) -> Result<bool, AppError> {
    let mut query = organisation::Entity::find().filter(
        Expr::expr(Func::lower(Expr::col(organisation::Column::Name))).eq(name.to_lowercase()),
    );
    if let Some(id) = except {
        query = query.filter(organisation::Column::Id.ne(id));
    }
    Ok(query.count(db.read()).await? > 0)
}

fn record_of(model: &organisation::Model, themes: Vec<i32>) -> Record {
    Record {
        name: model.name.clone(),
        kind: model.kind,
        ipa_code: model.ipa_code.clone(),
        tax_code: model.tax_code.clone(),
        region: model.region.clone(),
        city: model.city.clone(),
        website: model.website.clone(),
        description: model.description.clone(),
        themes,
    }
}

async fn theme_ids(db: &impl sea_orm::ConnectionTrait, id: i32) -> Result<Vec<i32>, AppError> {
    let mut ids: Vec<i32> = organisation_theme::Entity::find()
        .filter(organisation_theme::Column::OrganisationId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.theme_id)
        .collect();
    ids.sort_unstable();
    Ok(ids)
}

async fn write_themes(txn: &DatabaseTransaction, id: i32, themes: &[i32]) -> Result<(), AppError> {
    organisation_theme::Entity::delete_many()
        .filter(organisation_theme::Column::OrganisationId.eq(id))
        .exec(txn)
        .await?;
    if !themes.is_empty() {
        organisation_theme::Entity::insert_many(themes.iter().map(|theme_id| {
            organisation_theme::ActiveModel {
                organisation_id: Set(id),
                theme_id: Set(*theme_id),
            }
        }))
        .exec(txn)
        .await?;
    }
    Ok(())
}

fn require_team(viewer: &Viewer) -> Result<(), AppError> {
    crate::server::access::require_team_viewer(Some(viewer)).map(|_| ())
}

/// Staff add an organisation. Returns its id.
pub async fn create_organisation(
    db: &Db,
    viewer: &Viewer,
    input: &OrganisationInput,
) -> Result<i32, AppError> {
    require_team(viewer)?;
    let record = check(db, input).await?;
    if name_taken(db, &record.name, None).await? {
        return Err(AppError::invalid(
            Field::OrganisationName,
            InvalidReason::Duplicate,
        ));
    }
    let txn = db.write().begin().await?;
    let created = organisation::ActiveModel {
        name: Set(record.name.clone()),
        kind: Set(record.kind),
        ipa_code: Set(record.ipa_code.clone()),
        tax_code: Set(record.tax_code.clone()),
        region: Set(record.region.clone()),
        city: Set(record.city.clone()),
        website: Set(record.website.clone()),
        description: Set(record.description.clone()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|err| match AppError::from(err) {
        AppError::Conflict => AppError::invalid(Field::OrganisationName, InvalidReason::Duplicate),
        other => other,
    })?;
    write_themes(&txn, created.id, &record.themes).await?;
    audit::record(
        &txn,
        AuditRecord::<(), _> {
            actor: Some(viewer.user_id),
            action: AuditAction::OrganisationCreate,
            target: format!("organisation:{}", created.id),
            before: None,
            after: Some(&record),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(created.id)
}

/// Staff or one of its referents edit an organisation's record.
pub async fn update_organisation(
    db: &Db,
    viewer: &Viewer,
    id: i32,
    input: &OrganisationInput,
) -> Result<(), AppError> {
    let found = organisation::Entity::find_by_id(id)
        .one(db.read())
        .await?
        .ok_or(AppError::NotFound)?;
    if !manages(db, viewer, id).await? {
        return Err(AppError::Forbidden);
    }
    let record = check(db, input).await?;
    if name_taken(db, &record.name, Some(id)).await? {
        return Err(AppError::invalid(
            Field::OrganisationName,
            InvalidReason::Duplicate,
        ));
    }
    let before = record_of(&found, theme_ids(db.read(), id).await?);
    if before == record {
        return Ok(());
    }
    let txn = db.write().begin().await?;
    let mut model = found.into_active_model();
    model.name = Set(record.name.clone());
    model.kind = Set(record.kind);
    model.ipa_code = Set(record.ipa_code.clone());
    model.tax_code = Set(record.tax_code.clone());
    model.region = Set(record.region.clone());
    model.city = Set(record.city.clone());
    model.website = Set(record.website.clone());
    model.description = Set(record.description.clone());
    model
        .update(&txn)
        .await
        .map_err(|err| match AppError::from(err) {
            AppError::Conflict => {
                AppError::invalid(Field::OrganisationName, InvalidReason::Duplicate)
            }
            other => other,
        })?;
    write_themes(&txn, id, &record.themes).await?;
    audit::record(
        &txn,
        AuditRecord {
            actor: Some(viewer.user_id),
            action: AuditAction::OrganisationUpdate,
            target: format!("organisation:{id}"),
            before: Some(&before),
            after: Some(&record),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// What a change to someone's place in an organisation looks like in the audit log.
#[derive(Serialize)]
struct Place<'a> {
    user: &'a str,
    role: Option<&'static str>,
}

/// The person's place, refusing to leave the organisation without a referent.
async fn place_of(
    txn: &DatabaseTransaction,
    organisation_id: i32,
    user_id: i32,
) -> Result<(organisation_member::Model, user::Model), AppError> {
    let membership = organisation_member::Entity::find_by_id((organisation_id, user_id))
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let person = user::Entity::find_by_id(user_id)
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((membership, person))
}

async fn other_referents(
    txn: &DatabaseTransaction,
    organisation_id: i32,
    user_id: i32,
) -> Result<u64, AppError> {
    Ok(organisation_member::Entity::find()
        .filter(organisation_member::Column::OrganisationId.eq(organisation_id))
        .filter(organisation_member::Column::UserId.ne(user_id))
        .filter(organisation_member::Column::Role.eq(OrganisationRole::Referent.as_str()))
        .count(txn)
        .await?)
}

/// Makes someone of the organisation its referent or a plain member. An organisation always
/// keeps at least one referent.
pub async fn set_member_role(
    db: &Db,
    viewer: &Viewer,
    organisation_id: i32,
    user_id: i32,
    role: OrganisationRole,
) -> Result<(), AppError> {
    if !manages(db, viewer, organisation_id).await? {
        return Err(AppError::Forbidden);
    }
    let txn = db.write().begin().await?;
    let (membership, person) = place_of(&txn, organisation_id, user_id).await?;
    let before = membership.role;
    if before == role {
        return Ok(());
    }
    if before == OrganisationRole::Referent
        && other_referents(&txn, organisation_id, user_id).await? == 0
    {
        return Err(AppError::invalid(Field::Role, InvalidReason::LastReferent));
    }
    organisation_member::Entity::update_many()
        .col_expr(
            organisation_member::Column::Role,
            Expr::value(role.as_str()),
        )
        .filter(organisation_member::Column::OrganisationId.eq(organisation_id))
        .filter(organisation_member::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        AuditRecord {
            actor: Some(viewer.user_id),
            action: AuditAction::OrganisationMemberRole,
            target: format!("organisation:{organisation_id}"),
            before: Some(Place {
                user: &person.username,
                role: Some(before.as_str()),
            }),
            after: Some(Place {
                user: &person.username,
                role: Some(role.as_str()),
            }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Takes someone out of the organisation (their account stays). Not the last referent.
pub async fn remove_member(
    db: &Db,
    viewer: &Viewer,
    organisation_id: i32,
    user_id: i32,
) -> Result<(), AppError> {
    if !manages(db, viewer, organisation_id).await? {
        return Err(AppError::Forbidden);
    }
    let txn = db.write().begin().await?;
    let (membership, person) = place_of(&txn, organisation_id, user_id).await?;
    let before = membership.role;
    if before == OrganisationRole::Referent
        && other_referents(&txn, organisation_id, user_id).await? == 0
    {
        return Err(AppError::invalid(Field::Role, InvalidReason::LastReferent));
    }
    organisation_member::Entity::delete_by_id((organisation_id, user_id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        AuditRecord {
            actor: Some(viewer.user_id),
            action: AuditAction::OrganisationRemoveMember,
            target: format!("organisation:{organisation_id}"),
            before: Some(Place {
                user: &person.username,
                role: Some(before.as_str()),
            }),
            after: Some(Place {
                user: &person.username,
                role: None,
            }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Staff add an existing account to an organisation (new people come through invitations).
pub async fn add_member(
    db: &Db,
    viewer: &Viewer,
    organisation_id: i32,
    username: &str,
    role: OrganisationRole,
) -> Result<(), AppError> {
    require_team(viewer)?;
    organisation::Entity::find_by_id(organisation_id)
        .one(db.read())
        .await?
        .ok_or(AppError::NotFound)?;
    let username = username.trim().trim_start_matches('@').to_lowercase();
    let person = user::Entity::find()
        .filter(user::Column::Username.eq(username.as_str()))
        .filter(user::Column::DisabledAt.is_null())
        .one(db.read())
        .await?
        .ok_or(AppError::invalid(Field::Username, InvalidReason::Unknown))?;
    let txn = db.write().begin().await?;
    organisation_member::ActiveModel {
        organisation_id: Set(organisation_id),
        user_id: Set(person.id),
        role: Set(role),
    }
    .insert(&txn)
    .await
    .map_err(|err| match AppError::from(err) {
        AppError::Conflict => AppError::invalid(Field::Username, InvalidReason::Duplicate),
        other => other,
    })?;
    audit::record(
        &txn,
        AuditRecord {
            actor: Some(viewer.user_id),
            action: AuditAction::OrganisationAddMember,
            target: format!("organisation:{organisation_id}"),
            before: None::<()>,
            after: Some(Place {
                user: &person.username,
                role: Some(role.as_str()),
            }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
