//! Organisation: sectors (tjenesteområder) and service sites (tjenestesteder), DESIGN §3.

pub mod admin;
pub mod api;
#[cfg(feature = "ssr")]
pub mod csv;
pub mod demo;
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
