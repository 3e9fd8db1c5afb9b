//! The audit log (DESIGN §9): who did what to which object, when. Append-only.

#[cfg(feature = "ssr")]
pub mod service;
