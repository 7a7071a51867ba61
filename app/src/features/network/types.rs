//! The network directory's types, shared by server and browser: organisations as full records,
//! people's cards and profiles, and the directory's filters.
use serde::{Deserialize, Serialize};

use crate::{
    i18n::Messages,
    kernel::identity::{OrganisationRole, Role},
};

crate::stored_enum! {
    /// What kind of body an organisation is (DESIGN §2.2).
    pub enum OrganisationKind {
        PublicAdministration = "public_administration",
        ThirdSector = "third_sector",
        University = "university",
        Company = "company",
        Other = "other",
    }
}

impl OrganisationKind {
    pub fn describe(self, t: &Messages) -> &'static str {
        (t.network.organisation_kind_label)(self)
    }
}

crate::stored_enum! {
    /// Who may see a person's e-mail address and phone number. Staff and the referents of the
    /// person's organisations always may: they run the community and the organisation.
    pub enum ContactVisibility {
        /// Only staff and one's referents.
        Team = "team",
        /// Also members and experts.
        Members = "members",
        /// Everyone signed in.
        Registered = "registered",
    }
}

impl ContactVisibility {
    /// Whether someone with `role` (not staff, not one's referent) sees the contacts.
    pub fn shows_to(self, role: Role) -> bool {
        match self {
            ContactVisibility::Team => false,
            ContactVisibility::Members => role >= Role::Member,
            ContactVisibility::Registered => true,
        }
    }
}

/// A theme as a tag on a card or a filter choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeTag {
    pub id: i32,
    pub slug: String,
    pub name: String,
}

/// An organisation as the directory lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationCard {
    pub id: i32,
    pub name: String,
    pub kind: OrganisationKind,
    pub region: String,
    pub city: String,
    pub logo: Option<i32>,
    pub themes: Vec<ThemeTag>,
    pub people: u64,
}

/// A person's contact details, present only when the viewer may see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub email: String,
    pub phone: Option<String>,
}

/// A person's place in one organisation, as a card shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Affiliation {
    pub organisation_id: i32,
    pub organisation: String,
    pub role: OrganisationRole,
}

/// A person as the directory and an organisation's page show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonCard {
    pub user_id: i32,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub bio: String,
    pub photo: Option<i32>,
    pub affiliations: Vec<Affiliation>,
    pub themes: Vec<ThemeTag>,
    pub contact: Option<Contact>,
}

/// The directory's filters, as the query string carries them (`tipo`, `regione`, `tema`, `q`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryFilter {
    pub kind: Option<OrganisationKind>,
    pub region: Option<String>,
    /// A theme's slug.
    pub theme: Option<String>,
    pub text: String,
}

/// One page of the directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Directory {
    pub organisations: Vec<OrganisationCard>,
    /// People are listed to people who are signed in only; `None` for visitors.
    pub people: Option<Vec<PersonCard>>,
    /// More matched than a page shows: the filters should be narrowed.
    pub truncated: bool,
    pub regions: Vec<String>,
    pub themes: Vec<ThemeTag>,
    /// Staff may add organisations.
    pub may_create: bool,
}

/// An organisation's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationDetails {
    pub card: OrganisationCard,
    pub ipa_code: Option<String>,
    pub tax_code: Option<String>,
    pub website: Option<String>,
    pub description: String,
    /// Its people (empty for visitors, who do not see people).
    pub people: Vec<PersonCard>,
    /// Staff or one of its referents: may edit it and manage its people.
    pub manage: bool,
    /// Every theme, for the editing form's choices.
    pub all_themes: Vec<ThemeTag>,
}

/// The fields of an organisation, as the create and edit forms send them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationInput {
    pub name: String,
    pub kind: String,
    pub ipa_code: String,
    pub tax_code: String,
    pub region: String,
    pub city: String,
    pub website: String,
    pub description: String,
    pub themes: Vec<i32>,
}

impl OrganisationInput {
    /// The typed values a refused form gets back (themes are chosen again).
    pub fn fields(&self) -> [(&'static str, &str); 8] {
        [
            ("name", &self.name),
            ("kind", &self.kind),
            ("ipa_code", &self.ipa_code),
            ("tax_code", &self.tax_code),
            ("region", &self.region),
            ("city", &self.city),
            ("website", &self.website),
            ("description", &self.description),
        ]
    }
}

/// What the profile form shows and edits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileEditor {
    pub display_name: String,
    pub bio: String,
    pub phone: String,
    pub contact_visibility: ContactVisibility,
    pub photo: Option<i32>,
    pub followed: Vec<i32>,
    pub themes: Vec<ThemeTag>,
}

/// The Italian regions (and the autonomous provinces' region), the directory's region choices.
pub const REGIONS: [&str; 20] = [
    "Abruzzo",
    "Basilicata",
    "Calabria",
    "Campania",
    "Emilia-Romagna",
    "Friuli-Venezia Giulia",
    "Lazio",
    "Liguria",
    "Lombardia",
    "Marche",
    "Molise",
    "Piemonte",
    "Puglia",
    "Sardegna",
    "Sicilia",
    "Toscana",
    "Trentino-Alto Adige",
    "Umbria",
    "Valle d’Aosta",
    "Veneto",
];
