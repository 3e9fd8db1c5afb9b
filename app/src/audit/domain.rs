use serde::{Deserialize, Serialize};
use time::Date;

use crate::core::error::FieldErrors;
use crate::core::parse::{Input, parse_optional_date};

/// One audit row as the admin page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    /// When, in Oslo time, formatted on the server.
    pub at: String,
    /// The acting user's current name (an anonymised user's replacement name); None for the
    /// system or an anonymous visitor.
    pub actor: Option<String>,
    /// No user acted: true for the server itself (command line, seed), false for an
    /// anonymous visitor (e.g. a failed sign-in).
    pub by_system: bool,
    pub action: String,
    pub object_type: String,
    pub object_id: Option<String>,
    /// The recorded details as JSON text.
    pub details: String,
}

/// What the audit page filters on. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// Part of the acting user's name or e-mail.
    pub actor: String,
    /// An action or the start of one (`user.` matches every user action).
    pub action: String,
    /// Object type, e.g. `user` or `service_site`.
    pub object_type: String,
    pub object_id: String,
    /// First and last day (Oslo time), both included.
    pub from: Option<Date>,
    pub to: Option<Date>,
}

/// A filter the service was handed ready-made (tests, other services).
impl Input for &AuditFilter {
    type Parsed = AuditFilter;
    fn parse(self) -> Result<AuditFilter, FieldErrors> {
        Ok(self.clone())
    }
}

/// The filter form as typed (a GET form: the URL's query); a malformed date is refused beside
/// its field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditQuery {
    pub actor: String,
    pub action: String,
    pub object_type: String,
    pub object_id: String,
    pub from: String,
    pub to: String,
}

impl Input for AuditQuery {
    type Parsed = AuditFilter;
    fn parse(self) -> Result<AuditFilter, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut date = |raw: &str, field: &str| {
            parse_optional_date(raw)
                .map_err(|e| errors.insert(field.to_owned(), e))
                .ok()
                .flatten()
        };
        let from = date(&self.from, "from");
        let to = date(&self.to, "to");
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(AuditFilter {
            actor: self.actor,
            action: self.action,
            object_type: self.object_type,
            object_id: self.object_id,
            from,
            to,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::error::FieldError;

    #[test]
    fn a_malformed_date_is_refused_beside_its_field() {
        let query = AuditQuery {
            from: "i går".into(),
            to: "2026-13-01".into(),
            ..AuditQuery::default()
        };
        let errors = query.parse().unwrap_err();
        assert_eq!(errors.get("from"), Some(&FieldError::InvalidDate));
        assert_eq!(errors.get("to"), Some(&FieldError::InvalidDate));
        let ok = AuditQuery {
            from: "2026-11-01".into(),
            ..AuditQuery::default()
        };
        assert!(ok.parse().unwrap().from.is_some());
    }
}
