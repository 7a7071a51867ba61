//! Account types shared by server and browser.
use serde::{Deserialize, Serialize};

pub use crate::kernel::identity::{OrganisationRole, Role, Viewer};

/// What the sign-up page shows about the invitation in its link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationPreview {
    pub email: Option<String>,
    pub role: Role,
    pub organisation: Option<String>,
    pub invited_by: String,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

/// Everything the sign-up page needs: whether it may show the form at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignUpContext {
    pub public_sign_up: bool,
    /// The invitation of the link, when it is still valid.
    pub invitation: Option<InvitationPreview>,
    /// The link carried a token that is wrong, used, revoked or expired.
    pub invitation_invalid: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvitationStatus {
    Pending,
    Used,
    Expired,
    Revoked,
}

/// One invitation as the invitations page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationInfo {
    pub id: i32,
    pub email: Option<String>,
    pub role: Role,
    pub organisation: Option<String>,
    pub organisation_role: Option<OrganisationRole>,
    pub invited_by: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    pub status: InvitationStatus,
    pub used_by: Option<String>,
}

/// An organisation one may invite people into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationChoice {
    pub id: i32,
    pub name: String,
}

/// What the invitation form offers this person: the roles they may grant now (phase and their
/// own role decide) and the organisations they may invite into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationOptions {
    pub roles: Vec<Role>,
    pub organisations: Vec<OrganisationChoice>,
    /// Staff and admins may choose any organisation or none; referents only their own.
    pub organisation_required: bool,
    pub may_make_referents: bool,
}

/// The signed-in person's own account, as the profile page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnAccount {
    pub username: String,
    pub display_name: String,
    pub email: String,
    pub email_verified: bool,
    pub role: Role,
    pub organisations: Vec<(String, OrganisationRole)>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// What the person sees while turning on the second factor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrolment {
    /// The secret in base32, for typing into an app by hand.
    pub secret: String,
    /// The same as an `otpauth://` QR code, as SVG markup made on the server.
    pub qr_svg: String,
    /// Recovery codes that start working with the confirmation (a reload makes new ones).
    pub recovery_codes: Vec<String>,
}

/// The second-factor state of the signed-in person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecondFactorStatus {
    pub enabled: bool,
    /// Staff and admins cannot turn it off.
    pub required: bool,
    pub recovery_codes_left: u64,
    /// The password was typed again in this session a few minutes ago: the secret and new
    /// recovery codes may be shown.
    pub password_confirmed: bool,
}

/// One of a person's open sessions, as their security page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    /// The stored id (a hash of the token, useless to sign in with).
    pub id: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub last_seen_at: chrono::DateTime<chrono::Utc>,
    pub ip: String,
    pub user_agent: String,
    /// The session of the request that asked.
    pub current: bool,
}
