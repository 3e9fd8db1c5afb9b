//! What other features may change in the portfolio (issue 25, STYLE "Features side by
//! side"): through the portfolio's own service and rules, never its tables. The fund's
//! decision records each grant as its project's funding.

pub use crate::portfolio::service::grants::{Grant, record_grant};
