//! UI building blocks every page uses: the page title, error messages, form fields and the
//! notice after an accepted form. They import no feature.

mod error;
mod field;
mod import;
mod island;
mod title;

pub use error::ErrorMessage;
pub use field::{
    FieldErrorText, SelectField, SelectOption, SuccessNotice, TextField, action_errors,
    described_by, field_message, invalid_attr, notice_until_resent,
};
pub use import::ImportFields;
pub use island::{HydrationMark, provide_locale};
pub use title::PageTitle;
