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

/// A form posted without JavaScript that the server refused: the server function's path, its
/// refusal as Leptos encodes it in a URL (`__err`), and what was typed, so the page the browser
/// is sent back to shows the messages beside the fields with the input kept (issue 10). Kept
/// in the session for one page view instead of in the URL; passwords are never kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusedPost {
    pub path: String,
    pub error: String,
    pub values: Vec<(String, String)>,
}

/// Most text a refused post keeps (a CSV import's text can be this long; more is dropped).
pub const MAX_KEPT_BYTES: usize = 256 * 1024;

impl RefusedPost {
    /// Whether a field's value may be kept: never a password, nor Leptos's own markers.
    pub fn keeps(name: &str) -> bool {
        !name.contains("password") && !name.starts_with("__")
    }

    /// The kept values of a form body's fields, in order; none at all when they are more than
    /// [`MAX_KEPT_BYTES`].
    pub fn kept_values(
        fields: impl IntoIterator<Item = (String, String)>,
    ) -> Vec<(String, String)> {
        let values: Vec<(String, String)> = fields
            .into_iter()
            .filter(|(name, _)| Self::keeps(name))
            .collect();
        let size: usize = values.iter().map(|(n, v)| n.len() + v.len()).sum();
        if size > MAX_KEPT_BYTES {
            Vec::new()
        } else {
            values
        }
    }

    /// What was typed into `name`, if it was kept.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
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

    #[test]
    fn a_refused_post_keeps_what_was_typed_but_never_a_password() {
        let values = RefusedPost::kept_values([
            ("email".to_owned(), "ola@example.no".to_owned()),
            ("password".to_owned(), "hemmelig".to_owned()),
            ("new_password".to_owned(), "hemmelig".to_owned()),
            ("__path".to_owned(), "/x".to_owned()),
        ]);
        let post = RefusedPost {
            path: "/api/sign_in".into(),
            error: String::new(),
            values,
        };
        assert_eq!(post.value("email"), Some("ola@example.no"));
        assert_eq!(post.value("password"), None);
        assert_eq!(post.value("new_password"), None);
        assert_eq!(post.values.len(), 1);
    }

    #[test]
    fn a_refused_post_too_large_to_keep_keeps_nothing() {
        let big = "x".repeat(MAX_KEPT_BYTES + 1);
        assert!(RefusedPost::kept_values([("csv".to_owned(), big)]).is_empty());
    }
}
