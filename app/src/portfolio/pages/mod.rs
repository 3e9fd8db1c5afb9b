//! The portfolio's pages: server components that read through the service; the forms in them
//! are the one form island.

mod details;
pub mod ideas;
mod involvement;
mod labels;
pub mod portfolio;
pub mod programmes;
pub mod project;

pub use labels::{kind_label, kroner, number, partner_label, status_label};
