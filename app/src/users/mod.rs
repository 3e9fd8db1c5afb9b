//! Users: accounts, roles and sign-in (DESIGN §2, §9).

pub mod demo;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod service;
