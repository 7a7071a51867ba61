//! The cards the directory and an organisation's page list.
use leptos::prelude::*;

use super::image_url;
use crate::{
    features::network::types::{OrganisationCard, PersonCard, ThemeTag},
    i18n::use_messages,
};

/// An image upload (a photo or a logo) as a plain multipart form, with "remove" when there is
/// one already.
#[component]
pub fn ImageForm(action: String, id: &'static str, has_image: bool) -> impl IntoView {
    let t = use_messages();
    let hint = format!("{id}-hint");
    view! {
        <form class="stacked" method="post" action=action enctype="multipart/form-data">
            <p>
                <label for=id>{t.network.image_file_label}</label>
                <input
                    id=id
                    name="image"
                    type="file"
                    accept="image/png,image/jpeg,image/webp"
                    aria-describedby=hint.clone()
                />
                <span class="hint" id=hint>{t.network.image_hint}</span>
            </p>
            <p>
                <button type="submit" class="button">{t.network.image_upload}</button>
                {has_image
                    .then(|| {
                        view! {
                            " "
                            <button type="submit" name="remove" value="1" class="button secondary">
                                {t.network.image_remove}
                            </button>
                        }
                    })}
            </p>
        </form>
    }
}

#[component]
pub fn ThemeTags(themes: Vec<ThemeTag>) -> impl IntoView {
    let t = use_messages();
    (!themes.is_empty()).then(|| {
        view! {
            <p class="tags">
                <span class="visually-hidden">{t.network.network_themes_label} ": "</span>
                {themes
                    .into_iter()
                    .map(|tag| view! { <span class="tag">{tag.name}</span> " " })
                    .collect_view()}
            </p>
        }
    })
}

#[component]
pub fn OrganisationCardView(card: OrganisationCard) -> impl IntoView {
    let t = use_messages();
    let href = format!("/rete/organizzazioni/{}", card.id);
    view! {
        <li class="card with-picture">
            {card
                .logo
                .map(|id| {
                    view! { <img class="picture" src=image_url(id) alt="" width="56" height="56"/> }
                })}
            <div>
                <h3>
                    <a href=href>{card.name}</a>
                </h3>
                <p class="meta">
                    {card.kind.describe(t)} " · " {card.city} " (" {card.region} ") · "
                    {(t.network.network_people_count)(card.people)}
                </p>
                <ThemeTags themes=card.themes/>
            </div>
        </li>
    }
}

#[component]
pub fn PersonCardView(
    person: PersonCard,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let t = use_messages();
    let contact = match person.contact {
        Some(contact) => {
            let mail = format!("mailto:{}", contact.email);
            let phone = contact.phone.map(|phone| {
                let tel = format!(
                    "tel:{}",
                    phone
                        .chars()
                        .filter(|c| c.is_ascii_digit() || *c == '+')
                        .collect::<String>()
                );
                view! { " · " <a href=tel>{phone}</a> }
            });
            view! {
                <p class="contact">
                    <a href=mail>{contact.email}</a>
                    {phone}
                </p>
            }
            .into_any()
        }
        None => view! { <p class="meta">{t.network.network_contact_private}</p> }.into_any(),
    };
    let affiliations = person
        .affiliations
        .into_iter()
        .map(|a| {
            let href = format!("/rete/organizzazioni/{}", a.organisation_id);
            view! {
                <a href=href>{a.organisation}</a>
                " (" {(t.organisation_role_label)(a.role)} ") "
            }
        })
        .collect_view();
    view! {
        <li class="card with-picture">
            {person
                .photo
                .map(|id| {
                    view! { <img class="picture round" src=image_url(id) alt="" width="56" height="56"/> }
                })}
            <div>
                <h3>{person.display_name}</h3>
                <p class="meta">
                    "@" {person.username} " · " {(t.role_label)(person.role)}
                </p>
                <p class="meta">{affiliations}</p>
                {(!person.bio.is_empty()).then(|| view! { <p class="bio">{person.bio}</p> })}
                <ThemeTags themes=person.themes/>
                {contact}
                {children.map(|c| c())}
            </div>
        </li>
    }
}
