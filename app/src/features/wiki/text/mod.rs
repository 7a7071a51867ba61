//! The wiki's text algorithms, free of the database: paths, three-way merge, diffs and sections.
//! Unit-tested here; the services build on them.
pub mod diff;
pub mod merge;
pub mod paths;
pub mod sections;

/// Texts are compared line by line: Windows line ends become `\n`, and a text ends with one, so
/// that "the last line" never differs only by its ending.
pub fn normalise(text: &str) -> String {
    let mut out = text.replace("\r\n", "\n").replace('\r', "\n");
    while out.ends_with("\n\n") {
        out.pop();
    }
    let trimmed_start = out.trim_start_matches('\n');
    let mut out = trimmed_start.to_owned();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out
}
