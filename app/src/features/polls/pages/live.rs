//! A poll's results, live (an island). The page renders them on the server; once the
//! WebAssembly runs, the island listens to the shared event stream (`/live?topic=poll:<id>`)
//! and updates the bars within a second of any vote, on any instance. The server decides per
//! subscriber whether the counts travel: those who may not see them get the number of voters
//! only. On an error the island closes the stream and opens it again after a growing pause
//! (1 s, 2 s, 4 s… up to 30 s); on every opening it resynchronises through the checked server
//! function. A countdown shows the time left; at zero it resynchronises once more.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::features::polls::types::{Counts, PollLive, PollPhase};

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
    if d > 0 {
        format!("{d} {days_label} {h:02}:{m:02}:{s:02}")
    } else {
        format!("{h:02}:{m:02}:{s:02}")
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
    let (counts, set_counts) = signal(initial.counts.clone());
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

        let resync = move || {
            leptos::task::spawn_local(async move {
                if let Ok(live) = crate::features::polls::api::fetch_poll_live(poll_id).await {
                    set_voters.set(live.voters);
                    set_counts.set(live.counts);
                    set_phase.set(live.phase);
                }
            });
        };
        type Listener = Closure<dyn FnMut(Event)>;
        struct Live {
            source: EventSource,
            _listeners: Vec<Listener>,
        }
        let live: StoredValue<Option<Live>, LocalStorage> = StoredValue::new_local(None);
        let retry: StoredValue<Option<Timeout>, LocalStorage> = StoredValue::new_local(None);
        let failures = StoredValue::new(0u32);
        // `connect` refers to itself (to reconnect): keep it in a stored value.
        let connect: StoredValue<Option<std::rc::Rc<dyn Fn()>>, LocalStorage> =
            StoredValue::new_local(None);
        let reconnect = move |delay_ms: u32| {
            if let Some(old) = live.try_update_value(Option::take).flatten() {
                old.source.close();
            }
            set_connected.set(false);
            let timer = Timeout::new(delay_ms, move || {
                if let Some(open) = connect.get_value() {
                    open();
                }
            });
            retry.set_value(Some(timer));
        };
        let open = move || {
            let Ok(source) = EventSource::new(&format!("/live?topic=poll:{poll_id}")) else {
                return;
            };
            let on_results = Listener::new(move |event: Event| {
                let Some(data) = event
                    .dyn_ref::<MessageEvent>()
                    .and_then(|m| m.data().as_string())
                else {
                    return;
                };
                if let Some((n, counts)) = PollLive::parse_wire(&data) {
                    set_voters.set(n);
                    if counts.is_some() {
                        set_counts.set(counts);
                    }
                }
            });
            let on_closed = Listener::new(move |_: Event| reconnect(0));
            let on_resync = Listener::new(move |_: Event| resync());
            let on_open = Listener::new(move |_: Event| {
                failures.set_value(0);
                set_connected.set(true);
                resync();
            });
            let on_error = Listener::new(move |_: Event| {
                let n = failures.get_value();
                failures.set_value(n.saturating_add(1));
                reconnect(1000u32.saturating_mul(1 << n.min(5)).min(30_000));
            });
            for (name, listener) in [
                ("results", &on_results),
                ("voters", &on_results),
                ("closed", &on_closed),
                ("resync", &on_resync),
                ("open", &on_open),
                ("error", &on_error),
            ] {
                let _ = source
                    .add_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
            }
            live.set_value(Some(Live {
                source,
                _listeners: vec![on_results, on_closed, on_resync, on_open, on_error],
            }));
        };
        connect.set_value(Some(std::rc::Rc::new(open)));
        Effect::new(move |_| {
            open();
            let ticking = Interval::new(1000, move || {
                let remaining = closes_at_ms - now_ms();
                set_left.set(remaining);
                if remaining <= 0 && phase.get_untracked() == PollPhase::Open {
                    set_phase.set(PollPhase::Closed);
                    resync();
                }
            });
            let ticking = StoredValue::new_local(Some(ticking));
            on_cleanup(move || {
                ticking.update_value(|t| drop(t.take()));
                retry.update_value(|t| drop(t.take()));
                if let Some(old) = live.try_update_value(Option::take).flatten() {
                    old.source.close();
                }
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
    let bars = move || {
        let total: i32 = counts
            .get()
            .map(|c: Counts| c.iter().map(|(_, n)| *n).sum())
            .unwrap_or(0);
        match counts.get() {
            None => view! { <p class="poll-hidden">{hidden.clone()}</p> }.into_any(),
            Some(list) => {
                let rows = options
                    .iter()
                    .map(|(id, label)| {
                        let n = list.iter().find(|(o, _)| o == id).map_or(0, |(_, n)| *n);
                        let pct = if total > 0 { n * 100 / total } else { 0 };
                        let mark = mine.contains(id).then(|| {
                            view! { " " <span class="badge">{yours.clone()}</span> }
                        });
                        view! {
                            <li data-option=*id>
                                <span class="poll-label">{label.clone()} {mark}</span>
                                <span class="poll-count">
                                    <span class="poll-n">{n}</span>
                                    " · "
                                    {pct}
                                    "%"
                                </span>
                                <span class="poll-bar" aria-hidden="true">
                                    <span style=format!("width:{pct}%")></span>
                                </span>
                            </li>
                        }
                    })
                    .collect_view();
                view! { <ul class="poll-bars">{rows}</ul> }.into_any()
            }
        }
    };
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
            {bars}
            <p class="poll-total" role="status" aria-live="polite" aria-atomic="true">
                {total}
            </p>
            <p class="poll-clock">{clock}</p>
        </div>
    }
}
