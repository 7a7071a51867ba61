//! Server functions of polls: each builds the audience, calls the service and — for the plain
//! forms — goes back to the page. A vote publishes the new counts on the live bus.
// The creation form's server function takes one argument per field (it is a plain form post).
#![allow(clippy::too_many_arguments)]
#[cfg(feature = "ssr")]
use crate::error::Field;
use leptos::prelude::*;

use crate::{
    error::AppError,
    features::polls::types::{PollLive, PollPlace, PollView},
};

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use crate::{
        error::AppError,
        features::polls::{
            service::{self, Details},
            types::{PollOptionView, PollView},
        },
        i18n::{format_date_time, Locale},
        server::{
            access::Audience,
            entities::poll,
            events::{Change, LiveEvent, Topic},
            AppState, Db,
        },
    };

    pub use crate::server::request::{audience, back, back_with, referer_path};

    pub async fn view(
        db: &Db,
        audience: &Audience,
        found: poll::Model,
        locale: Locale,
    ) -> Result<PollView, AppError> {
        views_in(db, audience, vec![found], locale)
            .await?
            .pop()
            .ok_or(AppError::Internal)
    }

    pub async fn views(
        db: &Db,
        audience: &Audience,
        polls: Vec<poll::Model>,
    ) -> Result<Vec<PollView>, AppError> {
        views_in(db, audience, polls, crate::i18n::use_locale()).await
    }

    /// The polls as pages show them, in a fixed number of queries whatever their number.
    async fn views_in(
        db: &Db,
        audience: &Audience,
        polls: Vec<poll::Model>,
        locale: Locale,
    ) -> Result<Vec<PollView>, AppError> {
        let service::Places { groups, threads } = service::places(db, &polls).await?;
        let mut out = Vec::with_capacity(polls.len());
        for details in service::details_many(db, audience, polls).await? {
            let Details {
                poll,
                options,
                live,
                voted,
                mine,
                right,
                may_manage,
                mut names,
            } = details;
            out.push(PollView {
                id: poll.id,
                question: poll.question.clone(),
                multiple: poll.multiple,
                max_choices: poll.max_choices,
                results_shown: service::results_shown(&poll),
                anonymous: poll.anonymous,
                per_organisation: poll.per_organisation,
                featured: poll.featured,
                opens: format_date_time(poll.opens_at, locale),
                closes: format_date_time(poll.closes_at, locale),
                closes_at_ms: poll.closes_at.timestamp_millis(),
                options: options
                    .into_iter()
                    .map(|o| PollOptionView {
                        names: names.remove(&o.id).unwrap_or_default(),
                        id: o.id,
                        label: o.label,
                    })
                    .collect(),
                live,
                mine,
                voted,
                right,
                may_manage,
                may_feature: audience.is_team(),
                group: poll.group_id.and_then(|g| groups.get(&g).cloned()),
                thread: poll.thread_id.and_then(|t| threads.get(&t).cloned()),
            });
        }
        Ok(out)
    }

    /// Tells every open page showing the poll: new counts (`results`) or closed (`closed`).
    pub async fn announce(state: &AppState, event: LiveEvent) {
        state.events.publish(&state.db, event).await;
    }

    pub fn results_event(snapshot: &service::Snapshot) -> LiveEvent {
        LiveEvent::On(
            Topic::Poll(snapshot.poll_id),
            Change::PollResults {
                revision: snapshot.revision,
                voters: snapshot.voters,
                counts: snapshot.counts.clone(),
            },
        )
    }
}

/// One poll, as the person may see it.
#[server(prefix = "/api", endpoint = "sondaggio")]
pub async fn fetch_poll(poll_id: i32) -> Result<PollView, AppError> {
    let (state, audience) = ssr::audience().await?;
    let found = crate::features::polls::service::find(&state.db, &audience, poll_id).await?;
    ssr::view(&state.db, &audience, found, crate::i18n::use_locale()).await
}

/// The home page's featured poll, if any the person may see.
#[server(prefix = "/api", endpoint = "sondaggio-in-evidenza")]
pub async fn fetch_featured_poll() -> Result<Option<PollView>, AppError> {
    let (state, audience) = ssr::audience().await?;
    match crate::features::polls::service::featured(&state.db, &audience).await? {
        Some(found) => Ok(Some(
            ssr::view(&state.db, &audience, found, crate::i18n::use_locale()).await?,
        )),
        None => Ok(None),
    }
}

/// The polls of a group's page or of a thread.
#[server(prefix = "/api", endpoint = "sondaggi-collocati")]
pub async fn fetch_placed_polls(
    group_id: Option<i32>,
    thread_id: Option<i32>,
) -> Result<Vec<PollView>, AppError> {
    let (state, audience) = ssr::audience().await?;
    let found =
        crate::features::polls::service::placed(&state.db, &audience, group_id, thread_id).await?;
    ssr::views(&state.db, &audience, found).await
}

/// Open polls, then closed ones.
#[server(prefix = "/api", endpoint = "sondaggi")]
pub async fn fetch_poll_list() -> Result<(Vec<PollView>, Vec<PollView>, bool), AppError> {
    let (state, audience) = ssr::audience().await?;
    let (open, closed) = crate::features::polls::service::list(&state.db, &audience).await?;
    Ok((
        ssr::views(&state.db, &audience, open).await?,
        ssr::views(&state.db, &audience, closed).await?,
        audience.is_team(),
    ))
}

/// The counts and voters, as the person may see them (the live island resynchronises with it).
#[server(prefix = "/api", endpoint = "risultati-sondaggio")]
pub async fn fetch_poll_live(poll_id: i32) -> Result<PollLive, AppError> {
    let (state, audience) = ssr::audience().await?;
    crate::features::polls::service::live(&state.db, &audience, poll_id).await
}

/// Where a new poll would go, if the person may create one there (the same check as creating).
#[server(prefix = "/api", endpoint = "luogo-sondaggio")]
pub async fn fetch_poll_place(
    group: Option<String>,
    thread: Option<i32>,
) -> Result<PollPlace, AppError> {
    use crate::features::polls::service::{self, PollInput};
    let (state, audience) = ssr::audience().await?;
    let input = PollInput {
        group: group.filter(|g| !g.trim().is_empty()),
        thread,
        ..Default::default()
    };
    let (_, group_id, thread_id) = service::place(&state.db, &audience, &input).await?;
    let group_id = group_id.filter(|_| input.group.is_some());
    let (group, thread) = service::place_names(&state.db, group_id, thread_id).await?;
    Ok(PollPlace {
        staff: audience.is_team(),
        group,
        thread,
    })
}

#[server(prefix = "/api", endpoint = "nuovo-sondaggio")]
pub async fn create_poll(
    question: String,
    options: String,
    #[server(default)] multiple: Option<String>,
    #[server(default)] max_choices: String,
    #[server(default)] opens_at: String,
    #[server(default)] closes_at: String,
    #[server(default)] results: String,
    #[server(default)] anonymous: Option<String>,
    #[server(default)] per_organisation: Option<String>,
    #[server(default)] featured: Option<String>,
    #[server(default)] scope: String,
    #[server(default)] group: String,
    #[server(default)] thread: String,
) -> Result<(), AppError> {
    use crate::{error::InvalidReason, features::polls::service::PollInput};
    let (state, audience) = ssr::audience().await?;
    let max_choices = match max_choices.trim() {
        "" => None,
        text => Some(
            text.parse()
                .map_err(|_| AppError::invalid(Field::MaxChoices, InvalidReason::Malformed))?,
        ),
    };
    let thread = match thread.trim() {
        "" => None,
        text => Some(
            text.parse()
                .map_err(|_| AppError::invalid(Field::Request, InvalidReason::Malformed))?,
        ),
    };
    let input = PollInput {
        question,
        options,
        multiple: multiple.is_some(),
        max_choices,
        opens_at,
        closes_at,
        results,
        anonymous: anonymous.is_some(),
        per_organisation: per_organisation.is_some(),
        featured: featured.is_some(),
        scope,
        group: Some(group).filter(|g| !g.trim().is_empty()),
        thread,
    };
    match crate::features::polls::service::create(&state.db, &audience, &input).await {
        Ok(id) => {
            leptos_axum::redirect(&format!("/sondaggi/{id}"));
            Ok(())
        }
        Err(error) => {
            use leptos::server_fn::ServerFn;
            let flag = |on: bool| if on { "1" } else { "" };
            let max = input.max_choices.map(|m| m.to_string()).unwrap_or_default();
            let thread = input.thread.map(|t| t.to_string()).unwrap_or_default();
            let group = input.group.clone().unwrap_or_default();
            let mut page = "/sondaggi/nuovo".to_owned();
            if !group.is_empty() {
                page = format!("{page}?gruppo={}", crate::ui::encode_component(&group));
            } else if !thread.is_empty() {
                page = format!("{page}?discussione={thread}");
            }
            crate::server::refused::refuse(
                &page,
                CreatePoll::PATH,
                &[
                    ("question", &input.question),
                    ("options", &input.options),
                    ("multiple", flag(input.multiple)),
                    ("max_choices", &max),
                    ("opens_at", &input.opens_at),
                    ("closes_at", &input.closes_at),
                    ("results", &input.results),
                    ("anonymous", flag(input.anonymous)),
                    ("per_organisation", flag(input.per_organisation)),
                    ("featured", flag(input.featured)),
                    ("scope", &input.scope),
                ],
                error,
            )
            .await
        }
    }
}

/// A vote from the plain form (or the page's script): the person's choice, and for a vote per
/// organisation the organisation they vote for.
#[server(prefix = "/api", endpoint = "vota-sondaggio")]
pub async fn vote_poll(
    poll_id: i32,
    #[server(default)] choice: Vec<i32>,
    #[server(default)] organisation: String,
) -> Result<(), AppError> {
    use crate::error::InvalidReason;
    let (state, audience) = ssr::audience().await?;
    let organisation = match organisation.trim() {
        "" => None,
        text => Some(
            text.parse()
                .map_err(|_| AppError::invalid(Field::Organisation, InvalidReason::Malformed))?,
        ),
    };
    let voted =
        crate::features::polls::service::vote(&state.db, &audience, poll_id, organisation, &choice)
            .await;
    let snapshot = match voted {
        Ok(snapshot) => snapshot,
        Err(error) => {
            // Back to the page the form was on, the error shown on this poll's card.
            use leptos::server_fn::ServerFn;
            let parts = use_context::<http::request::Parts>().ok_or(AppError::Internal)?;
            let page = ssr::referer_path(&parts).unwrap_or_else(|| format!("/sondaggi/{poll_id}"));
            return crate::server::refused::refuse(
                &page,
                VotePoll::PATH,
                &[("sondaggio", &poll_id.to_string())],
                error,
            )
            .await;
        }
    };
    ssr::announce(&state, ssr::results_event(&snapshot)).await;
    ssr::back_with(
        &format!("/sondaggi/{poll_id}"),
        Some("votato=1"),
        Some(format!("sondaggio-{poll_id}")),
    );
    Ok(())
}

#[server(prefix = "/api", endpoint = "chiudi-sondaggio")]
pub async fn close_poll(poll_id: i32) -> Result<(), AppError> {
    let (state, audience) = ssr::audience().await?;
    let closed = crate::features::polls::service::close(&state.db, &audience, poll_id).await?;
    ssr::announce(
        &state,
        crate::server::events::LiveEvent::On(
            crate::server::events::Topic::Poll(closed.id),
            crate::server::events::Change::PollClosed {
                revision: closed.revision,
            },
        ),
    )
    .await;
    ssr::back(
        &format!("/sondaggi/{poll_id}"),
        Some(format!("sondaggio-{poll_id}")),
    );
    Ok(())
}

#[server(prefix = "/api", endpoint = "evidenza-sondaggio")]
pub async fn feature_poll(poll_id: i32, featured: bool) -> Result<(), AppError> {
    let (state, audience) = ssr::audience().await?;
    crate::features::polls::service::set_featured(&state.db, &audience, poll_id, featured).await?;
    ssr::back(
        &format!("/sondaggi/{poll_id}"),
        Some(format!("sondaggio-{poll_id}")),
    );
    Ok(())
}
