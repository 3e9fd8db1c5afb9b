//! The portfolio's pure rules (DESIGN §4): phases and their transitions, ideas and their
//! assessment, projects, benefits and the summary arithmetic. No I/O; the date comes in.

pub mod benefit;
pub mod filter;
pub mod idea;
pub mod involvement;
pub mod permission;
pub mod phase;
pub mod programme;
pub mod project;
pub mod view;
