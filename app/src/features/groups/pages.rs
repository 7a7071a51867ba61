//! `/gruppi` (the groups one may see) and `/gruppi/<slug>` (a group: description, members,
//! joining and leaving, and for its admins requests and invitations). A group one may not see is
//! a 404 page.
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::{
    api::{
        fetch_group, list_groups, CreateGroup, DecideGroupRequest, InviteToGroup, JoinGroup,
        LeaveGroup, MakeGroupAdmin,
    },
    types::{GroupDetails, GroupKind, GroupList, GroupPerson, GroupSummary, Membership},
};
use crate::features::polls::pages::{load_placed_polls, PlacedPollList, PlacedPolls};
use crate::{
    i18n::{use_messages, Messages},
    ui::{form_error, typed, FormError, Loaded, TextArea, TextField},
};

fn membership_label(place: Membership, t: &Messages) -> Option<&'static str> {
    match place {
        Membership::Outside => None,
        Membership::Requested => Some(t.groups.group_requested),
        Membership::Invited => Some(t.groups.group_invited),
        Membership::Member => Some(t.groups.group_member),
        Membership::Admin => Some(t.groups.group_admin),
    }
}

#[component]
pub fn GroupsPage() -> impl IntoView {
    let t = use_messages();
    let list = Resource::new_blocking(|| (), |_| list_groups());
    view! {
        <Title text=format!("{} · {}", t.groups.groups_title, t.site_name)/>
        <h1>{t.groups.groups_title}</h1>
        <p class="lead">{t.groups.groups_intro}</p>
        <FormError error=form_error()/>
        <Loaded data=list view=move |list| view! { <GroupListView list=list/> }/>
    }
}

#[component]
fn GroupListView(list: GroupList) -> impl IntoView {
    let t = use_messages();
    let items = if list.groups.is_empty() {
        view! { <p>{t.groups.groups_none}</p> }.into_any()
    } else {
        view! {
            <ul class="group-list">
                {list
                    .groups
                    .into_iter()
                    .map(|g| view! { <GroupCard group=g/> })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        {items}
        {list.may_create.then(|| view! { <NewGroupForm/> })}
    }
}

#[component]
fn GroupCard(group: GroupSummary) -> impl IntoView {
    let t = use_messages();
    let href = format!("/gruppi/{}", group.slug);
    view! {
        <li class="card">
            <h2>
                <a href=href>{group.name}</a>
            </h2>
            <p class="meta">
                {group.kind.describe(t)} " · " {(t.groups.group_member_count)(group.members)}
                {membership_label(group.membership, t)
                    .map(|label| view! { " · " <span class="badge">{label}</span> })}
            </p>
            <p>{group.description}</p>
        </li>
    }
}

#[component]
fn NewGroupForm() -> impl IntoView {
    let t = use_messages();
    let action = <CreateGroup as ServerFn>::PATH;
    let kept = |name: &str| typed(action, name).unwrap_or_default();
    let chosen = GroupKind::parse(&kept("kind")).unwrap_or(GroupKind::Open);
    let kinds = GroupKind::ALL
        .iter()
        .copied()
        .map(|kind| {
            let id = format!("kind-{}", kind.as_str());
            view! {
                <p class="radio">
                    <input
                        type="radio"
                        name="kind"
                        id=id.clone()
                        value=kind.as_str()
                        checked=kind == chosen
                    />
                    <label for=id>{kind.describe(t)}</label>
                </p>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="new-group">
            <h2 id="new-group">{t.groups.group_new_heading}</h2>
            <form class="stacked" method="post" action=action>
                <TextField
                    id="name"
                    name="name"
                    label=t.groups.group_name
                    value=kept("name")
                    required=true
                    maxlength=120
                />
                <TextArea
                    id="description"
                    name="description"
                    label=t.groups.group_description
                    value=kept("description")
                    maxlength=2000
                />
                <fieldset>
                    <legend>{t.groups.group_kind}</legend>
                    {kinds}
                </fieldset>
                <p>
                    <button type="submit" class="button">{t.groups.group_create}</button>
                </p>
            </form>
        </section>
    }
}

#[component]
pub fn GroupPage() -> impl IntoView {
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    // The group and the polls placed in it load in one resource (see `PlacedPolls`).
    let details = Resource::new_blocking(
        move || slug.clone(),
        |slug| async move {
            let details = fetch_group(slug).await?;
            let polls = load_placed_polls(Some(details.group.id), None).await?;
            Ok((details, polls))
        },
    );
    view! {
        <Loaded
            data=details
            view=move |(details, polls)| view! { <GroupView details=details polls=polls/> }
        />
    }
}

#[component]
fn GroupView(details: GroupDetails, polls: PlacedPollList) -> impl IntoView {
    let t = use_messages();
    let group = details.group;
    let slug = group.slug.clone();
    let (join, leave) = (
        <JoinGroup as ServerFn>::PATH,
        <LeaveGroup as ServerFn>::PATH,
    );
    let action = match group.membership {
        Membership::Outside if details.may_take_part => Some((
            join,
            if group.kind == GroupKind::Open {
                t.groups.group_join
            } else {
                t.groups.group_request
            },
            "button",
        )),
        Membership::Invited => Some((join, t.groups.group_accept, "button")),
        Membership::Requested => Some((leave, t.groups.group_withdraw, "button secondary")),
        Membership::Member | Membership::Admin => {
            Some((leave, t.groups.group_leave, "button secondary"))
        }
        Membership::Outside => None,
    };
    view! {
        <Title text=format!("{} · {}", group.name, t.site_name)/>
        <h1>{group.name.clone()}</h1>
        <p class="meta">
            {group.kind.describe(t)}
            {membership_label(group.membership, t)
                .map(|label| view! { " · " <span class="badge">{label}</span> })}
        </p>
        <FormError error=form_error()/>
        <p class="lead">{group.description}</p>
        {action
            .map(|(path, label, class)| {
                view! {
                    <form method="post" action=path>
                        <input type="hidden" name="slug" value=slug.clone()/>
                        <button type="submit" class=class>{label}</button>
                    </form>
                }
            })}
        <section aria-labelledby="members">
            <h2 id="members">{(t.groups.group_member_count)(group.members)}</h2>
            <ul class="people">
                {details
                    .members
                    .into_iter()
                    .map(|person| {
                        view! {
                            <MemberItem
                                person=person
                                slug=slug.clone()
                                manage=details.manage
                            />
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
        <PlacedPolls polls=polls/>
        {details
            .manage
            .then(|| {
                view! {
                    <p>
                        <a class="button secondary" href=format!("/sondaggi/nuovo?gruppo={slug}")>
                            {t.polls.new_in_group}
                        </a>
                    </p>
                }
            })}
        {details.manage.then(|| view! { <Manage slug=slug.clone() pending=details.pending/> })}
        <p>
            <a href="/gruppi">{t.groups.groups_title}</a>
        </p>
    }
}

#[component]
fn MemberItem(person: GroupPerson, slug: String, manage: bool) -> impl IntoView {
    let t = use_messages();
    let promote = <MakeGroupAdmin as ServerFn>::PATH;
    view! {
        <li>
            {person.display_name} " (@" {person.username} ")"
            {person.flag.then(|| view! { " " <span class="badge">{t.groups.group_admin}</span> })}
            {(manage && !person.flag)
                .then(|| {
                    view! {
                        <form method="post" action=promote class="inline">
                            <input type="hidden" name="slug" value=slug/>
                            <input type="hidden" name="user_id" value=person.user_id.to_string()/>
                            <button type="submit" class="link-button">{t.groups.group_make_admin}</button>
                        </form>
                    }
                })}
        </li>
    }
}

#[component]
fn Manage(slug: String, pending: Vec<GroupPerson>) -> impl IntoView {
    let t = use_messages();
    let decide = <DecideGroupRequest as ServerFn>::PATH;
    let invite = <InviteToGroup as ServerFn>::PATH;
    let (requests, invited): (Vec<_>, Vec<_>) = pending.into_iter().partition(|p| !p.flag);
    let request_items = requests
        .into_iter()
        .map(|person| {
            view! {
                <li>
                    {person.display_name} " (@" {person.username} ")"
                    <form method="post" action=decide class="inline">
                        <input type="hidden" name="slug" value=slug.clone()/>
                        <input type="hidden" name="user_id" value=person.user_id.to_string()/>
                        <button type="submit" name="decision" value="approve" class="button">
                            {t.groups.group_approve}
                        </button>
                        " "
                        <button type="submit" name="decision" value="reject" class="button secondary">
                            {t.groups.group_reject}
                        </button>
                    </form>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="manage">
            <h2 id="manage">{t.groups.group_manage_heading}</h2>
            <h3>{t.groups.group_requests_heading}</h3>
            <ul class="people">{request_items}</ul>
            {invited
                .into_iter()
                .map(|p| view! { <p class="meta">{(t.groups.group_invited_person)(&p.display_name)}</p> })
                .collect_view()}
            <form class="stacked" method="post" action=invite>
                <input type="hidden" name="slug" value=slug.clone()/>
                <p>
                    <label for="username">{t.groups.group_invite_label}</label>
                    <input
                        id="username"
                        name="username"
                        value=typed(invite, "username")
                        type="text"
                        autocapitalize="none"
                        spellcheck="false"
                        required
                        maxlength="33"
                    />
                </p>
                <p>
                    <button type="submit" class="button">{t.groups.group_invite}</button>
                </p>
            </form>
        </section>
    }
}
