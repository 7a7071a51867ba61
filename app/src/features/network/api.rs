//! Server functions of the network directory, the organisations' pages and one's profile
//! (plain form posts that redirect back). Photos and logos are uploaded through the server's
//! multipart routes (`server/src/routes/images.rs`), which call the same services.
#[cfg(feature = "ssr")]
use crate::error::Field;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use leptos::server_fn::ServerFn;

use super::types::{Directory, OrganisationDetails, ProfileEditor};
use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::kernel::identity::Viewer;

#[cfg(feature = "ssr")]
fn viewer() -> Option<Viewer> {
    crate::server::session::current_session().map(|s| s.viewer)
}

#[cfg(feature = "ssr")]
fn signed_in() -> Result<Viewer, AppError> {
    viewer().ok_or(AppError::Forbidden)
}

/// A refused form goes back to its page with the error and what was typed, the chosen themes
/// included.
#[cfg(feature = "ssr")]
async fn back(
    fields: &[(&str, &str)],
    themes: &[i32],
    page: &str,
    server_fn_path: &str,
    error: AppError,
) -> Result<(), AppError> {
    let themes: Vec<String> = themes.iter().map(i32::to_string).collect();
    let mut fields = fields.to_vec();
    fields.extend(themes.iter().map(|id| ("themes", id.as_str())));
    crate::server::refused::refuse(page, server_fn_path, &fields, error).await
}

#[cfg(feature = "ssr")]
fn back_to_organisation(id: i32, done: &str) {
    leptos_axum::redirect(&format!("/rete/organizzazioni/{id}?fatto={done}"));
}

/// The directory, filtered. Empty strings mean "any".
#[server(prefix = "/api", endpoint = "rete")]
pub async fn fetch_directory(
    #[server(default)] kind: String,
    #[server(default)] region: String,
    #[server(default)] theme: String,
    #[server(default)] q: String,
) -> Result<Directory, AppError> {
    use super::types::{DirectoryFilter, OrganisationKind};

    let state = crate::server::state()?;
    let nonempty = |s: String| (!s.trim().is_empty()).then(|| s.trim().to_owned());
    let filter = DirectoryFilter {
        kind: OrganisationKind::parse(kind.trim()),
        region: nonempty(region),
        theme: nonempty(theme),
        text: q,
    };
    super::service::directory::directory(&state.db, viewer().as_ref(), &filter).await
}

#[server(prefix = "/api", endpoint = "organizzazione")]
pub async fn fetch_organisation(id: i32) -> Result<OrganisationDetails, AppError> {
    let state = crate::server::state()?;
    super::service::directory::organisation_details(&state.db, viewer().as_ref(), id).await
}

pub use organisation_forms::*;

/// The organisation forms send every field of the record as its own argument (plain form
/// posts): more than clippy's usual limit.
mod organisation_forms {
    #![allow(clippy::too_many_arguments)]
    use leptos::prelude::*;

    #[cfg(feature = "ssr")]
    use super::{back, back_to_organisation, signed_in};
    use crate::error::AppError;
    #[cfg(feature = "ssr")]
    use leptos::server_fn::ServerFn;

    #[server(prefix = "/api", endpoint = "nuova-organizzazione")]
    pub async fn create_organisation(
        name: String,
        #[server(default)] kind: String,
        #[server(default)] ipa_code: String,
        #[server(default)] tax_code: String,
        #[server(default)] region: String,
        #[server(default)] city: String,
        #[server(default)] website: String,
        #[server(default)] description: String,
        #[server(default)] themes: Vec<i32>,
    ) -> Result<(), AppError> {
        use crate::features::network::types::OrganisationInput;

        let state = crate::server::state()?;
        let input = OrganisationInput {
            name,
            kind,
            ipa_code,
            tax_code,
            region,
            city,
            website,
            description,
            themes,
        };
        let id = match crate::features::network::service::organisations::create_organisation(
            &state.db,
            &signed_in()?,
            &input,
        )
        .await
        {
            Ok(id) => id,
            Err(error) => {
                return back(
                    &input.fields(),
                    &input.themes,
                    "/rete",
                    CreateOrganisation::PATH,
                    error,
                )
                .await;
            }
        };
        back_to_organisation(id, "creata");
        Ok(())
    }

    #[server(prefix = "/api", endpoint = "modifica-organizzazione")]
    pub async fn update_organisation(
        id: i32,
        name: String,
        #[server(default)] kind: String,
        #[server(default)] ipa_code: String,
        #[server(default)] tax_code: String,
        #[server(default)] region: String,
        #[server(default)] city: String,
        #[server(default)] website: String,
        #[server(default)] description: String,
        #[server(default)] themes: Vec<i32>,
    ) -> Result<(), AppError> {
        use crate::features::network::types::OrganisationInput;

        let state = crate::server::state()?;
        let input = OrganisationInput {
            name,
            kind,
            ipa_code,
            tax_code,
            region,
            city,
            website,
            description,
            themes,
        };
        if let Err(error) = crate::features::network::service::organisations::update_organisation(
            &state.db,
            &signed_in()?,
            id,
            &input,
        )
        .await
        {
            let page = format!("/rete/organizzazioni/{id}");
            return back(
                &input.fields(),
                &input.themes,
                &page,
                UpdateOrganisation::PATH,
                error,
            )
            .await;
        }
        back_to_organisation(id, "salvata");
        Ok(())
    }
}

/// Makes someone of the organisation its referent (`role=referent`) or a member, or takes them
/// out of it (`role=remove`).
#[server(prefix = "/api", endpoint = "persona-organizzazione")]
pub async fn manage_organisation_member(
    id: i32,
    user_id: i32,
    role: String,
) -> Result<(), AppError> {
    use super::service::organisations;
    use crate::{error::InvalidReason, kernel::identity::OrganisationRole};

    let state = crate::server::state()?;
    let viewer = signed_in()?;
    match role.as_str() {
        "remove" => organisations::remove_member(&state.db, &viewer, id, user_id).await?,
        other => {
            let role = OrganisationRole::parse(other)
                .ok_or(AppError::invalid(Field::Role, InvalidReason::Malformed))?;
            organisations::set_member_role(&state.db, &viewer, id, user_id, role).await?
        }
    }
    back_to_organisation(id, "persone");
    Ok(())
}

/// Staff add an existing account to the organisation.
#[server(prefix = "/api", endpoint = "aggiungi-a-organizzazione")]
pub async fn add_organisation_member(
    id: i32,
    username: String,
    #[server(default)] role: String,
) -> Result<(), AppError> {
    use crate::kernel::identity::OrganisationRole;

    let state = crate::server::state()?;
    let chosen = OrganisationRole::parse(&role).unwrap_or(OrganisationRole::Member);
    if let Err(error) = crate::features::network::service::organisations::add_member(
        &state.db,
        &signed_in()?,
        id,
        &username,
        chosen,
    )
    .await
    {
        let page = format!("/rete/organizzazioni/{id}");
        let fields = [("username", username.as_str()), ("role", role.as_str())];
        return back(&fields, &[], &page, AddOrganisationMember::PATH, error).await;
    }
    back_to_organisation(id, "persone");
    Ok(())
}

#[server(prefix = "/api", endpoint = "mio-profilo")]
pub async fn fetch_profile_editor() -> Result<ProfileEditor, AppError> {
    let state = crate::server::state()?;
    super::service::profile::profile_editor(&state.db, &signed_in()?).await
}

#[server(prefix = "/api", endpoint = "salva-profilo")]
pub async fn update_profile(
    display_name: String,
    #[server(default)] bio: String,
    #[server(default)] phone: String,
    #[server(default)] contact_visibility: String,
    #[server(default)] themes: Vec<i32>,
) -> Result<(), AppError> {
    use super::service::profile::ProfileInput;

    let state = crate::server::state()?;
    let input = ProfileInput {
        display_name,
        bio,
        phone,
        contact_visibility,
        themes,
    };
    if let Err(error) =
        super::service::profile::update_profile(&state.db, &signed_in()?, &input).await
    {
        let fields = [
            ("display_name", input.display_name.as_str()),
            ("bio", input.bio.as_str()),
            ("phone", input.phone.as_str()),
            ("contact_visibility", input.contact_visibility.as_str()),
        ];
        return back(
            &fields,
            &input.themes,
            "/profilo",
            UpdateProfile::PATH,
            error,
        )
        .await;
    }
    leptos_axum::redirect("/profilo?salvato=1");
    Ok(())
}
