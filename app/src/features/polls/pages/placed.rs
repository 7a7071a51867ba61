//! The polls placed on a group's page or in a thread. The page loads them with its own data, in
//! the same resource (`load_placed_polls` after its own server function): a resource started
//! while another suspense resolves is a nested suspense, which left about one thread page in
//! 3,000 waiting for ever under load.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::PollCard;
use crate::{
    error::AppError,
    features::polls::{api::fetch_placed_polls, types::PollView},
    i18n::use_messages,
};

/// The polls of one group or one thread, as the page loaded them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacedPollList(Vec<PollView>);

/// The polls of a group (`group_id`) or of a thread (`thread_id`) the person may see.
pub async fn load_placed_polls(
    group_id: Option<i32>,
    thread_id: Option<i32>,
) -> Result<PlacedPollList, AppError> {
    fetch_placed_polls(group_id, thread_id)
        .await
        .map(PlacedPollList)
}

/// The polls under a heading; nothing when there are none. Only open polls hold a live stream.
#[component]
pub fn PlacedPolls(polls: PlacedPollList) -> impl IntoView {
    let t = use_messages();
    (!polls.0.is_empty()).then(|| {
        view! {
            <section class="placed-polls" aria-labelledby="sondaggi-qui">
                <h2 id="sondaggi-qui">{t.polls.title}</h2>
                {polls
                    .0
                    .into_iter()
                    .map(|poll| view! { <PollCard poll=poll heading=3/> })
                    .collect_view()}
            </section>
        }
    })
}
