//! Users: accounts, roles and sign-in (DESIGN §2, §9).

pub mod api;
pub mod demo;
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
