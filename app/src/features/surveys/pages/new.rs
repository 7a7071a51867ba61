//! `/questionari/nuovo`: staff create a survey, then build it on its page.
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::{
    features::{groups::api::list_groups, surveys::api::CreateSurvey},
    i18n::use_messages,
    ui::{form_error, typed, FormError, Input, TextField},
};

#[component]
pub fn NewSurveyPage() -> impl IntoView {
    let t = use_messages();
    let s = t.surveys;
    let form = <CreateSurvey as ServerFn>::PATH;
    let kept = |name: &str| typed(form, name).unwrap_or_default();
    let checked = |name: &str| !kept(name).is_empty();
    let scope = Some(kept("scope"))
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "members".into());
    let general = [
        ("public", t.forum.scope_public),
        ("registered", t.forum.scope_registered),
        ("members", t.forum.scope_members),
        ("staff", t.forum.scope_staff),
    ]
    .into_iter()
    .map(|(value, label)| {
        let selected = scope == value;
        view! { <option value=value selected=selected>{label}</option> }
    })
    .collect_view();
    // A working group's survey: for the group (and staff) only.
    let groups = Resource::new_blocking(|| (), |_| list_groups());
    let chosen = scope.clone();
    let group_options = move || {
        let chosen = chosen.clone();
        Suspend::new(async move {
            let list = groups.await.map(|l| l.groups).unwrap_or_default();
            (!list.is_empty()).then(|| {
                let options = list
                    .into_iter()
                    .map(|g| {
                        let value = format!("group:{}", g.id);
                        let selected = chosen == value;
                        view! { <option value=value selected=selected>{g.name}</option> }
                    })
                    .collect_view();
                view! { <optgroup label=t.forum.scope_group>{options}</optgroup> }
            })
        })
    };
    let scopes = view! {
        {general}
        <Suspense>{group_options}</Suspense>
    };
    view! {
        <Title text=format!("{} · {}", s.new_survey, t.site_name)/>
        <p class="breadcrumb">
            <a href="/questionari">{s.title}</a>
        </p>
        <h1>{s.new_survey}</h1>
        <FormError error=form_error()/>
        <form method="post" action={<CreateSurvey as ServerFn>::PATH} class="survey-new">
            <TextField
                id="title"
                name="title"
                label=s.title_label
                value=kept("title")
                required=true
                maxlength=200
            />
            <p>
                <label for="description">{s.description_label}</label>
                <textarea
                    id="description"
                    name="description"
                    rows="4"
                    maxlength="4000"
                    inner_html=crate::ui::escape_html(&kept("description"))
                ></textarea>
            </p>
            <p>
                <label for="scope">{t.forum.scope_label}</label>
                <select id="scope" name="scope">{scopes}</select>
            </p>
            <TextField
                id="opens_at"
                name="opens_at"
                label=s.opens_label
                value=kept("opens_at")
                input=Input::DateTime
            />
            <TextField
                id="closes_at"
                name="closes_at"
                label=s.closes_label
                value=kept("closes_at")
                input=Input::DateTime
                required=true
            />
            <p>
                <input type="checkbox" id="anonymous" name="anonymous" value="1" checked=checked("anonymous")/>
                <label for="anonymous">{s.anonymous_label}</label>
            </p>
            <p>
                <input
                    type="checkbox"
                    id="publish_results"
                    name="publish_results"
                    value="1"
                    checked=checked("publish_results")
                />
                <label for="publish_results">{s.publish_label}</label>
            </p>
            <p>
                <button type="submit" class="button">{s.create}</button>
            </p>
        </form>
    }
}
