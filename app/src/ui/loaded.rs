//! What a page shows for data it loads: the content, the not-found page for what the viewer may
//! not see (DESIGN: a 404, never a hint that it exists), or the error with its status.
use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};

use super::errors::{ErrorNotice, NotFound};
use crate::error::AppError;

/// The view of a loaded result.
pub fn loaded<T, V>(result: Result<T, AppError>, content: impl FnOnce(T) -> V) -> AnyView
where
    V: IntoView + 'static,
{
    match result {
        Ok(value) => content(value).into_any(),
        Err(error) => failed(error),
    }
}

/// The view of an error in place of a page's content: the not-found page for `NotFound`, else
/// the error's message (and its status).
pub fn failed(error: AppError) -> AnyView {
    match error {
        AppError::NotFound => view! { <NotFound/> }.into_any(),
        error => view! { <ErrorNotice error=error/> }.into_any(),
    }
}

/// Waits for a resource on the server (pages render complete, readable before any WebAssembly)
/// and shows it with [`loaded`].
#[component]
pub fn Loaded<T, V, F>(data: Resource<Result<T, AppError>>, view: F) -> impl IntoView
where
    T: Clone + Serialize + DeserializeOwned + Send + Sync + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense>
            {move || {
                let content = view.clone();
                Suspend::new(async move { loaded(data.await, content) })
            }}
        </Suspense>
    }
}
