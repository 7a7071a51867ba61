//! Editing one's own profile: name, short bio, phone, who sees one's contacts, followed themes.
use crate::error::Field;
use crate::kernel::identity::Viewer;
use std::collections::HashSet;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set, TransactionTrait,
};

use super::{cards::all_themes, clean_text, optional_text};
use crate::{
    error::{AppError, InvalidReason},
    features::network::types::{ContactVisibility, ProfileEditor},
    server::{
        entities::{user, user_theme},
        Db,
    },
};

pub const DISPLAY_NAME_MAX: usize = 80;
pub const BIO_MAX: usize = 1000;
pub const PHONE_MAX: usize = 40;

/// What the form sends.
#[derive(Debug, Clone, Default)]
pub struct ProfileInput {
    pub display_name: String,
    pub bio: String,
    pub phone: String,
    pub contact_visibility: String,
    pub themes: Vec<i32>,
}

async fn followed(db: &Db, user_id: i32) -> Result<Vec<i32>, AppError> {
    let mut ids: Vec<i32> = user_theme::Entity::find()
        .filter(user_theme::Column::UserId.eq(user_id))
        .all(db.read())
        .await?
        .into_iter()
        .map(|r| r.theme_id)
        .collect();
    ids.sort_unstable();
    Ok(ids)
}

pub async fn profile_editor(db: &Db, viewer: &Viewer) -> Result<ProfileEditor, AppError> {
    let person = user::Entity::find_by_id(viewer.user_id)
        .one(db.read())
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(ProfileEditor {
        display_name: person.display_name,
        bio: person.bio,
        phone: person.phone.unwrap_or_default(),
        contact_visibility: person.contact_visibility,
        photo: person.photo_id,
        followed: followed(db, viewer.user_id).await?,
        themes: all_themes(db).await?,
    })
}

/// A phone number as people write it: digits, spaces, `+`, `-`, `.`, `/` and parentheses, with
/// at least six digits.
fn phone(value: &str) -> Result<Option<String>, AppError> {
    let Some(text) = optional_text(Field::Phone, value, PHONE_MAX)? else {
        return Ok(None);
    };
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let allowed = text
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '.' | '/' | '(' | ')'));
    if !allowed || digits < 6 {
        return Err(AppError::invalid(Field::Phone, InvalidReason::Malformed));
    }
    Ok(Some(text))
}

pub async fn update_profile(
    db: &Db,
    viewer: &Viewer,
    input: &ProfileInput,
) -> Result<(), AppError> {
    let display_name = clean_text(
        Field::DisplayName,
        &input.display_name,
        DISPLAY_NAME_MAX,
        true,
        false,
    )?;
    let bio = clean_text(Field::Bio, &input.bio, BIO_MAX, false, true)?;
    let phone = phone(&input.phone)?;
    let visibility = ContactVisibility::parse(&input.contact_visibility).ok_or(
        AppError::invalid(Field::ContactVisibility, InvalidReason::Required),
    )?;
    let known: HashSet<i32> = all_themes(db).await?.into_iter().map(|t| t.id).collect();
    let mut themes = input.themes.clone();
    themes.sort_unstable();
    themes.dedup();
    if themes.iter().any(|id| !known.contains(id)) {
        return Err(AppError::invalid(Field::Themes, InvalidReason::Malformed));
    }
    let person = user::Entity::find_by_id(viewer.user_id)
        .one(db.read())
        .await?
        .ok_or(AppError::NotFound)?;
    let txn = db.write().begin().await?;
    let mut model = person.into_active_model();
    model.display_name = Set(display_name);
    model.bio = Set(bio);
    model.phone = Set(phone);
    model.contact_visibility = Set(visibility);
    model.update(&txn).await?;
    user_theme::Entity::delete_many()
        .filter(user_theme::Column::UserId.eq(viewer.user_id))
        .exec(&txn)
        .await?;
    if !themes.is_empty() {
        user_theme::Entity::insert_many(themes.iter().map(|theme_id| user_theme::ActiveModel {
            user_id: Set(viewer.user_id),
            theme_id: Set(*theme_id),
        }))
        .exec(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(())
}
