//! Pages that belong to no single feature.

mod accessibility;
mod home;
mod not_found;
mod search;

pub use accessibility::AccessibilityPage;
pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use search::SearchPage;
