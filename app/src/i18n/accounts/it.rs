//! I testi degli account, in italiano.
use super::AccountsMessages;

pub static IT: AccountsMessages = AccountsMessages {
    sign_in_title: "Accedi",
    sign_in_intro: "Accedi con il tuo nome utente (o l’indirizzo e-mail) e la password.",
    sign_in_login: "Nome utente o e-mail",
    sign_in_password: "Password",
    sign_in_submit: "Accedi",
    sign_in_already: |name| format!("Hai già effettuato l’accesso come {name}."),
    signed_in_as: "Accesso effettuato come",
    sign_out: "Esci",
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
    sign_up_check_mail: "Ti abbiamo scritto all’indirizzo che hai indicato. Apri il link nella mail per confermarlo e attivare l’account; se quell’indirizzo aveva già un account, la mail ti spiega come accedere. Il link vale tre giorni.",
    mail_taken_subject: "Pratica: il tuo indirizzo ha già un account",
    mail_taken_body: |sign_in, reset| {
        format!("Ciao,\n\nqualcuno (forse tu) ha chiesto di creare un account su Pratica con questo indirizzo e-mail, che ne ha già uno. Non abbiamo creato nulla.\n\nPer accedere: {sign_in}\nSe non ricordi la password: {reset}\n\nSe non sei stato tu, puoi ignorare questo messaggio.\n")
    },
    mail_verify_subject: "Pratica: conferma il tuo indirizzo e-mail",
    mail_verify_body: |name, link| {
        format!(
            "Ciao {name},\n\nper confermare che questo indirizzo è tuo apri il link qui sotto \
             entro tre giorni e premi «Conferma l’indirizzo»:\n\n{link}\n\nSe non hai creato \
             tu un account su Pratica, ignora questo messaggio.\n"
        )
    },
    mail_invitation_subject: "Sei invitato/a a unirti a Pratica",
    mail_invitation_member_body: |by, organisation, sign_in| {
        let context = organisation
            .map(|org| format!(" per {org}"))
            .unwrap_or_default();
        format!(
            "Buongiorno,\n\n{by} ti invita a partecipare{context} a Pratica, la comunità di \
             pratica su coprogettazione e innovazione sociale.\n\nQuesto indirizzo ha già un \
             account su Pratica: accedi da qui:\n\n{sign_in}\n"
        )
    },
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
    invitations_mailed: "Invito creato e inviato per e-mail all’indirizzo indicato.",
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
    code_title: "Codice di verifica",
    code_intro: "Il tuo account usa la verifica in due passaggi. Scrivi il codice di 6 cifre che vedi ora nell’app di autenticazione, oppure uno dei codici di recupero.",
    code_label: "Codice",
    code_submit: "Verifica e accedi",
    code_expired: "Il tempo per inserire il codice è scaduto: accedi di nuovo con la password.",
    second_factor_title: "Verifica in due passaggi",
    second_factor_link: "Verifica in due passaggi",
    second_factor_required_banner: "Il tuo ruolo richiede la verifica in due passaggi: finché non la attivi, le funzioni dello staff restano chiuse.",
    second_factor_required_action: "Attivala ora",
    second_factor_on: "La verifica in due passaggi è attiva.",
    second_factor_codes_left: |n| format!("Codici di recupero ancora validi: {n}."),
    second_factor_enabled: "Verifica in due passaggi attivata. Conserva i codici di recupero in un posto sicuro.",
    second_factor_disabled: "Verifica in due passaggi disattivata.",
    second_factor_codes_replaced: "Nuovi codici di recupero attivi: quelli di prima non valgono più.",
    second_factor_intro: "Oltre alla password, all’accesso ti chiederemo un codice che cambia ogni 30 secondi, generato da un’app di autenticazione sul telefono (per esempio FreeOTP, Aegis, Google Authenticator o Microsoft Authenticator).",
    second_factor_step_scan: "1. Inquadra il codice QR con l’app, oppure inserisci a mano questa chiave:",
    second_factor_qr_alt: "Codice QR per l’app di autenticazione",
    second_factor_step_codes: "2. Salva questi codici di recupero (ognuno vale una volta) per quando non hai il telefono. Se ricarichi la pagina cambiano.",
    second_factor_step_confirm: "3. Scrivi il codice che l’app mostra ora:",
    second_factor_confirm: "Attiva",
    second_factor_new_codes_heading: "Nuovi codici di recupero",
    second_factor_new_codes_intro: "Questi codici sostituiranno quelli attuali quando confermi con un codice dell’app.",
    second_factor_new_codes_submit: "Usa questi codici",
    second_factor_disable_heading: "Disattiva",
    second_factor_disable_submit: "Disattiva la verifica in due passaggi",
    second_factor_required_note: "Per il tuo ruolo (staff o amministrazione) la verifica in due passaggi non si può disattivare.",
    error_password_again: "Per sicurezza, inserisci di nuovo la tua password per continuare.",
    password_again_heading: "Conferma la password",
    password_again_intro: "Per vedere la chiave dell’app e i codici di recupero, o per cambiarli, inserisci di nuovo la tua password. Resta valida per cinque minuti in questa sessione.",
    password_again_submit: "Conferma",
};
