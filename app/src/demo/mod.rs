//! The demo community loaded on first start when asked (`PRATICA_DEMO=1`): the five initial
//! themes, organisations of each kind and one account for each role. It goes through the real
//! services (groups, forum, wiki, polls, surveys), so what it builds is what people would.
mod forum;
mod groups;
mod polls;
mod surveys;
mod wiki;

use crate::features::network::types::{ContactVisibility, OrganisationKind};
use chrono::Utc;
use rand::Rng;
use sea_orm::{
    ActiveModelTrait, EntityTrait, IntoActiveModel, PaginatorTrait, Set, TransactionTrait,
};

use crate::server::{entities, passwords::Passwords, Db};
use crate::{
    error::AppError,
    features::{community::service as community, themes::service as themes},
};
use entities::theme::ThemeStatus;

/// Sign-in details of a demo account, printed once at the first start.
#[derive(Debug, Clone)]
pub struct DemoAccount {
    pub role: &'static str,
    pub username: &'static str,
    pub display_name: &'static str,
    pub password: String,
    /// Staff and admins need a second factor: their TOTP key (base32), for an authenticator app.
    pub totp_secret: Option<String>,
}

pub const THEMES: [(&str, &str); 5] = [
    (
        "Strumenti amministrativi per l’innovazione sociale",
        "Appalti innovativi, coprogrammazione e coprogettazione con il terzo settore, \
         partenariati per l’innovazione: come si scrivono e si gestiscono.",
    ),
    (
        "Misurazione e valutazione degli esiti",
        "Indicatori di esito, disegni di valutazione, raccolta e uso dei dati per decidere \
         quali servizi funzionano.",
    ),
    (
        "Pagamento per risultati e contabilità pubblica",
        "Schemi di pagamento per risultati e social impact bond, e come si iscrivono nei \
         bilanci pubblici.",
    ),
    (
        "Strumenti di finanza d’impatto",
        "Fondi, garanzie, titoli e altri strumenti che finanziano servizi con un impatto \
         sociale misurabile.",
    ),
    (
        "Impatto sociale e programmazione europea 2021–2027",
        "Come usare i fondi della programmazione europea 2021–2027 (FSE+, FESR) per progetti \
         a impatto sociale.",
    ),
];

const ORGANISATIONS: [(&str, OrganisationKind, &str, &str); 5] = [
    (
        "Comune di Castelmonte",
        OrganisationKind::PublicAdministration,
        "Toscana",
        "Castelmonte",
    ),
    (
        "Azienda sociosanitaria del Tirreno",
        OrganisationKind::PublicAdministration,
        "Liguria",
        "La Spezia",
    ),
    (
        "Cooperativa sociale Il Ponte",
        OrganisationKind::ThirdSector,
        "Lombardia",
        "Milano",
    ),
    (
        "Fondazione Comunità Solidale",
        OrganisationKind::ThirdSector,
        "Campania",
        "Napoli",
    ),
    (
        "Università di Pianura – Dipartimento di economia sociale",
        OrganisationKind::University,
        "Emilia-Romagna",
        "Bologna",
    ),
];

/// What the directory shows of each organisation (same order as ORGANISATIONS): IPA code, tax
/// code, website, description and the themes it works on (indices into THEMES).
type OrganisationDetails = (
    Option<&'static str>,
    Option<&'static str>,
    &'static str,
    &'static str,
    &'static [usize],
);

const ORGANISATION_DETAILS: [OrganisationDetails; 5] = [
    (
        Some("c_c999"),
        Some("00123450529"),
        "https://www.comune.castelmonte.example",
        "Comune capofila dell’ambito sociale della Valdelsa. Ha avviato nel 2024 la prima \
         coprogettazione ex art. 55 per i servizi di prossimità agli anziani.",
        &[0, 1],
    ),
    (
        Some("asl_tirreno"),
        Some("01234560115"),
        "https://www.asl-tirreno.example",
        "Azienda sanitaria che integra servizi sanitari e sociali nei distretti della costa.",
        &[0, 2],
    ),
    (
        None,
        Some("04567890157"),
        "https://www.ilponte.example",
        "Cooperativa sociale di tipo A: servizi educativi, inclusione lavorativa e abitare \
         sociale nella città metropolitana.",
        &[0, 3],
    ),
    (
        None,
        Some("95012340638"),
        "https://www.comunitasolidale.example",
        "Fondazione di comunità che finanzia progetti di welfare locale e ne misura gli esiti.",
        &[2, 3],
    ),
    (
        None,
        Some("80012340374"),
        "https://www.economiasociale.pianura.example",
        "Dipartimento universitario che studia la valutazione d’impatto e l’economia sociale.",
        &[2, 4],
    ),
];

/// What the directory shows of each person: bio, phone, who sees the contacts, followed themes.
type PersonDetails = (
    &'static str,
    &'static str,
    Option<&'static str>,
    ContactVisibility,
    &'static [usize],
);

const PERSON_DETAILS: [PersonDetails; 5] = [
    (
        "admin",
        "Gestione tecnica della piattaforma.",
        None,
        ContactVisibility::Team,
        &[],
    ),
    (
        "giulia.ferri",
        "Coordino la comunità di pratica e il programma dei seminari.",
        Some("+39 055 123 4567"),
        ContactVisibility::Registered,
        &[0, 1, 2, 3, 4],
    ),
    (
        "marco.bellini",
        "Ricercatore in economia sociale: metodi misti per la valutazione d’impatto.",
        None,
        ContactVisibility::Members,
        &[2, 4],
    ),
    (
        "anna.rossi",
        "Responsabile dell’ufficio di piano dell’ambito sociale; seguo le istruttorie di \
         coprogettazione.",
        Some("0577 987654"),
        ContactVisibility::Members,
        &[0, 1],
    ),
    (
        "luca.esposito",
        "Progettista sociale, mi occupo di bandi e partenariati pubblico-privati.",
        None,
        ContactVisibility::Team,
        &[0, 3],
    ),
];

struct DemoPerson {
    role: &'static str,
    username: &'static str,
    display_name: &'static str,
    email: &'static str,
    /// Index into ORGANISATIONS and the person's place there (referent or member).
    organisation: Option<(usize, &'static str)>,
}

const fn person(
    role: &'static str,
    username: &'static str,
    display_name: &'static str,
    email: &'static str,
    organisation: Option<(usize, &'static str)>,
) -> DemoPerson {
    DemoPerson {
        role,
        username,
        display_name,
        email,
        organisation,
    }
}

const PEOPLE: [DemoPerson; 5] = [
    person(
        "admin",
        "admin",
        "Amministrazione Pratica",
        "admin@pratica.example",
        None,
    ),
    person(
        "staff",
        "giulia.ferri",
        "Giulia Ferri",
        "giulia.ferri@pratica.example",
        None,
    ),
    person(
        "expert",
        "marco.bellini",
        "Marco Bellini",
        "marco.bellini@pianura.example",
        Some((4, "member")),
    ),
    person(
        "member",
        "anna.rossi",
        "Anna Rossi",
        "anna.rossi@castelmonte.example",
        Some((0, "referent")),
    ),
    person(
        "member",
        "luca.esposito",
        "Luca Esposito",
        "luca.esposito@ilponte.example",
        Some((2, "referent")),
    ),
];

/// Loads the demo community into an empty database. Returns the accounts it created, or
/// nothing when the database already has people (so it runs once).
pub async fn load_if_empty(
    db: &Db,
    passwords: &Passwords,
    secrets: &crate::server::secrets::Secrets,
    fixed_password: Option<&str>,
    fixed_totp_secret: Option<&str>,
) -> Result<Option<Vec<DemoAccount>>, AppError> {
    if entities::user::Entity::find().count(db.read()).await? > 0 {
        return Ok(None);
    }
    let mut accounts = Vec::new();
    let mut hashes = Vec::new();
    for person in &PEOPLE {
        let password = fixed_password.map_or_else(random_password, str::to_owned);
        hashes.push(passwords.hash(&password).await?);
        let team = matches!(person.role, "staff" | "admin");
        accounts.push(DemoAccount {
            role: person.role,
            username: person.username,
            display_name: person.display_name,
            password,
            totp_secret: team.then(|| {
                fixed_totp_secret.map_or_else(
                    crate::features::accounts::service::new_secret,
                    str::to_owned,
                )
            }),
        });
    }

    let now = Utc::now();
    let txn = db.write().begin().await?;
    let mut theme_ids = Vec::new();
    for (name, description) in THEMES {
        theme_ids.push(
            themes::insert(&txn, name, description, ThemeStatus::Approved)
                .await?
                .id,
        );
    }
    let mut organisation_ids = Vec::new();
    for ((name, kind, region, city), (ipa, tax, website, description, themes)) in
        ORGANISATIONS.into_iter().zip(ORGANISATION_DETAILS)
    {
        let org = entities::organisation::ActiveModel {
            name: Set(name.into()),
            kind: Set(kind),
            region: Set(region.into()),
            city: Set(city.into()),
            ipa_code: Set(ipa.map(Into::into)),
            tax_code: Set(tax.map(Into::into)),
            website: Set(Some(website.into())),
            description: Set(description.into()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        for index in themes {
            entities::organisation_theme::ActiveModel {
                organisation_id: Set(org.id),
                theme_id: Set(theme_ids[*index]),
            }
            .insert(&txn)
            .await?;
        }
        organisation_ids.push(org.id);
    }
    let mut user_ids = std::collections::HashMap::new();
    for ((person, hash), account) in PEOPLE.iter().zip(hashes).zip(&accounts) {
        let user = entities::user::ActiveModel {
            username: Set(person.username.into()),
            email: Set(person.email.into()),
            display_name: Set(person.display_name.into()),
            role: Set(crate::kernel::identity::Role::parse(person.role)
                .unwrap_or(crate::kernel::identity::Role::Member)),
            password_hash: Set(hash),
            created_at: Set(now),
            email_verified_at: Set(Some(now)),
            totp_secret: Set(account.totp_secret.as_deref().map(|s| secrets.seal(s))),
            totp_enabled_at: Set(account.totp_secret.as_ref().map(|_| now)),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        user_ids.insert(person.username, user.id);
        if let Some((_, bio, phone, visibility, themes)) = PERSON_DETAILS
            .iter()
            .find(|(username, ..)| *username == person.username)
        {
            let mut profile = user.clone().into_active_model();
            profile.bio = Set((*bio).into());
            profile.phone = Set(phone.map(Into::into));
            profile.contact_visibility = Set(*visibility);
            profile.update(&txn).await?;
            for index in *themes {
                entities::user_theme::ActiveModel {
                    user_id: Set(user.id),
                    theme_id: Set(theme_ids[*index]),
                }
                .insert(&txn)
                .await?;
            }
        }
        if let Some((index, place)) = person.organisation {
            let Some(&organisation_id) = organisation_ids.get(index) else {
                continue;
            };
            entities::organisation_member::ActiveModel {
                organisation_id: Set(organisation_id),
                user_id: Set(user.id),
                role: Set(crate::kernel::identity::OrganisationRole::parse(place)
                    .unwrap_or(crate::kernel::identity::OrganisationRole::Member)),
            }
            .insert(&txn)
            .await?;
        }
    }
    community::set_phase(&txn, crate::kernel::phase::Phase::Closed).await?;
    txn.commit().await?;
    groups::load(db).await?;
    forum::load(db).await?;
    wiki::load(db).await?;
    polls::load(db).await?;
    surveys::load(db).await?;
    Ok(Some(accounts))
}

fn random_password() -> String {
    // No look-alike characters (0/O, 1/l/I), so the printed password is easy to type.
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..16)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}
