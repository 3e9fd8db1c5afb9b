//! Who is acting, and what they may do. Every service function calls [`authorize`] first.

pub mod domain;
#[cfg(feature = "ssr")]
pub mod service;

pub use domain::{Action, Actor, authorize};
