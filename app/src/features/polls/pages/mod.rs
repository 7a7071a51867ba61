//! Poll pages: `/sondaggi` (open and closed polls), `/sondaggi/<id>`, `/sondaggi/nuovo`
//! (with `gruppo=<slug>` or `discussione=<id>`), and the `PollCard` that the home page, group
//! pages and threads show. Voting is a plain form; the results are the `LivePoll` island.
mod live;
mod new;
mod placed;

pub use live::{LivePoll, LivePollArea, LivePollText};
pub use new::NewPollPage;
pub use placed::{load_placed_polls, PlacedPollList, PlacedPolls};

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use super::{
    api::{fetch_poll, fetch_poll_list, ClosePoll, FeaturePoll, VotePoll},
    types::{PollPhase, PollView, ResultsShown, VoteRight},
};
use crate::{
    i18n::{polls::PollsMessages, use_messages, Template},
    ui::{failed, form_error, id_param, loaded, query_param, typed, FormError},
};

/// When the poll opens, closes or closed, and whether it is anonymous or named.
fn status_texts(poll: &PollView, p: &PollsMessages) -> (String, &'static str) {
    let when = match poll.live.phase {
        PollPhase::NotYetOpen => (p.opens_on)(&poll.opens),
        PollPhase::Open => (p.closes_on)(&poll.closes),
        PollPhase::Closed => (p.closed_on)(&poll.closes),
    };
    let kind = if poll.anonymous {
        p.anonymous_badge
    } else {
        p.named_badge
    };
    (when, kind)
}

/// The texts the results and the live island share.
fn texts(p: &PollsMessages) -> LivePollText {
    LivePollText {
        votes: p.votes.into(),
        one_vote: p.one_vote.into(),
        closes_in: Template::new(|[left]| (p.closes_in)(left)),
        closed: p.closed_now.into(),
        days: p.days.into(),
    }
}

/// One poll: question, vote form (when the person may vote), live results, and for those who
/// manage it, close and feature. `heading` is the level of the question's heading (2 or 3).
#[component]
pub fn PollCard(poll: PollView, heading: u8) -> impl IntoView {
    let t = use_messages();
    let p = t.polls;
    let id = poll.id;
    let anchor = format!("sondaggio-{id}");
    let title_id = format!("sondaggio-{id}-domanda");
    let question = view! { <a href=format!("/sondaggi/{id}")>{poll.question.clone()}</a> };
    let title = match heading {
        1 => view! { <h1 id=title_id.clone()>{question}</h1> }.into_any(),
        2 => view! { <h2 id=title_id.clone()>{question}</h2> }.into_any(),
        _ => view! { <h3 id=title_id.clone()>{question}</h3> }.into_any(),
    };
    let (when, kind) = status_texts(&poll, p);
    let per_organisation = poll.per_organisation.then(|| {
        view! { " " <span class="badge">{p.per_organisation_badge}</span> }
    });
    let place = match (&poll.thread, &poll.group) {
        (Some((thread, title)), _) => Some(view! {
            <p class="meta">{p.in_thread} " " <a href=format!("/forum/t/{thread}")>{title.clone()}</a></p>
        }),
        (None, Some((slug, name))) => Some(view! {
            <p class="meta">{p.in_group} " " <a href=format!("/gruppi/{slug}")>{name.clone()}</a></p>
        }),
        _ => None,
    };
    // An error from this card's form comes back with the poll it was for.
    let error = (typed(<VotePoll as ServerFn>::PATH, "sondaggio") == Some(id.to_string()))
        .then(form_error)
        .flatten();
    let voted_now = query_param("votato") == "1" && poll.voted;
    let hidden = match poll.results_shown {
        ResultsShown::Always => "",
        ResultsShown::AfterVoting => p.hidden_until_vote,
        ResultsShown::AfterClosing => p.hidden_until_close,
        ResultsShown::StaffOnly => p.hidden_staff,
    };
    let text = texts(p);
    let results = results_view(&poll, hidden, &text);
    let form = vote_form(&poll);
    let names = (!poll.anonymous && poll.live.counts.is_some())
        .then(|| {
            let rows: Vec<_> = poll
                .options
                .iter()
                .filter(|o| !o.names.is_empty())
                .map(|o| {
                    view! {
                        <li>
                            <strong>{o.label.clone()}</strong>
                            ": "
                            {o.names.join(", ")}
                        </li>
                    }
                })
                .collect();
            (!rows.is_empty()).then(|| {
                view! {
                    <details class="poll-names">
                        <summary>{p.who_voted}</summary>
                        <ul>{rows}</ul>
                    </details>
                }
            })
        })
        .flatten();
    let manage = (poll.may_manage).then(|| {
        let close = (poll.live.phase != PollPhase::Closed).then(|| {
            view! {
                <form method="post" action={<ClosePoll as ServerFn>::PATH} class="button-form">
                    <input type="hidden" name="poll_id" value=id.to_string()/>
                    <button type="submit" class="button secondary">{p.close}</button>
                </form>
            }
        });
        let feature = poll.may_feature.then(|| {
            view! {
                <form method="post" action={<FeaturePoll as ServerFn>::PATH} class="button-form">
                    <input type="hidden" name="poll_id" value=id.to_string()/>
                    <input type="hidden" name="featured" value=(!poll.featured).to_string()/>
                    <button type="submit" class="button secondary">
                        {if poll.featured { p.unfeature } else { p.feature }}
                    </button>
                </form>
            }
        });
        let export = poll.live.counts.is_some().then(|| {
            view! {
                <a
                    class="button secondary"
                    href=format!("/sondaggi/{id}/risultati.csv")
                    download=format!("sondaggio-{id}.csv")
                >
                    {p.export_csv}
                </a>
            }
        });
        view! {
            <div class="poll-manage">
                {close}
                {feature}
                {export}
            </div>
        }
    });
    view! {
        <section class="poll card" id=anchor aria-labelledby=title_id>
            {title}
            <p class="meta">
                <span class="badge">{kind}</span>
                {per_organisation}
                " "
                {when}
            </p>
            {place}
            <FormError error=error/>
            {voted_now.then(|| view! { <p class="notice" role="status">{p.voted_notice}</p> })}
            {form}
            {results}
            {(poll.live.phase == PollPhase::Open)
                .then(|| {
                    view! {
                        <LivePollArea poll_id=id closes_at_ms=poll.closes_at_ms text=text.clone()/>
                    }
                })}
            {names}
            {manage}
        </section>
    }
}

/// The results as served: bars and numbers (hidden when the counts are), the total, the time
/// left. Every part the live island updates has an id.
fn results_view(poll: &PollView, hidden: &'static str, text: &LivePollText) -> impl IntoView {
    let t = use_messages();
    let base = format!("sondaggio-{}", poll.id);
    let counts = poll.live.counts.clone();
    let shown = counts.is_some();
    let numbers = live::percentages(&counts.unwrap_or_default());
    let rows = poll
        .options
        .iter()
        .map(|o| {
            let (n, pct) = numbers
                .iter()
                .find(|(id, ..)| *id == o.id)
                .map_or((0, 0), |(_, n, pct)| (*n, *pct));
            let row = format!("{base}-r{}", o.id);
            let mark = poll
                .mine
                .contains(&o.id)
                .then(|| view! { " " <span class="badge">{t.polls.yours}</span> });
            view! {
                <li id=row.clone() data-option=o.id>
                    <span class="poll-label">{o.label.clone()} {mark}</span>
                    <span class="poll-count">
                        <span class="poll-n" id=format!("{row}-n")>{n}</span>
                        " · "
                        <span id=format!("{row}-pct")>{pct}</span>
                        "%"
                    </span>
                    <progress
                        class="poll-bar"
                        id=format!("{row}-barra")
                        max="100"
                        value=pct
                        aria-hidden="true"
                    ></progress>
                </li>
            }
        })
        .collect_view();
    let left = poll.closes_at_ms - chrono::Utc::now().timestamp_millis();
    // Before opening the card says when it opens; the countdown is to closing.
    let clock = match poll.live.phase {
        PollPhase::NotYetOpen => String::new(),
        phase => text.clock(left, phase == PollPhase::Closed),
    };
    view! {
        <div class="poll-results">
            <p class="poll-hidden" id=format!("{base}-nascosti") hidden=shown>
                {hidden}
            </p>
            <ul class="poll-bars" id=format!("{base}-barre") hidden=!shown>
                {rows}
            </ul>
            <p
                class="poll-total"
                id=format!("{base}-totale")
                role="status"
                aria-live="polite"
                aria-atomic="true"
            >
                {text.total(poll.live.voters)}
            </p>
            <p class="poll-clock" id=format!("{base}-orologio")>{clock}</p>
        </div>
    }
}

fn vote_form(poll: &PollView) -> AnyView {
    let t = use_messages();
    let p = t.polls;
    let id = poll.id;
    match &poll.right {
        VoteRight::May { organisations } => {
            let kind = if poll.multiple { "checkbox" } else { "radio" };
            let legend = if poll.multiple {
                (p.choose_up_to)(poll.max_choices)
            } else {
                p.choose_one.to_string()
            };
            let inputs = poll
                .options
                .iter()
                .map(|o| {
                    let input_id = format!("sondaggio-{id}-opzione-{}", o.id);
                    view! {
                        <li>
                            <input
                                type=kind
                                id=input_id.clone()
                                name="choice[]"
                                value=o.id.to_string()
                                checked=poll.mine.contains(&o.id)
                            />
                            <label for=input_id>{o.label.clone()}</label>
                        </li>
                    }
                })
                .collect_view();
            let organisation = match organisations.as_slice() {
                [] => None,
                [(org, name)] => Some(
                    view! {
                        <input type="hidden" name="organisation" value=org.to_string()/>
                        <p class="meta">{(p.voting_for)(name)}</p>
                    }
                    .into_any(),
                ),
                many => {
                    let select_id = format!("sondaggio-{id}-organizzazione");
                    let choices = many
                        .iter()
                        .map(|(org, name)| view! { <option value=org.to_string()>{name.clone()}</option> })
                        .collect_view();
                    Some(
                        view! {
                            <p>
                                <label for=select_id.clone()>{p.vote_for}</label>
                                <select id=select_id name="organisation">{choices}</select>
                            </p>
                        }
                        .into_any(),
                    )
                }
            };
            let button = if poll.voted { p.change_vote } else { p.vote };
            view! {
                <form method="post" action={<VotePoll as ServerFn>::PATH} class="poll-vote">
                    <input type="hidden" name="poll_id" value=id.to_string()/>
                    <fieldset>
                        <legend>{legend}</legend>
                        <ul class="poll-options">{inputs}</ul>
                    </fieldset>
                    {organisation}
                    <p>
                        <button type="submit" class="button">{button}</button>
                    </p>
                </form>
            }
            .into_any()
        }
        VoteRight::SignIn => view! {
            <p class="notice">
                <a href=format!("/accedi?next=/sondaggi/{id}")>{p.sign_in_to_vote}</a>
            </p>
        }
        .into_any(),
        VoteRight::ReferentOnly => view! { <p class="notice">{p.referent_only}</p> }.into_any(),
        VoteRight::AlreadyVoted => view! { <p class="notice">{p.already_voted}</p> }.into_any(),
        VoteRight::NotOpen => ().into_any(),
    }
}

/// `/sondaggi`: open polls, then closed ones.
#[component]
pub fn PollsPage() -> impl IntoView {
    let t = use_messages();
    let p = t.polls;
    let list = Resource::new_blocking(|| (), |_| fetch_poll_list());
    view! {
        <Title text=format!("{} · {}", p.title, t.site_name)/>
        <h1>{p.title}</h1>
        <p class="lead">{p.intro}</p>
        <Suspense>
            {move || Suspend::new(async move {
                match list.await {
                    Ok((open, closed, staff)) => {
                        let cards = |polls: Vec<PollView>| {
                            view! {
                                <ul class="card-list">
                                    {polls
                                        .into_iter()
                                        .map(|poll| view! { <PollRow poll=poll/> })
                                        .collect_view()}
                                </ul>
                            }
                        };
                        let open_empty = open.is_empty();
                        let closed_empty = closed.is_empty();
                        view! {
                            {staff
                                .then(|| {
                                    view! {
                                        <p>
                                            <a class="button" href="/sondaggi/nuovo">{p.new_poll}</a>
                                        </p>
                                    }
                                })}
                            <section aria-labelledby="sondaggi-aperti">
                                <h2 id="sondaggi-aperti">{p.open_heading}</h2>
                                {open_empty.then(|| view! { <p>{p.none_open}</p> })}
                                {cards(open)}
                            </section>
                            <section aria-labelledby="sondaggi-chiusi">
                                <h2 id="sondaggi-chiusi">{p.closed_heading}</h2>
                                {closed_empty.then(|| view! { <p>{p.none_closed}</p> })}
                                {cards(closed)}
                            </section>
                        }
                            .into_any()
                    }
                    Err(error) => failed(error),
                }
            })}
        </Suspense>
    }
}

/// A poll in the list: its question (a link to its page), how it stands, the number of voters.
/// The list holds no live streams: a browser opens only a few connections to one site.
#[component]
fn PollRow(poll: PollView) -> impl IntoView {
    let t = use_messages();
    let p = t.polls;
    let (when, kind) = status_texts(&poll, p);
    let voters = texts(p).total(poll.live.voters);
    let status = match (&poll.right, poll.voted) {
        (_, true) => Some(p.you_voted),
        (VoteRight::May { .. }, false) => Some(p.to_vote),
        _ => None,
    };
    view! {
        <li class="card">
            <h3 class="card-title">
                <a href=format!("/sondaggi/{}", poll.id)>{poll.question.clone()}</a>
            </h3>
            <p class="meta">
                {status.map(|s| view! { <span class="badge">{s}</span> " " })}
                <span class="badge muted">{kind}</span>
                {poll
                    .per_organisation
                    .then(|| view! { " " <span class="badge muted">{p.per_organisation_badge}</span> })}
                " · "
                {when}
                " · "
                {voters}
            </p>
        </li>
    }
}

/// `/sondaggi/<id>`.
#[component]
pub fn PollPage() -> impl IntoView {
    let t = use_messages();
    let id = id_param();
    let poll = Resource::new_blocking(move || id, fetch_poll);
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                loaded(poll.await, |poll| {
                        view! {
                            <Title text=format!("{} · {}", poll.question, t.site_name)/>
                            <p class="breadcrumb">
                                <a href="/sondaggi">{t.polls.title}</a>
                            </p>
                            <PollCard poll=poll heading=1/>
                        }
                            .into_any()
                    })
            })}
        </Suspense>
    }
}
