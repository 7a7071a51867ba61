//! Spaces: the community's (`/wiki/…`) and one per working group (`/wiki/gruppi/<slug>/…`),
//! created with the group and carrying its scope.
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

use super::{access, page_ref, space_info};
use crate::{
    error::AppError,
    features::wiki::{text::paths, types::SpaceIndex},
    scope::Scope,
    server::{
        access::Audience,
        entities::{group, wiki_page, wiki_space},
        Db,
    },
};

pub const COMMUNITY: &str = "comunita";
/// Pages listed on a space's index (the rest through links, search and recent changes).
const INDEX_PAGES: u64 = 500;

/// Where an address under `/wiki/` points: a space (by slug) and a page path in it (empty for
/// the space's index). Malformed paths are refused.
pub fn locate(address: &str) -> Result<(String, String), AppError> {
    let address = address.trim_matches('/');
    let (space, rest) = match address.strip_prefix("gruppi/") {
        Some(rest) => {
            let (group, path) = rest.split_once('/').unwrap_or((rest, ""));
            paths::parse(group)?;
            (format!("gruppo-{group}"), path)
        }
        None if address == "gruppi" => return Err(AppError::NotFound),
        None => (COMMUNITY.to_owned(), address),
    };
    if rest.is_empty() {
        return Ok((space, String::new()));
    }
    let path = paths::parse(rest)?;
    if space == COMMUNITY && paths::RESERVED.contains(&path.split('/').next().unwrap_or_default()) {
        return Err(AppError::NotFound);
    }
    Ok((space, path))
}

/// A working group's space, created with the group.
pub async fn create_for_group(
    db: &impl ConnectionTrait,
    created: &group::Model,
) -> Result<(), AppError> {
    wiki_space::ActiveModel {
        slug: Set(format!("gruppo-{}", created.slug)),
        name: Set(created.name.clone()),
        description: Set(created.description.clone()),
        scope: Set(Scope::Group(created.id)),
        group_id: Set(Some(created.id)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// A space's index: its pages by path, and the other spaces the audience sees.
pub async fn index(db: &Db, audience: &Audience, slug: &str) -> Result<SpaceIndex, AppError> {
    let all = access::spaces(db, audience).await?;
    let space = all
        .iter()
        .find(|s| s.slug == slug)
        .cloned()
        .ok_or(AppError::NotFound)?;
    let pages = wiki_page::Entity::find()
        .filter(wiki_page::Column::SpaceId.eq(space.id))
        .order_by_asc(wiki_page::Column::Path)
        .limit(INDEX_PAGES)
        .all(db.read())
        .await?;
    let mut spaces = Vec::with_capacity(all.len());
    for s in &all {
        let count = if s.id == space.id {
            pages.len() as u64
        } else {
            wiki_page::Entity::find()
                .filter(wiki_page::Column::SpaceId.eq(s.id))
                .count(db.read())
                .await?
        };
        spaces.push(space_info(s, count));
    }
    Ok(SpaceIndex {
        space: space_info(&space, pages.len() as u64),
        spaces,
        pages: pages.iter().map(|p| page_ref(&space, p)).collect(),
        may_create: access::may_write_in(audience, &space),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_name_a_space_and_a_path() {
        assert_eq!(locate("").unwrap(), ("comunita".into(), String::new()));
        assert_eq!(
            locate("coprogettazione/avvisi").unwrap(),
            ("comunita".into(), "coprogettazione/avvisi".into())
        );
        assert_eq!(
            locate("gruppi/cabina-di-regia").unwrap(),
            ("gruppo-cabina-di-regia".into(), String::new())
        );
        assert_eq!(
            locate("gruppi/cabina-di-regia/verbali").unwrap(),
            ("gruppo-cabina-di-regia".into(), "verbali".into())
        );
        assert!(locate("../x").is_err());
        assert!(locate("gruppi/../x").is_err());
        assert_eq!(locate("modifiche-recenti"), Err(AppError::NotFound));
    }
}
