//! sea-orm entities (the database shape). Domain types live in each feature's `domain.rs`;
//! conversion happens at the service edge.

pub mod api_token;
pub mod audit_log;
pub mod audit_subject;
pub mod login_failure;
pub mod mail_opt_out;
pub mod notification;
pub mod scheduled_job;
pub mod sector;
pub mod server_secret;
pub mod service_site;
pub mod session;
pub mod user;
pub mod user_identity;
pub mod user_role;
