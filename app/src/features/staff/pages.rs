//! The staff console page (`/staff`): 404 for anyone but staff and admins.
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{
    api::{console_overview, ChangePhase},
    types::{AuditLine, OutboxLine, StaffOverview},
};
use crate::{
    features::community::types::Phase,
    i18n::{format_date_time, use_locale, Locale},
    ui::loaded,
};

#[component]
pub fn StaffPage() -> impl IntoView {
    let locale = use_locale();
    let overview = Resource::new_blocking(|| (), |_| console_overview());
    let changed = use_query_map().read_untracked().get("fase").is_some();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                loaded(overview.await, |overview| {
                        view! { <Console overview=overview changed=changed locale=locale/> }
                            .into_any()
                    })
            })}
        </Suspense>
    }
}

#[component]
fn Console(overview: StaffOverview, changed: bool, locale: Locale) -> impl IntoView {
    let t = locale.messages();
    view! {
        <Title text=format!("{} · {}", t.staff.staff_title, t.site_name)/>
        <h1>{t.staff.staff_title}</h1>
        {changed.then(|| view! { <p class="notice" role="status">{t.staff.staff_phase_changed}</p> })}
        <nav aria-label=t.staff.staff_sections>
            <ul class="links">
                <li>
                    <a href="/staff/persone">{t.staff.staff_people_title}</a>
                </li>
                <li>
                    <a href="/rete">{t.staff.staff_organisations_link}</a>
                </li>
                <li>
                    <a href="/inviti">{t.staff.staff_invitations_link}</a>
                </li>
                <li>
                    <a href="/gruppi">{t.staff.staff_groups_link}</a>
                </li>
                <li>
                    <a href="/staff/segnalazioni">{t.forum.staff_reports_link}</a>
                </li>
                <li>
                    <a href="/temi">{t.themes.themes_title}</a>
                </li>
                <li>
                    <a href="/wiki/da-rivedere">{t.wiki.review_title}</a>
                </li>
            </ul>
        </nav>
        <PhaseSection phase=overview.phase is_admin=overview.is_admin locale=locale/>
        <AuditSection lines=overview.audit locale=locale/>
        {overview
            .is_admin
            .then(|| view! { <OutboxSection lines=overview.outbox locale=locale/> })}
    }
}

#[component]
fn PhaseSection(phase: Phase, is_admin: bool, locale: Locale) -> impl IntoView {
    let t = locale.messages();
    let action = <ChangePhase as ServerFn>::PATH;
    let body = if is_admin {
        let choices = [Phase::Closed, Phase::Extended, Phase::Open]
            .into_iter()
            .map(|p| {
                let id = format!("phase-{}", p.number());
                view! {
                    <p class="radio">
                        <input
                            type="radio"
                            name="phase"
                            id=id.clone()
                            value=p.number().to_string()
                            checked=p == phase
                        />
                        <label for=id>{p.describe(t)}</label>
                    </p>
                }
            })
            .collect_view();
        view! {
            <form method="post" action=action>
                <fieldset>
                    <legend>{t.staff.staff_phase_heading}</legend>
                    {choices}
                </fieldset>
                <p>
                    <button type="submit" class="button">{t.staff.staff_phase_submit}</button>
                </p>
            </form>
        }
        .into_any()
    } else {
        view! {
            <p>
                <strong>{phase.describe(t)}</strong>
            </p>
            <p>{t.staff.staff_phase_admin_only}</p>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="phase-heading">
            <h2 id="phase-heading">{t.staff.staff_phase_heading}</h2>
            <p>{t.staff.staff_phase_intro}</p>
            {body}
        </section>
    }
}

#[component]
fn AuditSection(lines: Vec<AuditLine>, locale: Locale) -> impl IntoView {
    let t = locale.messages();
    let body = if lines.is_empty() {
        view! { <p>{t.staff.staff_audit_empty}</p> }.into_any()
    } else {
        let rows = lines
            .into_iter()
            .map(|line| {
                let change = format!(
                    "{} → {}",
                    line.before.unwrap_or_else(|| "—".into()),
                    line.after.unwrap_or_else(|| "—".into())
                );
                view! {
                    <tr>
                        <td>{format_date_time(line.at, locale)}</td>
                        <td>{line.actor.unwrap_or_else(|| "—".into())}</td>
                        <td>
                            <code>{line.action}</code>
                        </td>
                        <td>{line.target}</td>
                        <td class="wrap">{change}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{t.staff.staff_audit_when}</th>
                            <th scope="col">{t.staff.staff_audit_who}</th>
                            <th scope="col">{t.staff.staff_audit_what}</th>
                            <th scope="col">{t.staff.staff_audit_target}</th>
                            <th scope="col">{t.staff.staff_audit_change}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="audit-heading">
            <h2 id="audit-heading">{t.staff.staff_audit_heading}</h2>
            {body}
        </section>
    }
}

#[component]
fn OutboxSection(lines: Vec<OutboxLine>, locale: Locale) -> impl IntoView {
    let t = locale.messages();
    let body = if lines.is_empty() {
        view! { <p>{t.staff.staff_outbox_empty}</p> }.into_any()
    } else {
        lines
            .into_iter()
            .map(|mail| {
                let status = match mail.sent_at {
                    Some(at) => format!("{} {}", t.staff.staff_outbox_sent, format_date_time(at, locale)),
                    None => match mail.last_error {
                        Some(error) => format!("{} ({error})", t.staff.staff_outbox_waiting),
                        None => t.staff.staff_outbox_waiting.to_string(),
                    },
                };
                view! {
                    <details class="mail">
                        <summary>
                            {format_date_time(mail.created_at, locale)} " · " {t.staff.staff_outbox_to}
                            ": " {mail.recipient} " · " {mail.subject} " · " {status}
                        </summary>
                        <pre>{mail.body}</pre>
                    </details>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section aria-labelledby="outbox-heading">
            <h2 id="outbox-heading">{t.staff.staff_outbox_heading}</h2>
            <p>{t.staff.staff_outbox_intro}</p>
            {body}
        </section>
    }
}
