//! Reading the directory: the filtered lists of organisations and people, and an organisation's
//! page. What the viewer may not see is a 404.
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
};

use super::{
    cards::{all_themes, organisation_cards, person_cards},
    may_see_organisations, referent_of,
};
use crate::kernel::identity::Viewer;
use crate::{
    error::AppError,
    features::network::types::{Directory, DirectoryFilter, OrganisationDetails},
    server::{
        entities::{organisation, organisation_member, organisation_theme, user, user_theme},
        search::contains,
        Db,
    },
};

/// At most this many organisations and this many people on one page of the directory.
pub const PAGE: u64 = 100;
/// The directory as the viewer may see it, filtered.
pub async fn directory(
    db: &Db,
    viewer: Option<&Viewer>,
    filter: &DirectoryFilter,
) -> Result<Directory, AppError> {
    if !may_see_organisations(db, viewer).await? {
        return Err(AppError::NotFound);
    }
    let themes = all_themes(db).await?;
    // An unknown theme matches nothing (-1 is no theme's id).
    let theme_id = filter
        .theme
        .as_ref()
        .map(|slug| themes.iter().find(|t| &t.slug == slug).map_or(-1, |t| t.id));
    let text = filter.text.trim();

    let mut organisations_where = Condition::all();
    if let Some(kind) = filter.kind {
        organisations_where = organisations_where.add(organisation::Column::Kind.eq(kind.as_str()));
    }
    if let Some(region) = &filter.region {
        organisations_where = organisations_where.add(organisation::Column::Region.eq(region));
    }
    if let Some(theme_id) = theme_id {
        let ids = organisation_theme::Entity::find()
            .select_only()
            .column(organisation_theme::Column::OrganisationId)
            .filter(organisation_theme::Column::ThemeId.eq(theme_id))
            .into_query();
        organisations_where = organisations_where.add(organisation::Column::Id.in_subquery(ids));
    }
    if !text.is_empty() {
        organisations_where = organisations_where.add(
            Condition::any()
                .add(contains(organisation::Column::Name, text))
                .add(contains(organisation::Column::City, text)),
        );
    }
    let mut found = organisation::Entity::find()
        .filter(organisations_where)
        .order_by_asc(organisation::Column::Name)
        .limit(PAGE + 1)
        .all(db.read())
        .await?;
    let mut truncated = found.len() as u64 > PAGE;
    found.truncate(PAGE as usize);
    let organisations = organisation_cards(db, found, &themes).await?;

    let people = match viewer {
        None => None,
        Some(viewer) => {
            let mut people_where = Condition::all().add(user::Column::DisabledAt.is_null());
            if filter.kind.is_some() || filter.region.is_some() {
                // People of the organisations of that kind or region.
                let mut orgs = Condition::all();
                if let Some(kind) = filter.kind {
                    orgs = orgs.add(organisation::Column::Kind.eq(kind.as_str()));
                }
                if let Some(region) = &filter.region {
                    orgs = orgs.add(organisation::Column::Region.eq(region));
                }
                let org_ids = organisation::Entity::find()
                    .select_only()
                    .column(organisation::Column::Id)
                    .filter(orgs)
                    .into_query();
                let user_ids = organisation_member::Entity::find()
                    .select_only()
                    .column(organisation_member::Column::UserId)
                    .filter(organisation_member::Column::OrganisationId.in_subquery(org_ids))
                    .into_query();
                people_where = people_where.add(user::Column::Id.in_subquery(user_ids));
            }
            if let Some(theme_id) = theme_id {
                let user_ids = user_theme::Entity::find()
                    .select_only()
                    .column(user_theme::Column::UserId)
                    .filter(user_theme::Column::ThemeId.eq(theme_id))
                    .into_query();
                people_where = people_where.add(user::Column::Id.in_subquery(user_ids));
            }
            if !text.is_empty() {
                people_where = people_where.add(
                    Condition::any()
                        .add(contains(user::Column::DisplayName, text))
                        .add(contains(user::Column::Username, text)),
                );
            }
            let mut found = user::Entity::find()
                .filter(people_where)
                .order_by_asc(user::Column::DisplayName)
                .order_by_asc(user::Column::Id)
                .limit(PAGE + 1)
                .all(db.read())
                .await?;
            truncated |= found.len() as u64 > PAGE;
            found.truncate(PAGE as usize);
            Some(person_cards(db, viewer, found, &themes).await?)
        }
    };

    let mut regions: Vec<String> = organisation::Entity::find()
        .select_only()
        .column(organisation::Column::Region)
        .distinct()
        .into_tuple::<String>()
        .all(db.read())
        .await?;
    regions.sort();
    Ok(Directory {
        organisations,
        people,
        truncated,
        regions,
        themes,
        may_create: viewer.is_some_and(Viewer::is_team),
    })
}

/// May the viewer edit this organisation and manage its people: staff, or one of its referents.
pub async fn manages(db: &Db, viewer: &Viewer, organisation_id: i32) -> Result<bool, AppError> {
    Ok(viewer.is_team() || referent_of(db, viewer).await?.contains(&organisation_id))
}

/// An organisation's page: its record, its people (to those signed in) and whether the viewer
/// manages it.
pub async fn organisation_details(
    db: &Db,
    viewer: Option<&Viewer>,
    id: i32,
) -> Result<OrganisationDetails, AppError> {
    if !may_see_organisations(db, viewer).await? {
        return Err(AppError::NotFound);
    }
    let found = organisation::Entity::find_by_id(id)
        .one(db.read())
        .await?
        .ok_or(AppError::NotFound)?;
    let themes = all_themes(db).await?;
    let (ipa_code, tax_code, website, description) = (
        found.ipa_code.clone(),
        found.tax_code.clone(),
        found.website.clone(),
        found.description.clone(),
    );
    let card = organisation_cards(db, vec![found], &themes)
        .await?
        .pop()
        .ok_or(AppError::Internal)?;
    let (people, manage) = match viewer {
        None => (Vec::new(), false),
        Some(viewer) => {
            let member_ids = organisation_member::Entity::find()
                .select_only()
                .column(organisation_member::Column::UserId)
                .filter(organisation_member::Column::OrganisationId.eq(id))
                .into_query();
            let people = user::Entity::find()
                .filter(user::Column::Id.in_subquery(member_ids))
                .filter(user::Column::DisabledAt.is_null())
                .order_by_asc(user::Column::DisplayName)
                .all(db.read())
                .await?;
            (
                person_cards(db, viewer, people, &themes).await?,
                manages(db, viewer, id).await?,
            )
        }
    };
    Ok(OrganisationDetails {
        card,
        ipa_code,
        tax_code,
        website,
        description,
        people,
        manage,
        all_themes: themes,
    })
}
