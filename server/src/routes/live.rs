//! Server-sent events: the one live endpoint, `GET /live?topic=thread:12,poll:3`, that every
//! page shares (new posts, poll results; notification counts later). Each topic is checked when
//! the stream opens, like the page: a topic the person may not see makes the whole request a
//! 404. `/live/forum/<thread>` is the same stream for one thread.
//!
//! A poll topic starts with the poll's current state (`results` or `voters`, and `ended` when it
//! is closed), so a page that (re)connects is up to date at once.
//!
//! Events carry ids, and poll counts only to subscribers who may see them: for the others a
//! vote arrives as `voters` (how many voted), never as counts. Whether counts may travel is
//! decided when the stream opens; the page's island reopens it after voting and at closing.
//! Each open stream holds one broadcast receiver and a few typed topics, and ends when the
//! server shuts down.
//!
//! A stream is not allowed for ever because it was allowed once: every minute, and at once when
//! the bus says its person's access changed (signed out, sessions ended, disabled, left a group,
//! new role, new phase), it checks again that its session is still valid and every topic still
//! visible, and ends if not. A session holds at most [`PER_SESSION`] streams on an instance, a
//! visitor's address [`PER_ADDRESS`].
use std::{collections::HashSet, convert::Infallible, time::Duration};

use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    response::{
        sse::{Event, KeepAlive, Sse},
        IntoResponse, Response,
    },
    Extension,
};
use tokio::sync::broadcast::error::RecvError;

use app::{
    error::AppError,
    features::accounts::service::viewer_for_token,
    features::{
        forum::service::reading,
        polls::{
            service as polls,
            types::{PollLive, PollPhase},
        },
    },
    server::{
        access::Audience,
        events::{Change, LiveEvent, StreamSlot, Topic},
        request::ClientIp,
        session::CurrentSession,
        tokens::token_hash,
        AppState,
    },
};

/// How often an idle stream sends a comment, so proxies keep it open.
const KEEP_ALIVE: Duration = Duration::from_secs(20);
/// Topics one stream may follow.
const MAX_TOPICS: usize = 10;
/// Open streams per session (several tabs), and per visitor's address, on one instance.
pub const PER_SESSION: usize = 8;
pub const PER_ADDRESS: usize = 32;
/// How often an open stream checks again that it is still allowed.
const RECHECK: Duration = Duration::from_secs(60);

/// A topic this stream follows, checked for this person. `counts`: whether they may see a
/// poll's counts (always false for a thread).
struct Subscription {
    topic: Topic,
    counts: bool,
}

impl Subscription {
    /// The event this subscriber receives for a change on its topic.
    fn event(&self, change: Change) -> Event {
        match change {
            Change::Post { post_id } => Event::default().event("post").data(post_id.to_string()),
            // Results carry the poll's revision as the event id (the page keeps the newest).
            Change::PollResults {
                revision,
                voters,
                counts,
            } if self.counts => Event::default()
                .id(revision.to_string())
                .event("results")
                .data(PollLive::to_wire(voters, &counts)),
            Change::PollResults {
                revision, voters, ..
            } => Event::default()
                .id(revision.to_string())
                .event("voters")
                .data(voters.to_string()),
            Change::PollClosed { revision } => {
                Event::default().event("closed").data(revision.to_string())
            }
        }
    }
}

#[derive(serde::Deserialize)]
pub struct Topics {
    #[serde(default)]
    topic: String,
}

pub async fn stream(
    State(state): State<AppState>,
    Query(query): Query<Topics>,
    session: Option<Extension<CurrentSession>>,
    client: Option<Extension<ClientIp>>,
) -> Response {
    let names: Vec<&str> = query
        .topic
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();
    if names.is_empty() || names.len() > MAX_TOPICS {
        return StatusCode::BAD_REQUEST.into_response();
    }
    let session = session.map(|Extension(s)| s);
    let slot = match &session {
        Some(current) => state.events.open_stream(
            format!("session:{}", token_hash(&current.token)),
            PER_SESSION,
        ),
        None => {
            let address = client.map_or_else(|| "unknown".into(), |Extension(ip)| ip.0.to_string());
            state
                .events
                .open_stream(format!("ip:{address}"), PER_ADDRESS)
        }
    };
    let Some(slot) = slot else {
        return StatusCode::TOO_MANY_REQUESTS.into_response();
    };
    // Subscribed before the topics' state is read: a change made in between arrives after the
    // first events instead of being lost.
    let receiver = state.events.subscribe();
    let viewer = session.as_ref().map(|s| s.viewer.clone());
    let audience = match Audience::load(&state.db, viewer.as_ref()).await {
        Ok(audience) => audience,
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let mut topics = Vec::with_capacity(names.len());
    let mut first = Vec::new();
    let mut seen: HashSet<Topic> = HashSet::new();
    for name in names {
        let Ok(topic) = name.parse::<Topic>() else {
            return StatusCode::NOT_FOUND.into_response();
        };
        if !seen.insert(topic) {
            continue;
        }
        let checked = match topic {
            Topic::Thread(id) => reading::check_visible(&state.db, &audience, id)
                .await
                .map(|()| Subscription {
                    topic,
                    counts: false,
                }),
            Topic::Poll(id) => polls::live(&state.db, &audience, id).await.map(|now| {
                // The stream opens with the poll's state as this person may see it.
                let opening = Event::default().id(now.revision.to_string());
                first.push(match &now.counts {
                    Some(counts) => opening
                        .event("results")
                        .data(PollLive::to_wire(now.voters, counts)),
                    None => opening.event("voters").data(now.voters.to_string()),
                });
                if now.phase == PollPhase::Closed {
                    first.push(Event::default().event("ended").data(id.to_string()));
                }
                Subscription {
                    topic,
                    counts: now.counts.is_some(),
                }
            }),
        };
        match checked {
            Ok(topic) => topics.push(topic),
            Err(AppError::NotFound) => return StatusCode::NOT_FOUND.into_response(),
            Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    }
    let holder = session.map(|s| (s.token, s.viewer.user_id));
    respond(
        Live {
            state,
            receiver,
            topics,
            holder,
            _slot: slot,
        },
        first,
    )
}

/// `/live/forum/<thread>`: the stream of one thread.
pub async fn forum_thread(
    State(state): State<AppState>,
    Path(thread_id): Path<i32>,
    session: Option<Extension<CurrentSession>>,
    client: Option<Extension<ClientIp>>,
) -> Response {
    let topic = Topics {
        topic: Topic::Thread(thread_id).to_string(),
    };
    stream(State(state), Query(topic), session, client).await
}

/// An open stream: what it follows and for whom.
struct Live {
    state: AppState,
    receiver: tokio::sync::broadcast::Receiver<LiveEvent>,
    topics: Vec<Subscription>,
    /// The session's token and its person (None for a visitor).
    holder: Option<(String, i32)>,
    /// Counted against the holder's cap until the stream ends.
    _slot: StreamSlot,
}

impl Live {
    /// Whether the stream may go on: its session is still valid for the same person and every
    /// topic still visible to them, counts included. A database error does not end it (the next
    /// check will tell).
    async fn still_allowed(&self) -> bool {
        let state = &self.state;
        let viewer = match &self.holder {
            Some((token, user_id)) => {
                match viewer_for_token(&state.db, &state.sessions, token).await {
                    Ok(Some(viewer)) if viewer.user_id == *user_id => Some(viewer),
                    Ok(_) => return false,
                    Err(_) => return true,
                }
            }
            None => None,
        };
        let Ok(audience) = Audience::load(&state.db, viewer.as_ref()).await else {
            return true;
        };
        for subscription in &self.topics {
            let checked = match subscription.topic {
                Topic::Thread(id) => reading::check_visible(&state.db, &audience, id).await,
                Topic::Poll(id) => polls::live(&state.db, &audience, id).await.and_then(|now| {
                    match now.counts.is_some() == subscription.counts {
                        true => Ok(()),
                        // Counts became visible or hidden: the page reopens with the new view.
                        false => Err(AppError::NotFound),
                    }
                }),
            };
            if matches!(checked, Err(AppError::NotFound)) {
                return false;
            }
        }
        true
    }

    fn concerns(&self, user_id: Option<i32>) -> bool {
        match user_id {
            None => true,
            Some(id) => self
                .holder
                .as_ref()
                .is_some_and(|(_, holder)| *holder == id),
        }
    }
}

fn respond(live: Live, first: Vec<Event>) -> Response {
    let closed = Box::pin(live.state.events.closed());
    let mut recheck = tokio::time::interval_at(tokio::time::Instant::now() + RECHECK, RECHECK);
    recheck.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let stream = futures_util::stream::unfold(
        (live, closed, recheck),
        |(mut live, mut closed, mut recheck)| async move {
            loop {
                let next = tokio::select! {
                    _ = &mut closed => return None,
                    _ = recheck.tick() => {
                        if !live.still_allowed().await {
                            return None;
                        }
                        continue;
                    }
                    next = live.receiver.recv() => next,
                };
                let event = match next {
                    // Events may have been missed (another instance's, while the bus was
                    // reconnecting to PostgreSQL): every stream resynchronises.
                    Ok(LiveEvent::Resync) => Event::default().event("resync").data("0"),
                    Ok(LiveEvent::Access { user_id }) => {
                        if live.concerns(user_id) && !live.still_allowed().await {
                            return None;
                        }
                        continue;
                    }
                    Ok(LiveEvent::On(topic, change)) => {
                        match live.topics.iter().find(|s| s.topic == topic) {
                            Some(subscription) => subscription.event(change),
                            None => continue,
                        }
                    }
                    // Fell behind: tell the page to resynchronise (it fetches what is new).
                    Err(RecvError::Lagged(_)) => Event::default().event("resync").data("0"),
                    Err(RecvError::Closed) => return None,
                };
                return Some((Ok::<_, Infallible>(event), (live, closed, recheck)));
            }
        },
    );
    let first = futures_util::stream::iter(first.into_iter().map(Ok::<_, Infallible>));
    let mut response = Sse::new(futures_util::StreamExt::chain(first, stream))
        .keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
        .into_response();
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    response
}
