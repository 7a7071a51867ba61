//! Reading: a space's index, a page (table of contents, sections with their edit links, who
//! changed it last, validation, the pages under it), and the page that does not exist yet.
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use super::{url_with, with_section_links, Trail};
use crate::{
    features::wiki::{
        api::{fetch_wiki, ProtectWikiPage, ValidateWikiPage, WatchWikiPage},
        pages::InlineWikiArea,
        types::{InlineText, PageOrMissing, PageView, SpaceIndex, WikiView},
    },
    i18n::{format_date, format_date_time, use_locale, use_messages},
    ui::{failed, form_error, query_param, scope_label, FormError, PersonName},
};

#[component]
pub fn ReadPage(address: String) -> impl IntoView {
    let key = address.clone();
    let data = Resource::new_blocking(move || key.clone(), fetch_wiki);
    let t = use_messages();
    view! {
        <Title text=format!("{} · {}", t.nav_wiki, t.site_name)/>
        <Suspense>
            {move || {
                let address = address.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(WikiView::Index(index)) => view! { <IndexView index=index/> }.into_any(),
                        Ok(WikiView::Closed) => {
                            view! {
                                <h1>{t.nav_wiki}</h1>
                                <p class="lead">{t.section_wiki}</p>
                                <p class="notice">{t.wiki.sign_in_to_read}</p>
                            }
                                .into_any()
                        }
                        Ok(WikiView::Page(PageOrMissing::Page(page))) => {
                            view! { <PageBody page=*page address=address/> }.into_any()
                        }
                        Ok(WikiView::Page(PageOrMissing::Missing { space, path, title, may_create })) => {
                            view! { <MissingView space=space path=path title=title may_create=may_create address=address/> }
                                .into_any()
                        }
                        Err(error) => failed(error),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn IndexView(index: SpaceIndex) -> impl IntoView {
    let t = use_messages();
    let space = index.space.clone();
    let new_href = format!("/wiki/nuova?spazio={}", space.slug);
    let others = index
        .spaces
        .iter()
        .filter(|s| s.slug != space.slug)
        .cloned()
        .collect::<Vec<_>>();
    let pages = if index.pages.is_empty() {
        view! { <p class="notice">{t.wiki.no_pages}</p> }.into_any()
    } else {
        view! {
            <ul class="wiki-index">
                {index
                    .pages
                    .into_iter()
                    .map(|p| {
                        let depth = p.path.matches('/').count();
                        view! {
                            <li class=format!("depth-{}", depth.min(5))>
                                <a href=p.url>{p.title}</a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <Title text=format!("{} · {}", space.name, t.site_name)/>
        <h1>{space.name.clone()}</h1>
        <p class="lead">{space.description.clone()}</p>
        <p class="meta">
            <span class="badge muted">{scope_label(space.scope, t)}</span>
            " · "
            <a href="/wiki/modifiche-recenti">{t.wiki.recent_title}</a>
        </p>
        <FormError error=form_error()/>
        {index
            .may_create
            .then(|| view! { <p><a class="button" href=new_href>{t.wiki.new_page}</a></p> })}
        <section aria-labelledby="wiki-pages">
            <h2 id="wiki-pages">{t.wiki.pages_heading}</h2>
            {pages}
        </section>
        {(!others.is_empty())
            .then(|| {
                view! {
                    <section aria-labelledby="wiki-spaces">
                        <h2 id="wiki-spaces">{t.wiki.spaces_heading}</h2>
                        <ul>
                            {others
                                .into_iter()
                                .map(|s| {
                                    view! {
                                        <li>
                                            <a href=s.base>{s.name}</a>
                                            " "
                                            <span class="meta">{(t.wiki.pages_count)(s.pages)}</span>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </section>
                }
            })}
    }
}

#[component]
fn MissingView(
    space: crate::features::wiki::types::SpaceInfo,
    path: String,
    title: String,
    may_create: bool,
    address: String,
) -> impl IntoView {
    let t = use_messages();
    crate::ui::set_status(404);
    let backlinks = url_with(&address, "azione=puntano-qui");
    let _ = path;
    view! {
        <Title text=format!("{} · {}", title, t.site_name)/>
        <Trail space=space ancestors=Vec::new()/>
        <h1>{title.clone()}</h1>
        <p class="notice">{t.wiki.missing_page}</p>
        {may_create
            .then(|| {
                view! {
                    <p>
                        <a class="button" href=url_with(&address, "azione=modifica")>
                            {t.wiki.create_page}
                        </a>
                    </p>
                }
            })}
        <p>
            <a href=backlinks>{t.wiki.backlinks_title}</a>
        </p>
    }
}

#[component]
fn PageBody(page: PageView, address: String) -> impl IntoView {
    let locale = use_locale();
    let t = locale.messages();
    let saved = query_param("salvata");
    let merged = query_param("unita") == "1";
    let notice = (!saved.is_empty()).then(|| {
        let text = if merged {
            t.wiki.saved_merged
        } else {
            t.wiki.saved
        };
        view! { <p class="notice success" role="status">{text}</p> }
    });
    let html = if page.may_edit {
        with_section_links(&page.html, &page.toc, &address, t.wiki.edit_section)
    } else {
        page.html.clone()
    };
    let body = if page.inline {
        let text = InlineText {
            edit_here: t.wiki.edit_here.to_string(),
            source_label: t.wiki.source_label.to_string(),
            summary_label: t.wiki.summary_label.to_string(),
            save: t.wiki.save.to_string(),
            cancel: t.wiki.cancel.to_string(),
            preview: t.wiki.preview.to_string(),
            loading_failed: t.wiki.loading_failed.to_string(),
            saving_failed: t.wiki.saving_failed.to_string(),
            resolve: t.wiki.resolve.to_string(),
        };
        view! {
            <InlineWikiArea
                address=address.clone()
                space=page.space.slug.clone()
                base=page.revision
                html=html
                text=text
            />
        }
        .into_any()
    } else {
        view! { <div class="wiki-body" inner_html=html></div> }.into_any()
    };
    let toc = (page.toc.len() >= 3).then(|| {
        view! {
            <nav class="toc" aria-labelledby="toc-title">
                <h2 id="toc-title">{t.wiki.toc}</h2>
                <ol>
                    {page
                        .toc
                        .iter()
                        .map(|e| {
                            view! {
                                <li class=format!("toc-{}", e.level.min(6))>
                                    <a href=format!("#{}", e.anchor)>{e.title.clone()}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </nav>
        }
    });
    let updated = format_date_time(page.updated_at, locale);
    let validation = page.validation.clone().map(|v| {
        let review = page.review_at.map(|r| {
            let due = page.review_due;
            view! {
                " · "
                <span class:badge=due class:danger=due>
                    {(t.wiki.review_on)(&format_date(r, locale))}
                </span>
            }
        });
        view! {
            <p class="validated">
                <span class="badge solved">{t.wiki.validated}</span>
                " "
                {t.wiki.validated_by}
                " "
                <PersonName person=v.by/>
                ", "
                {format_date(v.at, locale)}
                {review}
            </p>
        }
    });
    let actions = page_actions(&page, &address);
    let children = (!page.children.is_empty()).then(|| {
        view! {
            <section aria-labelledby="sub-pages">
                <h2 id="sub-pages">{t.wiki.children_heading}</h2>
                <ul>
                    {page
                        .children
                        .iter()
                        .map(|c| view! { <li><a href=c.url.clone()>{c.title.clone()}</a></li> })
                        .collect_view()}
                </ul>
            </section>
        }
    });
    view! {
        <Title text=format!("{} · {}", page.page.title, t.site_name)/>
        <Trail space=page.space.clone() ancestors=page.ancestors.clone()/>
        <article class="wiki-page" aria-labelledby="page-title">
            <header>
                <h1 id="page-title">{page.page.title.clone()}</h1>
                <p class="meta">
                    {page.protected.then(|| view! { <span class="badge muted">{t.wiki.protected}</span> " " })}
                    {t.wiki.last_change} " " <PersonName person=page.updated_by.clone()/> ", "
                    <time datetime=page.updated_at.to_rfc3339()>{updated}</time>
                    " · " {(t.wiki.revision_n)(page.revision)}
                </p>
                {validation}
            </header>
            {notice}
            <FormError error=form_error()/>
            {actions}
            {toc}
            {body}
            {children}
        </article>
    }
}

fn page_actions(page: &PageView, address: &str) -> impl IntoView {
    let t = use_messages();
    let edit = page.may_edit.then(|| {
        view! { <a class="button" href=url_with(address, "azione=modifica")>{t.wiki.edit}</a> " " }
    });
    let new_child = page.may_edit.then(|| {
        let href = format!(
            "/wiki/nuova?spazio={}&sotto={}",
            page.space.slug, page.page.path
        );
        view! { <a href=href>{t.wiki.new_sub_page}</a> " · " }
    });
    let protected_note = (page.protected && !page.may_edit && page.signed_in)
        .then(|| view! { <p class="notice">{t.wiki.protected_notice}</p> });
    let watch = page.signed_in.then(|| {
        let action = <WatchWikiPage as ServerFn>::PATH;
        let (on, label) = if page.watching {
            ("false", t.wiki.unwatch)
        } else {
            ("true", t.wiki.watch)
        };
        view! {
            <form method="post" action=action class="inline">
                <input type="hidden" name="address" value=address.to_owned()/>
                <input type="hidden" name="on" value=on/>
                <button type="submit" class="link-button">{label}</button>
            </form>
        }
    });
    let staff = page.is_team.then(|| {
        let protect = <ProtectWikiPage as ServerFn>::PATH;
        let validate = <ValidateWikiPage as ServerFn>::PATH;
        let (value, label) = if page.protected {
            ("false", t.wiki.unprotect)
        } else {
            ("true", t.wiki.protect)
        };
        let review = page
            .review_at
            .map(|r| r.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        view! {
            <details class="staff-tools">
                <summary>{t.wiki.staff_tools}</summary>
                <form method="post" action=protect class="inline">
                    <input type="hidden" name="address" value=address.to_owned()/>
                    <input type="hidden" name="protected" value=value/>
                    <button type="submit" class="button secondary">{label}</button>
                </form>
                <form method="post" action=validate>
                    <input type="hidden" name="address" value=address.to_owned()/>
                    <p>
                        <label for="review_at">{t.wiki.review_label}</label>
                        <input type="date" id="review_at" name="review_at" value=review/>
                    </p>
                    <p>
                        <button type="submit" class="button secondary">{t.wiki.validate}</button>
                        " "
                        {page.validation.is_some().then(|| view! {
                            <button type="submit" name="remove" value="1" class="button secondary">
                                {t.wiki.unvalidate}
                            </button>
                        })}
                    </p>
                </form>
            </details>
        }
    });
    view! {
        <div class="actions wiki-actions">
            {edit}
            {new_child}
            <a href=url_with(address, "azione=storia")>{t.wiki.history}</a>
            " · "
            <a href=url_with(address, "azione=puntano-qui")>{t.wiki.backlinks_title}</a>
            " · "
            {watch}
        </div>
        {protected_note}
        {staff}
    }
}
