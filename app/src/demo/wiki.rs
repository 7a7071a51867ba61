//! The demo community's wiki: a guide to co-design under art. 55 of the Third Sector Code
//! (written in several revisions by different people, validated by staff), a page under it, a
//! glossary linking to a page not written yet, the community's rules (protected, overdue for
//! review), and a page in the secret group's space. Written through the real services, then
//! spread over the past weeks.
use chrono::{Duration, Utc};
use sea_orm::{sea_query::Expr, ColumnTrait, EntityTrait, QueryFilter};

use crate::server::{
    entities::{wiki_page, wiki_revision},
    Db,
};
use crate::{
    error::AppError,
    features::wiki::{
        service::saving::{self, SaveInput},
        types::SaveOutcome,
    },
};

/// One save: who, where, the text, the summary, how many days ago.
struct Edit {
    author: &'static str,
    space: &'static str,
    path: &'static str,
    title: &'static str,
    source: &'static str,
    summary: &'static str,
    days_ago: i64,
}

const GUIDE: &str = "guida-alla-coprogettazione";

const GUIDE_1: &str = "La **coprogettazione** è lo strumento con cui un ente pubblico e gli enti \
del Terzo settore definiscono e realizzano insieme un servizio o un intervento, secondo \
l’art. 55 del Codice del Terzo settore (d.lgs. 117/2017).

## Quando usarla

Quando il bisogno è complesso e la risposta non è già nota: l’amministrazione mette a \
disposizione risorse e obiettivi, gli enti portano competenze e radicamento nel territorio.

## Le fasi

1. Atto di indirizzo dell’amministrazione.
2. Avviso pubblico e istruttoria.
3. Tavolo di coprogettazione.
4. Convenzione e realizzazione.

## Riferimenti

- Codice del Terzo settore, artt. 55–57.
- Linee guida del Ministero del lavoro (DM 72/2021).
";

const GUIDE_2: &str = "La **coprogettazione** è lo strumento con cui un ente pubblico e gli enti \
del Terzo settore definiscono e realizzano insieme un servizio o un intervento, secondo \
l’art. 55 del Codice del Terzo settore (d.lgs. 117/2017).

## Quando usarla

Quando il bisogno è complesso e la risposta non è già nota: l’amministrazione mette a \
disposizione risorse e obiettivi, gli enti portano competenze e radicamento nel territorio.

## Le fasi

1. Atto di indirizzo dell’amministrazione.
2. Avviso pubblico e istruttoria: vedi [[Guida alla coprogettazione/Avviso pubblico]].
3. Tavolo di coprogettazione.
4. Convenzione e realizzazione.

## Valutare gli esiti

Conviene concordare fin dal tavolo pochi indicatori di esito, misurabili con dati che gli enti \
raccolgono già. Vedi anche il [[Glossario]] e la pagina sulla [[Valutazione d'impatto]].

## Riferimenti

- Codice del Terzo settore, artt. 55–57.
- Linee guida del Ministero del lavoro (DM 72/2021).
";

const GUIDE_3: &str = "La **coprogettazione** è lo strumento con cui un ente pubblico e gli enti \
del Terzo settore definiscono e realizzano insieme un servizio o un intervento, secondo \
l’art. 55 del Codice del Terzo settore (d.lgs. 117/2017).

## Quando usarla

Quando il bisogno è complesso e la risposta non è già nota: l’amministrazione mette a \
disposizione risorse e obiettivi, gli enti portano competenze e radicamento nel territorio. \
Non serve per acquistare un servizio già definito: in quel caso si applica il Codice dei \
contratti pubblici.

## Le fasi

1. Atto di indirizzo dell’amministrazione.
2. Avviso pubblico e istruttoria: vedi [[Guida alla coprogettazione/Avviso pubblico]].
3. Tavolo di coprogettazione.
4. Convenzione e realizzazione.

## Valutare gli esiti

Conviene concordare fin dal tavolo pochi indicatori di esito, misurabili con dati che gli enti \
raccolgono già. Vedi anche il [[Glossario]] e la pagina sulla [[Valutazione d'impatto]].

## Riferimenti

- Codice del Terzo settore, artt. 55–57.
- Linee guida del Ministero del lavoro (DM 72/2021).
- Corte costituzionale, sentenza 131/2020.
";

const EDITS: [Edit; 7] = [
    Edit {
        author: "giulia.ferri",
        space: "comunita",
        path: GUIDE,
        title: "Guida alla coprogettazione",
        source: GUIDE_1,
        summary: "Prima stesura",
        days_ago: 28,
    },
    Edit {
        author: "marco.bellini",
        space: "comunita",
        path: GUIDE,
        title: "Guida alla coprogettazione",
        source: GUIDE_2,
        summary: "Aggiunta la sezione sulla valutazione degli esiti",
        days_ago: 20,
    },
    Edit {
        author: "anna.rossi",
        space: "comunita",
        path: "guida-alla-coprogettazione/avviso-pubblico",
        title: "Avviso pubblico",
        source: "L’avviso rende pubblica l’intenzione di coprogettare e permette a tutti gli enti \
interessati di partecipare, anche quando alcuni collaborano già con l’amministrazione.

## Contenuti minimi

- obiettivi e ambito dell’intervento;
- risorse messe a disposizione dall’ente pubblico;
- requisiti di partecipazione e criteri di valutazione delle proposte;
- tempi e modalità del tavolo di coprogettazione.

## Durata

Un termine di almeno 30 giorni per le manifestazioni di interesse è la prassi più diffusa.
",
        summary: "Nuova pagina dall’esperienza del nostro ambito",
        days_ago: 18,
    },
    Edit {
        author: "anna.rossi",
        space: "comunita",
        path: GUIDE,
        title: "Guida alla coprogettazione",
        source: GUIDE_3,
        summary: "Chiarito quando non serve; aggiunta la sentenza 131/2020",
        days_ago: 15,
    },
    Edit {
        author: "luca.esposito",
        space: "comunita",
        path: "glossario",
        title: "Glossario",
        source: "**Amministrazione condivisa** — il modello di rapporto tra enti pubblici e Terzo \
settore fondato sulla collaborazione invece che sullo scambio (Corte cost. 131/2020).

**Coprogettazione** — vedi [[Guida alla coprogettazione]].

**Coprogrammazione** — l’individuazione condivisa dei bisogni e degli interventi (art. 55, \
comma 2).

**ETS** — ente del Terzo settore iscritto al RUNTS.
",
        summary: "Prime voci",
        days_ago: 12,
    },
    Edit {
        author: "giulia.ferri",
        space: "comunita",
        path: "regole-della-comunita",
        title: "Regole della comunità",
        source: "1. Si scrive con rispetto e si cita la fonte di ciò che si riporta.\n\
2. I dati personali di utenti dei servizi non si pubblicano mai, nemmeno anonimizzati a metà.\n\
3. Lo staff modera il forum e cura le pagine validate del wiki.\n",
        summary: "Regole approvate dalla cabina di regia",
        days_ago: 60,
    },
    Edit {
        author: "anna.rossi",
        space: "gruppo-cabina-di-regia",
        path: "programma-dei-seminari",
        title: "Programma dei seminari",
        source: "## Primo semestre\n\n- Gennaio: coprogettazione, casi a confronto.\n\
- Marzo: misurare gli esiti.\n\n## Da decidere\n\n- Relatori del seminario di marzo.\n",
        summary: "Bozza del programma",
        days_ago: 10,
    },
];

pub async fn load(db: &Db) -> Result<(), AppError> {
    let audiences = super::forum::audiences(db).await?;
    for edit in &EDITS {
        let Some(audience) = audiences.get(edit.author) else {
            tracing::error!(author = edit.author, "demo wiki: author missing");
            return Err(AppError::Internal);
        };
        let base = wiki_page::Entity::find()
            .filter(wiki_page::Column::Path.eq(edit.path))
            .one(db.read())
            .await?
            .map_or(0, |p| p.revision_number);
        let outcome = saving::save(
            db,
            audience,
            edit.space,
            edit.path,
            SaveInput {
                title: edit.title.to_owned(),
                source: edit.source.to_owned(),
                base,
                section: None,
                summary: edit.summary.to_owned(),
                origin: None,
            },
        )
        .await?;
        let SaveOutcome::Saved { number, .. } = outcome else {
            tracing::error!(path = edit.path, "demo wiki: a save did not go through");
            return Err(AppError::Internal);
        };
        backdate(db, edit.path, number, edit.days_ago).await?;
    }
    // Staff's marks, set directly (demo data, not acts to audit): the guide validated and due
    // for review in six months; the rules protected and overdue for review.
    let staff = audiences
        .get("giulia.ferri")
        .and_then(|a| a.viewer())
        .map(|v| v.user_id);
    let now = Utc::now();
    wiki_page::Entity::update_many()
        .col_expr(wiki_page::Column::ValidatedBy, Expr::value(staff))
        .col_expr(
            wiki_page::Column::ValidatedAt,
            Expr::value(now - Duration::days(14)),
        )
        .col_expr(
            wiki_page::Column::ReviewAt,
            Expr::value(now + Duration::days(180)),
        )
        .filter(wiki_page::Column::Path.eq(GUIDE))
        .exec(db.write())
        .await?;
    wiki_page::Entity::update_many()
        .col_expr(wiki_page::Column::Protected, Expr::value(true))
        .col_expr(wiki_page::Column::ValidatedBy, Expr::value(staff))
        .col_expr(
            wiki_page::Column::ValidatedAt,
            Expr::value(now - Duration::days(59)),
        )
        .col_expr(
            wiki_page::Column::ReviewAt,
            Expr::value(now - Duration::days(5)),
        )
        .filter(wiki_page::Column::Path.eq("regole-della-comunita"))
        .exec(db.write())
        .await?;
    Ok(())
}

/// Moves a revision (and the page's last change, when it is the latest) into the past.
async fn backdate(db: &Db, path: &str, number: i32, days_ago: i64) -> Result<(), AppError> {
    let Some(page) = wiki_page::Entity::find()
        .filter(wiki_page::Column::Path.eq(path))
        .one(db.read())
        .await?
    else {
        return Ok(());
    };
    let at = Utc::now() - Duration::days(days_ago);
    wiki_revision::Entity::update_many()
        .col_expr(wiki_revision::Column::CreatedAt, Expr::value(at))
        .filter(wiki_revision::Column::PageId.eq(page.id))
        .filter(wiki_revision::Column::Number.eq(number))
        .exec(db.write())
        .await?;
    let mut update = wiki_page::Entity::update_many()
        .col_expr(wiki_page::Column::UpdatedAt, Expr::value(at))
        .filter(wiki_page::Column::Id.eq(page.id));
    if number == 1 {
        update = update.col_expr(wiki_page::Column::CreatedAt, Expr::value(at));
    }
    update.exec(db.write()).await?;
    Ok(())
}
