//! CSV files that open right in spreadsheet programs: UTF-8 with a byte-order mark (accents
//! read right), the separator the person's spreadsheet expects (`;` where the decimal comma is
//! used, as in Italy; `,` in English), and no cell that a spreadsheet would run as a formula.
use crate::{error::AppError, i18n::Locale};

/// The list separator spreadsheet programs use by default in the locale.
pub fn separator(locale: Locale) -> u8 {
    match locale {
        Locale::It => b';',
        Locale::En => b',',
    }
}

/// A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets an apostrophe in
/// front, so the spreadsheet shows it as text instead of computing it (OWASP "CSV injection").
pub fn safe(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// The file's bytes: the byte-order mark, then the rows with every cell made safe.
pub fn csv(rows: &[Vec<String>], locale: Locale) -> Result<Vec<u8>, AppError> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(separator(locale))
        .from_writer("\u{feff}".as_bytes().to_vec());
    for row in rows {
        writer
            .write_record(row.iter().map(|cell| safe(cell)))
            .map_err(|_| AppError::Internal)?;
    }
    writer.into_inner().map_err(|_| AppError::Internal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text_and_quotes_and_newlines_stay_in_their_cell() {
        let rows = vec![
            vec!["=1+1".to_owned(), "a \"b\"; c".to_owned()],
            vec!["-2".to_owned(), "line\nnext".to_owned()],
        ];
        let bytes = csv(&rows, Locale::It).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with('\u{feff}'));
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .has_headers(false)
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let read: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect();
        assert_eq!(read[0], vec!["'=1+1", "a \"b\"; c"]);
        assert_eq!(read[1], vec!["'-2", "line\nnext"]);
    }

    #[test]
    fn english_uses_commas() {
        let bytes = csv(&[vec!["a".into(), "b".into()]], Locale::En).unwrap();
        assert_eq!(String::from_utf8(bytes).unwrap(), "\u{feff}a,b\n");
    }
}
