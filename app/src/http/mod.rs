//! What every feature's HTTP adapters share (server only): the REST API's acting user
//! (`actor`, a Bearer token), its problem+json errors and extractors (`problem`), its paging
//! and refusal lists (`common`), and the file downloads' session actor and answers
//! (`download`). Each feature keeps its own endpoints beside its service (`<feature>/rest`,
//! `<feature>/downloads.rs`) and declares them in its [`crate::feature::Feature`].

pub mod actor;
pub mod common;
pub mod contract;
pub mod download;
pub mod problem;

/// Where the REST API is mounted; the OpenAPI document lists its paths under it.
pub const API_PREFIX: &str = "/api/v1";
