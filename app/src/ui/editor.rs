//! The writing box (an island): a plain textarea that works as it is without WebAssembly; once
//! hydrated it shows a live preview rendered by the server (the same renderer and sanitiser as
//! saving) and saves a draft while the person types, so a reload or a crash loses nothing.
//! The page that uses it says where its preview comes from: the address of a server function
//! that takes `text` and `context` (the forum's, or the wiki's for a page of a space).
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{error::AppError, i18n::Messages, kernel::draft::DraftKey};

/// Saves what a person is writing (called while they type).
#[server(prefix = "/api", endpoint = "bozza")]
pub async fn save_draft(key: DraftKey, title: String, body: String) -> Result<(), AppError> {
    let (state, audience) = crate::server::request::audience().await?;
    let viewer = crate::server::access::signed_in(&audience)?;
    crate::server::drafts::save_typed(&state.db, viewer.user_id, &key, &title, &body).await
}

/// Where the preview comes from: a server function's address (`<Fn as ServerFn>::PATH`) that
/// takes the fields `text` and `context` and answers the HTML.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewSource {
    pub endpoint: String,
    /// Passed as `context` (a wiki space's slug; empty for a post).
    pub context: String,
}

/// Posts a form to a server function, as a plain form would, and returns its JSON answer read by
/// the browser's parser. The writing box calls its two functions this way rather than through
/// the server-function client, which would add that client and two serde formats to the
/// WebAssembly of every page with a writing box (decision 0010).
#[cfg(feature = "hydrate")]
async fn post_form(endpoint: &str, fields: &[(&str, &str)]) -> Result<wasm_bindgen::JsValue, ()> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let form = web_sys::UrlSearchParams::new().map_err(|_| ())?;
    for (name, value) in fields {
        form.append(name, value);
    }
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&form.into());
    let window = web_sys::window().ok_or(())?;
    let answer = JsFuture::from(window.fetch_with_str_and_init(endpoint, &init))
        .await
        .map_err(|_| ())?;
    let response: web_sys::Response = answer.dyn_into().map_err(|_| ())?;
    if !response.ok() {
        return Err(());
    }
    JsFuture::from(response.json().map_err(|_| ())?)
        .await
        .map_err(|_| ())
}

/// Asks the page's preview function for the HTML of `text`.
#[cfg(feature = "hydrate")]
async fn fetch_preview(source: &PreviewSource, text: &str) -> Result<String, ()> {
    let json = post_form(
        &source.endpoint,
        &[("text", text), ("context", &source.context)],
    )
    .await?;
    json.as_string().ok_or(())
}

/// Saves a draft through `save_draft` (its answer is `null`).
#[cfg(feature = "hydrate")]
async fn post_draft(key: &DraftKey, title: &str, body: &str) -> Result<(), ()> {
    use leptos::server_fn::ServerFn;
    let key = key.to_string();
    post_form(
        <SaveDraft as ServerFn>::PATH,
        &[("key", &key), ("title", title), ("body", body)],
    )
    .await
    .map(|_| ())
}

/// The strings of the editor, in the page's language (islands get their text as props).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorText {
    pub label: String,
    pub hint: String,
    pub title_label: String,
    pub preview_heading: String,
    pub draft_saved: String,
    pub draft_failed: String,
    pub preview_failed: String,
}

impl EditorText {
    pub fn new(t: &Messages, label: &str) -> Self {
        EditorText {
            label: label.to_string(),
            hint: t.forum.markdown_hint.to_string(),
            title_label: t.forum.title_label.to_string(),
            preview_heading: t.forum.preview_heading.to_string(),
            draft_saved: t.forum.draft_saved.to_string(),
            draft_failed: t.forum.draft_failed.to_string(),
            preview_failed: t.forum.preview_failed.to_string(),
        }
    }
}

/// Milliseconds of quiet typing before the preview is refreshed and the draft saved.
#[cfg(feature = "hydrate")]
const PREVIEW_DELAY_MS: u32 = 350;
#[cfg(feature = "hydrate")]
const DRAFT_DELAY_MS: u32 = 1200;

/// `title`: the thread title field's starting value, when the form has one (new threads, and
/// editing a first post); it is saved in the draft with the text.
#[island(lazy)]
pub fn MarkdownEditor(
    id: String,
    name: String,
    value: String,
    draft_key: Option<DraftKey>,
    title: Option<String>,
    rows: u32,
    max: usize,
    text: EditorText,
    preview_from: PreviewSource,
) -> impl IntoView {
    let (body, set_body) = signal(value.clone());
    let (title_value, set_title) = signal(title.clone().unwrap_or_default());
    let (preview, set_preview) = signal(String::new());
    let (status, set_status) = signal(String::new());
    let hint_id = format!("{id}-hint");
    let preview_id = format!("{id}-preview");
    let preview_heading_id = preview_id.clone();
    let _ = (
        max,
        &draft_key,
        set_preview,
        set_status,
        body,
        title_value,
        &preview_from,
    );

    #[cfg(feature = "hydrate")]
    let schedule = {
        use gloo_timers::callback::Timeout;
        let preview_timer: StoredValue<Option<Timeout>, LocalStorage> =
            StoredValue::new_local(None);
        let draft_timer: StoredValue<Option<Timeout>, LocalStorage> = StoredValue::new_local(None);
        let generation = StoredValue::new(0u64);
        let EditorText {
            draft_saved,
            draft_failed,
            preview_failed,
            ..
        } = text.clone();
        let draft_key = draft_key.clone();
        let source_of_preview = preview_from.clone();
        move || {
            generation.update_value(|g| *g += 1);
            let this = generation.get_value();
            let source = body.get_untracked();
            let failed = preview_failed.clone();
            let source_of_preview = source_of_preview.clone();
            preview_timer.set_value(Some(Timeout::new(PREVIEW_DELAY_MS, move || {
                leptos::task::spawn_local(async move {
                    let result = fetch_preview(&source_of_preview, &source).await;
                    // Only the newest text's preview is shown.
                    if generation.get_value() != this {
                        return;
                    }
                    match result {
                        Ok(html) => set_preview.set(html),
                        Err(_) => set_status.set(failed),
                    }
                });
            })));
            if let Some(key) = draft_key.clone() {
                let (saved, failed) = (draft_saved.clone(), draft_failed.clone());
                draft_timer.set_value(Some(Timeout::new(DRAFT_DELAY_MS, move || {
                    let (title, body) = (title_value.get_untracked(), body.get_untracked());
                    leptos::task::spawn_local(async move {
                        let result = post_draft(&key, &title, &body).await;
                        set_status.set(if result.is_ok() { saved } else { failed });
                    });
                })));
            }
        }
    };
    // Browser-only state stays in local storage (it is not `Send`); the server renders once and
    // never schedules anything.
    #[cfg(feature = "hydrate")]
    let schedule = StoredValue::new_local(schedule);
    #[cfg(not(feature = "hydrate"))]
    let schedule = StoredValue::new(|| {});

    // Hydrated (tests wait for it); a restored draft shows its preview at once.
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| {
        set_hydrated.set(true);
        if !body.get_untracked().trim().is_empty() {
            schedule.with_value(|run| run());
        }
    });

    let title_field = title.map(|start| {
        let title_id = format!("{id}-title");
        view! {
            <p>
                <label for=title_id.clone()>{text.title_label.clone()}</label>
                <input
                    id=title_id
                    name="title"
                    type="text"
                    required
                    minlength="8"
                    maxlength="200"
                    value=start
                    on:input=move |ev| {
                        set_title.set(event_target_value(&ev));
                        schedule.with_value(|run| run());
                    }
                />
            </p>
        }
    });
    view! {
        {title_field}
        <p>
            <label for=id.clone()>{text.label}</label>
            <span class="hint" id=hint_id.clone()>{text.hint}</span>
            <textarea
                id=id
                name=name
                rows=rows.to_string()
                required
                aria-describedby=hint_id
                data-hydrated=move || hydrated.get().to_string()
                on:input=move |ev| {
                    set_body.set(event_target_value(&ev));
                    schedule.with_value(|run| run());
                }
            >
                {value}
            </textarea>
        </p>
        <p class="draft-status meta" role="status">{status}</p>
        <section
            class="preview"
            aria-labelledby=preview_id.clone()
            hidden=move || preview.with(String::is_empty)
        >
            <h3 id=preview_heading_id>{text.preview_heading}</h3>
            <div class="post-body" inner_html=preview></div>
        </section>
    }
}
