//! The writing box: a plain textarea that works as it is without WebAssembly; once its island
//! (`WritingBox`) runs it shows a live preview rendered by the server (the same renderer and
//! sanitiser as saving) and saves a draft while the person types, so a reload or a crash loses
//! nothing.
//! The page that uses it says where its preview comes from: the address of a server function
//! that takes `text` and `context` (the forum's, or the wiki's for a page of a space).
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{error::AppError, i18n::Messages, kernel::draft::DraftKey, ui::escape_html};

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

/// Asks the page's preview function for the HTML of `text`.
#[cfg(feature = "hydrate")]
async fn fetch_preview(source: &PreviewSource, text: &str) -> Result<String, ()> {
    let json = crate::ui::live::post_form(
        &source.endpoint,
        &[("text", text), ("context", &source.context)],
    )
    .await?;
    json.as_string().ok_or(())
}

/// Saves a draft through `save_draft` (its answer is `null`).
#[cfg(feature = "hydrate")]
async fn post_draft(key: &str, title: &str, body: &str) -> Result<(), ()> {
    use leptos::server_fn::ServerFn;
    crate::ui::live::post_form(
        <SaveDraft as ServerFn>::PATH,
        &[("key", key), ("title", title), ("body", body)],
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

/// The writing box as the server renders it: complete as a plain form field, with what the
/// `WritingBox` island needs in `data-` attributes (see `ui::live`: an island without props or
/// views of its own costs the pages that show it far less WebAssembly). `title`: the thread title
/// field's starting value, when the form has one (new threads, and editing a first post); it is
/// saved in the draft with the text. `max` is checked by the server.
#[component]
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
    let _ = max;
    let hint_id = format!("{id}-hint");
    let preview_id = format!("{id}-preview");
    let preview_heading_id = preview_id.clone();
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
                />
            </p>
        }
    });
    view! {
        <div
            class="writing-box"
            data-draft-key=draft_key.map(|key| key.to_string())
            data-preview=preview_from.endpoint
            data-context=preview_from.context
            data-saved=text.draft_saved
            data-draft-failed=text.draft_failed
            data-preview-failed=text.preview_failed
        >
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
                    data-hydrated="false"
                    inner_html=escape_html(&value)
                ></textarea>
            </p>
            <p class="draft-status meta" role="status"></p>
            <section class="preview" aria-labelledby=preview_id.clone() hidden>
                <h3 id=preview_heading_id>{text.preview_heading}</h3>
                <div class="post-body"></div>
            </section>
            <WritingBox/>
        </div>
    }
}

/// Once its WebAssembly runs, the writing box shows a live preview and saves a draft while the
/// person types (the textarea says `data-hydrated="true"`; tests wait for it).
#[island(lazy)]
pub fn WritingBox() -> impl IntoView {
    let hook = crate::ui::live::Hook::new();
    #[cfg(feature = "hydrate")]
    crate::ui::live::when_hydrated(hook, ".writing-box", browser::start);
    crate::ui::live::hook_view(hook)
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::{
        cell::{Cell, RefCell},
        rc::Rc,
    };

    use gloo_timers::callback::Timeout;
    use wasm_bindgen::JsCast;
    use web_sys::{Element, HtmlInputElement, HtmlTextAreaElement};

    use super::{fetch_preview, post_draft, PreviewSource, DRAFT_DELAY_MS, PREVIEW_DELAY_MS};
    use crate::ui::live::{on, set_text, text};

    struct State {
        body: HtmlTextAreaElement,
        title: Option<HtmlInputElement>,
        status: Element,
        preview: Element,
        preview_body: Element,
        source: PreviewSource,
        draft_key: Option<String>,
        saved: String,
        draft_failed: String,
        preview_failed: String,
        /// Only the newest text's preview is shown.
        generation: Cell<u64>,
        preview_timer: RefCell<Option<Timeout>>,
        draft_timer: RefCell<Option<Timeout>>,
    }

    pub fn start(root: Element) {
        let find = |selector: &str| root.query_selector(selector).ok().flatten();
        let (Some(body), Some(status), Some(preview), Some(preview_body)) = (
            find("textarea").and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok()),
            find(".draft-status"),
            find(".preview"),
            find(".preview .post-body"),
        ) else {
            return;
        };
        let title = find("input[name=title]").and_then(|e| e.dyn_into::<HtmlInputElement>().ok());
        let state = Rc::new(State {
            body,
            title,
            status,
            preview,
            preview_body,
            source: PreviewSource {
                endpoint: text(&root, "data-preview"),
                context: text(&root, "data-context"),
            },
            draft_key: root.get_attribute("data-draft-key"),
            saved: text(&root, "data-saved"),
            draft_failed: text(&root, "data-draft-failed"),
            preview_failed: text(&root, "data-preview-failed"),
            generation: Cell::new(0),
            preview_timer: RefCell::new(None),
            draft_timer: RefCell::new(None),
        });
        let later = state.clone();
        on(&state.body, "input", move |_| schedule(&later));
        if let Some(title) = &state.title {
            let later = state.clone();
            on(title, "input", move |_| schedule(&later));
        }
        let _ = state.body.set_attribute("data-hydrated", "true");
        // A restored draft shows its preview at once.
        if !state.body.value().trim().is_empty() {
            schedule(&state);
        }
    }

    fn schedule(state: &Rc<State>) {
        let this = state.generation.get() + 1;
        state.generation.set(this);
        let later = state.clone();
        *state.preview_timer.borrow_mut() = Some(Timeout::new(PREVIEW_DELAY_MS, move || {
            wasm_bindgen_futures::spawn_local(async move {
                let result = fetch_preview(&later.source, &later.body.value()).await;
                if later.generation.get() != this {
                    return;
                }
                match result {
                    Ok(html) => {
                        later.preview_body.set_inner_html(&html);
                        let _ = if html.is_empty() {
                            later.preview.set_attribute("hidden", "")
                        } else {
                            later.preview.remove_attribute("hidden")
                        };
                    }
                    Err(()) => set_text(&later.status, &later.preview_failed),
                }
            });
        }));
        if state.draft_key.is_some() {
            let later = state.clone();
            *state.draft_timer.borrow_mut() = Some(Timeout::new(DRAFT_DELAY_MS, move || {
                wasm_bindgen_futures::spawn_local(async move {
                    let key = later.draft_key.clone().unwrap_or_default();
                    let title = later.title.as_ref().map(|t| t.value()).unwrap_or_default();
                    let result = post_draft(&key, &title, &later.body.value()).await;
                    let message = if result.is_ok() {
                        &later.saved
                    } else {
                        &later.draft_failed
                    };
                    set_text(&later.status, message);
                });
            }));
        }
    }
}
