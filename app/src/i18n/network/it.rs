//! I testi della rete, in italiano.
use super::NetworkMessages;
use crate::i18n::plural;

pub static IT: NetworkMessages = NetworkMessages {
    network_themes_label: "Temi",
    network_people_count: |n| plural(n, "1 persona", "{n} persone"),
    network_contact_private: "Contatti visibili solo allo staff e ai referenti.",
    network_people_heading: |n| format!("Persone ({n})"),
    network_organisations_heading: |n| format!("Organizzazioni ({n})"),
    network_none: "Nessun risultato con questi filtri.",
    network_search: "Cerca per nome o città",
    network_kind: "Tipo di organizzazione",
    network_region: "Regione",
    network_theme: "Tema",
    network_any: "Tutti",
    network_filter: "Filtra",
    network_clear: "Togli i filtri",
    network_truncated: "Sono mostrati i primi 100 risultati: restringi la ricerca con i filtri.",
    organisation_new_heading: "Nuova organizzazione",
    organisation_saved: "Modifiche salvate.",
    organisation_name: "Nome dell’organizzazione",
    organisation_city: "Comune",
    organisation_ipa_code: "Codice IPA",
    organisation_tax_code: "Codice fiscale",
    organisation_tax_code_hint: "11 cifre per un ente; facoltativo.",
    organisation_website: "Sito web",
    organisation_description: "Presentazione",
    organisation_themes: "Temi su cui lavora",
    organisation_create: "Aggiungi l’organizzazione",
    organisation_make_member: "Rendi membro",
    organisation_make_referent: "Rendi referente",
    organisation_remove_person: "Togli dall’organizzazione",
    organisation_manage_heading: "Gestione dell’organizzazione",
    organisation_invite_link: "Invita nuove persone dell’organizzazione",
    organisation_edit_heading: "Dati dell’organizzazione",
    organisation_logo_heading: "Logo",
    organisation_add_heading: "Aggiungi una persona già iscritta",
    organisation_add_username: "Nome utente",
    organisation_add: "Aggiungi",
    image_file_label: "Immagine",
    image_hint: "PNG, JPEG o WebP, al massimo 512 KB.",
    image_upload: "Carica",
    image_remove: "Togli l’immagine",
    organisation_kind_label: |kind| {
        use crate::features::network::types::OrganisationKind::*;
        match kind {
            PublicAdministration => "Pubblica amministrazione",
            ThirdSector => "Terzo settore",
            University => "Università e ricerca",
            Company => "Impresa",
            Other => "Altro",
        }
    },
    contact_visibility_label: |visibility| {
        use crate::features::network::types::ContactVisibility::*;
        match visibility {
            Team => "Solo lo staff e i referenti delle mie organizzazioni",
            Members => "Anche i membri e gli esperti della comunità",
            Registered => "Tutte le persone iscritte",
        }
    },
    profile_public_heading: "Il tuo profilo nella Rete",
    profile_public_intro: "Così ti vedono le altre persone iscritte nella Rete.",
    profile_bio: "Presentazione breve",
    profile_bio_hint: "Di che cosa ti occupi, in poche righe (al massimo 1000 caratteri).",
    profile_phone: "Telefono",
    profile_contact_visibility: "Chi vede la tua e-mail e il tuo telefono",
    profile_followed_themes: "Temi che segui",
    profile_photo_heading: "Foto",
    profile_photo_alt: "La tua foto",
    profile_saved: "Profilo salvato.",
    profile_photo_saved: "Foto aggiornata.",
};
