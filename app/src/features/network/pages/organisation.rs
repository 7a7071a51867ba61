//! `/rete/organizzazioni/<id>`: an organisation's record and people. Its referents and staff
//! edit the record, change the logo and manage the people here; new people come through
//! invitations (`/inviti`).
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{
    cards::{ImageForm, PersonCardView, ThemeTags},
    image_url,
};
use crate::{
    error::AppError,
    features::{
        accounts::{pages::use_viewer, types::OrganisationRole},
        network::{
            api::{
                fetch_organisation, AddOrganisationMember, CreateOrganisation,
                ManageOrganisationMember, UpdateOrganisation,
            },
            types::{OrganisationDetails, OrganisationKind, PersonCard, ThemeTag, REGIONS},
        },
    },
    i18n::use_messages,
    ui::{came_back, failed, form_error, typed, typed_all, FormError},
};

#[component]
pub fn OrganisationPage() -> impl IntoView {
    let id = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i32>().ok());
    let path = use_params_map()
        .read_untracked()
        .get("id")
        .map(|id| {
            format!(
                "/rete/organizzazioni/{}",
                id.replace(|c: char| !c.is_ascii_digit(), "")
            )
        })
        .unwrap_or_default();
    let details = Resource::new_blocking(
        move || id,
        |id| async move {
            match id {
                Some(id) => fetch_organisation(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense>
            {move || {
                let path = path.clone();
                Suspend::new(async move {
                match details.await {
                    Ok(details) => view! { <OrganisationView details=details/> }.into_any(),
                    Err(AppError::NotFound) => super::directory::not_visible(&path),
                    Err(error) => failed(error),
                }
            })}}
        </Suspense>
    }
}

#[component]
fn OrganisationView(details: OrganisationDetails) -> impl IntoView {
    let t = use_messages();
    let card = details.card.clone();
    let id = card.id;
    let done = use_query_map()
        .read_untracked()
        .get("fatto")
        .map(|_| t.network.organisation_saved);
    let facts = [
        (t.network.organisation_ipa_code, details.ipa_code.clone()),
        (t.network.organisation_tax_code, details.tax_code.clone()),
    ]
    .into_iter()
    .filter_map(|(label, value)| value.map(|v| view! { <dt>{label}</dt> <dd>{v}</dd> }))
    .collect_view();
    let website = details.website.clone().map(|url| {
        view! {
            <dt>{t.network.organisation_website}</dt>
            <dd>
                <a href=url.clone() rel="noopener noreferrer">{url.clone()}</a>
            </dd>
        }
    });
    let manage = details.manage;
    let people = details.people.clone();
    let people_view = if people.is_empty() {
        view! { <p>{t.network.network_none}</p> }.into_any()
    } else {
        view! {
            <ul class="directory">
                {people
                    .into_iter()
                    .map(|person| {
                        if manage {
                            view! { <ManagedPerson person=person organisation=id/> }.into_any()
                        } else {
                            view! { <PersonCardView person=person/> }.into_any()
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    let description = details
        .description
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| view! { <p>{p.to_owned()}</p> })
        .collect_view();
    view! {
        <Title text=format!("{} · {}", card.name, t.site_name)/>
        <div class="with-picture">
            {card
                .logo
                .map(|logo| {
                    view! { <img class="picture large" src=image_url(logo) alt="" width="96" height="96"/> }
                })}
            <div>
                <h1>{card.name.clone()}</h1>
                <p class="meta">
                    {card.kind.describe(t)} " · " {card.city.clone()} " (" {card.region.clone()} ")"
                </p>
            </div>
        </div>
        {done.map(|text| view! { <p class="notice" role="status">{text}</p> })}
        <FormError error=form_error()/>
        {description}
        <dl class="facts">
            {facts}
            {website}
        </dl>
        <ThemeTags themes=card.themes.clone()/>
        <section aria-labelledby="people">
            <h2 id="people">{(t.network.network_people_heading)(details.people.len())}</h2>
            {people_view}
        </section>
        {manage
            .then(|| {
                view! { <Manage details=details.clone()/> }
            })}
        <p>
            <a href="/rete">{t.nav_network}</a>
        </p>
    }
}

#[component]
fn ManagedPerson(person: PersonCard, organisation: i32) -> impl IntoView {
    let t = use_messages();
    let action = <ManageOrganisationMember as ServerFn>::PATH;
    let place = person
        .affiliations
        .iter()
        .find(|a| a.organisation_id == organisation)
        .map(|a| a.role)
        .unwrap_or(OrganisationRole::Member);
    let (new_role, label) = match place {
        OrganisationRole::Referent => {
            (OrganisationRole::Member, t.network.organisation_make_member)
        }
        OrganisationRole::Member => (
            OrganisationRole::Referent,
            t.network.organisation_make_referent,
        ),
    };
    let user_id = person.user_id.to_string();
    let name = person.display_name.clone();
    view! {
        <PersonCardView person=person>
            <form method="post" action=action class="inline">
                <input type="hidden" name="id" value=organisation.to_string()/>
                <input type="hidden" name="user_id" value=user_id.clone()/>
                <button type="submit" name="role" value=new_role.as_str() class="link-button">
                    {label}
                    <span class="visually-hidden">": " {name.clone()}</span>
                </button>
                " · "
                <button type="submit" name="role" value="remove" class="link-button">
                    {t.network.organisation_remove_person}
                    <span class="visually-hidden">": " {name}</span>
                </button>
            </form>
        </PersonCardView>
    }
}

#[component]
fn Manage(details: OrganisationDetails) -> impl IntoView {
    let t = use_messages();
    let id = details.card.id;
    let logo_action = format!("/rete/organizzazioni/{id}/logo");
    let add = <AddOrganisationMember as ServerFn>::PATH;
    let has_logo = details.card.logo.is_some();
    view! {
        <section aria-labelledby="manage">
            <h2 id="manage">{t.network.organisation_manage_heading}</h2>
            <p>
                <a href="/inviti">{t.network.organisation_invite_link}</a>
            </p>
            <h3>{t.network.organisation_edit_heading}</h3>
            <OrganisationForm themes=details.all_themes.clone() current=details.clone()/>
            <h3 id="logo">{t.network.organisation_logo_heading}</h3>
            <ImageForm action=logo_action id="logo-file" has_image=has_logo/>
            {use_viewer()
                .filter(|viewer| viewer.is_team())
                .map(|_| {
                    view! {
                        <h3>{t.network.organisation_add_heading}</h3>
                        <form class="stacked" method="post" action=add>
                            <input type="hidden" name="id" value=id.to_string()/>
                            <p>
                                <label for="add-username">{t.network.organisation_add_username}</label>
                                <input
                                    id="add-username"
                                    name="username"
                                    value=typed(add, "username")
                                    type="text"
                                    required
                                    maxlength="33"
                                    autocapitalize="none"
                                    spellcheck="false"
                                />
                            </p>
                            <p>
                                <button type="submit" class="button">{t.network.organisation_add}</button>
                            </p>
                        </form>
                    }
                })}
        </section>
    }
}

/// The organisation's fields: empty to add one (staff), filled to edit it. After a refused
/// post what was typed comes back (`ui::typed`) and wins over the stored values.
#[component]
pub fn OrganisationForm(
    themes: Vec<ThemeTag>,
    #[prop(optional)] current: Option<OrganisationDetails>,
) -> impl IntoView {
    let t = use_messages();
    let editing = current.is_some();
    let action = match &current {
        Some(_) => <UpdateOrganisation as ServerFn>::PATH,
        None => <CreateOrganisation as ServerFn>::PATH,
    };
    let stored =
        |pick: fn(&OrganisationDetails) -> String| current.as_ref().map(pick).unwrap_or_default();
    let value = |name: &str, stored: String| typed(action, name).unwrap_or(stored);
    let name = value("name", stored(|d| d.card.name.clone()));
    let kind = value("kind", stored(|d| d.card.kind.as_str().to_owned()));
    let ipa = value(
        "ipa_code",
        stored(|d| d.ipa_code.clone().unwrap_or_default()),
    );
    let tax = value(
        "tax_code",
        stored(|d| d.tax_code.clone().unwrap_or_default()),
    );
    let region = value("region", stored(|d| d.card.region.clone()));
    let city = value("city", stored(|d| d.card.city.clone()));
    let website = value("website", stored(|d| d.website.clone().unwrap_or_default()));
    let description = value("description", stored(|d| d.description.clone()));
    let chosen: Vec<i32> = if came_back(action) {
        typed_all(action, "themes")
            .iter()
            .filter_map(|id| id.parse().ok())
            .collect()
    } else {
        current
            .as_ref()
            .map(|d| d.card.themes.iter().map(|t| t.id).collect())
            .unwrap_or_default()
    };
    let id = current.as_ref().map(|d| d.card.id);
    let prefix = if editing { "edit" } else { "new" };
    let field = move |name: &str| format!("{prefix}-{name}");
    let kinds = OrganisationKind::ALL
        .iter()
        .copied()
        .map(|k| {
            view! {
                <option value=k.as_str() selected=kind == k.as_str()>
                    {k.describe(t)}
                </option>
            }
        })
        .collect_view();
    let regions = REGIONS
        .into_iter()
        .map(|r| view! { <option value=r selected=region == r>{r}</option> })
        .collect_view();
    let theme_boxes = themes
        .into_iter()
        .map(|theme| {
            let box_id = format!("{prefix}-theme-{}", theme.id);
            view! {
                <p class="checkbox">
                    <input
                        type="checkbox"
                        id=box_id.clone()
                        name="themes[]"
                        value=theme.id.to_string()
                        checked=chosen.contains(&theme.id)
                    />
                    <label for=box_id>{theme.name}</label>
                </p>
            }
        })
        .collect_view();
    view! {
        <form class="stacked" method="post" action=action>
            {id.map(|id| view! { <input type="hidden" name="id" value=id.to_string()/> })}
            <p>
                <label for=field("name")>{t.network.organisation_name}</label>
                <input id=field("name") name="name" type="text" required maxlength="200" value=name/>
            </p>
            <p>
                <label for=field("kind")>{t.network.network_kind}</label>
                <select id=field("kind") name="kind" required>
                    <option value="">{t.choose}</option>
                    {kinds}
                </select>
            </p>
            <p>
                <label for=field("region")>{t.network.network_region}</label>
                <select id=field("region") name="region" required>
                    <option value="">{t.choose}</option>
                    {regions}
                </select>
            </p>
            <p>
                <label for=field("city")>{t.network.organisation_city}</label>
                <input id=field("city") name="city" type="text" required maxlength="120" value=city/>
            </p>
            <p>
                <label for=field("ipa")>{t.network.organisation_ipa_code}</label>
                <input
                    id=field("ipa")
                    name="ipa_code"
                    type="text"
                    maxlength="16"
                    autocapitalize="none"
                    spellcheck="false"
                    value=ipa
                />
            </p>
            <p>
                <label for=field("tax")>{t.network.organisation_tax_code}</label>
                <input
                    id=field("tax")
                    name="tax_code"
                    type="text"
                    maxlength="20"
                    autocapitalize="characters"
                    spellcheck="false"
                    aria-describedby=field("tax-hint")
                    value=tax
                />
                <span class="hint" id=field("tax-hint")>{t.network.organisation_tax_code_hint}</span>
            </p>
            <p>
                <label for=field("website")>{t.network.organisation_website}</label>
                <input
                    id=field("website")
                    name="website"
                    type="text"
                    inputmode="url"
                    maxlength="300"
                    value=website
                />
            </p>
            <p>
                <label for=field("description")>{t.network.organisation_description}</label>
                <textarea
                    id=field("description")
                    name="description"
                    rows="5"
                    maxlength="4000"
                    inner_html=crate::ui::escape_html(&description)
                ></textarea>
            </p>
            <fieldset>
                <legend>{t.network.organisation_themes}</legend>
                {theme_boxes}
            </fieldset>
            <p>
                <button type="submit" class="button">
                    {if editing { t.save } else { t.network.organisation_create }}
                </button>
            </p>
        </form>
    }
}
