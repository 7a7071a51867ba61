//! Shared by the account tests: a demo community on a fresh database.
use app::error::AppError;
use app::features::accounts::{
    service::{self, SignInOutcome, SignInRequest},
    types::Viewer,
};
use app::{
    demo,
    server::{
        entities::user, passwords::Passwords, secrets::Secrets, session::SessionPolicy,
        testing::fresh_db, Db,
    },
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

pub const PASSWORD: &str = "una password di prova";
/// The demo's staff and admin TOTP key in the tests (RFC 4648 base32 of 20 bytes).
pub const TOTP_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/// The server key of the tests (fixed, so every helper opens what the demo sealed).
#[allow(dead_code)]
pub fn secrets() -> Secrets {
    Secrets::from_key([7; 32])
}

/// The default session lifetimes.
#[allow(dead_code)]
pub const POLICY: SessionPolicy = SessionPolicy {
    idle: app::server::session::IDLE_TIMEOUT,
    absolute: app::server::session::ABSOLUTE_TIMEOUT,
    team_idle: chrono::Duration::hours(2),
    team_absolute: chrono::Duration::hours(12),
};

pub async fn community() -> (Db, Passwords) {
    let db = fresh_db().await;
    let passwords = Passwords::new(2);
    demo::load_if_empty(
        &db,
        &passwords,
        &secrets(),
        Some(PASSWORD),
        Some(TOTP_SECRET),
    )
    .await
    .unwrap();
    (db, passwords)
}

#[allow(dead_code)]
pub fn attempt<'a>(login: &'a str, password: &'a str, ip: &'a str) -> SignInRequest<'a> {
    SignInRequest {
        login,
        password,
        ip,
        user_agent: "test",
        next: "/",
    }
}

/// Signs in all the way, as a person does: the password, then (for staff and admins) the code
/// of the moment — or the next one, when this one was just used by an earlier sign-in.
#[allow(dead_code)]
pub async fn sign_in(
    db: &Db,
    passwords: &Passwords,
    request: SignInRequest<'_>,
) -> Result<(String, Viewer), AppError> {
    let (ip, user_agent) = (request.ip.to_owned(), request.user_agent.to_owned());
    match service::sign_in(db, passwords, &POLICY, request).await? {
        SignInOutcome::Signed { token, viewer, .. } => Ok((token, viewer)),
        SignInOutcome::SecondFactor { challenge } => {
            let now = chrono::Utc::now().timestamp() as u64;
            let mut last = Err(AppError::Internal);
            for at in [now, now + service::STEP_SECONDS] {
                let code = service::code_at(TOTP_SECRET, at)?;
                last = service::complete_sign_in(
                    db,
                    &secrets(),
                    &POLICY,
                    &challenge,
                    &code,
                    &ip,
                    &user_agent,
                )
                .await
                .map(|signed| (signed.token, signed.viewer));
                if last.is_ok() {
                    break;
                }
            }
            last
        }
    }
}

/// The viewer a demo person is, as the session middleware would make it.
#[allow(dead_code)]
pub async fn viewer(db: &Db, username: &str) -> Viewer {
    let person = user::Entity::find()
        .filter(user::Column::Username.eq(username))
        .one(db.read())
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no {username}"));
    Viewer {
        user_id: person.id,
        username: person.username,
        display_name: person.display_name,
        role: person.role,
        second_factor: person.totp_enabled_at.is_some(),
    }
}

/// What a demo person sees: their groups, and the phase's rule for visitors.
#[allow(dead_code)]
pub async fn audience(db: &Db, username: &str) -> app::server::access::Audience {
    let viewer = viewer(db, username).await;
    app::server::access::Audience::load(db, Some(&viewer))
        .await
        .unwrap()
}

/// What a visitor (not signed in) sees in the community's current phase.
#[allow(dead_code)]
pub async fn visitor(db: &Db) -> app::server::access::Audience {
    app::server::access::Audience::load(db, None).await.unwrap()
}
