//! The audit log (DESIGN §9): who did what to which object, when. Append-only.

pub mod api;
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
