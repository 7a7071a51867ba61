//! `/staff/persone`: find people, change their role, disable or re-enable their accounts.
//! 404 for anyone but staff and admins.
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{
    api::{console_people, ChangePersonRole, SetPersonDisabled},
    types::{PeopleConsole, PersonLine},
};
use crate::{
    i18n::{format_date, use_locale, Locale},
    kernel::identity::Role,
    ui::{form_error, loaded, FormError},
};

#[component]
pub fn StaffPeoplePage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map().read_untracked();
    let q = query.get("q").unwrap_or_default();
    let done = query.get("fatto").is_some();
    let key = q.clone();
    let people = Resource::new_blocking(move || key.clone(), console_people);
    view! {
        <Suspense>
            {move || {
                let q = q.clone();
                Suspend::new(async move {
                    loaded(people.await, |console| {
                            view! { <People console=console q=q done=done locale=locale/> }
                                .into_any()
                        })
                })
            }}
        </Suspense>
    }
}

#[component]
fn People(console: PeopleConsole, q: String, done: bool, locale: Locale) -> impl IntoView {
    let t = locale.messages();
    let rows = console
        .people
        .into_iter()
        .map(|person| view! { <PersonRow person=person is_admin=console.is_admin q=q.clone() locale=locale/> })
        .collect_view();
    view! {
        <Title text=format!("{} · {}", t.staff.staff_people_title, t.site_name)/>
        <h1>{t.staff.staff_people_title}</h1>
        <p>
            <a href="/staff">{t.staff.staff_title}</a>
        </p>
        {done.then(|| view! { <p class="notice" role="status">{t.network.organisation_saved}</p> })}
        <FormError error=form_error()/>
        <div role="search">
            <form class="filters" method="get" action="/staff/persone">
                <p>
                    <label for="q">{t.staff.staff_people_search}</label>
                    <input id="q" name="q" type="search" value=q.clone() maxlength="100"/>
                </p>
                <p>
                    <button type="submit" class="button">{t.network.network_filter}</button>
                </p>
            </form>
        </div>
        <div class="table-wrap">
            <table>
                <caption>{t.staff.staff_people_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.staff.staff_people_person}</th>
                        <th scope="col">{t.staff.staff_people_organisations}</th>
                        <th scope="col">{t.staff.staff_people_role}</th>
                        <th scope="col">{t.staff.staff_people_account}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
fn PersonRow(person: PersonLine, is_admin: bool, q: String, locale: Locale) -> impl IntoView {
    let t = locale.messages();
    let team = |role: Role| role >= Role::Staff;
    let manageable = !person.is_self && (is_admin || !team(person.role));
    let roles: Vec<Role> = [
        Role::Registered,
        Role::Member,
        Role::Expert,
        Role::Staff,
        Role::Admin,
    ]
    .into_iter()
    .filter(|role| is_admin || !team(*role))
    .collect();
    let role_action = <ChangePersonRole as ServerFn>::PATH;
    let account_action = <SetPersonDisabled as ServerFn>::PATH;
    let user_id = person.user_id.to_string();
    let role_select = format!("role-{}", person.user_id);
    let name = person.display_name.clone();
    let role_cell = if manageable {
        let options = roles
            .into_iter()
            .map(|role| {
                view! {
                    <option value=role.as_str() selected=role == person.role>
                        {(t.role_label)(role)}
                    </option>
                }
            })
            .collect_view();
        view! {
            <form method="post" action=role_action class="inline">
                <input type="hidden" name="user_id" value=user_id.clone()/>
                <input type="hidden" name="q" value=q.clone()/>
                <label for=role_select.clone() class="visually-hidden">
                    {t.staff.staff_people_role} ": " {name.clone()}
                </label>
                <select id=role_select name="role">{options}</select>
                " "
                <button type="submit" class="link-button">{t.staff.staff_people_change_role}</button>
            </form>
        }
        .into_any()
    } else {
        view! { {(t.role_label)(person.role)} }.into_any()
    };
    let status = if person.disabled {
        t.staff.staff_people_disabled
    } else {
        t.staff.staff_people_active
    };
    let account_form = manageable.then(|| {
        let (value, label) = if person.disabled {
            ("0", t.staff.staff_people_enable)
        } else {
            ("1", t.staff.staff_people_disable)
        };
        view! {
            <form method="post" action=account_action class="inline">
                <input type="hidden" name="user_id" value=user_id.clone()/>
                <input type="hidden" name="q" value=q.clone()/>
                <button type="submit" name="disabled" value=value class="link-button">
                    {label}
                    <span class="visually-hidden">": " {name.clone()}</span>
                </button>
            </form>
        }
    });
    view! {
        <tr>
            <td>
                <strong>{person.display_name.clone()}</strong>
                <br/>
                "@"
                {person.username}
                " · "
                {person.email}
                <br/>
                <span class="meta">{(t.staff.staff_people_since)(&format_date(person.created_at, locale))}</span>
            </td>
            <td>{person.organisations.join(", ")}</td>
            <td>{role_cell}</td>
            <td>
                {status}
                {person.second_factor.then(|| view! { " · " {t.staff.staff_people_second_factor} })}
                {account_form}
            </td>
        </tr>
    }
}
