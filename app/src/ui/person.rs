//! A person as every page names them: display name with the marks the community cares about.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::kernel::identity::Viewer;

/// Who wrote or did something, as lists and pages show them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Person {
    pub user_id: i32,
    pub username: String,
    pub display_name: String,
    /// An invited expert: their answers are marked.
    pub expert: bool,
    pub staff: bool,
}

/// A person's name with the marks the community cares about (expert, staff).
#[component]
pub fn PersonName(person: Option<Person>) -> impl IntoView {
    let t = crate::i18n::use_messages();
    match person {
        None => view! { <span class="author">{t.forum.someone}</span> }.into_any(),
        Some(p) => {
            let badge = if p.expert {
                Some(("badge expert", t.forum.badge_expert))
            } else if p.staff {
                Some(("badge staff", t.forum.badge_staff))
            } else {
                None
            };
            view! {
                <span class="author">{p.display_name}</span>
                {badge.map(|(class, label)| view! { " " <span class=class>{label}</span> })}
            }
            .into_any()
        }
    }
}

/// The signed-in person looking at the page being rendered (server side).
pub fn use_viewer() -> Option<Viewer> {
    #[cfg(feature = "ssr")]
    {
        crate::server::session::current_session().map(|s| s.viewer)
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}
