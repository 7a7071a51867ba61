use super::PollsMessages;

pub static IT: PollsMessages = PollsMessages {
    error_closed: "La votazione è chiusa: il voto non è stato registrato.",
    error_not_open: "La votazione non è ancora aperta.",
    error_referent_only:
        "In questo sondaggio vota l’organizzazione: il voto lo esprime il suo referente.",
    error_already_voted:
        "Hai già votato. Il sondaggio è anonimo, quindi il voto non si può cambiare.",
    invalid_count: |min, max| {
        if min == max {
            format!("ne serve esattamente {min}.")
        } else {
            format!("ne servono da {min} a {max}.")
        }
    },
    invalid_date_order: "la chiusura deve venire dopo l’apertura, nel futuro ed entro un anno.",
    title: "Sondaggi",
    intro: "Domande rapide alla comunità: si vota in un clic e i risultati si aggiornano dal vivo.",
    new_poll: "Nuovo sondaggio",
    new_in_group: "Nuovo sondaggio nel gruppo",
    new_in_thread: "Aggiungi un sondaggio",
    open_heading: "Aperti",
    none_open: "Nessun sondaggio aperto in questo momento.",
    closed_heading: "Chiusi",
    none_closed: "Nessun sondaggio chiuso.",
    home_heading: "Sondaggio in evidenza",
    all_polls: "Tutti i sondaggi",
    opens_on: |at| format!("Apre il {at}"),
    closes_on: |at| format!("Chiude il {at}"),
    closed_on: |at| format!("Chiuso il {at}"),
    anonymous_badge: "Anonimo",
    named_badge: "Voto palese",
    per_organisation_badge: "Un voto per organizzazione",
    in_thread: "Nella discussione",
    in_group: "Nel gruppo",
    hidden_until_vote: "I risultati si vedono dopo aver votato (e per tutti alla chiusura).",
    hidden_until_close: "I risultati si vedono alla chiusura del sondaggio.",
    hidden_staff: "I risultati sono riservati allo staff.",
    votes: "{n} votanti",
    one_vote: "1 votante",
    closes_in: "Chiude tra {t}",
    closed_now: "Votazione chiusa",
    yours: "la tua scelta",
    days: "g",
    who_voted: "Chi ha votato cosa",
    error_results_hidden: "I risultati di questo sondaggio non sono ancora visibili.",
    export_csv: "Scarica i risultati (CSV)",
    csv_option: "Opzione",
    csv_votes: "Voti",
    csv_who: "Chi l’ha scelta",
    close: "Chiudi ora",
    feature: "Metti in evidenza nella home",
    unfeature: "Togli dalla home",
    voted_notice: "Il tuo voto è stato registrato.",
    choose_one: "Scegli una risposta",
    choose_up_to: |n| {
        if n == 1 {
            "Scegli una risposta".into()
        } else {
            format!("Scegli fino a {n} risposte")
        }
    },
    voting_for: |name| format!("Voti per: {name}"),
    vote_for: "Voti per l’organizzazione",
    vote: "Vota",
    change_vote: "Cambia il voto",
    sign_in_to_vote: "Accedi per votare",
    referent_only:
        "In questo sondaggio vota l’organizzazione: il voto lo esprime il suo referente.",
    already_voted: "Hai già votato. Il voto è anonimo e non si può cambiare.",
    results_label: "Risultati visibili",
    results_always: "Sempre, a chi vede il sondaggio",
    results_voted: "Dopo aver votato (a tutti alla chiusura)",
    results_closed: "Solo alla chiusura",
    results_staff: "Solo allo staff",
    featured_label: "In evidenza nella home",
    question_label: "Domanda",
    options_label: "Risposte possibili",
    options_hint: "Una per riga, da 2 a 20.",
    multiple_label: "Scelta multipla",
    max_choices_label: "Numero massimo di scelte",
    max_choices_hint: "Solo per la scelta multipla; vuoto: tutte.",
    opens_label: "Apertura",
    opens_hint: "Ora di Roma; vuoto: subito.",
    closes_label: "Chiusura",
    closes_hint: "Ora di Roma.",
    anonymous_label:
        "Anonimo: si registra chi ha votato, mai che cosa ha scelto (il voto non si può cambiare)",
    per_organisation_label: "Un voto per organizzazione, espresso dal referente",
    create: "Crea il sondaggio",
    you_voted: "Hai votato",
    to_vote: "Da votare",
};
