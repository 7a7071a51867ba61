//! Three-way merge (diff3) of a page's text, line by line: `base` is the revision an editor
//! started from, `mine` what they saved, `theirs` what someone else saved in between. Lines
//! changed on one side only are taken from that side; the same change on both sides is taken
//! once; different changes to the same lines (or one side deleting what the other edited) are
//! a conflict, given back with both versions so that a person resolves it.
use std::time::{Duration, Instant};

use similar::{capture_diff_slices_deadline, Algorithm, DiffOp};

/// The longest one side's line matching may take: past it the diff is coarser (more of the
/// text is a conflict for a person to resolve) but the save never holds the writer for long.
const DIFF_DEADLINE: Duration = Duration::from_millis(300);

/// A stretch of the merged text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chunk {
    /// Lines both sides agree on (or that only one side changed).
    Clean(Vec<String>),
    /// Lines the two sides changed differently.
    Conflict {
        base: Vec<String>,
        mine: Vec<String>,
        theirs: Vec<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merge {
    pub chunks: Vec<Chunk>,
}

/// Marks put around conflicts in the text offered for resolving; a text still holding them is
/// not saved.
pub const MARK_MINE: &str = "<<<<<<< ";
pub const MARK_SPLIT: &str = "=======";
pub const MARK_THEIRS: &str = ">>>>>>> ";

impl Merge {
    pub fn is_clean(&self) -> bool {
        self.chunks.iter().all(|c| matches!(c, Chunk::Clean(_)))
    }

    pub fn conflicts(&self) -> usize {
        self.chunks
            .iter()
            .filter(|c| matches!(c, Chunk::Conflict { .. }))
            .count()
    }

    /// The merged text when there is no conflict.
    pub fn text(&self) -> Option<String> {
        self.is_clean().then(|| {
            self.chunks
                .iter()
                .flat_map(|c| match c {
                    Chunk::Clean(lines) => lines.clone(),
                    Chunk::Conflict { .. } => Vec::new(),
                })
                .collect()
        })
    }

    /// The merged text with each conflict written out as both versions between marks, labelled
    /// `mine_label` and `theirs_label`.
    pub fn text_with_marks(&self, mine_label: &str, theirs_label: &str) -> String {
        let mut out = String::new();
        for chunk in &self.chunks {
            match chunk {
                Chunk::Clean(lines) => lines.iter().for_each(|l| out.push_str(l)),
                Chunk::Conflict { mine, theirs, .. } => {
                    out.push_str(&format!("{MARK_MINE}{mine_label}\n"));
                    mine.iter().for_each(|l| out.push_str(l));
                    out.push_str(MARK_SPLIT);
                    out.push('\n');
                    theirs.iter().for_each(|l| out.push_str(l));
                    out.push_str(&format!("{MARK_THEIRS}{theirs_label}\n"));
                }
            }
        }
        out
    }
}

/// Whether a text still holds conflict marks: a `<<<<<<<` line, then `=======`, then a
/// `>>>>>>>` line (a lone `=======` is a Markdown heading underline, not a mark).
pub fn has_marks(text: &str) -> bool {
    let mut stage = 0;
    for line in text.lines() {
        stage = match stage {
            0 if line.starts_with(MARK_MINE.trim_end()) => 1,
            1 if line == MARK_SPLIT => 2,
            2 if line.starts_with(MARK_THEIRS.trim_end()) => return true,
            other => other,
        };
    }
    false
}

fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// For each line of `base`, the line of `other` it is kept as, if it is kept.
fn matches(base: &[&str], other: &[&str]) -> Vec<Option<usize>> {
    let mut found = vec![None; base.len()];
    let deadline = Some(Instant::now() + DIFF_DEADLINE);
    for op in capture_diff_slices_deadline(Algorithm::Myers, base, other, deadline) {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            for n in 0..len {
                found[old_index + n] = Some(new_index + n);
            }
        }
    }
    found
}

/// Merges `mine` and `theirs`, both made from `base` (texts normalised by the caller).
pub fn merge(base: &str, mine: &str, theirs: &str) -> Merge {
    let (b, m, t) = (lines(base), lines(mine), lines(theirs));
    let (in_mine, in_theirs) = (matches(&b, &m), matches(&b, &t));
    let mut chunks: Vec<Chunk> = Vec::new();
    let (mut i, mut j, mut k) = (0usize, 0usize, 0usize);
    loop {
        // The next base line both sides kept: everything before it is one chunk.
        let stable = (i..b.len()).find_map(|n| match (in_mine[n], in_theirs[n]) {
            (Some(jm), Some(kt)) if jm >= j && kt >= k => Some((n, jm, kt)),
            _ => None,
        });
        let (n, jm, kt) = stable.unwrap_or((b.len(), m.len(), t.len()));
        if n == i && jm == j && kt == k {
            if n == b.len() {
                break;
            }
            push_clean(&mut chunks, &[b[n]]);
            (i, j, k) = (n + 1, jm + 1, kt + 1);
            continue;
        }
        let (base_part, mine_part, theirs_part) = (&b[i..n], &m[j..jm], &t[k..kt]);
        if mine_part == base_part {
            push_clean(&mut chunks, theirs_part);
        } else if theirs_part == base_part || mine_part == theirs_part {
            push_clean(&mut chunks, mine_part);
        } else {
            chunks.push(Chunk::Conflict {
                base: owned(base_part),
                mine: owned(mine_part),
                theirs: owned(theirs_part),
            });
        }
        (i, j, k) = (n, jm, kt);
    }
    Merge { chunks }
}

fn owned(lines: &[&str]) -> Vec<String> {
    lines.iter().map(|l| (*l).to_owned()).collect()
}

fn push_clean(chunks: &mut Vec<Chunk>, lines: &[&str]) {
    if lines.is_empty() {
        return;
    }
    if let Some(Chunk::Clean(last)) = chunks.last_mut() {
        last.extend(owned(lines));
    } else {
        chunks.push(Chunk::Clean(owned(lines)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "# Guida\nPrimo paragrafo.\n\nSecondo paragrafo.\n\nTerzo paragrafo.\n";

    #[test]
    fn edits_to_different_parts_merge_cleanly() {
        let mine = BASE.replace("Primo paragrafo.", "Primo paragrafo, corretto.");
        let theirs = BASE.replace("Terzo paragrafo.", "Terzo paragrafo, ampliato.");
        let merged = merge(BASE, &mine, &theirs);
        assert!(merged.is_clean());
        assert_eq!(
            merged.text().unwrap(),
            "# Guida\nPrimo paragrafo, corretto.\n\nSecondo paragrafo.\n\nTerzo paragrafo, ampliato.\n"
        );
    }

    #[test]
    fn additions_at_both_ends_merge_cleanly() {
        let mine = format!("Premessa.\n{BASE}");
        let theirs = format!("{BASE}Nota finale.\n");
        assert_eq!(
            merge(BASE, &mine, &theirs).text().unwrap(),
            format!("Premessa.\n{BASE}Nota finale.\n")
        );
    }

    #[test]
    fn the_same_change_on_both_sides_is_taken_once() {
        let both = BASE.replace("Secondo", "Il secondo");
        assert_eq!(merge(BASE, &both, &both).text().unwrap(), both);
    }

    #[test]
    fn different_changes_to_the_same_line_conflict() {
        let mine = BASE.replace("Secondo paragrafo.", "Secondo paragrafo (mio).");
        let theirs = BASE.replace("Secondo paragrafo.", "Secondo paragrafo (loro).");
        let merged = merge(BASE, &mine, &theirs);
        assert!(!merged.is_clean());
        assert_eq!(merged.conflicts(), 1);
        assert_eq!(merged.text(), None);
        assert!(merged.chunks.contains(&Chunk::Conflict {
            base: vec!["Secondo paragrafo.\n".into()],
            mine: vec!["Secondo paragrafo (mio).\n".into()],
            theirs: vec!["Secondo paragrafo (loro).\n".into()],
        }));
        let marked = merged.text_with_marks("la tua versione", "revisione 4");
        assert!(marked.contains(
            "<<<<<<< la tua versione\nSecondo paragrafo (mio).\n=======\nSecondo paragrafo (loro).\n>>>>>>> revisione 4\n"
        ));
        assert!(marked.starts_with("# Guida\nPrimo paragrafo.\n"));
        assert!(marked.ends_with("Terzo paragrafo.\n"));
        assert!(has_marks(&marked));
        assert!(!has_marks(BASE));
        assert!(!has_marks("Titolo\n=======\n\nTesto.\n"));
    }

    #[test]
    fn deleting_what_the_other_side_edited_conflicts() {
        let mine = BASE.replace("Secondo paragrafo.\n\n", "");
        let theirs = BASE.replace("Secondo paragrafo.", "Secondo paragrafo, riscritto.");
        let merged = merge(BASE, &mine, &theirs);
        assert_eq!(merged.conflicts(), 1);
        let Some(Chunk::Conflict { mine, theirs, .. }) = merged
            .chunks
            .iter()
            .find(|c| matches!(c, Chunk::Conflict { .. }))
        else {
            unreachable!()
        };
        assert!(mine.iter().all(|l| !l.contains("Secondo")));
        assert!(theirs.iter().any(|l| l.contains("riscritto")));
    }

    #[test]
    fn deleting_on_one_side_only_is_taken() {
        let mine = BASE.replace("Terzo paragrafo.\n", "");
        assert_eq!(merge(BASE, &mine, BASE).text().unwrap(), mine);
        assert_eq!(merge(BASE, BASE, &mine).text().unwrap(), mine);
    }

    #[test]
    fn nothing_changed_gives_the_base_back() {
        assert_eq!(merge(BASE, BASE, BASE).text().unwrap(), BASE);
        assert_eq!(merge("", "", "").text().unwrap(), "");
        assert_eq!(merge("", "a\n", "").text().unwrap(), "a\n");
    }
}
