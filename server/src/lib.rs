//! The Idéverket server: configuration, database, HTTP routes and operations. Business rules
//! and permissions live in the `app` crate's service layer; this crate wires them to HTTP.
// Pages are rendered with their full view types (no `erase_components`), which nest deeply.
#![recursion_limit = "512"]

pub mod acting;
pub mod api;
pub mod body_limit;
pub mod config;
pub mod csrf;
pub mod db;
pub mod downloads;
pub mod fn_status;
pub mod headers;
pub mod island_loader;
pub mod net;
pub mod ops;
pub mod panic_guard;
pub mod refused_post;
pub mod router;
pub mod sso;
pub mod static_files;
