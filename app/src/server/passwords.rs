//! Password hashing with argon2id at OWASP's minimum (m = 19 MiB, t = 2, p = 1), with a bound on
//! how many hashes run at once so that a burst of sign-ins cannot exhaust memory or CPU.
use std::sync::Arc;

use argon2::{
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Algorithm, Argon2, Params, Version,
};
use rand::RngCore;
use tokio::sync::{OnceCell, Semaphore};

use crate::error::AppError;

pub const MEMORY_KIB: u32 = 19 * 1024;
pub const ITERATIONS: u32 = 2;
pub const PARALLELISM: u32 = 1;

#[derive(Clone, Debug)]
pub struct Passwords {
    permits: Arc<Semaphore>,
    /// A hash of nothing in particular, checked against when an account does not exist.
    dummy: Arc<OnceCell<String>>,
}

impl Passwords {
    /// At most `concurrent` hashes at a time (each holds 19 MiB while it runs).
    pub fn new(concurrent: usize) -> Self {
        Passwords {
            permits: Arc::new(Semaphore::new(concurrent.max(1))),
            dummy: Arc::new(OnceCell::new()),
        }
    }

    pub async fn hash(&self, password: &str) -> Result<String, AppError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| AppError::Internal)?;
        let password = password.to_owned();
        tokio::task::spawn_blocking(move || hash_now(&password))
            .await
            .map_err(|_| AppError::Internal)?
    }

    pub async fn verify(&self, password: &str, hash: &str) -> Result<bool, AppError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| AppError::Internal)?;
        let (password, hash) = (password.to_owned(), hash.to_owned());
        tokio::task::spawn_blocking(move || verify_now(&password, &hash))
            .await
            .map_err(|_| AppError::Internal)
    }
}

impl Passwords {
    /// Costs what a real check costs, and never matches.
    pub async fn verify_dummy(&self, password: &str) -> Result<(), AppError> {
        let dummy = self
            .dummy
            .get_or_try_init(|| self.hash("pratica: no such account"))
            .await?;
        self.verify(password, dummy).await?;
        Ok(())
    }
}

fn hasher() -> Result<Argon2<'static>, AppError> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None).map_err(|e| {
        tracing::error!(error = %e, "argon2 parameters");
        AppError::Internal
    })?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes on the current thread (blocking: call from `spawn_blocking`).
pub fn hash_now(password: &str) -> Result<String, AppError> {
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(|_| AppError::Internal)?;
    hasher()?
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| {
            tracing::error!(error = %e, "argon2 hash");
            AppError::Internal
        })
}

/// Checks a password against a stored PHC string; a malformed hash never matches.
pub fn verify_now(password: &str, hash: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    let Ok(argon) = hasher() else {
        return false;
    };
    argon.verify_password(password.as_bytes(), &parsed).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hashed_password_verifies_and_a_wrong_one_does_not() {
        let hash = hash_now("una frase lunga e segreta").unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify_now("una frase lunga e segreta", &hash));
        assert!(!verify_now("una frase lunga e segreta!", &hash));
        assert!(!verify_now("qualsiasi", "not a hash"));
    }
}
