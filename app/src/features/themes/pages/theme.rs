//! `/temi/<slug>`: one theme — what it is about, following it, and its threads (when the
//! viewer may see the theme's category).
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::overview::FollowButton;
use crate::{
    features::{
        forum::pages::{NewThreadLinks, ThreadListView},
        themes::{api::fetch_theme, types::ThemePage as ThemeData},
    },
    i18n::use_messages,
    ui::{form_error, query_param, FormError, Loaded},
};

#[component]
pub fn ThemePage() -> impl IntoView {
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    let after = query_param("dopo");
    let data = Resource::new_blocking(
        move || (slug.clone(), after.clone()),
        |(slug, after)| fetch_theme(slug, after),
    );
    view! {
        <Loaded data=data view=move |page| view! { <ThemeView page=page/> }/>
    }
}

#[component]
fn ThemeView(page: ThemeData) -> impl IntoView {
    let t = use_messages();
    let theme = page.theme;
    let here = format!("/temi/{}", theme.slug);
    let threads = match (page.list, page.category_slug) {
        (Some(list), Some(category)) => view! {
            <section aria-labelledby="theme-threads">
                <h2 id="theme-threads">{t.themes.theme_threads}</h2>
                {page.may_post.then(|| view! { <NewThreadLinks category=Some(category.clone())/> })}
                <ThreadListView list=list base=here.clone() empty=t.forum.category_empty/>
                <p>
                    <a href=format!("/forum/c/{category}")>{t.themes.theme_category_link}</a>
                </p>
            </section>
        }
        .into_any(),
        _ => view! { <p class="notice">{t.themes.theme_threads_reserved}</p> }.into_any(),
    };
    view! {
        <Title text=format!("{} · {}", theme.name, t.site_name)/>
        <nav class="breadcrumb" aria-label=t.forum.breadcrumb_label>
            <a href="/temi">{t.themes.themes_title}</a>
        </nav>
        <h1>{theme.name.clone()}</h1>
        <FormError error=form_error()/>
        <p class="lead">{theme.description.clone()}</p>
        {page
            .signed_in
            .then(|| {
                view! {
                    <FollowButton
                        theme_id=theme.id
                        following=page.following
                        back=here.clone()
                        name=theme.name.clone()
                    />
                }
            })}
        {threads}
    }
}
