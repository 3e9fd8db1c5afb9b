//! What an accepted form leaves for the page the browser is sent to next (post/redirect/get):
//! a one-time notice for one form. The same answer serves a form posted without JavaScript
//! and one sent by an island, so both see the same page after a success.

use serde::{Deserialize, Serialize};

use crate::core::import::ImportReport;

/// The outcome to show once, beside the form that caused it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Notice {
    /// Saved, created or changed: the form says what in its own words.
    Done,
    /// A new API token's secret, shown once (it is stored only as a hash).
    TokenCreated(String),
    /// What a CSV import did.
    Imported(ImportReport),
}

/// A [`Notice`] addressed to one form of the next page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flash {
    pub form: String,
    pub notice: Notice,
}

impl Flash {
    /// The notice if it is for `form`.
    pub fn for_form(flash: &Option<Flash>, form: &str) -> Option<Notice> {
        flash
            .as_ref()
            .filter(|f| f.form == form)
            .map(|f| f.notice.clone())
    }

    /// What the import posted by `form` did, if the flash is its notice.
    pub fn imported_for(flash: &Option<Flash>, form: &str) -> Option<ImportReport> {
        match Self::for_form(flash, form) {
            Some(Notice::Imported(report)) => Some(report),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flash_reaches_only_its_own_form() {
        let flash = Some(Flash {
            form: "new-site".into(),
            notice: Notice::Done,
        });
        assert_eq!(Flash::for_form(&flash, "new-site"), Some(Notice::Done));
        assert_eq!(Flash::for_form(&flash, "new-sector"), None);
        assert_eq!(Flash::for_form(&None, "new-site"), None);
        assert_eq!(Flash::imported_for(&flash, "new-site"), None);
        let report = ImportReport {
            created: 1,
            updated: 2,
        };
        let imported = Some(Flash {
            form: "csv".into(),
            notice: Notice::Imported(report),
        });
        assert_eq!(Flash::imported_for(&imported, "csv"), Some(report));
    }
}
