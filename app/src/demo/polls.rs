//! The demo's polls: an open poll featured on the home page with a few named votes, a closed
//! anonymous one with its results, and an open poll with one vote per organisation. Votes go
//! through the real service, so the counts are what voting gives.
use crate::features::polls::types::ResultsShown;
use crate::server::clock::now;
use chrono::Duration;
use sea_orm::{sea_query::Expr, ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use super::forum::audiences;
use crate::server::{
    entities::{poll, poll_option, user},
    Db,
};
use crate::{error::AppError, features::polls::service::vote};

struct DemoPoll {
    question: &'static str,
    options: &'static [&'static str],
    scope: crate::scope::Scope,
    max_choices: i32,
    results: ResultsShown,
    anonymous: bool,
    per_organisation: bool,
    featured: bool,
    /// Who votes, and the options they choose (by index).
    votes: &'static [(&'static str, &'static [usize])],
    /// Closed this many days ago (after the votes); open for 14 more days when `None`.
    closed_days_ago: Option<i64>,
}

const POLLS: [DemoPoll; 3] = [
    DemoPoll {
        question: "Quale tema approfondiamo nel prossimo seminario?",
        options: &[
            "Coprogettazione e amministrazione condivisa",
            "Valutazione d’impatto sociale",
            "Welfare di comunità nei piccoli comuni",
            "Finanza d’impatto per il terzo settore",
        ],
        scope: crate::scope::Scope::Members,
        max_choices: 1,
        results: ResultsShown::Always,
        anonymous: false,
        per_organisation: false,
        featured: true,
        votes: &[("marco.bellini", &[1]), ("luca.esposito", &[0])],
        closed_days_ago: None,
    },
    DemoPoll {
        question: "Come preferite ricevere il notiziario della comunità?",
        options: &[
            "E-mail settimanale",
            "E-mail mensile",
            "Solo sul sito",
            "Notifiche nell’app",
        ],
        scope: crate::scope::Scope::Members,
        max_choices: 2,
        results: ResultsShown::AfterClosing,
        anonymous: true,
        per_organisation: false,
        featured: false,
        votes: &[
            ("anna.rossi", &[0, 2]),
            ("luca.esposito", &[1]),
            ("marco.bellini", &[0]),
            ("giulia.ferri", &[0, 3]),
        ],
        closed_days_ago: Some(10),
    },
    DemoPoll {
        question: "La vostra organizzazione aderisce al protocollo d’intesa sulla coprogettazione?",
        options: &["Sì, aderiamo", "Non ancora, ne stiamo discutendo", "No"],
        scope: crate::scope::Scope::Members,
        max_choices: 1,
        results: ResultsShown::AfterVoting,
        anonymous: false,
        per_organisation: true,
        featured: false,
        votes: &[("luca.esposito", &[1])],
        closed_days_ago: None,
    },
];

pub(super) async fn load(db: &Db) -> Result<(), AppError> {
    let audiences = audiences(db).await?;
    let author = user::Entity::find()
        .filter(user::Column::Username.eq("giulia.ferri"))
        .one(db.read())
        .await?
        .map(|u| u.id);
    for demo in &POLLS {
        let at = now();
        let created = poll::ActiveModel {
            question: Set(demo.question.into()),
            scope: Set(demo.scope),
            group_id: Set(None),
            thread_id: Set(None),
            multiple: Set(demo.max_choices > 1),
            max_choices: Set(demo.max_choices),
            opens_at: Set(at - Duration::days(demo.closed_days_ago.unwrap_or(0) + 3)),
            closes_at: Set(at + Duration::days(14)),
            results: Set(demo.results),
            anonymous: Set(demo.anonymous),
            per_organisation: Set(demo.per_organisation),
            featured: Set(demo.featured),
            voters: Set(0),
            revision: Set(0),
            created_by: Set(author),
            created_at: Set(at - Duration::days(demo.closed_days_ago.unwrap_or(0) + 3)),
            ..Default::default()
        }
        .insert(db.write())
        .await?;
        let mut option_ids = Vec::new();
        for (position, label) in demo.options.iter().enumerate() {
            let option = poll_option::ActiveModel {
                poll_id: Set(created.id),
                position: Set(position as i32),
                label: Set((*label).into()),
                votes: Set(0),
                ..Default::default()
            }
            .insert(db.write())
            .await?;
            option_ids.push(option.id);
        }
        for (who, chosen) in demo.votes {
            let Some(audience) = audiences.get(who) else {
                continue;
            };
            let chosen: Vec<i32> = chosen
                .iter()
                .filter_map(|i| option_ids.get(*i).copied())
                .collect();
            vote(db, audience, created.id, None, &chosen).await?;
        }
        if let Some(days) = demo.closed_days_ago {
            poll::Entity::update_many()
                .col_expr(
                    poll::Column::ClosesAt,
                    Expr::value(at - Duration::days(days)),
                )
                .filter(poll::Column::Id.eq(created.id))
                .exec(db.write())
                .await?;
        }
    }
    Ok(())
}
