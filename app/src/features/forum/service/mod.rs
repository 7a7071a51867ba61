//! The rules of the forum and Q&A, over the database. `access` decides who sees and does what;
//! the other modules use it for every list, count and fetch.
use crate::error::Field;
pub mod access;
pub mod categories;
pub mod lists;
pub mod moderation;
pub mod posts;
pub mod reading;
pub mod subscriptions;
pub mod threads;
pub mod votes;

use std::collections::HashSet;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::types::{BODY_MAX, TITLE_MAX, TITLE_MIN};
use crate::{
    error::{AppError, InvalidReason},
    server::{entities::user, markdown},
};

use crate::server::{clock::now, people::people};

/// A thread title: trimmed, 8–200 characters.
pub fn check_title(title: &str) -> Result<String, AppError> {
    crate::server::forms::checked_text(Field::Title, title, TITLE_MIN, TITLE_MAX)
}

/// A post's text, checked and rendered: the source as stored (trimmed at the end), the HTML,
/// and the ids of the people it mentions.
pub struct Body {
    pub source: String,
    pub html: String,
    pub mentioned: Vec<i32>,
}

pub async fn check_body(db: &impl ConnectionTrait, source: &str) -> Result<Body, AppError> {
    let source = source.trim_end().trim_start_matches(['\n', '\r']);
    if source.trim().is_empty() {
        return Err(AppError::invalid(Field::Body, InvalidReason::Required));
    }
    if source.chars().count() > BODY_MAX {
        return Err(AppError::invalid(
            Field::Body,
            InvalidReason::TooLong { max: BODY_MAX },
        ));
    }
    let names = markdown::mentions(source);
    let found = if names.is_empty() {
        Vec::new()
    } else {
        user::Entity::find()
            .filter(user::Column::Username.is_in(names))
            .filter(user::Column::DisabledAt.is_null())
            .all(db)
            .await?
    };
    let known: HashSet<String> = found.iter().map(|u| u.username.clone()).collect();
    let html = markdown::render(source, &known, Field::Body)?;
    Ok(Body {
        source: source.to_owned(),
        html,
        mentioned: found.iter().map(|u| u.id).collect(),
    })
}

/// Renders Markdown for the live preview (same renderer and sanitiser as saving).
pub async fn preview(db: &impl ConnectionTrait, source: &str) -> Result<String, AppError> {
    if source.trim().is_empty() {
        return Ok(String::new());
    }
    if source.chars().count() > BODY_MAX {
        return Err(AppError::invalid(
            Field::Body,
            InvalidReason::TooLong { max: BODY_MAX },
        ));
    }
    Ok(check_body(db, source).await?.html)
}

/// The first words of a post's text, for lists and the report queue.
pub fn excerpt(source: &str, max: usize) -> String {
    let flat: String = source.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}
