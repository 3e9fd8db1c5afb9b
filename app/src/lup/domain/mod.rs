//! LUP's pure rules (DESIGN §5): cohorts and gatherings, leader groups and their status,
//! members, coverage on a date and over time, and targets. No I/O; the date comes in.

pub mod cohort;
pub mod coverage;
pub mod group;
pub mod member;
pub mod permission;
pub mod scope;
pub mod target;
pub mod view;
