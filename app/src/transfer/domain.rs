use serde::{Deserialize, Serialize};

use crate::core::error::{FieldError, RowProblem};

/// Columns of the sites file, in export order. Import reads them by name, in any order.
pub const SITE_COLUMNS: [&str; 4] = ["name", "sector", "active_from", "closed_on"];
/// Columns of the users file. `roles` separates roles with `|`; a manager's scope follows a
/// colon: `editor|manager:Oppvekst skole` (a sector's or a site's name).
pub const USER_COLUMNS: [&str; 5] = ["name", "email", "home_site", "language", "roles"];
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

/// One role token of the users file: `editor`, or `manager:Oppvekst skole`.
pub fn split_role_token(token: &str) -> (&str, Option<&str>) {
    match token.split_once(':') {
        Some((role, scope)) => (role.trim(), Some(scope.trim())),
        None => (token.trim(), None),
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

    #[test]
    fn role_tokens_carry_an_optional_scope() {
        assert_eq!(split_role_token(" editor "), ("editor", None));
        assert_eq!(
            split_role_token("manager: Oppvekst skole"),
            ("manager", Some("Oppvekst skole"))
        );
    }
}
