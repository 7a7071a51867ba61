//! Profile photos and organisation logos. An upload is accepted only when its first bytes say
//! PNG, JPEG or WebP (never SVG, which can carry scripts) and it is at most `IMAGE_MAX_BYTES`;
//! the type served is the one found, never the one the browser claimed. An image is served only
//! to those who may see the person or organisation it belongs to; otherwise it is not found.
use crate::error::Field;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, Set,
    TransactionTrait,
};

use super::{directory::manages, may_see_organisations};
use crate::{
    error::{AppError, InvalidReason},
    kernel::identity::Viewer,
    server::{
        audit::{self, AuditAction, AuditRecord},
        entities::{image, organisation, user},
        Db,
    },
};

pub const IMAGE_MAX_BYTES: usize = 512 * 1024;

/// The image type the bytes really are.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

fn check(field: Field, bytes: &[u8]) -> Result<&'static str, AppError> {
    if bytes.is_empty() {
        return Err(AppError::invalid(field, InvalidReason::Required));
    }
    if bytes.len() > IMAGE_MAX_BYTES {
        return Err(AppError::invalid(
            field,
            InvalidReason::FileTooLarge {
                max_kb: IMAGE_MAX_BYTES / 1024,
            },
        ));
    }
    sniff(bytes).ok_or(AppError::invalid(field, InvalidReason::ImageFormat))
}

async fn insert(
    txn: &impl sea_orm::ConnectionTrait,
    uploader: i32,
    content_type: &str,
    bytes: Vec<u8>,
) -> Result<i32, AppError> {
    Ok(image::ActiveModel {
        content_type: Set(content_type.to_owned()),
        bytes: Set(bytes),
        uploaded_by: Set(Some(uploader)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?
    .id)
}

/// Sets (or, with `None`, removes) the viewer's profile photo. The old image is deleted.
pub async fn set_photo(db: &Db, viewer: &Viewer, bytes: Option<Vec<u8>>) -> Result<(), AppError> {
    let content_type = bytes
        .as_deref()
        .map(|b| check(Field::Photo, b))
        .transpose()?;
    let person = user::Entity::find_by_id(viewer.user_id)
        .one(db.read())
        .await?
        .ok_or(AppError::NotFound)?;
    let old = person.photo_id;
    let txn = db.write().begin().await?;
    let new = match (bytes, content_type) {
        (Some(bytes), Some(kind)) => Some(insert(&txn, viewer.user_id, kind, bytes).await?),
        _ => None,
    };
    let mut model = person.into_active_model();
    model.photo_id = Set(new);
    model.update(&txn).await?;
    if let Some(old) = old {
        image::Entity::delete_by_id(old).exec(&txn).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Sets (or removes) an organisation's logo: staff or its referents.
pub async fn set_logo(
    db: &Db,
    viewer: &Viewer,
    organisation_id: i32,
    bytes: Option<Vec<u8>>,
) -> Result<(), AppError> {
    let found = organisation::Entity::find_by_id(organisation_id)
        .one(db.read())
        .await?
        .ok_or(AppError::NotFound)?;
    if !manages(db, viewer, organisation_id).await? {
        return Err(AppError::Forbidden);
    }
    let content_type = bytes
        .as_deref()
        .map(|b| check(Field::Logo, b))
        .transpose()?;
    let old = found.logo_id;
    let txn = db.write().begin().await?;
    let new = match (bytes, content_type) {
        (Some(bytes), Some(kind)) => Some(insert(&txn, viewer.user_id, kind, bytes).await?),
        _ => None,
    };
    let mut model = found.into_active_model();
    model.logo_id = Set(new);
    model.update(&txn).await?;
    if let Some(old) = old {
        image::Entity::delete_by_id(old).exec(&txn).await?;
    }
    audit::record(
        &txn,
        AuditRecord {
            actor: Some(viewer.user_id),
            action: AuditAction::OrganisationLogo,
            target: format!("organisation:{organisation_id}"),
            before: Some(old),
            after: Some(new),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// An image's type and bytes, when the viewer may see what it belongs to.
pub async fn fetch(
    db: &Db,
    viewer: Option<&Viewer>,
    id: i32,
) -> Result<(String, Vec<u8>), AppError> {
    let photo_of_someone = user::Entity::find()
        .filter(user::Column::PhotoId.eq(id))
        .filter(user::Column::DisabledAt.is_null())
        .count(db.read())
        .await?
        > 0;
    let visible = if photo_of_someone {
        viewer.is_some()
    } else {
        let logo = organisation::Entity::find()
            .filter(organisation::Column::LogoId.eq(id))
            .count(db.read())
            .await?
            > 0;
        logo && may_see_organisations(db, viewer).await?
    };
    if !visible {
        return Err(AppError::NotFound);
    }
    let found = image::Entity::find_by_id(id)
        .one(db.read())
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((found.content_type, found.bytes))
}
