use serde::{Deserialize, Serialize};
use time::Date;

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
