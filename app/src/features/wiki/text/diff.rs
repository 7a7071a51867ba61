//! The difference between two revisions, as rows both views draw: inline (one column, removed
//! and added lines one under the other) and side by side. Lines are compared first; within a
//! changed line, the words that changed are marked. Long unchanged stretches are folded, keeping
//! three lines of context around each change.
use std::time::{Duration, Instant};

use similar::{Algorithm, ChangeTag, TextDiff};

use crate::features::wiki::types::{DiffLine, DiffRow, DiffSegment, DiffView};

/// Lines of context kept around a change.
const CONTEXT: usize = 3;
/// Past this, the diff settles for a coarser (still correct) result.
const DEADLINE: Duration = Duration::from_millis(300);

pub fn diff(old: &str, new: &str) -> DiffView {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .deadline(Instant::now() + DEADLINE)
        .diff_lines(old, new);
    let old_lines = diff.old_slices().len();
    let mut rows = Vec::new();
    let (mut added, mut removed) = (0u32, 0u32);
    let mut shown_until = 0usize;
    for group in diff.grouped_ops(CONTEXT) {
        let Some(first) = group.first() else { continue };
        let start = first.old_range().start;
        if start > shown_until {
            rows.push(DiffRow::Skipped((start - shown_until) as u32));
        }
        for op in &group {
            shown_until = op.old_range().end;
            let (mut gone, mut came) = (Vec::new(), Vec::new());
            for change in diff.iter_inline_changes(op) {
                let segments: Vec<DiffSegment> = change
                    .iter_strings_lossy()
                    .map(|(changed, text)| DiffSegment {
                        text: text.trim_end_matches('\n').to_owned(),
                        changed,
                    })
                    .filter(|s| !s.text.is_empty())
                    .collect();
                match change.tag() {
                    ChangeTag::Equal => {
                        flush(&mut rows, &mut gone, &mut came);
                        rows.push(DiffRow::Same {
                            old: change.old_index().map_or(0, |i| i as u32 + 1),
                            new: change.new_index().map_or(0, |i| i as u32 + 1),
                            text: segments.into_iter().map(|s| s.text).collect(),
                        });
                    }
                    ChangeTag::Delete => {
                        removed += 1;
                        gone.push(DiffLine {
                            number: change.old_index().map_or(0, |i| i as u32 + 1),
                            segments,
                        });
                    }
                    ChangeTag::Insert => {
                        added += 1;
                        came.push(DiffLine {
                            number: change.new_index().map_or(0, |i| i as u32 + 1),
                            segments,
                        });
                    }
                }
            }
            flush(&mut rows, &mut gone, &mut came);
        }
    }
    if !rows.is_empty() && shown_until < old_lines {
        rows.push(DiffRow::Skipped((old_lines - shown_until) as u32));
    }
    DiffView {
        rows,
        added,
        removed,
    }
}

/// Pairs removed and added lines into rows (the first removed beside the first added…).
fn flush(rows: &mut Vec<DiffRow>, gone: &mut Vec<DiffLine>, came: &mut Vec<DiffLine>) {
    let count = gone.len().max(came.len());
    let (mut gone_iter, mut came_iter) = (gone.drain(..), came.drain(..));
    for _ in 0..count {
        rows.push(DiffRow::Changed {
            old: gone_iter.next(),
            new: came_iter.next(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(line: &DiffLine) -> Vec<&str> {
        line.segments
            .iter()
            .filter(|s| s.changed)
            .map(|s| s.text.as_str())
            .collect()
    }

    #[test]
    fn a_changed_word_is_marked_within_its_line() {
        let view = diff(
            "Titolo\nL'avviso resta aperto trenta giorni.\nFine\n",
            "Titolo\nL'avviso resta aperto sessanta giorni.\nFine\n",
        );
        assert_eq!((view.added, view.removed), (1, 1));
        let changed: Vec<_> = view
            .rows
            .iter()
            .filter_map(|r| match r {
                DiffRow::Changed { old, new } => Some((old.clone(), new.clone())),
                _ => None,
            })
            .collect();
        assert_eq!(changed.len(), 1);
        let (old, new) = changed[0].clone();
        let (old, new) = (old.unwrap(), new.unwrap());
        assert_eq!((old.number, new.number), (2, 2));
        assert_eq!(marked(&old), vec!["trenta"]);
        assert_eq!(marked(&new), vec!["sessanta"]);
        assert!(view.rows.contains(&DiffRow::Same {
            old: 1,
            new: 1,
            text: "Titolo".into()
        }));
    }

    #[test]
    fn added_and_removed_lines_stand_alone() {
        let view = diff("uno\ndue\ntre\n", "uno\ntre\nquattro\n");
        assert_eq!((view.added, view.removed), (1, 1));
        assert!(view.rows.iter().any(|r| matches!(
            r,
            DiffRow::Changed { old: Some(l), new: None } if l.number == 2
        )));
        assert!(view.rows.iter().any(|r| matches!(
            r,
            DiffRow::Changed { old: None, new: Some(l) } if l.number == 3
        )));
    }

    #[test]
    fn long_unchanged_stretches_are_folded() {
        let old: String = (1..=100).map(|n| format!("riga {n}\n")).collect();
        let new = old.replace("riga 50\n", "riga cinquanta\n");
        let view = diff(&old, &new);
        assert_eq!(view.rows.first(), Some(&DiffRow::Skipped(46)));
        assert_eq!(view.rows.last(), Some(&DiffRow::Skipped(47)));
        assert_eq!(view.rows.len(), 2 + 3 + 1 + 3);
    }

    #[test]
    fn identical_texts_have_no_rows() {
        let view = diff("uguale\n", "uguale\n");
        assert!(view.rows.is_empty());
        assert_eq!((view.added, view.removed), (0, 0));
    }
}
