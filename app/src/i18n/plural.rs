//! Counts in words. Italian and English have two forms: one for exactly 1, one for every other
//! number (0 included), so a message with a count is two texts, `{n}` marking the number. The
//! catalogue's messages call `plural`; islands, whose texts travel as props, hold a `PluralText`.
use std::fmt::Display;

use serde::{Deserialize, Serialize};

/// `one` for exactly 1, else `other`; `{n}` in either becomes the number.
pub fn plural<N>(n: N, one: &str, other: &str) -> String
where
    N: Copy + Display + PartialEq + From<u8>,
{
    let text = if n == N::from(1) { one } else { other };
    text.replacen("{n}", &n.to_string(), 1)
}

/// A count's two texts, for an island.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PluralText {
    pub one: String,
    pub other: String,
}

impl PluralText {
    pub fn new(one: &str, other: &str) -> Self {
        PluralText {
            one: one.to_owned(),
            other: other.to_owned(),
        }
    }

    pub fn of<N>(&self, n: N) -> String
    where
        N: Copy + Display + PartialEq + From<u8>,
    {
        plural(n, &self.one, &self.other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_number_plural() {
        assert_eq!(plural(1u64, "1 membro", "{n} membri"), "1 membro");
        assert_eq!(plural(0u64, "1 membro", "{n} membri"), "0 membri");
        assert_eq!(plural(12i32, "1 member", "{n} members"), "12 members");
        let text = PluralText::new("1 nuovo messaggio", "{n} nuovi messaggi");
        assert_eq!(text.of(3usize), "3 nuovi messaggi");
        assert_eq!(text.of(1usize), "1 nuovo messaggio");
    }
}
