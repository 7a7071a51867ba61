//! The wiki's rules. Spaces carry the scope; every page read, list, count, backlink, change and
//! feed entry goes through `access`, so a page in a space one may not see is a 404 everywhere.
//! Saving never overwrites: a save names the revision it started from, and a save on top of a
//! newer one is merged (`text::merge`) or handed back as a conflict.
use crate::error::Field;
pub mod access;
pub mod history;
pub mod kept;
pub mod links;
pub mod pages;
pub mod promote;
pub mod saving;
pub mod spaces;

use crate::{
    error::{AppError, InvalidReason},
    features::wiki::types::{PageRef, SpaceInfo, SOURCE_MAX, SUMMARY_MAX, TITLE_MAX, TITLE_MIN},
    server::entities::{wiki_page, wiki_space},
};

pub use crate::server::people::{people, person};

/// Where a space's pages live.
pub fn base_of(space: &wiki_space::Model) -> String {
    match space.slug.strip_prefix("gruppo-") {
        Some(group) if space.group_id.is_some() => format!("/wiki/gruppi/{group}"),
        _ => "/wiki".to_owned(),
    }
}

pub fn space_info(space: &wiki_space::Model, pages: u64) -> SpaceInfo {
    SpaceInfo {
        slug: space.slug.clone(),
        name: space.name.clone(),
        description: space.description.clone(),
        scope: space.scope,
        base: base_of(space),
        pages,
    }
}

pub fn page_ref(space: &wiki_space::Model, page: &wiki_page::Model) -> PageRef {
    PageRef {
        title: page.title.clone(),
        path: page.path.clone(),
        url: format!("{}/{}", base_of(space), page.path),
    }
}

/// A page title: trimmed, 2–200 characters, with something a path can be made of.
pub fn check_title(title: &str) -> Result<String, AppError> {
    let title = crate::server::forms::checked_text(Field::Title, title, TITLE_MIN, TITLE_MAX)?;
    if crate::features::wiki::text::paths::slug_of(&title).is_empty() {
        return Err(AppError::invalid(Field::Title, InvalidReason::Malformed));
    }
    Ok(title)
}

/// A page text: normalised line ends, not empty, at most `SOURCE_MAX` characters.
pub fn check_source(source: &str) -> Result<String, AppError> {
    let source = crate::features::wiki::text::normalise(source);
    if source.trim().is_empty() {
        return Err(AppError::invalid(Field::Source, InvalidReason::Required));
    }
    if source.chars().count() > SOURCE_MAX {
        return Err(AppError::invalid(
            Field::Source,
            InvalidReason::TooLong { max: SOURCE_MAX },
        ));
    }
    Ok(source)
}

pub fn check_summary(summary: &str) -> Result<String, AppError> {
    let summary = summary.trim();
    if summary.chars().count() > SUMMARY_MAX {
        return Err(AppError::invalid(
            Field::Summary,
            InvalidReason::TooLong { max: SUMMARY_MAX },
        ));
    }
    Ok(summary.to_owned())
}
