//! LUP's pages: server components that read through the service; the forms in them are the
//! one form island, and the attendance grid a plain form.

pub mod cohorts;
pub mod dashboard;
pub mod group;
mod labels;
