//! The home page. Today: welcome and the themes; polls, seminars, discussions and questions join
//! as their features land (DESIGN §2.14).
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    features::themes::{
        api::list_themes,
        pages::{ThemeCard, ThemeFilter, ThemeFilterText},
    },
    i18n::{format_date, use_locale},
    ui::ErrorNotice,
};

#[component]
pub fn HomePage() -> impl IntoView {
    let locale = use_locale();
    let t = locale.messages();
    let query = use_query_map()
        .read_untracked()
        .get("q")
        .unwrap_or_default();
    let themes = Resource::new_blocking(|| (), |_| list_themes());

    view! {
        <Title text=format!("{} · {}", t.site_name, t.community_label)/>
        <h1>{t.home_title}</h1>
        <p class="lead">{t.home_intro}</p>
        <section class="themes" aria-labelledby="themes-heading">
            <h2 id="themes-heading">{t.themes_heading}</h2>
            <p>{t.themes_intro}</p>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || {
                    let query = query.clone();
                    Suspend::new(async move {
                        match themes.await {
                            Ok(list) => {
                                let cards = list
                                    .into_iter()
                                    .map(|theme| ThemeCard {
                                        id: theme.id,
                                        name: theme.name,
                                        description: theme.description,
                                        added: (t.theme_added_on)(
                                            &format_date(theme.created_at, locale),
                                        ),
                                    })
                                    .collect::<Vec<_>>();
                                let text = ThemeFilterText {
                                    label: t.theme_filter_label.into(),
                                    hint: t.theme_filter_hint.into(),
                                    button: t.theme_filter_button.into(),
                                    count: t.theme_filter_count.into(),
                                    none: t.themes_none_match.into(),
                                    empty: t.themes_empty.into(),
                                };
                                view! { <ThemeFilter themes=cards query=query text=text/> }
                                    .into_any()
                            }
                            Err(error) => view! { <ErrorNotice error=error/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}
