//! The clock every service reads, and times typed in forms (Europe/Rome).
use chrono::{DateTime, NaiveDateTime, SubsecRound, TimeZone, Utc};

use crate::error::{AppError, Field, InvalidReason};

/// Now, to the microsecond: what PostgreSQL keeps, so keyset cursors compare exactly on both
/// databases.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

/// `YYYY-MM-DDTHH:MM` (or with seconds) in Rome's time; empty gives `None`.
pub fn parse_local(field: Field, text: &str) -> Result<Option<DateTime<Utc>>, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let naive = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| AppError::invalid(field, InvalidReason::Malformed))?;
    chrono_tz::Europe::Rome
        .from_local_datetime(&naive)
        .earliest()
        .map(|at| Some(at.with_timezone(&Utc)))
        .ok_or_else(|| AppError::invalid(field, InvalidReason::Malformed))
}
