//! Account pages: signing in, passwords and sessions (here), joining and the profile
//! (`joining`), invitations (`invitations`).
mod invitations;
mod joining;
mod second_factor;

pub use invitations::InvitationsPage;
pub use joining::{ProfilePage, SignUpPage, VerifyEmailPage};
pub use second_factor::{CodePage, SecondFactorPage};

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{
    api::{
        my_sessions, ChangePassword, RequestPasswordReset, ResetPassword, RevokeOtherSessions,
        RevokeSession, SignIn,
    },
    types::SessionInfo,
};
use crate::{
    error::AppError,
    i18n::{format_date_time, use_locale, use_messages, Locale},
    ui::{form_error, loaded, set_status, typed, FormError, Input, TextField},
};

pub use crate::ui::use_viewer;

#[component]
pub fn SignInPage() -> impl IntoView {
    let t = use_messages();
    let query = use_query_map().read_untracked();
    let next = query.get("next").unwrap_or_else(|| "/".into());
    // After a failed plain-form post, Leptos brings the person back here with the error.
    let error = form_error();
    if let Some(AppError::RateLimited { retry_after_secs }) = &error {
        set_status(429);
        set_retry_after(*retry_after_secs);
    }

    let sign_in_path = <SignIn as ServerFn>::PATH;
    let reset_done = query.get("reimpostata").is_some();
    let body = match use_viewer() {
        Some(viewer) => view! {
            <p class="notice">{(t.accounts.sign_in_already)(&viewer.display_name)}</p>
            <p>
                <a href="/">{t.back_home}</a>
            </p>
        }
        .into_any(),
        None => view! {
            {reset_done.then(|| view! { <p class="notice" role="status">{t.accounts.reset_done}</p> })}
            <p>{t.accounts.sign_in_intro}</p>
            <FormError error=error/>
            <form class="stacked" method="post" action=sign_in_path>
                <input type="hidden" name="next" value=next/>
                <TextField
                    id="login"
                    name="login"
                    label=t.accounts.sign_in_login
                    value=typed(sign_in_path, "login").unwrap_or_default()
                    required=true
                    maxlength=254
                    autocomplete="username"
                    verbatim=true
                />
                <TextField
                    id="password"
                    name="password"
                    label=t.accounts.sign_in_password
                    input=Input::Password
                    required=true
                    autocomplete="current-password"
                />
                <p>
                    <button type="submit" class="button">{t.accounts.sign_in_submit}</button>
                </p>
            </form>
            <p>
                <a href="/accedi/password-dimenticata">{t.accounts.forgot_link}</a>
            </p>
            <p>
                <a href="/registrati">{t.accounts.sign_up_link}</a>
            </p>
        }
        .into_any(),
    };

    view! {
        <Title text=format!("{} · {}", t.accounts.sign_in_title, t.site_name)/>
        <h1>{t.accounts.sign_in_title}</h1>
        {body}
    }
}

fn set_retry_after(seconds: u64) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&seconds.to_string()),
    ) {
        response.insert_header(http::header::RETRY_AFTER, value);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = seconds;
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let t = use_messages();
    let sent = use_query_map().read_untracked().get("inviata").is_some();
    let action = <RequestPasswordReset as ServerFn>::PATH;
    view! {
        <Title text=format!("{} · {}", t.accounts.forgot_title, t.site_name)/>
        <h1>{t.accounts.forgot_title}</h1>
        {sent.then(|| view! { <p class="notice" role="status">{t.accounts.forgot_sent}</p> })}
        <p>{t.accounts.forgot_intro}</p>
        <FormError error=form_error()/>
        <form class="stacked" method="post" action=action>
            <TextField
                id="email"
                name="email"
                label=t.accounts.forgot_email
                value=typed(action, "email").unwrap_or_default()
                input=Input::Email
                required=true
                maxlength=254
                autocomplete="email"
            />
            <p>
                <button type="submit" class="button">{t.accounts.forgot_submit}</button>
            </p>
        </form>
    }
}

#[component]
pub fn NewPasswordPage() -> impl IntoView {
    let t = use_messages();
    let token = use_query_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let action = <ResetPassword as ServerFn>::PATH;
    view! {
        <Title text=format!("{} · {}", t.accounts.reset_title, t.site_name)/>
        <h1>{t.accounts.reset_title}</h1>
        <p>{t.accounts.reset_intro}</p>
        <FormError error=form_error()/>
        <form class="stacked" method="post" action=action>
            <input type="hidden" name="token" value=token/>
            <NewPasswordFields/>
            <p>
                <button type="submit" class="button">{t.accounts.reset_submit}</button>
            </p>
        </form>
    }
}

/// The current password, asked again before a sensitive change.
#[component]
fn CurrentPasswordField() -> impl IntoView {
    let t = use_messages();
    view! {
        <TextField
            id="current"
            name="current"
            label=t.accounts.password_current
            input=Input::Password
            required=true
            autocomplete="current-password"
        />
    }
}

/// A new password and its confirmation, with the hint on what makes a good one.
#[component]
fn NewPasswordFields() -> impl IntoView {
    let t = use_messages();
    view! {
        <TextField
            id="password"
            name="password"
            label=t.accounts.reset_password
            hint=t.accounts.reset_password_hint
            input=Input::Password
            required=true
            minlength=8
            autocomplete="new-password"
        />
        <TextField
            id="confirmation"
            name="confirmation"
            label=t.accounts.reset_confirmation
            input=Input::Password
            required=true
            minlength=8
            autocomplete="new-password"
        />
    }
}

/// The account's security page: open sessions (end one or all others) and password change.
#[component]
pub fn SecurityPage() -> impl IntoView {
    let locale = use_locale();
    let t = locale.messages();
    if use_viewer().is_none() {
        #[cfg(feature = "ssr")]
        leptos_axum::redirect("/accedi?next=/profilo/sicurezza");
        return ().into_any();
    }
    let query = use_query_map().read_untracked();
    let changed = query.get("cambiata").is_some();
    let ended = query.get("chiuse").is_some();
    let sessions = Resource::new_blocking(|| (), |_| my_sessions());
    let revoke_others = <RevokeOtherSessions as ServerFn>::PATH;
    let change = <ChangePassword as ServerFn>::PATH;

    view! {
        <Title text=format!("{} · {}", t.accounts.security_title, t.site_name)/>
        <h1>{t.accounts.security_title}</h1>
        {changed.then(|| view! { <p class="notice" role="status">{t.accounts.password_changed}</p> })}
        {ended.then(|| view! { <p class="notice" role="status">{t.accounts.sessions_revoked}</p> })}
        <FormError error=form_error()/>
        <section aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">{t.accounts.sessions_heading}</h2>
            <p>{t.accounts.sessions_intro}</p>
            <Suspense>
                {move || Suspend::new(async move {
                    loaded(sessions.await, |list| {
                            view! {
                                <ul class="session-list">
                                    {list
                                        .into_iter()
                                        .map(|s| view! { <SessionItem session=s locale=locale/> })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        })
                })}
            </Suspense>
            <form method="post" action=revoke_others>
                <button type="submit" class="button secondary">{t.accounts.sessions_revoke_others}</button>
            </form>
        </section>
        <section aria-labelledby="password-heading">
            <h2 id="password-heading">{t.accounts.password_heading}</h2>
            <form class="stacked" method="post" action=change>
                <CurrentPasswordField/>
                <NewPasswordFields/>
                <p>
                    <button type="submit" class="button">{t.accounts.reset_submit}</button>
                </p>
            </form>
        </section>
    }
    .into_any()
}

#[component]
fn SessionItem(session: SessionInfo, locale: Locale) -> impl IntoView {
    let t = locale.messages();
    let revoke = <RevokeSession as ServerFn>::PATH;
    let device = describe_agent(&session.user_agent, locale);
    view! {
        <li class="card session">
            <p>
                <strong>{device}</strong>
                {session
                    .current
                    .then(|| view! { " " <span class="badge">{t.accounts.session_this}</span> })}
            </p>
            <p class="meta">
                {t.accounts.session_started} ": " {format_date_time(session.created_at, locale)} " · "
                {t.accounts.session_last_seen} ": " {format_date_time(session.last_seen_at, locale)} " · "
                {t.accounts.session_from} ": " {session.ip}
            </p>
            {(!session.current)
                .then(|| {
                    view! {
                        <form method="post" action=revoke>
                            <input type="hidden" name="id" value=session.id/>
                            <button type="submit" class="button secondary">
                                {t.accounts.session_revoke}
                            </button>
                        </form>
                    }
                })}
        </li>
    }
}

/// "Firefox su Linux" from a User-Agent header: enough to recognise one's own devices.
fn describe_agent(agent: &str, locale: Locale) -> String {
    let browser = [
        ("Edg/", "Edge"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ]
    .into_iter()
    .find(|(mark, _)| agent.contains(mark))
    .map_or("Browser", |(_, name)| name);
    let system = [
        ("Android", "Android"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("Linux", "Linux"),
    ]
    .into_iter()
    .find(|(mark, _)| agent.contains(mark))
    .map(|(_, name)| name);
    match (system, locale) {
        (Some(system), Locale::It) => format!("{browser} su {system}"),
        (Some(system), Locale::En) => format!("{browser} on {system}"),
        (None, _) => browser.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_are_described_in_a_few_words() {
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
        assert_eq!(describe_agent(firefox, Locale::It), "Firefox su Linux");
        let chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like \
                      Gecko) Chrome/130.0 Safari/537.36";
        assert_eq!(describe_agent(chrome, Locale::En), "Chrome on Windows");
        assert_eq!(describe_agent("curl/8.0", Locale::It), "Browser");
    }
}
