//! The home page: welcome, the latest discussions and the unanswered questions the person may
//! see, and the themes; polls and seminars join as their features land (DESIGN §2.14).
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    features::{
        forum::{api::fetch_home_threads, pages::ThreadListView, types::ThreadList},
        polls::{api::fetch_featured_poll, pages::PollCard},
        surveys::{
            api::fetch_surveys,
            types::{ResponseState, SurveyPhase},
        },
        themes::{
            api::list_themes,
            pages::{ThemeCard, ThemeFilterArea, ThemeFilterText},
        },
    },
    i18n::{format_date, use_locale, Template},
    ui::loaded,
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
    let threads = Resource::new_blocking(|| (), |_| fetch_home_threads());
    let poll = Resource::new_blocking(|| (), |_| fetch_featured_poll());
    let surveys = Resource::new_blocking(|| (), |_| fetch_surveys());

    view! {
            <Title text=format!("{} · {}", t.site_name, t.community_label)/>
            <h1>{t.home_title}</h1>
            <p class="lead">{t.home_intro}</p>
            <Suspense>
                {move || Suspend::new(async move {
                    poll.await
                        .ok()
                        .flatten()
                        .map(|poll| {
                            view! {
                                <section class="home-poll" aria-labelledby="home-poll">
                                    <h2 id="home-poll">{t.polls.home_heading}</h2>
                                    <PollCard poll=poll heading=3/>
                                    <p>
                                        <a href="/sondaggi">{t.polls.all_polls}</a>
                                    </p>
                                </section>
                            }
                        })
                })}
            </Suspense>
            <Suspense>
                {move || Suspend::new(async move {
                    let open: Vec<_> = surveys
                        .await
                        .map(|(list, _)| list)
                        .unwrap_or_default()
                        .into_iter()
                        .filter(|s| s.phase == SurveyPhase::Open && s.state != ResponseState::Submitted)
                        .collect();
                    (!open.is_empty())
                        .then(|| {
                            view! {
                                <section class="home-surveys" aria-labelledby="home-surveys">
                                    <h2 id="home-surveys">{t.surveys.home_heading}</h2>
                                    <ul>
                                        {open
                                            .into_iter()
                                            .map(|s| {
                                                view! {
                                                    <li>
                                                        <a href=format!("/questionari/{}", s.id)>{s.title}</a>
                                                        " · "
                                                        {(t.polls.closes_on)(&s.closes)}
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                    <p>
                                        <a href="/questionari">{t.surveys.all_surveys}</a>
                                    </p>
                                </section>
                            }
                        })
                })}
            </Suspense>
            <Suspense>
                {move || Suspend::new(async move {
                    threads
                        .await
                        .ok()
                        .filter(|(latest, unanswered)| !latest.is_empty() || !unanswered.is_empty())
                        .map(|(latest, unanswered)| {
                            let list = |threads| ThreadList {
                                pinned: Vec::new(),
                                threads,
                                next: None,
                            };
                            view! {
                                <div class="forum-layout">
                                    <section aria-labelledby="home-latest">
                                        <h2 id="home-latest">{t.forum.home_latest}</h2>
                                        <ThreadListView
                                            list=list(latest)
                                            base="/forum".to_string()
                                            empty=t.forum.latest_empty
                                        />
                                        <p>
                                            <a href="/forum">{t.forum.home_all_threads}</a>
                                        </p>
                                    </section>
                                    <section aria-labelledby="home-unanswered">
                                        <h2 id="home-unanswered">{t.forum.home_unanswered}</h2>
                                        <ThreadListView
                                            list=list(unanswered)
                                            base="/domande".to_string()
                                            empty=t.forum.questions_empty
                                        />
                                        <p>
                                            <a href="/domande?filtro=senza-risposta">
                                                {t.forum.home_all_questions}
                                            </a>
                                        </p>
                                    </section>
                                </div>
                            }
                        })
                })}
            </Suspense>
            <section class="themes" aria-labelledby="themes-heading">
                <h2 id="themes-heading">{t.themes.themes_heading}</h2>
                <p>{t.themes.themes_intro} " " <a href="/temi">{t.forum.themes_link}</a></p>
                <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                    {move || {
                        let query = query.clone();
                        Suspend::new(async move {
                            loaded(themes.await, |list| {
                                    let cards = list
                                        .into_iter()
                                        .map(|theme| ThemeCard {
                                            id: theme.id,
                                            name: theme.name,
                                            description: theme.description,
                                            added: (t.themes.theme_added_on)(
                                                &format_date(theme.created_at, locale),
                                            ),
                                        })
                                        .collect::<Vec<_>>();
    view! {
                                        <ThemeFilterArea
                                            themes=cards
                                            query=query
                                            text=ThemeFilterText {
                                                label: t.themes.theme_filter_label.into(),
                                                hint: t.themes.theme_filter_hint.into(),
                                                button: t.themes.theme_filter_button.into(),
                                                count: Template::new(|[shown, total]| (t.themes.theme_filter_count)(shown, total)),
                                                none: Template::new(|[query]| (t.themes.themes_none_match)(query)),
                                                empty: t.themes.themes_empty.into(),
                                            }
                                        />
                                    }
                                        .into_any()
                                })
                        })
                    }}
                </Suspense>
            </section>
        }
}
