//! The network: the directory, organisations, public profiles and photos. A part of the catalogue
//! of its own (`t.network.…`).
mod en;
mod it;

pub use en::EN;
pub use it::IT;

pub struct NetworkMessages {
    pub network_themes_label: &'static str,
    pub network_people_count: fn(u64) -> String,
    pub network_contact_private: &'static str,
    pub network_people_heading: fn(usize) -> String,
    pub network_organisations_heading: fn(usize) -> String,
    pub network_none: &'static str,
    pub network_search: &'static str,
    pub network_kind: &'static str,
    pub network_region: &'static str,
    pub network_theme: &'static str,
    pub network_any: &'static str,
    pub network_filter: &'static str,
    pub network_clear: &'static str,
    pub network_truncated: &'static str,
    pub organisation_new_heading: &'static str,
    pub organisation_saved: &'static str,
    pub organisation_name: &'static str,
    pub organisation_city: &'static str,
    pub organisation_ipa_code: &'static str,
    pub organisation_tax_code: &'static str,
    pub organisation_tax_code_hint: &'static str,
    pub organisation_website: &'static str,
    pub organisation_description: &'static str,
    pub organisation_themes: &'static str,
    pub organisation_create: &'static str,
    pub organisation_make_member: &'static str,
    pub organisation_make_referent: &'static str,
    pub organisation_remove_person: &'static str,
    pub organisation_manage_heading: &'static str,
    pub organisation_invite_link: &'static str,
    pub organisation_edit_heading: &'static str,
    pub organisation_logo_heading: &'static str,
    pub organisation_add_heading: &'static str,
    pub organisation_add_username: &'static str,
    pub organisation_add: &'static str,
    pub image_file_label: &'static str,
    pub image_hint: &'static str,
    pub image_upload: &'static str,
    pub image_remove: &'static str,
    pub organisation_kind_label:
        fn(crate::features::network::types::OrganisationKind) -> &'static str,
    pub contact_visibility_label:
        fn(crate::features::network::types::ContactVisibility) -> &'static str,
    pub profile_public_heading: &'static str,
    pub profile_public_intro: &'static str,
    pub profile_bio: &'static str,
    pub profile_bio_hint: &'static str,
    pub profile_phone: &'static str,
    pub profile_contact_visibility: &'static str,
    pub profile_followed_themes: &'static str,
    pub profile_photo_heading: &'static str,
    pub profile_photo_alt: &'static str,
    pub profile_saved: &'static str,
    pub profile_photo_saved: &'static str,
}
