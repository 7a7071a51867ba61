//! A poll's results, live (an island). The card renders the results on the server; this
//! island, once the WebAssembly runs, keeps them current in place: it listens to the shared
//! event stream (`/live?topic=poll:<id>`), which opens with the poll's state as this person may
//! see it and then sends every change within a second of any vote, on any instance — counts
//! (`results`) to those who may see them, the number of voters (`voters`) to the others, `ended`
//! once the poll is closed. On an error it closes the stream and opens it again after a growing
//! pause (1 s, 2 s, 4 s… up to 30 s, gloo-timers); every opening resynchronises. A countdown
//! shows the time left; at zero, and when staff close the poll early, it reopens the stream for
//! the final state. Every state carries the poll's revision (the event id): one older than
//! the state shown, arriving late, is ignored.
//!
//! It updates the server's markup (found by id) rather than rendering its own: the bundle stays
//! small, and the page reads the same with or without WebAssembly.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::i18n::Template;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LivePollText {
    /// With `one_vote`, the count's two forms (`i18n::plural`).
    pub votes: String,
    pub one_vote: String,
    /// (the time left)
    pub closes_in: Template<1>,
    pub closed: String,
    pub days: String,
}

impl LivePollText {
    pub fn total(&self, n: i32) -> String {
        crate::i18n::plural(n, &self.one_vote, &self.votes)
    }

    pub fn clock(&self, left_ms: i64, closed: bool) -> String {
        if closed || left_ms <= 0 {
            self.closed.clone()
        } else {
            self.closes_in.fill([&countdown(left_ms, &self.days)])
        }
    }
}

/// The time left as `2 g 03:04:05` (days only when there are some).
pub fn countdown(ms: i64, days_label: &str) -> String {
    let s = (ms.max(0) + 999) / 1000;
    let (d, h, m, s) = (s / 86_400, s / 3600 % 24, s / 60 % 60, s % 60);
    let clock = format!("{h:02}:{m:02}:{s:02}");
    if d > 0 {
        format!("{d} {days_label} {clock}")
    } else {
        clock
    }
}

/// Percentages of the counts (of all votes given).
pub fn percentages(counts: &[(i32, i32)]) -> Vec<(i32, i32, i32)> {
    let total: i32 = counts.iter().map(|(_, n)| *n).sum();
    counts
        .iter()
        .map(|(id, n)| (*id, *n, if total > 0 { n * 100 / total } else { 0 }))
        .collect()
}

/// The texts come as separate props: every struct an island takes costs its own decoder in the
/// WebAssembly.
#[allow(clippy::too_many_arguments)]
#[island]
pub fn LivePoll(
    poll_id: i32,
    closes_at_ms: i64,
    closed: bool,
    votes: String,
    one_vote: String,
    closes_in: Template<1>,
    closed_text: String,
    days: String,
) -> impl IntoView {
    let text = LivePollText {
        votes,
        one_vote,
        closes_in,
        closed: closed_text,
        days,
    };
    let (connected, set_connected) = signal(false);
    let _ = (poll_id, closes_at_ms, closed, &text, set_connected);

    #[cfg(feature = "hydrate")]
    {
        use std::{cell::Cell, rc::Rc};

        use gloo_timers::callback::{Interval, Timeout};
        use wasm_bindgen::{closure::Closure, JsCast};
        use web_sys::{Event, EventSource, MessageEvent};

        use crate::features::polls::types::PollLive;

        type Listener = Closure<dyn FnMut(Event)>;
        struct State {
            poll_id: i32,
            closes_at_ms: i64,
            text: LivePollText,
            ended: Cell<bool>,
            /// The newest revision shown: an older state arriving late is ignored.
            seen: Cell<i64>,
            failures: Cell<u32>,
            source: std::cell::RefCell<Option<(EventSource, Vec<Listener>)>>,
            retry: std::cell::RefCell<Option<Timeout>>,
            set_connected: WriteSignal<bool>,
        }
        fn element(id: &str) -> Option<web_sys::Element> {
            web_sys::window()?.document()?.get_element_by_id(id)
        }
        fn set_text(id: &str, text: &str) {
            if let Some(e) = element(id) {
                e.set_text_content(Some(text));
            }
        }
        fn now_ms() -> i64 {
            js_sys::Date::now() as i64
        }
        fn show(state: &State, voters: i32, counts: Option<Vec<(i32, i32)>>) {
            let base = format!("sondaggio-{}", state.poll_id);
            set_text(&format!("{base}-totale"), &state.text.total(voters));
            let Some(counts) = counts else {
                return;
            };
            for (id, n, pct) in percentages(&counts) {
                let row = format!("{base}-r{id}");
                set_text(&format!("{row}-n"), &n.to_string());
                set_text(&format!("{row}-pct"), &pct.to_string());
                if let Some(bar) = element(&format!("{row}-barra")) {
                    let _ = bar.set_attribute("value", &pct.to_string());
                }
            }
            if let Some(list) = element(&format!("{base}-barre")) {
                let _ = list.remove_attribute("hidden");
            }
            if let Some(note) = element(&format!("{base}-nascosti")) {
                let _ = note.set_attribute("hidden", "");
            }
        }
        fn tick(state: &State) {
            let left = state.closes_at_ms - now_ms();
            set_text(
                &format!("sondaggio-{}-orologio", state.poll_id),
                &state.text.clock(left, state.ended.get()),
            );
        }
        fn close(state: &State) {
            if let Some((source, _)) = state.source.borrow_mut().take() {
                source.close();
            }
            state.set_connected.set(false);
        }
        fn open(state: Rc<State>) {
            close(&state);
            let Ok(source) = EventSource::new(&format!("/live?topic=poll:{}", state.poll_id))
            else {
                return;
            };
            let again = {
                let state = state.clone();
                move |delay: u32| {
                    close(&state);
                    let later = state.clone();
                    *state.retry.borrow_mut() = Some(Timeout::new(delay, move || open(later)));
                }
            };
            let on_data = {
                let state = state.clone();
                Listener::new(move |event: Event| {
                    let Some(message) = event.dyn_ref::<MessageEvent>() else {
                        return;
                    };
                    let revision = message.last_event_id().parse::<i64>().unwrap_or(0);
                    if revision < state.seen.get() {
                        return;
                    }
                    let data = message.data().as_string();
                    if let Some((n, counts)) = data.as_deref().and_then(PollLive::parse_wire) {
                        state.seen.set(revision);
                        show(&state, n, counts);
                    }
                })
            };
            let on_ended = {
                let state = state.clone();
                Listener::new(move |_: Event| {
                    state.ended.set(true);
                    tick(&state);
                })
            };
            let on_again = {
                let again = again.clone();
                Listener::new(move |_: Event| again(0))
            };
            let on_open = {
                let state = state.clone();
                Listener::new(move |_: Event| {
                    state.failures.set(0);
                    state.set_connected.set(true);
                })
            };
            let on_error = {
                let state = state.clone();
                Listener::new(move |_: Event| {
                    let n = state.failures.get();
                    state.failures.set(n.saturating_add(1));
                    again((1000u32 << n.min(5)).min(30_000));
                })
            };
            for (name, listener) in [
                ("results", &on_data),
                ("voters", &on_data),
                ("ended", &on_ended),
                ("closed", &on_again),
                ("resync", &on_again),
                ("open", &on_open),
                ("error", &on_error),
            ] {
                let _ = source
                    .add_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
            }
            *state.source.borrow_mut() =
                Some((source, vec![on_data, on_ended, on_again, on_open, on_error]));
        }

        let state = Rc::new(State {
            poll_id,
            closes_at_ms,
            text: text.clone(),
            ended: Cell::new(closed),
            seen: Cell::new(0),
            failures: Cell::new(0),
            source: Default::default(),
            retry: Default::default(),
            set_connected,
        });
        let kept: StoredValue<Option<(Rc<State>, Interval)>, LocalStorage> =
            StoredValue::new_local(None);
        Effect::new(move |_| {
            open(state.clone());
            let ticking = {
                let state = state.clone();
                Interval::new(1000, move || {
                    tick(&state);
                    if !state.ended.get() && state.closes_at_ms <= now_ms() {
                        // Closed now: reopen the stream for the final state.
                        state.ended.set(true);
                        open(state.clone());
                    }
                })
            };
            kept.set_value(Some((state.clone(), ticking)));
            on_cleanup(move || {
                if let Some((state, ticking)) = kept.try_update_value(Option::take).flatten() {
                    drop(ticking);
                    state.retry.borrow_mut().take();
                    close(&state);
                }
            });
        });
    }

    view! {
        <span
            class="poll-live"
            aria-hidden="true"
            data-live=move || if connected.get() { "open" } else { "closed" }
        ></span>
    }
}
