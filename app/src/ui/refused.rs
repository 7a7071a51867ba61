//! A refused form on its page: the error it came back with and what the person had typed
//! (`server::refused::refuse` sends it back; the server's middleware finds what was typed).
use leptos::prelude::*;
use leptos::server_fn::error::ServerFnUrlError;
use leptos_router::hooks::use_query_map;

use crate::{error::AppError, i18n::use_messages};

/// The error a plain form post came back with: Leptos sends a browser without WebAssembly back
/// to the form with the error in the query (`__err`).
pub fn form_error() -> Option<AppError> {
    use_query_map()
        .read_untracked()
        .get("__err")
        .map(|e| ServerFnUrlError::<AppError>::decode_err(&e))
}

#[component]
pub fn FormError(error: Option<AppError>) -> impl IntoView {
    let t = use_messages();
    error.map(|error| {
        view! {
            <div class="error-notice" role="alert">
                <p>{error.message(t)}</p>
            </div>
        }
    })
}

/// What the person typed into the field `name` of `form` (the server function's address) before
/// it was refused; `None` when the page was not reached by that refusal.
pub fn typed(form: &str, name: &str) -> Option<String> {
    typed_all(form, name).into_iter().next()
}

/// Whether this page was reached by `form` being refused (its values are then what was typed,
/// an empty list of checkboxes included).
pub fn came_back(form: &str) -> bool {
    refused(form).is_some()
}

/// Every value typed into the field `name` of `form` (checkboxes, multiple choices).
pub fn typed_all(form: &str, name: &str) -> Vec<String> {
    refused(form)
        .map(|fields| {
            fields
                .into_iter()
                .filter(|(field, _)| field == name)
                .map(|(_, value)| value)
                .collect()
        })
        .unwrap_or_default()
}

/// What was typed into `form`, if this page was reached by its refusal.
fn refused(form: &str) -> Option<Vec<(String, String)>> {
    #[cfg(feature = "ssr")]
    {
        let came_back = use_query_map().read_untracked().get("__err").is_some();
        let refused = use_context::<http::request::Parts>()?
            .extensions
            .get::<crate::server::refused::RefusedForm>()
            .cloned()?;
        (came_back && refused.form == form).then_some(refused.fields)
    }
    // Pages render on the server; the browser never shows a refused form's values itself.
    #[cfg(not(feature = "ssr"))]
    {
        let _ = form;
        None
    }
}
