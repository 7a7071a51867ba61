//! Italian: the community's first language.
use super::Messages;

pub static IT: Messages = Messages {
    site_name: "Pratica",
    site_tagline: "Comunità di pratica per l’innovazione sociale e la coprogettazione",
    community_label: "Comunità di pratica",
    skip_to_content: "Vai al contenuto principale",
    nav_label: "Navigazione principale",
    nav_home: "Home",
    nav_forum: "Forum",
    nav_questions: "Domande",
    nav_wiki: "Wiki",
    nav_agenda: "Agenda",
    nav_library: "Materiali",
    nav_network: "Rete",
    nav_sign_in: "Accedi",
    language_label: "Lingua",
    footer_phase_label: "Fase della comunità",
    phase_closed: "1 · chiusa: solo i membri degli enti aderenti e lo staff, su invito",
    phase_extended: "2 · estesa: anche esperti, università, centri di ricerca e altri enti",
    phase_open: "3 · aperta: iscrizione libera e categorie pubbliche",
    footer_about: "Pratica è un software libero per le comunità di pratica.",
    home_title: "Benvenuti nella comunità di pratica",
    home_intro: "Pubbliche amministrazioni, enti del terzo settore, università ed esperti \
                 che coprogettano servizi sociali: qui si discute, ci si fanno domande, si \
                 scrive insieme ciò che si impara e ci si incontra ai seminari.",
    themes_heading: "I temi della comunità",
    themes_intro: "I temi sono proposti dai membri e approvati dallo staff: organizzano \
                   discussioni, domande, wiki e materiali.",
    theme_filter_label: "Filtra i temi",
    theme_filter_hint: "Scrivi una parola: maiuscole e accenti non contano.",
    theme_filter_button: "Filtra",
    theme_filter_count: "Temi mostrati: {shown} su {total}",
    themes_none_match: "Nessun tema corrisponde a «{query}».",
    themes_empty: "Non ci sono ancora temi.",
    theme_added_on: |date| format!("Aggiunto il {date}"),
    section_pending: "Questa sezione è in preparazione e sarà disponibile in una prossima \
                      versione di Pratica.",
    section_forum: "Le discussioni della comunità, organizzate per tema.",
    section_questions: "Domande e risposte tra professionisti, con le risposte degli esperti \
                        e l’archivio delle domande risolte.",
    section_wiki: "La conoscenza condivisa della comunità, scritta e rivista insieme.",
    section_agenda: "Seminari, webinar, incontri dei gruppi ed eventi esterni.",
    section_library: "Norme, atti, avvisi, metodologie e presentazioni riservati ai membri.",
    section_network: "Gli enti aderenti e le persone della rete, con i loro temi.",
    not_found_title: "Pagina non trovata",
    back_home: "Torna alla home",
    error_title: "Si è verificato un errore",
    error_not_found: "La pagina che cerchi non esiste oppure non è visibile con il tuo profilo.",
    error_forbidden: "Non hai i permessi per questa operazione.",
    error_conflict: "Qualcun altro ha modificato questi dati nel frattempo, oppure il valore \
                     è già in uso. Ricarica la pagina e riprova.",
    error_unavailable: "Il server non è raggiungibile. Controlla la connessione e riprova.",
    error_invalid_credentials: "Nome utente, e-mail o password non corretti.",
    error_rate_limited: |minutes| {
        format!("Troppi tentativi di accesso. Riprova tra {minutes} minuti.")
    },
    sign_in_title: "Accedi",
    sign_in_intro: "Accedi con il tuo nome utente (o l’indirizzo e-mail) e la password.",
    sign_in_login: "Nome utente o e-mail",
    sign_in_password: "Password",
    sign_in_submit: "Accedi",
    sign_in_already: |name| format!("Hai già effettuato l’accesso come {name}."),
    signed_in_as: "Accesso effettuato come",
    sign_out: "Esci",
    request_cross_site: "Richiesta rifiutata: proviene da un altro sito.",
    forgot_link: "Password dimenticata?",
    forgot_title: "Password dimenticata",
    forgot_intro: "Scrivi l’indirizzo e-mail del tuo account: ti mandiamo un link per \
                   sceglierne una nuova, valido un’ora.",
    forgot_email: "Indirizzo e-mail",
    forgot_submit: "Invia il link",
    forgot_sent: "Se l’indirizzo corrisponde a un account, ti abbiamo inviato un link per \
                  reimpostare la password. Controlla la posta (anche lo spam).",
    reset_title: "Nuova password",
    reset_intro: "Scegli la nuova password. Uscirai da tutti i dispositivi in cui avevi \
                  effettuato l’accesso.",
    reset_password: "Nuova password",
    reset_password_hint: "Almeno 8 caratteri. Una frase di più parole è facile da ricordare \
                          e difficile da indovinare.",
    reset_confirmation: "Ripeti la nuova password",
    reset_submit: "Salva la password",
    reset_done: "Password cambiata: ora puoi accedere con quella nuova.",
    mail_reset_subject: "Pratica: reimposta la password",
    mail_reset_body: |name, link| {
        format!(
            "Ciao {name},\n\nqualcuno (speriamo tu) ha chiesto di reimpostare la password del \
             tuo account su Pratica. Per sceglierne una nuova apri questo link entro un’ora:\n\n\
             {link}\n\nSe non l’hai chiesto tu, ignora questo messaggio: la password resta \
             quella di prima.\n"
        )
    },
    error_internal: "Qualcosa non ha funzionato da parte nostra. Riprova tra qualche istante.",
    invalid_required: "Questo campo è obbligatorio.",
    invalid_too_long: |max| format!("Il testo è troppo lungo: al massimo {max} caratteri."),
    invalid_too_short: |min| format!("Troppo breve: almeno {min} caratteri."),
    invalid_common_password: "Questa password è tra le più usate o contiene il tuo nome: \
                              scegline una più personale. Una frase di più parole va benissimo.",
    invalid_mismatch: "Le due password non coincidono.",
    invalid_expired: "Il link non è valido oppure è scaduto o già stato usato. Chiedine uno nuovo.",
    invalid_wrong_password: "La password attuale non è corretta.",
    security_title: "Sicurezza dell’account",
    sessions_heading: "Dove hai effettuato l’accesso",
    sessions_intro: "Se non riconosci un accesso, chiudilo e cambia la password.",
    session_this: "Questa sessione",
    session_started: "Accesso",
    session_last_seen: "Ultima attività",
    session_from: "Da",
    session_revoke: "Chiudi",
    sessions_revoke_others: "Esci da tutte le altre sessioni",
    sessions_revoked: "Sessioni chiuse.",
    password_heading: "Cambia la password",
    password_current: "Password attuale",
    password_changed: "Password cambiata. Le altre sessioni sono state chiuse.",
    invalid_malformed: "Il valore inserito non è valido.",
    invalid_duplicate: "Questo valore è già in uso.",
    loading: "Caricamento…",
    months: [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ],
    date_time_joiner: ", ",
    error_sign_up_closed: "In questa fase la comunità accoglie nuove persone solo su invito. Se lavori con un’organizzazione aderente, chiedi un invito al suo referente.",
    field_label: |field| match field {
        "username" => Some("Nome utente"),
        "display_name" => Some("Nome e cognome"),
        "email" => Some("E-mail"),
        "password" => Some("Password"),
        "confirmation" => Some("Conferma della password"),
        "current" => Some("Password attuale"),
        "invitation" => Some("Invito"),
        "organisation" => Some("Organizzazione"),
        "days" => Some("Validità"),
        _ => None,
    },
    role_label: |role| {
        use crate::features::accounts::types::Role::*;
        match role {
            Registered => "Persona registrata",
            Member => "Membro",
            Expert => "Esperto/a",
            Staff => "Staff",
            Admin => "Amministrazione",
        }
    },
    organisation_role_label: |role| match role {
        crate::features::accounts::types::OrganisationRole::Referent => "Referente",
        crate::features::accounts::types::OrganisationRole::Member => "Membro",
    },
    sign_up_link: "Non hai un account? Registrati",
    sign_up_by_invitation: "Hai ricevuto un invito? Apri il link che trovi nell’e-mail.",
    sign_up_title: "Registrati",
    sign_up_intro: "Crea il tuo account su Pratica. Tutti i campi sono obbligatori.",
    sign_up_invited: |by, role, organisation| match organisation {
        Some(org) => format!("{by} ti ha invitato a unirti a Pratica come {role} per {org}."),
        None => format!("{by} ti ha invitato a unirti a Pratica come {role}."),
    },
    sign_up_invitation_invalid: "Questo invito non è valido: è scaduto, è già stato usato oppure è stato revocato. Chiedi un nuovo invito a chi te l’ha mandato.",
    sign_up_display_name: "Nome e cognome",
    sign_up_display_name_hint: "Come ti vedranno le altre persone della comunità.",
    sign_up_username: "Nome utente",
    sign_up_username_hint: "Da 3 a 32 caratteri: lettere minuscole, cifre, punto, trattino o trattino basso. Serve per accedere e per le menzioni.",
    sign_up_email: "Indirizzo e-mail",
    sign_up_email_hint_invited: "L’invito è legato a questo indirizzo.",
    sign_up_submit: "Crea l’account",
    profile_title: "Il tuo profilo",
    profile_welcome: "Benvenuto/a in Pratica! Il tuo account è pronto.",
    profile_username: "Nome utente",
    profile_email: "E-mail",
    profile_role: "Ruolo",
    profile_organisations: "Organizzazioni",
    profile_no_organisations: "Nessuna organizzazione.",
    profile_member_since: "Iscritto/a dal",
    profile_email_verified: "verificata",
    profile_email_unverified: "non ancora verificata: ti abbiamo inviato un link.",
    profile_resend: "Invia di nuovo il link",
    profile_resent: "Ti abbiamo inviato un nuovo link di verifica.",
    profile_verified: "Indirizzo e-mail verificato. Grazie!",
    profile_security_link: "Sicurezza dell’account: sessioni e password",
    verify_title: "Verifica l’indirizzo e-mail",
    verify_intro: "Premi il pulsante per confermare che questo indirizzo è tuo.",
    verify_submit: "Conferma l’indirizzo",
    mail_verify_subject: "Pratica: conferma il tuo indirizzo e-mail",
    mail_verify_body: |name, link| {
        format!(
            "Ciao {name},\n\nper confermare che questo indirizzo è tuo apri il link qui sotto \
             entro tre giorni e premi «Conferma l’indirizzo»:\n\n{link}\n\nSe non hai creato \
             tu un account su Pratica, ignora questo messaggio.\n"
        )
    },
    mail_invitation_subject: "Sei invitato/a a unirti a Pratica",
    mail_invitation_body: |by, organisation, link| {
        let context = organisation
            .map(|org| format!(" per {org}"))
            .unwrap_or_default();
        format!(
            "Buongiorno,\n\n{by} ti invita a unirti{context} a Pratica, la comunità di \
             pratica su coprogettazione e innovazione sociale.\n\nPer creare il tuo account \
             apri questo link (vale una sola volta):\n\n{link}\n"
        )
    },
    invitations_title: "Inviti",
    invitations_intro: "Invita una persona: riceverà un link personale, valido una sola volta, con il ruolo e l’organizzazione che scegli qui.",
    invitations_new_heading: "Nuovo invito",
    invitations_email: "E-mail della persona (facoltativa)",
    invitations_email_hint: "Se la scrivi, le inviamo il link e solo quell’indirizzo potrà usarlo. Altrimenti consegna tu il link.",
    invitations_role: "Ruolo",
    invitations_organisation: "Organizzazione",
    invitations_no_organisation: "Nessuna",
    invitations_as_referent: "Come referente dell’organizzazione",
    invitations_days: "Validità in giorni (da 1 a 30)",
    invitations_submit: "Crea l’invito",
    invitations_created: "Invito creato. Ecco il link: lo vedi solo ora, copialo se devi consegnarlo tu.",
    invitations_list_heading: "Inviti recenti",
    invitations_none: "Nessun invito per ora.",
    invitations_col_for: "Per",
    invitations_col_status: "Stato",
    invitations_col_by: "Da",
    invitations_col_expires: "Scade",
    invitations_anyone: "chi riceve il link",
    invitations_revoke: "Revoca",
    invitation_status_label: |status| {
        use crate::features::accounts::types::InvitationStatus::*;
        match status {
            Pending => "In attesa",
            Used => "Usato",
            Expired => "Scaduto",
            Revoked => "Revocato",
        }
    },
    nav_profile: "Profilo",
    staff_title: "Console dello staff",
    staff_phase_heading: "Fase della comunità",
    staff_phase_intro: "La fase decide chi può iscriversi e cosa vedono i visitatori.",
    staff_phase_submit: "Cambia fase",
    staff_phase_changed: "Fase cambiata.",
    staff_phase_admin_only: "Solo l’amministrazione può cambiare la fase.",
    staff_invitations_link: "Gestisci gli inviti",
    staff_audit_heading: "Registro delle azioni",
    staff_audit_when: "Quando",
    staff_audit_who: "Chi",
    staff_audit_what: "Azione",
    staff_audit_target: "Oggetto",
    staff_audit_change: "Prima → dopo",
    staff_audit_empty: "Nessuna azione registrata.",
    staff_outbox_heading: "Posta in uscita",
    staff_outbox_intro: "Senza server SMTP la posta resta qui; con SMTP, qui vedi cosa è stato inviato e cosa attende.",
    staff_outbox_to: "A",
    staff_outbox_subject: "Oggetto",
    staff_outbox_sent: "Inviata",
    staff_outbox_waiting: "in attesa",
    staff_outbox_empty: "Nessun messaggio.",
};
