//! CSV imports, the parts every importing feature shares: the report, the size limit, the
//! delimiter, a problem with the file as a whole. An import checks every row first and writes
//! nothing when any row is bad; the report lists each bad row and why.

use serde::{Deserialize, Serialize};

use crate::core::error::{FieldError, RowProblem};

/// Largest accepted import file.
pub const MAX_IMPORT_BYTES: usize = 1024 * 1024;

/// What an accepted import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub created: usize,
    pub updated: usize,
}

/// The delimiter of a CSV text: `;` when the header uses it (Excel's choice in Norway), else
/// `,`.
pub fn detect_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    if header.contains(';') && !header.contains(',') {
        b';'
    } else {
        b','
    }
}

/// A problem with the file as a whole (unreadable, a column missing).
pub fn file_problem(line: u64) -> RowProblem {
    RowProblem {
        line,
        field: "file".to_owned(),
        error: FieldError::InvalidCsv,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolon_files_are_recognised() {
        assert_eq!(detect_delimiter("name;sector;active_from\n"), b';');
        assert_eq!(detect_delimiter("name,sector,active_from\n"), b',');
        assert_eq!(detect_delimiter(""), b',');
    }
}
