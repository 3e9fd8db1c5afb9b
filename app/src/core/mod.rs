//! The leaf layer every feature builds on. It imports no feature (`auth`, `users`, `org`, …),
//! so any feature can use it without a cycle: errors, paging, web helpers and, on the server,
//! the shared state, transactions and time formatting.

pub mod api_reference;
pub mod error;
pub mod fraction;
pub mod import;
pub mod money;
pub mod named;
pub mod notice;
pub mod paging;
pub mod parse;
pub mod plurals;
pub mod spread;
pub mod web;

#[cfg(feature = "ssr")]
pub mod assets;
#[cfg(feature = "ssr")]
pub mod audit_trail;
#[cfg(feature = "ssr")]
pub mod clock;
#[cfg(feature = "ssr")]
pub mod csv_file;
#[cfg(feature = "ssr")]
pub mod digest;
#[cfg(feature = "ssr")]
pub mod links;
#[cfg(feature = "ssr")]
pub mod people;
#[cfg(feature = "ssr")]
pub mod search;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod timefmt;
#[cfg(feature = "ssr")]
pub mod txn;
