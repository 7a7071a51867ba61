//! The demo's survey: feedback on the community's first seminar, anonymous, with three
//! sections, every kind of question, results published to respondents, and three responses
//! given through the real service.
use crate::features::surveys::types::QuestionKind;
use crate::server::clock::now;
use chrono::Duration;
use sea_orm::{ActiveModelTrait, Set};

use super::forum::audiences;
use crate::server::{
    entities::{survey, survey_question, survey_section},
    Db,
};
use crate::{
    error::AppError,
    features::surveys::service::{answer, Action},
};

type Question = (QuestionKind, &'static str, bool, &'static [&'static str]);

const SECTIONS: [(&str, &str, &[Question]); 3] = [
    (
        "Il seminario",
        "Il seminario «Coprogettare i servizi sociali: dall’avviso alla convenzione» del 12 novembre.",
        &[
            (QuestionKind::Scale5, "Quanto sono stati utili i contenuti per il tuo lavoro?", true, &[]),
            (QuestionKind::Scale5, "Quanto sono stati chiari i relatori?", true, &[]),
            (
                QuestionKind::Single,
                "Il formato ti è sembrato adatto?",
                true,
                &["Sì, così va bene", "Meglio più breve", "Meglio più lungo", "Meglio in presenza"],
            ),
        ],
    ),
    (
        "I prossimi incontri",
        "",
        &[
            (
                QuestionKind::Multiple,
                "Su quali temi vorresti un prossimo seminario?",
                false,
                &[
                    "Valutazione d’impatto",
                    "Amministrazione condivisa",
                    "Finanza d’impatto",
                    "Welfare nei piccoli comuni",
                ],
            ),
            (QuestionKind::Scale10, "Quanto consiglieresti i seminari a un collega?", false, &[]),
        ],
    ),
    (
        "Suggerimenti",
        "",
        &[
            (QuestionKind::Short, "In una parola: com’è andata?", false, &[]),
            (QuestionKind::Long, "Che cosa cambieresti?", false, &[]),
        ],
    ),
];

/// `(person, answers by question order: values for choices, text for text questions)`.
const RESPONSES: [(&str, [&str; 7]); 3] = [
    (
        "anna.rossi",
        [
            "5",
            "4",
            "0",
            "0,1",
            "9",
            "Utile",
            "Più tempo per le domande finali.",
        ],
    ),
    ("luca.esposito", ["4", "4", "1", "2", "8", "Concreto", ""]),
    (
        "marco.bellini",
        [
            "4",
            "5",
            "0",
            "0,3",
            "10",
            "",
            "Materiali condivisi prima dell’incontro.",
        ],
    ),
];

pub(super) async fn load(db: &Db) -> Result<(), AppError> {
    let at = now();
    let created = survey::ActiveModel {
        title: Set("Com’è andato il primo seminario della comunità?".into()),
        description: Set(
            "Dieci minuti per dirci che cosa ha funzionato e che cosa no. Il questionario è \
             anonimo: registriamo chi ha risposto, mai che cosa ha risposto."
                .into(),
        ),
        scope: Set(crate::scope::Scope::Members),
        anonymous: Set(true),
        publish_results: Set(true),
        opens_at: Set(at - Duration::days(2)),
        closes_at: Set(at + Duration::days(12)),
        responses: Set(0),
        created_by: Set(None),
        created_at: Set(at - Duration::days(2)),
        ..Default::default()
    }
    .insert(db.write())
    .await?;
    let mut question_ids = Vec::new();
    for (position, (title, description, questions)) in SECTIONS.iter().enumerate() {
        let section = survey_section::ActiveModel {
            survey_id: Set(created.id),
            position: Set(position as i32),
            title: Set((*title).into()),
            description: Set((*description).into()),
            ..Default::default()
        }
        .insert(db.write())
        .await?;
        for (i, (kind, prompt, required, options)) in questions.iter().enumerate() {
            let question = survey_question::ActiveModel {
                survey_id: Set(created.id),
                section_id: Set(section.id),
                position: Set(i as i32),
                kind: Set(*kind),
                prompt: Set((*prompt).into()),
                required: Set(*required),
                options: Set(options.join("\n")),
                ..Default::default()
            }
            .insert(db.write())
            .await?;
            question_ids.push((question.id, *kind));
        }
    }
    let people = audiences(db).await?;
    for (who, values) in RESPONSES {
        let Some(audience) = people.get(who) else {
            continue;
        };
        let mut fields = Vec::new();
        for ((id, kind), value) in question_ids.iter().zip(values) {
            if kind.is_text() {
                fields.push((format!("q{id}"), value.to_string()));
            } else {
                for v in value.split(',').filter(|v| !v.is_empty()) {
                    fields.push((format!("q{id}"), v.to_string()));
                }
            }
        }
        answer(db, audience, created.id, &fields, Action::Submit).await?;
    }
    Ok(())
}
