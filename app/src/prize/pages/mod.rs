//! The prize's pages (DESIGN §7): server components that read through the service; the
//! forms are the shared form island, the ceremony its own small island.

pub mod category;
pub mod gallery;
pub mod labels;
pub mod nominate;
pub mod nominations;
pub mod results;
pub mod years;
