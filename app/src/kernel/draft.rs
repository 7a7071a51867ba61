//! Which text a draft holds: a typed key, stored as the short strings the `draft` table has
//! always used (`reply:12`, `wiki:3:2`…), parsed in one place.
use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum DraftKey {
    /// A new thread, category not chosen yet (`new`).
    NewThread,
    /// A new thread in a category (`new:<category>`).
    NewThreadIn(i32),
    /// A reply in a thread (`reply:<thread>`).
    Reply(i32),
    /// An edit of a post (`edit:<post>`).
    Edit(i32),
    /// A refused save of a wiki page (`wiki:<page>`) or of one of its sections
    /// (`wiki:<page>:<section>`).
    WikiPage(i32, Option<usize>),
    /// The person's side of an edit conflict on a page, from revision `base` (`wikic:<page>:<base>`).
    WikiConflict(i32, i32),
    /// A refused new page in a space (`wikinew:<space>`).
    WikiNew(String),
}

impl DraftKey {
    /// The keys a browser may save while a person types (the forum's writing boxes); the wiki's
    /// keys are kept by the server only, when a save is refused.
    pub fn saved_while_typing(&self) -> bool {
        matches!(
            self,
            DraftKey::NewThread | DraftKey::NewThreadIn(_) | DraftKey::Reply(_) | DraftKey::Edit(_)
        )
    }
}

impl fmt::Display for DraftKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DraftKey::NewThread => write!(f, "new"),
            DraftKey::NewThreadIn(id) => write!(f, "new:{id}"),
            DraftKey::Reply(id) => write!(f, "reply:{id}"),
            DraftKey::Edit(id) => write!(f, "edit:{id}"),
            DraftKey::WikiPage(id, None) => write!(f, "wiki:{id}"),
            DraftKey::WikiPage(id, Some(n)) => write!(f, "wiki:{id}:{n}"),
            DraftKey::WikiConflict(id, base) => write!(f, "wikic:{id}:{base}"),
            DraftKey::WikiNew(space) => write!(f, "wikinew:{space}"),
        }
    }
}

/// A key that is not one of the forms above.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadDraftKey;

impl fmt::Display for BadDraftKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("malformed draft key")
    }
}

fn id(text: &str) -> Result<i32, BadDraftKey> {
    text.parse::<i32>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(BadDraftKey)
}

impl FromStr for DraftKey {
    type Err = BadDraftKey;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if text == "new" {
            return Ok(DraftKey::NewThread);
        }
        let (kind, rest) = text.split_once(':').ok_or(BadDraftKey)?;
        match kind {
            "new" => Ok(DraftKey::NewThreadIn(id(rest)?)),
            "reply" => Ok(DraftKey::Reply(id(rest)?)),
            "edit" => Ok(DraftKey::Edit(id(rest)?)),
            "wiki" => match rest.split_once(':') {
                None => Ok(DraftKey::WikiPage(id(rest)?, None)),
                Some((page, n)) => {
                    let n = n
                        .parse::<usize>()
                        .ok()
                        .filter(|n| *n > 0)
                        .ok_or(BadDraftKey)?;
                    Ok(DraftKey::WikiPage(id(page)?, Some(n)))
                }
            },
            "wikic" => {
                let (page, base) = rest.split_once(':').ok_or(BadDraftKey)?;
                Ok(DraftKey::WikiConflict(id(page)?, id(base)?))
            }
            "wikinew" if !rest.is_empty() => Ok(DraftKey::WikiNew(rest.into())),
            _ => Err(BadDraftKey),
        }
    }
}

impl From<DraftKey> for String {
    fn from(key: DraftKey) -> String {
        key.to_string()
    }
}

impl TryFrom<String> for DraftKey {
    type Error = BadDraftKey;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_round_trips_through_its_stored_form() {
        let keys = [
            DraftKey::NewThread,
            DraftKey::NewThreadIn(4),
            DraftKey::Reply(12),
            DraftKey::Edit(7),
            DraftKey::WikiPage(3, None),
            DraftKey::WikiPage(3, Some(2)),
            DraftKey::WikiConflict(3, 41),
            DraftKey::WikiNew("comunita".into()),
        ];
        for key in keys {
            assert_eq!(
                key.to_string().parse::<DraftKey>(),
                Ok(key.clone()),
                "{key}"
            );
        }
    }

    #[test]
    fn malformed_keys_are_refused() {
        for bad in [
            "", "reply:", "reply:0", "reply:-3", "edit:x", "wiki:3:0", "other:1", "wikinew:",
        ] {
            assert_eq!(bad.parse::<DraftKey>(), Err(BadDraftKey), "{bad:?}");
        }
        assert!(!DraftKey::WikiPage(1, None).saved_while_typing());
        assert!(DraftKey::Reply(1).saved_while_typing());
    }
}
