//! A section of the site that is announced in the navigation but not open yet: it says what the
//! section will hold, honestly, instead of a dead link.
use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::{use_messages, Messages};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Wiki,
    Agenda,
    Library,
}

impl Section {
    fn title(self, t: &Messages) -> &'static str {
        match self {
            Section::Wiki => t.nav_wiki,
            Section::Agenda => t.nav_agenda,
            Section::Library => t.nav_library,
        }
    }

    fn summary(self, t: &Messages) -> &'static str {
        match self {
            Section::Wiki => t.section_wiki,
            Section::Agenda => t.section_agenda,
            Section::Library => t.section_library,
        }
    }
}

#[component]
pub fn SectionPage(section: Section) -> impl IntoView {
    let t = use_messages();
    view! {
        <Title text=format!("{} · {}", section.title(t), t.site_name)/>
        <h1>{section.title(t)}</h1>
        <p class="lead">{section.summary(t)}</p>
        <p class="notice">{t.section_pending}</p>
        <p>
            <a href="/">{t.back_home}</a>
        </p>
    }
}
