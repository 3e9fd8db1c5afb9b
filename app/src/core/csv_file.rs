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
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(detect_delimiter(text))
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

/// Lower-cased name → id, for matching the names typed in a file.
pub fn by_name(names: &[(i32, String)]) -> HashMap<String, i32> {
    names
        .iter()
        .map(|(id, name)| (name.to_lowercase(), *id))
        .collect()
}

pub fn cell<'a>(cells: &'a HashMap<String, String>, column: &str) -> &'a str {
    cells.get(column).map_or("", String::as_str)
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
        writer.write_record(&row).map_err(internal)?;
    }
    let bytes = writer.into_inner().map_err(|e| {
        tracing::error!(error = %e, "csv export failed");
        AppError::Internal
    })?;
    String::from_utf8(bytes).map_err(|_| AppError::Internal)
}
