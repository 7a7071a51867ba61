//! The second factor: TOTP (RFC 6238: SHA-1, 6 digits, 30 s, one step of clock drift either way)
//! with ten single-use recovery codes. Optional for everyone; staff and admins need it for their
//! powers (`Viewer::is_team`, from the session having passed it) and cannot turn it off. A code
//! is never accepted twice: the last accepted time step is stored and only later steps count.
//!
//! The TOTP secret is stored sealed and recovery codes (80 bits each) as keyed hashes
//! (`server::secrets`). Turning the second factor on and new recovery codes need the password
//! typed again in the session a few minutes before (`reauthentication`).
use crate::error::Field;
use chrono::Utc;
use rand::RngCore;
use sea_orm::{
    sea_query::{Expr, ExprTrait},
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, Set, TransactionTrait,
};
use totp_rs::{Algorithm, Secret, TOTP};

use super::{
    new_token, open_session,
    reauthentication::{check_password_again, recently_reauthenticated, require_recent_password},
    recovery_codes::{accept_recovery_code, activate_recovery_codes, prepare_recovery_codes},
    token_hash, truncate, viewer_of,
};
use crate::{
    error::{AppError, InvalidReason},
    features::accounts::types::{Enrolment, Role, SecondFactorStatus, Viewer},
    server::{
        entities::{recovery_code, session, sign_in_challenge, user},
        passwords::Passwords,
        secrets::Secrets,
        session::SessionPolicy,
        Db,
    },
};

pub const STEP_SECONDS: u64 = 30;
const DIGITS: usize = 6;
/// Time between the password and the code.
pub use crate::server::session::CHALLENGE_LIFETIME;
/// Wrong codes allowed per challenge; then the person starts again from the password.
const CHALLENGE_ATTEMPTS: i32 = 5;
/// Wrong codes allowed per account, whatever the challenge, in [`CODE_WINDOW`]; then the
/// account waits until the oldest leaves the window (a password alone opens no more guesses).
const CODE_FAILURES: u64 = 10;
const CODE_WINDOW: chrono::Duration = chrono::Duration::minutes(15);
const ISSUER: &str = "Pratica";

fn totp(secret_base32: &str) -> Result<TOTP, AppError> {
    let bytes = base32_decode(secret_base32).ok_or(AppError::Internal)?;
    TOTP::new(Algorithm::SHA1, DIGITS, 1, STEP_SECONDS, bytes).map_err(|err| {
        tracing::error!(error = %err, "totp secret");
        AppError::Internal
    })
}

/// RFC 4648 base32 without padding, as authenticator apps expect (totp-rs' `Secret`).
fn base32_encode(bytes: &[u8]) -> String {
    Secret::Raw(bytes.to_vec()).to_encoded().to_string()
}

fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let cleaned: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '=')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    Secret::Encoded(cleaned).to_bytes().ok()
}

/// A new random secret (160 bits, as RFC 4226 recommends), in base32.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    rand::rng().fill_bytes(&mut bytes);
    base32_encode(&bytes)
}

/// The code of a secret at a moment (for tests, benchmarks and the demo's instructions).
pub fn code_at(secret_base32: &str, unix_seconds: u64) -> Result<String, AppError> {
    Ok(totp(secret_base32)?.generate(unix_seconds))
}

fn now_seconds() -> u64 {
    u64::try_from(Utc::now().timestamp()).unwrap_or(0)
}

/// Accepts a TOTP code for the person if it matches a step after the last accepted one (within
/// one step of now), and records that step so that the same code cannot be used again.
async fn accept_totp(
    db: &impl ConnectionTrait,
    person: &user::Model,
    secret: &str,
    code: &str,
) -> Result<bool, AppError> {
    let code = code.trim().replace(' ', "");
    if code.len() != DIGITS || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(false);
    }
    let generator = totp(secret)?;
    let now_step = (now_seconds() / STEP_SECONDS) as i64;
    for step in [now_step - 1, now_step, now_step + 1] {
        if person.totp_last_step.is_some_and(|last| step <= last) {
            continue;
        }
        let expected = generator.generate(step as u64 * STEP_SECONDS);
        if constant_time_eq(expected.as_bytes(), code.as_bytes()) {
            // Only one request can take this step (two tabs racing with the same code).
            let taken = user::Entity::update_many()
                .col_expr(user::Column::TotpLastStep, Expr::value(Some(step)))
                .filter(user::Column::Id.eq(person.id))
                .filter(
                    Condition::any()
                        .add(user::Column::TotpLastStep.is_null())
                        .add(user::Column::TotpLastStep.lt(step)),
                )
                .exec(db)
                .await?;
            return Ok(taken.rows_affected == 1);
        }
    }
    Ok(false)
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A TOTP code or an unused recovery code of the person.
async fn accept_code(
    db: &impl ConnectionTrait,
    secrets: &Secrets,
    person: &user::Model,
    code: &str,
) -> Result<bool, AppError> {
    let Some(sealed) = person
        .totp_secret
        .as_deref()
        .filter(|_| person.totp_enabled_at.is_some())
    else {
        return Ok(false);
    };
    if accept_totp(db, person, &secrets.open(sealed)?, code).await? {
        return Ok(true);
    }
    accept_recovery_code(db, secrets, person.id, code).await
}

fn wrong_code() -> AppError {
    AppError::invalid(Field::Code, InvalidReason::WrongCode)
}

/// After a correct password for an account with the second factor: a challenge whose token goes
/// into a short-lived cookie.
pub(super) async fn open_challenge(db: &Db, user_id: i32, next: &str) -> Result<String, AppError> {
    let token = new_token();
    let now = Utc::now();
    sign_in_challenge::Entity::delete_many()
        .filter(sign_in_challenge::Column::ExpiresAt.lte(now))
        .exec(db.write())
        .await?;
    sign_in_challenge::ActiveModel {
        id: Set(token_hash(&token)),
        user_id: Set(user_id),
        expires_at: Set(now + CHALLENGE_LIFETIME),
        attempts: Set(0),
        next: Set(truncate(next, 512).to_owned()),
    }
    .insert(db.write())
    .await?;
    Ok(token)
}

/// A session opened by the second step of signing in.
#[derive(Debug)]
pub struct SignedIn {
    pub token: String,
    pub viewer: Viewer,
    /// Where the person was going when they signed in.
    pub next: String,
    /// How long the session (and its cookie) lasts.
    pub lifetime: chrono::Duration,
}

/// The second step of signing in: the code from the app (or a recovery code). The session it
/// opens has passed the second factor.
pub async fn complete_sign_in(
    db: &Db,
    secrets: &Secrets,
    policy: &SessionPolicy,
    challenge: &str,
    code: &str,
    ip: &str,
    user_agent: &str,
) -> Result<SignedIn, AppError> {
    let expired = || AppError::invalid(Field::Challenge, InvalidReason::Expired);
    if challenge.len() != 64 || !challenge.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(expired());
    }
    let id = token_hash(challenge);
    let now = Utc::now();
    // Claim one of the challenge's attempts before checking anything: an increment that succeeds
    // only while the challenge is alive and has attempts left. Parallel requests each claim their
    // own, so no more than CHALLENGE_ATTEMPTS codes are ever checked for one challenge.
    let claimed = sign_in_challenge::Entity::update_many()
        .col_expr(
            sign_in_challenge::Column::Attempts,
            Expr::col(sign_in_challenge::Column::Attempts).add(1),
        )
        .filter(sign_in_challenge::Column::Id.eq(id.as_str()))
        .filter(sign_in_challenge::Column::Attempts.lt(CHALLENGE_ATTEMPTS))
        .filter(sign_in_challenge::Column::ExpiresAt.gt(now))
        .exec_with_returning(db.write())
        .await?;
    // The challenge as this attempt claimed it (its count includes this attempt).
    let Some(found) = claimed.into_iter().next() else {
        return Err(expired());
    };
    let Some(person) = user::Entity::find_by_id(found.user_id)
        .one(db.read())
        .await?
    else {
        return Err(expired());
    };
    if person.disabled_at.is_some() {
        return Err(AppError::AccountDisabled);
    }
    // Every code tried counts for the account too, across challenges, before it is checked.
    let bucket = format!("code:{}", person.id);
    let attempt = match super::claim_attempt(db, &bucket, CODE_FAILURES, CODE_WINDOW).await? {
        Ok(attempt) => attempt,
        Err(retry_after_secs) => return Err(AppError::RateLimited { retry_after_secs }),
    };
    let txn = db.write().begin().await?;
    if !accept_code(&txn, secrets, &person, code).await? {
        txn.rollback().await?;
        // The claimed attempts stay counted; the last one ends the challenge.
        if found.attempts >= CHALLENGE_ATTEMPTS {
            return Err(expired());
        }
        return Err(wrong_code());
    }
    super::forget_attempt(&txn, attempt).await?;
    let claimed = sign_in_challenge::Entity::delete_many()
        .filter(sign_in_challenge::Column::Id.eq(id.as_str()))
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(expired());
    }
    txn.commit().await?;
    let (token, lifetime) = open_session(db, policy, person.id, ip, user_agent, true).await?;
    let viewer = viewer_of(&person, true).ok_or(AppError::Internal)?;
    Ok(SignedIn {
        token,
        viewer,
        next: found.next,
        lifetime,
    })
}

/// Where the person stands with the second factor, in this session.
pub async fn second_factor_status(
    db: &Db,
    user_id: i32,
    token: &str,
) -> Result<SecondFactorStatus, AppError> {
    let Some(person) = user::Entity::find_by_id(user_id).one(db.read()).await? else {
        return Err(AppError::NotFound);
    };
    let left = recovery_code::Entity::find()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .filter(recovery_code::Column::Active.eq(true))
        .filter(recovery_code::Column::UsedAt.is_null())
        .count(db.read())
        .await?;
    Ok(SecondFactorStatus {
        enabled: person.totp_enabled_at.is_some(),
        required: person.role >= Role::Staff,
        recovery_codes_left: left,
        password_confirmed: recently_reauthenticated(db, user_id, token).await?,
    })
}

/// Starts (or restarts) turning on the second factor: a new pending secret, shown as text and as
/// a QR code. Nothing changes for signing in until `confirm_enrolment`. Needs the password typed
/// again in this session.
pub async fn start_enrolment(
    db: &Db,
    secrets: &Secrets,
    user_id: i32,
    token: &str,
) -> Result<Enrolment, AppError> {
    require_recent_password(db, user_id, token).await?;
    let Some(person) = user::Entity::find_by_id(user_id).one(db.read()).await? else {
        return Err(AppError::NotFound);
    };
    if person.totp_enabled_at.is_some() {
        return Err(AppError::Conflict);
    }
    let secret = match person.totp_secret {
        Some(pending) => secrets.open(&pending)?,
        None => {
            let secret = new_secret();
            let sealed = secrets.seal(&secret);
            user::Entity::update_many()
                .col_expr(user::Column::TotpSecret, Expr::value(Some(sealed)))
                .filter(user::Column::Id.eq(user_id))
                .filter(user::Column::TotpEnabledAt.is_null())
                .exec(db.write())
                .await?;
            secret
        }
    };
    let uri = format!(
        "otpauth://totp/{ISSUER}:{account}?secret={secret}&issuer={ISSUER}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}",
        account = percent_encode(&person.username),
    );
    let qr = qrcode::QrCode::new(uri.as_bytes()).map_err(|_| AppError::Internal)?;
    let qr_svg = qr
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    let recovery_codes = prepare_recovery_codes(db, secrets, user_id, token).await?;
    Ok(Enrolment {
        secret,
        qr_svg,
        recovery_codes,
    })
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Turns the second factor on once the person proves their app works with a code; the recovery
/// codes shown with the QR code start working. This session has passed the second factor (the
/// code just typed); every other session of the person ends, since none of them did.
pub async fn confirm_enrolment(
    db: &Db,
    secrets: &Secrets,
    user_id: i32,
    token: &str,
    code: &str,
) -> Result<(), AppError> {
    require_recent_password(db, user_id, token).await?;
    let Some(person) = user::Entity::find_by_id(user_id).one(db.read()).await? else {
        return Err(AppError::NotFound);
    };
    if person.totp_enabled_at.is_some() {
        return Err(AppError::Conflict);
    }
    let Some(sealed) = person.totp_secret.clone() else {
        return Err(AppError::invalid(Field::Code, InvalidReason::Expired));
    };
    let secret = secrets.open(&sealed)?;
    let txn = db.write().begin().await?;
    if !accept_totp(&txn, &person, &secret, code).await? {
        return Err(wrong_code());
    }
    let now = Utc::now();
    user::Entity::update_many()
        .col_expr(user::Column::TotpEnabledAt, Expr::value(Some(now)))
        .filter(user::Column::Id.eq(user_id))
        .exec(&txn)
        .await?;
    activate_recovery_codes(&txn, user_id).await?;
    let this_session = token_hash(token);
    session::Entity::update_many()
        .col_expr(session::Column::SecondFactorAt, Expr::value(Some(now)))
        .filter(session::Column::Id.eq(this_session.as_str()))
        .exec(&txn)
        .await?;
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::Id.ne(this_session.as_str()))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// The recovery codes shown on the page replace the old ones. Needs the password typed again in
/// this session and a current code.
pub async fn regenerate_recovery_codes(
    db: &Db,
    secrets: &Secrets,
    user_id: i32,
    token: &str,
    code: &str,
) -> Result<(), AppError> {
    require_recent_password(db, user_id, token).await?;
    let Some(person) = user::Entity::find_by_id(user_id).one(db.read()).await? else {
        return Err(AppError::NotFound);
    };
    let pending = recovery_code::Entity::find()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .filter(recovery_code::Column::Active.eq(false))
        .count(db.read())
        .await?;
    if pending == 0 {
        return Err(AppError::invalid(Field::Code, InvalidReason::Expired));
    }
    let txn = db.write().begin().await?;
    if !accept_code(&txn, secrets, &person, code).await? {
        return Err(wrong_code());
    }
    activate_recovery_codes(&txn, user_id).await?;
    txn.commit().await?;
    Ok(())
}

/// Turns the second factor off (asking the password again). Staff and admins cannot.
pub async fn disable_second_factor(
    db: &Db,
    passwords: &Passwords,
    user_id: i32,
    password: &str,
) -> Result<(), AppError> {
    let Some(person) = user::Entity::find_by_id(user_id).one(db.read()).await? else {
        return Err(AppError::NotFound);
    };
    if person.role >= Role::Staff {
        return Err(AppError::Forbidden);
    }
    check_password_again(db, passwords, &person, password).await?;
    let txn = db.write().begin().await?;
    user::Entity::update_many()
        .col_expr(user::Column::TotpSecret, Expr::value(None::<String>))
        .col_expr(
            user::Column::TotpEnabledAt,
            Expr::value(None::<chrono::DateTime<Utc>>),
        )
        .filter(user::Column::Id.eq(user_id))
        .exec(&txn)
        .await?;
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// Seals the TOTP secrets stored in clear by earlier versions (at start; idempotent).
pub async fn seal_stored_secrets(db: &Db, secrets: &Secrets) -> Result<u64, AppError> {
    let clear: Vec<(i32, String)> = user::Entity::find()
        .filter(user::Column::TotpSecret.is_not_null())
        .all(db.read())
        .await?
        .into_iter()
        .filter_map(|person| Some((person.id, person.totp_secret?)))
        .filter(|(_, stored)| !Secrets::is_sealed(stored))
        .collect();
    let mut sealed = 0;
    for (id, secret) in clear {
        let done = user::Entity::update_many()
            .col_expr(
                user::Column::TotpSecret,
                Expr::value(Some(secrets.seal(&secret))),
            )
            .filter(user::Column::Id.eq(id))
            .filter(user::Column::TotpSecret.eq(secret))
            .exec(db.write())
            .await?;
        sealed += done.rows_affected;
    }
    Ok(sealed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base32_round_trips_and_matches_rfc_4648() {
        assert_eq!(base32_encode(b"foobar"), "MZXW6YTBOI");
        assert_eq!(base32_decode("MZXW6YTBOI").unwrap(), b"foobar");
        let secret = new_secret();
        assert_eq!(secret.len(), 32);
        assert_eq!(base32_decode(&secret).unwrap().len(), 20);
    }

    #[test]
    fn codes_match_the_rfc_6238_test_vector() {
        // RFC 6238 appendix B, SHA-1, secret "12345678901234567890", T = 59 s: 94287082 (8 digits);
        // the 6-digit code is its last six digits.
        let secret = base32_encode(b"12345678901234567890");
        assert_eq!(code_at(&secret, 59).unwrap(), "287082");
        assert_eq!(code_at(&secret, 1_111_111_109).unwrap(), "081804");
    }
}
