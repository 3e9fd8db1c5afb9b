//! The Idéverket server: configuration, database, HTTP routes and operations. Business rules
//! and permissions live in the `app` crate's service layer; this crate wires them to HTTP.

pub mod api;
pub mod config;
pub mod csrf;
pub mod db;
pub mod downloads;
pub mod fn_status;
pub mod ops;
pub mod router;
