//! `/forum` (latest or followed threads, and the categories) and `/forum/c/<slug>` (one
//! category, with its pinned threads first).
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::ThreadListView;
use crate::{
    features::forum::{
        api::{fetch_category_page, fetch_forum_index, SetCategoryScope, Watch},
        types::{CategoryInfo, CategoryPage as CategoryData, ForumIndex},
    },
    i18n::use_messages,
    scope::Scope,
    ui::{form_error, query_param, scope_label, FormError, Loaded},
};

#[component]
pub fn ForumPage() -> impl IntoView {
    let t = use_messages();
    let view = query_param("vista");
    let after = query_param("dopo");
    let followed = view == "seguite";
    let data = Resource::new_blocking(
        move || (view.clone(), after.clone()),
        |(view, after)| fetch_forum_index(view, after),
    );
    view! {
        <Title text=format!("{} · {}", t.nav_forum, t.site_name)/>
        <h1>{t.nav_forum}</h1>
        <p class="lead">{t.forum.intro}</p>
        <FormError error=form_error()/>
        <Loaded data=data view=move |index| view! { <ForumIndexView index=index followed=followed/> }/>
    }
}

#[component]
fn ForumIndexView(index: ForumIndex, followed: bool) -> impl IntoView {
    let t = use_messages();
    if !index.signed_in && index.categories.is_empty() {
        return view! {
            <p class="notice">
                {t.forum.sign_in_to_read} " "
                <a href="/accedi?next=/forum">{t.nav_sign_in}</a>
            </p>
        }
        .into_any();
    }
    let (heading, base, empty) = if followed {
        (
            t.forum.followed_heading,
            "/forum?vista=seguite",
            t.forum.followed_empty,
        )
    } else {
        (t.forum.latest_heading, "/forum", t.forum.latest_empty)
    };
    let tabs = index.signed_in.then(|| {
        view! {
            <nav class="tabs" aria-label=t.forum.views_label>
                <ul>
                    <li>
                        <a href="/forum" aria-current=(!followed).then_some("page")>
                            {t.forum.latest_heading}
                        </a>
                    </li>
                    <li>
                        <a href="/forum?vista=seguite" aria-current=followed.then_some("page")>
                            {t.forum.followed_heading}
                        </a>
                    </li>
                    <li>
                        <a href="/domande">{t.nav_questions}</a>
                    </li>
                </ul>
            </nav>
        }
    });
    view! {
        {index.signed_in.then(|| view! { <NewThreadLinks category=None/> })}
        {tabs}
        <div class="forum-layout">
            <section aria-labelledby="threads-heading">
                <h2 id="threads-heading">{heading}</h2>
                <ThreadListView list=index.list base=base.to_string() empty=empty/>
            </section>
            <aside aria-labelledby="categories-heading">
                <h2 id="categories-heading">{t.forum.categories_heading}</h2>
                <ul class="category-list">
                    {index
                        .categories
                        .into_iter()
                        .map(|c| view! { <CategoryItem category=c/> })
                        .collect_view()}
                </ul>
                <p class="meta">
                    <a href="/forum/feed.atom">{t.forum.feed_link}</a>
                </p>
            </aside>
        </div>
    }
    .into_any()
}

#[component]
fn CategoryItem(category: CategoryInfo) -> impl IntoView {
    let t = use_messages();
    let href = format!("/forum/c/{}", category.slug);
    view! {
        <li>
            <a href=href>{category.name}</a>
            <span class="meta">
                " " {(t.forum.threads_count)(category.threads)} " · "
                {scope_label(category.scope, t)}
            </span>
        </li>
    }
}

/// "New discussion" and "Ask a question", optionally in one category.
#[component]
pub fn NewThreadLinks(category: Option<String>) -> impl IntoView {
    let t = use_messages();
    let suffix = category
        .map(|slug| format!("&categoria={slug}"))
        .unwrap_or_default();
    view! {
        <p class="actions">
            <a class="button" href=format!("/forum/nuovo?tipo=discussione{suffix}")>
                {t.forum.new_discussion}
            </a>
            " "
            <a class="button secondary" href=format!("/forum/nuovo?tipo=domanda{suffix}")>
                {t.forum.ask_question}
            </a>
        </p>
    }
}

#[component]
pub fn CategoryPage() -> impl IntoView {
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    let after = query_param("dopo");
    let data = Resource::new_blocking(
        move || (slug.clone(), after.clone()),
        |(slug, after)| fetch_category_page(slug, after),
    );
    view! {
        <Loaded data=data view=move |page| view! { <CategoryView page=page/> }/>
    }
}

#[component]
fn CategoryView(page: CategoryData) -> impl IntoView {
    let t = use_messages();
    let c = page.category;
    let base = format!("/forum/c/{}", c.slug);
    let owner = match (&c.theme_slug, &c.group_slug) {
        (Some(theme), _) => Some((format!("/temi/{theme}"), t.forum.theme_page_link)),
        (_, Some(group)) => Some((format!("/gruppi/{group}"), t.forum.group_page_link)),
        _ => None,
    };
    let watch = page.signed_in.then(|| {
        view! {
            <WatchForm
                kind="category"
                target_id=c.id
                watching=page.watching
                on_label=t.forum.watch_category
                off_label=t.forum.unwatch_category
            />
        }
    });
    let scope_form = page
        .may_change_scope
        .then(|| view! { <ScopeForm category_id=c.id current=c.scope/> });
    view! {
        <Title text=format!("{} · {} · {}", c.name, t.nav_forum, t.site_name)/>
        <nav class="breadcrumb" aria-label=t.forum.breadcrumb_label>
            <a href="/forum">{t.nav_forum}</a>
            " › "
            <span aria-current="page">{c.name.clone()}</span>
        </nav>
        <h1>{c.name.clone()}</h1>
        <p class="meta">
            {scope_label(c.scope, t)} " · " {(t.forum.threads_count)(c.threads)}
            {owner.map(|(href, label)| view! { " · " <a href=href>{label}</a> })}
        </p>
        <FormError error=form_error()/>
        <p class="lead">{c.description.clone()}</p>
        {page.may_post.then(|| view! { <NewThreadLinks category=Some(c.slug.clone())/> })}
        {watch}
        <ThreadListView list=page.list base=base empty=t.forum.category_empty/>
        {scope_form}
    }
}

/// Watch or stop watching a thread or a category (a plain form that comes back here).
#[component]
pub fn WatchForm(
    kind: &'static str,
    target_id: i32,
    watching: bool,
    on_label: &'static str,
    off_label: &'static str,
) -> impl IntoView {
    let action = <Watch as ServerFn>::PATH;
    let (label, class) = if watching {
        (off_label, "button secondary")
    } else {
        (on_label, "button secondary")
    };
    view! {
        <form method="post" action=action class="inline watch">
            <input type="hidden" name="kind" value=kind/>
            <input type="hidden" name="target_id" value=target_id.to_string()/>
            <input type="hidden" name="on" value=(!watching).to_string()/>
            <button type="submit" class=class aria-pressed=watching.to_string()>{label}</button>
        </form>
    }
}

#[component]
fn ScopeForm(category_id: i32, current: Scope) -> impl IntoView {
    let t = use_messages();
    let action = <SetCategoryScope as ServerFn>::PATH;
    let options = [
        Scope::Public,
        Scope::Registered,
        Scope::Members,
        Scope::Staff,
    ]
    .into_iter()
    .map(|scope| {
        view! {
            <option value=scope.to_db() selected=scope == current>
                {scope_label(scope, t)}
            </option>
        }
    })
    .collect_view();
    view! {
        <section aria-labelledby="scope-heading" class="staff-tools">
            <h2 id="scope-heading">{t.forum.scope_heading}</h2>
            <p class="hint">{t.forum.scope_hint}</p>
            <form method="post" action=action class="stacked">
                <input type="hidden" name="category_id" value=category_id.to_string()/>
                <p>
                    <label for="scope">{t.forum.scope_label}</label>
                    <select id="scope" name="scope">{options}</select>
                </p>
                <p>
                    <button type="submit" class="button">{t.save}</button>
                </p>
            </form>
        </section>
    }
}
