//! Labels of kernel values shown on many pages.
use crate::{i18n::Messages, scope::Scope};

/// Who can see a thing, in words.
pub fn scope_label(scope: Scope, t: &Messages) -> &'static str {
    match scope {
        Scope::Public => t.forum.scope_public,
        Scope::Registered => t.forum.scope_registered,
        Scope::Members => t.forum.scope_members,
        Scope::Group(_) => t.forum.scope_group,
        Scope::Staff => t.forum.scope_staff,
    }
}
