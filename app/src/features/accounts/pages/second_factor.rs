//! The second factor: the code step of signing in (`/accedi/codice`) and the page where a person
//! turns it on, renews recovery codes or (if their role allows) turns it off.
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{use_viewer, CurrentPasswordField};
use crate::{
    error::{AppError, InvalidReason},
    features::accounts::{
        api::{
            prepare_recovery_codes, second_factor_status, start_enrolment, CompleteSignIn,
            ConfirmEnrolment, ConfirmPassword, DisableSecondFactor, RegenerateRecoveryCodes,
        },
        types::{Enrolment, SecondFactorStatus},
    },
    i18n::use_messages,
    ui::{failed, form_error, FormError},
};

/// The code field, used by every form of these pages.
#[component]
fn CodeField(label: &'static str) -> impl IntoView {
    view! {
        <p>
            <label for="code">{label}</label>
            <input
                id="code"
                name="code"
                type="text"
                inputmode="numeric"
                autocomplete="one-time-code"
                autocapitalize="none"
                spellcheck="false"
                required
                maxlength="32"
                class="code-input"
            />
        </p>
    }
}

#[component]
pub fn CodePage() -> impl IntoView {
    let t = use_messages();
    let action = <CompleteSignIn as ServerFn>::PATH;
    let error = form_error();
    // A lapsed challenge means starting again from the password.
    let lapsed = matches!(
        &error,
        Some(AppError::Invalid { field, reason: InvalidReason::Expired }) if *field == crate::error::Field::Challenge
    );
    view! {
        <Title text=format!("{} · {}", t.accounts.code_title, t.site_name)/>
        <h1>{t.accounts.code_title}</h1>
        {if lapsed {
            view! {
                <div class="error-notice" role="alert">
                    <p>{t.accounts.code_expired}</p>
                </div>
                <p>
                    <a href="/accedi">{t.nav_sign_in}</a>
                </p>
            }
                .into_any()
        } else {
            view! {
                <p>{t.accounts.code_intro}</p>
                <FormError error=error/>
                <form class="stacked" method="post" action=action>
                    <CodeField label=t.accounts.code_label/>
                    <p>
                        <button type="submit" class="button">{t.accounts.code_submit}</button>
                    </p>
                </form>
            }
                .into_any()
        }}
    }
}

#[component]
pub fn SecondFactorPage() -> impl IntoView {
    let t = use_messages();
    if use_viewer().is_none() {
        #[cfg(feature = "ssr")]
        leptos_axum::redirect("/accedi?next=/profilo/due-fattori");
        return ().into_any();
    }
    let query = use_query_map().read_untracked();
    let notice = if query.get("attivata").is_some() {
        Some(t.accounts.second_factor_enabled)
    } else if query.get("codici").is_some() {
        Some(t.accounts.second_factor_codes_replaced)
    } else if query.get("disattivata").is_some() {
        Some(t.accounts.second_factor_disabled)
    } else {
        None
    };
    let data = Resource::new_blocking(
        || (),
        |_| async move {
            let status = second_factor_status().await?;
            // The secret and new codes are shown only after the password was typed again.
            let enrolment = if status.enabled || !status.password_confirmed {
                None
            } else {
                Some(start_enrolment().await?)
            };
            let new_codes = if status.enabled && status.password_confirmed {
                prepare_recovery_codes().await?
            } else {
                Vec::new()
            };
            Ok::<_, AppError>((status, enrolment, new_codes))
        },
    );
    view! {
        <Title text=format!("{} · {}", t.accounts.second_factor_title, t.site_name)/>
        <h1>{t.accounts.second_factor_title}</h1>
        {notice.map(|text| view! { <p class="notice" role="status">{text}</p> })}
        <FormError error=form_error()/>
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((status, _, _)) if !status.password_confirmed => {
                        view! { <PasswordAgain status=status/> }.into_any()
                    }
                    Ok((status, Some(enrolment), _)) => {
                        view! { <EnrolmentSteps enrolment=enrolment status=status/> }.into_any()
                    }
                    Ok((status, None, new_codes)) => {
                        view! { <EnabledSecondFactor status=status new_codes=new_codes/> }
                            .into_any()
                    }
                    Err(error) => failed(error),
                }
            })}
        </Suspense>
        <p>
            <a href="/profilo">{t.accounts.profile_title}</a>
        </p>
    }
    .into_any()
}

/// Before the secret or new recovery codes are shown: the password again.
#[component]
fn PasswordAgain(status: SecondFactorStatus) -> impl IntoView {
    let t = use_messages();
    let action = <ConfirmPassword as ServerFn>::PATH;
    view! {
        {if status.enabled {
            view! {
                <p>
                    <strong>{t.accounts.second_factor_on}</strong>
                    " "
                    {(t.accounts.second_factor_codes_left)(status.recovery_codes_left)}
                </p>
            }
                .into_any()
        } else {
            view! {
                {status
                    .required
                    .then(|| {
                        view! { <p class="notice">{t.accounts.second_factor_required_banner}</p> }
                    })}
                <p>{t.accounts.second_factor_intro}</p>
            }
                .into_any()
        }}
        <section aria-labelledby="password-again">
            <h2 id="password-again">{t.accounts.password_again_heading}</h2>
            <p>{t.accounts.password_again_intro}</p>
            <form class="stacked" method="post" action=action>
                <CurrentPasswordField/>
                <p>
                    <button type="submit" class="button">{t.accounts.password_again_submit}</button>
                </p>
            </form>
        </section>
    }
}

#[component]
fn RecoveryCodes(codes: Vec<String>) -> impl IntoView {
    view! {
        <ul class="recovery-codes">
            {codes.into_iter().map(|code| view! { <li><code>{code}</code></li> }).collect_view()}
        </ul>
    }
}

#[component]
fn EnrolmentSteps(enrolment: Enrolment, status: SecondFactorStatus) -> impl IntoView {
    let t = use_messages();
    let action = <ConfirmEnrolment as ServerFn>::PATH;
    view! {
        {status
            .required
            .then(|| view! { <p class="notice">{t.accounts.second_factor_required_banner}</p> })}
        <p>{t.accounts.second_factor_intro}</p>
        <p>{t.accounts.second_factor_step_scan}</p>
        <p>
            <code class="totp-secret">{enrolment.secret}</code>
        </p>
        <div class="qr" role="img" aria-label=t.accounts.second_factor_qr_alt inner_html=enrolment.qr_svg></div>
        <p>{t.accounts.second_factor_step_codes}</p>
        <RecoveryCodes codes=enrolment.recovery_codes/>
        <form class="stacked" method="post" action=action>
            <CodeField label=t.accounts.second_factor_step_confirm/>
            <p>
                <button type="submit" class="button">{t.accounts.second_factor_confirm}</button>
            </p>
        </form>
    }
}

#[component]
fn EnabledSecondFactor(status: SecondFactorStatus, new_codes: Vec<String>) -> impl IntoView {
    let t = use_messages();
    let regenerate = <RegenerateRecoveryCodes as ServerFn>::PATH;
    let disable = <DisableSecondFactor as ServerFn>::PATH;
    view! {
        <p>
            <strong>{t.accounts.second_factor_on}</strong>
            " "
            {(t.accounts.second_factor_codes_left)(status.recovery_codes_left)}
        </p>
        <section aria-labelledby="new-codes">
            <h2 id="new-codes">{t.accounts.second_factor_new_codes_heading}</h2>
            <p>{t.accounts.second_factor_new_codes_intro}</p>
            <RecoveryCodes codes=new_codes/>
            <form class="stacked" method="post" action=regenerate>
                <CodeField label=t.accounts.code_label/>
                <p>
                    <button type="submit" class="button secondary">
                        {t.accounts.second_factor_new_codes_submit}
                    </button>
                </p>
            </form>
        </section>
        <section aria-labelledby="disable">
            <h2 id="disable">{t.accounts.second_factor_disable_heading}</h2>
            {if status.required {
                view! { <p>{t.accounts.second_factor_required_note}</p> }.into_any()
            } else {
                view! {
                    <form class="stacked" method="post" action=disable>
                        <CurrentPasswordField/>
                        <p>
                            <button type="submit" class="button secondary">
                                {t.accounts.second_factor_disable_submit}
                            </button>
                        </p>
                    </form>
                }
                    .into_any()
            }}
        </section>
    }
}
