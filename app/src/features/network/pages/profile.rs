//! The profile editor on `/profilo`: name, photo, short bio, phone, who sees one's contacts and
//! the themes one follows.
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::{cards::ImageForm, image_url};
use crate::{
    features::network::{
        api::{fetch_profile_editor, UpdateProfile},
        types::{ContactVisibility, ProfileEditor},
    },
    i18n::use_messages,
    ui::{came_back, typed, typed_all, Input, Loaded, TextField},
};

#[component]
pub fn ProfileEditorSection() -> impl IntoView {
    let editor = Resource::new_blocking(|| (), |_| fetch_profile_editor());
    view! {
        <Loaded data=editor view=move |editor| view! { <ProfileForms editor=editor/> }/>
    }
}

#[component]
fn ProfileForms(editor: ProfileEditor) -> impl IntoView {
    let t = use_messages();
    let action = <UpdateProfile as ServerFn>::PATH;
    // After a refused post, what was typed comes back.
    let value = |name: &str, stored: String| typed(action, name).unwrap_or(stored);
    let display_name = value("display_name", editor.display_name.clone());
    let bio = value("bio", editor.bio.clone());
    let phone = value("phone", editor.phone.clone());
    let visibility_chosen = typed(action, "contact_visibility")
        .and_then(|v| ContactVisibility::parse(&v))
        .unwrap_or(editor.contact_visibility);
    let followed: Vec<i32> = if came_back(action) {
        typed_all(action, "themes")
            .iter()
            .filter_map(|id| id.parse().ok())
            .collect()
    } else {
        editor.followed.clone()
    };
    let visibility = ContactVisibility::ALL
        .iter()
        .copied()
        .map(|v| {
            let id = format!("contact-{}", v.as_str());
            view! {
                <p class="radio">
                    <input
                        type="radio"
                        name="contact_visibility"
                        id=id.clone()
                        value=v.as_str()
                        checked=visibility_chosen == v
                    />
                    <label for=id>{(t.network.contact_visibility_label)(v)}</label>
                </p>
            }
        })
        .collect_view();
    let themes = editor
        .themes
        .iter()
        .map(|theme| {
            let id = format!("follow-{}", theme.id);
            view! {
                <p class="checkbox">
                    <input
                        type="checkbox"
                        id=id.clone()
                        name="themes[]"
                        value=theme.id.to_string()
                        checked=followed.contains(&theme.id)
                    />
                    <label for=id>{theme.name.clone()}</label>
                </p>
            }
        })
        .collect_view();
    let has_photo = editor.photo.is_some();
    view! {
        <section aria-labelledby="public-profile">
            <h2 id="public-profile">{t.network.profile_public_heading}</h2>
            <p>{t.network.profile_public_intro}</p>
            <form class="stacked" method="post" action=action>
                <TextField
                    id="display_name"
                    name="display_name"
                    label=t.accounts.sign_up_display_name
                    value=display_name
                    required=true
                    maxlength=80
                    autocomplete="name"
                />
                <p>
                    <label for="bio">{t.network.profile_bio}</label>
                    <textarea
                        id="bio"
                        name="bio"
                        rows="4"
                        maxlength="1000"
                        aria-describedby="bio-hint"
                        inner_html=crate::ui::escape_html(&bio)
                    ></textarea>
                    <span class="hint" id="bio-hint">{t.network.profile_bio_hint}</span>
                </p>
                <TextField
                    id="phone"
                    name="phone"
                    label=t.network.profile_phone
                    value=phone
                    input=Input::Tel
                    maxlength=40
                    autocomplete="tel"
                />
                <fieldset>
                    <legend>{t.network.profile_contact_visibility}</legend>
                    {visibility}
                </fieldset>
                <fieldset>
                    <legend>{t.network.profile_followed_themes}</legend>
                    {themes}
                </fieldset>
                <p>
                    <button type="submit" class="button">{t.save}</button>
                </p>
            </form>
        </section>
        <section aria-labelledby="photo">
            <h2 id="photo">{t.network.profile_photo_heading}</h2>
            {editor
                .photo
                .map(|id| {
                    view! {
                        <img
                            class="picture round large"
                            src=image_url(id)
                            alt=t.network.profile_photo_alt
                            width="96"
                            height="96"
                        />
                    }
                })}
            <ImageForm action="/profilo/foto".to_owned() id="photo-file" has_image=has_photo/>
        </section>
    }
}
