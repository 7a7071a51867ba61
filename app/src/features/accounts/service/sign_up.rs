//! Joining the community: with an invitation link in any phase, on one's own only when the phase
//! allows it (see `kernel::phase`). An invited account starts signed in; its e-mail address is
//! verified by a mailed link (or at once, when the invitation was sent to that same address).
//!
//! Signing up on one's own answers the same whether or not the address already has an account,
//! so nobody learns who is a member: "we wrote to you". The mail says what happened — a link that
//! confirms the address and activates the new account, or, to an address that has one already,
//! how to sign in. Until the link is opened nobody can sign in to the new account (a sign-in
//! would tell the two cases apart), and an account never confirmed is forgotten after the
//! link's lifetime.
use crate::error::Field;
use chrono::Utc;
use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, TransactionTrait,
};
use serde::Serialize;

use super::{token_hash, verification, LOGIN_MAX, PASSWORD_MAX};
use crate::{
    error::{AppError, InvalidReason},
    features::accounts::{
        password_policy::check_new_password,
        types::{InvitationPreview, OrganisationRole, OwnAccount, Role, SignUpContext},
    },
    i18n::Locale,
    server::{
        audit::{self, AuditAction, AuditRecord},
        entities::{invitation, organisation, organisation_member, user},
        passwords::Passwords,
        Db,
    },
};

pub const USERNAME_MIN: usize = 3;
pub const USERNAME_MAX: usize = 32;
pub const DISPLAY_NAME_MAX: usize = 80;

pub struct SignUpRequest<'a> {
    /// The token of the invitation link; empty without one.
    pub invitation: &'a str,
    pub display_name: &'a str,
    pub username: &'a str,
    pub email: &'a str,
    pub password: &'a str,
    pub confirmation: &'a str,
    /// The address it comes from (sign-ups are limited per address).
    pub ip: &'a str,
}

fn valid_token(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The invitation of a token, if it can still be used.
async fn usable_invitation(db: &Db, token: &str) -> Result<Option<invitation::Model>, AppError> {
    if !valid_token(token) {
        return Ok(None);
    }
    let now = Utc::now();
    Ok(invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(token_hash(token)))
        .one(db.read())
        .await?
        .filter(|i| i.used_at.is_none() && i.revoked_at.is_none() && i.expires_at > now))
}

/// What the sign-up page may offer for this (possibly empty) invitation token.
pub async fn sign_up_context(db: &Db, token: &str) -> Result<SignUpContext, AppError> {
    let public_sign_up = crate::server::settings::phase(db.read())
        .await?
        .rules()
        .public_sign_up;
    let token = token.trim();
    if token.is_empty() {
        return Ok(SignUpContext {
            public_sign_up,
            invitation: None,
            invitation_invalid: false,
        });
    }
    let Some(found) = usable_invitation(db, token).await? else {
        return Ok(SignUpContext {
            public_sign_up,
            invitation: None,
            invitation_invalid: true,
        });
    };
    let organisation = match found.organisation_id {
        Some(id) => organisation::Entity::find_by_id(id)
            .one(db.read())
            .await?
            .map(|o| o.name),
        None => None,
    };
    let invited_by = user::Entity::find_by_id(found.created_by)
        .one(db.read())
        .await?
        .map(|u| u.display_name)
        .unwrap_or_default();
    let role = found.role;
    Ok(SignUpContext {
        public_sign_up,
        invitation: Some(InvitationPreview {
            email: found.email,
            role,
            organisation,
            invited_by,
            expires_at: found.expires_at,
        }),
        invitation_invalid: false,
    })
}

/// Usernames: 3–32 lower-case letters, digits, dots, hyphens and underscores, starting with a
/// letter or digit (they appear in addresses and @mentions).
fn check_username(username: &str) -> Result<(), AppError> {
    let field = Field::Username;
    let count = username.chars().count();
    if count == 0 {
        return Err(AppError::invalid(field, InvalidReason::Required));
    }
    if count < USERNAME_MIN {
        return Err(AppError::invalid(
            field,
            InvalidReason::TooShort { min: USERNAME_MIN },
        ));
    }
    if count > USERNAME_MAX {
        return Err(AppError::invalid(
            field,
            InvalidReason::TooLong { max: USERNAME_MAX },
        ));
    }
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c);
    let starts_well = username
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    if !starts_well || !username.chars().all(allowed) {
        return Err(AppError::invalid(field, InvalidReason::Malformed));
    }
    Ok(())
}

#[derive(Serialize)]
struct AuditedSignUp<'a> {
    username: &'a str,
    role: &'a str,
    organisation_id: Option<i32>,
}

/// Sign-up attempts from one address in an hour.
pub const SIGN_UPS_PER_IP: u64 = 30;

/// What a sign-up led to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignedUp {
    /// An invited account, ready: the caller opens its session.
    Account(i32),
    /// On one's own: a mail went to the address (to confirm a new account, or to say that the
    /// address has one). The same answer either way.
    CheckMail,
}

/// Creates the account (see [`SignedUp`]). Bad input, a used or
/// expired invitation, or a closed phase change nothing.
pub async fn sign_up(
    db: &Db,
    passwords: &Passwords,
    request: SignUpRequest<'_>,
    public_url: &str,
    locale: Locale,
) -> Result<SignedUp, AppError> {
    // Every sign-up may send a mail: one address (a seminar room shares one) makes a few an hour.
    let bucket = format!("signup:{}", request.ip);
    if let Err(retry_after_secs) =
        super::claim_attempt(db, &bucket, SIGN_UPS_PER_IP, chrono::Duration::hours(1)).await?
    {
        return Err(AppError::RateLimited { retry_after_secs });
    }
    let token = request.invitation.trim();
    let invitation = if token.is_empty() {
        if !crate::server::settings::phase(db.read())
            .await?
            .rules()
            .public_sign_up
        {
            return Err(AppError::SignUpClosed);
        }
        None
    } else {
        match usable_invitation(db, token).await? {
            Some(found) => Some(found),
            None => return Err(AppError::invalid(Field::Invitation, InvalidReason::Expired)),
        }
    };

    let display_name = request.display_name.trim();
    if display_name.is_empty() {
        return Err(AppError::invalid(
            Field::DisplayName,
            InvalidReason::Required,
        ));
    }
    if display_name.chars().count() > DISPLAY_NAME_MAX {
        return Err(AppError::invalid(
            Field::DisplayName,
            InvalidReason::TooLong {
                max: DISPLAY_NAME_MAX,
            },
        ));
    }
    if display_name.chars().any(char::is_control) {
        return Err(AppError::invalid(
            Field::DisplayName,
            InvalidReason::Malformed,
        ));
    }
    let username = request.username.trim().to_lowercase();
    check_username(&username)?;
    let email = request.email.trim().to_lowercase();
    if email.is_empty() {
        return Err(AppError::invalid(Field::Email, InvalidReason::Required));
    }
    if email.chars().count() > LOGIN_MAX || !super::password::looks_like_email(&email) {
        return Err(AppError::invalid(Field::Email, InvalidReason::Malformed));
    }
    if let Some(expected) = invitation.as_ref().and_then(|i| i.email.as_deref()) {
        if expected != email {
            return Err(AppError::invalid(Field::Email, InvalidReason::Mismatch));
        }
    }
    if request.password.len() > PASSWORD_MAX {
        return Err(AppError::invalid(
            Field::Password,
            InvalidReason::TooLong { max: PASSWORD_MAX },
        ));
    }
    check_new_password(request.password, &[&username, &email, display_name])?;
    if request.password != request.confirmation {
        return Err(AppError::invalid(
            Field::Confirmation,
            InvalidReason::Mismatch,
        ));
    }
    // Usernames are public (the directory shows them): a taken one is said.
    let taken = user::Entity::find()
        .filter(user::Column::Username.eq(username.as_str()))
        .one(db.read())
        .await?
        .is_some();
    if taken {
        return Err(AppError::invalid(Field::Username, InvalidReason::Duplicate));
    }
    let holder = user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(db.read())
        .await?;
    // Hashed in every case, so the answer takes as long whether or not the address is known.
    let hash = passwords.hash(request.password).await?;
    if invitation.is_none() {
        if let Some(holder) = holder {
            address_taken(db, &holder, public_url, locale).await?;
            return Ok(SignedUp::CheckMail);
        }
    } else if holder.is_some() {
        // Whoever holds an unused invitation learns that the address they typed has an
        // account (the invitation is single-use and sign-ups are limited per address).
        return Err(AppError::invalid(Field::Email, InvalidReason::Duplicate));
    }

    let role = match &invitation {
        Some(found) => found.role,
        None => Role::Registered,
    };
    let now = Utc::now();
    // The invitation was mailed to this very address: opening it proved the address.
    let verified_by_invitation = invitation.as_ref().is_some_and(|i| i.email.is_some());
    let txn = db.write().begin().await?;
    let person = user::ActiveModel {
        username: Set(username.clone()),
        email: Set(email.clone()),
        display_name: Set(display_name.to_owned()),
        role: Set(role),
        password_hash: Set(hash),
        created_at: Set(now),
        email_verified_at: Set(verified_by_invitation.then_some(now)),
        // On one's own: usable once the address is confirmed.
        pending_since: Set(invitation.is_none().then_some(now)),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|err| match AppError::from(err) {
        // Someone took the name or the address a moment ago.
        AppError::Conflict => AppError::invalid(Field::Username, InvalidReason::Duplicate),
        other => other,
    })?;
    if let Some(found) = &invitation {
        // Single use: only one sign-up can claim the invitation.
        let claimed = invitation::Entity::update_many()
            .col_expr(invitation::Column::UsedAt, Expr::value(Some(now)))
            .col_expr(invitation::Column::UsedBy, Expr::value(Some(person.id)))
            .filter(invitation::Column::Id.eq(found.id))
            .filter(invitation::Column::UsedAt.is_null())
            .filter(invitation::Column::RevokedAt.is_null())
            .exec(&txn)
            .await?;
        if claimed.rows_affected != 1 {
            return Err(AppError::invalid(Field::Invitation, InvalidReason::Expired));
        }
        if let Some(organisation_id) = found.organisation_id {
            let organisation_role = found.organisation_role.unwrap_or(OrganisationRole::Member);
            organisation_member::ActiveModel {
                organisation_id: Set(organisation_id),
                user_id: Set(person.id),
                role: Set(organisation_role),
            }
            .insert(&txn)
            .await?;
        }
        audit::record(
            &txn,
            AuditRecord::<(), _> {
                actor: Some(person.id),
                action: AuditAction::InvitationUse,
                target: format!("invitation:{}", found.id),
                before: None,
                after: Some(AuditedSignUp {
                    username: &username,
                    role: role.as_str(),
                    organisation_id: found.organisation_id,
                }),
            },
        )
        .await?;
    }
    if !verified_by_invitation {
        verification::send_link(&txn, &person, public_url, locale).await?;
    }
    txn.commit().await?;
    Ok(match invitation {
        Some(_) => SignedUp::Account(person.id),
        None => SignedUp::CheckMail,
    })
}

/// Someone signed up on their own with an address that has an account. A new confirmation link
/// if that account is itself still waiting for one (within the resend limits); otherwise a mail
/// saying that the address has an account and how to sign in.
async fn address_taken(
    db: &Db,
    holder: &user::Model,
    public_url: &str,
    locale: Locale,
) -> Result<(), AppError> {
    if holder.pending_since.is_some() {
        return match verification::resend_verification(db, holder.id, public_url, locale).await {
            Ok(()) | Err(AppError::RateLimited { .. }) => Ok(()),
            Err(other) => Err(other),
        };
    }
    let bucket = format!("taken:{}", holder.id);
    if super::claim_attempt(db, &bucket, 3, chrono::Duration::hours(1))
        .await?
        .is_err()
    {
        return Ok(());
    }
    let t = locale.messages();
    crate::server::mail::queue(
        db.write(),
        &holder.email,
        t.accounts.mail_taken_subject,
        &(t.accounts.mail_taken_body)(
            &format!("{public_url}/accedi"),
            &format!("{public_url}/accedi/password-dimenticata"),
        ),
    )
    .await?;
    Ok(())
}

/// Confirming its address activates an account made by signing up on one's own.
pub(super) async fn activate(
    txn: &impl sea_orm::ConnectionTrait,
    user_id: i32,
) -> Result<bool, AppError> {
    let activated = user::Entity::update_many()
        .col_expr(
            user::Column::PendingSince,
            Expr::value(None::<chrono::DateTime<Utc>>),
        )
        .filter(user::Column::Id.eq(user_id))
        .filter(user::Column::PendingSince.is_not_null())
        .exec(txn)
        .await?;
    Ok(activated.rows_affected == 1)
}

/// Forgets the accounts whose address was never confirmed within the link's lifetime (their
/// name and address are free again). Hourly; idempotent.
pub async fn forget_unconfirmed_sign_ups(db: &Db) -> Result<u64, AppError> {
    use crate::server::entities::{email_verification, sign_in_attempt};
    let stale = user::Entity::find()
        .filter(user::Column::PendingSince.lte(Utc::now() - super::VERIFICATION_LIFETIME))
        .all(db.read())
        .await?;
    let mut forgotten = 0;
    for person in stale {
        let txn = db.write().begin().await?;
        email_verification::Entity::delete_many()
            .filter(email_verification::Column::UserId.eq(person.id))
            .exec(&txn)
            .await?;
        sign_in_attempt::Entity::delete_many()
            .filter(sign_in_attempt::Column::Bucket.eq(format!("verify:{}", person.id)))
            .exec(&txn)
            .await?;
        let deleted = user::Entity::delete_many()
            .filter(user::Column::Id.eq(person.id))
            .filter(user::Column::PendingSince.is_not_null())
            .exec(&txn)
            .await?;
        txn.commit().await?;
        forgotten += deleted.rows_affected;
    }
    Ok(forgotten)
}

/// The signed-in person's account as their profile page shows it.
pub async fn own_account(db: &Db, user_id: i32) -> Result<OwnAccount, AppError> {
    let Some(person) = user::Entity::find_by_id(user_id).one(db.read()).await? else {
        return Err(AppError::NotFound);
    };
    let memberships = organisation_member::Entity::find()
        .filter(organisation_member::Column::UserId.eq(user_id))
        .find_also_related(organisation::Entity)
        .all(db.read())
        .await?;
    let mut organisations: Vec<(String, OrganisationRole)> = memberships
        .into_iter()
        .filter_map(|(m, o)| Some((o?.name, m.role)))
        .collect();
    organisations.sort();
    Ok(OwnAccount {
        role: person.role,
        username: person.username,
        display_name: person.display_name,
        email: person.email,
        email_verified: person.email_verified_at.is_some(),
        organisations,
        created_at: person.created_at,
    })
}

#[cfg(test)]
mod tests {
    use super::check_username;

    #[test]
    fn usernames_are_short_lower_case_words() {
        for good in ["anna.rossi", "a_b", "coop-sole", "comune2"] {
            assert!(check_username(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "ab",
            ".anna",
            "anna rossi",
            "ànna",
            "Anna",
            &"a".repeat(33),
        ] {
            assert!(check_username(bad).is_err(), "{bad}");
        }
    }
}
