//! Page paths: lower-case slugs joined by `/` (`coprogettazione/avvisi`). The last slug comes
//! from the title, so two titles that differ only in case or accents are the same page. Anything
//! else in a path (dots, `..`, backslashes, encoded characters, empty segments) is refused.
use crate::error::Field;
use crate::error::{AppError, InvalidReason};

pub const PATH_MAX: usize = 240;
pub const SEGMENTS_MAX: usize = 6;
pub const SEGMENT_MAX: usize = 80;

/// First segments the community space keeps for its own pages (`/wiki/modifiche-recenti`…).
pub const RESERVED: &[&str] = &[
    "gruppi",
    "modifiche-recenti",
    "da-rivedere",
    "nuova",
    "promuovi",
];

/// The slug of one title: lower-case letters and digits joined by single dashes.
pub fn slug_of(title: &str) -> String {
    let mut slug = slug::slugify(title);
    if slug.len() > SEGMENT_MAX {
        slug.truncate(SEGMENT_MAX);
        while slug.ends_with('-') {
            slug.pop();
        }
    }
    slug
}

fn valid_segment(segment: &str) -> bool {
    !segment.is_empty()
        && segment.len() <= SEGMENT_MAX
        && segment
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !segment.starts_with('-')
        && !segment.ends_with('-')
        && !segment.contains("--")
}

/// A path as asked for in an address or a form: refused unless it is already canonical.
pub fn parse(raw: &str) -> Result<String, AppError> {
    let bad = || AppError::invalid(Field::Path, InvalidReason::Malformed);
    let path = raw.trim_matches('/');
    if path.is_empty() {
        return Err(AppError::invalid(Field::Path, InvalidReason::Required));
    }
    if path.len() > PATH_MAX {
        return Err(AppError::invalid(
            Field::Path,
            InvalidReason::TooLong { max: PATH_MAX },
        ));
    }
    let segments: Vec<&str> = path.split('/').collect();
    if segments.len() > SEGMENTS_MAX || !segments.iter().all(|s| valid_segment(s)) {
        return Err(bad());
    }
    Ok(path.to_owned())
}

/// The path of a new page titled `title` under `parent` (a path, or none for the top).
pub fn child(parent: Option<&str>, title: &str) -> Result<String, AppError> {
    let slug = slug_of(title);
    if slug.is_empty() {
        return Err(AppError::invalid(Field::Title, InvalidReason::Malformed));
    }
    match parent.map(str::trim).filter(|p| !p.is_empty()) {
        Some(parent) => parse(&format!("{}/{slug}", parse(parent)?)),
        None => parse(&slug),
    }
}

/// The path a `[[link]]` points to: each `/`-separated part turned into its slug. None when
/// nothing usable is left.
pub fn link_target(text: &str) -> Option<String> {
    let slugs: Vec<String> = text.split('/').map(slug_of).collect();
    if slugs.iter().any(String::is_empty) {
        return None;
    }
    parse(&slugs.join("/")).ok()
}

/// The parent paths of a path, top first: `a/b/c` → `a`, `a/b`.
pub fn ancestors(path: &str) -> Vec<String> {
    let segments: Vec<&str> = path.split('/').collect();
    (1..segments.len())
        .map(|n| segments[..n].join("/"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_become_slugs_case_and_accents_aside() {
        assert_eq!(
            slug_of("Co-progettazione: l'art. 55"),
            "co-progettazione-l-art-55"
        );
        assert_eq!(
            slug_of("Città Metropolitana"),
            slug_of("citta metropolitana")
        );
        assert_eq!(slug_of("!!!"), "");
    }

    #[test]
    fn only_canonical_paths_are_accepted() {
        assert_eq!(
            parse("coprogettazione/avvisi").unwrap(),
            "coprogettazione/avvisi"
        );
        assert_eq!(parse("/glossario/").unwrap(), "glossario");
        for bad in [
            "../etc/passwd",
            "a/../b",
            "a//b",
            "a\\b",
            "A/b",
            "a%2e%2e",
            "a b",
            "a/-b",
            "a/b.md",
            "ä",
            "a/b/c/d/e/f/g",
        ] {
            assert_eq!(
                parse(bad),
                Err(AppError::invalid(Field::Path, InvalidReason::Malformed)),
                "{bad}"
            );
        }
        assert!(parse(&"a".repeat(PATH_MAX + 1)).is_err());
        assert_eq!(
            parse(""),
            Err(AppError::invalid(Field::Path, InvalidReason::Required))
        );
    }

    #[test]
    fn links_and_children_resolve_to_paths() {
        assert_eq!(
            link_target("Coprogettazione/Avvisi pubblici").as_deref(),
            Some("coprogettazione/avvisi-pubblici")
        );
        assert_eq!(link_target("a//b"), None);
        assert_eq!(child(Some("guida"), "Fase 1").unwrap(), "guida/fase-1");
        assert_eq!(child(None, "Glossario").unwrap(), "glossario");
        assert!(child(Some("../x"), "Fase").is_err());
        assert_eq!(ancestors("a/b/c"), vec!["a", "a/b"]);
    }
}
