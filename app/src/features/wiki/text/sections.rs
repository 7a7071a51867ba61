//! Sections of a page: each heading starts one, which runs to the next heading of the same or a
//! higher level. Section numbers count headings from 1, in the order of the text; the table of
//! contents and the "edit this section" links use them, and the anchors are the headings' slugs.
use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub title: String,
    /// Where the heading starts in the text.
    pub start: usize,
    /// The anchor: `s-` and the title's slug, with `-2`, `-3`… for repeats.
    pub anchor: String,
}

fn level_of(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The headings of a text, in order (headings inside code or quotes are not sections).
pub fn headings(source: &str) -> Vec<Heading> {
    let mut found: Vec<Heading> = Vec::new();
    let mut current: Option<(u8, usize, String)> = None;
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(source, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) if depth == 0 => {
                current = Some((level_of(level), range.start, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, start, title)) = current.take() {
                    let title = title.trim().to_owned();
                    let base = format!("s-{}", super::paths::slug_of(&title));
                    let mut anchor = base.clone();
                    let mut n = 2;
                    while found.iter().any(|h| h.anchor == anchor) {
                        anchor = format!("{base}-{n}");
                        n += 1;
                    }
                    found.push(Heading {
                        level,
                        title,
                        start,
                        anchor,
                    });
                }
            }
            Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::Item) => depth += 1,
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item) => {
                depth = depth.saturating_sub(1)
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, _, title)) = current.as_mut() {
                    title.push_str(&text);
                }
            }
            _ => {}
        }
    }
    found
}

/// Where section `number` (from 1) lies in the text.
pub fn range(source: &str, number: usize) -> Option<Range<usize>> {
    let all = headings(source);
    let index = number.checked_sub(1)?;
    let heading = all.get(index)?;
    let end = all[index + 1..]
        .iter()
        .find(|h| h.level <= heading.level)
        .map_or(source.len(), |h| h.start);
    Some(heading.start..end)
}

/// The text of section `number`.
pub fn section(source: &str, number: usize) -> Option<String> {
    range(source, number).map(|r| source[r].to_owned())
}

/// The whole text with section `number` replaced by `text`.
pub fn replace(source: &str, number: usize, text: &str) -> Option<String> {
    let found = range(source, number)?;
    let mut replacement = super::normalise(text);
    let followed = found.end < source.len();
    if followed && !replacement.is_empty() && !replacement.ends_with("\n\n") {
        replacement.push('\n');
    }
    Some(format!(
        "{}{}{}",
        &source[..found.start],
        replacement,
        &source[found.end..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "Introduzione.\n\n## Fasi\n\nTesto fasi.\n\n### Avviso\n\nTesto avviso.\n\n## Fasi\n\nAncora.\n\n```\n## non è un titolo\n```\n";

    #[test]
    fn headings_have_levels_and_unique_anchors() {
        let found = headings(PAGE);
        let summary: Vec<_> = found
            .iter()
            .map(|h| (h.level, h.title.as_str(), h.anchor.as_str()))
            .collect();
        assert_eq!(
            summary,
            vec![
                (2, "Fasi", "s-fasi"),
                (3, "Avviso", "s-avviso"),
                (2, "Fasi", "s-fasi-2")
            ]
        );
    }

    #[test]
    fn a_section_runs_to_the_next_heading_of_its_level() {
        assert_eq!(
            section(PAGE, 1).unwrap(),
            "## Fasi\n\nTesto fasi.\n\n### Avviso\n\nTesto avviso.\n\n"
        );
        assert_eq!(section(PAGE, 2).unwrap(), "### Avviso\n\nTesto avviso.\n\n");
        assert!(section(PAGE, 3).unwrap().ends_with("```\n"));
        assert_eq!(section(PAGE, 0), None);
        assert_eq!(section(PAGE, 4), None);
    }

    #[test]
    fn replacing_a_section_keeps_the_rest() {
        let changed = replace(PAGE, 2, "### Avviso\n\nTesto nuovo.").unwrap();
        assert_eq!(changed, PAGE.replace("Testo avviso.", "Testo nuovo."));
    }
}
