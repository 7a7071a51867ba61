//! Rendered fragments kept by what they show: a component whose HTML depends only on its inputs
//! (and the page's language) renders once per distinct input, and the next page that shows the
//! same input gets the same HTML without rendering it again. The key *is* the input, compared
//! whole on every lookup, so a change to anything the fragment shows is a new key: nothing to
//! invalidate, and nothing stale can be served (docs/decisions/0013-request-costs.md).
//!
//! Memory is bounded by two generations: new fragments go into the current one; when it holds
//! more than its share of bytes it becomes the previous one (the older previous is dropped), and
//! a fragment found in the previous generation moves back into the current one.
use std::{
    collections::HashMap,
    hash::Hash,
    sync::{Arc, Mutex},
};

use leptos::prelude::*;
use leptos::tachys::html::InertElement;

/// A key's size in bytes, counted towards the cache's bound with the HTML it keeps.
pub trait Weighed {
    fn weight(&self) -> usize;
}

struct Generation<K> {
    fragments: HashMap<K, Arc<str>>,
    bytes: usize,
}

impl<K> Default for Generation<K> {
    fn default() -> Self {
        Generation {
            fragments: HashMap::new(),
            bytes: 0,
        }
    }
}

struct Generations<K> {
    current: Generation<K>,
    previous: Generation<K>,
}

/// Fragments by input, at most about `2 × bytes_per_generation` bytes of keys and HTML.
pub struct Fragments<K> {
    generations: Mutex<Generations<K>>,
    bytes_per_generation: usize,
}

impl<K: Hash + Eq + Weighed> Fragments<K> {
    pub fn new(bytes_per_generation: usize) -> Self {
        Fragments {
            generations: Mutex::new(Generations {
                current: Generation::default(),
                previous: Generation::default(),
            }),
            bytes_per_generation,
        }
    }

    /// The HTML kept for `key`, or `render(&key)` kept and returned. Rendering happens outside
    /// the lock; two pages rendering the same new fragment at once both render it.
    pub fn get_or_render(&self, key: K, render: impl FnOnce(&K) -> String) -> Arc<str> {
        if let Some(html) = self.find(&key) {
            return html;
        }
        let html: Arc<str> = render(&key).into();
        self.keep(key, html.clone());
        html
    }

    fn find(&self, key: &K) -> Option<Arc<str>> {
        let mut guard = self.generations.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(html) = guard.current.fragments.get(key) {
            return Some(html.clone());
        }
        let (key, html) = guard.previous.fragments.remove_entry(key)?;
        let weight = key.weight() + html.len();
        guard.previous.bytes = guard.previous.bytes.saturating_sub(weight);
        drop(guard);
        self.keep(key, html.clone());
        Some(html)
    }

    fn keep(&self, key: K, html: Arc<str>) {
        let weight = key.weight() + html.len();
        if weight > self.bytes_per_generation {
            return;
        }
        let mut guard = self.generations.lock().unwrap_or_else(|e| e.into_inner());
        let generations = &mut *guard;
        if generations.current.bytes + weight > self.bytes_per_generation {
            generations.previous = std::mem::take(&mut generations.current);
        }
        let new_len = html.len();
        match generations.current.fragments.insert(key, html) {
            // Rendered twice at once: the same key, its HTML replaced.
            Some(old) => {
                generations.current.bytes = generations.current.bytes - old.len() + new_len;
            }
            None => generations.current.bytes += weight,
        }
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        let guard = self.generations.lock().unwrap_or_else(|e| e.into_inner());
        guard.current.fragments.len() + guard.previous.fragments.len()
    }
}

/// Kept HTML put into the page as it is (it was rendered, and escaped, by the same components).
pub fn kept_html(html: Arc<str>) -> impl IntoView {
    InertElement::new(String::from(&*html))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Hash, PartialEq, Eq, Clone)]
    struct Key(String);

    impl Weighed for Key {
        fn weight(&self) -> usize {
            self.0.len()
        }
    }

    #[test]
    fn renders_once_per_input_and_again_when_the_input_changes() {
        let cache = Fragments::new(1_000);
        let mut renders = 0;
        for text in ["a", "a", "b", "a"] {
            let html = cache.get_or_render(Key(text.into()), |k| {
                renders += 1;
                format!("<p>{}</p>", k.0)
            });
            assert_eq!(&*html, format!("<p>{text}</p>"));
        }
        assert_eq!(renders, 2);
    }

    #[test]
    fn keeps_at_most_two_generations_and_recent_fragments_survive() {
        let cache = Fragments::new(100);
        // Each fragment weighs 10 + 10 bytes: five fit in a generation.
        for i in 0..30 {
            cache.get_or_render(Key(format!("{i:010}")), |_| "0123456789".into());
            // The first one is used all along: it must never be rendered again.
            let mut again = false;
            cache.get_or_render(Key(format!("{:010}", 0)), |_| {
                again = true;
                "0123456789".into()
            });
            assert!(!again || i == 0, "a fragment in use was dropped at {i}");
        }
        assert!(cache.len() <= 10, "{}", cache.len());
        let mut rendered = false;
        cache.get_or_render(Key(format!("{:010}", 1)), |_| {
            rendered = true;
            String::new()
        });
        assert!(rendered, "an old fragment is dropped");
    }
}
