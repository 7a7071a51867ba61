//! Cards for lists of organisations and people, built with a fixed number of queries whatever
//! the list's length.
use std::collections::{HashMap, HashSet};

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::referent_of;
use crate::kernel::identity::Viewer;
use crate::{
    error::AppError,
    features::network::types::{
        Affiliation, Contact, OrganisationCard, OrganisationKind, PersonCard, ThemeTag,
    },
    server::{
        entities::{
            organisation, organisation_member, organisation_theme, theme, theme::ThemeStatus, user,
            user_theme,
        },
        Db,
    },
};

/// Every approved theme by id, by name.
pub async fn all_themes(db: &Db) -> Result<Vec<ThemeTag>, AppError> {
    Ok(theme::Entity::find()
        .filter(theme::Column::Status.eq(ThemeStatus::Approved))
        .order_by_asc(theme::Column::Name)
        .all(db.read())
        .await?
        .into_iter()
        .map(|t| ThemeTag {
            id: t.id,
            slug: t.slug,
            name: t.name,
        })
        .collect())
}

pub fn kind_of(model: &organisation::Model) -> OrganisationKind {
    model.kind
}

pub async fn organisation_cards(
    db: &Db,
    organisations: Vec<organisation::Model>,
    themes: &[ThemeTag],
) -> Result<Vec<OrganisationCard>, AppError> {
    let ids: Vec<i32> = organisations.iter().map(|o| o.id).collect();
    let theme_by_id: HashMap<i32, &ThemeTag> = themes.iter().map(|t| (t.id, t)).collect();
    let mut org_themes: HashMap<i32, Vec<ThemeTag>> = HashMap::new();
    for row in organisation_theme::Entity::find()
        .filter(organisation_theme::Column::OrganisationId.is_in(ids.clone()))
        .all(db.read())
        .await?
    {
        if let Some(tag) = theme_by_id.get(&row.theme_id) {
            org_themes
                .entry(row.organisation_id)
                .or_default()
                .push((*tag).clone());
        }
    }
    // Disabled people do not count.
    let mut people: HashMap<i32, u64> = HashMap::new();
    for (membership, person) in organisation_member::Entity::find()
        .filter(organisation_member::Column::OrganisationId.is_in(ids))
        .find_also_related(user::Entity)
        .all(db.read())
        .await?
    {
        if person.is_some_and(|p| p.disabled_at.is_none()) {
            *people.entry(membership.organisation_id).or_default() += 1;
        }
    }
    Ok(organisations
        .into_iter()
        .map(|o| {
            let mut tags = org_themes.remove(&o.id).unwrap_or_default();
            tags.sort_by(|a, b| a.name.cmp(&b.name));
            OrganisationCard {
                id: o.id,
                kind: kind_of(&o),
                people: people.get(&o.id).copied().unwrap_or(0),
                name: o.name,
                region: o.region,
                city: o.city,
                logo: o.logo_id,
                themes: tags,
            }
        })
        .collect())
}

/// Whether the viewer sees this person's contacts.
fn shows_contact(
    viewer: &Viewer,
    person: &user::Model,
    person_orgs: &[Affiliation],
    viewer_referent_of: &HashSet<i32>,
) -> bool {
    if viewer.user_id == person.id || viewer.is_team() {
        return true;
    }
    if person_orgs
        .iter()
        .any(|a| viewer_referent_of.contains(&a.organisation_id))
    {
        return true;
    }
    person.contact_visibility.shows_to(viewer.role)
}

pub async fn person_cards(
    db: &Db,
    viewer: &Viewer,
    people: Vec<user::Model>,
    themes: &[ThemeTag],
) -> Result<Vec<PersonCard>, AppError> {
    let ids: Vec<i32> = people.iter().map(|p| p.id).collect();
    let mut affiliations: HashMap<i32, Vec<Affiliation>> = HashMap::new();
    for (membership, org) in organisation_member::Entity::find()
        .filter(organisation_member::Column::UserId.is_in(ids.clone()))
        .find_also_related(organisation::Entity)
        .all(db.read())
        .await?
    {
        let Some(org) = org else { continue };
        affiliations
            .entry(membership.user_id)
            .or_default()
            .push(Affiliation {
                organisation_id: org.id,
                organisation: org.name,
                role: membership.role,
            });
    }
    let theme_by_id: HashMap<i32, &ThemeTag> = themes.iter().map(|t| (t.id, t)).collect();
    let mut followed: HashMap<i32, Vec<ThemeTag>> = HashMap::new();
    for row in user_theme::Entity::find()
        .filter(user_theme::Column::UserId.is_in(ids))
        .all(db.read())
        .await?
    {
        if let Some(tag) = theme_by_id.get(&row.theme_id) {
            followed
                .entry(row.user_id)
                .or_default()
                .push((*tag).clone());
        }
    }
    let viewer_referent_of: HashSet<i32> = referent_of(db, viewer).await?.into_iter().collect();
    Ok(people
        .into_iter()
        .map(|person| {
            let mut orgs = affiliations.remove(&person.id).unwrap_or_default();
            orgs.sort_by(|a, b| a.organisation.cmp(&b.organisation));
            let mut tags = followed.remove(&person.id).unwrap_or_default();
            tags.sort_by(|a, b| a.name.cmp(&b.name));
            let contact =
                shows_contact(viewer, &person, &orgs, &viewer_referent_of).then(|| Contact {
                    email: person.email.clone(),
                    phone: person.phone.clone(),
                });
            PersonCard {
                user_id: person.id,
                role: person.role,
                username: person.username,
                display_name: person.display_name,
                bio: person.bio,
                photo: person.photo_id,
                affiliations: orgs,
                themes: tags,
                contact,
            }
        })
        .collect())
}
