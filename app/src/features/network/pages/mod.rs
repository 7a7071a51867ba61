//! `/rete` (the directory), `/rete/organizzazioni/<id>` (an organisation's page) and the
//! profile editor shown on `/profilo`. Everything works as plain HTML forms.
mod cards;
mod directory;
mod organisation;
mod profile;

pub use directory::DirectoryPage;
pub use organisation::OrganisationPage;
pub use profile::ProfileEditorSection;

/// Where an uploaded image is served.
pub fn image_url(id: i32) -> String {
    format!("/immagini/{id}")
}
