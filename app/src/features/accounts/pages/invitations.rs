//! The invitations page: staff, admins and organisations' referents create single-use links and
//! see what became of them. Anyone else gets "not found".
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{form_error, use_viewer, FormError};
use crate::{
    error::AppError,
    features::accounts::{
        api::{
            invitation_options, list_invitations, take_new_invitation_link, CreateInvitation,
            RevokeInvitation,
        },
        types::{InvitationInfo, InvitationOptions, InvitationStatus},
    },
    i18n::{format_date, use_locale, Locale},
    ui::{failed, typed, Input, TextField},
};

#[component]
pub fn InvitationsPage() -> impl IntoView {
    let locale = use_locale();
    let t = locale.messages();
    if use_viewer().is_none() {
        #[cfg(feature = "ssr")]
        leptos_axum::redirect("/accedi?next=/inviti");
        return ().into_any();
    }
    let just_created = use_query_map().read_untracked().get("nuovo").is_some();
    let data = Resource::new_blocking(
        || (),
        move |_| async move {
            let options = invitation_options().await?;
            let list = list_invitations().await?;
            let new_link = if just_created {
                take_new_invitation_link().await?
            } else {
                None
            };
            Ok::<_, AppError>((options, list, new_link))
        },
    );
    view! {
        <Suspense>
            {move || {
                Suspend::new(async move {
                    match data.await {
                        Ok((options, list, new_link)) => {
                            view! {
                                <Title text=format!("{} · {}", t.accounts.invitations_title, t.site_name)/>
                                <h1>{t.accounts.invitations_title}</h1>
                                {match (just_created, new_link) {
                                    (_, Some(path)) => view! { <NewLink path=path/> }.into_any(),
                                    (true, None) => {
                                        view! {
                                            <p class="notice" role="status">
                                                {t.accounts.invitations_mailed}
                                            </p>
                                        }
                                            .into_any()
                                    }
                                    (false, None) => ().into_any(),
                                }}
                                <FormError error=form_error()/>
                                <InvitationForm options=options/>
                                <InvitationList list=list locale=locale/>
                            }
                                .into_any()
                        }
                        Err(error) => failed(error),
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}

/// The link of the invitation just created, shown this once.
#[component]
fn NewLink(path: String) -> impl IntoView {
    let t = use_locale().messages();
    view! {
        <div class="notice" role="status">
            <p>{t.accounts.invitations_created}</p>
            <p>
                <a class="invitation-link" href=path.clone()>
                    {path.clone()}
                </a>
            </p>
        </div>
    }
}

#[component]
fn InvitationForm(options: InvitationOptions) -> impl IntoView {
    let t = use_locale().messages();
    let action = <CreateInvitation as ServerFn>::PATH;
    let kept = |name: &str| typed(action, name).unwrap_or_default();
    let (role, organisation) = (kept("role"), kept("organisation"));
    let roles = options
        .roles
        .iter()
        .map(|r| {
            view! {
                <option value=r.as_str() selected=role == r.as_str()>
                    {(t.role_label)(*r)}
                </option>
            }
        })
        .collect_view();
    let organisations = options
        .organisations
        .iter()
        .map(|o| {
            let id = o.id.to_string();
            view! {
                <option value=id.clone() selected=organisation == id>
                    {o.name.clone()}
                </option>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="new-invitation">
            <h2 id="new-invitation">{t.accounts.invitations_new_heading}</h2>
            <p>{t.accounts.invitations_intro}</p>
            <form class="stacked" method="post" action=action>
                <TextField
                    id="email"
                    name="email"
                    label=t.accounts.invitations_email
                    hint=t.accounts.invitations_email_hint
                    value=kept("email")
                    input=Input::Email
                    maxlength=254
                    autocomplete="off"
                />
                <p>
                    <label for="role">{t.accounts.invitations_role}</label>
                    <select id="role" name="role">{roles}</select>
                </p>
                <p>
                    <label for="organisation">{t.accounts.invitations_organisation}</label>
                    <select id="organisation" name="organisation">
                        {(!options.organisation_required)
                            .then(|| view! { <option value="">{t.accounts.invitations_no_organisation}</option> })}
                        {organisations}
                    </select>
                </p>
                {options
                    .may_make_referents
                    .then(|| {
                        view! {
                            <p class="checkbox">
                                <input
                                    id="referent"
                                    name="referent"
                                    type="checkbox"
                                    value="1"
                                    checked=!kept("referent").is_empty()
                                />
                                <label for="referent">{t.accounts.invitations_as_referent}</label>
                            </p>
                        }
                    })}
                <p>
                    <label for="days">{t.accounts.invitations_days}</label>
                    <input
                        id="days"
                        name="days"
                        type="number"
                        inputmode="numeric"
                        min="1"
                        max="30"
                        value=Some(kept("days")).filter(|d| !d.is_empty()).unwrap_or_else(|| "14".into())
                        required
                    />
                </p>
                <p>
                    <button type="submit" class="button">{t.accounts.invitations_submit}</button>
                </p>
            </form>
        </section>
    }
}

#[component]
fn InvitationList(list: Vec<InvitationInfo>, locale: Locale) -> impl IntoView {
    let t = locale.messages();
    let revoke = <RevokeInvitation as ServerFn>::PATH;
    let body = if list.is_empty() {
        view! { <p>{t.accounts.invitations_none}</p> }.into_any()
    } else {
        let rows = list
            .into_iter()
            .map(|i| {
                let recipient = i
                    .email
                    .clone()
                    .unwrap_or_else(|| t.accounts.invitations_anyone.into());
                let role = match (&i.organisation, i.organisation_role) {
                    (Some(org), Some(org_role)) => format!(
                        "{} · {org} ({})",
                        (t.role_label)(i.role),
                        (t.organisation_role_label)(org_role)
                    ),
                    _ => (t.role_label)(i.role).to_string(),
                };
                let status = match (&i.used_by, i.status) {
                    (Some(who), InvitationStatus::Used) => {
                        format!("{} ({who})", (t.accounts.invitation_status_label)(i.status))
                    }
                    _ => (t.accounts.invitation_status_label)(i.status).to_string(),
                };
                view! {
                    <tr>
                        <td>{recipient}</td>
                        <td>{role}</td>
                        <td>{status}</td>
                        <td>{i.invited_by}</td>
                        <td>{format_date(i.expires_at, locale)}</td>
                        <td>
                            {(i.status == InvitationStatus::Pending)
                                .then(|| {
                                    view! {
                                        <form method="post" action=revoke>
                                            <input type="hidden" name="id" value=i.id.to_string()/>
                                            <button type="submit" class="button secondary">
                                                {t.accounts.invitations_revoke}
                                            </button>
                                        </form>
                                    }
                                })}
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{t.accounts.invitations_col_for}</th>
                            <th scope="col">{t.accounts.invitations_role}</th>
                            <th scope="col">{t.accounts.invitations_col_status}</th>
                            <th scope="col">{t.accounts.invitations_col_by}</th>
                            <th scope="col">{t.accounts.invitations_col_expires}</th>
                            <th scope="col">
                                <span class="visually-hidden">{t.accounts.invitations_revoke}</span>
                            </th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="invitation-list">
            <h2 id="invitation-list">{t.accounts.invitations_list_heading}</h2>
            {body}
        </section>
    }
}
