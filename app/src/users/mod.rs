//! Users: accounts, roles, profiles (DESIGN §2, §9). Sign-in itself is in `auth`.

pub mod api;
#[cfg(feature = "ssr")]
pub mod csv;
pub mod detail;
pub mod domain;
pub mod pages;
pub mod profile;
#[cfg(feature = "ssr")]
pub mod service;
