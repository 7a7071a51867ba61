//! The network’s strings, in English.
use super::NetworkMessages;
use crate::i18n::plural;

pub static EN: NetworkMessages = NetworkMessages {
    network_themes_label: "Themes",
    network_people_count: |n| plural(n, "1 person", "{n} people"),
    network_contact_private: "Contact details visible to staff and referents only.",
    network_people_heading: |n| format!("People ({n})"),
    network_organisations_heading: |n| format!("Organisations ({n})"),
    network_none: "Nothing matches these filters.",
    network_search: "Search by name or city",
    network_kind: "Type of organisation",
    network_region: "Region",
    network_theme: "Theme",
    network_any: "Any",
    network_filter: "Filter",
    network_clear: "Clear the filters",
    network_truncated: "The first 100 results are shown: narrow the search with the filters.",
    organisation_new_heading: "New organisation",
    organisation_saved: "Changes saved.",
    organisation_name: "Name of the organisation",
    organisation_city: "Town or city",
    organisation_ipa_code: "IPA code",
    organisation_tax_code: "Tax code",
    organisation_tax_code_hint: "11 digits for a body; optional.",
    organisation_website: "Website",
    organisation_description: "About",
    organisation_themes: "Themes it works on",
    organisation_create: "Add the organisation",
    organisation_make_member: "Make member",
    organisation_make_referent: "Make referent",
    organisation_remove_person: "Remove from the organisation",
    organisation_manage_heading: "Managing the organisation",
    organisation_invite_link: "Invite new people of the organisation",
    organisation_edit_heading: "The organisation’s details",
    organisation_logo_heading: "Logo",
    organisation_add_heading: "Add someone who already has an account",
    organisation_add_username: "Username",
    organisation_add: "Add",
    image_file_label: "Image",
    image_hint: "PNG, JPEG or WebP, at most 512 KB.",
    image_upload: "Upload",
    image_remove: "Remove the image",
    organisation_kind_label: |kind| {
        use crate::features::network::types::OrganisationKind::*;
        match kind {
            PublicAdministration => "Public administration",
            ThirdSector => "Third sector",
            University => "University and research",
            Company => "Company",
            Other => "Other",
        }
    },
    contact_visibility_label: |visibility| {
        use crate::features::network::types::ContactVisibility::*;
        match visibility {
            Team => "Only staff and my organisations’ referents",
            Members => "Also the community’s members and experts",
            Registered => "Everyone with an account",
        }
    },
    profile_public_heading: "Your profile in the network",
    profile_public_intro: "This is how other people with an account see you in the network.",
    profile_bio: "Short bio",
    profile_bio_hint: "What you work on, in a few lines (at most 1000 characters).",
    profile_phone: "Phone",
    profile_contact_visibility: "Who sees your e-mail and phone",
    profile_followed_themes: "Themes you follow",
    profile_photo_heading: "Photo",
    profile_photo_alt: "Your photo",
    profile_saved: "Profile saved.",
    profile_photo_saved: "Photo updated.",
};
