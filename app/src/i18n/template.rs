//! Messages with values, for islands. The catalogue gives every message that takes values as a
//! function of them (`theme_filter_count: fn(&str, &str) -> String`), so a message cannot lose
//! or misname a value. An island, whose texts travel as props, cannot take a function: the page
//! gives it a `Template<N>`, made by calling the message with markers, and the island fills it
//! with exactly `N` values. On the wire it is one string (the shared string decoder).
use serde::{Deserialize, Serialize};

/// The first marker: private-use characters never typed in a message.
const MARK: u32 = 0xE000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Template<const N: usize>(String);

impl<const N: usize> Template<N> {
    /// The message, with a marker where each of its `N` values goes.
    pub fn new(message: impl FnOnce([&str; N]) -> String) -> Self {
        let marks: [String; N] = std::array::from_fn(mark);
        Template(message(std::array::from_fn(|i| marks[i].as_str())))
    }

    /// The message with its markers (to carry it, e.g. in an attribute).
    pub fn message(&self) -> &str {
        &self.0
    }

    /// A message carried by `message`.
    pub fn from_message(message: String) -> Self {
        Template(message)
    }

    /// The message with its values.
    pub fn fill(&self, values: [&str; N]) -> String {
        let mut text =
            String::with_capacity(self.0.len() + values.iter().map(|v| v.len()).sum::<usize>());
        for c in self.0.chars() {
            match (c as u32).checked_sub(MARK).map(|i| i as usize) {
                Some(i) if i < N => text.push_str(values[i]),
                _ => text.push(c),
            }
        }
        text
    }
}

fn mark(i: usize) -> String {
    char::from_u32(MARK + i as u32).map_or_else(String::new, String::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_go_where_the_message_puts_them_in_any_order() {
        let italian =
            Template::<2>::new(|[shown, total]| format!("Temi mostrati: {shown} su {total}"));
        assert_eq!(italian.fill(["3", "12"]), "Temi mostrati: 3 su 12");
        let reordered =
            Template::<2>::new(|[shown, total]| format!("{total} in tutto, {shown} qui"));
        assert_eq!(reordered.fill(["3", "12"]), "12 in tutto, 3 qui");
        let quoted = Template::<1>::new(|[query]| format!("Nessun tema corrisponde a «{query}»."));
        assert_eq!(
            quoted.fill(["{shown}"]),
            "Nessun tema corrisponde a «{shown}»."
        );
    }
}
