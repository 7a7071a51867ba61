//! I testi dei temi, in italiano.
use super::ThemesMessages;

pub static IT: ThemesMessages = ThemesMessages {
    themes_heading: "I temi della comunità",
    themes_intro: "I temi sono proposti dai membri e approvati dallo staff: organizzano \
                   discussioni, domande, wiki e materiali.",
    theme_filter_label: "Filtra i temi",
    theme_filter_hint: "Scrivi una parola: maiuscole e accenti non contano.",
    theme_filter_button: "Filtra",
    theme_filter_count: |shown, total| format!("Temi mostrati: {shown} su {total}"),
    themes_none_match: |query| format!("Nessun tema corrisponde a «{query}»."),
    themes_empty: "Non ci sono ancora temi.",
    theme_added_on: |date| format!("Aggiunto il {date}"),
    themes_title: "Temi",
    overview_intro: "I temi su cui lavora la comunità. Li proponete voi, lo staff li approva: \
                   ogni tema ha la sua categoria nel forum.",
    theme_proposed: "Grazie: la proposta è arrivata allo staff, che deciderà a breve.",
    proposals_heading_staff: "Proposte da valutare e proposte tue",
    proposals_heading_own: "Le tue proposte",
    follow_theme: "Segui il tema",
    unfollow_theme: "Non seguire più",
    proposal_pending: "In attesa",
    proposal_approved: "Approvato",
    proposal_rejected: "Non accolto",
    proposal_merged: "Unito a un tema esistente",
    proposed_by: |name, date| format!("proposto da {name} il {date}"),
    reason_label: "Motivo",
    merged_into: "Unito al tema",
    approve: "Approva",
    merge_label: "Unisci al tema",
    merge: "Unisci",
    reject_reason: "Motivo del rifiuto (visibile a chi l’ha proposto)",
    reject: "Rifiuta",
    propose_heading: "Proponi un tema",
    propose_hint: "Un tema è un ambito di lavoro duraturo, non una singola domanda.",
    theme_name: "Nome del tema",
    propose: "Invia la proposta",
    theme_threads: "Discussioni sul tema",
    theme_category_link: "Vai alla categoria del tema nel forum",
    theme_threads_reserved: "Le discussioni su questo tema sono riservate ai membri della \
                             comunità.",
};
