//! UI building blocks every page uses: the page title, error messages, form fields and the
//! notice after an accepted form. They import no feature.

mod error;
mod field;
mod form;
mod island;
mod title;

pub use error::ErrorMessage;
pub use field::{FieldErrorText, action_errors, described_by, field_message, invalid_attr};
pub use form::{Choice, EnhancedForm, Field, FieldKind, FormSpec};
pub use island::{HydrationMark, current_locale, provide_locale};
pub use title::PageTitle;
