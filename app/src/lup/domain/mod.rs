//! LUP's pure rules (DESIGN §5): cohorts and gatherings, leader groups and their status,
//! members, coverage on a date and over time, targets, and the forecast of when they are
//! met. No I/O; the date comes in.

pub mod cohort;
pub mod coverage;
pub mod forecast;
pub mod group;
pub mod member;
pub mod permission;
pub mod scope;
pub mod target;
pub mod view;
