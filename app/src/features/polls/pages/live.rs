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
//! It is in every page's main WebAssembly module, so it is written to cost little (see
//! `ui::live`): `LivePollArea`, rendered by the server, carries the poll and the texts in `data-`
//! attributes, and the island updates the server's markup (found by id) rather than rendering
//! its own. The page reads the same with or without WebAssembly.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::i18n::Template;
use crate::ui::live::{hook_view, Hook};

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

/// The markup the island runs: the stream's state (`data-live`, for people's tools and tests)
/// and the settings.
#[component]
pub fn LivePollArea(poll_id: i32, closes_at_ms: i64, text: LivePollText) -> impl IntoView {
    view! {
        <span
            class="poll-live"
            aria-hidden="true"
            data-live="closed"
            data-poll=poll_id
            data-closes=closes_at_ms
            data-votes=text.votes
            data-one-vote=text.one_vote
            data-closes-in=text.closes_in.message().to_string()
            data-closed=text.closed
            data-days=text.days
        >
            <LivePoll/>
        </span>
    }
}

#[island]
pub fn LivePoll() -> impl IntoView {
    let hook = Hook::new();
    #[cfg(feature = "hydrate")]
    crate::ui::live::when_hydrated(hook, ".poll-live", browser::start);
    hook_view(hook)
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::{
        cell::{Cell, RefCell},
        rc::Rc,
    };

    use gloo_timers::callback::{Interval, Timeout};
    use wasm_bindgen::JsCast;
    use web_sys::{Element, EventSource, MessageEvent};

    use super::{percentages, LivePollText};
    use crate::features::polls::types::PollLive;
    use crate::i18n::Template;
    use crate::ui::live::{by_id, data, listen, set_text, text, Listener};

    struct State {
        poll_id: i32,
        closes_at_ms: i64,
        text: LivePollText,
        /// The island's element: `data-live` says whether the stream is open.
        root: Element,
        ended: Cell<bool>,
        /// The newest revision shown: an older state arriving late is ignored.
        seen: Cell<i64>,
        failures: Cell<u32>,
        source: RefCell<Option<(EventSource, Vec<Listener>)>>,
        retry: RefCell<Option<Timeout>>,
        ticking: RefCell<Option<Interval>>,
    }

    fn set(id: &str, value: &str) {
        if let Some(e) = by_id(id) {
            set_text(&e, value);
        }
    }

    fn now_ms() -> i64 {
        js_sys::Date::now() as i64
    }

    pub fn start(root: Element) {
        let (Some(poll_id), Some(closes_at_ms)) = (
            data::<i32>(&root, "data-poll"),
            data::<i64>(&root, "data-closes"),
        ) else {
            return;
        };
        let text = LivePollText {
            votes: text(&root, "data-votes"),
            one_vote: text(&root, "data-one-vote"),
            closes_in: Template::from_message(text(&root, "data-closes-in")),
            closed: text(&root, "data-closed"),
            days: text(&root, "data-days"),
        };
        let state = Rc::new(State {
            poll_id,
            closes_at_ms,
            text,
            root,
            ended: Cell::new(false),
            seen: Cell::new(0),
            failures: Cell::new(0),
            source: Default::default(),
            retry: Default::default(),
            ticking: Default::default(),
        });
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
        // The state holds the timer and the stream as long as the page is open.
        *state.ticking.borrow_mut() = Some(ticking);
        std::mem::forget(state);
    }

    fn show(state: &State, voters: i32, counts: Option<Vec<(i32, i32)>>) {
        let base = format!("sondaggio-{}", state.poll_id);
        set(&format!("{base}-totale"), &state.text.total(voters));
        let Some(counts) = counts else {
            return;
        };
        for (id, n, pct) in percentages(&counts) {
            let row = format!("{base}-r{id}");
            set(&format!("{row}-n"), &n.to_string());
            set(&format!("{row}-pct"), &pct.to_string());
            if let Some(bar) = by_id(&format!("{row}-barra")) {
                let _ = bar.set_attribute("value", &pct.to_string());
            }
        }
        if let Some(list) = by_id(&format!("{base}-barre")) {
            let _ = list.remove_attribute("hidden");
        }
        if let Some(note) = by_id(&format!("{base}-nascosti")) {
            let _ = note.set_attribute("hidden", "");
        }
    }

    fn tick(state: &State) {
        let left = state.closes_at_ms - now_ms();
        set(
            &format!("sondaggio-{}-orologio", state.poll_id),
            &state.text.clock(left, state.ended.get()),
        );
    }

    fn connected(state: &State, open: bool) {
        let _ = state
            .root
            .set_attribute("data-live", if open { "open" } else { "closed" });
    }

    fn close(state: &State) {
        if let Some((source, _)) = state.source.borrow_mut().take() {
            source.close();
        }
        connected(state, false);
    }

    fn open(state: Rc<State>) {
        close(&state);
        let Ok(source) = EventSource::new(&format!("/live?topic=poll:{}", state.poll_id)) else {
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
            listen(&source, &["results", "voters"], move |event| {
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
            listen(&source, &["ended"], move |_| {
                state.ended.set(true);
                tick(&state);
            })
        };
        let on_again = {
            let again = again.clone();
            listen(&source, &["closed", "resync"], move |_| again(0))
        };
        let on_open = {
            let state = state.clone();
            listen(&source, &["open"], move |_| {
                state.failures.set(0);
                connected(&state, true);
            })
        };
        let on_error = {
            let state = state.clone();
            listen(&source, &["error"], move |_| {
                let n = state.failures.get();
                state.failures.set(n.saturating_add(1));
                again((1000u32 << n.min(5)).min(30_000));
            })
        };
        *state.source.borrow_mut() =
            Some((source, vec![on_data, on_ended, on_again, on_open, on_error]));
    }
}
