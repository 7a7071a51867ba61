//! Poll types shared by server and browser.
use serde::{Deserialize, Serialize};

crate::stored_enum! {
    /// When the counts are shown.
    pub enum ResultsShown {
        Always = "always",
        /// To those who have voted, and to everyone once the poll is closed.
        AfterVoting = "voted",
        /// To everyone, once the poll is closed (to no one before).
        AfterClosing = "closed",
        /// To staff only, always.
        StaffOnly = "staff",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PollPhase {
    NotYetOpen,
    Open,
    Closed,
}

/// Whether and how the viewer may vote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum VoteRight {
    /// The form is shown; for a vote per organisation, the organisations the person casts for.
    May {
        organisations: Vec<(i32, String)>,
    },
    /// A visitor: sign in to vote.
    SignIn,
    /// One vote per organisation, and the person is not a referent.
    ReferentOnly,
    /// Anonymous polls take one vote; this person (or organisation) gave it.
    AlreadyVoted,
    NotOpen,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollOptionView {
    pub id: i32,
    pub label: String,
    /// For named polls whose results are shown: who chose it.
    pub names: Vec<String>,
}

/// The counts, when the viewer may see them: `(option id, votes)`.
pub type Counts = Vec<(i32, i32)>;

/// What the live island resynchronises with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollLive {
    /// The poll's revision: the live stream sends it as the event id, and the page ignores an
    /// older state arriving after a newer one.
    pub revision: i64,
    pub voters: i32,
    pub counts: Option<Counts>,
    pub phase: PollPhase,
}

impl PollLive {
    /// The live stream's data for those who see the counts: `voters|id:n,id:n`.
    pub fn to_wire(voters: i32, counts: &[(i32, i32)]) -> String {
        let counts: Vec<String> = counts.iter().map(|(id, n)| format!("{id}:{n}")).collect();
        format!("{voters}|{}", counts.join(","))
    }

    /// Reads `voters|id:n,…` (counts) or `voters` alone (counts hidden).
    pub fn parse_wire(text: &str) -> Option<(i32, Option<Counts>)> {
        let (voters, counts) = match text.split_once('|') {
            Some((voters, counts)) => (voters, Some(counts)),
            None => (text, None),
        };
        let voters = voters.trim().parse().ok()?;
        let counts = match counts {
            None => None,
            Some("") => Some(Vec::new()),
            Some(list) => Some(
                list.split(',')
                    .map(|pair| {
                        let (id, n) = pair.split_once(':')?;
                        Some((id.parse().ok()?, n.parse().ok()?))
                    })
                    .collect::<Option<Vec<_>>>()?,
            ),
        };
        Some((voters, counts))
    }
}

/// A poll as a page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollView {
    pub id: i32,
    pub question: String,
    pub multiple: bool,
    pub max_choices: i32,
    pub results_shown: ResultsShown,
    pub anonymous: bool,
    pub per_organisation: bool,
    pub featured: bool,
    pub opens: String,
    pub closes: String,
    /// Milliseconds since 1970, for the countdown.
    pub closes_at_ms: i64,
    pub options: Vec<PollOptionView>,
    pub live: PollLive,
    /// What the viewer (or their organisation) chose, in named polls.
    pub mine: Vec<i32>,
    pub voted: bool,
    pub right: VoteRight,
    /// Staff, or an admin of the poll's group: close it.
    pub may_manage: bool,
    /// Staff: put it on the home page, or take it off.
    pub may_feature: bool,
    /// Where it sits: a group (`/gruppi/<slug>`) or a thread.
    pub group: Option<(String, String)>,
    pub thread: Option<(i32, String)>,
}

/// What the creation form offers the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollPlace {
    /// Staff choose the scope; in a group or a thread it is given.
    pub staff: bool,
    pub group: Option<(String, String)>,
    pub thread: Option<(i32, String)>,
}
