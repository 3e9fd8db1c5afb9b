//! The tables LUP owns (sea-orm entities: the database shape). No other feature reads
//! them.

pub mod lup_attendance;
pub mod lup_cohort;
pub mod lup_cohort_supervisor;
pub mod lup_gathering;
pub mod lup_group;
pub mod lup_group_member;
pub mod lup_target;
