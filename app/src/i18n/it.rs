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
    invalid_too_short: |min| format!("Troppo corta: almeno {min} caratteri."),
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
};
