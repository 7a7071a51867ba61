//! Passwords of existing accounts: reset by e-mail link, change from the security page.
use crate::error::Field;
use chrono::{Duration, Utc};
use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
};

use super::{new_token, token_hash, LOGIN_MAX};
use crate::{
    error::{AppError, InvalidReason},
    server::{
        entities::{password_reset, session, user},
        passwords::Passwords,
        Db,
    },
};

/// How long a password-reset link works.
pub const RESET_LIFETIME: Duration = Duration::hours(1);
/// Reset requests allowed per IP address, and reset mails per address, in [`RESET_WINDOW`].
pub const RESETS_PER_IP: u64 = 10;
pub const RESET_MAILS_PER_ADDRESS: u64 = 3;
pub const RESET_WINDOW: Duration = Duration::hours(1);

/// Someone forgot their password: if the address belongs to an account, a single-use link is
/// mailed to it. The answer is the same either way, so nobody learns who has an account. One
/// address gets at most [`RESET_MAILS_PER_ADDRESS`] mails an hour (then the answer is still the
/// same and nothing is sent), one IP address makes at most [`RESETS_PER_IP`] requests.
pub async fn request_password_reset(
    db: &Db,
    email: &str,
    ip: &str,
    public_url: &str,
    locale: crate::i18n::Locale,
) -> Result<(), AppError> {
    use sea_orm::TransactionTrait;

    let email = email.trim().to_lowercase();
    if email.is_empty() {
        return Err(AppError::invalid(Field::Email, InvalidReason::Required));
    }
    if email.chars().count() > LOGIN_MAX || !looks_like_email(&email) {
        return Err(AppError::invalid(Field::Email, InvalidReason::Malformed));
    }
    let ip_bucket = format!("reset:ip:{ip}");
    if let Err(retry_after_secs) =
        super::claim_attempt(db, &ip_bucket, RESETS_PER_IP, RESET_WINDOW).await?
    {
        return Err(AppError::RateLimited { retry_after_secs });
    }
    let address_bucket = format!("reset:mail:{email}");
    let address =
        super::claim_attempt(db, &address_bucket, RESET_MAILS_PER_ADDRESS, RESET_WINDOW).await?;
    if address.is_err() {
        return Ok(());
    }
    let Some(person) = user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(db.read())
        .await?
    else {
        return Ok(());
    };
    let token = new_token();
    let now = Utc::now();
    let link = format!("{public_url}/accedi/nuova-password?token={token}");
    let t = locale.messages();
    let txn = db.write().begin().await?;
    password_reset::ActiveModel {
        id: Set(token_hash(&token)),
        user_id: Set(person.id),
        created_at: Set(now),
        expires_at: Set(now + RESET_LIFETIME),
        used_at: Set(None),
    }
    .insert(&txn)
    .await?;
    crate::server::mail::queue(
        &txn,
        &person.email,
        t.accounts.mail_reset_subject,
        &(t.accounts.mail_reset_body)(&person.display_name, &link),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Sets a new password with a reset link's token. Ends every session of the account and every
/// other pending link. Bad input changes nothing.
pub async fn reset_password(
    db: &Db,
    passwords: &Passwords,
    token: &str,
    password: &str,
    confirmation: &str,
) -> Result<(), AppError> {
    use sea_orm::TransactionTrait;

    let expired = || AppError::invalid(Field::Token, InvalidReason::Expired);
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(expired());
    }
    let now = Utc::now();
    let Some(reset) = password_reset::Entity::find_by_id(token_hash(token))
        .one(db.read())
        .await?
        .filter(|r| r.used_at.is_none() && r.expires_at > now)
    else {
        return Err(expired());
    };
    let Some(person) = user::Entity::find_by_id(reset.user_id)
        .one(db.read())
        .await?
    else {
        return Err(expired());
    };
    let hash = checked_new_hash(passwords, &person, password, confirmation).await?;

    let txn = db.write().begin().await?;
    // Only one request can use the link: the update matches while it is still unused.
    let claimed = password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, Expr::value(Some(now)))
        .filter(password_reset::Column::Id.eq(reset.id.as_str()))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(expired());
    }
    store_hash_ending_sessions(&txn, person.id, hash, None).await?;
    // The mailed link proved the address: an account waiting for it is active now.
    super::sign_up::activate(&txn, person.id).await?;
    password_reset::Entity::delete_many()
        .filter(password_reset::Column::UserId.eq(person.id))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// A plausible address: something@something.something, no spaces. The real check is the mail.
pub(super) fn looks_like_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.chars().any(char::is_whitespace)
        && !domain.contains('@')
}

/// Changes the password after checking the current one; ends every other session.
pub async fn change_password(
    db: &Db,
    passwords: &Passwords,
    user_id: i32,
    current_token: &str,
    current_password: &str,
    new_password: &str,
    confirmation: &str,
) -> Result<(), AppError> {
    use sea_orm::TransactionTrait;

    let Some(person) = user::Entity::find_by_id(user_id).one(db.read()).await? else {
        return Err(AppError::NotFound);
    };
    super::reauthentication::check_password_again(db, passwords, &person, current_password).await?;
    let hash = checked_new_hash(passwords, &person, new_password, confirmation).await?;
    let txn = db.write().begin().await?;
    store_hash_ending_sessions(&txn, person.id, hash, Some(current_token)).await?;
    txn.commit().await?;
    Ok(())
}

/// Checks a new password (policy, confirmation) for this person and hashes it.
pub(super) async fn checked_new_hash(
    passwords: &Passwords,
    person: &user::Model,
    password: &str,
    confirmation: &str,
) -> Result<String, AppError> {
    crate::features::accounts::password_policy::check_new_password(
        password,
        &[&person.username, &person.email, &person.display_name],
    )?;
    if password != confirmation {
        return Err(AppError::invalid(
            Field::Confirmation,
            InvalidReason::Mismatch,
        ));
    }
    passwords.hash(password).await
}

/// Stores a new password hash and ends the person's sessions, but `keep` (the one making the
/// change, if any): whoever knew the old password is out.
async fn store_hash_ending_sessions(
    txn: &impl ConnectionTrait,
    user_id: i32,
    hash: String,
    keep: Option<&str>,
) -> Result<(), AppError> {
    user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(hash))
        .filter(user::Column::Id.eq(user_id))
        .exec(txn)
        .await?;
    let mut sessions = session::Entity::delete_many().filter(session::Column::UserId.eq(user_id));
    if let Some(token) = keep {
        sessions = sessions.filter(session::Column::Id.ne(token_hash(token)));
    }
    sessions.exec(txn).await?;
    Ok(())
}
