//! `/wiki/promuovi?messaggio=<id>`: staff bring an accepted answer into the wiki, as a new page
//! or at the end of an existing one; the page keeps a line saying where the text came from.
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::{
    features::wiki::{
        api::{fetch_promote_form, PromoteAnswer},
        types::PromoteForm,
    },
    i18n::use_messages,
    ui::{form_error, query_param, FormError, Loaded, PersonName, TextField},
};

#[component]
pub fn PromotePage() -> impl IntoView {
    let t = use_messages();
    let post_id = query_param("messaggio").parse::<i32>().unwrap_or(0);
    let data = Resource::new_blocking(move || post_id, fetch_promote_form);
    view! {
        <Title text=format!("{} · {}", t.wiki.promote_title, t.site_name)/>
        <h1>{t.wiki.promote_title}</h1>
        <FormError error=form_error()/>
        <Loaded data=data view=move |form| view! { <PromoteFormView form=form/> }/>
    }
}

#[component]
fn PromoteFormView(form: PromoteForm) -> impl IntoView {
    let t = use_messages();
    let action = <PromoteAnswer as ServerFn>::PATH;
    let options = move || {
        form.spaces
            .iter()
            .map(|s| view! { <option value=s.slug.clone()>{s.name.clone()}</option> })
            .collect_view()
    };
    let (new_options, append_options) = (options.clone(), options);
    view! {
        <p class="lead">
            {t.wiki.promote_intro} " "
            <a href=format!("/forum/m/{}", form.post_id)>{form.question.clone()}</a>
            " (" <PersonName person=form.author.clone()/> ")"
        </p>
        <blockquote class="post-body" inner_html=form.html.clone()></blockquote>
        <form method="post" action=action class="stacked">
            <input type="hidden" name="post_id" value=form.post_id.to_string()/>
            <fieldset>
                <legend>{t.wiki.promote_new}</legend>
                <input type="hidden" name="mode" value="nuova"/>
                <p>
                    <label for="space-new">{t.wiki.space_filter}</label>
                    <select id="space-new" name="space">{new_options}</select>
                </p>
                <TextField
                    id="title"
                    name="title"
                    label=t.forum.title_label
                    value=form.question.clone()
                    maxlength=200
                />
                <p>
                    <label for="parent">{t.wiki.parent_label}</label>
                    <span class="hint" id="parent-hint">{t.wiki.parent_hint}</span>
                    <input id="parent" name="parent" type="text" maxlength="240" aria-describedby="parent-hint"/>
                </p>
                <input type="hidden" name="path" value=""/>
                <p>
                    <button type="submit" class="button">{t.wiki.promote_button}</button>
                </p>
            </fieldset>
        </form>
        <form method="post" action=action class="stacked">
            <input type="hidden" name="post_id" value=form.post_id.to_string()/>
            <input type="hidden" name="mode" value="aggiungi"/>
            <input type="hidden" name="title" value=""/>
            <input type="hidden" name="parent" value=""/>
            <fieldset>
                <legend>{t.wiki.promote_append}</legend>
                <p>
                    <label for="space-append">{t.wiki.space_filter}</label>
                    <select id="space-append" name="space">{append_options}</select>
                </p>
                <p>
                    <label for="path">{t.wiki.append_path_label}</label>
                    <span class="hint" id="path-hint">{t.wiki.append_path_hint}</span>
                    <input id="path" name="path" type="text" maxlength="240" required aria-describedby="path-hint"/>
                </p>
                <p>
                    <button type="submit" class="button secondary">{t.wiki.promote_button}</button>
                </p>
            </fieldset>
        </form>
    }
}
