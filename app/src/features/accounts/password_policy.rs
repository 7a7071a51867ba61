//! The rules for a new password (OWASP ASVS 5 / NIST SP 800-63B): at least 8 characters, up to
//! 1024 accepted and never truncated, no composition rules, and not one of the most common
//! passwords nor the person's own name, username or e-mail.
use crate::error::Field;
use std::sync::LazyLock;

use crate::error::{AppError, InvalidReason};

pub const MIN_CHARS: usize = 8;
pub const MAX_CHARS: usize = 1024;

/// Sorted, lower-case (see common-passwords.README.md).
static COMMON: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| include_str!("common-passwords.txt").lines().collect());

/// Checks a password someone is choosing. `personal` holds what an attacker would try first.
pub fn check_new_password(password: &str, personal: &[&str]) -> Result<(), AppError> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Err(AppError::invalid(
            Field::Password,
            InvalidReason::TooShort { min: MIN_CHARS },
        ));
    }
    if chars > MAX_CHARS {
        return Err(AppError::invalid(
            Field::Password,
            InvalidReason::TooLong { max: MAX_CHARS },
        ));
    }
    let lower = password.to_lowercase();
    let is_personal = personal
        .iter()
        .map(|p| p.trim().to_lowercase())
        .filter(|p| p.chars().count() >= 4)
        .any(|p| lower == p || p.split('@').next().is_some_and(|local| lower == local));
    if is_personal || COMMON.binary_search(&lower.as_str()).is_ok() {
        return Err(AppError::invalid(Field::Password, InvalidReason::Common));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(password: &str) -> Option<InvalidReason> {
        match check_new_password(password, &["anna.rossi", "anna.rossi@castelmonte.example"]) {
            Ok(()) => None,
            Err(AppError::Invalid { reason, .. }) => Some(reason),
            Err(other) => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn the_list_is_sorted_for_binary_search() {
        assert!(COMMON.len() > 30_000);
        assert!(COMMON.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn short_common_and_personal_passwords_are_refused() {
        assert_eq!(reason("corta"), Some(InvalidReason::TooShort { min: 8 }));
        assert_eq!(reason("password"), Some(InvalidReason::Common));
        assert_eq!(reason("Password1"), Some(InvalidReason::Common));
        assert_eq!(reason("12345678"), Some(InvalidReason::Common));
        assert_eq!(reason("ciaociao"), Some(InvalidReason::Common));
        assert_eq!(reason("ANNA.ROSSI"), Some(InvalidReason::Common));
        assert_eq!(
            reason(&"x".repeat(1025)),
            Some(InvalidReason::TooLong { max: 1024 })
        );
    }

    #[test]
    fn long_passphrases_of_any_characters_are_accepted_whole() {
        assert_eq!(reason("tre gatti sul tetto di Bologna"), None);
        assert_eq!(reason("àèìòù€ üñí 漢字 🙂"), None);
        assert_eq!(reason(&"ab".repeat(512)), None, "1024 characters");
    }
}
