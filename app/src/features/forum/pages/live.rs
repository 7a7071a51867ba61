//! New posts on an open thread. `LiveThreadArea` is the server's markup: an empty list for the
//! posts to come and a status line, with the thread, the last post shown and the indicator's
//! texts in `data-` attributes. The `LiveThread` island (in every page's main module, so written
//! to cost little: see `ui::live`) listens to the thread's server-sent events and, for each new
//! post, GETs the posts after the last one it knows from `fetch_live_posts` — rendered by the
//! server, checked again — and adds them below the others, with an "N nuovi messaggi" link to the
//! first of them. The browser reconnects by itself; on every (re)connection the island catches
//! up. Without WebAssembly the page is complete as served; a reload shows more.
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::features::forum::types::LivePost;
use crate::ui::live::{hook_view, Hook};

/// The markup the island runs (`after`: the newest post on the page).
#[component]
pub fn LiveThreadArea(thread_id: i32, after: i32) -> impl IntoView {
    let t = crate::i18n::use_messages();
    view! {
        <div
            class="live-thread"
            data-thread=thread_id
            data-after=after
            data-new-posts=t.forum.live_new_posts
            data-one-new=t.forum.live_one_new
        >
            <ol class="post-list live-posts"></ol>
            <div class="live-status" role="status" aria-live="polite" data-live="closed"></div>
            <LiveThread/>
        </div>
    }
}

#[island]
pub fn LiveThread() -> impl IntoView {
    let hook = Hook::new();
    #[cfg(feature = "hydrate")]
    crate::ui::live::when_hydrated(hook, ".live-thread", browser::start);
    hook_view(hook)
}

/// New posts as the thread page shows them to the island (`fetch_live_posts`).
#[cfg(feature = "ssr")]
pub fn render_live_posts(posts: Vec<LivePost>) -> String {
    posts
        .into_iter()
        .map(|post| {
            let badge = post
                .badge
                .map(|badge| view! { " " <span class="badge">{badge}</span> });
            view! {
                <li>
                    <article class="post" id=format!("m{}", post.id)>
                        <header class="post-head">
                            <h3 class="post-author">
                                <span class="author">{post.author}</span>
                                {badge}
                            </h3>
                            <p class="meta">
                                <a href=format!("/forum/m/{}", post.id)>
                                    <time datetime=post.datetime>{post.when}</time>
                                </a>
                            </p>
                        </header>
                        <div class="post-body" inner_html=post.html></div>
                    </article>
                </li>
            }
            .to_html()
        })
        .collect()
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::{cell::Cell, rc::Rc};

    use web_sys::{Element, EventSource};

    use crate::ui::live::{data, fetch_text, json_field, listen, parse_json, set_text, text};

    struct State {
        thread: i32,
        /// The newest post shown.
        last: Cell<i32>,
        /// New posts the reader has not gone to yet, and the first of them.
        unseen: Cell<usize>,
        first_unseen: Cell<Option<i32>>,
        /// A catch-up is running; `again`: another was asked for meanwhile.
        busy: Cell<bool>,
        again: Cell<bool>,
        list: Element,
        status: Element,
        one_new: String,
        new_posts: String,
    }

    pub fn start(root: Element) {
        let (Some(thread), Some(after), Ok(Some(list)), Ok(Some(status))) = (
            data::<i32>(&root, "data-thread"),
            data::<i32>(&root, "data-after"),
            root.query_selector(".live-posts"),
            root.query_selector(".live-status"),
        ) else {
            return;
        };
        let state = Rc::new(State {
            thread,
            last: Cell::new(after),
            unseen: Cell::new(0),
            first_unseen: Cell::new(None),
            busy: Cell::new(false),
            again: Cell::new(false),
            list,
            status,
            one_new: text(&root, "data-one-new"),
            new_posts: text(&root, "data-new-posts"),
        });
        let Ok(source) = EventSource::new(&format!("/live?topic=thread:{thread}")) else {
            return;
        };
        let on_post = {
            let state = state.clone();
            listen(&source, &["post", "resync"], move |_| {
                catch_up(state.clone())
            })
        };
        // "open" also fires after every reconnection: catch up on what was missed.
        let on_open = {
            let state = state.clone();
            listen(&source, &["open"], move |_| {
                let _ = state.status.set_attribute("data-live", "open");
                catch_up(state.clone());
            })
        };
        let on_error = listen(&source, &["error"], move |_| {
            let _ = state.status.set_attribute("data-live", "closed");
        });
        // The page keeps the stream, and so its listeners, as long as it is open.
        std::mem::forget((source, on_post, on_open, on_error));
    }

    /// Fetches the posts after the last one shown; one request at a time, so none is shown twice.
    fn catch_up(state: Rc<State>) {
        if state.busy.replace(true) {
            state.again.set(true);
            return;
        }
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                state.again.set(false);
                let url = format!(
                    "/api/nuovi-messaggi?thread_id={}&after={}",
                    state.thread,
                    state.last.get()
                );
                if let Some(fresh) = fetch_text(&url).await.as_deref().and_then(parse_json) {
                    show(&state, &fresh);
                }
                if !state.again.get() {
                    break;
                }
            }
            state.busy.set(false);
        });
    }

    fn show(state: &Rc<State>, fresh: &wasm_bindgen::JsValue) {
        let number = |name| json_field(fresh, name).as_f64().unwrap_or(0.0) as i32;
        let (first, last, count) = (number("first"), number("last"), number("count"));
        let html = json_field(fresh, "html").as_string().unwrap_or_default();
        if count <= 0 || last <= state.last.get() {
            return;
        }
        state.last.set(last);
        if state.list.insert_adjacent_html("beforeend", &html).is_err() {
            return;
        }
        if state.first_unseen.get().is_none() {
            state.first_unseen.set(Some(first));
        }
        state.unseen.set(state.unseen.get() + count as usize);
        indicate(state);
    }

    /// The link to the first new post, with their number. Going there, the reader has seen
    /// them: the link hides until more come.
    fn indicate(state: &Rc<State>) {
        let link = match state.status.query_selector("a").ok().flatten() {
            Some(link) => link,
            None => {
                let Some(link) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.create_element("a").ok())
                else {
                    return;
                };
                let _ = link.set_attribute("class", "live-indicator button");
                let later = state.clone();
                crate::ui::live::on(&link, "click", move |_| {
                    later.unseen.set(0);
                    later.first_unseen.set(None);
                    if let Ok(Some(link)) = later.status.query_selector("a") {
                        let _ = link.set_attribute("hidden", "");
                    }
                });
                let _ = state.status.append_child(&link);
                link
            }
        };
        let href = state
            .first_unseen
            .get()
            .map(|id| format!("#m{id}"))
            .unwrap_or_default();
        let _ = link.set_attribute("href", &href);
        let _ = link.remove_attribute("hidden");
        let label = crate::i18n::plural(state.unseen.get(), &state.one_new, &state.new_posts);
        set_text(&link, &label);
    }
}
