//! sea-orm entities (the database shape). Domain types live in each feature's `domain.rs`;
//! conversion happens at the service edge.

pub mod sector;
pub mod service_site;
