//! `/temi`: the community's themes with their threads and a follow button; members propose new
//! themes and see what staff decided; staff approve, merge or reject (with a reason) proposals.
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::{
    features::themes::{
        api::{fetch_themes, DecideTheme, FollowTheme, ProposeTheme},
        types::{ProposalStatus, Theme, ThemeEntry, ThemeProposal, ThemesOverview},
    },
    i18n::{format_date, use_locale, use_messages},
    ui::{form_error, query_param, typed, FormError, Loaded, TextArea, TextField},
};

#[component]
pub fn ThemesPage() -> impl IntoView {
    let t = use_messages();
    let proposed = query_param("proposto") == "1";
    let data = Resource::new_blocking(|| (), |_| fetch_themes());
    view! {
        <Title text=format!("{} · {}", t.themes.themes_title, t.site_name)/>
        <h1>{t.themes.themes_title}</h1>
        <p class="lead">{t.themes.overview_intro}</p>
        <FormError error=form_error()/>
        {proposed.then(|| view! { <p class="notice" role="status">{t.themes.theme_proposed}</p> })}
        <Loaded data=data view=move |overview| view! { <Overview overview=overview/> }/>
    }
}

#[component]
fn Overview(overview: ThemesOverview) -> impl IntoView {
    let t = use_messages();
    let approved: Vec<Theme> = overview.themes.iter().map(|e| e.theme.clone()).collect();
    let signed_in = overview.signed_in;
    let proposals = (!overview.proposals.is_empty()).then(|| {
        let heading = if overview.may_decide {
            t.themes.proposals_heading_staff
        } else {
            t.themes.proposals_heading_own
        };
        view! {
            <section aria-labelledby="proposals-heading">
                <h2 id="proposals-heading">{heading}</h2>
                <ul class="theme-list">
                    {overview
                        .proposals
                        .into_iter()
                        .map(|p| {
                            view! {
                                <Proposal
                                    proposal=p
                                    may_decide=overview.may_decide
                                    approved=approved.clone()
                                />
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    });
    view! {
        <ul class="theme-list">
            {overview
                .themes
                .into_iter()
                .map(|entry| view! { <ThemeItem entry=entry signed_in=signed_in/> })
                .collect_view()}
        </ul>
        {proposals}
        {overview.may_propose.then(|| view! { <ProposeForm/> })}
    }
}

#[component]
fn ThemeItem(entry: ThemeEntry, signed_in: bool) -> impl IntoView {
    let t = use_messages();
    let href = format!("/temi/{}", entry.theme.slug);
    view! {
        <li class="card">
            <h2 class="card-title">
                <a href=href>{entry.theme.name.clone()}</a>
            </h2>
            <p>{entry.theme.description.clone()}</p>
            <p class="meta">{(t.forum.threads_count)(entry.threads)}</p>
            {signed_in
                .then(|| {
                    view! {
                        <FollowButton
                            theme_id=entry.theme.id
                            following=entry.following
                            back="/temi".to_string()
                            name=entry.theme.name.clone()
                        />
                    }
                })}
        </li>
    }
}

/// Follow or stop following a theme (a plain form that comes back to `back`).
#[component]
pub fn FollowButton(theme_id: i32, following: bool, back: String, name: String) -> impl IntoView {
    let t = use_messages();
    let action = <FollowTheme as ServerFn>::PATH;
    let label = if following {
        t.themes.unfollow_theme
    } else {
        t.themes.follow_theme
    };
    view! {
        <form method="post" action=action class="inline">
            <input type="hidden" name="theme_id" value=theme_id.to_string()/>
            <input type="hidden" name="on" value=(!following).to_string()/>
            <input type="hidden" name="back" value=back/>
            <button
                type="submit"
                class="button secondary"
                aria-pressed=following.to_string()
                aria-label=format!("{label}: {name}")
            >
                {label}
            </button>
        </form>
    }
}

#[component]
fn Proposal(proposal: ThemeProposal, may_decide: bool, approved: Vec<Theme>) -> impl IntoView {
    let locale = use_locale();
    let t = locale.messages();
    let status = match proposal.status {
        ProposalStatus::Proposed => t.themes.proposal_pending,
        ProposalStatus::Approved => t.themes.proposal_approved,
        ProposalStatus::Rejected => t.themes.proposal_rejected,
        ProposalStatus::Merged => t.themes.proposal_merged,
    };
    let by = proposal
        .proposed_by
        .clone()
        .map(|name| (t.themes.proposed_by)(&name, &format_date(proposal.proposed_at, locale)));
    let reason = proposal
        .reason
        .clone()
        .map(|r| view! { <p><strong>{t.themes.reason_label} ": "</strong>{r}</p> });
    let merged = proposal.merged_into.clone().map(|(name, slug)| {
        view! {
            <p>
                {t.themes.merged_into} " " <a href=format!("/temi/{slug}")>{name}</a>
            </p>
        }
    });
    let decide = (may_decide && proposal.status == ProposalStatus::Proposed)
        .then(|| view! { <DecisionForm theme_id=proposal.id approved=approved/> });
    view! {
        <li class="card">
            <h3>{proposal.name.clone()}</h3>
            <p class="meta">
                <span class="badge">{status}</span>
                {by.map(|by| view! { " " {by} })}
            </p>
            <p>{proposal.description.clone()}</p>
            {reason}
            {merged}
            {decide}
        </li>
    }
}

#[component]
fn DecisionForm(theme_id: i32, approved: Vec<Theme>) -> impl IntoView {
    let t = use_messages();
    let action = <DecideTheme as ServerFn>::PATH;
    let (reason_id, merge_id) = (format!("reason-{theme_id}"), format!("merge-{theme_id}"));
    let options = approved
        .into_iter()
        .map(|theme| view! { <option value=theme.id.to_string()>{theme.name}</option> })
        .collect_view();
    view! {
        <form method="post" action=action class="stacked decision">
            <input type="hidden" name="theme_id" value=theme_id.to_string()/>
            <p>
                <button type="submit" name="decision" value="approve" class="button">
                    {t.themes.approve}
                </button>
            </p>
            <p>
                <label for=merge_id.clone()>{t.themes.merge_label}</label>
                <select id=merge_id name="merge_into">{options}</select>
            </p>
            <p>
                <button type="submit" name="decision" value="merge" class="button secondary">
                    {t.themes.merge}
                </button>
            </p>
            <p>
                <label for=reason_id.clone()>{t.themes.reject_reason}</label>
                <textarea id=reason_id name="reason" rows="2" maxlength="1000"></textarea>
            </p>
            <p>
                <button type="submit" name="decision" value="reject" class="button secondary">
                    {t.themes.reject}
                </button>
            </p>
        </form>
    }
}

#[component]
fn ProposeForm() -> impl IntoView {
    let t = use_messages();
    let action = <ProposeTheme as ServerFn>::PATH;
    view! {
        <section aria-labelledby="propose-heading">
            <h2 id="propose-heading">{t.themes.propose_heading}</h2>
            <p class="hint">{t.themes.propose_hint}</p>
            <form method="post" action=action class="stacked">
                <TextField
                    id="theme-name"
                    name="name"
                    label=t.themes.theme_name
                    value=typed(action, "name").unwrap_or_default()
                    required=true
                    maxlength=120
                />
                <TextArea
                    id="theme-description"
                    name="description"
                    label=t.groups.group_description
                    value=typed(action, "description").unwrap_or_default()
                    maxlength=2000
                />
                <p>
                    <button type="submit" class="button">{t.themes.propose}</button>
                </p>
            </form>
        </section>
    }
}
