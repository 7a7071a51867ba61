//! A poll's results, live (an island). The page renders them on the server; once the
//! WebAssembly runs, the island listens to the shared event stream (`/live?topic=poll:<id>`).
//! The stream opens with the poll's state as this person may see it, then sends every change
//! within a second of any vote, on any instance: counts (`results`) to those who may see them,
//! the number of voters (`voters`) to the others; `ended` once the poll is closed. On an error
//! the island closes the stream and opens it again after a growing pause (1 s, 2 s, 4 s… up to
//! 30 s, gloo-timers); every opening resynchronises. A countdown shows the time left; at zero,
//! and when staff close the poll early, the island reopens the stream to get the final state.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::features::polls::types::{PollLive, PollPhase};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LivePollText {
    /// `{n}` is replaced.
    pub votes: String,
    pub one_vote: String,
    /// Why the counts are not shown (when they are not).
    pub hidden: String,
    /// `{t}` is replaced by the time left.
    pub closes_in: String,
    pub closed: String,
    pub yours: String,
    pub days: String,
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

fn now_ms() -> i64 {
    #[cfg(feature = "hydrate")]
    {
        js_sys::Date::now() as i64
    }
    #[cfg(not(feature = "hydrate"))]
    {
        chrono::Utc::now().timestamp_millis()
    }
}

#[island]
pub fn LivePoll(
    poll_id: i32,
    options: Vec<(i32, String)>,
    initial: PollLive,
    mine: Vec<i32>,
    closes_at_ms: i64,
    text: LivePollText,
) -> impl IntoView {
    let (voters, set_voters) = signal(initial.voters);
    let (counts, set_counts) = signal(initial.counts);
    let (phase, set_phase) = signal(initial.phase);
    let (left, set_left) = signal(closes_at_ms - now_ms());
    let (connected, set_connected) = signal(false);
    let _ = (
        set_voters,
        set_counts,
        set_phase,
        set_left,
        set_connected,
        poll_id,
    );

    #[cfg(feature = "hydrate")]
    {
        use gloo_timers::callback::{Interval, Timeout};
        use wasm_bindgen::{closure::Closure, JsCast};
        use web_sys::{Event, EventSource, MessageEvent};

        type Listener = Closure<dyn FnMut(Event)>;
        // The open stream with its listeners, the pending reconnection, failures in a row.
        let live: StoredValue<Option<(EventSource, Vec<Listener>)>, LocalStorage> =
            StoredValue::new_local(None);
        let retry: StoredValue<Option<Timeout>, LocalStorage> = StoredValue::new_local(None);
        let failures = StoredValue::new(0u32);
        let close = move || {
            if let Some((source, _)) = live.try_update_value(Option::take).flatten() {
                source.close();
            }
            set_connected.set(false);
        };
        fn open(
            poll_id: i32,
            live: StoredValue<Option<(EventSource, Vec<Listener>)>, LocalStorage>,
            retry: StoredValue<Option<Timeout>, LocalStorage>,
            failures: StoredValue<u32>,
            set: (
                WriteSignal<i32>,
                WriteSignal<Option<crate::features::polls::types::Counts>>,
                WriteSignal<PollPhase>,
                WriteSignal<bool>,
            ),
        ) {
            let (set_voters, set_counts, set_phase, set_connected) = set;
            let Ok(source) = EventSource::new(&format!("/live?topic=poll:{poll_id}")) else {
                return;
            };
            let again = move |delay: u32| {
                if let Some((source, _)) = live.try_update_value(Option::take).flatten() {
                    source.close();
                }
                set_connected.set(false);
                retry.set_value(Some(Timeout::new(delay, move || {
                    open(poll_id, live, retry, failures, set)
                })));
            };
            let on_data = Listener::new(move |event: Event| {
                let data = event
                    .dyn_ref::<MessageEvent>()
                    .and_then(|m| m.data().as_string());
                if let Some((n, counts)) = data.as_deref().and_then(PollLive::parse_wire) {
                    set_voters.set(n);
                    if counts.is_some() {
                        set_counts.set(counts);
                    }
                }
            });
            let on_ended = Listener::new(move |_: Event| set_phase.set(PollPhase::Closed));
            let on_again = Listener::new(move |_: Event| again(0));
            let on_open = Listener::new(move |_: Event| {
                failures.set_value(0);
                set_connected.set(true);
            });
            let on_error = Listener::new(move |_: Event| {
                let n = failures.get_value();
                failures.set_value(n.saturating_add(1));
                again((1000u32 << n.min(5)).min(30_000));
            });
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
            live.set_value(Some((
                source,
                vec![on_data, on_ended, on_again, on_open, on_error],
            )));
        }
        let set = (set_voters, set_counts, set_phase, set_connected);
        Effect::new(move |_| {
            open(poll_id, live, retry, failures, set);
            let ticking = Interval::new(1000, move || {
                let remaining = closes_at_ms - now_ms();
                set_left.set(remaining);
                if remaining <= 0 && phase.get_untracked() == PollPhase::Open {
                    // Closed now: reopen the stream for the final state.
                    set_phase.set(PollPhase::Closed);
                    close();
                    open(poll_id, live, retry, failures, set);
                }
            });
            let ticking = StoredValue::new_local(Some(ticking));
            on_cleanup(move || {
                ticking.update_value(|t| drop(t.take()));
                retry.update_value(|t| drop(t.take()));
                close();
            });
        });
    }

    let LivePollText {
        votes,
        one_vote,
        hidden,
        closes_in,
        closed,
        yours,
        days,
    } = text;
    let rows = options
        .into_iter()
        .map(|(id, label)| {
            let n = move || {
                counts.with(|c| {
                    c.as_ref()
                        .and_then(|c| c.iter().find(|(o, _)| *o == id))
                        .map_or(0, |(_, n)| *n)
                })
            };
            let pct = move || {
                let total: i32 = counts.with(|c| c.iter().flatten().map(|(_, n)| *n).sum());
                if total > 0 {
                    n() * 100 / total
                } else {
                    0
                }
            };
            let mark = mine
                .contains(&id)
                .then(|| view! { " " <span class="badge">{yours.clone()}</span> });
            view! {
                <li data-option=id>
                    <span class="poll-label">{label} {mark}</span>
                    <span class="poll-count">
                        <span class="poll-n">{n}</span>
                        " · "
                        {pct}
                        "%"
                    </span>
                    <span class="poll-bar" aria-hidden="true">
                        <span style:width=move || format!("{}%", pct())></span>
                    </span>
                </li>
            }
        })
        .collect_view();
    let total = move || {
        let n = voters.get();
        if n == 1 {
            one_vote.clone()
        } else {
            votes.replace("{n}", &n.to_string())
        }
    };
    let clock = move || {
        if phase.get() == PollPhase::Closed || left.get() <= 0 {
            closed.clone()
        } else {
            closes_in.replace("{t}", &countdown(left.get(), &days))
        }
    };
    view! {
        <div class="poll-results" data-live=move || if connected.get() { "open" } else { "closed" }>
            <p class="poll-hidden" hidden=move || counts.with(Option::is_some)>
                {hidden}
            </p>
            <ul class="poll-bars" hidden=move || counts.with(Option::is_none)>
                {rows}
            </ul>
            <p class="poll-total" role="status" aria-live="polite" aria-atomic="true">
                {total}
            </p>
            <p class="poll-clock">{clock}</p>
        </div>
    }
}
