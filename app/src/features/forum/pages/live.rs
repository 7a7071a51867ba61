//! New posts on an open thread (an island): it listens to the thread's server-sent events and,
//! for each new post, fetches it through the usual checked server function and shows it below
//! the others, with an "N nuovi messaggi" indicator that takes the reader to the first one.
//! The browser reconnects by itself; on every (re)connection the island catches up from the
//! last post it knows. Without WebAssembly the page is complete as served; a reload shows more.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::features::forum::types::LivePost;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveText {
    /// With `one_new`, the count's two forms (`i18n::plural`).
    pub new_posts: String,
    pub one_new: String,
    pub someone: String,
}

/// The texts come as separate props: every struct an island takes costs its own decoder in the
/// WebAssembly.
#[island]
pub fn LiveThread(
    thread_id: i32,
    after: i32,
    new_posts: String,
    one_new: String,
    someone: String,
) -> impl IntoView {
    let text = LiveText {
        new_posts,
        one_new,
        someone,
    };
    let (posts, set_posts) = signal(Vec::<LivePost>::new());
    // New posts the reader has not gone to yet, and the first of them.
    let (unseen, set_unseen) = signal(0usize);
    let (first_unseen, set_first_unseen) = signal(None::<i32>);
    let last = StoredValue::new(after);
    // The stream is open (for people and for tests waiting for the page to be live).
    let (connected, set_connected) = signal(false);
    let _ = (
        thread_id,
        set_posts,
        set_unseen,
        set_first_unseen,
        last,
        set_connected,
    );

    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::{closure::Closure, JsCast};
        use web_sys::{Event, EventSource};

        let catch_up = move || {
            leptos::task::spawn_local(async move {
                let since = last.get_value();
                let Ok(fresh) =
                    crate::features::forum::api::fetch_live_posts(thread_id, since).await
                else {
                    return;
                };
                let fresh: Vec<LivePost> = fresh
                    .into_iter()
                    .filter(|p| p.id > last.get_value())
                    .collect();
                let Some(newest) = fresh.iter().map(|p| p.id).max() else {
                    return;
                };
                last.set_value(newest);
                if first_unseen.get_untracked().is_none() {
                    set_first_unseen.set(fresh.first().map(|p| p.id));
                }
                set_unseen.update(|n| *n += fresh.len());
                set_posts.update(|all| all.extend(fresh));
            });
        };
        type Listener = Closure<dyn FnMut(Event)>;
        type Live = (EventSource, [Listener; 3]);
        let live: StoredValue<Option<Live>, LocalStorage> = StoredValue::new_local(None);
        Effect::new(move |_| {
            let Ok(source) = EventSource::new(&format!("/live?topic=thread:{thread_id}")) else {
                return;
            };
            let on_post = Listener::new(move |_: Event| catch_up());
            // "open" also fires after every reconnection: catch up on what was missed.
            let on_open = Listener::new(move |_: Event| {
                set_connected.set(true);
                catch_up();
            });
            let on_error = Listener::new(move |_: Event| set_connected.set(false));
            let listening = [
                ("post", &on_post),
                ("resync", &on_post),
                ("open", &on_open),
                ("error", &on_error),
            ]
            .into_iter()
            .all(|(name, listener)| {
                source
                    .add_event_listener_with_callback(name, listener.as_ref().unchecked_ref())
                    .is_ok()
            });
            if !listening {
                source.close();
                return;
            }
            live.set_value(Some((source, [on_post, on_open, on_error])));
            on_cleanup(move || {
                if let Some((source, ..)) = live.try_update_value(Option::take).flatten() {
                    source.close();
                }
            });
        });
    }

    let LiveText {
        new_posts,
        one_new,
        someone,
    } = text;
    let indicator = move || {
        let n = unseen.get();
        let target = first_unseen.get();
        (n > 0).then(|| {
            let label = crate::i18n::plural(n, &one_new, &new_posts);
            let href = target.map(|id| format!("#m{id}")).unwrap_or_default();
            view! {
                <a
                    class="live-indicator button"
                    href=href
                    on:click=move |_| {
                        set_unseen.set(0);
                        set_first_unseen.set(None);
                    }
                >
                    {label}
                </a>
            }
        })
    };
    view! {
        <ol class="post-list live-posts">
            <For each=move || posts.get() key=|post| post.id let:post>
                <li>
                    <article class="post" id=format!("m{}", post.id)>
                        <header class="post-head">
                            <h3 class="post-author">
                                <span class="author">
                                    {if post.author.is_empty() { someone.clone() } else { post.author.clone() }}
                                </span>
                                {post
                                    .badge
                                    .clone()
                                    .map(|badge| view! { " " <span class="badge">{badge}</span> })}
                            </h3>
                            <p class="meta">
                                <a href=format!("/forum/m/{}", post.id)>
                                    <time datetime=post.datetime.clone()>{post.when.clone()}</time>
                                </a>
                            </p>
                        </header>
                        <div class="post-body" inner_html=post.html.clone()></div>
                    </article>
                </li>
            </For>
        </ol>
        <div
            class="live-status"
            role="status"
            aria-live="polite"
            data-live=move || if connected.get() { "open" } else { "closed" }
        >
            {indicator}
        </div>
    }
}
