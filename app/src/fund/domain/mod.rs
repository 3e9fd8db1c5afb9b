//! The fund's pure rules (DESIGN §6): calls and their windows, applications and their
//! budget lines, reviews and conflicts, the council's ranking, the money rules, and the
//! follow-up of grants. No I/O.

pub mod application;
pub mod budget;
pub mod call;
pub mod followup;
pub mod permission;
pub mod ranking;
pub mod review;
pub mod view;
