//! The demo's working groups, made as people make them: staff create each group (becoming its
//! admin, and `lifecycle::group_created` gives it a forum category and a wiki space), open
//! groups are joined, closed and secret ones are entered by invitation, and an admin hands the
//! group over when staff should not stay in it.
use super::forum::audiences;
use crate::{
    error::AppError,
    features::groups::{
        service::{create_group, invite, join, leave, make_admin},
        types::{GroupKind, GroupRole},
    },
    server::Db,
};

/// Working groups: name (its address is made from it), description, kind, and members with
/// their place. Staff (Giulia Ferri) create them all.
type DemoGroup = (
    &'static str,
    &'static str,
    GroupKind,
    &'static [(&'static str, GroupRole)],
);

const CREATOR: &str = "giulia.ferri";

pub const GROUPS: [DemoGroup; 3] = [
    (
        "Coprogettazione art. 55",
        "Avvisi, istruttorie e convenzioni di coprogettazione tra enti pubblici ed enti del Terzo \
         settore: modelli, casi e dubbi ricorrenti.",
        GroupKind::Open,
        &[
            ("giulia.ferri", GroupRole::Admin),
            ("anna.rossi", GroupRole::Member),
            ("luca.esposito", GroupRole::Member),
        ],
    ),
    (
        "Valutazione di impatto",
        "Indicatori, metodi e strumenti per misurare gli esiti dei servizi coprogettati.",
        GroupKind::Closed,
        &[
            ("marco.bellini", GroupRole::Admin),
            ("anna.rossi", GroupRole::Member),
        ],
    ),
    (
        "Cabina di regia",
        "Il gruppo riservato che prepara il programma dei seminari della comunità.",
        GroupKind::Secret,
        &[
            ("giulia.ferri", GroupRole::Admin),
            ("anna.rossi", GroupRole::Member),
        ],
    ),
];

/// Creates the demo groups through the groups service. Expects the demo people to exist.
pub async fn load(db: &Db) -> Result<(), AppError> {
    let people = audiences(db).await?;
    let viewer = |username: &str| {
        people
            .get(username)
            .and_then(|audience| audience.viewer())
            .ok_or(AppError::Internal)
    };
    let staff = viewer(CREATOR)?;
    for (name, description, kind, members) in GROUPS {
        let slug = create_group(db, staff, name, description, kind).await?;
        for &(username, role) in members.iter().filter(|(u, _)| *u != CREATOR) {
            let person = viewer(username)?;
            if kind != GroupKind::Open {
                invite(db, staff, &slug, username).await?;
            }
            join(db, person, &slug).await?;
            if role == GroupRole::Admin {
                make_admin(db, staff, &slug, person.user_id).await?;
            }
        }
        if !members.iter().any(|(u, _)| *u == CREATOR) {
            leave(db, staff, &slug).await?;
        }
    }
    Ok(())
}
