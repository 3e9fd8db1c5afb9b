//! Pages that belong to no single feature.

mod accessibility;
mod error;
mod field;
mod home;
mod not_found;
mod title;

pub use accessibility::AccessibilityPage;
pub use error::{ErrorMessage, ErrorPage, Forbidden};
pub use field::{
    FieldErrorText, SelectField, SelectOption, SuccessNotice, TextField, action_errors,
    action_succeeded, described_by, field_message, invalid_attr,
};
pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use title::PageTitle;
