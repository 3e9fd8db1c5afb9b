//! CSV import and export of service sites and users (DESIGN §3). An import checks every row
//! first and writes nothing when any row is bad; the report lists each bad row and why.

pub mod api;
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
