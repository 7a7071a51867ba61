//! The filterable list of themes on the home page (an island).
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::i18n::{fold, Template};

/// A theme as the list shows it, with its date already formatted on the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeCard {
    pub id: i32,
    pub name: String,
    pub description: String,
    pub added: String,
}

/// The strings of the filter, in the page's language (islands get their text as props).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeFilterText {
    pub label: String,
    pub hint: String,
    pub button: String,
    /// (shown, total)
    pub count: Template<2>,
    /// (what was typed)
    pub none: Template<1>,
    pub empty: String,
}

/// The themes with a filter. Without WebAssembly the filter is a plain GET form answered by the
/// server (`?q=`); once hydrated it filters as the person types.
/// The texts come as separate props: every struct an island takes costs its own decoder in the
/// WebAssembly.
#[allow(clippy::too_many_arguments)]
#[island(lazy)]
pub fn ThemeFilter(
    themes: Vec<ThemeCard>,
    query: String,
    label: String,
    hint: String,
    button: String,
    count: Template<2>,
    none: Template<1>,
    empty: String,
) -> impl IntoView {
    let text = ThemeFilterText {
        label,
        hint,
        button,
        count,
        none,
        empty,
    };
    let (current, set_current) = signal(query.clone());
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));

    let total = themes.len();
    let indexed: Vec<(String, ThemeCard)> = themes
        .into_iter()
        .map(|t| (fold(&format!("{} {}", t.name, t.description)), t))
        .collect();
    let indexed = StoredValue::new(indexed);
    let visible = Memo::new(move |_| {
        let needle = fold(current.get().trim());
        indexed.with_value(|all| {
            all.iter()
                .filter(|(haystack, _)| needle.is_empty() || haystack.contains(&needle))
                .map(|(_, card)| card.clone())
                .collect::<Vec<_>>()
        })
    });

    let ThemeFilterText {
        label,
        hint,
        button,
        count,
        none,
        empty,
    } = text;
    let status = move || {
        let shown = visible.with(Vec::len);
        if total == 0 {
            empty.clone()
        } else if shown == 0 {
            none.fill([current.get().trim()])
        } else {
            count.fill([&shown.to_string(), &total.to_string()])
        }
    };

    view! {
        <form
            class="filter"
            method="get"
            action="/"
            role="search"
            data-hydrated=move || hydrated.get().to_string()
        >
            <label for="theme-filter">{label}</label>
            <p id="theme-filter-hint" class="hint">{hint}</p>
            <div class="filter-row">
                <input
                    id="theme-filter"
                    name="q"
                    type="search"
                    autocomplete="off"
                    aria-describedby="theme-filter-hint"
                    value=query
                    prop:value=current
                    on:input=move |ev| set_current.set(event_target_value(&ev))
                />
                <button type="submit" class="button">{button}</button>
            </div>
        </form>
        <p class="filter-status" role="status">{status}</p>
        <ul class="theme-list">
            <For each=move || visible.get() key=|card| card.id let:card>
                <li class="card">
                    <h3>{card.name}</h3>
                    <p>{card.description}</p>
                    <p class="meta">{card.added}</p>
                </li>
            </For>
        </ul>
    }
}
