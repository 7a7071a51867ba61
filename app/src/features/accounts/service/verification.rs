//! E-mail verification: a mailed single-use link confirms that the address belongs to the person.
//! Opening the link shows a button; only pressing it (a POST) verifies, so mail scanners that
//! prefetch links verify nothing.
use crate::error::Field;
use chrono::{Duration, Utc};
use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionTrait,
};

use super::{new_token, token_hash};
use crate::{
    error::{AppError, InvalidReason},
    i18n::Locale,
    server::{
        entities::{email_verification, user},
        Db,
    },
};

/// How long a verification link works.
pub const VERIFICATION_LIFETIME: Duration = Duration::days(3);
/// A new link is sent at most this often…
const RESEND_AFTER: Duration = Duration::minutes(2);
/// …and at most this many times an hour (counted before anything is sent, so parallel requests
/// cannot all pass).
pub const RESENDS_PER_HOUR: u64 = 5;

/// Stores a new link for the person's current address and queues the mail (inside the caller's
/// transaction, so the link and the account are written together).
pub(super) async fn send_link(
    txn: &impl ConnectionTrait,
    person: &user::Model,
    public_url: &str,
    locale: Locale,
) -> Result<(), AppError> {
    let token = new_token();
    let now = Utc::now();
    email_verification::ActiveModel {
        id: Set(token_hash(&token)),
        user_id: Set(person.id),
        email: Set(person.email.clone()),
        created_at: Set(now),
        expires_at: Set(now + VERIFICATION_LIFETIME),
    }
    .insert(txn)
    .await?;
    let t = locale.messages();
    let link = format!("{public_url}/verifica-email?token={token}");
    crate::server::mail::queue(
        txn,
        &person.email,
        t.accounts.mail_verify_subject,
        &(t.accounts.mail_verify_body)(&person.display_name, &link),
    )
    .await?;
    Ok(())
}

/// Sends a new link to a signed-in person whose address is not verified yet.
pub async fn resend_verification(
    db: &Db,
    user_id: i32,
    public_url: &str,
    locale: Locale,
) -> Result<(), AppError> {
    let Some(person) = user::Entity::find_by_id(user_id).one(db.read()).await? else {
        return Err(AppError::NotFound);
    };
    if person.email_verified_at.is_some() {
        return Ok(());
    }
    let bucket = format!("verify:{user_id}");
    if let Err(retry_after_secs) =
        super::claim_attempt(db, &bucket, RESENDS_PER_HOUR, Duration::hours(1)).await?
    {
        return Err(AppError::RateLimited { retry_after_secs });
    }
    let now = Utc::now();
    let recent = email_verification::Entity::find()
        .filter(email_verification::Column::UserId.eq(user_id))
        .filter(email_verification::Column::CreatedAt.gt(now - RESEND_AFTER))
        .one(db.read())
        .await?;
    if let Some(recent) = recent {
        let wait = (recent.created_at + RESEND_AFTER - now)
            .num_seconds()
            .max(1);
        return Err(AppError::RateLimited {
            retry_after_secs: wait as u64,
        });
    }
    let txn = db.write().begin().await?;
    email_verification::Entity::delete_many()
        .filter(email_verification::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    send_link(&txn, &person, public_url, locale).await?;
    txn.commit().await?;
    Ok(())
}

/// Verifies the address the link was sent to, if it is still the account's address. For an
/// account made by signing up on one's own this also activates it: its id comes back, so the
/// person is signed in.
pub async fn verify_email(db: &Db, token: &str) -> Result<Option<i32>, AppError> {
    let expired = || AppError::invalid(Field::Token, InvalidReason::Expired);
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(expired());
    }
    let now = Utc::now();
    let Some(link) = email_verification::Entity::find_by_id(token_hash(token))
        .one(db.read())
        .await?
        .filter(|l| l.expires_at > now)
    else {
        return Err(expired());
    };
    let txn = db.write().begin().await?;
    let verified = user::Entity::update_many()
        .col_expr(user::Column::EmailVerifiedAt, Expr::value(Some(now)))
        .filter(user::Column::Id.eq(link.user_id))
        .filter(user::Column::Email.eq(link.email.as_str()))
        .exec(&txn)
        .await?;
    if verified.rows_affected != 1 {
        return Err(expired());
    }
    email_verification::Entity::delete_many()
        .filter(email_verification::Column::UserId.eq(link.user_id))
        .exec(&txn)
        .await?;
    let activated = super::sign_up::activate(&txn, link.user_id).await?;
    txn.commit().await?;
    Ok(activated.then_some(link.user_id))
}
