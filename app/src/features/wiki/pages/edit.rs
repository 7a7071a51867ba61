//! Writing: the edit form of a page or of one section (it names the revision it started from),
//! the conflict view after a save that could not be merged (both versions side by side, the
//! conflicting parts marked, and the text to resolve), and the form for a new page.
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use super::{url_with, Trail};
use crate::{
    error::AppError,
    features::wiki::{
        api::{fetch_new_page_form, fetch_wiki_edit, CreateWikiPage, PreviewWiki, SaveWikiPage},
        types::{ConflictPart, ConflictView, EditScreen, NewPageForm, SOURCE_MAX},
    },
    i18n::use_messages,
    ui::{
        failed, form_error, query_param, EditorText, FormError, MarkdownEditor, NotFound,
        PersonName, PreviewSource, TextField,
    },
};

#[component]
pub fn EditPage(address: String) -> impl IntoView {
    let t = use_messages();
    let section = query_param("sezione");
    let conflict = query_param("conflitto").parse::<i32>().ok();
    let key = address.clone();
    let data = Resource::new_blocking(
        move || (key.clone(), section.clone(), conflict),
        |(address, section, conflict)| fetch_wiki_edit(address, section, conflict),
    );
    view! {
        <Title text=format!("{} · {}", t.wiki.edit, t.site_name)/>
        <Suspense>
            {move || {
                let address = address.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(screen) => view! { <EditView screen=screen address=address/> }.into_any(),
                        Err(AppError::NotFound) => view! { <NotFound/> }.into_any(),
                        Err(AppError::Forbidden) => {
                            let next = url_with(&address, "");
                            view! {
                                <h1>{t.wiki.edit}</h1>
                                <p class="notice">
                                    {t.wiki.sign_in_to_edit} " "
                                    <a href=format!("/accedi?next={next}")>{t.nav_sign_in}</a>
                                </p>
                            }
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
fn EditView(screen: EditScreen, address: String) -> impl IntoView {
    let t = use_messages();
    let form = screen.form;
    let action = <SaveWikiPage as ServerFn>::PATH;
    let heading = match (form.exists, form.section) {
        (false, _) => (t.wiki.create_title)(&form.page.title),
        (true, Some(_)) => (t.wiki.edit_section_title)(&form.page.title),
        (true, None) => (t.wiki.edit_title)(&form.page.title),
    };
    let conflict = screen.conflict.clone();
    let (value, notice) = match (&screen.conflict, screen.kept) {
        (Some(view), _) => (
            view.text_with_marks(t.wiki.mark_mine, &(t.wiki.mark_theirs)(view.their_revision)),
            None,
        ),
        (None, Some(kept)) => {
            let merged = query_param("conflitto").is_empty();
            let text = if merged {
                t.wiki.kept_text
            } else {
                t.wiki.conflict_gone
            };
            (kept, Some(text))
        }
        (None, None) => (form.source.clone(), None),
    };
    let title_field = (!form.exists).then(|| {
        view! {
            <TextField
                id="title"
                name="title"
                label=t.forum.title_label
                value=form.page.title.clone()
                required=true
                minlength=2
                maxlength=200
            />
        }
    });
    let cancel = form.page.url.clone();
    view! {
        <Title text=format!("{} · {}", heading, t.site_name)/>
        <Trail space=form.space.clone() ancestors=Vec::new()/>
        <h1>{heading}</h1>
        <FormError error=form_error()/>
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        {form.protected.then(|| view! { <p class="notice">{t.wiki.protected_staff_edit}</p> })}
        {conflict.map(|c| view! { <ConflictPanel conflict=c/> })}
        <form method="post" action=action class="editor-form wiki-editor">
            <input type="hidden" name="address" value=address.clone()/>
            <input type="hidden" name="base" value=form.base.to_string()/>
            <input
                type="hidden"
                name="section"
                value=form.section.map(|s| s.to_string()).unwrap_or_default()
            />
            {title_field}
            <TextAndSummary value=value space=form.space.slug.clone() rows=24/>
            <p>
                <button type="submit" class="button">{t.wiki.save}</button>
                " "
                <a href=cancel>{t.wiki.cancel}</a>
            </p>
        </form>
    }
}

/// The page text (with its live preview) and the edit summary, as both forms have them.
#[component]
fn TextAndSummary(value: String, space: String, rows: u32) -> impl IntoView {
    let t = use_messages();
    view! {
        <MarkdownEditor
            id="source".to_string()
            name="source".to_string()
            value=value
            draft_key=None
            title=None
            rows=rows
            max=SOURCE_MAX
            text=EditorText::new(t, t.wiki.source_label)
            preview_from=PreviewSource {
                endpoint: <PreviewWiki as ServerFn>::PATH.to_owned(),
                context: space,
            }
        />
        <TextField
            id="summary"
            name="summary"
            label=t.wiki.summary_label
            maxlength=300
        />
    }
}

/// The two versions side by side, with the parts they disagree on marked.
#[component]
fn ConflictPanel(conflict: ConflictView) -> impl IntoView {
    let t = use_messages();
    let rows = conflict
        .parts
        .into_iter()
        .map(|part| match part {
            ConflictPart::Same(text) => view! {
                <tr class="same">
                    <td colspan="2"><pre>{text}</pre></td>
                </tr>
            }
            .into_any(),
            ConflictPart::Conflict { mine, theirs } => view! {
                <tr class="conflict">
                    <td><span class="visually-hidden">{t.wiki.mark_mine}": "</span><pre>{mine}</pre></td>
                    <td><span class="visually-hidden">{t.wiki.their_version}": "</span><pre>{theirs}</pre></td>
                </tr>
            }
            .into_any(),
        })
        .collect_view();
    view! {
        <section class="conflict-panel" aria-labelledby="conflict-title">
            <h2 id="conflict-title">{t.wiki.conflict_title}</h2>
            <p role="alert">
                {(t.wiki.conflict_intro)(conflict.conflicts)} " "
                <PersonName person=conflict.their_author/>
                " (" {(t.wiki.mark_theirs)(conflict.their_revision)} ")."
            </p>
            <p>{t.wiki.conflict_how}</p>
            <div class="table-scroll">
                <table class="conflict-table">
                    <caption class="visually-hidden">{t.wiki.conflict_title}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.wiki.your_version}</th>
                            <th scope="col">{t.wiki.their_version}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

/// `/wiki/nuova?spazio=<slug>&sotto=<path>&titolo=…`: a new page.
#[component]
pub fn NewWikiPage() -> impl IntoView {
    let t = use_messages();
    let (space, parent, title) = (
        query_param("spazio"),
        query_param("sotto"),
        query_param("titolo"),
    );
    let data = Resource::new_blocking(
        move || (space.clone(), parent.clone(), title.clone()),
        |(space, parent, title)| fetch_new_page_form(space, parent, title),
    );
    view! {
        <Title text=format!("{} · {}", t.wiki.new_page, t.site_name)/>
        <h1>{t.wiki.new_page}</h1>
        <FormError error=form_error()/>
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(form) => view! { <NewPageView form=form/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFound/> }.into_any(),
                    Err(AppError::Forbidden) => {
                        view! {
                            <p class="notice">
                                {t.wiki.sign_in_to_edit} " "
                                <a href="/accedi?next=/wiki">{t.nav_sign_in}</a>
                            </p>
                        }
                            .into_any()
                    }
                    Err(error) => failed(error),
                }
            })}
        </Suspense>
    }
}

#[component]
fn NewPageView(form: NewPageForm) -> impl IntoView {
    let t = use_messages();
    let action = <CreateWikiPage as ServerFn>::PATH;
    let kept = form.kept.is_some();
    view! {
        <p class="lead">{(t.wiki.new_page_in)(&form.space.name)}</p>
        {kept.then(|| view! { <p class="notice" role="status">{t.wiki.kept_text}</p> })}
        <form method="post" action=action class="editor-form wiki-editor">
            <input type="hidden" name="space" value=form.space.slug.clone()/>
            <TextField
                id="title"
                name="title"
                label=t.forum.title_label
                value=form.title
                required=true
                minlength=2
                maxlength=200
            />
            <p>
                <label for="parent">{t.wiki.parent_label}</label>
                <span class="hint" id="parent-hint">{t.wiki.parent_hint}</span>
                <input
                    id="parent"
                    name="parent"
                    type="text"
                    maxlength="240"
                    aria-describedby="parent-hint"
                    value=form.parent
                />
            </p>
            <TextAndSummary value=form.kept.unwrap_or_default() space=form.space.slug.clone() rows=20/>
            <p>
                <button type="submit" class="button">{t.wiki.save}</button>
            </p>
        </form>
    }
}
