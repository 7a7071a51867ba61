//! A page's `[[links]]`: its HTML with links to missing pages marked, the paths it links to
//! (kept for backlinks), and the pages whose links change when a page appears or goes.
use std::collections::HashSet;

use sea_orm::{
    sea_query::Expr, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    Set,
};

use crate::{
    error::{AppError, Field, InvalidReason},
    features::wiki::types::SOURCE_MAX,
    server::{
        entities::{wiki_link, wiki_page, wiki_space},
        markdown,
    },
};

/// The preview of a text being written in `space` (already checked as the viewer's): bounded
/// like a page before any work (a byte bound first, so an oversized text is refused without
/// being read), then rendered as it would be saved. An empty text previews as nothing.
pub async fn preview(
    db: &impl ConnectionTrait,
    space: &wiki_space::Model,
    text: &str,
) -> Result<String, AppError> {
    if text.trim().is_empty() {
        return Ok(String::new());
    }
    if text.len() > SOURCE_MAX * 4 {
        return Err(AppError::invalid(
            Field::Source,
            InvalidReason::TooLong { max: SOURCE_MAX },
        ));
    }
    let source = super::check_source(text)?;
    Ok(render(db, space, &source).await?.0)
}

/// The page's HTML and the paths it links to (links to missing pages marked as such).
pub async fn render(
    db: &impl ConnectionTrait,
    space: &wiki_space::Model,
    source: &str,
) -> Result<(String, Vec<String>), AppError> {
    let links = markdown::wiki_link_paths(source);
    let existing: HashSet<String> = if links.is_empty() {
        HashSet::new()
    } else {
        wiki_page::Entity::find()
            .filter(wiki_page::Column::SpaceId.eq(space.id))
            .filter(wiki_page::Column::Path.is_in(links.clone()))
            .all(db)
            .await?
            .into_iter()
            .map(|p| p.path)
            .collect()
    };
    let html = markdown::render_page(source, &super::base_of(space), &existing)
        .map_err(|_| AppError::invalid(Field::Source, InvalidReason::TooComplex))?;
    Ok((html, links))
}

pub(super) async fn set_links(
    txn: &DatabaseTransaction,
    page_id: i32,
    space_id: i32,
    links: &[String],
) -> Result<(), AppError> {
    wiki_link::Entity::delete_many()
        .filter(wiki_link::Column::PageId.eq(page_id))
        .exec(txn)
        .await?;
    if links.is_empty() {
        return Ok(());
    }
    wiki_link::Entity::insert_many(links.iter().map(|path| wiki_link::ActiveModel {
        page_id: Set(page_id),
        space_id: Set(space_id),
        path: Set(path.clone()),
    }))
    .exec_without_returning(txn)
    .await?;
    Ok(())
}

/// A new page: the pages that linked to it (shown as "to be written") are rendered again.
pub(super) async fn refresh_linking_pages(
    txn: &DatabaseTransaction,
    space: &wiki_space::Model,
    path: &str,
) -> Result<(), AppError> {
    let ids: Vec<i32> = wiki_link::Entity::find()
        .filter(wiki_link::Column::SpaceId.eq(space.id))
        .filter(wiki_link::Column::Path.eq(path))
        .all(txn)
        .await?
        .into_iter()
        .map(|l| l.page_id)
        .collect();
    if ids.is_empty() {
        return Ok(());
    }
    for linking in wiki_page::Entity::find()
        .filter(wiki_page::Column::Id.is_in(ids))
        .all(txn)
        .await?
    {
        let (html, _) = render(txn, space, &linking.source).await?;
        wiki_page::Entity::update_many()
            .col_expr(wiki_page::Column::Html, Expr::value(html))
            .filter(wiki_page::Column::Id.eq(linking.id))
            .exec(txn)
            .await?;
    }
    Ok(())
}
