//! The demo community's forum: realistic Italian questions and discussions on the five themes
//! (some answered and accepted, some open, some without an answer), a welcome thread, and one
//! discussion in a working group's reserved category. Written through the real services, then
//! spread over the past weeks.
use std::collections::HashMap;

use chrono::Duration;
use sea_orm::{sea_query::Expr, ColumnTrait, EntityTrait, QueryFilter};

use crate::server::{
    access::Audience,
    entities::{category, post, thread, user},
    Db,
};
use crate::{
    error::AppError,
    features::{
        accounts::types::Viewer,
        forum::{
            service::{posts, threads, votes},
            types::ThreadKind,
        },
        groups::service::member_group_ids,
    },
};

/// A thread of the demo: where, what, who, and the replies (author, text).
struct DemoThread {
    category: &'static str,
    kind: ThreadKind,
    author: &'static str,
    title: &'static str,
    body: &'static str,
    replies: &'static [(&'static str, &'static str)],
    /// Index into `replies` of the accepted answer, and who voted for which reply.
    accepted: Option<usize>,
    votes: &'static [(&'static str, usize, i16)],
    /// How many days ago it started.
    days_ago: i64,
}

const COPROGETTAZIONE: &str = "strumenti-amministrativi-per-l-innovazione-sociale";
const ESITI: &str = "misurazione-e-valutazione-degli-esiti";
const RISULTATI: &str = "pagamento-per-risultati-e-contabilita-pubblica";
const FINANZA: &str = "strumenti-di-finanza-d-impatto";
const EUROPA: &str = "impatto-sociale-e-programmazione-europea-2021-2027";

const THREADS: [DemoThread; 8] = [
    DemoThread {
        category: "generale",
        kind: ThreadKind::Discussion,
        author: "giulia.ferri",
        title: "Benvenute e benvenuti nel forum della comunità",
        body: "Questo è lo spazio per confrontarci tra enti pubblici, Terzo settore, università \
               ed esperti.\n\n\
               - **Domande**: se cerchi una risposta precisa, scegli «Fai una domanda». Chi ha \
               posto la domanda (o lo staff) accetta la risposta migliore, che entra nelle \
               *Domande risolte*.\n\
               - **Discussioni**: per approfondire un tema insieme.\n\
               - Segna come **utile** ciò che ti è servito e **segnala** allo staff ciò che non \
               va.\n\n\
               Ogni tema ha la sua categoria; i gruppi di lavoro hanno spazi riservati.",
        replies: &[(
            "anna.rossi",
            "Grazie Giulia! Comincio subito con una domanda sulla coprogettazione.",
        )],
        accepted: None,
        votes: &[],
        days_ago: 30,
    },
    DemoThread {
        category: COPROGETTAZIONE,
        kind: ThreadKind::Question,
        author: "anna.rossi",
        title: "Coprogettazione ex art. 55: serve sempre un avviso pubblico?",
        body: "Il nostro Comune vuole avviare una coprogettazione per i servizi di prossimità \
               agli anziani. Due cooperative del territorio collaborano già con noi da anni.\n\n\
               Possiamo avviare il tavolo direttamente con loro, o dobbiamo comunque pubblicare \
               un avviso? Se sì, con quali contenuti minimi?",
        replies: &[
            (
                "marco.bellini",
                "Sì, serve un procedimento ad evidenza pubblica. Le *Linee guida* del DM \
                 72/2021 chiedono che l’amministrazione renda noto l’avvio della \
                 coprogettazione con un avviso che indichi almeno:\n\n\
                 1. l’oggetto e la durata del partenariato;\n\
                 2. i requisiti degli enti del Terzo settore che possono partecipare;\n\
                 3. i criteri di valutazione delle proposte;\n\
                 4. le risorse messe a disposizione (anche non economiche).\n\n\
                 La collaborazione pregressa con le due cooperative è un valore, ma va fatta \
                 valere nei criteri, non come affidamento diretto. Vedi anche Corte cost. \
                 n. 131/2020.",
            ),
            (
                "luca.esposito",
                "Confermo dall’esperienza della nostra cooperativa: l’avviso del Comune di \
                 Milano era molto semplice (sei pagine) e i tempi sono stati di circa due mesi \
                 dall’avviso al primo tavolo.",
            ),
        ],
        accepted: Some(0),
        votes: &[("luca.esposito", 0, 1), ("giulia.ferri", 0, 1)],
        days_ago: 24,
    },
    DemoThread {
        category: ESITI,
        kind: ThreadKind::Question,
        author: "luca.esposito",
        title: "Quali indicatori di esito per un servizio di inserimento lavorativo?",
        body: "Stiamo ridisegnando con l’ambito sociale un servizio di inserimento lavorativo \
               per persone in carico ai servizi. Oltre al numero di contratti firmati, quali \
               indicatori di esito usate? Ci interessa misurare anche la tenuta nel tempo.",
        replies: &[
            (
                "marco.bellini",
                "Una proposta di partenza, da adattare ai dati che riuscite davvero a \
                 raccogliere:\n\n\
                 | Indicatore | Quando | Fonte |\n\
                 |---|---|---|\n\
                 | Occupazione a 6 mesi | 6 mesi dopo l’uscita | Comunicazioni obbligatorie |\n\
                 | Occupazione a 12 mesi | 12 mesi dopo | Comunicazioni obbligatorie |\n\
                 | Reddito da lavoro | annuale | dichiarazioni / ISEE |\n\
                 | Benessere percepito | ingresso e uscita | questionario breve |\n\n\
                 Attenzione al gruppo di confronto: senza, è difficile attribuire gli esiti al \
                 servizio.",
            ),
            (
                "anna.rossi",
                "Noi abbiamo aggiunto la riduzione delle prese in carico ripetute: è un dato \
                 che i servizi sociali hanno già.",
            ),
        ],
        accepted: None,
        votes: &[("anna.rossi", 0, 1)],
        days_ago: 12,
    },
    DemoThread {
        category: RISULTATI,
        kind: ThreadKind::Question,
        author: "anna.rossi",
        title: "Come si iscrive in bilancio un pagamento condizionato agli esiti?",
        body: "Se il pagamento a un ente dipende dal raggiungimento di esiti misurati tra due \
               anni, come lo iscriviamo nel bilancio di previsione? Impegno pluriennale, fondo \
               pluriennale vincolato, accantonamento? Qualcuno ha già affrontato il tema con la \
               propria ragioneria?",
        replies: &[],
        accepted: None,
        votes: &[],
        days_ago: 5,
    },
    DemoThread {
        category: FINANZA,
        kind: ThreadKind::Discussion,
        author: "luca.esposito",
        title: "Fondo rotativo per l’abitare sociale: esperienze a confronto",
        body: "Stiamo valutando con una fondazione un fondo rotativo per anticipare le spese di \
               ingresso in affitto (cauzione, prime mensilità) a nuclei seguiti dai servizi. \
               Chi ha esperienze, anche non andate bene?",
        replies: &[
            (
                "marco.bellini",
                "Il punto critico di solito è il tasso di rientro: in due casi che ho studiato \
                 era tra il 70 e l’80%. Conviene prevedere da subito una quota a fondo perduto.",
            ),
            (
                "anna.rossi",
                "@luca.esposito a Castelmonte ne parliamo da mesi: possiamo sentirci per \
                 confrontare i regolamenti?",
            ),
        ],
        accepted: None,
        votes: &[],
        days_ago: 9,
    },
    DemoThread {
        category: EUROPA,
        kind: ThreadKind::Question,
        author: "luca.esposito",
        title: "FSE+ e coprogettazione: si possono rendicontare i costi del partenariato?",
        body: "In un progetto finanziato dal PR FSE+ regionale, i costi sostenuti dagli enti \
               del Terzo settore partner della coprogettazione sono ammissibili? Con quali \
               giustificativi?",
        replies: &[(
            "giulia.ferri",
            "Sì, se l’avviso regionale li prevede e se il partenariato è formalizzato \
             (convenzione dopo la coprogettazione). I costi vanno giustificati come per ogni \
             beneficiario; molte Regioni ammettono le opzioni di costo semplificate (costi \
             standard o forfettari), che alleggeriscono molto la rendicontazione.",
        )],
        accepted: Some(0),
        votes: &[("anna.rossi", 0, 1)],
        days_ago: 18,
    },
    DemoThread {
        category: EUROPA,
        kind: ThreadKind::Question,
        author: "anna.rossi",
        title: "Bandi PR FESR per l’innovazione sociale: chi ha esperienza?",
        body: "Nella nostra Regione il PR FESR ha una linea sull’innovazione sociale. Qualche \
               Comune ha già partecipato? Ci interessano soprattutto i criteri di \
               valutazione.",
        replies: &[],
        accepted: None,
        votes: &[],
        days_ago: 2,
    },
    DemoThread {
        category: "gruppo-cabina-di-regia",
        kind: ThreadKind::Discussion,
        author: "giulia.ferri",
        title: "Programma del seminario di marzo",
        body: "Propongo tre sessioni: coprogettazione (casi), misurazione degli esiti, fondi \
               europei. Chi può coordinare la seconda?",
        replies: &[(
            "anna.rossi",
            "Posso coordinare la sessione sulla misurazione: chiedo a Marco Bellini di \
             intervenire.",
        )],
        accepted: None,
        votes: &[],
        days_ago: 3,
    },
];

/// Writes the demo forum. Expects the demo people, themes and groups to exist.
/// The demo's people as the services see them (each with their groups).
pub(super) async fn audiences(db: &Db) -> Result<HashMap<&'static str, Audience>, AppError> {
    let people: HashMap<String, user::Model> = user::Entity::find()
        .all(db.read())
        .await?
        .into_iter()
        .map(|u| (u.username.clone(), u))
        .collect();
    let mut audiences: HashMap<&'static str, Audience> = HashMap::new();
    for username in [
        "admin",
        "giulia.ferri",
        "marco.bellini",
        "anna.rossi",
        "luca.esposito",
    ] {
        let Some(person) = people.get(username) else {
            continue;
        };
        let viewer = Viewer {
            user_id: person.id,
            username: person.username.clone(),
            display_name: person.display_name.clone(),
            role: person.role,
            second_factor: person.totp_enabled_at.is_some(),
        };
        let groups = member_group_ids(db, person.id).await?;
        audiences.insert(username, Audience::new(Some(viewer), groups, true));
    }
    Ok(audiences)
}

pub async fn load(db: &Db) -> Result<(), AppError> {
    let audiences = audiences(db).await?;
    let categories: HashMap<String, i32> = category::Entity::find()
        .all(db.read())
        .await?
        .into_iter()
        .map(|c| (c.slug, c.id))
        .collect();
    for demo in &THREADS {
        let (Some(author), Some(&category_id)) =
            (audiences.get(demo.author), categories.get(demo.category))
        else {
            tracing::error!(
                category = demo.category,
                "demo forum: category or author missing"
            );
            return Err(AppError::Internal);
        };
        let created =
            threads::create_thread(db, author, category_id, demo.kind, demo.title, demo.body)
                .await?;
        let mut post_ids = vec![created.post_id];
        for (username, text) in demo.replies {
            if let Some(audience) = audiences.get(username) {
                post_ids.push(posts::reply(db, audience, created.thread_id, text).await?);
            }
        }
        for (username, index, value) in demo.votes {
            if let (Some(audience), Some(post_id)) =
                (audiences.get(username), post_ids.get(index + 1))
            {
                votes::vote(db, audience, *post_id, *value).await?;
            }
        }
        if let Some(post_id) = demo.accepted.and_then(|i| post_ids.get(i + 1)) {
            votes::accept(db, author, created.thread_id, Some(*post_id)).await?;
        }
        backdate(db, created.thread_id, &post_ids, demo.days_ago).await?;
    }
    // The welcome thread is pinned (set directly: demo data, not a moderation act to audit).
    thread::Entity::update_many()
        .col_expr(thread::Column::Pinned, Expr::value(true))
        .filter(thread::Column::Title.eq(THREADS[0].title))
        .exec(db.write())
        .await?;
    Ok(())
}

/// Spreads a thread's posts over the days since it started (a few hours apart).
async fn backdate(
    db: &Db,
    thread_id: i32,
    post_ids: &[i32],
    days_ago: i64,
) -> Result<(), AppError> {
    let start = crate::server::clock::now() - Duration::days(days_ago);
    let mut last = start;
    for (index, id) in post_ids.iter().enumerate() {
        let at = start + Duration::hours(5 * index as i64);
        let at = at.min(crate::server::clock::now());
        last = at;
        post::Entity::update_many()
            .col_expr(post::Column::CreatedAt, Expr::value(at))
            .filter(post::Column::Id.eq(*id))
            .exec(db.write())
            .await?;
    }
    thread::Entity::update_many()
        .col_expr(thread::Column::CreatedAt, Expr::value(start))
        .col_expr(thread::Column::LastActivityAt, Expr::value(last))
        .filter(thread::Column::Id.eq(thread_id))
        .exec(db.write())
        .await?;
    Ok(())
}
