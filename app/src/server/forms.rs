//! The checks of text fields every form uses (`checked_text`, `clean_text`, `optional_text`,
//! `name_with_slug`, `option_lines`). A refused form goes back through `server::refused`.

use crate::error::{AppError, InvalidReason};

/// Whether the request comes from a browser's page (plain form posts do).
pub fn accepts_html(parts: &http::request::Parts) -> bool {
    parts
        .headers
        .get(http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}

/// A name that becomes an address (a group's, a theme's): trimmed, 1 to `max` characters, with
/// something a slug can be made of. The name and its slug.
pub fn name_with_slug(
    field: crate::error::Field,
    name: &str,
    max: usize,
) -> Result<(String, String), AppError> {
    let name = checked_text(field, name, 1, max)?;
    let slug = slug::slugify(&name);
    if slug.is_empty() {
        return Err(AppError::invalid(field, InvalidReason::Malformed));
    }
    Ok((name, slug))
}

/// The options of a list typed one per line (a poll's, a survey question's): trimmed, empty lines
/// skipped, `min` to `max` of them, each 1 to `line_max` characters, no two alike (ignoring
/// case). The count is checked before any option is, and alike options are found with a set, so
/// the work grows with the text, not with its square, whatever is sent.
pub fn option_lines(
    field: crate::error::Field,
    text: &str,
    (min, max): (usize, usize),
    line_max: usize,
) -> Result<Vec<String>, AppError> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .take(max + 1)
        .collect();
    if lines.len() < min || lines.len() > max {
        return Err(AppError::invalid(field, InvalidReason::Count { min, max }));
    }
    let mut seen = std::collections::HashSet::with_capacity(lines.len());
    let mut options = Vec::with_capacity(lines.len());
    for line in lines {
        let option = checked_text(field, line, 1, line_max)?;
        if !seen.insert(option.to_lowercase()) {
            return Err(AppError::invalid(field, InvalidReason::Duplicate));
        }
        options.push(option);
    }
    Ok(options)
}

/// A one-line text field: trimmed, then `min` to `max` characters (empty is "required").
pub fn checked_text(
    field: crate::error::Field,
    text: &str,
    min: usize,
    max: usize,
) -> Result<String, AppError> {
    let text = text.trim();
    let length = text.chars().count();
    if length == 0 {
        return Err(AppError::invalid(field, InvalidReason::Required));
    }
    if length < min {
        return Err(AppError::invalid(field, InvalidReason::TooShort { min }));
    }
    if length > max {
        return Err(AppError::invalid(field, InvalidReason::TooLong { max }));
    }
    Ok(text.to_owned())
}

/// A text field trimmed and checked: required or not, at most `max` characters, no control
/// characters but new lines (and tabs) where `multiline`.
pub fn clean_text(
    field: crate::error::Field,
    value: &str,
    max: usize,
    required: bool,
    multiline: bool,
) -> Result<String, AppError> {
    let value = value.trim();
    if required && value.is_empty() {
        return Err(AppError::invalid(field, InvalidReason::Required));
    }
    if value.chars().count() > max {
        return Err(AppError::invalid(field, InvalidReason::TooLong { max }));
    }
    let allowed = |c: char| !c.is_control() || (multiline && matches!(c, '\n' | '\r' | '\t'));
    if !value.chars().all(allowed) {
        return Err(AppError::invalid(field, InvalidReason::Malformed));
    }
    Ok(value.replace("\r\n", "\n"))
}

/// An optional text field: `None` when left empty.
pub fn optional_text(
    field: crate::error::Field,
    value: &str,
    max: usize,
) -> Result<Option<String>, AppError> {
    let value = clean_text(field, value, max, false, false)?;
    Ok((!value.is_empty()).then_some(value))
}
