//! Editing in place (an island, for staff and a group's admins): the page's body is shown as
//! served; once hydrated, "Modifica qui" and each section's "modifica" link turn it into an
//! editor right there, with a preview, and a save shows the new page without leaving it. The
//! save names the revision the text came from, like the form: someone else's save in between is
//! merged, or the person is sent to the page that shows both versions (their text kept there).
//! Without WebAssembly the same links open the plain edit form.
use leptos::prelude::*;

use crate::features::wiki::types::InlineText;

#[island(lazy)]
pub fn InlineWikiEditor(
    address: String,
    space: String,
    base: i32,
    html: String,
    text: InlineText,
) -> impl IntoView {
    let (body, set_body) = signal(html);
    let (revision, set_revision) = signal(base);
    // None: reading; Some(None): the whole page; Some(Some(n)): section n.
    let (editing, set_editing) = signal(None::<Option<usize>>);
    let (source, set_source) = signal(String::new());
    let (summary, set_summary) = signal(String::new());
    let (preview, set_preview) = signal(String::new());
    let (message, set_message) = signal(String::new());
    let (conflict_url, set_conflict_url) = signal(None::<String>);
    let (busy, set_busy) = signal(false);
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    let textarea = NodeRef::<leptos::html::Textarea>::new();
    let _ = (
        &address,
        &space,
        revision,
        set_body,
        set_revision,
        set_source,
        set_preview,
        set_message,
        set_conflict_url,
        set_busy,
        textarea,
    );

    // Opens the editor on the whole page or one section, with the text as saved now.
    let open = {
        let address = address.clone();
        let failed = text.loading_failed.clone();
        move |section: Option<usize>| {
            let _ = (&address, &failed, section);
            #[cfg(feature = "hydrate")]
            {
                let (address, failed) = (address.clone(), failed.clone());
                set_busy.set(true);
                leptos::task::spawn_local(async move {
                    let number = section.map(|n| n.to_string()).unwrap_or_default();
                    match crate::features::wiki::api::fetch_wiki_edit(address, number, None).await {
                        Ok(screen) => {
                            set_source.set(screen.form.source);
                            set_revision.set(screen.form.base);
                            set_message.set(String::new());
                            set_conflict_url.set(None);
                            set_preview.set(String::new());
                            set_editing.set(Some(section));
                            if let Some(area) = textarea.get_untracked() {
                                let _ = area.focus();
                            }
                        }
                        Err(_) => set_message.set(failed),
                    }
                    set_busy.set(false);
                });
            }
        }
    };
    let open = StoredValue::new(open);

    // A section's "modifica" link opens the editor here instead of the form page.
    let on_body_click = move |ev: leptos::ev::MouseEvent| {
        let _ = &ev;
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let Some(target) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            else {
                return;
            };
            let Ok(Some(link)) = target.closest(".section-edit a[data-section]") else {
                return;
            };
            let Some(section) = link
                .get_attribute("data-section")
                .and_then(|n| n.parse::<usize>().ok())
            else {
                return;
            };
            ev.prevent_default();
            open.with_value(|open| open(Some(section)));
        }
    };

    let show_preview = {
        let space = space.clone();
        move |_| {
            let _ = &space;
            #[cfg(feature = "hydrate")]
            {
                let (space, text) = (space.clone(), source.get_untracked());
                leptos::task::spawn_local(async move {
                    if let Ok(html) = crate::features::wiki::api::preview_wiki(text, space).await {
                        set_preview.set(html);
                    }
                });
            }
        }
    };

    let save = {
        let address = address.clone();
        let failed = text.saving_failed.clone();
        move |_| {
            let _ = (&address, &failed);
            #[cfg(feature = "hydrate")]
            {
                let (address, failed) = (address.clone(), failed.clone());
                let section = editing
                    .get_untracked()
                    .flatten()
                    .map(|n| n.to_string())
                    .unwrap_or_default();
                let (text, base, note) = (
                    source.get_untracked(),
                    revision.get_untracked(),
                    summary.get_untracked(),
                );
                set_busy.set(true);
                leptos::task::spawn_local(async move {
                    match crate::features::wiki::api::save_wiki_inline(
                        address, text, base, section, note,
                    )
                    .await
                    {
                        Ok(reply) => {
                            set_message.set(reply.message);
                            set_conflict_url.set(reply.conflict_url);
                            if reply.saved {
                                set_body.set(reply.html);
                                set_revision.set(reply.revision);
                                set_editing.set(None);
                                set_source.set(String::new());
                                set_summary.set(String::new());
                            }
                        }
                        // Not reached the server: the text stays in the editor.
                        Err(_) => set_message.set(failed),
                    }
                    set_busy.set(false);
                });
            }
        }
    };

    let InlineText {
        edit_here,
        source_label,
        summary_label,
        save: save_label,
        cancel,
        preview: preview_label,
        resolve,
        ..
    } = text;
    view! {
        <div class="inline-editor" data-hydrated=move || hydrated.get().to_string()>
            <p class="inline-open" hidden=move || !hydrated.get() || editing.get().is_some()>
                <button
                    type="button"
                    class="button secondary"
                    disabled=move || busy.get()
                    on:click=move |_| open.with_value(|open| open(None))
                >
                    {edit_here}
                </button>
            </p>
            <p class="inline-message" role="status">
                {move || message.get()}
                {move || {
                    conflict_url
                        .get()
                        .map(|url| view! { " " <a href=url>{resolve.clone()}</a> })
                }}
            </p>
            <div class="inline-form" hidden=move || editing.get().is_none()>
                <p>
                    <label for="inline-source">{source_label}</label>
                    <textarea
                        id="inline-source"
                        node_ref=textarea
                        rows="20"
                        prop:value=move || source.get()
                        on:input=move |ev| set_source.set(event_target_value(&ev))
                    ></textarea>
                </p>
                <p>
                    <label for="inline-summary">{summary_label}</label>
                    <input
                        id="inline-summary"
                        type="text"
                        maxlength="300"
                        prop:value=move || summary.get()
                        on:input=move |ev| set_summary.set(event_target_value(&ev))
                    />
                </p>
                <p>
                    <button type="button" class="button" disabled=move || busy.get() on:click=save>
                        {save_label}
                    </button>
                    " "
                    <button type="button" class="button secondary" on:click=show_preview>
                        {preview_label}
                    </button>
                    " "
                    <button
                        type="button"
                        class="link-button"
                        on:click=move |_| {
                            set_editing.set(None);
                            set_source.set(String::new());
                            set_message.set(String::new());
                        }
                    >
                        {cancel}
                    </button>
                </p>
                <div class="wiki-body preview" hidden=move || preview.with(String::is_empty) inner_html=move || preview.get()></div>
            </div>
            <div class="wiki-body" on:click=on_body_click inner_html=move || body.get()></div>
        </div>
    }
}
