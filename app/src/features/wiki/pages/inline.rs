//! Editing in place (for staff and a group's admins): the page's body is shown as served; once
//! the small `InlineWikiEditor` island runs, "Modifica qui" and each section's "modifica" link
//! turn it into an editor right there, with a preview, and a save shows the new page without
//! leaving it. The save names the revision the text came from, like the form: someone else's save
//! in between is merged, or the person is sent to the page that shows both versions (their text
//! kept there). Without WebAssembly the same links open the plain edit form.
//!
//! The server renders the whole editor, hidden, with its settings in `data-` attributes; the
//! island has no props and no view of its own and calls the three server functions as plain form
//! posts (see `ui::live`): a staff member's wiki page downloads a few KiB more, not the
//! server-function client and its formats.
use leptos::{prelude::*, server_fn::ServerFn};

use crate::features::wiki::{
    api::{FetchWikiEdit, PreviewWiki, SaveWikiInline},
    types::InlineText,
};

/// The page's body with the editor, as the server renders it. `base`: the revision shown.
#[component]
pub fn InlineWikiArea(
    address: String,
    space: String,
    base: i32,
    html: String,
    text: InlineText,
) -> impl IntoView {
    let (open, preview, save) = (
        <FetchWikiEdit as ServerFn>::PATH,
        <PreviewWiki as ServerFn>::PATH,
        <SaveWikiInline as ServerFn>::PATH,
    );
    view! {
        <div
            class="inline-editor"
            data-hydrated="false"
            data-address=address
            data-space=space
            data-base=base
            data-open=open
            data-preview=preview
            data-save=save
            data-loading-failed=text.loading_failed
            data-saving-failed=text.saving_failed
            data-resolve=text.resolve
        >
            <p class="inline-open" hidden>
                <button type="button" class="button secondary">{text.edit_here}</button>
            </p>
            <p class="inline-message" role="status"></p>
            <div class="inline-form" hidden>
                <p>
                    <label for="inline-source">{text.source_label}</label>
                    <textarea id="inline-source" rows="20"></textarea>
                </p>
                <p>
                    <label for="inline-summary">{text.summary_label}</label>
                    <input id="inline-summary" type="text" maxlength="300"/>
                </p>
                <p>
                    <button type="button" class="button inline-save">{text.save}</button>
                    " "
                    <button type="button" class="button secondary inline-preview">
                        {text.preview}
                    </button>
                    " "
                    <button type="button" class="link-button inline-cancel">{text.cancel}</button>
                </p>
                <div class="wiki-body preview" hidden></div>
            </div>
            <div class="wiki-body inline-body" inner_html=html></div>
            <InlineWikiEditor/>
        </div>
    }
}

/// Once its WebAssembly runs, the page can be edited in place (the editor says
/// `data-hydrated="true"`; tests wait for it).
#[island(lazy)]
pub fn InlineWikiEditor() -> impl IntoView {
    let hook = crate::ui::live::Hook::new();
    #[cfg(feature = "hydrate")]
    crate::ui::live::when_hydrated(hook, ".inline-editor", browser::start);
    crate::ui::live::hook_view(hook)
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::{cell::Cell, rc::Rc};

    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{Element, HtmlInputElement, HtmlTextAreaElement};

    use crate::ui::live::{data, json_field, on, post_form, set_text, text};

    struct State {
        root: Element,
        opener: Element,
        message: Element,
        form: Element,
        source: HtmlTextAreaElement,
        summary: HtmlInputElement,
        preview: Element,
        body: Element,
        /// The revision the text in the editor came from.
        base: Cell<i32>,
        /// The section being edited; None for the whole page.
        section: Cell<Option<usize>>,
        busy: Cell<bool>,
    }

    impl State {
        fn setting(&self, name: &str) -> String {
            text(&self.root, name)
        }

        fn set_busy(&self, busy: bool) {
            self.busy.set(busy);
            for selector in ["button.inline-save", ".inline-open button"] {
                if let Ok(Some(button)) = self.root.query_selector(selector) {
                    let _ = if busy {
                        button.set_attribute("disabled", "")
                    } else {
                        button.remove_attribute("disabled")
                    };
                }
            }
        }

        /// Shows the editor (true) or the page as it reads (false).
        fn editing(&self, on: bool) {
            let _ = if on {
                self.form.remove_attribute("hidden")
            } else {
                self.form.set_attribute("hidden", "")
            };
            let _ = if on {
                self.opener.set_attribute("hidden", "")
            } else {
                self.opener.remove_attribute("hidden")
            };
        }

        /// The status line: a message, and a link to resolve a conflict when there is one.
        fn say(&self, message: &str, conflict_url: Option<String>) {
            set_text(&self.message, message);
            let Some(url) = conflict_url else { return };
            let Some(document) = web_sys::window().and_then(|w| w.document()) else {
                return;
            };
            if let Ok(link) = document.create_element("a") {
                let _ = link.set_attribute("href", &url);
                set_text(&link, &self.setting("data-resolve"));
                let _ = self.message.append_with_str_1(" ");
                let _ = self.message.append_with_node_1(&link);
            }
        }

        fn show_preview(&self, html: &str) {
            self.preview.set_inner_html(html);
            let _ = if html.is_empty() {
                self.preview.set_attribute("hidden", "")
            } else {
                self.preview.remove_attribute("hidden")
            };
        }
    }

    pub fn start(root: Element) {
        let find = |selector: &str| root.query_selector(selector).ok().flatten();
        let (
            Some(opener),
            Some(message),
            Some(form),
            Some(source),
            Some(summary),
            Some(preview),
            Some(body),
        ) = (
            find(".inline-open"),
            find(".inline-message"),
            find(".inline-form"),
            find("#inline-source").and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok()),
            find("#inline-summary").and_then(|e| e.dyn_into::<HtmlInputElement>().ok()),
            find(".inline-form .preview"),
            find(".inline-body"),
        )
        else {
            return;
        };
        let base = data(&root, "data-base").unwrap_or_default();
        let buttons = (
            find(".inline-open button"),
            find("button.inline-save"),
            find("button.inline-preview"),
            find("button.inline-cancel"),
        );
        let state = Rc::new(State {
            root,
            opener,
            message,
            form,
            source,
            summary,
            preview,
            body,
            base: Cell::new(base),
            section: Cell::new(None),
            busy: Cell::new(false),
        });
        let (Some(open_button), Some(save_button), Some(preview_button), Some(cancel_button)) =
            buttons
        else {
            return;
        };
        let s = state.clone();
        on(&open_button, "click", move |_| open(&s, None));
        // A section's "modifica" link opens the editor here instead of the form page.
        let s = state.clone();
        on(&state.body.clone(), "click", move |ev| {
            let Some(link) = ev
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|t| t.closest(".section-edit a[data-section]").ok().flatten())
            else {
                return;
            };
            let Some(section) = data::<usize>(&link, "data-section") else {
                return;
            };
            ev.prevent_default();
            open(&s, Some(section));
        });
        let s = state.clone();
        on(&preview_button, "click", move |_| ask_preview(&s));
        let s = state.clone();
        on(&save_button, "click", move |_| save(&s));
        let s = state.clone();
        on(&cancel_button, "click", move |_| {
            s.editing(false);
            s.source.set_value("");
            s.say("", None);
        });
        let _ = state.opener.remove_attribute("hidden");
        let _ = state.root.set_attribute("data-hydrated", "true");
    }

    /// Opens the editor on the whole page or one section, with the text as saved now.
    fn open(state: &Rc<State>, section: Option<usize>) {
        if state.busy.get() {
            return;
        }
        state.set_busy(true);
        let state = state.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let number = section.map(|n| n.to_string()).unwrap_or_default();
            let endpoint = state.setting("data-open");
            let address = state.setting("data-address");
            let answer = post_form(&endpoint, &[("address", &address), ("section", &number)]).await;
            let form = answer.map(|json| json_field(&json, "form"));
            match form.as_ref().map(|form| {
                (
                    json_field(form, "source").as_string(),
                    json_field(form, "base").as_f64(),
                )
            }) {
                Ok((Some(source), Some(base))) => {
                    state.source.set_value(&source);
                    state.base.set(base as i32);
                    state.section.set(section);
                    state.say("", None);
                    state.show_preview("");
                    state.editing(true);
                    let _ = state.source.focus();
                }
                _ => state.say(&state.setting("data-loading-failed"), None),
            }
            state.set_busy(false);
        });
    }

    /// Shows what the text will look like: the same renderer as saving.
    fn ask_preview(state: &Rc<State>) {
        let state = state.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let endpoint = state.setting("data-preview");
            let space = state.setting("data-space");
            let text = state.source.value();
            if let Ok(html) = post_form(&endpoint, &[("text", &text), ("context", &space)]).await {
                if let Some(html) = html.as_string() {
                    state.show_preview(&html);
                }
            }
        });
    }

    /// Saves the text on the revision it came from; the page shows what was saved.
    fn save(state: &Rc<State>) {
        if state.busy.get() {
            return;
        }
        state.set_busy(true);
        let state = state.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let endpoint = state.setting("data-save");
            let address = state.setting("data-address");
            let section = state
                .section
                .get()
                .map(|n| n.to_string())
                .unwrap_or_default();
            let (source, base, summary) = (
                state.source.value(),
                state.base.get().to_string(),
                state.summary.value(),
            );
            let answer = post_form(
                &endpoint,
                &[
                    ("address", &address),
                    ("source", &source),
                    ("base", &base),
                    ("section", &section),
                    ("summary", &summary),
                ],
            )
            .await;
            match answer {
                Ok(reply) => {
                    let field = |name: &str| json_field(&reply, name);
                    state.say(
                        &field("message").as_string().unwrap_or_default(),
                        field("conflict_url").as_string(),
                    );
                    if field("saved") == JsValue::TRUE {
                        state
                            .body
                            .set_inner_html(&field("html").as_string().unwrap_or_default());
                        if let Some(revision) = field("revision").as_f64() {
                            state.base.set(revision as i32);
                        }
                        state.editing(false);
                        state.source.set_value("");
                        state.summary.set_value("");
                    }
                }
                // Not reached the server: the text stays in the editor.
                Err(()) => state.say(&state.setting("data-saving-failed"), None),
            }
            state.set_busy(false);
        });
    }
}
