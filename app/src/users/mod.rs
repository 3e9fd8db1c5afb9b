//! Users: accounts, roles and sign-in (DESIGN §2, §9).

pub mod api;
pub mod demo;
pub mod detail;
pub mod domain;
pub mod pages;
pub mod profile;
#[cfg(feature = "ssr")]
pub mod service;
