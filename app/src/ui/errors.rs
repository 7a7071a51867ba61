//! How errors look: a clear, localised message and the right HTTP status, never internals.
use leptos::prelude::*;
use leptos_meta::Title;

use crate::{error::AppError, i18n::use_messages};

/// Sets the HTTP status of the page being rendered on the server.
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(code),
    ) {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// The page for an address that does not exist or that the viewer may not see.
#[component]
pub fn NotFound() -> impl IntoView {
    set_status(404);
    let t = use_messages();
    view! {
        <Title text=format!("{} · {}", t.not_found_title, t.site_name)/>
        <h1>{t.not_found_title}</h1>
        <p class="lead">{t.error_not_found}</p>
        <p>
            <a href="/">{t.back_home}</a>
        </p>
    }
}

/// An error in place of content that could not be loaded; sets the page's status too.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    set_status(error.status());
    let t = use_messages();
    view! {
        <div class="error-notice" role="alert">
            <h2>{t.error_title}</h2>
            <p>{error.message(t)}</p>
        </div>
    }
}
