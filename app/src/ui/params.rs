//! Reading a page's address: query parameters and the numeric `:id` of a route.
use leptos::prelude::*;

/// Reads a query parameter of the current address.
pub fn query_param(name: &str) -> String {
    leptos_router::hooks::use_query_map()
        .read_untracked()
        .get(name)
        .unwrap_or_default()
}

/// Reads a numeric route parameter (`:id`); anything else is 0, which is never found.
pub fn id_param() -> i32 {
    leptos_router::hooks::use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse().ok())
        .unwrap_or(0)
}
