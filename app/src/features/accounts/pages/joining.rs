//! Joining: the sign-up page (public in phase 3, otherwise through an invitation link), the
//! e-mail verification page and the person's own profile.
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{form_error, use_viewer, FormError, NewPasswordFields};
use crate::{
    features::{
        accounts::{
            api::{own_account, sign_up_context, ResendVerification, SignUp, VerifyEmail},
            types::{OrganisationRole, OwnAccount, Role, SignUpContext},
        },
        network::pages::ProfileEditorSection,
    },
    i18n::{format_date, use_locale, use_messages, Locale},
    ui::{loaded, typed, Loaded, TextField},
};

#[component]
pub fn SignUpPage() -> impl IntoView {
    let t = use_messages();
    if let Some(viewer) = use_viewer() {
        return view! {
            <Title text=format!("{} · {}", t.accounts.sign_up_title, t.site_name)/>
            <h1>{t.accounts.sign_up_title}</h1>
            <p class="notice">{(t.accounts.sign_in_already)(&viewer.display_name)}</p>
            <p>
                <a href="/profilo">{t.accounts.profile_title}</a>
            </p>
        }
        .into_any();
    }
    // On one's own: the same answer whether or not the address had an account.
    if use_query_map().read_untracked().get("inviata").is_some() {
        return view! {
            <Title text=format!("{} · {}", t.accounts.sign_up_title, t.site_name)/>
            <h1>{t.accounts.sign_up_title}</h1>
            <div class="notice" role="status">
                <p>{t.accounts.sign_up_check_mail}</p>
            </div>
            <p>
                <a href="/accedi">{t.nav_sign_in}</a>
            </p>
        }
        .into_any();
    }
    // After a refused post the form comes back filled in (never the passwords), the invitation
    // included: it is kept with what was typed, not put back in the address.
    let form = SignUp::PATH;
    let token = use_query_map()
        .read_untracked()
        .get("invito")
        .or_else(|| typed(form, "invito"))
        .unwrap_or_default();
    let prefill = Prefill {
        display_name: typed(form, "display_name").unwrap_or_default(),
        username: typed(form, "username").unwrap_or_default(),
        email: typed(form, "email").unwrap_or_default(),
    };
    let key = token.clone();
    let context = Resource::new_blocking(move || key.clone(), sign_up_context);

    view! {
        <Title text=format!("{} · {}", t.accounts.sign_up_title, t.site_name)/>
        <h1>{t.accounts.sign_up_title}</h1>
        <Suspense>
            {move || {
                let (token, prefill) = (token.clone(), prefill.clone());
                Suspend::new(async move {
                    loaded(context.await, |context| {
                            view! { <SignUpBody context=context token=token prefill=prefill/> }
                                .into_any()
                        })
                })
            }}
        </Suspense>
    }
    .into_any()
}

#[derive(Clone, Default)]
struct Prefill {
    display_name: String,
    username: String,
    email: String,
}

#[component]
fn SignUpBody(context: SignUpContext, token: String, prefill: Prefill) -> impl IntoView {
    let t = use_messages();
    let closed = move || {
        view! {
            <div class="notice" role="status">
                <p>{t.error_sign_up_closed}</p>
            </div>
            <p>
                <a href="/accedi">{t.nav_sign_in}</a>
            </p>
        }
    };
    if context.invitation_invalid {
        return view! {
            <div class="error-notice" role="alert">
                <p>{t.accounts.sign_up_invitation_invalid}</p>
            </div>
            {if context.public_sign_up {
                view! { <SignUpForm token=String::new() fixed_email=None prefill=prefill/> }
                    .into_any()
            } else {
                closed().into_any()
            }}
        }
        .into_any();
    }
    match context.invitation {
        Some(invitation) => {
            let role = (t.role_label)(invitation.role);
            view! {
                <p class="lead">
                    {(t.accounts.sign_up_invited)(
                        &invitation.invited_by,
                        role,
                        invitation.organisation.as_deref(),
                    )}
                </p>
                <SignUpForm token=token fixed_email=invitation.email prefill=prefill/>
            }
            .into_any()
        }
        None if context.public_sign_up => view! {
            <SignUpForm token=String::new() fixed_email=None prefill=prefill/>
        }
        .into_any(),
        None => closed().into_any(),
    }
}

#[component]
fn SignUpForm(token: String, fixed_email: Option<String>, prefill: Prefill) -> impl IntoView {
    let t = use_messages();
    let action = <SignUp as ServerFn>::PATH;
    let email_fixed = fixed_email.is_some();
    let email = fixed_email.unwrap_or(prefill.email);
    view! {
        <p>{t.accounts.sign_up_intro}</p>
        <FormError error=form_error()/>
        <form class="stacked" method="post" action=action>
            <input type="hidden" name="invitation" value=token/>
            <TextField
                id="display_name"
                name="display_name"
                label=t.accounts.sign_up_display_name
                hint=t.accounts.sign_up_display_name_hint
                value=prefill.display_name
                required=true
                maxlength=80
                autocomplete="name"
            />
            <TextField
                id="username"
                name="username"
                label=t.accounts.sign_up_username
                hint=t.accounts.sign_up_username_hint
                value=prefill.username
                required=true
                minlength=3
                maxlength=32
                pattern="[a-z0-9][a-z0-9._\\-]{2,31}"
                autocomplete="username"
                verbatim=true
            />
            <p>
                <label for="email">{t.accounts.sign_up_email}</label>
                {email_fixed
                    .then(|| {
                        view! {
                            <span id="email-hint" class="hint">
                                {t.accounts.sign_up_email_hint_invited}
                            </span>
                        }
                    })}
                <input
                    id="email"
                    name="email"
                    type="email"
                    autocomplete="email"
                    aria-describedby=email_fixed.then_some("email-hint")
                    required
                    maxlength="254"
                    readonly=email_fixed
                    value=email
                />
            </p>
            <NewPasswordFields/>
            <p>
                <button type="submit" class="button">{t.accounts.sign_up_submit}</button>
            </p>
        </form>
    }
}

/// The page a verification link opens: one button, so that link scanners verify nothing.
#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let t = use_messages();
    let query = use_query_map().read_untracked();
    let done = query.get("fatto").is_some();
    let token = query.get("token").unwrap_or_default();
    let action = <VerifyEmail as ServerFn>::PATH;
    view! {
        <Title text=format!("{} · {}", t.accounts.verify_title, t.site_name)/>
        <h1>{t.accounts.verify_title}</h1>
        {if done {
            view! {
                <p class="notice" role="status">{t.accounts.profile_verified}</p>
                <p>
                    <a href="/profilo">{t.accounts.profile_title}</a>
                </p>
            }
                .into_any()
        } else {
            view! {
                <p>{t.accounts.verify_intro}</p>
                <FormError error=form_error()/>
                <form method="post" action=action>
                    <input type="hidden" name="token" value=token/>
                    <button type="submit" class="button">{t.accounts.verify_submit}</button>
                </form>
            }
                .into_any()
        }}
    }
}

/// The signed-in person's profile.
#[component]
pub fn ProfilePage() -> impl IntoView {
    let locale = use_locale();
    let t = locale.messages();
    if use_viewer().is_none() {
        #[cfg(feature = "ssr")]
        leptos_axum::redirect("/accedi?next=/profilo");
        return ().into_any();
    }
    let query = use_query_map().read_untracked();
    let notice = if query.get("benvenuto").is_some() {
        Some(t.accounts.profile_welcome)
    } else if query.get("inviata").is_some() {
        Some(t.accounts.profile_resent)
    } else if query.get("salvato").is_some() {
        Some(t.network.profile_saved)
    } else if query.get("foto").is_some() {
        Some(t.network.profile_photo_saved)
    } else {
        None
    };
    let account = Resource::new_blocking(|| (), |_| own_account());
    view! {
        <Title text=format!("{} · {}", t.accounts.profile_title, t.site_name)/>
        <h1>{t.accounts.profile_title}</h1>
        {notice.map(|text| view! { <p class="notice" role="status">{text}</p> })}
        <FormError error=form_error()/>
        <Loaded data=account view=move |account| view! { <AccountDetails account=account locale=locale/> }/>
        <ProfileEditorSection/>
        <ul class="links">
            <li>
                <a href="/profilo/sicurezza">{t.accounts.profile_security_link}</a>
            </li>
            <li>
                <a href="/profilo/due-fattori">{t.accounts.second_factor_link}</a>
            </li>
        </ul>
    }
    .into_any()
}

#[component]
fn AccountDetails(account: OwnAccount, locale: Locale) -> impl IntoView {
    let t = locale.messages();
    let resend = <ResendVerification as ServerFn>::PATH;
    let may_invite = account.role >= Role::Staff
        || account
            .organisations
            .iter()
            .any(|(_, role)| *role == OrganisationRole::Referent);
    let organisations = if account.organisations.is_empty() {
        view! { <p>{t.accounts.profile_no_organisations}</p> }.into_any()
    } else {
        view! {
            <ul>
                {account
                    .organisations
                    .into_iter()
                    .map(|(name, role)| {
                        view! {
                            <li>{name} " · " {(t.organisation_role_label)(role)}</li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <p class="lead">{account.display_name}</p>
        <dl class="facts">
            <dt>{t.accounts.profile_username}</dt>
            <dd>{account.username}</dd>
            <dt>{t.accounts.profile_email}</dt>
            <dd>
                {account.email} " — "
                {if account.email_verified {
                    t.accounts.profile_email_verified
                } else {
                    t.accounts.profile_email_unverified
                }}
            </dd>
            <dt>{t.accounts.profile_role}</dt>
            <dd>{(t.role_label)(account.role)}</dd>
            <dt>{t.accounts.profile_member_since}</dt>
            <dd>{format_date(account.created_at, locale)}</dd>
        </dl>
        {(!account.email_verified)
            .then(|| {
                view! {
                    <form method="post" action=resend>
                        <button type="submit" class="button secondary">{t.accounts.profile_resend}</button>
                    </form>
                }
            })}
        <h2>{t.accounts.profile_organisations}</h2>
        {organisations}
        {may_invite
            .then(|| {
                view! {
                    <p>
                        <a href="/inviti">{t.accounts.invitations_title}</a>
                    </p>
                }
            })}
    }
}
