//! `/rete`: organisations and people, filtered by type, region, theme and a search text; the
//! filters are a plain GET form, so the page works without WebAssembly and every filtered view
//! has its own address.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{
    cards::{OrganisationCardView, PersonCardView},
    organisation::OrganisationForm,
};
use crate::{
    error::AppError,
    features::{
        accounts::pages::use_viewer,
        network::{
            api::fetch_directory,
            types::{Directory, OrganisationKind},
        },
    },
    i18n::use_messages,
    ui::{failed, form_error, FormError, NotFound},
};

#[derive(Clone, Default, PartialEq)]
struct Filters {
    kind: String,
    region: String,
    theme: String,
    q: String,
}

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let t = use_messages();
    let query = use_query_map().read_untracked();
    let get = |name: &str| query.get(name).unwrap_or_default();
    let filters = Filters {
        kind: get("tipo"),
        region: get("regione"),
        theme: get("tema"),
        q: get("q"),
    };
    let key = filters.clone();
    let list = Resource::new_blocking(
        move || key.clone(),
        |f| fetch_directory(f.kind, f.region, f.theme, f.q),
    );
    view! {
        <Title text=format!("{} · {}", t.nav_network, t.site_name)/>
        <h1>{t.nav_network}</h1>
        <p class="lead">{t.section_network}</p>
        <FormError error=form_error()/>
        <Suspense>
            {move || {
                let filters = filters.clone();
                Suspend::new(async move {
                    match list.await {
                        Ok(found) => view! { <DirectoryView found=found filters=filters/> }.into_any(),
                        Err(AppError::NotFound) => not_visible("/rete"),
                        Err(error) => failed(error),
                    }
                })
            }}
        </Suspense>
    }
}

/// What a visitor gets where the directory is not public (phases 1 and 2): the sign-in page,
/// coming back here afterwards. Signed-in people never get here (they always see it).
pub(super) fn not_visible(path: &str) -> AnyView {
    if use_viewer().is_none() {
        #[cfg(feature = "ssr")]
        leptos_axum::redirect(&format!("/accedi?next={path}"));
        #[cfg(not(feature = "ssr"))]
        let _ = path;
        return ().into_any();
    }
    view! { <NotFound/> }.into_any()
}

#[component]
fn DirectoryView(found: Directory, filters: Filters) -> impl IntoView {
    let t = use_messages();
    let kinds = OrganisationKind::ALL
        .iter()
        .copied()
        .map(|kind| {
            view! {
                <option value=kind.as_str() selected=filters.kind == kind.as_str()>
                    {kind.describe(t)}
                </option>
            }
        })
        .collect_view();
    let regions = found
        .regions
        .iter()
        .map(|region| {
            view! {
                <option value=region.clone() selected=&filters.region == region>
                    {region.clone()}
                </option>
            }
        })
        .collect_view();
    let themes = found
        .themes
        .iter()
        .map(|theme| {
            view! {
                <option value=theme.slug.clone() selected=filters.theme == theme.slug>
                    {theme.name.clone()}
                </option>
            }
        })
        .collect_view();
    let filtered = filters != Filters::default();
    let organisations = found.organisations;
    let organisation_count = organisations.len();
    let people = found.people.map(|people| {
        let count = people.len();
        view! {
            <section aria-labelledby="people">
                <h2 id="people">{(t.network.network_people_heading)(count)}</h2>
                {if people.is_empty() {
                    view! { <p>{t.network.network_none}</p> }.into_any()
                } else {
                    view! {
                        <ul class="directory">
                            {people
                                .into_iter()
                                .map(|person| view! { <PersonCardView person=person/> })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }}
            </section>
        }
    });
    view! {
        <div role="search">
            <form class="filters" method="get" action="/rete">
                <p>
                    <label for="q">{t.network.network_search}</label>
                    <input id="q" name="q" type="search" value=filters.q.clone() maxlength="100"/>
                </p>
                <p>
                    <label for="tipo">{t.network.network_kind}</label>
                    <select id="tipo" name="tipo">
                        <option value="">{t.network.network_any}</option>
                        {kinds}
                    </select>
                </p>
                <p>
                    <label for="regione">{t.network.network_region}</label>
                    <select id="regione" name="regione">
                        <option value="">{t.network.network_any}</option>
                        {regions}
                    </select>
                </p>
                <p>
                    <label for="tema">{t.network.network_theme}</label>
                    <select id="tema" name="tema">
                        <option value="">{t.network.network_any}</option>
                        {themes}
                    </select>
                </p>
                <p>
                    <button type="submit" class="button">{t.network.network_filter}</button>
                    {filtered.then(|| view! { " " <a href="/rete">{t.network.network_clear}</a> })}
                </p>
            </form>
        </div>
        {found.truncated.then(|| view! { <p class="notice" role="status">{t.network.network_truncated}</p> })}
        <section aria-labelledby="organisations">
            <h2 id="organisations">{(t.network.network_organisations_heading)(organisation_count)}</h2>
            {if organisations.is_empty() {
                view! { <p>{t.network.network_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="directory">
                        {organisations
                            .into_iter()
                            .map(|card| view! { <OrganisationCardView card=card/> })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
        {people}
        {found
            .may_create
            .then(|| {
                view! {
                    <section aria-labelledby="new-organisation">
                        <h2 id="new-organisation">{t.network.organisation_new_heading}</h2>
                        <OrganisationForm themes=found.themes.clone()/>
                    </section>
                }
            })}
    }
}
