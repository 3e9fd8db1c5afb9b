//! Reading and writing the CSV files of imports and exports (DESIGN §3): the file as rows of
//! named cells, names of sectors and sites for matching, and the written file.

use std::collections::HashMap;

use sea_orm::{ConnectionTrait, EntityTrait};

use crate::core::error::{AppError, FieldError, FieldErrors, RowProblem};
use crate::core::import::{MAX_IMPORT_BYTES, detect_delimiter, file_problem};
use crate::entities::{sector, service_site};

/// A read CSV file: each data row with its line number, its cells by column name.
pub struct Rows(pub Vec<(u64, HashMap<String, String>)>);

impl Rows {
    /// Reads `text`, requiring the `required` columns (header names are case-insensitive).
    pub fn read(text: &str, required: &[&str]) -> Result<Self, AppError> {
        if text.len() > MAX_IMPORT_BYTES {
            return Err(AppError::rejected(vec![RowProblem {
                line: 0,
                field: "file".into(),
                error: FieldError::TooLong,
            }]));
        }
        let text = text.trim_start_matches('\u{feff}');
        // A browser posts a text area's lines ended by CRLF; the CSV reader counts a line at
        // each LF that ends a record, so with CRLF it numbered the first data row 1, not 2.
        let text = text.replace("\r\n", "\n");
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(detect_delimiter(&text))
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let headers: Vec<String> = reader
            .headers()
            .map_err(|_| AppError::rejected(vec![file_problem(1)]))?
            .iter()
            .map(str::to_lowercase)
            .collect();
        let missing: Vec<RowProblem> = required
            .iter()
            .filter(|c| !headers.iter().any(|h| h == *c))
            .map(|c| RowProblem {
                line: 1,
                field: (*c).to_owned(),
                error: FieldError::InvalidCsv,
            })
            .collect();
        if !missing.is_empty() {
            return Err(AppError::rejected(missing));
        }
        let mut rows = Vec::new();
        let mut problems = Vec::new();
        for record in reader.records() {
            match record {
                Ok(record) => {
                    let line = record.position().map_or(0, |p| p.line());
                    if record.iter().all(str::is_empty) {
                        continue;
                    }
                    let cells = headers
                        .iter()
                        .cloned()
                        .zip(record.iter().map(str::to_owned))
                        .collect();
                    rows.push((line, cells));
                }
                Err(err) => {
                    let line = err.position().map_or(0, |p| p.line());
                    problems.push(file_problem(line));
                }
            }
        }
        if problems.is_empty() {
            Ok(Self(rows))
        } else {
            Err(AppError::rejected(problems))
        }
    }
}

/// (id, name) of every sector.
pub async fn sector_names(db: &impl ConnectionTrait) -> Result<Vec<(i32, String)>, AppError> {
    Ok(sector::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect())
}

/// (id, name) of every service site.
pub async fn site_names(db: &impl ConnectionTrait) -> Result<Vec<(i32, String)>, AppError> {
    Ok(service_site::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect())
}

/// Name key (`core::parse::name_key`: case and spaces aside) → id, for matching the names
/// typed in a file.
pub fn by_name(names: &[(i32, String)]) -> HashMap<String, i32> {
    names
        .iter()
        .map(|(id, name)| (crate::core::parse::name_key(name), *id))
        .collect()
}

/// The text of `column` in a row, as it was before [`write_csv`] made it safe for a
/// spreadsheet (export → import round-trips).
pub fn cell<'a>(cells: &'a HashMap<String, String>, column: &str) -> &'a str {
    from_spreadsheet_cell(cells.get(column).map_or("", String::as_str))
}

/// Whether a spreadsheet would read a cell as a formula (OWASP, "CSV injection"): it starts
/// with `=`, `+`, `-`, `@`, a tab or a carriage return — or it is such a cell already quoted,
/// so that quoting stays reversible.
fn reads_as_formula(text: &str) -> bool {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => true,
        Some('\'') => reads_as_formula(&text[1..]),
        _ => false,
    }
}

/// A cell as it is written: a leading `'` makes a spreadsheet show a would-be formula as text
/// (issue 11: anyone could name themselves `=HYPERLINK(…)` in the admin's export).
pub fn to_spreadsheet_cell(text: &str) -> std::borrow::Cow<'_, str> {
    if reads_as_formula(text) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The inverse of [`to_spreadsheet_cell`].
pub fn from_spreadsheet_cell(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if reads_as_formula(rest) => rest,
        _ => text,
    }
}

pub fn row_problems(line: u64, errors: FieldErrors, rename: &[(&str, &str)]) -> Vec<RowProblem> {
    errors
        .into_iter()
        .map(|(field, error)| {
            let field = rename
                .iter()
                .find(|(from, _)| field.starts_with(from))
                .map_or(field.clone(), |(_, to)| (*to).to_owned());
            RowProblem { line, field, error }
        })
        .collect()
}

/// Writes a CSV text: the header, then the rows.
pub fn write_csv(header: &[&str], rows: Vec<Vec<String>>) -> Result<String, AppError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let internal = |e: csv::Error| {
        tracing::error!(error = %e, "csv export failed");
        AppError::Internal
    };
    writer.write_record(header).map_err(internal)?;
    for row in rows {
        writer
            .write_record(row.iter().map(|c| to_spreadsheet_cell(c).into_owned()))
            .map_err(internal)?;
    }
    let bytes = writer.into_inner().map_err(|e| {
        tracing::error!(error = %e, "csv export failed");
        AppError::Internal
    })?;
    String::from_utf8(bytes).map_err(|_| AppError::Internal)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn rows_are_numbered_by_their_line_in_the_file_whatever_ends_the_lines() {
        for text in ["name;sector\nA;X\nB;Y\n", "name;sector\r\nA;X\r\nB;Y\r\n"] {
            let Ok(rows) = Rows::read(text, &["name", "sector"]) else {
                panic!("{text:?} is read");
            };
            let lines: Vec<u64> = rows.0.iter().map(|(line, _)| *line).collect();
            assert_eq!(lines, [2, 3], "{text:?}");
        }
    }

    #[test]
    fn would_be_formulas_are_written_as_text() {
        for (raw, written) in [
            (
                "=HYPERLINK(\"https://evil.example\",\"Klikk\")",
                "'=HYPERLINK(\"https://evil.example\",\"Klikk\")",
            ),
            ("+47 900 00 000", "'+47 900 00 000"),
            ("-1+1", "'-1+1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("'=1", "''=1"),
            ("Kari Nordmann", "Kari Nordmann"),
            ("O'Brien", "O'Brien"),
            ("'sitat'", "'sitat'"),
            ("", ""),
        ] {
            assert_eq!(to_spreadsheet_cell(raw), written, "{raw:?}");
            assert_eq!(from_spreadsheet_cell(written), raw, "{raw:?}");
        }
    }

    #[test]
    fn an_exported_file_holds_no_formula() {
        let text = write_csv(&["name"], vec![vec!["=1+1".into()], vec!["Kari".into()]]).unwrap();
        assert_eq!(text, "name\n'=1+1\nKari\n");
    }

    proptest! {
        #[test]
        fn quoting_round_trips_and_never_starts_a_formula(text in "['=+@\t\r-]{0,3}.{0,8}") {
            let written = to_spreadsheet_cell(&text);
            prop_assert_eq!(from_spreadsheet_cell(&written), text.as_str());
            prop_assert!(!matches!(written.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r')));
        }
    }
}
