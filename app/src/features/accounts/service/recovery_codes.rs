//! Recovery codes: ten single-use codes for when the authenticator app is not at hand, 80 bits
//! each, kept only as keyed hashes (`server::secrets`). New codes are shown once and start
//! working when the person confirms them with a code from the app.
use chrono::Utc;
use rand::Rng;
use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionTrait,
};

use super::reauthentication::require_recent_password;
use crate::{
    error::AppError,
    server::{entities::recovery_code, secrets::Secrets, Db},
};

pub const RECOVERY_CODES: usize = 10;

/// Recovery codes are 16 characters of Crockford's base32 (80 bits), shown as
/// `k7pq-3xma-9d2f-wq4h`. Case, spaces and hyphens do not matter, and the letters people
/// confuse with digits are read as the digits (o as 0, i and l as 1).
const RECOVERY_ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
const RECOVERY_LEN: usize = 16;

fn normalise_recovery(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| match c.to_ascii_lowercase() {
            'o' => '0',
            'i' | 'l' => '1',
            other => other,
        })
        .collect()
}

fn new_recovery_code() -> String {
    let mut rng = rand::rng();
    (0..RECOVERY_LEN)
        .map(|_| RECOVERY_ALPHABET[rng.random_range(0..RECOVERY_ALPHABET.len())] as char)
        .collect()
}

pub(super) async fn accept_recovery_code(
    db: &impl ConnectionTrait,
    secrets: &Secrets,
    user_id: i32,
    code: &str,
) -> Result<bool, AppError> {
    let code = normalise_recovery(code);
    if code.len() != RECOVERY_LEN {
        return Ok(false);
    }
    let used = recovery_code::Entity::update_many()
        .col_expr(recovery_code::Column::UsedAt, Expr::value(Some(Utc::now())))
        .filter(recovery_code::Column::UserId.eq(user_id))
        .filter(recovery_code::Column::CodeHash.eq(secrets.keyed_hash(&code)))
        .filter(recovery_code::Column::Active.eq(true))
        .filter(recovery_code::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(used.rows_affected == 1)
}

/// New recovery codes for the page, not yet working (earlier unconfirmed ones are dropped).
/// Returned in plain text this once; only their keyed hashes are kept. Needs the password typed
/// again in this session.
pub async fn prepare_recovery_codes(
    db: &Db,
    secrets: &Secrets,
    user_id: i32,
    token: &str,
) -> Result<Vec<String>, AppError> {
    require_recent_password(db, user_id, token).await?;
    let txn = db.write().begin().await?;
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .filter(recovery_code::Column::Active.eq(false))
        .exec(&txn)
        .await?;
    let mut codes = Vec::with_capacity(RECOVERY_CODES);
    for _ in 0..RECOVERY_CODES {
        let raw = new_recovery_code();
        recovery_code::ActiveModel {
            user_id: Set(user_id),
            code_hash: Set(secrets.keyed_hash(&raw)),
            active: Set(false),
            used_at: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let groups: Vec<&str> = (0..RECOVERY_LEN / 4)
            .map(|i| &raw[4 * i..4 * i + 4])
            .collect();
        codes.push(groups.join("-"));
    }
    txn.commit().await?;
    Ok(codes)
}

/// The shown codes replace the working ones.
pub(super) async fn activate_recovery_codes(
    txn: &impl ConnectionTrait,
    user_id: i32,
) -> Result<(), AppError> {
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .filter(recovery_code::Column::Active.eq(true))
        .exec(txn)
        .await?;
    recovery_code::Entity::update_many()
        .col_expr(recovery_code::Column::Active, Expr::value(true))
        .filter(recovery_code::Column::UserId.eq(user_id))
        .exec(txn)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_codes_ignore_case_spaces_hyphens_and_look_alikes() {
        assert_eq!(normalise_recovery(" K7PQ-3xma "), "k7pq3xma");
        assert_eq!(normalise_recovery("oOiIlL"), "001111");
    }

    #[test]
    fn recovery_codes_carry_80_bits() {
        // 16 characters of a 32-letter alphabet: 16 × 5 = 80 bits.
        assert_eq!(RECOVERY_ALPHABET.len(), 32);
        let code = new_recovery_code();
        assert_eq!(code.len(), RECOVERY_LEN);
        assert_eq!(normalise_recovery(&code), code);
    }
}
