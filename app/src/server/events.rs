//! Live events: the one bus that server-sent-event streams listen to (new posts today; poll
//! results and notification counts later). Inside a process a broadcast channel fans events out;
//! on PostgreSQL every event also goes through `NOTIFY`, and every instance `LISTEN`s, so an
//! event published on one instance reaches the streams of all of them.
//!
//! An event says only *that* something changed (thread 12 got post 345); streams check who
//! may see the topic when they open, and clients fetch the content through the usual checked
//! server functions, so no content travels on the bus.
use std::{
    collections::HashMap,
    fmt,
    str::FromStr,
    sync::{Arc, Mutex},
};

use sea_orm::{ConnectionTrait, DbBackend, Statement};
use serde::{Deserialize, Serialize};
use tokio::sync::{broadcast, watch};

use super::Db;

/// The PostgreSQL channel the instances share.
pub const CHANNEL: &str = "pratica_live";
/// Events a slow subscriber may fall behind before it skips ahead (it then resynchronises).
const CAPACITY: usize = 1024;

/// What a page follows: a thread's new posts, a poll's results. Written `thread:12` and
/// `poll:3` in the address of a stream (`/live?topic=…`), parsed in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Topic {
    Thread(i32),
    Poll(i32),
}

impl fmt::Display for Topic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Topic::Thread(id) => write!(f, "thread:{id}"),
            Topic::Poll(id) => write!(f, "poll:{id}"),
        }
    }
}

impl FromStr for Topic {
    type Err = ();

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (kind, id) = text.split_once(':').ok_or(())?;
        let id = id.parse::<i32>().map_err(|_| ())?;
        match kind {
            "thread" => Ok(Topic::Thread(id)),
            "poll" => Ok(Topic::Poll(id)),
            _ => Err(()),
        }
    }
}

/// What happened on a topic. Only ids and counts travel; content is fetched through the
/// checked server functions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    /// A new post in the thread.
    Post { post_id: i32 },
    /// A vote changed the poll's counts. Streams pass the counts on only to those who may see
    /// them; the others learn how many voted.
    PollResults {
        revision: i64,
        voters: i32,
        counts: Vec<(i32, i32)>,
    },
    /// The poll closed.
    PollClosed { revision: i64 },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LiveEvent {
    /// Something changed on one topic.
    On(Topic, Change),
    /// Events may have been missed (the bus reconnected): every stream resynchronises.
    Resync,
    /// What someone may see may have changed (they signed out, their sessions ended, they were
    /// disabled, left a group, got another role): their open streams check again whether they
    /// may go on. `None`: everyone's (the community's phase changed).
    Access { user_id: Option<i32> },
}

impl LiveEvent {
    pub fn resync() -> Self {
        LiveEvent::Resync
    }
}

#[derive(Serialize, Deserialize)]
struct Wire {
    /// The instance that published it (it already delivered the event locally).
    from: String,
    event: LiveEvent,
}

#[derive(Clone)]
pub struct EventBus {
    sender: broadcast::Sender<LiveEvent>,
    instance: Arc<str>,
    /// Set when the server shuts down: open streams end, so shutdown does not wait for them.
    closing: watch::Sender<bool>,
    /// On PostgreSQL: set while this instance listens for the others' events.
    listening: watch::Sender<bool>,
    /// Open streams on this instance per holder (a session, or a visitor's address).
    open: Arc<Mutex<HashMap<String, usize>>>,
}

/// One open stream counted against its holder's cap; dropping it (the stream ended) frees it.
pub struct StreamSlot {
    open: Arc<Mutex<HashMap<String, usize>>>,
    holder: String,
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(count) = open.get_mut(&self.holder) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.holder);
            }
        }
    }
}

impl Default for EventBus {
    fn default() -> Self {
        Self::new()
    }
}

impl EventBus {
    pub fn new() -> Self {
        let (sender, _) = broadcast::channel(CAPACITY);
        let instance = super::security::PageNonce::generate().0;
        let (closing, _) = watch::channel(false);
        let (listening, _) = watch::channel(false);
        EventBus {
            sender,
            instance,
            closing,
            listening,
            open: Arc::default(),
        }
    }

    /// Counts a new stream for `holder`, unless it already has `cap` open on this instance.
    pub fn open_stream(&self, holder: String, cap: usize) -> Option<StreamSlot> {
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        let count = open.entry(holder.clone()).or_insert(0);
        if *count >= cap {
            return None;
        }
        *count += 1;
        Some(StreamSlot {
            open: self.open.clone(),
            holder,
        })
    }

    /// After a change to what a person may see (see [`LiveEvent::Access`]).
    pub async fn access_changed(&self, db: &Db, user_id: i32) {
        self.publish(
            db,
            LiveEvent::Access {
                user_id: Some(user_id),
            },
        )
        .await;
    }

    /// After a change to what everyone may see (the phase).
    pub async fn everyones_access_changed(&self, db: &Db) {
        self.publish(db, LiveEvent::Access { user_id: None }).await;
    }

    /// Ends every open stream (at shutdown).
    pub fn close(&self) {
        self.closing.send_replace(true);
    }

    /// Resolves when the bus is closed.
    pub fn closed(&self) -> impl std::future::Future<Output = ()> + Send + 'static {
        let mut closing = self.closing.subscribe();
        async move {
            let _ = closing.wait_for(|closed| *closed).await;
        }
    }

    /// Resolves once this instance listens for the other instances' events (PostgreSQL).
    pub fn listening(&self) -> impl std::future::Future<Output = ()> + Send + 'static {
        let mut listening = self.listening.subscribe();
        async move {
            let _ = listening.wait_for(|on| *on).await;
        }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<LiveEvent> {
        self.sender.subscribe()
    }

    /// How many streams listen on this instance.
    pub fn subscribers(&self) -> usize {
        self.sender.receiver_count()
    }

    /// Delivers the event to this instance's streams and, on PostgreSQL, to the other
    /// instances. Call it after the change is committed. A failure to notify is logged: the
    /// change itself is saved, and other instances' clients catch up when they resynchronise.
    pub async fn publish(&self, db: &Db, event: LiveEvent) {
        let _ = self.sender.send(event.clone());
        if db.backend() != DbBackend::Postgres {
            return;
        }
        let wire = Wire {
            from: self.instance.to_string(),
            event,
        };
        let Ok(payload) = serde_json::to_string(&wire) else {
            return;
        };
        let notify = Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_notify($1, $2)",
            [CHANNEL.into(), payload.into()],
        );
        if let Err(err) = db.write().execute_raw(notify).await {
            tracing::warn!(error = %err, "live event: NOTIFY failed");
        }
    }

    /// On PostgreSQL, listens for the other instances' events for as long as the process runs
    /// (reconnecting when the connection drops). Does nothing on SQLite.
    pub async fn listen(self, db: Db) {
        if db.backend() != DbBackend::Postgres {
            return;
        }
        use sea_orm::sqlx::postgres::PgListener;
        let mut reconnecting = false;
        loop {
            let pool = db.read().get_postgres_connection_pool();
            let mut listener = match PgListener::connect_with(pool).await {
                Ok(listener) => listener,
                Err(err) => {
                    tracing::warn!(error = %err, "live events: cannot LISTEN, retrying");
                    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
                    continue;
                }
            };
            if let Err(err) = listener.listen(CHANNEL).await {
                tracing::warn!(error = %err, "live events: LISTEN failed, retrying");
                tokio::time::sleep(std::time::Duration::from_secs(2)).await;
                continue;
            }
            if reconnecting {
                // Other instances' events sent while not listening are lost: the pages catch up.
                tracing::info!("live events: listening again");
                let _ = self.sender.send(LiveEvent::resync());
            }
            reconnecting = true;
            self.listening.send_replace(true);
            loop {
                match listener.recv().await {
                    Ok(notification) => self.deliver(notification.payload()),
                    Err(err) => {
                        tracing::warn!(error = %err, "live events: connection lost");
                        self.listening.send_replace(false);
                        break;
                    }
                }
            }
        }
    }

    fn deliver(&self, payload: &str) {
        match serde_json::from_str::<Wire>(payload) {
            Ok(wire) if *wire.from != *self.instance => {
                let _ = self.sender.send(wire.event);
            }
            Ok(_) => {}
            Err(err) => tracing::warn!(error = %err, "live events: unreadable payload"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_capped_per_holder_and_freed_when_they_end() {
        let bus = EventBus::new();
        let first = bus.open_stream("session:a".into(), 2).unwrap();
        let _second = bus.open_stream("session:a".into(), 2).unwrap();
        assert!(bus.open_stream("session:a".into(), 2).is_none());
        assert!(bus.open_stream("session:b".into(), 2).is_some());
        drop(first);
        assert!(bus.open_stream("session:a".into(), 2).is_some());
    }

    #[test]
    fn topics_are_written_and_read_the_same_way() {
        for topic in [Topic::Thread(12), Topic::Poll(3)] {
            assert_eq!(topic.to_string().parse::<Topic>(), Ok(topic));
        }
        for bad in ["", "thread", "thread:x", "wiki:3", "poll:"] {
            assert!(bad.parse::<Topic>().is_err(), "{bad:?}");
        }
    }
}
