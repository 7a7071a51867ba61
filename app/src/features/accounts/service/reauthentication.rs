//! The password asked again inside a session, before a change that would let someone who took
//! over the session keep the account: turning the second factor on or off, new recovery codes,
//! a new password. Wrong passwords are counted per account *before* they are checked, like
//! sign-ins, so a stolen session cannot be used to guess the password.
use chrono::Utc;
use sea_orm::{sea_query::Expr, ColumnTrait, EntityTrait, QueryFilter};

use super::{claim_attempt, forget_attempt, PASSWORD_MAX};
use crate::{
    error::{AppError, Field, InvalidReason},
    server::{
        entities::{session, user},
        passwords::Passwords,
        session::REAUTHENTICATION_LIFETIME,
        tokens::token_hash,
        Db,
    },
};

/// Wrong passwords typed inside sessions, per account, in [`REAUTH_WINDOW`].
pub const REAUTH_FAILURES: u64 = 5;
const REAUTH_WINDOW: chrono::Duration = chrono::Duration::minutes(15);

/// Checks the person's password, counting the attempt first. A wrong one is
/// `Invalid(current, WrongPassword)`; past the limit, `RateLimited`.
pub(super) async fn check_password_again(
    db: &Db,
    passwords: &Passwords,
    person: &user::Model,
    password: &str,
) -> Result<(), AppError> {
    if password.is_empty() {
        return Err(AppError::invalid(Field::Current, InvalidReason::Required));
    }
    let bucket = format!("reauth:{}", person.id);
    let attempt = match claim_attempt(db, &bucket, REAUTH_FAILURES, REAUTH_WINDOW).await? {
        Ok(attempt) => attempt,
        Err(retry_after_secs) => return Err(AppError::RateLimited { retry_after_secs }),
    };
    if password.len() > PASSWORD_MAX || !passwords.verify(password, &person.password_hash).await? {
        return Err(AppError::invalid(
            Field::Current,
            InvalidReason::WrongPassword,
        ));
    }
    forget_attempt(db.write(), attempt).await
}

/// The password typed again in this session: sensitive changes are open for a few minutes.
pub async fn reauthenticate(
    db: &Db,
    passwords: &Passwords,
    user_id: i32,
    token: &str,
    password: &str,
) -> Result<(), AppError> {
    let Some(person) = user::Entity::find_by_id(user_id).one(db.read()).await? else {
        return Err(AppError::NotFound);
    };
    check_password_again(db, passwords, &person, password).await?;
    mark_reauthenticated(db, user_id, token).await
}

/// Records that the password was just typed in this session.
pub(super) async fn mark_reauthenticated(
    db: &Db,
    user_id: i32,
    token: &str,
) -> Result<(), AppError> {
    session::Entity::update_many()
        .col_expr(
            session::Column::ReauthenticatedAt,
            Expr::value(Some(Utc::now())),
        )
        .filter(session::Column::Id.eq(token_hash(token)))
        .filter(session::Column::UserId.eq(user_id))
        .exec(db.write())
        .await?;
    Ok(())
}

/// Whether this session typed the password again within the last few minutes.
pub async fn recently_reauthenticated(
    db: &Db,
    user_id: i32,
    token: &str,
) -> Result<bool, AppError> {
    let found = session::Entity::find_by_id(token_hash(token))
        .filter(session::Column::UserId.eq(user_id))
        .one(db.read())
        .await?;
    Ok(found
        .and_then(|s| s.reauthenticated_at)
        .is_some_and(|at| at + REAUTHENTICATION_LIFETIME > Utc::now()))
}

/// Refuses with `PasswordAgain` unless this session typed the password again recently.
pub(super) async fn require_recent_password(
    db: &Db,
    user_id: i32,
    token: &str,
) -> Result<(), AppError> {
    if recently_reauthenticated(db, user_id, token).await? {
        Ok(())
    } else {
        Err(AppError::PasswordAgain)
    }
}
