//! The filterable list of themes on the home page. The server renders the whole of it: without
//! WebAssembly the filter is a plain GET form answered by the server (`?q=`); once the small
//! `ThemeFilter` island runs it filters the same cards in place as the person types (see
//! `ui::live`: an island without props or views of its own costs the page little).
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

/// The strings of the filter, in the page's language.
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

impl ThemeFilterText {
    /// What the status line says when `shown` of `total` themes match `query`.
    fn status(&self, shown: usize, total: usize, query: &str) -> String {
        if total == 0 {
            self.empty.clone()
        } else if shown == 0 {
            self.none.fill([query.trim()])
        } else {
            self.count.fill([&shown.to_string(), &total.to_string()])
        }
    }
}

/// What a card is searched by: its name and description, without case or accents.
fn haystack(card: &ThemeCard) -> String {
    fold(&format!("{} {}", card.name, card.description))
}

/// The themes with their filter. The cards that match `query` are in the list; the others wait
/// in a `<template>` (not shown, not read by assistive technology) for the island to bring back.
#[component]
pub fn ThemeFilterArea(
    themes: Vec<ThemeCard>,
    query: String,
    text: ThemeFilterText,
) -> impl IntoView {
    let needle = fold(query.trim());
    let total = themes.len();
    let (shown, rest): (Vec<_>, Vec<_>) = themes
        .into_iter()
        .enumerate()
        .map(|(order, card)| (order, haystack(&card), card))
        .partition(|(_, haystack, _)| needle.is_empty() || haystack.contains(&needle));
    let status = text.status(shown.len(), total, &query);
    let cards = |list: Vec<(usize, String, ThemeCard)>| {
        list.into_iter()
            .map(|(order, haystack, card)| {
                view! {
                    <li class="card" data-order=order data-search=haystack>
                        <h3>{card.name}</h3>
                        <p>{card.description}</p>
                        <p class="meta">{card.added}</p>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <div
            class="theme-filter"
            data-count=text.count.message().to_string()
            data-none=text.none.message().to_string()
            data-empty=text.empty.clone()
        >
            <form class="filter" method="get" action="/" role="search" data-hydrated="false">
                <label for="theme-filter">{text.label}</label>
                <p id="theme-filter-hint" class="hint">{text.hint}</p>
                <div class="filter-row">
                    <input
                        id="theme-filter"
                        name="q"
                        type="search"
                        autocomplete="off"
                        aria-describedby="theme-filter-hint"
                        value=query
                    />
                    <button type="submit" class="button">{text.button}</button>
                </div>
            </form>
            <p class="filter-status" role="status">{status}</p>
            <ul class="theme-list">{cards(shown)}</ul>
            <template class="theme-rest">{cards(rest)}</template>
            <ThemeFilter/>
        </div>
    }
}

/// Once its WebAssembly runs, the filter narrows the cards as the person types, without a round
/// trip (the form says `data-hydrated="true"`; tests wait for it).
#[island(lazy)]
pub fn ThemeFilter() -> impl IntoView {
    let hook = crate::ui::live::Hook::new();
    #[cfg(feature = "hydrate")]
    crate::ui::live::when_hydrated(hook, ".theme-filter", browser::start);
    crate::ui::live::hook_view(hook)
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::rc::Rc;

    use wasm_bindgen::JsCast;
    use web_sys::{Element, HtmlInputElement, HtmlTemplateElement};

    use super::ThemeFilterText;
    use crate::i18n::{fold, Template};
    use crate::ui::live::{data, on, set_text, text};

    struct State {
        input: HtmlInputElement,
        list: Element,
        status: Element,
        /// Every card in the order the server gave them, with what it is searched by.
        cards: Vec<(String, Element)>,
        text: ThemeFilterText,
    }

    fn children(parent: &Element) -> Vec<Element> {
        let all = parent.children();
        (0..all.length()).filter_map(|i| all.item(i)).collect()
    }

    pub fn start(root: Element) {
        let find = |selector: &str| root.query_selector(selector).ok().flatten();
        let (Some(form), Some(input), Some(list), Some(status)) = (
            find("form.filter"),
            find("#theme-filter").and_then(|e| e.dyn_into::<HtmlInputElement>().ok()),
            find(".theme-list"),
            find(".filter-status"),
        ) else {
            return;
        };
        let mut cards = children(&list);
        if let Some(rest) =
            find(".theme-rest").and_then(|e| e.dyn_into::<HtmlTemplateElement>().ok())
        {
            let content = rest.content();
            let all = content.children();
            cards.extend((0..all.length()).filter_map(|i| all.item(i)));
        }
        cards.sort_by_key(|card| data::<usize>(card, "data-order").unwrap_or(usize::MAX));
        let state = Rc::new(State {
            input,
            list,
            status,
            cards: cards
                .into_iter()
                .map(|card| (text(&card, "data-search"), card))
                .collect(),
            text: ThemeFilterText {
                label: String::new(),
                hint: String::new(),
                button: String::new(),
                count: Template::from_message(text(&root, "data-count")),
                none: Template::from_message(text(&root, "data-none")),
                empty: text(&root, "data-empty"),
            },
        });
        let later = state.clone();
        on(&state.input, "input", move |_| filter(&later));
        let _ = form.set_attribute("data-hydrated", "true");
    }

    /// Shows the cards that match what is typed, in their order, and says how many.
    fn filter(state: &State) {
        let typed = state.input.value();
        let needle = fold(typed.trim());
        let mut shown = 0;
        for (haystack, card) in &state.cards {
            if needle.is_empty() || haystack.contains(&needle) {
                // Appending a card already in the list moves it to the end: in order, it ends
                // up where it belongs.
                let _ = state.list.append_child(card);
                shown += 1;
            } else {
                card.remove();
            }
        }
        set_text(
            &state.status,
            &state.text.status(shown, state.cards.len(), &typed),
        );
    }
}
