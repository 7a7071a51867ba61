//! Writing: `/forum/nuovo` (a new discussion or question), `/forum/m/<id>/modifica` (editing a
//! post) and `/forum/m/<id>/versioni` (every version of a post). A refused form comes back with
//! the reason and with what was typed (kept as the person's draft).
use crate::kernel::draft::DraftKey;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::{
    error::AppError,
    features::forum::{
        api::{fetch_edit_form, fetch_history, fetch_new_thread_form, CreateThread, EditPost},
        types::{EditForm, NewThreadForm, PostHistory, ThreadKind, BODY_MAX},
    },
    i18n::{format_date_time, use_locale, use_messages},
    ui::{
        failed, form_error, id_param, query_param, EditorText, FormError, Loaded, MarkdownEditor,
        PersonName,
    },
};

#[component]
pub fn NewThreadPage() -> impl IntoView {
    let t = use_messages();
    let (category, kind) = (query_param("categoria"), query_param("tipo"));
    let data = Resource::new_blocking(
        move || (category.clone(), kind.clone()),
        |(category, kind)| fetch_new_thread_form(category, kind),
    );
    view! {
        <Title text=format!("{} · {}", t.forum.new_title, t.site_name)/>
        <h1>{t.forum.new_title}</h1>
        <FormError error=form_error()/>
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(form) => view! { <NewThreadFormView form=form/> }.into_any(),
                    Err(AppError::Forbidden) => {
                        view! {
                            <p class="notice">
                                {t.forum.sign_in_to_write} " "
                                <a href="/accedi?next=/forum/nuovo">{t.nav_sign_in}</a>
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
fn NewThreadFormView(form: NewThreadForm) -> impl IntoView {
    let t = use_messages();
    if form.categories.is_empty() {
        return view! { <p class="notice">{t.forum.no_category_to_post}</p> }.into_any();
    }
    let action = <CreateThread as ServerFn>::PATH;
    let options = form
        .categories
        .into_iter()
        .map(|(id, _, name)| {
            view! { <option value=id.to_string() selected=Some(id) == form.category_id>{name}</option> }
        })
        .collect_view();
    let kinds = [
        (ThreadKind::Discussion, t.forum.kind_discussion),
        (ThreadKind::Question, t.forum.kind_question),
    ]
    .into_iter()
    .map(|(kind, label)| {
        let id = format!("kind-{}", kind.as_str());
        view! {
            <p class="radio">
                <input
                    type="radio"
                    name="kind"
                    id=id.clone()
                    value=kind.as_str()
                    checked=kind == form.kind
                />
                <label for=id>{label}</label>
            </p>
        }
    })
    .collect_view();
    let text = EditorText::new(t, t.forum.body_label);
    view! {
        <form method="post" action=action class="editor-form">
            <fieldset>
                <legend>{t.forum.kind_label}</legend>
                {kinds}
            </fieldset>
            <p>
                <label for="category_id">{t.forum.category_label}</label>
                <select id="category_id" name="category_id" required>{options}</select>
            </p>
            <MarkdownEditor
                id="body".to_string()
                name="body".to_string()
                value=form.body
                draft_key=Some(DraftKey::NewThread)
                title=Some(form.title)
                rows=12
                max=BODY_MAX
                text=text
                preview_from=super::post_preview()
            />
            <p>
                <button type="submit" class="button">{t.forum.publish}</button>
            </p>
        </form>
    }
    .into_any()
}

#[component]
pub fn EditPostPage() -> impl IntoView {
    let t = use_messages();
    let id = id_param();
    let data = Resource::new_blocking(move || id, fetch_edit_form);
    view! {
        <Title text=format!("{} · {}", t.forum.edit_title, t.site_name)/>
        <Loaded data=data view=move |form| view! { <EditFormView form=form/> }/>
    }
}

#[component]
fn EditFormView(form: EditForm) -> impl IntoView {
    let t = use_messages();
    let action = <EditPost as ServerFn>::PATH;
    let back = format!("/forum/m/{}", form.post_id);
    let text = EditorText::new(t, t.forum.body_label);
    view! {
        <h1>{t.forum.edit_title}</h1>
        <p class="lead">
            <a href=format!("/forum/t/{}", form.thread_id)>{form.thread_title}</a>
        </p>
        <FormError error=form_error()/>
        <p class="hint">{t.forum.edit_hint}</p>
        <form method="post" action=action class="editor-form">
            <input type="hidden" name="post_id" value=form.post_id.to_string()/>
            <MarkdownEditor
                id="body".to_string()
                name="body".to_string()
                value=form.body
                draft_key=Some(DraftKey::Edit(form.post_id))
                title=form.title
                rows=12
                max=BODY_MAX
                text=text
                preview_from=super::post_preview()
            />
            <p>
                <button type="submit" class="button">{t.save}</button>
                " "
                <a href=back>{t.forum.cancel}</a>
            </p>
        </form>
    }
}

#[component]
pub fn HistoryPage() -> impl IntoView {
    let t = use_messages();
    let id = id_param();
    let data = Resource::new_blocking(move || id, fetch_history);
    view! {
        <Title text=format!("{} · {}", t.forum.history_title, t.site_name)/>
        <Loaded data=data view=move |history| view! { <HistoryView history=history/> }/>
    }
}

#[component]
fn HistoryView(history: PostHistory) -> impl IntoView {
    let locale = use_locale();
    let t = locale.messages();
    let versions = history
        .revisions
        .into_iter()
        .map(|r| {
            let heading = if r.current {
                t.forum.version_current
            } else {
                t.forum.version_earlier
            };
            let when = format_date_time(r.written_at, locale);
            view! {
                <li class="card revision">
                    <h2>{heading}</h2>
                    <p class="meta">
                        <PersonName person=r.written_by/>
                        " · "
                        <time datetime=r.written_at.to_rfc3339()>{when}</time>
                    </p>
                    {r.title.map(|title| view! { <p><strong>{t.forum.title_label} ": "</strong>{title}</p> })}
                    <pre class="source">{r.source}</pre>
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>{t.forum.history_title}</h1>
        <p class="lead">
            <a href=format!("/forum/m/{}", history.post_id)>{history.thread_title}</a>
        </p>
        <ol class="revision-list">{versions}</ol>
    }
}
