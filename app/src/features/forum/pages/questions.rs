//! `/domande` (questions: all, unanswered, open, solved; by theme; by words in the title) and
//! `/domande/risolte`, the knowledge base of answered questions. Filters are a GET form, so
//! every view has an address and works without WebAssembly.
use leptos::prelude::*;
use leptos_meta::Title;

use super::{index::NewThreadLinks, ThreadListView};
use crate::{
    features::forum::{
        api::fetch_questions,
        types::{QuestionFilter, QuestionsPage as QuestionsData},
    },
    i18n::{use_messages, Messages},
    ui::{encode_component, form_error, loaded, query_param, FormError},
};

fn filter_label(filter: QuestionFilter, t: &Messages) -> &'static str {
    match filter {
        QuestionFilter::All => t.forum.questions_all,
        QuestionFilter::Unanswered => t.forum.questions_unanswered,
        QuestionFilter::Open => t.forum.questions_open,
        QuestionFilter::Solved => t.forum.questions_solved,
    }
}

#[component]
pub fn QuestionsPage() -> impl IntoView {
    questions(false)
}

#[component]
pub fn SolvedPage() -> impl IntoView {
    questions(true)
}

fn questions(solved_only: bool) -> impl IntoView {
    let t = use_messages();
    let filter = if solved_only {
        QuestionFilter::Solved.as_str().to_string()
    } else {
        query_param("filtro")
    };
    let (theme, search, after) = (query_param("tema"), query_param("q"), query_param("dopo"));
    let data = Resource::new_blocking(
        move || (filter.clone(), theme.clone(), search.clone(), after.clone()),
        |(filter, theme, search, after)| fetch_questions(filter, theme, search, after),
    );
    let (title, intro) = if solved_only {
        (t.forum.solved_title, t.forum.solved_intro)
    } else {
        (t.nav_questions, t.forum.questions_intro)
    };
    view! {
        <Title text=format!("{} · {}", title, t.site_name)/>
        <h1>{title}</h1>
        <p class="lead">{intro}</p>
        <FormError error=form_error()/>
        <Suspense>
            {move || Suspend::new(async move {
                loaded(data.await, |page| {
                        view! { <QuestionsView page=page solved_only=solved_only/> }.into_any()
                    })
            })}
        </Suspense>
    }
}

#[component]
fn QuestionsView(page: QuestionsData, solved_only: bool) -> impl IntoView {
    let t = use_messages();
    let path = if solved_only {
        "/domande/risolte"
    } else {
        "/domande"
    };
    let mut params = Vec::new();
    if !solved_only && page.filter != QuestionFilter::All {
        params.push(format!("filtro={}", page.filter.as_str()));
    }
    if let Some(theme) = &page.theme {
        params.push(format!("tema={}", encode_component(theme)));
    }
    if !page.search.is_empty() {
        params.push(format!("q={}", encode_component(&page.search)));
    }
    let base = if params.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", params.join("&"))
    };
    let filters = (!solved_only).then(|| {
        QuestionFilter::ALL
            .into_iter()
            .map(|f| {
                view! {
                    <option value=f.as_str() selected=f == page.filter>
                        {filter_label(f, t)}
                    </option>
                }
            })
            .collect_view()
    });
    let themes = page
        .themes
        .iter()
        .map(|theme| {
            view! {
                <option
                    value=theme.slug.clone()
                    selected=page.theme.as_deref() == Some(theme.slug.as_str())
                >
                    {theme.name.clone()}
                </option>
            }
        })
        .collect_view();
    let empty = if solved_only {
        t.forum.solved_empty
    } else {
        t.forum.questions_empty
    };
    view! {
        {page.signed_in.then(|| view! { <NewThreadLinks category=None/> })}
        <form method="get" action=path class="filters" role="search">
            {filters
                .map(|options| {
                    view! {
                        <p>
                            <label for="filtro">{t.forum.questions_filter}</label>
                            <select id="filtro" name="filtro">{options}</select>
                        </p>
                    }
                })}
            <p>
                <label for="tema">{t.network.network_theme}</label>
                <select id="tema" name="tema">
                    <option value="">{t.network.network_any}</option>
                    {themes}
                </select>
            </p>
            <p>
                <label for="q">{t.forum.search_titles}</label>
                <input id="q" name="q" type="search" value=page.search.clone() maxlength="100"/>
            </p>
            <p>
                <button type="submit" class="button">{t.network.network_filter}</button>
            </p>
        </form>
        {(!solved_only)
            .then(|| {
                view! {
                    <p>
                        <a href="/domande/risolte">{t.forum.solved_link}</a>
                    </p>
                }
            })}
        <ThreadListView list=page.list base=base empty=empty/>
    }
}
