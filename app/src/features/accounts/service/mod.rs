//! Sign-in, sessions and throttling (passwords of existing accounts: `password`). Sessions live in the database (so any server instance can
//! serve any request); the cookie carries a random 256-bit token and the table only its SHA-256.
use crate::error::Field;
use chrono::{Duration, Utc};
use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ColumnTrait, Condition, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

mod invitations;
mod password;
mod reauthentication;
mod recovery_codes;
mod second_factor;
mod sign_up;
mod verification;

pub use invitations::{
    create_invitation, invitation_options, list_invitations, revoke_invitation, NewInvitation,
    NewInvitationLink, INVITATIONS_PER_HOUR, INVITATION_MAX_DAYS,
};
pub use password::{change_password, request_password_reset, reset_password, RESET_LIFETIME};
pub use reauthentication::{reauthenticate, recently_reauthenticated, REAUTH_FAILURES};
pub use recovery_codes::{prepare_recovery_codes, RECOVERY_CODES};
pub use second_factor::{
    code_at, complete_sign_in, confirm_enrolment, disable_second_factor, new_secret,
    regenerate_recovery_codes, seal_stored_secrets, second_factor_status, start_enrolment,
    SignedIn, CHALLENGE_LIFETIME, STEP_SECONDS,
};
pub use sign_up::{
    forget_unconfirmed_sign_ups, own_account, sign_up, sign_up_context, SignUpRequest, SignedUp,
    SIGN_UPS_PER_IP,
};
pub use verification::{
    resend_verification, verify_email, RESENDS_PER_HOUR, VERIFICATION_LIFETIME,
};

use super::types::{SessionInfo, Viewer};
use crate::{
    error::{AppError, InvalidReason},
    server::{
        entities::{session, sign_in_attempt, user},
        passwords::Passwords,
        session::SessionPolicy,
        tokens::{new_token, token_hash},
        Db,
    },
};

/// A member's session ends after this long without a request, and in any case this long after
/// sign-in; staff sessions sooner (`SessionPolicy`).
pub use crate::server::session::{ABSOLUTE_TIMEOUT, IDLE_TIMEOUT};
/// `last_seen_at` is refreshed at most this often (one write per person per interval).
const TOUCH_EVERY: Duration = Duration::minutes(5);

/// Failed sign-ins allowed per IP address in [`THROTTLE_WINDOW`].
pub const IP_LIMIT: u64 = 25;
pub const THROTTLE_WINDOW: Duration = Duration::minutes(5);
/// Failed sign-ins of one account in [`ACCOUNT_WINDOW`] that need no wait; after them each
/// attempt waits twice as long as the one before (2 s, 4 s, 8 s…) up to [`ACCOUNT_DELAY_MAX`]
/// after the last failure. Attempts refused for waiting do not count, so nobody can keep an
/// account shut by typing its name: its owner waits a minute at most.
pub const ACCOUNT_FREE: u64 = 5;
pub const ACCOUNT_WINDOW: Duration = Duration::minutes(15);
pub const ACCOUNT_DELAY_MAX: Duration = Duration::seconds(60);

/// Longer input is refused before it reaches the database or the hasher.
const LOGIN_MAX: usize = 254;
const PASSWORD_MAX: usize = 1024;

pub struct SignInRequest<'a> {
    pub login: &'a str,
    pub password: &'a str,
    pub ip: &'a str,
    pub user_agent: &'a str,
    /// Where to go once signed in (kept across the second-factor step).
    pub next: &'a str,
}

/// What a correct password leads to.
#[derive(Debug)]
pub enum SignInOutcome {
    /// Signed in: the token for the session cookie, which lasts `lifetime`.
    Signed {
        token: String,
        viewer: Viewer,
        lifetime: Duration,
    },
    /// The account has a second factor: the token for the challenge cookie; the code comes next.
    SecondFactor { challenge: String },
}

/// Checks the credentials. Opens a session, or, for an account with a second factor, a
/// challenge that `complete_sign_in` finishes with the code.
pub async fn sign_in(
    db: &Db,
    passwords: &Passwords,
    policy: &SessionPolicy,
    request: SignInRequest<'_>,
) -> Result<SignInOutcome, AppError> {
    let login = request.login.trim().to_lowercase();
    if login.is_empty() {
        return Err(AppError::invalid(Field::Login, InvalidReason::Required));
    }
    if request.password.is_empty() {
        return Err(AppError::invalid(Field::Password, InvalidReason::Required));
    }
    // Each attempt is counted before the password is checked, so a burst of parallel attempts
    // cannot all pass a count read before any of them was written.
    let ip_bucket = format!("ip:{}", request.ip);
    let ip_claim = match claim_attempt(db, &ip_bucket, IP_LIMIT, THROTTLE_WINDOW).await? {
        Ok(claim) => claim,
        Err(retry_after_secs) => return Err(AppError::RateLimited { retry_after_secs }),
    };
    let account_bucket = format!("account:{}", truncate(&login, LOGIN_MAX));
    let account_claim = match claim_delayed(db, &account_bucket).await? {
        Ok(claim) => claim,
        Err(retry_after_secs) => return Err(AppError::RateLimited { retry_after_secs }),
    };

    let found = if login.chars().count() > LOGIN_MAX || request.password.len() > PASSWORD_MAX {
        None
    } else {
        user::Entity::find()
            .filter(
                Condition::any()
                    .add(user::Column::Username.eq(login.as_str()))
                    .add(user::Column::Email.eq(login.as_str())),
            )
            .one(db.read())
            .await?
    };
    let verified = match &found {
        Some(person) => {
            passwords
                .verify(request.password, &person.password_hash)
                .await?
        }
        None => {
            // Spend the same time as a real check, so timing does not reveal who has an account.
            passwords.verify_dummy(request.password).await?;
            false
        }
    };
    let person = match found {
        // An account waiting for its address to be confirmed answers like a wrong password:
        // anything else would tell a new address from a known one (`sign_up`).
        Some(person) if verified && person.pending_since.is_none() => person,
        // The claimed attempts stay: they were failures.
        _ => return Err(AppError::InvalidCredentials),
    };
    forget_attempt(db.write(), ip_claim).await?;
    forget_attempt(db.write(), account_claim).await?;
    if person.disabled_at.is_some() {
        // Said only to someone who knows the password.
        return Err(AppError::AccountDisabled);
    }
    let Some(viewer) = viewer_of(&person, false) else {
        tracing::error!(
            user = person.id,
            role = person.role.as_str(),
            "unknown role"
        );
        return Err(AppError::Internal);
    };
    if person.totp_enabled_at.is_some() {
        let challenge = second_factor::open_challenge(db, person.id, request.next).await?;
        return Ok(SignInOutcome::SecondFactor { challenge });
    }
    let opened = open_session(db, policy, person.id, request.ip, request.user_agent, false).await?;
    Ok(SignInOutcome::Signed {
        token: opened.0,
        viewer,
        lifetime: opened.1,
    })
}

/// The viewer a stored person is in a session (None for a role this version does not know).
/// `second_factor_passed`: this session passed the second factor, which staff powers need
/// (`Viewer::is_team`); an older password-only session never gains them.
fn viewer_of(person: &user::Model, second_factor_passed: bool) -> Option<Viewer> {
    Some(Viewer {
        user_id: person.id,
        username: person.username.clone(),
        display_name: person.display_name.clone(),
        role: person.role,
        second_factor: person.totp_enabled_at.is_some() && second_factor_passed,
    })
}

/// Opens a new session for the person (a new random token every time), lasting as long as the
/// policy gives their role. `second_factor`: the person has just passed it. Returns the token
/// and the session's lifetime (for the cookie).
pub async fn open_session(
    db: &Db,
    policy: &SessionPolicy,
    user_id: i32,
    ip: &str,
    user_agent: &str,
    second_factor: bool,
) -> Result<(String, Duration), AppError> {
    let Some(person) = user::Entity::find_by_id(user_id).one(db.read()).await? else {
        return Err(AppError::NotFound);
    };
    let (_, lifetime) = policy.limits(person.role);
    let token = new_token();
    let now = Utc::now();
    session::ActiveModel {
        id: Set(token_hash(&token)),
        user_id: Set(user_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + lifetime),
        ip: Set(truncate(ip, 64).to_owned()),
        user_agent: Set(truncate(user_agent, 255).to_owned()),
        second_factor_at: Set(second_factor.then_some(now)),
        reauthenticated_at: Set(None),
    }
    .insert(db.write())
    .await?;
    Ok((token, lifetime))
}

/// The person a session token belongs to, if the session is still valid for their role (a
/// promotion to staff shortens a long session at once). An expired session is deleted; a valid
/// one is marked as seen (at most every few minutes).
pub async fn viewer_for_token(
    db: &Db,
    policy: &SessionPolicy,
    token: &str,
) -> Result<Option<Viewer>, AppError> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let id = token_hash(token);
    let Some((found, Some(person))) = session::Entity::find_by_id(id.clone())
        .find_also_related(user::Entity)
        .one(db.read())
        .await?
    else {
        return Ok(None);
    };
    let now = Utc::now();
    let (idle, absolute) = policy.limits(person.role);
    let expired = found.expires_at <= now
        || found.created_at + absolute <= now
        || found.last_seen_at + idle <= now;
    if expired || person.disabled_at.is_some() {
        session::Entity::delete_by_id(id).exec(db.write()).await?;
        return Ok(None);
    }
    if found.last_seen_at + TOUCH_EVERY <= now {
        session::Entity::update_many()
            .col_expr(session::Column::LastSeenAt, Expr::value(now))
            .filter(session::Column::Id.eq(id))
            .exec(db.write())
            .await?;
    }
    Ok(viewer_of(&person, found.second_factor_at.is_some()))
}

/// Ends the session of this token (signing out). Unknown tokens are fine.
pub async fn sign_out(db: &Db, token: &str) -> Result<(), AppError> {
    session::Entity::delete_by_id(token_hash(token))
        .exec(db.write())
        .await?;
    Ok(())
}

/// Writes an attempt into its bucket (forgetting the bucket's attempts older than `window`):
/// its id and time. Written *before* the attempt is checked and counted, so that parallel
/// attempts each see the ones written before them.
async fn write_attempt(
    db: &Db,
    bucket: &str,
    window: Duration,
) -> Result<(i64, chrono::DateTime<Utc>), AppError> {
    let now = Utc::now();
    let row = sign_in_attempt::ActiveModel {
        bucket: Set(bucket.to_owned()),
        attempted_at: Set(now),
        ..Default::default()
    }
    .insert(db.write())
    .await?;
    sign_in_attempt::Entity::delete_many()
        .filter(sign_in_attempt::Column::Bucket.eq(bucket))
        .filter(sign_in_attempt::Column::AttemptedAt.lte(now - window))
        .exec(db.write())
        .await?;
    Ok((row.id, now))
}

/// Counts an attempt *before* it is checked: the attempt is written first, then the attempts of
/// its bucket in `window` up to and including it are counted, so a burst of parallel attempts
/// cannot all pass a count read before any of them was written. `Ok(id)` to go on (the row, to
/// forget if the attempt succeeds), or `Err(seconds)` to wait until the oldest leaves the
/// window. A refused attempt is not kept: a flood adds no rows, and the limit is on checks.
async fn claim_attempt(
    db: &Db,
    bucket: &str,
    limit: u64,
    window: Duration,
) -> Result<Result<i64, u64>, AppError> {
    let (id, now) = write_attempt(db, bucket, window).await?;
    let counted = sign_in_attempt::Entity::find()
        .filter(sign_in_attempt::Column::Bucket.eq(bucket))
        .filter(sign_in_attempt::Column::AttemptedAt.gt(now - window))
        .filter(sign_in_attempt::Column::Id.lte(id))
        .order_by_asc(sign_in_attempt::Column::Id)
        .limit(limit + 1)
        .all(db.write())
        .await?;
    if counted.len() as u64 <= limit {
        return Ok(Ok(id));
    }
    forget_attempt(db.write(), id).await?;
    let frees_at = counted[0].attempted_at + window;
    Ok(Err((frees_at - now).num_seconds().max(1) as u64))
}

/// [`claim_attempt`] with a growing wait instead of a limit: the first [`ACCOUNT_FREE`] failures
/// in [`ACCOUNT_WINDOW`] go on at once; the n-th after them must come 2ⁿ seconds (at most
/// [`ACCOUNT_DELAY_MAX`]) after the failure before it. An attempt that must wait is not counted.
async fn claim_delayed(db: &Db, bucket: &str) -> Result<Result<i64, u64>, AppError> {
    let (id, now) = write_attempt(db, bucket, ACCOUNT_WINDOW).await?;
    let counted = sign_in_attempt::Entity::find()
        .filter(sign_in_attempt::Column::Bucket.eq(bucket))
        .filter(sign_in_attempt::Column::AttemptedAt.gt(now - ACCOUNT_WINDOW))
        .filter(sign_in_attempt::Column::Id.lte(id))
        .order_by_desc(sign_in_attempt::Column::Id)
        .all(db.write())
        .await?;
    let position = counted.len() as u64;
    if position <= ACCOUNT_FREE {
        return Ok(Ok(id));
    }
    let exponent = (position - ACCOUNT_FREE).min(16) as u32;
    let wait = Duration::seconds(2i64.pow(exponent)).min(ACCOUNT_DELAY_MAX);
    let previous = counted.get(1).map_or(now, |p| p.attempted_at);
    let ready_at = previous + wait;
    if now >= ready_at {
        return Ok(Ok(id));
    }
    forget_attempt(db.write(), id).await?;
    Ok(Err((ready_at - now).num_seconds().max(1) as u64))
}

/// An attempt claimed with [`claim_attempt`] that succeeded does not count against the bucket.
async fn forget_attempt(db: &impl sea_orm::ConnectionTrait, id: i64) -> Result<(), AppError> {
    sign_in_attempt::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

fn truncate(text: &str, max_chars: usize) -> &str {
    match text.char_indices().nth(max_chars) {
        Some((index, _)) => &text[..index],
        None => text,
    }
}

/// The open sessions of a person, most recently used first.
pub async fn list_sessions(
    db: &Db,
    user_id: i32,
    current_token: &str,
) -> Result<Vec<SessionInfo>, AppError> {
    let current = token_hash(current_token);
    let now = Utc::now();
    let rows = session::Entity::find()
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::ExpiresAt.gt(now))
        .filter(session::Column::LastSeenAt.gt(now - IDLE_TIMEOUT))
        .order_by_desc(session::Column::LastSeenAt)
        .order_by_desc(session::Column::Id)
        .all(db.read())
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| SessionInfo {
            current: row.id == current,
            id: row.id,
            created_at: row.created_at,
            last_seen_at: row.last_seen_at,
            ip: row.ip,
            user_agent: row.user_agent,
        })
        .collect())
}

/// Ends one of the person's own sessions; someone else's is "not found".
pub async fn revoke_session(db: &Db, user_id: i32, session_id: &str) -> Result<(), AppError> {
    let deleted = session::Entity::delete_many()
        .filter(session::Column::Id.eq(session_id))
        .filter(session::Column::UserId.eq(user_id))
        .exec(db.write())
        .await?;
    if deleted.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Ends every session of the person but the one making the request.
pub async fn revoke_other_sessions(
    db: &Db,
    user_id: i32,
    current_token: &str,
) -> Result<u64, AppError> {
    let deleted = session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::Id.ne(token_hash(current_token)))
        .exec(db.write())
        .await?;
    Ok(deleted.rows_affected)
}
