//! `/staff/segnalazioni`: the reports staff work through — dismiss, or hide the post. A 404 for
//! anyone else.
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::{
    error::AppError,
    features::forum::{
        api::{fetch_reports, ResolveReport},
        types::ReportView,
    },
    i18n::{format_date_time, use_locale, use_messages},
    ui::{failed, form_error, FormError, NotFound, PersonName},
};

#[component]
pub fn ReportsPage() -> impl IntoView {
    let t = use_messages();
    let data = Resource::new_blocking(|| (), |_| fetch_reports());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(reports) => {
                        view! {
                            <Title text=format!("{} · {}", t.forum.reports_title, t.site_name)/>
                            <p class="meta">
                                <a href="/staff">{t.staff.staff_sections}</a>
                            </p>
                            <h1>{t.forum.reports_title}</h1>
                            <FormError error=form_error()/>
                            <ReportList reports=reports/>
                        }
                            .into_any()
                    }
                    Err(AppError::Forbidden) => view! { <NotFound/> }.into_any(),
                    Err(error) => failed(error),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ReportList(reports: Vec<ReportView>) -> impl IntoView {
    let locale = use_locale();
    let t = locale.messages();
    if reports.is_empty() {
        return view! { <p class="notice">{t.forum.reports_empty}</p> }.into_any();
    }
    let action = <ResolveReport as ServerFn>::PATH;
    view! {
        <ul class="report-list">
            {reports
                .into_iter()
                .map(|r| {
                    let when = format_date_time(r.created_at, locale);
                    view! {
                        <li class="card">
                            <h2>
                                <a href=format!("/forum/m/{}", r.post_id)>{r.thread_title}</a>
                            </h2>
                            <p class="meta">
                                {t.forum.reported_by} " " <PersonName person=r.reporter/> " · "
                                <time datetime=r.created_at.to_rfc3339()>{when}</time>
                            </p>
                            <p>
                                <strong>{t.forum.report_reason} ": "</strong>
                                {r.reason}
                            </p>
                            <blockquote>
                                <p class="meta">
                                    <PersonName person=r.post_author/>
                                    {r
                                        .post_hidden
                                        .then(|| {
                                            view! {
                                                " "
                                                <span class="badge danger">{t.forum.badge_hidden}</span>
                                            }
                                        })}
                                </p>
                                <p>{r.excerpt}</p>
                            </blockquote>
                            <form method="post" action=action class="inline">
                                <input type="hidden" name="report_id" value=r.id.to_string()/>
                                <button type="submit" name="decision" value="hide" class="button">
                                    {t.forum.report_hide}
                                </button>
                                " "
                                <button
                                    type="submit"
                                    name="decision"
                                    value="dismiss"
                                    class="button secondary"
                                >
                                    {t.forum.report_dismiss}
                                </button>
                            </form>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
