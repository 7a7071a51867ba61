//! Labelled form fields: the label, an optional hint tied to the field (`aria-describedby`), and
//! the field with what the person typed, so every form reads the same to a screen reader.
use leptos::prelude::*;

/// What a one-line field holds, as the browser should treat it (keyboard, autofill, checks).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Input {
    #[default]
    Text,
    Email,
    Password,
    Number,
    Url,
    Tel,
    DateTime,
}

impl Input {
    fn as_str(self) -> &'static str {
        match self {
            Input::Text => "text",
            Input::Email => "email",
            Input::Password => "password",
            Input::Number => "number",
            Input::Url => "url",
            Input::Tel => "tel",
            Input::DateTime => "datetime-local",
        }
    }
}

/// A labelled one-line field. `verbatim` is for names typed exactly (usernames, codes): no
/// capitals or spelling corrections from the phone's keyboard.
#[allow(clippy::too_many_arguments)]
#[component]
pub fn TextField(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(into, optional)] value: Option<String>,
    #[prop(optional)] input: Input,
    #[prop(optional)] required: bool,
    #[prop(optional)] minlength: Option<usize>,
    #[prop(optional)] maxlength: Option<usize>,
    #[prop(optional)] pattern: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] verbatim: bool,
    #[prop(optional)] readonly: bool,
) -> impl IntoView {
    let hint_id = hint.map(|_| format!("{id}-hint"));
    view! {
        <p>
            <label for=id.clone()>{label}</label>
            {hint.map(|text| view! { <span id=hint_id.clone() class="hint">{text}</span> })}
            <input
                id=id
                name=name
                type=input.as_str()
                value=value
                required=required
                minlength=minlength
                maxlength=maxlength
                pattern=pattern
                autocomplete=autocomplete
                autocapitalize=verbatim.then_some("none")
                spellcheck=verbatim.then_some("false")
                readonly=readonly
                aria-describedby=hint_id
            />
        </p>
    }
}

/// A labelled text area.
#[component]
pub fn TextArea(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(into, optional)] value: Option<String>,
    #[prop(default = 4)] rows: u32,
    #[prop(optional)] required: bool,
    #[prop(optional)] maxlength: Option<usize>,
) -> impl IntoView {
    let hint_id = hint.map(|_| format!("{id}-hint"));
    view! {
        <p>
            <label for=id.clone()>{label}</label>
            {hint.map(|text| view! { <span id=hint_id.clone() class="hint">{text}</span> })}
            <textarea
                id=id
                name=name
                rows=rows
                required=required
                maxlength=maxlength
                aria-describedby=hint_id
                inner_html=crate::ui::escape_html(value.as_deref().unwrap_or_default())
            ></textarea>
        </p>
    }
}
