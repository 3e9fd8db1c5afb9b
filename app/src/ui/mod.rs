//! UI building blocks every page uses: the page title, error messages, form fields and the
//! notice after an accepted form. They import no feature.

mod error;
mod field;
mod import;
mod title;

pub use error::ErrorMessage;
pub use field::{
    FieldErrorText, SelectField, SelectOption, SuccessNotice, TextField, action_errors,
    action_succeeded, described_by, field_message, invalid_attr,
};
pub use import::ImportFields;
pub use title::PageTitle;
