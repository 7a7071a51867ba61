//! Architecture rules read from the app crate's sources: which feature may use which, that
//! infrastructure (server/, ui/, kernel files) uses no feature, and that files stay small.
use std::{
    collections::BTreeSet,
    fs,
    path::{Path, PathBuf},
};

/// The feature edges that are allowed, per part of the feature used (`forum::service`): (from,
/// to, reason). Any other is a failure, and so is a bare `use crate::features::forum`.
const ALLOWED_EDGES: &[(&str, &str, &str)] = &[
    (
        "accounts",
        "network::pages",
        "sign-up's last step is the directory's profile editor",
    ),
    (
        "forum",
        "groups::service",
        "a group's admins moderate its category",
    ),
    (
        "forum",
        "groups::types",
        "a group's admins moderate its category",
    ),
    ("forum", "polls::pages", "a thread page shows its polls"),
    (
        "forum",
        "themes::service",
        "the new-thread form offers the approved themes",
    ),
    ("groups", "polls::pages", "a group page shows its polls"),
    (
        "home",
        "forum::api",
        "the home page lists the latest threads",
    ),
    (
        "home",
        "forum::pages",
        "the home page lists the latest threads",
    ),
    (
        "home",
        "forum::types",
        "the home page lists the latest threads",
    ),
    ("home", "polls::api", "the home page features a poll"),
    ("home", "polls::pages", "the home page features a poll"),
    ("home", "surveys::api", "the home page lists open surveys"),
    ("home", "surveys::types", "the home page lists open surveys"),
    ("home", "themes::api", "the home page shows followed themes"),
    (
        "home",
        "themes::pages",
        "the home page shows followed themes",
    ),
    (
        "network",
        "accounts::pages",
        "the directory offers invitations to referents",
    ),
    (
        "network",
        "accounts::types",
        "an organisation's people and their invitations",
    ),
    (
        "polls",
        "forum::service",
        "a thread poll is visible when its thread is",
    ),
    (
        "polls",
        "groups::service",
        "group admins create polls in their group",
    ),
    (
        "polls",
        "groups::types",
        "group admins create polls in their group",
    ),
    (
        "polls",
        "network::service",
        "one vote per organisation is cast by its referent",
    ),
    (
        "staff",
        "community::service",
        "the console changes the phase",
    ),
    ("staff", "community::types", "the console changes the phase"),
    (
        "surveys",
        "groups::api",
        "a survey's audience may be a group: the form lists groups",
    ),
    ("themes", "forum::pages", "a theme page lists its threads"),
    (
        "themes",
        "forum::service",
        "a theme's category, and following a theme watches it",
    ),
    ("themes", "forum::types", "a theme page lists its threads"),
    (
        "wiki",
        "forum::service",
        "an accepted answer is brought into the wiki with its provenance",
    ),
    ("wiki", "groups::types", "a group's admins edit its space"),
];

/// Path prefixes (relative to src/) outside features/ that may use any feature.
const COMPOSITION_ROOTS: &[(&str, &str)] = &[
    ("lib.rs", "the routes name every page"),
    (
        "lifecycle",
        "the one place that knows what follows a change in another feature",
    ),
    ("demo", "loads the demo community through the real services"),
    ("i18n", "labels of feature enums"),
    (
        "ui/layout.rs",
        "the page shell: the viewer's menu (sign out) and the phase in the footer",
    ),
    (
        "server/entities",
        "the schema: enum columns have the features' value types (stored_enum!)",
    ),
    (
        "server/markdown.rs",
        "renders [[links]] and section anchors with the wiki's pure text rules (to move here)",
    ),
];

/// Files (relative to src/) allowed over `MAX_LINES`, with the reason.
const SIZE_EXCEPTIONS: &[(&str, &str)] = &[];

const MAX_LINES: usize = 500;

const HOW_TO_FIX: &str = "Move the shared helper to server/ or ui/, go through lifecycle, or \
     add an edge with a reason to ALLOWED_EDGES (tests/integration/architecture.rs).";

#[test]
fn features_use_only_allowed_features() {
    let (mut offences, mut used) = (Vec::new(), BTreeSet::new());
    for (path, source) in sources() {
        let Some(from) = feature_of(&path) else {
            continue;
        };
        for (line, to) in references(&path, &source) {
            let feature = to.split("::").next().unwrap_or_default();
            if to != "features" && feature != from {
                if !ALLOWED_EDGES.iter().any(|&(f, t, _)| f == from && t == to) {
                    offences.push(format!("  {from} -> {to}: src/{path}:{line}"));
                }
                used.insert((from.to_string(), to));
            }
        }
    }
    for (from, to, why) in ALLOWED_EDGES {
        if !used.contains(&(from.to_string(), to.to_string())) {
            offences.push(format!(
                "  stale: {from} -> {to} ({why}) is used nowhere; remove it"
            ));
        }
    }
    fail_on(
        "Feature edges not in ALLOWED_EDGES, or stale entries",
        &offences,
        HOW_TO_FIX,
    );
}

#[test]
fn infrastructure_uses_no_feature() {
    let mut offences = Vec::new();
    for (path, source) in sources() {
        let root = COMPOSITION_ROOTS.iter().any(|(p, _)| path.starts_with(p));
        if !root && !path.starts_with("features/") {
            let found = references(&path, &source).into_iter();
            offences.extend(found.map(|(line, to)| format!("  src/{path}:{line} -> {to}")));
        }
    }
    let what = "Files outside features/ that use a feature (only COMPOSITION_ROOTS may)";
    fail_on(what, &offences, HOW_TO_FIX);
}

#[test]
fn source_files_stay_small() {
    let (mut offences, mut long) = (Vec::new(), BTreeSet::new());
    for (path, source) in sources() {
        let lines = counted_lines(&source);
        if lines > MAX_LINES && !SIZE_EXCEPTIONS.iter().any(|(p, _)| *p == path) {
            offences.push(format!("  src/{path}: {lines} lines"));
        }
        if lines > MAX_LINES {
            long.insert(path);
        }
    }
    for (path, _) in SIZE_EXCEPTIONS.iter().filter(|(p, _)| !long.contains(*p)) {
        offences.push(format!(
            "  stale: SIZE_EXCEPTIONS lists src/{path}; remove it"
        ));
    }
    let what = format!("Files over {MAX_LINES} lines, a trailing `#[cfg(test)] mod tests` aside");
    let fix = "Split the file by responsibility, or add it to SIZE_EXCEPTIONS with a reason.";
    fail_on(&what, &offences, fix);
}

#[track_caller]
fn fail_on(what: &str, offences: &[String], fix: &str) {
    assert!(
        offences.is_empty(),
        "{what}:\n{}\n{fix}",
        offences.join("\n")
    );
}

/// The app crate's src/: `ARCH_SRC_DIR` if set (to run this file alone), else the crate's own.
fn src_dir() -> PathBuf {
    match std::env::var("ARCH_SRC_DIR") {
        Ok(dir) => PathBuf::from(dir),
        Err(_) => PathBuf::from(option_env!("CARGO_MANIFEST_DIR").unwrap_or("app")).join("src"),
    }
}

/// Every `.rs` file under src/, as (path relative to src/ with `/` separators, contents).
fn sources() -> Vec<(String, String)> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
        let entries = fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let mut paths: Vec<PathBuf> = entries.map(|e| e.expect("dir entry").path()).collect();
        paths.sort();
        for path in paths {
            if path.is_dir() {
                walk(&path, root, out);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                let rel = path
                    .strip_prefix(root)
                    .expect("under src/")
                    .to_string_lossy();
                let source = fs::read_to_string(&path).expect("readable source");
                out.push((rel.replace('\\', "/"), source));
            }
        }
    }
    let (root, mut out) = (src_dir(), Vec::new());
    walk(&root, &root, &mut out);
    assert!(!out.is_empty(), "no sources under {}", root.display());
    out
}

/// The feature of `features/X/…` is X; files directly in features/ belong to none.
fn feature_of(path: &str) -> Option<&str> {
    path.strip_prefix("features/")?
        .split_once('/')
        .map(|(feature, _)| feature)
}

/// The lines before a `#[cfg(test)]` followed by `mod test…`.
fn counted_lines(source: &str) -> usize {
    let lines: Vec<&str> = source.lines().map(str::trim).collect();
    let next_is_tests = |i: usize| {
        let next = lines[i + 1..].iter().find(|l| !l.is_empty());
        next.is_some_and(|l| l.starts_with("mod test"))
    };
    (0..lines.len())
        .find(|&i| lines[i] == "#[cfg(test)]" && next_is_tests(i))
        .unwrap_or(lines.len())
}

/// The features a file refers to, as (line, feature), or (line, "features") for the features
/// module itself. Paths resolve from the file's module, so `super::super::forum` counts too.
fn references(path_in_src: &str, source: &str) -> Vec<(usize, String)> {
    let tokens = tokenize(&strip_comments_and_literals(source));
    let mut module = module_of(path_in_src);
    let mut inline = Vec::new(); // the brace depth of each open inline `mod name {`
    let (mut depth, mut found, mut i) = (0, BTreeSet::new(), 0);
    while i < tokens.len() {
        match &tokens[i].0 {
            Tok::Open => depth += 1,
            Tok::Close => {
                depth -= 1;
                if inline.last() == Some(&depth) {
                    inline.pop();
                    module.pop();
                }
            }
            Tok::Ident(word) if word == "mod" => {
                if let (Some((Tok::Ident(name), _)), Some((Tok::Open, _))) =
                    (tokens.get(i + 1), tokens.get(i + 2))
                {
                    inline.push(depth);
                    module.push(name.clone());
                    i += 1; // and on to the brace
                }
            }
            Tok::Ident(_) if i == 0 || !matches!(tokens[i - 1].0, Tok::PathSep | Tok::Dot) => {
                let (paths, next) = path_tree(&tokens, i);
                for path in paths.iter().filter(|p| p.len() >= 2) {
                    found.extend(feature_named(&module, path, tokens[i].1));
                }
                i = next.max(i + 1);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    found.into_iter().collect()
}

/// A file's module path: `features/polls/service/mod.rs` is `features::polls::service`.
fn module_of(path_in_src: &str) -> Vec<String> {
    let mut parts: Vec<String> = path_in_src
        .trim_end_matches(".rs")
        .split('/')
        .map(String::from)
        .collect();
    if parts
        .last()
        .is_some_and(|last| ["mod", "lib", "main"].contains(&last.as_str()))
    {
        parts.pop();
    }
    parts
}

/// Resolves `path` from `module`; when it lands in features, the feature it names and its line.
fn feature_named(
    module: &[String],
    path: &[(String, usize)],
    line: usize,
) -> Option<(usize, String)> {
    let mut resolved: Vec<(String, usize)> = match path[0].0.as_str() {
        "crate" | "features" => Vec::new(),
        "self" | "super" => module.iter().map(|m| (m.clone(), line)).collect(),
        _ => return None,
    };
    for (segment, line) in path.iter().skip(usize::from(path[0].0 == "crate")) {
        match segment.as_str() {
            "self" => {}
            "super" => drop(resolved.pop()?),
            _ => resolved.push((segment.clone(), *line)),
        }
    }
    match resolved.as_slice() {
        // The feature and the part of it used (`forum::service`): edges are allowed per part.
        [(first, _), (feature, line), rest @ ..] if first == "features" => {
            let part = rest.first().map(|(p, _)| format!("{feature}::{p}"));
            Some((*line, part.unwrap_or_else(|| feature.clone())))
        }
        [(first, line)] if first == "features" => Some((*line, first.clone())),
        _ => None,
    }
}

type Segments = Vec<(String, usize)>;

/// Every full path of the path or use tree at `i` (braces expanded), and the index after it.
fn path_tree(tokens: &[(Tok, usize)], mut i: usize) -> (Vec<Segments>, usize) {
    let mut prefix = Vec::new();
    while let Some((Tok::Ident(word), line)) = tokens.get(i) {
        prefix.push((word.clone(), *line));
        i += 1;
        if !matches!(tokens.get(i), Some((Tok::PathSep, _))) {
            if matches!(tokens.get(i), Some((Tok::Ident(word), _)) if word == "as") {
                i += 2; // `as alias`: the alias is no path of its own
            }
            return (vec![prefix], i);
        }
        i += 1;
    }
    if !matches!(tokens.get(i), Some((Tok::Open, _))) {
        return (vec![prefix], i);
    }
    let (mut paths, mut i) = (Vec::new(), i + 1);
    while let Some((token, _)) = tokens.get(i) {
        match token {
            Tok::Close => return (paths, i + 1),
            Tok::Ident(_) | Tok::Open => {
                let (subtrees, next) = path_tree(tokens, i);
                paths.extend(
                    subtrees
                        .into_iter()
                        .map(|sub| [prefix.clone(), sub].concat()),
                );
                i = next.max(i + 1);
            }
            _ => i += 1,
        }
    }
    (paths, i)
}

#[derive(Debug, PartialEq)]
enum Tok {
    Ident(String),
    PathSep,
    Dot,
    Open,
    Close,
    Other,
}

/// Identifiers, `::`, `.`, braces and other punctuation (`..` included), with 1-based lines.
fn tokenize(code: &str) -> Vec<(Tok, usize)> {
    let chars: Vec<char> = code.chars().collect();
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let (mut tokens, mut line, mut i) = (Vec::new(), 1, 0);
    while i < chars.len() {
        let (c, next) = (chars[i], chars.get(i + 1).copied());
        let (token, len) = match c {
            c if c.is_whitespace() => {
                line += usize::from(c == '\n');
                i += 1;
                continue;
            }
            c if word(c) => {
                let len = chars[i..].iter().take_while(|&&c| word(c)).count();
                (Tok::Ident(chars[i..i + len].iter().collect()), len)
            }
            ':' if next == Some(':') => (Tok::PathSep, 2),
            '.' if next == Some('.') => (Tok::Other, 2),
            '.' => (Tok::Dot, 1),
            '{' => (Tok::Open, 1),
            '}' => (Tok::Close, 1),
            _ => (Tok::Other, 1),
        };
        tokens.push((token, line));
        i += len;
    }
    tokens
}

/// The source with comments, strings and char literals blanked out, its lines kept.
fn strip_comments_and_literals(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let (mut out, mut i) = (String::with_capacity(source.len()), 0);
    while i < chars.len() {
        match literal_end(&chars, i) {
            Some(end) => {
                let end = end.min(chars.len());
                out.push(' ');
                out.extend(chars[i..end].iter().filter(|&&c| c == '\n'));
                i = end;
            }
            None => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    out
}

/// Where the comment or literal starting at `i` ends, if one does (a lifetime is none).
fn literal_end(chars: &[char], i: usize) -> Option<usize> {
    let at = |j: usize| chars.get(j).copied().unwrap_or('\0');
    let after = |from: usize, what: &[char]| {
        let found = (from..chars.len()).find(|&j| chars[j..].starts_with(what));
        found.map_or(chars.len(), |j| j + what.len())
    };
    match (at(i), at(i + 1)) {
        ('/', '/') => Some(after(i, &['\n'])),
        ('/', '*') => {
            let (mut j, mut open) = (i + 2, 1);
            while j < chars.len() && open > 0 {
                match (chars[j], at(j + 1)) {
                    ('/', '*') => (open, j) = (open + 1, j + 2),
                    ('*', '/') => (open, j) = (open - 1, j + 2),
                    _ => j += 1,
                }
            }
            Some(j)
        }
        ('"', _) => {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                j += 1 + usize::from(chars[j] == '\\');
            }
            Some(j + 1)
        }
        ('\'', '\\') => Some(after(i + 3, &['\''])),
        ('\'', c) if c != '\n' && at(i + 2) == '\'' => Some(i + 3),
        ('r' | 'b' | 'c', _) if i == 0 || !(at(i - 1).is_alphanumeric() || at(i - 1) == '_') => {
            let r = i + usize::from(at(i) != 'r'); // `br"…"` and `cr"…"` too
            let hashes = chars.iter().skip(r + 1).take_while(|&&c| c == '#').count();
            if at(r) != 'r' || at(r + 1 + hashes) != '"' {
                return None;
            }
            let closing: Vec<char> = std::iter::once('"').chain(vec!['#'; hashes]).collect();
            Some(after(r + 2 + hashes, &closing))
        }
        _ => None,
    }
}

mod checker {
    use super::{counted_lines, module_of, references};

    fn check(path: &str, source: &str, expected: &[(usize, &str)]) {
        let found = references(path, source);
        let found: Vec<(usize, &str)> = found.iter().map(|(l, f)| (*l, f.as_str())).collect();
        assert_eq!(found, expected, "references in {path}");
    }

    #[test]
    fn a_use_of_another_feature_is_a_reference() {
        let source = "use crate::features::forum::service::now;";
        check(
            "features/polls/service/mod.rs",
            source,
            &[(1, "forum::service")],
        );
    }

    #[test]
    fn a_bare_use_of_a_feature_names_no_part_so_no_edge_allows_it() {
        let source = "use crate::features::forum;";
        check("features/polls/service/mod.rs", source, &[(1, "forum")]);
        assert!(!super::ALLOWED_EDGES
            .iter()
            .any(|(from, to, _)| *from == "polls" && *to == "forum"));
    }

    #[test]
    fn nested_braces_yield_every_feature() {
        let source = "use crate::{
            features::{forum::x as y, polls},
            ui::Foo,
        };
        use crate::features::{groups as g, wiki::{self, z}};";
        let expected = [
            (2, "forum::x"),
            (2, "polls"),
            (5, "groups"),
            (5, "wiki"),
            (5, "wiki::z"),
        ];
        check("features/home/pages.rs", source, &expected);
    }

    #[test]
    fn fully_qualified_paths_in_code_count() {
        let source = "fn f() {\n    crate::features::polls::service::follow_threads(x);\n}";
        check(
            "features/forum/api/mod.rs",
            source,
            &[(2, "polls::service")],
        );
    }

    #[test]
    fn comments_strings_and_chars_do_not_count() {
        let source = r###"// crate::features::forum::x
            /* crate::features::wiki /* nested */ crate::features::wiki */
            /// crate::features::groups
            fn f<'a>(s: &'a str) -> char {
                let _ = ("crate::features::polls \" features::x", '"', '\'', b'{');
                let _ = r#"crate::features::"themes"#;
                let _ = br"crate::features::home";
            }
            use crate::features::surveys::x;"###;
        check("features/forum/mod.rs", source, &[(9, "surveys::x")]);
    }

    #[test]
    fn super_is_resolved_from_the_file_module() {
        let source = "use super::super::forum::x;\nuse super::types::Poll;";
        check(
            "features/polls/service/mod.rs",
            source,
            &[(1, "forum::x"), (2, "polls::types")],
        );
        let source = "use super::{super::super::forum, super::types};";
        check(
            "features/polls/service/votes.rs",
            source,
            &[(1, "forum"), (1, "polls::types")],
        );
    }

    #[test]
    fn inline_modules_shift_super() {
        let source =
            "mod tests {\n    use super::super::super::wiki;\n}\nuse super::super::groups;";
        check(
            "features/polls/service.rs",
            source,
            &[(2, "wiki"), (4, "groups")],
        );
    }

    #[test]
    fn infrastructure_sees_the_features_module_itself() {
        let source = "use crate::features;\nuse crate::error::AppError;";
        check("server/state.rs", source, &[(1, "features")]);
        let source = "let x = self.features; features.len(); pub(super) fn f() {}";
        check("server/state.rs", source, &[]);
    }

    #[test]
    fn module_paths_and_test_modules() {
        assert_eq!(
            module_of("features/polls/service/mod.rs"),
            ["features", "polls", "service"]
        );
        assert!(module_of("lib.rs").is_empty());
        assert_eq!(counted_lines("a\nb\n\n#[cfg(test)]\n\nmod tests {\n}\n"), 3);
        assert_eq!(counted_lines("a\n#[cfg(test)]\nfn helper() {}\nb\n"), 4);
    }
}
