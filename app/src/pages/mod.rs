//! Pages that belong to no single feature.

mod accessibility;
mod error;
mod home;
mod not_found;
mod title;

pub use accessibility::AccessibilityPage;
pub use error::ErrorMessage;
pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use title::PageTitle;
