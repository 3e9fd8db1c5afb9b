//! UI building blocks every page uses, on Digdir's Designsystemet: the page title, alerts,
//! tables, tags, cards, pagination, tabs, error messages and the forms (text fields, selects,
//! checkboxes, validation messages, the error summary). They import no feature.

mod blocks;
mod chart;
mod error;
mod field;
mod form;
mod island;
mod line_chart;
mod route;
mod title;

pub use blocks::{Alert, Card, DataTable, NavLink, Pagination, SuccessNotice, Tabs, Tag, Tone};
pub use chart::{BarChart, Series};
pub use error::ErrorMessage;
pub use field::{FieldErrorText, action_errors, described_by, field_message, invalid_attr};
#[cfg(feature = "ssr")]
pub use form::follows_refused_post;
pub use form::{Choice, EnhancedForm, Field, FieldKind, FormSpec};
pub use island::{current_locale, provide_locale};
pub use line_chart::{LineChart, Point};
pub use route::route_id;
pub use title::PageTitle;
