//! How people's text becomes HTML, once, on the server: Markdown (pulldown-cmark) with raw HTML
//! shown as text, images as links, headings moved below the page's own, @mentions of known
//! people as links; then sanitised (ammonia) with a short list of tags and only http, https and
//! mailto links. Text built to blow up (deep nesting, enormous tables) is refused.
use crate::error::Field;
use std::{
    collections::{HashMap, HashSet},
    sync::LazyLock,
};

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use regex::Regex;

use crate::error::{AppError, InvalidReason};

/// Deepest nesting of blocks and inline elements accepted (quotes in lists in quotes…).
pub const MAX_DEPTH: usize = 24;
/// Most table cells in one text, and columns in one table.
pub const MAX_TABLE_CELLS: usize = 1_000;
pub const MAX_TABLE_COLUMNS: usize = 20;
/// Most rendered HTML for one text (a short source can expand a lot: reference links).
pub const MAX_HTML_BYTES: usize = 400_000;

static MENTION: LazyLock<Regex> = LazyLock::new(|| {
    // Usernames are 3–32 of a-z 0-9 . _ - (accounts::service); not after a letter or digit, so
    // that e-mail addresses are not mentions.
    Regex::new(r"(?:^|[^\p{L}\p{N}_.@-])@([a-zA-Z0-9][a-zA-Z0-9._-]{1,30}[a-zA-Z0-9])")
        .expect("mention pattern")
});

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(post_sanitizer);

fn post_sanitizer() -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::default();
    builder
        .tags(HashSet::from([
            "p",
            "br",
            "hr",
            "h3",
            "h4",
            "h5",
            "h6",
            "em",
            "strong",
            "del",
            "code",
            "pre",
            "blockquote",
            "ul",
            "ol",
            "li",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "a",
            "sup",
            "sub",
        ]))
        .tag_attributes(HashMap::from([
            ("a", HashSet::from(["href", "title"])),
            ("ol", HashSet::from(["start"])),
        ]))
        .generic_attributes(HashSet::new())
        .allowed_classes(HashMap::from([("a", HashSet::from(["mention"]))]))
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(Some("noopener noreferrer nofollow ugc"))
        .strip_comments(true);
    builder
}

/// Wiki pages: the same list, plus `<h2>`, anchors on headings (set by the renderer only: raw
/// HTML is text) and the mark of links to pages not written yet.
static PAGE_SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = post_sanitizer();
    builder
        .add_tags(["h2"])
        .add_tag_attributes("h2", ["id"])
        .add_tag_attributes("h3", ["id"])
        .add_tag_attributes("h4", ["id"])
        .add_tag_attributes("h5", ["id"])
        .add_tag_attributes("h6", ["id"])
        .add_allowed_classes("a", ["wikilink-new"])
        .id_prefix(None);
    builder
});

/// The usernames a text mentions (lower-case, each once, in order), outside code.
pub fn mentions(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut seen = HashSet::new();
    let mut in_code = 0usize;
    for event in Parser::new_ext(source, options()) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
            Event::Text(text) if in_code == 0 => {
                for capture in MENTION.captures_iter(&text) {
                    let name = capture[1].to_lowercase();
                    if seen.insert(name.clone()) {
                        found.push(name);
                    }
                }
            }
            _ => {}
        }
    }
    found
}

/// Renders and sanitises `source`. `known` are the usernames (lower-case) that exist: their
/// mentions become links to the person in the directory. `field` names the form field in the
/// error when the text is refused.
pub fn render(source: &str, known: &HashSet<String>, field: Field) -> Result<String, AppError> {
    render_styled(source, known, field, Style::Post)
}

/// How headings come out: below a post's own heading (from `<h3>`, no anchors), or as a wiki
/// page's sections (from `<h2>`, each top-level heading with its anchor, in order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Post,
    Page,
}

/// Marks a wiki link to a page that does not exist yet (see `render_page`).
pub const NEW_PAGE_MARK: &str = "?nuova=1";

static WIKI_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[\[([^\[\]|\n]{1,200})(?:\|([^\[\]\n]{1,200}))?\]\]").expect("wiki link pattern")
});

/// Byte ranges of code (spans and blocks) in a text: no wiki links there.
fn code_ranges(source: &str) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut block: Option<usize> = None;
    for (event, range) in Parser::new_ext(source, options()).into_offset_iter() {
        match event {
            Event::Code(_) => ranges.push(range),
            Event::Start(Tag::CodeBlock(_)) => block = Some(range.start),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(start) = block.take() {
                    ranges.push(start..range.end);
                }
            }
            _ => {}
        }
    }
    ranges
}

/// The `[[links]]` of a wiki text, outside code: (where, target text, label). Links and code
/// ranges both come in the text's order, so one pass over each decides (linear in the text).
fn wiki_links_in(source: &str) -> Vec<(std::ops::Range<usize>, String, String)> {
    let code = code_ranges(source);
    let mut next_code = code.iter().peekable();
    WIKI_LINK
        .captures_iter(source)
        .filter_map(|c| {
            let whole = c.get(0)?;
            while next_code.next_if(|r| r.end <= whole.start()).is_some() {}
            if next_code.peek().is_some_and(|r| r.start <= whole.start()) {
                return None;
            }
            let target = c[1].trim().to_owned();
            let label = c
                .get(2)
                .map_or(target.clone(), |l| l.as_str().trim().to_owned());
            Some((whole.range(), target, label))
        })
        .collect()
}

/// The paths a wiki text links to with `[[…]]` (each once, in order).
pub fn wiki_link_paths(source: &str) -> Vec<String> {
    let mut paths = Vec::new();
    let mut seen = HashSet::new();
    for (_, target, _) in wiki_links_in(source) {
        if let Some(path) = crate::features::wiki::text::paths::link_target(&target) {
            if seen.insert(path.clone()) {
                paths.push(path);
            }
        }
    }
    paths
}

/// Renders a wiki page: like a post, but headings are the page's sections (with anchors), and
/// `[[Pagina]]` / `[[Pagina|testo]]` become links under `base`; links to paths not in
/// `existing` are marked as pages to create.
pub fn render_page(
    source: &str,
    base: &str,
    existing: &HashSet<String>,
) -> Result<String, AppError> {
    let mut text = String::with_capacity(source.len());
    let mut last = 0;
    for (range, target, label) in wiki_links_in(source) {
        text.push_str(&source[last..range.start]);
        match crate::features::wiki::text::paths::link_target(&target) {
            Some(path) => {
                let mark = if existing.contains(&path) {
                    ""
                } else {
                    NEW_PAGE_MARK
                };
                let label = label.replace('\\', "\\\\");
                text.push_str(&format!("[{label}]({base}/{path}{mark})"));
            }
            None => text.push_str(&source[range.clone()]),
        }
        last = range.end;
    }
    text.push_str(&source[last..]);
    render_styled(&text, &HashSet::new(), Field::Source, Style::Page)
}

fn render_styled(
    source: &str,
    known: &HashSet<String>,
    field: Field,
    style: Style,
) -> Result<String, AppError> {
    let mut anchors = match style {
        Style::Page => crate::features::wiki::text::sections::headings(source)
            .into_iter()
            .map(|h| h.anchor)
            .collect::<Vec<_>>()
            .into_iter(),
        Style::Post => Vec::new().into_iter(),
    };
    let mut containers = 0usize;
    let too_complex = || AppError::invalid(field, InvalidReason::TooComplex);
    let mut events: Vec<Event> = Vec::new();
    let (mut depth, mut cells, mut columns, mut in_code) = (0usize, 0usize, 0usize, 0usize);
    let mut new_link_open = 0usize;
    for event in Parser::new_ext(source, options()) {
        match &event {
            Event::Start(tag) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(too_complex());
                }
                match tag {
                    Tag::TableCell => {
                        cells += 1;
                        columns += 1;
                        if cells > MAX_TABLE_CELLS || columns > MAX_TABLE_COLUMNS {
                            return Err(too_complex());
                        }
                    }
                    Tag::TableRow | Tag::TableHead => columns = 0,
                    Tag::CodeBlock(_) => in_code += 1,
                    _ => {}
                }
            }
            Event::End(tag) => {
                depth = depth.saturating_sub(1);
                if *tag == TagEnd::CodeBlock {
                    in_code = in_code.saturating_sub(1);
                }
            }
            _ => {}
        }
        match &event {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::Item) => containers += 1,
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item) => {
                containers = containers.saturating_sub(1)
            }
            _ => {}
        }
        match event {
            Event::Text(text) if in_code == 0 && !known.is_empty() => {
                push_with_mentions(&mut events, text, known)
            }
            Event::Start(Tag::Heading { level, .. }) if style == Style::Page => {
                let anchor = if containers == 0 {
                    anchors.next()
                } else {
                    None
                };
                events.push(Event::Start(Tag::Heading {
                    level: lower_page(level),
                    id: anchor.map(CowStr::from),
                    classes: Vec::new(),
                    attrs: Vec::new(),
                }));
            }
            Event::End(TagEnd::Heading(level)) if style == Style::Page => {
                events.push(Event::End(TagEnd::Heading(lower_page(level))))
            }
            Event::Start(Tag::Link { dest_url, .. })
                if style == Style::Page && dest_url.ends_with(NEW_PAGE_MARK) =>
            {
                let href = dest_url.replace('&', "&amp;").replace('"', "&quot;");
                events.push(Event::InlineHtml(CowStr::from(format!(
                    "<a class=\"wikilink-new\" href=\"{href}\">"
                ))));
                new_link_open += 1;
            }
            Event::End(TagEnd::Link) if new_link_open > 0 => {
                events.push(Event::InlineHtml(CowStr::from("</a>")));
                new_link_open -= 1;
            }
            other => events.push(safe_event(other)),
        }
    }
    let mut out = String::with_capacity(source.len() * 2);
    html::push_html(&mut out, events.into_iter());
    if out.len() > MAX_HTML_BYTES {
        return Err(too_complex());
    }
    Ok(match style {
        Style::Post => SANITIZER.clean(&out).to_string(),
        Style::Page => PAGE_SANITIZER.clean(&out).to_string(),
    })
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Raw HTML is shown as the text it is; images become links (the page loads nothing from other
/// sites); headings start at level 3, below the page's title and sections.
fn safe_event(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Html(text) | Event::InlineHtml(text) => Event::Text(text),
        Event::Start(Tag::HtmlBlock) => Event::Start(Tag::Paragraph),
        Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::Paragraph),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }),
        Event::End(TagEnd::Image) => Event::End(TagEnd::Link),
        Event::Start(Tag::Heading {
            level,
            id: _,
            classes: _,
            attrs: _,
        }) => Event::Start(Tag::Heading {
            level: lower(level),
            id: None,
            classes: Vec::new(),
            attrs: Vec::new(),
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(lower(level))),
        other => other,
    }
}

/// A page's `#` is a section (`<h2>`): the page title is its `<h1>`.
fn lower_page(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

fn lower(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H3,
        HeadingLevel::H2 => HeadingLevel::H4,
        HeadingLevel::H3 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Splits a text at the mentions of known people, which become links (escaped by construction:
/// usernames are `[a-z0-9._-]`).
fn push_with_mentions<'a>(events: &mut Vec<Event<'a>>, text: CowStr<'a>, known: &HashSet<String>) {
    let mut last = 0;
    for capture in MENTION.captures_iter(&text) {
        let Some(name) = capture.get(1) else { continue };
        let username = name.as_str().to_lowercase();
        if !known.contains(&username) {
            continue;
        }
        let at = name.start() - 1;
        if at > last {
            events.push(Event::Text(CowStr::from(text[last..at].to_string())));
        }
        events.push(Event::InlineHtml(CowStr::from(format!(
            "<a class=\"mention\" href=\"/rete?q={username}\">@{username}</a>"
        ))));
        last = name.end();
    }
    if last == 0 {
        events.push(Event::Text(text));
    } else if last < text.len() {
        events.push(Event::Text(CowStr::from(text[last..].to_string())));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(source: &str) -> String {
        render(source, &HashSet::new(), Field::Body).unwrap()
    }

    #[test]
    fn markdown_becomes_html() {
        let html = plain("**Art. 55** del *Codice*\n\n- uno\n- due\n\n> citazione");
        assert!(html.contains("<strong>Art. 55</strong>"), "{html}");
        assert!(html.contains("<em>Codice</em>"));
        assert!(html.contains("<li>uno</li>"));
        assert!(html.contains("<blockquote>"));
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = plain("<script>alert(1)</script>\n\nciao <b onclick=\"x()\">b</b>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<b "), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn dangerous_links_lose_their_address() {
        for source in [
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "[x](vbscript:msgbox)",
            "<javascript:alert(1)>",
        ] {
            let html = plain(source);
            assert!(!html.contains("href"), "{source} → {html}");
        }
        let ok = plain("[legge](https://www.normattiva.it/) e [qui](/forum)");
        assert!(ok.contains("href=\"https://www.normattiva.it/\""), "{ok}");
        assert!(
            ok.contains("rel=\"noopener noreferrer nofollow ugc\""),
            "{ok}"
        );
        assert!(ok.contains("href=\"/forum\""), "{ok}");
    }

    #[test]
    fn images_become_links_and_headings_move_down() {
        let html = plain("# Titolo\n\n![schema](https://example.org/a.png)");
        assert!(html.contains("<h3>Titolo</h3>"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("<a href=\"https://example.org/a.png\""),
            "{html}"
        );
    }

    #[test]
    fn deep_nesting_and_huge_tables_are_refused() {
        let nested = format!("{} fondo", ">".repeat(200));
        assert_eq!(
            render(&nested, &HashSet::new(), Field::Body),
            Err(AppError::invalid(Field::Body, InvalidReason::TooComplex))
        );
        let lists: String = (0..60)
            .map(|i| format!("{}- x\n", "  ".repeat(i)))
            .collect();
        assert!(render(&lists, &HashSet::new(), Field::Body).is_err());
        let wide = format!("|{}\n|{}\n", "a|".repeat(40), "-|".repeat(40));
        assert!(render(&wide, &HashSet::new(), Field::Body).is_err());
        let long: String = (0..600).map(|_| "|a|b|\n").collect();
        let table = format!("|a|b|\n|-|-|\n{long}");
        assert!(render(&table, &HashSet::new(), Field::Body).is_err());
        let fine = "|a|b|\n|-|-|\n|1|2|\n";
        assert!(plain(fine).contains("<td>1</td>"));
    }

    #[test]
    fn mentions_of_known_people_become_links() {
        let known = HashSet::from(["anna.rossi".to_string()]);
        let source = "Ciao @anna.rossi e @nessuno, scrivi a x@anna.rossi.it\n\n`@anna.rossi`";
        assert_eq!(mentions(source), vec!["anna.rossi", "nessuno"]);
        let html = render(source, &known, Field::Body).unwrap();
        assert!(
            html.contains("<a class=\"mention\" href=\"/rete?q=anna.rossi\""),
            "{html}"
        );
        assert!(html.contains("@nessuno"));
        assert_eq!(html.matches("class=\"mention\"").count(), 1, "{html}");
    }

    #[test]
    fn wiki_links_in_code_are_text_and_each_path_is_listed_once() {
        let source = "[[Glossario]] `[[Nel codice]]` [[Valutazione]]\n\n```\n[[Blocco]]\n```\n\n\
                      [[Glossario|il glossario]] e ancora `x` [[Ultima]]";
        assert_eq!(
            wiki_link_paths(source),
            vec!["glossario", "valutazione", "ultima"]
        );
        // Thousands of links and code spans, interleaved: every link is found once.
        let many: String = (0..3000)
            .map(|i| format!("[[P{}]] `c` ", i % 700))
            .collect();
        assert_eq!(wiki_link_paths(&many).len(), 700);
    }
}
